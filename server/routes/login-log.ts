/** ログイン記録: every record for admin; the records of a body's users for its hq (auth/login-log.ts). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listLoginLog } from '../auth/login-log.ts';
import type { RouteTable } from '../auth/rules.ts';
import { idParams, Page, readErrors } from '../schemas/common.ts';
import { LoginLogEntry, LoginLogQuery } from '../schemas/login-log.ts';

/** Admin reads the whole log; hq of a body reads its users' records. */
export const LOGIN_LOG_ROUTES = {
  all: { rule: { access: 'admin' }, cost: 'heavy' },
  body: { rule: { access: 'bodyHq' }, cost: 'heavy' },
} as const satisfies RouteTable;

const loginLog: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['auth'];
  const description =
    'ログイン・ログイン失敗・ロック（失敗が続いたための一時停止）・停止中の拒否・ログアウト・パスワードの変更と再設定・利用停止と再開の記録（新しい順）。' +
    '保存期間は LOGIN_LOG_RETENTION_DAYS（既定365日）で、過ぎたものは削除されます。';

  app.get('/login-log', {
    config: LOGIN_LOG_ROUTES.all,
    schema: { tags, summary: 'ログイン記録（すべて。システム管理者）', description, querystring: LoginLogQuery, response: { 200: Page(LoginLogEntry), ...readErrors } },
    handler: async (req) => listLoginLog(db, null, req.query),
  });

  app.get('/bodies/:bodyId/login-log', {
    config: LOGIN_LOG_ROUTES.body,
    schema: {
      tags,
      summary: '団体の利用者のログイン記録（DX推進本部・システム管理者）',
      description: `${description} 団体に所属する利用者（記録した時点の所属）の記録だけです。存在しないユーザー名での失敗はシステム管理者だけが見られます。`,
      params: idParams('bodyId'),
      querystring: LoginLogQuery,
      response: { 200: Page(LoginLogEntry), ...readErrors },
    },
    handler: async (req) => listLoginLog(db, req.params.bodyId, req.query),
  });
};

export default loginLog;
