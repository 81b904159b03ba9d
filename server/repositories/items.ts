import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { categories, nationalDeadlines, planItems, plans, sections, type PlanItem } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { deleteVersioned, updateVersioned } from './versioned.ts';

export function getItem(db: Db, id: number): PlanItem {
  const row = db.select().from(planItems).where(eq(planItems.id, id)).get();
  if (!row) throw notFound('取組', id);
  return row;
}

/** The body an item belongs to, through its plan. */
export function bodyIdOfItem(db: Db, itemId: number): number {
  const row = db
    .select({ bodyId: plans.bodyId })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(eq(planItems.id, itemId))
    .get();
  if (!row) throw notFound('取組', itemId);
  return row.bodyId;
}

export const insertItem = (db: Db, values: typeof planItems.$inferInsert) => db.insert(planItems).values(values).returning().get();

export const categoryExists = (db: Db, id: number) => !!db.select({ id: categories.id }).from(categories).where(eq(categories.id, id)).get();
export const deadlineExists = (db: Db, id: number) =>
  !!db.select({ id: nationalDeadlines.id }).from(nationalDeadlines).where(eq(nationalDeadlines.id, id)).get();
export const findSection = (db: Db, id: number) => db.select().from(sections).where(eq(sections.id, id)).get();
export const countChildren = (db: Db, id: number) =>
  db.select({ n: count() }).from(planItems).where(eq(planItems.parentId, id)).get()?.n ?? 0;
export const findItem = (db: Db, id: number) => db.select().from(planItems).where(eq(planItems.id, id)).get();

export const updateItem = (db: Db, id: number, version: number, patch: Partial<typeof planItems.$inferInsert>) =>
  updateVersioned(db, planItems, '取組', id, version, patch);

export const deleteItem = (db: Db, id: number, version: number) => deleteVersioned(db, planItems, '取組', id, version);
