/**
 * Reference data: categories, national deadlines and their extensions, the 20 business areas and the
 * standardization step template. Lists are small and read whole; nothing here is paged.
 */
import { asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  bodyAreaSteps,
  bodyBusinessAreas,
  businessAreas,
  categories,
  deadlineExtensions,
  localBodies,
  nationalDeadlines,
  planItems,
  plans,
  standardizationSteps,
  type Category,
  type DeadlineExtension,
  type NationalDeadline,
  type StandardizationStep,
} from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { extensionScope } from '../domain/deadlines.ts';
import type { DeadlineExtensionView, NationalDeadlineView } from '../schemas/reference.ts';
import { nowIso } from './versioned.ts';

// ---- categories -------------------------------------------------------------------------------

export const listCategories = (db: Db) =>
  db.select().from(categories).orderBy(asc(categories.sortOrder), asc(categories.id)).all();

export const findCategory = (db: Db, id: number): Category | undefined =>
  db.select().from(categories).where(eq(categories.id, id)).get();

// ---- national deadlines and extensions --------------------------------------------------------

/** The sources column: a JSON array written by the national data pack (server/services/reference-pack.ts). */
const parseSources = (json: string): NationalDeadlineView['sources'] => JSON.parse(json) as NationalDeadlineView['sources'];

const extensionColumns = {
  id: deadlineExtensions.id,
  deadlineId: deadlineExtensions.deadlineId,
  bodyId: deadlineExtensions.bodyId,
  bodyName: localBodies.name,
  itemId: deadlineExtensions.itemId,
  itemTitle: planItems.title,
  areaId: deadlineExtensions.areaId,
  areaName: businessAreas.name,
  extendedDueDate: deadlineExtensions.extendedDueDate,
  reason: deadlineExtensions.reason,
  sourceText: deadlineExtensions.sourceText,
  createdAt: deadlineExtensions.createdAt,
};

const withScope = <T extends { itemId: number | null; areaId: number | null; bodyId: number | null; extendedDueDate: string; deadlineId: number }>(r: T) => ({
  ...r,
  scope: extensionScope(r),
});

/** Extensions with the body name, item title and business area where set; all of them, or those of some deadlines. */
export function listExtensions(db: Db, deadlineIds?: number[]): DeadlineExtensionView[] {
  if (deadlineIds && deadlineIds.length === 0) return [];
  return db
    .select(extensionColumns)
    .from(deadlineExtensions)
    .leftJoin(localBodies, eq(localBodies.id, deadlineExtensions.bodyId))
    .leftJoin(planItems, eq(planItems.id, deadlineExtensions.itemId))
    .leftJoin(businessAreas, eq(businessAreas.id, deadlineExtensions.areaId))
    .where(deadlineIds ? inArray(deadlineExtensions.deadlineId, deadlineIds) : undefined)
    .orderBy(asc(deadlineExtensions.extendedDueDate), asc(deadlineExtensions.id))
    .all()
    .map(withScope);
}

export function getExtensionView(db: Db, id: number): DeadlineExtensionView {
  const row = db
    .select(extensionColumns)
    .from(deadlineExtensions)
    .leftJoin(localBodies, eq(localBodies.id, deadlineExtensions.bodyId))
    .leftJoin(planItems, eq(planItems.id, deadlineExtensions.itemId))
    .leftJoin(businessAreas, eq(businessAreas.id, deadlineExtensions.areaId))
    .where(eq(deadlineExtensions.id, id))
    .get();
  if (!row) throw notFound('期限の延長', id);
  return withScope(row);
}

const deadlineColumns = {
  id: nationalDeadlines.id,
  code: nationalDeadlines.code,
  title: nationalDeadlines.title,
  dueDate: nationalDeadlines.dueDate,
  categoryId: nationalDeadlines.categoryId,
  category: categories.name,
  sourceText: nationalDeadlines.sourceText,
  needsVerification: nationalDeadlines.needsVerification,
  datePrecision: nationalDeadlines.datePrecision,
  sources: nationalDeadlines.sources,
  createdAt: nationalDeadlines.createdAt,
  updatedAt: nationalDeadlines.updatedAt,
};

/** Deadlines by due date, each with its category name and every extension (two queries in all). */
export function listDeadlines(db: Db, q: { categoryId?: number | undefined } = {}): NationalDeadlineView[] {
  const rows = db
    .select(deadlineColumns)
    .from(nationalDeadlines)
    .leftJoin(categories, eq(categories.id, nationalDeadlines.categoryId))
    .where(q.categoryId !== undefined ? eq(nationalDeadlines.categoryId, q.categoryId) : undefined)
    .orderBy(asc(nationalDeadlines.dueDate), asc(nationalDeadlines.id))
    .all();
  const byDeadline = new Map<number, DeadlineExtensionView[]>();
  for (const e of listExtensions(db, q.categoryId !== undefined ? rows.map((r) => r.id) : undefined)) {
    const list = byDeadline.get(e.deadlineId);
    if (list) list.push(e);
    else byDeadline.set(e.deadlineId, [e]);
  }
  return rows.map((r) => ({ ...r, sources: parseSources(r.sources), extensions: byDeadline.get(r.id) ?? [] }));
}

