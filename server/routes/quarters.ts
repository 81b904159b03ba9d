import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Quarter } from '../domain/fiscal.ts';
import { errors, idParams, readErrors } from '../schemas/common.ts';
import {
  Decision,
  DecisionInput,
  FileDownload,
  QuarterClose,
  QuarterParams,
  QuarterReopen,
  QuarterReview,
  QuarterSnapshotDetail,
  QuarterSnapshotSummary,
} from '../schemas/quarters.ts';
import * as service from '../services/quarters.ts';
import { contentDisposition, reportCsv, reportFileName } from '../services/quarter-exports.ts';
import { type RouteTable } from '../auth/rules.ts';
import type { JobFile } from '../workers/jobs.ts';
import { inExportDir, sendAndDelete } from '../workers/files.ts';
import { whileServerWorks } from '../timeouts.ts';

/** Quarterly review: closed by hq of the body, read (and its council report downloaded) by its readers. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const QUARTER_ROUTES = {
  list: { rule: { access: 'bodyReader' }, cost: 'read' },
  close: { rule: { access: 'bodyHq' }, cost: 'write' },
  get: { rule: { access: 'bodyReader' }, cost: 'read' },
  reopen: { rule: { access: 'bodyHq' }, cost: 'write' },
  decide: { rule: { access: 'bodyHq' }, cost: 'write' },
  review: { rule: { access: 'bodyReader' }, cost: 'heavy' },
  report: { rule: { access: 'bodyReader' }, cost: 'export' },
} as const satisfies RouteTable;

const fqOf = (p: { fiscalYear: number; quarter: number }) => ({ fiscalYear: p.fiscalYear, quarter: p.quarter as Quarter });

const quarters: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['quarters'];

  app.get('/bodies/:bodyId/quarters', {
    config: QUARTER_ROUTES.list,
    schema: { tags, summary: '締めた四半期の一覧（新しい順）', params: idParams('bodyId'), response: { 200: Type.Array(QuarterSnapshotSummary), ...readErrors } },
    handler: async (req) => service.listQuarters(db, req.params.bodyId),
  });

  app.post('/bodies/:bodyId/quarters', {
    config: QUARTER_ROUTES.close,
    schema: {
      tags,
      summary: '四半期を締める（最終日時点の状況を凍結。最終日の翌日から可能。締め済みなら 409）',
      params: idParams('bodyId'),
      body: QuarterClose,
      response: { 201: QuarterSnapshotSummary, ...errors },
    },
    handler: async (req, reply) => {
      const row = service.closeQuarter(db, req.params.bodyId, fqOf(req.body), req.principal!, app.today());
      return reply.status(201).send(row);
    },
  });

  app.get('/bodies/:bodyId/quarters/:fiscalYear/:quarter', {
    config: QUARTER_ROUTES.get,
    schema: {
      tags,
      summary: '締めた四半期の凍結データ（その時点のダッシュボード・取組・マイルストーン・指標）と対応方針',
      params: QuarterParams,
      response: { 200: QuarterSnapshotDetail, ...readErrors },
    },
    handler: async (req) => service.getQuarter(db, req.params.bodyId, fqOf(req.params)),
  });

  app.post('/bodies/:bodyId/quarters/:fiscalYear/:quarter/reopen', {
    config: QUARTER_ROUTES.reopen,
    schema: {
      tags,
      summary: '締めた四半期を再開する（理由必須、変更履歴に残ります）',
      params: QuarterParams,
      body: QuarterReopen,
      response: { 200: QuarterSnapshotSummary, ...errors },
    },
    handler: async (req) => service.reopenQuarter(db, req.params.bodyId, fqOf(req.params), req.principal!, req.body.reason.trim()),
  });

  app.put('/bodies/:bodyId/quarters/:fiscalYear/:quarter/decisions', {
    config: QUARTER_ROUTES.decide,
    schema: {
      tags,
      summary: '取組ごとの対応方針を記録する（締めた四半期に保存。空文字で消去）',
      params: QuarterParams,
      body: DecisionInput,
      response: { 200: Decision, ...errors },
    },
    handler: async (req) => service.setDecision(db, req.params.bodyId, fqOf(req.params), req.principal!, req.body),
  });

  app.get('/bodies/:bodyId/quarters/:fiscalYear/:quarter/review', {
    config: QUARTER_ROUTES.review,
    schema: {
      tags,
      summary: '四半期レビュー: 前の締めた四半期（なければ前四半期を現在のデータから算出）との比較と要約文',
      params: QuarterParams,
      response: { 200: QuarterReview, ...readErrors },
    },
    handler: async (req) => service.quarterReviewOf(db, req.params.bodyId, fqOf(req.params), app.today()),
  });

  const download = (ext: 'csv' | 'xlsx' | 'pdf', type: string, summary: string) =>
    app.get(`/bodies/:bodyId/quarters/:fiscalYear/:quarter/report.${ext}`, {
      config: QUARTER_ROUTES.report,
      schema: { tags, summary, params: QuarterParams, produces: [type], response: { 200: FileDownload, ...readErrors } },
      handler: async (req, reply) => {
        const send = (fileName: string, stream: unknown) =>
          reply.header('content-type', type).header('content-disposition', contentDisposition(fileName)).header('cache-control', 'no-store').send(stream as never);
        if (ext === 'csv') {
          const report = service.reportOf(db, req.params.bodyId, fqOf(req.params), app.today());
          return send(reportFileName(report, ext), reportCsv(report));
        }
        // Excel and PDF are built in a worker thread (server/workers/) into a file that is sent, then deleted.
        const job = { kind: 'quarterReport', format: ext, bodyId: req.params.bodyId, fq: fqOf(req.params), today: app.today() } as const;
        const { dir, value: file } = await whileServerWorks(req, () => inExportDir(app.importOptions.workDir, (dir) => app.workers.run<JobFile>('heavy', { ...job, dir })));
        return send(file.fileName, sendAndDelete(file.path, dir));
      },
    });
  download('csv', 'text/csv; charset=utf-8', '議会報告 CSV（UTF-8 BOM付き、マイルストーン1行ずつ）');
  download('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '議会報告 Excel（概要・取組一覧・マイルストーン・指標）');
  download('pdf', 'application/pdf', '議会報告 PDF（A4縦、日本語フォント埋め込み）');
};

export default quarters;
