/**
 * "As known then": what a read with `?asOf=D` answers. A day before today is answered from the history
 * (`row_versions`): only the items, milestones, KPIs and KPI values that existed at the end of day D in Japan, with
 * the values recorded then — not today's rows filtered by date. Today (or later) is the current state, read from the
 * live tables as fast as ever. Sections, categories, deadlines and their extensions are not versioned: they are shown
 * as they are now (server/history/README.md).
 */
import type { Db } from '../db/client.ts';
import { compareIsoDates, endOfJapanDay } from '../domain/dates.ts';
import { fiscalQuarterEnd, fiscalYearEnd, type Quarter } from '../domain/fiscal.ts';
import { itemPlansOfBody, loadBodyContext, loadBodyPlan, loadEndedPlan, type BodyPlan } from '../repositories/body-plan.ts';
import { getPlan } from '../repositories/plans.ts';
import { notFound } from '../errors.ts';
import { rowsAt } from '../repositories/history.ts';

/**
 * A plan judged at the end of `asOf`: actual dates after that day are treated as not yet happened (a milestone
 * finished later counts as in progress, or not started) and KPI values of later periods are left out. Used on
 * history as a safeguard and by the quarter close on the live rows (late reports of the quarter count).
 */
export function planAsOf(plan: BodyPlan, asOf: string): BodyPlan {
  const after = (d: string | null) => d !== null && compareIsoDates(d, asOf) > 0;
  const milestones = plan.milestones.map((m) => {
    if (!after(m.actualDate) && !after(m.actualStartDate)) return m;
    const actualStartDate = after(m.actualStartDate) ? null : m.actualStartDate;
    const status = m.status === 'not_applicable' ? m.status : actualStartDate ? ('in_progress' as const) : ('not_started' as const);
    return { ...m, actualDate: null, actualStartDate, status };
  });
  const periodEnd = (fy: number, q: number) => (q === 0 ? fiscalYearEnd(fy) : fiscalQuarterEnd(fy, q as Quarter));
  const kpiValues = plan.kpiValues.filter((v) => !after(periodEnd(v.fiscalYear, v.quarter)));
  return { ...plan, milestones, kpiValues };
}

const byOrder = <T extends { sortOrder: number; id: number }>(a: T, b: T) => a.sortOrder - b.sortOrder || a.id - b.id;

/**
 * The body's current plan's rows as they were at instant `at` (ISO-8601 UTC), in the live loader's order. An item belongs
 * to the plan it is in now (an item carried over from an earlier plan is shown in the current plan's past as well); an item
 * deleted since, to the plan it was in then.
 */
export function loadBodyPlanAt(db: Db, bodyId: number, at: string): BodyPlan {
  const live = loadBodyContext(db, bodyId);
  const current = new Set(live.plans.map((p) => p.id));
  const planNow = itemPlansOfBody(db, bodyId);
  const items = rowsAt(db, bodyId, 'plan_items', at)
    .filter((i) => current.has(planNow.get(i.id) ?? i.planId))
    .sort(byOrder);
  const itemIds = new Set(items.map((i) => i.id));
  const milestones = rowsAt(db, bodyId, 'milestones', at)
    .filter((m) => itemIds.has(m.itemId))
    .sort((a, b) => a.sortOrder - b.sortOrder || compareIsoDates(a.plannedDate, b.plannedDate) || a.id - b.id);
  const kpis = rowsAt(db, bodyId, 'kpis', at)
    .filter((k) => k.itemId === null || itemIds.has(k.itemId))
    .sort((a, b) => a.id - b.id);
  const kpiIds = new Set(kpis.map((k) => k.id));
  const kpiValues = rowsAt(db, bodyId, 'kpi_values', at)
    .filter((v) => kpiIds.has(v.kpiId))
    .sort((a, b) => a.fiscalYear - b.fiscalYear || a.quarter - b.quarter);
  // Extensions of items that did not exist then are of no use; the rest are today's (not versioned).
  const extensions = live.extensions.filter((e) => e.itemId === null || itemIds.has(e.itemId));
  return { ...live, items, milestones, kpis, kpiValues, extensions };
}

/** After every instant: what "as known at the end of today" means (a write of today may carry a later clock time). */
export const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/** The history instant a read as of `asOf` looks at: the end of that day in Japan, or everything for today and later. */
export const historyInstant = (asOf: string, today: string) => (compareIsoDates(asOf, today) >= 0 ? END_OF_TIME : endOfJapanDay(asOf));

/** The plan a read as of `asOf` judges: the live rows for today or later, else the history at the end of that day. */
export function bodyPlanFor(db: Db, bodyId: number, asOf: string, today: string): BodyPlan {
  if (compareIsoDates(asOf, today) >= 0) return loadBodyPlan(db, bodyId);
  return planAsOf(loadBodyPlanAt(db, bodyId, endOfJapanDay(asOf)), asOf);
}

/**
 * The plan a body read shows (issue 20): the current plan as of `asOf` (above), or — `planId` naming an ended plan of the
 * body — that plan as it was at its end, judged on its end date. `planId` of another body is a 404.
 */
export function planToShow(db: Db, bodyId: number, planId: number | null, asOf: string, today: string): { plan: BodyPlan; asOf: string } {
  if (planId !== null) {
    const p = getPlan(db, planId);
    if (p.bodyId !== bodyId) throw notFound('計画', planId);
    if (p.endedOn !== null) return { plan: loadEndedPlan(db, p), asOf: p.endedOn };
  }
  return { plan: bodyPlanFor(db, bodyId, asOf, today), asOf };
}
