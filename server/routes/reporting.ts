/**
 * 報告期限 and 報告のお知らせ (issue 20 item 4): HQ sets each quarter's due date; staff see what still needs
 * their word; HQ sees the reminder mails sent (services/reminders.ts). Who is late: reporting-status (updates.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { RouteTable } from '../auth/rules.ts';
import { fiscalQuarterLabel, fiscalQuarterOf, quarterFromIndex, quarterIndex, type Quarter } from '../domain/fiscal.ts';
import { DEFAULT_DAYS_AFTER_QUARTER, defaultDueDate, dueDateProblem } from '../domain/reporting.ts';
import { AppError, notFound } from '../errors.ts';
import { getBody } from '../repositories/bodies.ts';
import * as repo from '../repositories/reporting.ts';
import { errors, idParams, readErrors } from '../schemas/common.ts';
import { QuarterParams } from '../schemas/quarters.ts';
import { MailLogEntry, Reminders, ReportingWindow, ReportingWindows, ReportingWindowSet } from '../schemas/reporting.ts';
import { remindersFor, sendReminders } from '../services/reminders.ts';

/** (rules: auth/policy.ts; costs: auth/rules.ts) */
export const REPORTING_ROUTES = {
  windows: { rule: { access: 'bodyReader' }, cost: 'read' },
  setWindow: { rule: { access: 'bodyHq' }, cost: 'write' },
  deleteWindow: { rule: { access: 'bodyHq' }, cost: 'write' },
  reminders: { rule: { access: 'bodyStaff' }, cost: 'read' },
  mailLog: { rule: { access: 'bodyHq' }, cost: 'read' },
  sendNow: { rule: { access: 'admin' }, cost: 'write' },
} as const satisfies RouteTable;

const fqOf = (p: { fiscalYear: number; quarter: number }) => ({ fiscalYear: p.fiscalYear, quarter: p.quarter as Quarter });
const withLabel = (w: ReturnType<typeof repo.listWindows>[number]) => ({
  id: w.id,
  fiscalYear: w.fiscalYear,
  quarter: w.quarter,
  label: fiscalQuarterLabel(fqOf(w)),
  dueDate: w.dueDate,
  updatedAt: w.updatedAt,
});

const reporting: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['updates'];

  app.get('/bodies/:bodyId/reporting-windows', {
    config: REPORTING_ROUTES.windows,
    schema: { tags, summary: '報告期限の一覧（と、未設定の今期・来期の既定の期限）', params: idParams('bodyId'), response: { 200: ReportingWindows, ...readErrors } },
    handler: async (req) => {
      getBody(db, req.params.bodyId);
      const windows = repo.listWindows(db, req.params.bodyId);
      const current = quarterIndex(fiscalQuarterOf(app.today()));
      const suggestions = [current - 1, current, current + 1]
        .map(quarterFromIndex)
        .filter((fq) => !windows.some((w) => w.fiscalYear === fq.fiscalYear && w.quarter === fq.quarter))
        .map((fq) => ({ ...fq, label: fiscalQuarterLabel(fq), dueDate: defaultDueDate(fq) }));
      return { windows: windows.map(withLabel), defaultDaysAfterQuarter: DEFAULT_DAYS_AFTER_QUARTER, suggestions };
    },
  });

  app.put('/bodies/:bodyId/reporting-windows/:fiscalYear/:quarter', {
    config: REPORTING_ROUTES.setWindow,
    schema: {
      tags,
      summary: '四半期の報告期限の設定（DX推進本部）',
      description: '期限までの更新と「変更なし」は、その四半期の報告に数えます。期限の7日前と前日に未報告のDX推進員へ、期限後にDX推進本部へメールを送ります（SMTP_URL の設定時）。',
      params: QuarterParams,
      body: ReportingWindowSet,
      response: { 200: ReportingWindow, ...errors },
    },
    handler: async (req) => {
      const fq = fqOf(req.params);
      const problem = dueDateProblem(fq, req.body.dueDate);
      if (problem) throw new AppError(400, 'VALIDATION_ERROR', problem, [{ field: 'dueDate', code: 'dueDate', message: problem }]);
      return withLabel(repo.upsertWindow(db, req.params.bodyId, fq, req.body.dueDate));
    },
  });

  app.delete('/bodies/:bodyId/reporting-windows/:fiscalYear/:quarter', {
    config: REPORTING_ROUTES.deleteWindow,
    schema: { tags, summary: '四半期の報告期限の取り消し', params: QuarterParams, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      const w = repo.windowOf(db, req.params.bodyId, fqOf(req.params));
      if (!w) throw notFound('報告期限', `${req.params.fiscalYear}-${req.params.quarter}`);
      repo.deleteWindow(db, w.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/bodies/:bodyId/reminders', {
    config: REPORTING_ROUTES.reminders,
    schema: {
      tags,
      summary: '報告のお知らせ: いま報告を求められている四半期、その期限、まだ報告のない取組（DX推進員は担当課の取組）',
      params: idParams('bodyId'),
      response: { 200: Reminders, ...readErrors },
    },
    handler: async (req) => remindersFor(db, req.params.bodyId, req.principal!, app.today()),
  });

  app.post('/reminders/send', {
    config: REPORTING_ROUTES.sendNow,
    schema: {
      tags,
      summary: '今日のお知らせメールをいま送る（システム管理者。送信の確認用。通常は起動時と1時間ごと）',
      description: '同じ人へのメールは1日1通までです（今日すでに送った人には送りません）。SMTP_URL が未設定なら 409。',
      response: { 200: Type.Object({ sent: Type.Integer(), failed: Type.Integer(), skipped: Type.Integer() }), ...errors },
    },
    handler: async () => {
      if (!app.mailer) throw new AppError(409, 'MAIL_NOT_CONFIGURED', 'メールの送信先（SMTP_URL・MAIL_FROM）が設定されていません。');
      // Its writes come after awaits (sending): through the group commit, which waits while a worker holds the write lock.
      return sendReminders(db, app.mailer, app.today(), new Date(app.now()), app.publicOrigin, (fn) => app.groupCommit.write(fn));
    },
  });

  app.get('/bodies/:bodyId/mail-log', {
    config: REPORTING_ROUTES.mailLog,
    schema: { tags, summary: '送信したお知らせメールの記録（DX推進本部）', params: idParams('bodyId'), response: { 200: Type.Array(MailLogEntry), ...readErrors } },
    handler: async (req) => {
      getBody(db, req.params.bodyId);
      return repo.mailLogOf(db, req.params.bodyId).map(({ day: _d, bodyId: _b, ...m }) => m);
    },
  });
};

export default reporting;
