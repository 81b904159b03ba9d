/**
 * What needs this quarter's word (今期の更新): the one rule for which milestones and KPIs an officer must
 * look at in the current fiscal quarter, shared by 今期の更新 (services/updates.ts), 報告状況 and the browser
 * (which recomputes a milestone's tag after a save). An item is "reported" for the quarter once it changed
 * or was reviewed 「変更なし」; that part is read from the database (repositories/updates.ts).
 */
import { compareIsoDates } from './dates.ts';
import { fiscalQuarterEnd, fiscalQuarterOf, type FiscalQuarter } from './fiscal.ts';
import { kpiPeriodLabel } from './kpi-text.ts';
import type { MilestoneStatus, UpdateFocus } from './labels.ts';

type MilestoneLike = { status: MilestoneStatus; plannedDate: string };

/**
 * Where a milestone stands this quarter: overdue (planned date passed, not finished; due today is not late),
 * due_this_quarter (planned by the quarter's end), upcoming, done, not_applicable.
 */
export function updateFocus(m: MilestoneLike, today: string): UpdateFocus {
  if (m.status === 'not_applicable') return 'not_applicable';
  if (m.status === 'done') return 'done';
  if (compareIsoDates(m.plannedDate, today) < 0) return 'overdue';
  const fq = fiscalQuarterOf(today);
  if (compareIsoDates(m.plannedDate, fiscalQuarterEnd(fq.fiscalYear, fq.quarter)) <= 0) return 'due_this_quarter';
  return 'upcoming';
}

/** A milestone needs this quarter's word when it is overdue, due this quarter, or in progress. */
export function milestoneNeedsWord(m: MilestoneLike, today: string): boolean {
  const focus = updateFocus(m, today);
  return focus === 'overdue' || focus === 'due_this_quarter' || (focus === 'upcoming' && m.status === 'in_progress');
}

export type KpiEntryPeriod = { fiscalYear: number; quarter: number; label: string };

/**
 * The period whose value 今期の更新 asks for: a KPI reported yearly (its latest value is a whole-year one,
 * quarter 0) asks for the last fiscal year that has ended (due by the end of the next year's Q1, like
 * kpi-status `isStale`); any other KPI asks for the current quarter.
 */
export function kpiEntryPeriod(values: readonly { fiscalYear: number; quarter: number }[], today: string): KpiEntryPeriod {
  const fq: FiscalQuarter = fiscalQuarterOf(today);
  const latest = [...values].sort((a, b) => a.fiscalYear - b.fiscalYear || (a.quarter || 5) - (b.quarter || 5)).pop();
  const annual = latest !== undefined && latest.quarter === 0;
  const fiscalYear = annual ? fq.fiscalYear - 1 : fq.fiscalYear;
  const quarter = annual ? 0 : fq.quarter;
  return { fiscalYear, quarter, label: kpiPeriodLabel(fiscalYear, quarter) };
}

/** A KPI needs this quarter's word while the value of its entry period is missing. */
export function kpiNeedsWord(values: readonly { fiscalYear: number; quarter: number }[], today: string): boolean {
  const p = kpiEntryPeriod(values, today);
  return !values.some((v) => v.fiscalYear === p.fiscalYear && v.quarter === p.quarter);
}

/** 「10件中7件 報告済み」 */
export function reportedCountText(reported: number, total: number): string {
  return `${total}件中${reported}件 報告済み`;
}
