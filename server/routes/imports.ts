/**
 * 進捗管理表の出力と一括取込 (issue 8): the editing workbook (xlsx, or one sheet as CSV), the upload (raw
 * request body, streamed to a file in the upload's own work directory, read row by row, checked as a dry
 * run), the stored preview, and the apply. See services/import-*.ts and docs/import-layout.md.
 *
 * The work directory is deleted on every path (stored, refused, unreadable, client gone); directories a
 * crash left are deleted when the app starts, and the retention period is applied then and every hour.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { AppError } from '../errors.ts';
import { errorRef, errors, idParams, readErrors } from '../schemas/common.ts';
import { ImportApplied, ImportParams, ImportPreview, ImportProgress, ImportUploadQuery, WorkbookCsvQuery, WorkbookQuery } from '../schemas/imports.ts';
import { FileDownload } from '../schemas/quarters.ts';
import { importPreview } from '../services/import-preview.ts';
import { expireImports, newWorkDir, RunningImports, startUpCleanup } from '../services/import-upload.ts';
import { contentDisposition } from '../services/quarter-exports.ts';
import { CSV_SHEETS, workbookCsv, workbookData, workbookFileName } from '../services/workbook-export.ts';
import { type RouteTable } from '../auth/rules.ts';
import { currentActor } from '../audit/context.ts';
import type { JobFile } from '../workers/jobs.ts';
import { inExportDir, sendAndDelete } from '../workers/files.ts';
import { whileServerWorks } from '../timeouts.ts';

/** 進捗管理表: the workbook for readers; uploads (dry run) by staff, each row checked against the uploader's role;
 * an upload is read and applied by its uploader or hq. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const IMPORT_ROUTES = {
  workbookXlsx: { rule: { access: 'bodyReader' }, cost: 'export' },
  workbookCsv: { rule: { access: 'bodyReader' }, cost: 'export' },
  upload: { rule: { access: 'bodyStaff' }, cost: 'upload' },
  preview: { rule: { access: 'importOwner' }, cost: 'read' },
  apply: { rule: { access: 'importOwner' }, cost: 'write' },
  progress: { rule: { access: 'authenticated' }, cost: 'read' },
} as const satisfies RouteTable;

/** Upload limit of a workbook or CSV (50 MB, about 200,000 milestone rows). */
export const IMPORT_LIMIT = 50 * 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Content types documented for the upload; any other is read as a raw stream too (the format is told by the bytes). */
const UPLOAD_TYPES = [XLSX_TYPE, 'text/csv', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream'];

const tooLarge = () => new AppError(413, 'BODY_TOO_LARGE', `ファイルが大きすぎます。${IMPORT_LIMIT / 1024 / 1024} MB 以下のファイルにしてください（シートを分けて取り込めます）。`);

/** Writes the request body to `path`, refusing more than IMPORT_LIMIT bytes (drained, not written). */
async function saveBody(body: Readable, path: string, received: (bytes: number) => void): Promise<void> {
  const out = createWriteStream(path);
  let bytes = 0;
  let over = false;
  try {
    for await (const chunk of body) {
      bytes += (chunk as Buffer).length;
      received(bytes);
      if (bytes > IMPORT_LIMIT) {
        over = true;
        if (bytes > 4 * IMPORT_LIMIT) break;
        continue;
      }
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
  if (over) throw tooLarge();
}

function fileNameOf(header: unknown): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (typeof raw !== 'string' || !raw) return 'upload';
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  // A name, not a path; no control characters.
  name = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...name].slice(0, 200).join('') || 'upload';
}

const imports: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['imports'];

  const { workDir, retentionDays } = app.importOptions;
  const running = new RunningImports();

  // Start-up: nothing is running yet, so work directories and unfinished imports are a crash's leftovers.
  const cleaned = startUpCleanup(db, workDir);
  if (cleaned.directories + cleaned.imports > 0) app.log.warn(cleaned, 'deleted imports a crash left unfinished');
  const expire = () => {
    const n = expireImports(db, retentionDays);
    if (n) app.log.info({ imports: n, retentionDays }, 'deleted the rows and previews of imports past the retention period');
  };
  expire();
  // Later sweeps through the group commit: they wait while a worker holds the write lock.
  const timer = setInterval(() => app.groupCommit.write(expire).catch((err) => app.log.error({ err }, 'import retention sweep failed')), 60 * 60 * 1000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  // Only in this plugin: a file arrives as a raw stream (whatever its Content-Type: .ods, .xls and
  // images get a message saying what they are), read by the handler after authorization. JSON keeps
  // Fastify's own parser (and a 415 below).
  app.addContentTypeParser(['text/plain', ...UPLOAD_TYPES], (_req, payload, done) => done(null, payload));
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

  app.get('/bodies/:bodyId/workbook.xlsx', {
    config: IMPORT_ROUTES.workbookXlsx,
    schema: {
      tags,
      summary: '進捗管理表（編集用 Excel）: 取組・マイルストーン・指標値に ID と版、記入方法。sectionId でその課の取組だけ',
      params: idParams('bodyId'),
      querystring: WorkbookQuery,
      produces: [XLSX_TYPE],
      response: { 200: FileDownload, ...readErrors },
    },
    // Read and written in a worker thread (server/workers/): 50,000 rows take seconds.
    handler: async (req, reply) => {
      const job = { kind: 'workbookXlsx', bodyId: req.params.bodyId, sectionId: req.query.sectionId ?? null, today: app.today() } as const;
      const { dir, value: file } = await whileServerWorks(req, () => inExportDir(workDir, (dir) => app.workers.run<JobFile>('heavy', { ...job, dir })));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition(file.fileName, 'workbook'))
        .header('cache-control', 'no-store')
        .send(sendAndDelete(file.path, dir) as never);
    },
  });

  app.get('/bodies/:bodyId/workbook.csv', {
    config: IMPORT_ROUTES.workbookCsv,
    schema: {
      tags,
      summary: '進捗管理表の1シートを CSV で（UTF-8 BOM付き、既定はマイルストーン）',
      params: idParams('bodyId'),
      querystring: WorkbookCsvQuery,
      produces: ['text/csv'],
      response: { 200: FileDownload, ...readErrors },
    },
    handler: async (req, reply) => {
      const today = app.today();
      const key = req.query.sheet ?? 'milestones';
      const data = workbookData(db, req.params.bodyId, req.query.sectionId ?? null, today);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(workbookFileName(data.bodyName, today, 'csv', CSV_SHEETS[key]), 'workbook'))
        .header('cache-control', 'no-store')
        .send(workbookCsv(data, key) as never);
    },
  });

  app.post('/bodies/:bodyId/imports', {
    config: IMPORT_ROUTES.upload,
    schema: {
      tags,
      summary: '進捗管理表の取込（確認）: ファイルを送信すると、変更内容（登録・更新・変更なし・競合・権限外・エラー）を返します。まだ何も変更しません',
      description:
        'ファイルは要求の本文にそのまま入れて送信します（multipart ではありません）。Content-Type は ' +
        `${XLSX_TYPE} または text/csv（文字コードは UTF-8 BOM付き・UTF-8・Shift_JIS を自動判別）。ファイル名は x-file-name ヘッダー（UTF-8 をパーセントエンコード）。上限 50 MB。`,
      params: idParams('bodyId'),
      querystring: ImportUploadQuery,
      consumes: UPLOAD_TYPES,
      response: { 201: ImportPreview, ...errors, 415: errorRef },
    },
    handler: async (req, reply) => {
      const body = req.body as unknown;
      if (!(body instanceof Readable)) {
        throw new AppError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Excel（.xlsx）または CSV のファイルを、Content-Type ${XLSX_TYPE} または text/csv で送信してください。`,
        );
      }
      const length = Number(req.headers['content-length']);
      if (Number.isFinite(length) && length > IMPORT_LIMIT) throw tooLarge();
      const { update, end } = running.begin(req.principal!.id, { kind: 'upload', bodyId: req.params.bodyId, importId: null });
      let dir: string | null = null;
      let preview;
      try {
        dir = await newWorkDir(workDir);
        const path = join(dir, 'upload');
        await saveBody(body, path, (bytesReceived) => update({ bytesReceived }));
        // The whole file has arrived (the idle timeout guarded its arrival): from here the connection is quiet
        // because the server works — reading and checking up to 100,000 rows (whileServerWorks).
        // Read, checked and stored in a worker thread (server/workers/), the write lock borrowed from the
        // group commit for the storing transaction; progress lands in `running` for the import page.
        const input = {
          bodyId: req.params.bodyId,
          sectionId: req.query.sectionId ?? null,
          principal: req.principal!,
          fileName: fileNameOf(req.headers['x-file-name']),
          path,
          workDir: dir,
          today: app.today(),
        };
        preview = await whileServerWorks(req, () => app.workers.run<ImportPreview>('heavy', { kind: 'upload', input, actor: currentActor()! }, { onProgress: update }));
      } finally {
        // Before the answer: the client may send its next file as soon as it has this one's.
        if (dir) await rm(dir, { recursive: true, force: true });
        end();
      }
      return reply.status(201).send(preview);
    },
  });

  app.get('/imports/:importId', {
    config: IMPORT_ROUTES.preview,
    schema: { tags, summary: '取込の確認結果（取り込んだ人と DX推進本部）', params: ImportParams, response: { 200: ImportPreview, ...readErrors } },
    handler: async (req) => importPreview(db, req.params.importId),
  });

  app.post('/imports/:importId/apply', {
    config: IMPORT_ROUTES.apply,
    schema: {
      tags,
      summary: '取込の反映: 現在のデータで確認し直し、競合・権限外・エラーがなければすべての行を1つのトランザクションで反映（変更履歴に「一括取込 #番号」）',
      params: ImportParams,
      response: { 200: ImportApplied, ...errors },
    },
    // Checked and applied in a worker thread, holding the write lock lent by the group commit
    // (db/group-commit.ts): no API write interleaves with it, every row is audited as the applier.
    handler: async (req) => {
      const importId = req.params.importId;
      const bodyId = req.targets[0]?.bodyId ?? 0;
      const { update, end } = running.begin(req.principal!.id, { kind: 'apply', bodyId, importId });
      try {
        const job = { kind: 'apply', importId, applier: req.principal!, today: app.today(), actor: currentActor()! } as const;
        return await whileServerWorks(req, () => app.workers.run<ImportApplied>('heavy', job, { onProgress: update }));
      } finally {
        end();
      }
    },
  });

  app.get('/imports/progress', {
    config: IMPORT_ROUTES.progress,
    schema: {
      tags,
      summary: '自分の実行中の取込（アップロードの確認・反映）の進み具合: 受け取ったバイト数、読み取った行、確認した行',
      response: { 200: ImportProgress, ...readErrors },
    },
    handler: async (req) => ({ running: running.of(req.principal!.id) }),
  });
};

export default imports;