export const findDeadline = (db: Db, id: number): NationalDeadline | undefined =>
  db.select().from(nationalDeadlines).where(eq(nationalDeadlines.id, id)).get();

export function getDeadlineRow(db: Db, id: number): NationalDeadline {
  const row = findDeadline(db, id);
  if (!row) throw notFound('国の期限', id);
  return row;
}

export function getDeadline(db: Db, id: number): NationalDeadlineView {
  const row = db
    .select(deadlineColumns)
    .from(nationalDeadlines)
    .leftJoin(categories, eq(categories.id, nationalDeadlines.categoryId))
    .where(eq(nationalDeadlines.id, id))
    .get();
  if (!row) throw notFound('国の期限', id);
  return { ...row, sources: parseSources(row.sources), extensions: listExtensions(db, [id]) };
}

export const findDeadlineByCode = (db: Db, code: string) =>
  db.select({ id: nationalDeadlines.id }).from(nationalDeadlines).where(eq(nationalDeadlines.code, code)).get();

export const insertDeadline = (db: Db, values: typeof nationalDeadlines.$inferInsert) =>
  db.insert(nationalDeadlines).values(values).returning().get();

export function updateDeadline(db: Db, id: number, patch: Partial<typeof nationalDeadlines.$inferInsert>): NationalDeadline {
  const row = db
    .update(nationalDeadlines)
    .set({ ...patch, updatedAt: nowIso() })
    .where(eq(nationalDeadlines.id, id))
    .returning()
    .get();
  if (!row) throw notFound('国の期限', id);
  return row;
}

/** The earliest extended date of a deadline, or null: the original may not move past it. */
export const earliestExtensionDate = (db: Db, deadlineId: number): string | null =>
  db
    .select({ d: sql<string | null>`min(${deadlineExtensions.extendedDueDate})` })
    .from(deadlineExtensions)
    .where(eq(deadlineExtensions.deadlineId, deadlineId))
    .get()?.d ?? null;

/** The plan item and the body whose plan holds it, to check an extension's scope. */
export const findItemWithBody = (db: Db, itemId: number) =>
  db
    .select({ id: planItems.id, title: planItems.title, bodyId: plans.bodyId })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(eq(planItems.id, itemId))
    .get();

export const bodyHasArea = (db: Db, bodyId: number, areaId: number): boolean =>
  db
    .select({ id: bodyBusinessAreas.id })
    .from(bodyBusinessAreas)
    .where(sql`${bodyBusinessAreas.bodyId} = ${bodyId} AND ${bodyBusinessAreas.areaId} = ${areaId}`)
    .get() !== undefined;

export const insertExtension = (db: Db, values: typeof deadlineExtensions.$inferInsert): DeadlineExtension =>
  db.insert(deadlineExtensions).values(values).returning().get();

export function deleteExtension(db: Db, id: number): void {
  const deleted = db.delete(deadlineExtensions).where(eq(deadlineExtensions.id, id)).returning({ id: deadlineExtensions.id }).get();
  if (!deleted) throw notFound('期限の延長', id);
}

// ---- standardization: business areas and step template ----------------------------------------

export const listBusinessAreas = (db: Db) =>
  db.select().from(businessAreas).orderBy(asc(businessAreas.sortOrder), asc(businessAreas.id)).all();

export const listSteps = (db: Db) =>
  db.select().from(standardizationSteps).orderBy(asc(standardizationSteps.sortOrder), asc(standardizationSteps.id)).all();

export function getStep(db: Db, id: number): StandardizationStep {
  const row = db.select().from(standardizationSteps).where(eq(standardizationSteps.id, id)).get();
  if (!row) throw notFound('標準化の手順', id);
  return row;
}

export const findStepByCode = (db: Db, code: string) =>
  db.select({ id: standardizationSteps.id }).from(standardizationSteps).where(eq(standardizationSteps.code, code)).get();

export const maxStepSortOrder = (db: Db): number | null =>
  db.select({ n: max(standardizationSteps.sortOrder) }).from(standardizationSteps).get()?.n ?? null;

/**
 * Adds a step to the template and, in the same transaction, a 未着手 row of it to every body's
 * business area, so every area keeps going through the whole template (one INSERT … SELECT).
 */
export function insertStepForEveryBodyArea(db: Db, values: typeof standardizationSteps.$inferInsert): StandardizationStep {
  return db.transaction((tx) => {
    const step = tx.insert(standardizationSteps).values(values).returning().get();
    tx.insert(bodyAreaSteps)
      .select(
        tx
          .select({
            bodyAreaId: bodyBusinessAreas.id,
            stepId: sql<number>`${step.id}`.as('step_id'),
            status: sql<'not_started'>`'not_started'`.as('status'),
            version: sql<number>`1`.as('version'),
            updatedAt: sql<string>`${nowIso()}`.as('updated_at'),
          })
          .from(bodyBusinessAreas),
      )
      .run();
    return step;
  });
}

export function updateStep(db: Db, id: number, patch: Partial<typeof standardizationSteps.$inferInsert>): StandardizationStep {
  const row = db.update(standardizationSteps).set(patch).where(eq(standardizationSteps.id, id)).returning().get();
  if (!row) throw notFound('標準化の手順', id);
  return row;
}
