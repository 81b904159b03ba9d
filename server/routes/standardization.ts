import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { readableBodyIds } from '../auth/visibility.ts';
import * as service from '../services/standardization.ts';
import { errors, idParams, readErrors } from '../schemas/common.ts';
import {
  BodyAreaStep,
  BodyAreaStepParams,
  BodyAreaStepUpdate,
  BodyStandardization,
  StandardizationSummaryQuery,
  StandardizationSummaryRow,
} from '../schemas/standardization.ts';
import { type RouteTable } from '../auth/rules.ts';

/** Standardization progress: read by the body's readers, updated by the owning section (hq, officers). (rules: auth/policy.ts; costs: auth/rules.ts) */
export const STANDARDIZATION_ROUTES = {
  body: { rule: { access: 'bodyReader' }, cost: 'heavy' },
  updateStep: { rule: { access: 'bodySection' }, cost: 'write' },
  summary: { rule: { access: 'authenticated', filtered: true }, cost: 'heavy' },
} as const satisfies RouteTable;

const standardization: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['standardization'];

  app.get('/bodies/:bodyId/standardization', {
    config: STANDARDIZATION_ROUTES.body,
    schema: {
      tags,
      summary: '団体の標準化の進捗（業務×手順、総務省の完了率）',
      params: idParams('bodyId'),
      response: { 200: BodyStandardization, ...readErrors },
    },
    handler: async (req) => service.bodyStandardization(db, req.params.bodyId),
  });

  app.patch('/bodies/:bodyId/standardization/:areaId/steps/:stepId', {
    config: STANDARDIZATION_ROUTES.updateStep,
    schema: {
      tags,
      summary: '業務の手順の状況の更新',
      params: BodyAreaStepParams,
      body: BodyAreaStepUpdate,
      response: { 200: BodyAreaStep, ...errors },
    },
    handler: async (req) => {
      const { bodyId, areaId, stepId } = req.params;
      return service.updateBodyAreaStep(db, bodyId, areaId, stepId, req.body);
    },
  });

  app.get('/standardization/summary', {
    config: STANDARDIZATION_ROUTES.summary,
    schema: {
      tags,
      summary: '団体ごとの標準化の完了率（団体間の比較用。閲覧できる団体のみ）',
      querystring: StandardizationSummaryQuery,
      response: { 200: Type.Array(StandardizationSummaryRow), ...readErrors },
    },
    handler: async (req) => {
      const readable = readableBodyIds(db, req.principal!);
      return service.summary(db, req.query).filter((r) => readable === null || readable.has(r.bodyId));
    },
  });
};

export default standardization;
