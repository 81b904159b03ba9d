import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditEntry, BodyAuditQuery, ItemAuditQuery } from '../schemas/audit.ts';
import { idParams, Page, readErrors } from '../schemas/common.ts';
import * as service from '../services/audit.ts';
import { type RouteTable } from '../auth/rules.ts';

/** 変更履歴: the whole body's log for hq; an item's log for its readers. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const AUDIT_ROUTES = {
  body: { rule: { access: 'bodyHq' }, cost: 'heavy' },
  item: { rule: { access: 'bodyReader' }, cost: 'heavy' },
} as const satisfies RouteTable;

const audit: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['audit'];
  const description =
    '変更履歴は追記のみで、変更・削除する手段はありません（データベースのトリガーが UPDATE / DELETE を拒否します）。' +
    '更新系の要求に x-audit-note ヘッダー（UTF-8をパーセントエンコード）を付けると、変更理由として記録されます。';

  app.get('/bodies/:bodyId/audit', {
    config: AUDIT_ROUTES.body,
    schema: {
      tags,
      summary: '団体の変更履歴（新しい順、絞り込み可。DX推進本部・システム管理者）',
      description,
      params: idParams('bodyId'),
      querystring: BodyAuditQuery,
      response: { 200: Page(AuditEntry), ...readErrors },
    },
    handler: async (req) => service.bodyAudit(db, req.params.bodyId, req.query),
  });

  app.get('/items/:itemId/audit', {
    config: AUDIT_ROUTES.item,
    schema: {
      tags,
      summary: '取組の変更履歴（取組・マイルストーン・指標・実績値・確認。新しい順）',
      description,
      params: idParams('itemId'),
      querystring: ItemAuditQuery,
      response: { 200: Page(AuditEntry), ...readErrors },
    },
    handler: async (req) => service.itemAudit(db, req.params.itemId, req.query),
  });
};

export default audit;
