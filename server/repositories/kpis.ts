import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { kpis, kpiValues, planItems, plans, type Kpi, type KpiValue } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { KpiListQuery } from '../schemas/kpis.ts';
import { offsetOf, pageOf } from './pagination.ts';
import { deleteVersioned, updateVersioned } from './versioned.ts';

const KPI = '指標';
const VALUE = '指標の実績値';

export function listKpis(db: Db, bodyId: number, q: KpiListQuery) {
  const where: SQL[] = [eq(kpis.bodyId, bodyId)];
  if (q.itemId !== undefined) where.push(eq(kpis.itemId, q.itemId));
  const cond = and(...where);
  const total = db.select({ n: count() }).from(kpis).where(cond).get()?.n ?? 0;
  const items = db.select().from(kpis).where(cond).orderBy(asc(kpis.id)).limit(q.pageSize).offset(offsetOf(q)).all();
  return pageOf(items, total, q);
}

export function getKpi(db: Db, id: number): Kpi {
  const row = db.select().from(kpis).where(eq(kpis.id, id)).get();
  if (!row) throw notFound(KPI, id);
  return row;
}

/** The body an item belongs to (item → plan → body), or undefined when the item does not exist. */
export const findBodyIdOfItem = (db: Db, itemId: number): number | undefined =>
  db
    .select({ bodyId: plans.bodyId })
    .from(planItems)
    .innerJoin(plans, eq(planItems.planId, plans.id))
    .where(eq(planItems.id, itemId))
    .get()?.bodyId;

export const insertKpi = (db: Db, values: typeof kpis.$inferInsert): Kpi => db.insert(kpis).values(values).returning().get();

export const updateKpi = (db: Db, id: number, version: number, patch: Partial<typeof kpis.$inferInsert>): Kpi =>
  updateVersioned(db, kpis, KPI, id, version, patch);

export const deleteKpi = (db: Db, id: number, version: number) => deleteVersioned(db, kpis, KPI, id, version);

export const listKpiValues = (db: Db, kpiId: number) =>
  db
    .select()
    .from(kpiValues)
    .where(eq(kpiValues.kpiId, kpiId))
    .orderBy(asc(kpiValues.fiscalYear), asc(kpiValues.quarter))
    .all();

export function getKpiValue(db: Db, id: number): KpiValue {
  const row = db.select().from(kpiValues).where(eq(kpiValues.id, id)).get();
  if (!row) throw notFound(VALUE, id);
  return row;
}

export const findKpiValueOfPeriod = (db: Db, kpiId: number, fiscalYear: number, quarter: number) =>
  db
    .select()
    .from(kpiValues)
    .where(and(eq(kpiValues.kpiId, kpiId), eq(kpiValues.fiscalYear, fiscalYear), eq(kpiValues.quarter, quarter)))
    .get();

export const insertKpiValue = (db: Db, values: typeof kpiValues.$inferInsert): KpiValue =>
  db.insert(kpiValues).values(values).returning().get();

export const updateKpiValue = (db: Db, id: number, version: number, patch: Partial<typeof kpiValues.$inferInsert>): KpiValue =>
  updateVersioned(db, kpiValues, VALUE, id, version, patch);

export const deleteKpiValue = (db: Db, id: number, version: number) => deleteVersioned(db, kpiValues, VALUE, id, version);
