import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import * as service from '../services/kpis.ts';
import { errors, idParams, readErrors, VersionQuery } from '../schemas/common.ts';
import { KpiValue, KpiValueCreate, KpiValueUpdate } from '../schemas/kpis.ts';
import { type RouteTable } from '../auth/rules.ts';

/** KPI actuals: officers of the owning section, and hq. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const KPI_VALUE_ROUTES = {
  list: { rule: { access: 'bodyReader' }, cost: 'read' },
  create: { rule: { access: 'bodySection' }, cost: 'write' },
  update: { rule: { access: 'bodySection' }, cost: 'write' },
  delete: { rule: { access: 'bodySection' }, cost: 'write' },
} as const satisfies RouteTable;

const kpiValues: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const kpiParams = idParams('kpiId');
  const params = idParams('valueId');

  app.get('/kpis/:kpiId/values', {
    config: KPI_VALUE_ROUTES.list,
    schema: {
      tags: ['kpis'],
      summary: '指標の実績値一覧（年度・四半期順）',
      params: kpiParams,
      response: { 200: Type.Array(KpiValue), ...readErrors },
    },
    handler: async (req) => service.listKpiValues(db, req.params.kpiId),
  });

  app.post('/kpis/:kpiId/values', {
    config: KPI_VALUE_ROUTES.create,
    schema: {
      tags: ['kpis'],
      summary: '指標の実績値の登録',
      description: '四半期（quarter）は1〜4、年度（通年）の値は0。同じ期間の値がすでにある場合は409（details.current に登録済みの値）。',
      params: kpiParams,
      body: KpiValueCreate,
      response: { 201: KpiValue, ...errors },
    },
    handler: async (req, reply) => {
      const created = db.transaction(() => service.createKpiValue(db, req.params.kpiId, req.body));
      return reply.status(201).send(created);
    },
  });

  app.patch('/kpi-values/:valueId', {
    config: KPI_VALUE_ROUTES.update,
    schema: {
      tags: ['kpis'],
      summary: '指標の実績値の更新',
      description: '読み込んだバージョン（version）と、値（value）・備考（note）の少なくとも一方を送信します。',
      params,
      body: KpiValueUpdate,
      response: { 200: KpiValue, ...errors },
    },
    handler: async (req) => db.transaction(() => service.updateKpiValue(db, req.params.valueId, req.body)),
  });

  app.delete('/kpi-values/:valueId', {
    config: KPI_VALUE_ROUTES.delete,
    schema: {
      tags: ['kpis'],
      summary: '指標の実績値の削除',
      params,
      querystring: VersionQuery,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      db.transaction(() => service.deleteKpiValue(db, req.params.valueId, req.query.version));
      return reply.status(204).send(null);
    },
  });
};

export default kpiValues;
