import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { planItems, plans, type Plan } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { deleteVersioned, updateVersioned } from './versioned.ts';

export const listPlans = (db: Db, bodyId: number) =>
  db.select().from(plans).where(eq(plans.bodyId, bodyId)).orderBy(asc(plans.startFiscalYear), asc(plans.id)).all();

export function getPlan(db: Db, id: number): Plan {
  const row = db.select().from(plans).where(eq(plans.id, id)).get();
  if (!row) throw notFound('計画', id);
  return row;
}

export const insertPlan = (db: Db, values: typeof plans.$inferInsert) => db.insert(plans).values(values).returning().get();

export const countItemsOfPlan = (db: Db, planId: number) =>
  db.select({ n: count() }).from(planItems).where(eq(planItems.planId, planId)).get()?.n ?? 0;

export const updatePlan = (db: Db, id: number, version: number, patch: Partial<typeof plans.$inferInsert>) =>
  updateVersioned(db, plans, '計画', id, version, patch);

export const deletePlan = (db: Db, id: number, version: number) => deleteVersioned(db, plans, '計画', id, version);

/** The body's current plan (`ended_on IS NULL`; at most one, by the partial unique index), or undefined. */
export const findCurrentPlan = (db: Db, bodyId: number): Plan | undefined =>
  db.select().from(plans).where(and(eq(plans.bodyId, bodyId), isNull(plans.endedOn))).get();

/**
 * Moves items (ids kept) to another plan: each gets a new version, so an edit made on the version read before the move
 * is refused (409) rather than applied, and the history triggers record the move.
 */
export function moveItemsToPlan(db: Db, itemIds: number[], planId: number, at: string): number {
  let n = 0;
  for (let i = 0; i < itemIds.length; i += 500) {
    const ids = itemIds.slice(i, i + 500);
    n += db
      .update(planItems)
      .set({ planId, version: sql`${planItems.version} + 1`, updatedAt: at })
      .where(inArray(planItems.id, ids))
      .run().changes;
  }
  return n;
}
