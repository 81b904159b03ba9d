import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getBody } from '../repositories/bodies.ts';
import * as repo from '../repositories/plans.ts';
import * as service from '../services/plans.ts';
import { errors, idParams, readErrors, VersionQuery } from '../schemas/common.ts';
import { Plan, PlanCreate, PlanUpdate } from '../schemas/plans.ts';
import { Baseline, BaselineCreate, BaselineCreated } from '../schemas/baselines.ts';
import * as baselines from '../services/baselines.ts';
import { type RouteTable } from '../auth/rules.ts';
import { NextPlanCreate, NextPlanCreated, NextPlanDraft } from '../schemas/plan-periods.ts';
import { nextPlanDraft, startNextPlan } from '../services/plan-periods.ts';

/** The plan's structure: read by the body's readers, changed by its hq. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const PLAN_ROUTES = {
  list: { rule: { access: 'bodyReader' }, cost: 'read' },
  create: { rule: { access: 'bodyHq' }, cost: 'write' },
  get: { rule: { access: 'bodyReader' }, cost: 'read' },
  update: { rule: { access: 'bodyHq' }, cost: 'write' },
  delete: { rule: { access: 'bodyHq' }, cost: 'write' },
  baselines: { rule: { access: 'bodyReader' }, cost: 'read' },
  setBaseline: { rule: { access: 'bodyHq' }, cost: 'write' },
  // 計画期間 (issue 20): what the next plan can carry over (the current plan's items), and starting it.
  nextPlanDraft: { rule: { access: 'bodyHq' }, cost: 'heavy' },
  startNextPlan: { rule: { access: 'bodyHq' }, cost: 'write' },
} as const satisfies RouteTable;

const plans: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const bodyParams = idParams('bodyId');
  const params = idParams('planId');

  app.get('/bodies/:bodyId/plans', {
    config: PLAN_ROUTES.list,
    schema: { tags: ['plans'], summary: '団体のDX推進計画の一覧', params: bodyParams, response: { 200: Type.Array(Plan), ...readErrors } },
    handler: async (req) => {
      getBody(db, req.params.bodyId);
      return repo.listPlans(db, req.params.bodyId);
    },
  });

  app.post('/bodies/:bodyId/plans', {
    config: PLAN_ROUTES.create,
    schema: { tags: ['plans'], summary: '計画の登録', params: bodyParams, body: PlanCreate, response: { 201: Plan, ...errors } },
    handler: async (req, reply) => reply.status(201).send(service.createPlan(db, req.params.bodyId, req.body)),
  });

  app.get('/plans/:planId', {
    config: PLAN_ROUTES.get,
    schema: { tags: ['plans'], summary: '計画', params, response: { 200: Plan, ...readErrors } },
    handler: async (req) => repo.getPlan(db, req.params.planId),
  });

  app.patch('/plans/:planId', {
    config: PLAN_ROUTES.update,
    schema: { tags: ['plans'], summary: '計画の更新', params, body: PlanUpdate, response: { 200: Plan, ...errors } },
    handler: async (req) => service.updatePlan(db, req.params.planId, req.body),
  });

  app.delete('/plans/:planId', {
    config: PLAN_ROUTES.delete,
    schema: {
      tags: ['plans'],
      summary: '計画の削除（取組がない場合のみ）',
      params,
      querystring: VersionQuery,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      service.deletePlan(db, req.params.planId, req.query.version);
      return reply.status(204).send(null);
    },
  });

  app.get('/plans/:planId/baselines', {
    config: PLAN_ROUTES.baselines,
    schema: { tags: ['plans'], summary: '基準計画（当初計画・計画改定）の一覧（古い順）', params, response: { 200: Type.Array(Baseline), ...readErrors } },
    handler: async (req) => baselines.listBaselines(db, req.params.planId),
  });

  app.post('/plans/:planId/baselines', {
    config: PLAN_ROUTES.setBaseline,
    schema: {
      tags: ['plans'],
      summary: '基準計画の設定（計画改定：改定日・理由・承認者が必要。当初計画は計画に一つだけ）',
      description: 'その時点のすべてのマイルストーンの予定日と指標の目標値を記録します。以後に追加したマイルストーンは「基準計画になし」と表示されます。',
      params,
      body: BaselineCreate,
      response: { 201: BaselineCreated, ...errors },
    },
    handler: async (req, reply) => {
      const b = req.body;
      const input = { kind: b.kind ?? ('revision' as const), setOn: b.setOn, reason: b.reason ?? '', approvedBy: b.approvedBy ?? '' };
      const created = db.transaction(() => baselines.setBaseline(db, req.params.planId, input, req.principal ?? null, app.today()));
      return reply.status(201).send(created);
    },
  });

  app.get('/plans/:planId/next-plan', {
    config: PLAN_ROUTES.nextPlanDraft,
    schema: {
      tags: ['plans'],
      summary: '次期計画の準備：現行の計画の取組と状況（未完了の取組は引き継ぐものとして選ばれています）',
      params,
      response: { 200: NextPlanDraft, ...errors },
    },
    handler: async (req) => nextPlanDraft(db, req.params.planId, app.today()),
  });

  app.post('/plans/:planId/next-plan', {
    config: PLAN_ROUTES.startNextPlan,
    schema: {
      tags: ['plans'],
      summary: '次期計画の開始（選んだ取組をマイルストーン・指標・履歴ごと引き継ぎ、現行の計画を終了して閲覧のみにします）',
      description:
        '一つのトランザクションで、現行の計画を終了（ended_on）し、新しい計画を登録し、選んだ取組（下位の取組と上位の見出しを含む）を ID のまま移し、新しい計画の当初計画を策定日で設定します。version は現行の計画のものです（古ければ 409）。',
      params,
      body: NextPlanCreate,
      response: { 201: NextPlanCreated, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(db.transaction(() => startNextPlan(db, req.params.planId, req.body, req.principal ?? null, app.today()))),
  });
};

export default plans;
