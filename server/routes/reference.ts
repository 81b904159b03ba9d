import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { readableExtensions } from '../auth/visibility.ts';
import * as repo from '../repositories/reference.ts';
import * as service from '../services/reference.ts';
import * as standardization from '../services/standardization.ts';
import { errors, idParams, readErrors } from '../schemas/common.ts';
import {
  BusinessArea,
  Category,
  DeadlineExtension,
  DeadlineExtensionCreate,
  NationalDeadline,
  NationalDeadlineCreate,
  NationalDeadlineListQuery,
  NationalDeadlineUpdate,
  StandardizationStep,
  StandardizationStepCreate,
  StandardizationStepUpdate,
} from '../schemas/reference.ts';
import { type RouteTable } from '../auth/rules.ts';

/** Global reference data: everyone signed in reads, admin writes; extensions belong to a body (its hq). (rules: auth/policy.ts; costs: auth/rules.ts) */
export const REFERENCE_ROUTES = {
  categories: { rule: { access: 'authenticated' }, cost: 'read' },
  deadlines: { rule: { access: 'authenticated', filtered: true }, cost: 'read' },
  deadline: { rule: { access: 'authenticated', filtered: true }, cost: 'read' },
  createDeadline: { rule: { access: 'admin' }, cost: 'write' },
  updateDeadline: { rule: { access: 'admin' }, cost: 'write' },
  createExtension: { rule: { access: 'bodyHq', targetsFromBody: true }, cost: 'write' },
  deleteExtension: { rule: { access: 'bodyHq' }, cost: 'write' },
  businessAreas: { rule: { access: 'authenticated' }, cost: 'read' },
  steps: { rule: { access: 'authenticated' }, cost: 'read' },
  createStep: { rule: { access: 'admin' }, cost: 'write' },
  updateStep: { rule: { access: 'admin' }, cost: 'write' },
} as const satisfies RouteTable;

const reference: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['reference'];
  const deadlineParams = idParams('deadlineId');
  const stepParams = idParams('stepId');

  app.get('/categories', {
    config: REFERENCE_ROUTES.categories,
    schema: { tags, summary: '取組分野の一覧（表示順）', response: { 200: Type.Array(Category), ...readErrors } },
    handler: async () => repo.listCategories(db),
  });

  app.get('/national-deadlines', {
    config: REFERENCE_ROUTES.deadlines,
    schema: {
      tags,
      summary: '国が掲げる目標時期の一覧（延長を含む）',
      querystring: NationalDeadlineListQuery,
      response: { 200: Type.Array(NationalDeadline), ...readErrors },
    },
    handler: async (req) =>
      repo.listDeadlines(db, req.query).map((d) => ({ ...d, extensions: readableExtensions(db, req.principal!, d.extensions) })),
  });

  app.get('/national-deadlines/:deadlineId', {
    config: REFERENCE_ROUTES.deadline,
    schema: { tags, summary: '国が掲げる目標時期（延長を含む）', params: deadlineParams, response: { 200: NationalDeadline, ...readErrors } },
    handler: async (req) => {
      const d = repo.getDeadline(db, req.params.deadlineId);
      return { ...d, extensions: readableExtensions(db, req.principal!, d.extensions) };
    },
  });

  app.post('/national-deadlines', {
    config: REFERENCE_ROUTES.createDeadline,
    schema: { tags, summary: '国の期限の登録', body: NationalDeadlineCreate, response: { 201: NationalDeadline, ...errors } },
    handler: async (req, reply) => reply.status(201).send(service.createDeadline(db, req.body)),
  });

  app.patch('/national-deadlines/:deadlineId', {
    config: REFERENCE_ROUTES.updateDeadline,
    schema: {
      tags,
      summary: '国の期限の更新',
      params: deadlineParams,
      body: NationalDeadlineUpdate,
      response: { 200: NationalDeadline, ...errors },
    },
    handler: async (req) => service.updateDeadline(db, req.params.deadlineId, req.body),
  });

  app.post('/national-deadlines/:deadlineId/extensions', {
    config: REFERENCE_ROUTES.createExtension,
    schema: {
      tags,
      summary: '期限の延長の登録（団体または取組ごと、元の期限は変更しない）',
      params: deadlineParams,
      body: DeadlineExtensionCreate,
      response: { 201: DeadlineExtension, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(service.createExtension(db, req.params.deadlineId, req.body)),
  });

  app.delete('/deadline-extensions/:extensionId', {
    config: REFERENCE_ROUTES.deleteExtension,
    schema: { tags, summary: '期限の延長の削除', params: idParams('extensionId'), response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      repo.deleteExtension(db, req.params.extensionId);
      return reply.status(204).send(null);
    },
  });

  app.get('/business-areas', {
    config: REFERENCE_ROUTES.businessAreas,
    schema: { tags, summary: '標準化対象20業務の一覧', response: { 200: Type.Array(BusinessArea), ...readErrors } },
    handler: async () => repo.listBusinessAreas(db),
  });

  app.get('/standardization-steps', {
    config: REFERENCE_ROUTES.steps,
    schema: { tags, summary: '標準化の手順テンプレート（表示順）', response: { 200: Type.Array(StandardizationStep), ...readErrors } },
    handler: async () => repo.listSteps(db),
  });

  app.post('/standardization-steps', {
    config: REFERENCE_ROUTES.createStep,
    schema: {
      tags,
      summary: '手順の追加（全団体の全業務に未着手で追加）',
      body: StandardizationStepCreate,
      response: { 201: StandardizationStep, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(standardization.createStep(db, req.body)),
  });

  app.patch('/standardization-steps/:stepId', {
    config: REFERENCE_ROUTES.updateStep,
    schema: {
      tags,
      summary: '手順の更新（フェーズ・名称・表示順）',
      params: stepParams,
      body: StandardizationStepUpdate,
      response: { 200: StandardizationStep, ...errors },
    },
    handler: async (req) => standardization.updateStep(db, req.params.stepId, req.body),
  });
};

export default reference;
