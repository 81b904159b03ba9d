import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import * as repo from '../repositories/kpis.ts';
import * as service from '../services/kpis.ts';
import { errors, idParams, Page, readErrors, VersionQuery } from '../schemas/common.ts';
import { Kpi, KpiCreate, KpiListQuery, KpiUpdate } from '../schemas/kpis.ts';
import { type RouteTable } from '../auth/rules.ts';

/** KPIs: read by the body's readers, defined by hq. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const KPI_ROUTES = {
  list: { rule: { access: 'bodyReader' }, cost: 'read' },
  create: { rule: { access: 'bodyHq' }, cost: 'write' },
  get: { rule: { access: 'bodyReader' }, cost: 'read' },
  update: { rule: { access: 'bodyHq' }, cost: 'write' },
  delete: { rule: { access: 'bodyHq' }, cost: 'write' },
} as const satisfies RouteTable;

const kpis: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const bodyParams = idParams('bodyId');
  const params = idParams('kpiId');

  app.get('/bodies/:bodyId/kpis', {
    config: KPI_ROUTES.list,
    schema: {
      tags: ['kpis'],
      summary: '団体の指標（KPI）一覧',
      params: bodyParams,
      querystring: KpiListQuery,
      response: { 200: Page(Kpi), ...readErrors },
    },
    handler: async (req) => service.listKpis(db, req.params.bodyId, req.query),
  });

  app.post('/bodies/:bodyId/kpis', {
    config: KPI_ROUTES.create,
    schema: {
      tags: ['kpis'],
      summary: '指標（KPI）の登録',
      description: '取組（itemId）を指定する場合は、この団体の計画の取組を指定します。基準年度は目標年度以前にしてください。',
      params: bodyParams,
      body: KpiCreate,
      response: { 201: Kpi, ...errors },
    },
    handler: async (req, reply) => {
      const created = db.transaction(() => service.createKpi(db, req.params.bodyId, req.body));
      return reply.status(201).send(created);
    },
  });

  app.get('/kpis/:kpiId', {
    config: KPI_ROUTES.get,
    schema: { tags: ['kpis'], summary: '指標（KPI）', params, response: { 200: Kpi, ...readErrors } },
    handler: async (req) => repo.getKpi(db, req.params.kpiId),
  });

  app.patch('/kpis/:kpiId', {
    config: KPI_ROUTES.update,
    schema: {
      tags: ['kpis'],
      summary: '指標（KPI）の更新',
      description: '読み込んだバージョン（version）と変更する項目を送信します。',
      params,
      body: KpiUpdate,
      response: { 200: Kpi, ...errors },
    },
    handler: async (req) => db.transaction(() => service.updateKpi(db, req.params.kpiId, req.body)),
  });

  app.delete('/kpis/:kpiId', {
    config: KPI_ROUTES.delete,
    schema: {
      tags: ['kpis'],
      summary: '指標（KPI）の削除（実績値もあわせて削除）',
      params,
      querystring: VersionQuery,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      db.transaction(() => service.deleteKpi(db, req.params.kpiId, req.query.version));
      return reply.status(204).send(null);
    },
  });
};

export default kpis;
