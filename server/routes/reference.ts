import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../db/client.ts';
import { compareIsoDates } from '../domain/dates.ts';
import { AppError, invalidField } from '../errors.ts';
import { findBody } from '../repositories/bodies.ts';
import * as repo from '../repositories/reference.ts';
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

// ---- rules for national deadlines and their extensions -----------------------------------------
// (kept beside the routes: the reference resource has no service module of its own)

function checkDeadlineCodeFree(db: Db, code: string, selfId?: number) {
  const other = repo.findDeadlineByCode(db, code);
  if (other && other.id !== selfId) throw new AppError(409, 'DUPLICATE', `期限コード「${code}」はすでに登録されています。`);
}

function checkCategory(db: Db, categoryId: number | null | undefined) {
  if (categoryId == null) return;
  if (!repo.findCategory(db, categoryId)) {
    throw invalidField('categoryId', 'notFound', `分野（categoryId: ${categoryId}）は登録されていません。`);
  }
}

function createDeadline(db: Db, input: NationalDeadlineCreate) {
  checkDeadlineCodeFree(db, input.code);
  checkCategory(db, input.categoryId);
  return repo.getDeadline(db, repo.insertDeadline(db, input).id);
}

/** The original date may be corrected, but never to on or after an extension granted from it. */
function updateDeadline(db: Db, id: number, patch: NationalDeadlineUpdate) {
  repo.getDeadlineRow(db, id);
  if (patch.code !== undefined) checkDeadlineCodeFree(db, patch.code, id);
  checkCategory(db, patch.categoryId);
  if (patch.dueDate !== undefined) {
    const earliest = repo.earliestExtensionDate(db, id);
    if (earliest !== null && compareIsoDates(patch.dueDate, earliest) >= 0) {
      throw invalidField(
        'dueDate',
        'afterExtension',
        `期限（dueDate: ${patch.dueDate}）は、この期限に登録された延長後の期限（${earliest}）より前の日付にしてください。`,
      );
    }
  }
  repo.updateDeadline(db, id, patch);
  return repo.getDeadline(db, id);
}

/**
 * An extension names a body, an item, or both (an item of that body); it must push the deadline
 * later. The deadline row itself is never changed.
 */
function createExtension(db: Db, deadlineId: number, input: DeadlineExtensionCreate) {
  const deadline = repo.getDeadlineRow(db, deadlineId);
  const bodyId = input.bodyId ?? null;
  const itemId = input.itemId ?? null;
  if (bodyId === null && itemId === null) {
    const message = '延長の対象として、団体（bodyId）または取組（itemId）の少なくとも一方を指定してください。';
    throw new AppError(400, 'VALIDATION_ERROR', message, [
      { field: 'bodyId', code: 'scope', message },
      { field: 'itemId', code: 'scope', message },
    ]);
  }
  if (bodyId !== null && !findBody(db, bodyId)) {
    throw invalidField('bodyId', 'notFound', `団体（bodyId: ${bodyId}）は登録されていません。`);
  }
  if (itemId !== null) {
    const item = repo.findItemWithBody(db, itemId);
    if (!item) throw invalidField('itemId', 'notFound', `取組（itemId: ${itemId}）は登録されていません。`);
    if (bodyId !== null && item.bodyId !== bodyId) {
      throw invalidField('itemId', 'otherBody', `取組「${item.title}」（itemId: ${itemId}）は指定された団体（bodyId: ${bodyId}）の取組ではありません。`);
    }
  }
  if (compareIsoDates(input.extendedDueDate, deadline.dueDate) <= 0) {
    throw invalidField(
      'extendedDueDate',
      'afterDueDate',
      `延長後の期限（extendedDueDate: ${input.extendedDueDate}）は元の期限（${deadline.dueDate}）より後の日付にしてください。`,
    );
  }
  const row = repo.insertExtension(db, { ...input, bodyId, itemId, deadlineId });
  return repo.getExtensionView(db, row.id);
}

// ---- routes ------------------------------------------------------------------------------------

const reference: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['reference'];
  const deadlineParams = idParams('deadlineId');
  const stepParams = idParams('stepId');

  app.get('/categories', {
    schema: { tags, summary: '取組分野の一覧（表示順）', response: { 200: Type.Array(Category), ...readErrors } },
    handler: async () => repo.listCategories(db),
  });

  app.get('/national-deadlines', {
    schema: {
      tags,
      summary: '国が掲げる目標時期の一覧（延長を含む）',
      querystring: NationalDeadlineListQuery,
      response: { 200: Type.Array(NationalDeadline), ...readErrors },
    },
    handler: async (req) => repo.listDeadlines(db, req.query),
  });

  app.get('/national-deadlines/:deadlineId', {
    schema: { tags, summary: '国が掲げる目標時期（延長を含む）', params: deadlineParams, response: { 200: NationalDeadline, ...readErrors } },
    handler: async (req) => repo.getDeadline(db, req.params.deadlineId),
  });

  app.post('/national-deadlines', {
    schema: { tags, summary: '国の期限の登録', body: NationalDeadlineCreate, response: { 201: NationalDeadline, ...errors } },
    handler: async (req, reply) => reply.status(201).send(createDeadline(db, req.body)),
  });

  app.patch('/national-deadlines/:deadlineId', {
    schema: {
      tags,
      summary: '国の期限の更新',
      params: deadlineParams,
      body: NationalDeadlineUpdate,
      response: { 200: NationalDeadline, ...errors },
    },
    handler: async (req) => updateDeadline(db, req.params.deadlineId, req.body),
  });

  app.post('/national-deadlines/:deadlineId/extensions', {
    schema: {
      tags,
      summary: '期限の延長の登録（団体または取組ごと、元の期限は変更しない）',
      params: deadlineParams,
      body: DeadlineExtensionCreate,
      response: { 201: DeadlineExtension, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(createExtension(db, req.params.deadlineId, req.body)),
  });

  app.delete('/deadline-extensions/:extensionId', {
    schema: { tags, summary: '期限の延長の削除', params: idParams('extensionId'), response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      repo.deleteExtension(db, req.params.extensionId);
      return reply.status(204).send(null);
    },
  });

  app.get('/business-areas', {
    schema: { tags, summary: '標準化対象20業務の一覧', response: { 200: Type.Array(BusinessArea), ...readErrors } },
    handler: async () => repo.listBusinessAreas(db),
  });

  app.get('/standardization-steps', {
    schema: { tags, summary: '標準化の手順テンプレート（表示順）', response: { 200: Type.Array(StandardizationStep), ...readErrors } },
    handler: async () => repo.listSteps(db),
  });

  app.post('/standardization-steps', {
    schema: {
      tags,
      summary: '手順の追加（全団体の全業務に未着手で追加）',
      body: StandardizationStepCreate,
      response: { 201: StandardizationStep, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(standardization.createStep(db, req.body)),
  });

  app.patch('/standardization-steps/:stepId', {
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
