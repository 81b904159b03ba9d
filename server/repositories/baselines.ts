/** Baselines (基準計画) and their entries: queries only (server/services/baselines.ts has the rules). */
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { baselineKpis, baselineMilestones, baselines, type Baseline } from '../db/schema.ts';

export type NewBaseline = typeof baselines.$inferInsert;
export type BaselineMilestone = typeof baselineMilestones.$inferSelect;
export type BaselineKpi = typeof baselineKpis.$inferSelect;

export const listBaselines = (db: Db, planId: number) =>
  db.select().from(baselines).where(eq(baselines.planId, planId)).orderBy(asc(baselines.setOn), asc(baselines.id)).all();

export function insertBaseline(db: Db, row: NewBaseline, ms: Omit<BaselineMilestone, 'baselineId'>[], ks: Omit<BaselineKpi, 'baselineId'>[]): Baseline {
  const b = db.insert(baselines).values(row).returning().get();
  for (const m of ms) db.insert(baselineMilestones).values({ ...m, baselineId: b.id }).run();
  for (const k of ks) db.insert(baselineKpis).values({ ...k, baselineId: b.id }).run();
  return b;
}

/** The baseline of each of these plans in force on `date` (the latest set on or before it). */
export function baselinesInForce(db: Db, planIds: number[], date: string): Baseline[] {
  if (planIds.length === 0) return [];
  const rows = db
    .select()
    .from(baselines)
    .where(and(inArray(baselines.planId, planIds), lte(baselines.setOn, date)))
    .orderBy(desc(baselines.setOn), desc(baselines.id))
    .all();
  const seen = new Set<number>();
  return rows.filter((b) => !seen.has(b.planId) && seen.add(b.planId));
}

export const milestonesOf = (db: Db, baselineIds: number[]) =>
  baselineIds.length === 0 ? [] : db.select().from(baselineMilestones).where(inArray(baselineMilestones.baselineId, baselineIds)).all();

export const kpisOf = (db: Db, baselineIds: number[]) =>
  baselineIds.length === 0 ? [] : db.select().from(baselineKpis).where(inArray(baselineKpis.baselineId, baselineIds)).all();
