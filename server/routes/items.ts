import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors, idParams, Page, readErrors, VersionQuery } from '../schemas/common.ts';
import { ItemSummary } from '../schemas/assessed.ts';
import { AsOfQuery, ItemCreate, ItemDetail, ItemListQuery, ItemUpdate } from '../schemas/items.ts';
import * as service from '../services/items.ts';
import { itemPlanHistory } from '../services/replans.ts';
import { ItemPlanHistory } from '../schemas/baselines.ts';
import { OFFICER_ITEM_FIELDS, type RouteTable } from '../auth/rules.ts';

/** Items: read by the body's readers, planned by hq; officers of the owning section update the notes. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const ITEM_ROUTES = {
  list: { rule: { access: 'bodyReader' }, cost: 'heavy' },
  get: { rule: { access: 'bodyReader' }, cost: 'read' },
  planHistory: { rule: { access: 'bodyReader' }, cost: 'read' },
  create: { rule: { access: 'bodyHq' }, cost: 'write' },
  update: { rule: { access: 'bodySection', officerFields: OFFICER_ITEM_FIELDS }, cost: 'write' },
  delete: { rule: { access: 'bodyHq' }, cost: 'write' },
} as const satisfies RouteTable;

const items: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const params = idParams('itemId');

  app.get('/bodies/:bodyId/items', {
    config: ITEM_ROUTES.list,
    schema: {
      tags: ['items'],
      summary: '団体の取組の一覧（状況は基準日時点で算出）',
      params: idParams('bodyId'),
      querystring: ItemListQuery,
      response: { 200: Page(ItemSummary), ...readErrors },
    },
    handler: async (req) => service.listItems(db, req.params.bodyId, req.query, req.query.asOf ?? app.today(), app.today()),
  });

  app.get('/items/:itemId', {
    config: ITEM_ROUTES.get,
    schema: {
      tags: ['items'],
      summary: '取組の詳細（マイルストーン・指標・国の期限）',
      params,
      querystring: AsOfQuery,
      response: { 200: ItemDetail, ...readErrors },
    },
    handler: async (req) => service.itemDetail(db, req.params.itemId, req.query.asOf ?? app.today(), app.today()),
  });

  app.get('/items/:itemId/plan-history', {
    config: ITEM_ROUTES.planHistory,
    schema: {
      tags: ['items'],
      summary: '取組の計画変更の履歴（マイルストーンの予定日：当初 → 変更1 → 変更2、指標の目標値。理由・変更者・日時つき）',
      params,
      querystring: AsOfQuery,
      response: { 200: ItemPlanHistory, ...readErrors },
    },
    handler: async (req) => itemPlanHistory(db, req.params.itemId, req.query.asOf ?? app.today(), app.today()),
  });

  app.post('/plans/:planId/items', {
    config: ITEM_ROUTES.create,
    schema: { tags: ['items'], summary: '取組の登録', params: idParams('planId'), body: ItemCreate, response: { 201: ItemDetail, ...errors } },
    handler: async (req, reply) => {
      const id = db.transaction(() => service.createItem(db, req.params.planId, req.body));
      return reply.status(201).send(service.itemDetail(db, id, app.today()));
    },
  });

  app.patch('/items/:itemId', {
    config: ITEM_ROUTES.update,
    schema: { tags: ['items'], summary: '取組の更新', params, body: ItemUpdate, response: { 200: ItemDetail, ...errors } },
    handler: async (req) => {
      db.transaction(() => service.updateItem(db, req.params.itemId, req.body));
      return service.itemDetail(db, req.params.itemId, app.today());
    },
  });

  app.delete('/items/:itemId', {
    config: ITEM_ROUTES.delete,
    schema: {
      tags: ['items'],
      summary: '取組の削除（マイルストーン・指標も削除。子の取組がある場合は不可）',
      params,
      querystring: VersionQuery,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      db.transaction(() => service.deleteItem(db, req.params.itemId, req.query.version));
      return reply.status(204).send(null);
    },
  });
};

export default items;
