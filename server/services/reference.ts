/**
 * Rules for national deadlines and their extensions: unique codes, existing categories, an original date
 * kept before every extension granted from it, and extensions that name a body and/or an item of it and
 * push the deadline later. The deadline row itself is never changed by an extension.
 */
import type { Db } from '../db/client.ts';
import { compareIsoDates } from '../domain/dates.ts';
import { AppError, invalidField } from '../errors.ts';
import { findBody } from '../repositories/bodies.ts';
import * as repo from '../repositories/reference.ts';
import type { DeadlineExtensionCreate, NationalDeadlineCreate, NationalDeadlineUpdate } from '../schemas/reference.ts';

function checkDeadlineCodeFree(db: Db, code: string, selfId?: number) {
  const other = repo.findDeadlineByCode(db, code);
  if (other && other.id !== selfId) throw new AppError(409, 'DUPLICATE', `この期限コードはすでに登録されています（別のコードを指定してください）。`);
}

function checkCategory(db: Db, categoryId: number | null | undefined) {
  if (categoryId == null) return;
  if (!repo.findCategory(db, categoryId)) {
    throw invalidField('categoryId', 'notFound', `分野（categoryId: ${categoryId}）は登録されていません。`);
  }
}

export function createDeadline(db: Db, input: NationalDeadlineCreate) {
  checkDeadlineCodeFree(db, input.code);
  checkCategory(db, input.categoryId);
  return repo.getDeadline(db, repo.insertDeadline(db, input).id);
}

/** The original date may be corrected, but never to on or after an extension granted from it. */
export function updateDeadline(db: Db, id: number, patch: NationalDeadlineUpdate) {
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
 * An extension names its scope: a body's business area (bodyId + areaId: one system), an item (itemId,
 * optionally with its body), or the whole body (bodyId alone); it must push the deadline later. The
 * deadline row itself is never changed.
 */
export function createExtension(db: Db, deadlineId: number, input: DeadlineExtensionCreate) {
  const deadline = repo.getDeadlineRow(db, deadlineId);
  const bodyId = input.bodyId ?? null;
  const itemId = input.itemId ?? null;
  const areaId = input.areaId ?? null;
  if (areaId !== null) {
    // One system: a body's business area. Not together with an item (an item has its own scope).
    if (bodyId === null) throw invalidField('bodyId', 'scope', '業務（システム）単位の延長には、団体を指定してください。');
    if (itemId !== null) throw invalidField('itemId', 'scope', '業務（システム）単位の延長に取組は指定できません。取組の延長は別に登録してください。');
    if (!repo.bodyHasArea(db, bodyId, areaId)) {
      throw invalidField('areaId', 'notFound', `この団体（bodyId: ${bodyId}）に標準化対象業務（areaId: ${areaId}）は登録されていません。`);
    }
  }
  if (bodyId === null && itemId === null) {
    const message = '延長の対象として、団体または取組の少なくとも一方を指定してください。';
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
  const row = repo.insertExtension(db, { ...input, bodyId, itemId, areaId, deadlineId });
  return repo.getExtensionView(db, row.id);
}
