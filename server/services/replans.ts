/**
 * 計画変更の履歴: the changes of planned dates and KPI targets, read from the history (row_versions) — who, when, why.
 * The quarterly review lists a quarter's changes (「今期の計画変更」); the item page shows each milestone's plan as
 * 当初 → 変更1 → 変更2 next to the baseline.
 */
import type { Db } from '../db/client.ts';
import { planChanges, targetChanges } from '../domain/baseline.ts';
import { compareIsoDates, endOfJapanDay, todayInJapan } from '../domain/dates.ts';
import { bodyIdOfItem } from '../repositories/items.ts';
import { historyInstant } from './as-of.ts';
import { versionsOfBody } from '../repositories/history.ts';
import type { Kpi, Milestone, PlanItem } from '../db/schema.ts';
import { getPlan } from '../repositories/plans.ts';
import { baselineInForce } from './baselines.ts';

const japanDay = (at: string) => todayInJapan(new Date(at));

function grouped<T extends { rowId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) out.set(r.rowId, [...(out.get(r.rowId) ?? []), r]);
  return out;
}

/** Every change of a milestone's planned dates in a body, made up to `until` (ISO instant), oldest first. */
function milestoneChanges(db: Db, bodyId: number, until: string) {
  const items = new Map(versionsOfBody(db, bodyId, 'plan_items', until).map((v) => [v.rowId, (v.row as PlanItem).title]));
  const out = [];
  for (const [rowId, versions] of grouped(versionsOfBody(db, bodyId, 'milestones', until))) {
    const rows = versions.map((v) => ({ ...v, m: v.row as Milestone }));
    const last = rows.at(-1)!.m;
    const changes = planChanges(rows.map((v) => ({ at: v.validFrom, plannedStartDate: v.m.plannedStartDate, plannedDate: v.m.plannedDate, username: v.username, reason: v.reason })));
    out.push({
      milestoneId: rowId,
      title: last.title,
      itemId: last.itemId,
      itemTitle: items.get(last.itemId) ?? '',
      first: { on: japanDay(rows[0]!.validFrom), plannedStartDate: rows[0]!.m.plannedStartDate, plannedDate: rows[0]!.m.plannedDate },
      changes: changes.map((c) => ({ milestoneId: rowId, milestoneTitle: last.title, itemId: last.itemId, itemTitle: items.get(last.itemId) ?? '', on: japanDay(c.at), ...c })),
    });
  }
  return out;
}

function kpiChanges(db: Db, bodyId: number, until: string) {
  const out = [];
  for (const [rowId, versions] of grouped(versionsOfBody(db, bodyId, 'kpis', until))) {
    const rows = versions.map((v) => ({ ...v, k: v.row as Kpi }));
    const last = rows.at(-1)!.k;
    const changes = targetChanges(rows.map((v) => ({ at: v.validFrom, targetValue: v.k.targetValue, targetFiscalYear: v.k.targetFiscalYear, username: v.username, reason: v.reason })));
    out.push({ kpiId: rowId, name: last.name, itemId: last.itemId, changes: changes.map((c) => ({ kpiId: rowId, kpiName: last.name, on: japanDay(c.at), ...c })) });
  }
  return out;
}

/** 「今期の計画変更」: planned dates and targets changed between the ends of two days (from exclusive, to inclusive). */
export function planChangesBetween(db: Db, bodyId: number, fromDay: string, toDay: string, today: string) {
  const from = endOfJapanDay(fromDay);
  const to = historyInstant(toDay, today);
  const within = (at: string) => at > from && at <= to;
  const byDate = <T extends { at: string }>(a: T, b: T) => compareIsoDates(a.at.slice(0, 10), b.at.slice(0, 10)) || a.at.localeCompare(b.at);
  return {
    milestones: milestoneChanges(db, bodyId, to).flatMap((m) => m.changes.filter((c) => within(c.at))).sort(byDate),
    kpis: kpiChanges(db, bodyId, to).flatMap((k) => k.changes.filter((c) => within(c.at))).sort(byDate),
  };
}

/** An item's plan over time, as known at the end of `asOf`: each milestone's first plan, its changes, the baseline's dates. */
export function itemPlanHistory(db: Db, itemId: number, asOf: string, today: string) {
  const bodyId = bodyIdOfItem(db, itemId);
  const until = historyInstant(asOf, today);
  const mine = milestoneChanges(db, bodyId, until).filter((m) => m.itemId === itemId);
  const planIds = versionsOfBody(db, bodyId, 'plan_items', until).filter((v) => v.rowId === itemId).map((v) => (v.row as PlanItem).planId);
  const planId = planIds.at(-1);
  const baseline = planId === undefined ? null : baselineInForce(db, [getPlan(db, planId).id], asOf);
  return {
    baseline: baseline?.baseline ?? null,
    milestones: mine.map((m) => {
      const b = baseline?.milestones.get(m.milestoneId) ?? null;
      return { milestoneId: m.milestoneId, title: m.title, inBaseline: b !== null, baseline: b, first: m.first, changes: m.changes };
    }),
    kpis: kpiChanges(db, bodyId, until)
      .filter((k) => k.itemId === itemId)
      .map((k) => ({ kpiId: k.kpiId, name: k.name, baseline: baseline?.kpis.get(k.kpiId) ?? null, changes: k.changes })),
  };
}
