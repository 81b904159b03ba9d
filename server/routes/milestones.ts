import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import * as repo from '../repositories/milestones.ts';
import * as service from '../services/milestones.ts';
import { errors, idParams, readErrors, VersionQuery } from '../schemas/common.ts';
import { Milestone, MilestoneCreate, MilestoneUpdate } from '../schemas/milestones.ts';
import { OFFICER_MILESTONE_FIELDS, type RouteTable } from '../auth/rules.ts';

/** Milestones: planned by hq; officers of the owning section update progress (status, actual dates, note). (rules: auth/policy.ts; costs: auth/rules.ts) */
export const MILESTONE_ROUTES = {
  list: { rule: { access: 'bodyReader' }, cost: 'read' },
  create: { rule: { access: 'bodyHq' }, cost: 'write' },
  get: { rule: { access: 'bodyReader' }, cost: 'read' },
  update: { rule: { access: 'bodySection', officerFields: OFFICER_MILESTONE_FIELDS }, cost: 'write' },
  delete: { rule: { access: 'bodyHq' }, cost: 'write' },
} as const satisfies RouteTable;

const milestones: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const itemParams = idParams('itemId');
  const params = idParams('milestoneId');

  app.get('/items/:itemId/milestones', {
    config: MILESTONE_ROUTES.list,
    schema: {
      tags: ['milestones'],
      summary: '取組のマイルストーン一覧（表示順・予定日順）',
      params: itemParams,
      response: { 200: Type.Array(Milestone), ...readErrors },
    },
    handler: async (req) => service.listMilestones(db, req.params.itemId),
  });

  app.post('/items/:itemId/milestones', {
    config: MILESTONE_ROUTES.create,
    schema: {
      tags: ['milestones'],
      summary: 'マイルストーンの登録',
      description: '状況（status）を省略すると未着手、実績日（actualDate）だけを指定すると完了として登録します。',
      params: itemParams,
      body: MilestoneCreate,
      response: { 201: Milestone, ...errors },
    },
    handler: async (req, reply) => {
      const created = db.transaction(() => service.createMilestone(db, req.params.itemId, req.body, app.today()));
      return reply.status(201).send(created);
    },
  });

  app.get('/milestones/:milestoneId', {
    config: MILESTONE_ROUTES.get,
    schema: { tags: ['milestones'], summary: 'マイルストーン', params, response: { 200: Milestone, ...readErrors } },
    handler: async (req) => repo.getMilestone(db, req.params.milestoneId),
  });

  app.patch('/milestones/:milestoneId', {
    config: MILESTONE_ROUTES.update,
    schema: {
      tags: ['milestones'],
      summary: 'マイルストーンの更新',
      description: '読み込んだバージョン（version）と変更する項目を送信します。日付は null で取り消せます。完了から戻す場合は実績日に null を指定してください。',
      params,
      body: MilestoneUpdate,
      response: { 200: Milestone, ...errors },
    },
    handler: async (req) => db.transaction(() => service.updateMilestone(db, req.params.milestoneId, req.body, app.today())),
  });

  app.delete('/milestones/:milestoneId', {
    config: MILESTONE_ROUTES.delete,
    schema: {
      tags: ['milestones'],
      summary: 'マイルストーンの削除',
      params,
      querystring: VersionQuery,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      db.transaction(() => service.deleteMilestone(db, req.params.milestoneId, req.query.version));
      return reply.status(204).send(null);
    },
  });
};

export default milestones;
