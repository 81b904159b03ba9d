import { asc, count, eq } from 'drizzle-orm';
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
