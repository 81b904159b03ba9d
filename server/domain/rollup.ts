/** Aggregates over many items or milestones: portfolio counts, progress rates, quarterly curves. */
import { compareIsoDates } from './dates.ts';
import { completionDate, isApplicable, milestoneAdherence, type MilestoneLike } from './adherence.ts';
import {
  fiscalQuarterOf,
  fiscalQuarterShortLabel,
  fiscalQuarterStart,
  fiscalQuartersBetween,
  quarterIndex,
  type FiscalQuarter,
} from './fiscal.ts';
import { ITEM_STATUSES, type ItemStatus, type MilestoneStatus } from './labels.ts';


export type ItemsRollup = {
  itemCount: number;
  counts: Record<ItemStatus, number>;
  milestoneCount: number;
  applicableMilestones: number;
  doneMilestones: number;
  progress: number | null;
  onTimeRate: number | null;
  doneOnTime: number;
  doneLate: number;
  overdue: number;
};

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * - counts: one per item status, over the statuses given — callers pass leaves only (item-rollup.ts), so
 *   a parent and its children are never both counted; itemCount is their number.
 * - milestone figures: over the milestones given — every milestone of every item, each once.
 * - progress = done / applicable milestones: 対象外 steps leave the denominator, they are not work done.
 * - onTimeRate = done on time / (done on time + done late + overdue): among milestones that were due
 *   or are done, the share finished by their planned date. Upcoming steps are not judged yet.
 * Rates are null, not 0, when there is nothing to measure, so the UI can show "—".
 */
export function rollupItems(statuses: ItemStatus[], milestones: MilestoneLike[], today: string): ItemsRollup {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  let milestoneCount = 0;
  let applicableMilestones = 0;
  let doneMilestones = 0;
  let doneOnTime = 0;
  let doneLate = 0;
  let overdue = 0;
  for (const s of statuses) counts[s]++;
  for (const m of milestones) {
    milestoneCount++;
    if (!isApplicable(m)) continue;
    applicableMilestones++;
    if (m.status === 'done') doneMilestones++;
    const a = milestoneAdherence(m, today);
    if (a.kind === 'done_on_time') doneOnTime++;
    else if (a.kind === 'done_late') doneLate++;
    else if (a.kind === 'overdue') overdue++;
  }
  return {
    itemCount: statuses.length,
    counts,
    milestoneCount,
    applicableMilestones,
    doneMilestones,
    progress: ratio(doneMilestones, applicableMilestones),
    onTimeRate: ratio(doneOnTime, doneOnTime + doneLate + overdue),
    doneOnTime,
    doneLate,
    overdue,
  };
}

/**
 * The ministry's (総務省) standardization completion rate: (完了 + 対象外) / steps. Unlike milestone
 * progress above, 対象外 counts as complete here, because that is how the ministry's dashboard
 * computes it and users compare our figure with theirs. null when there are no steps.
 */
export function standardizationCompletionRate(statuses: MilestoneStatus[]): number | null {
  const complete = statuses.filter((s) => s === 'done' || s === 'not_applicable').length;
  return ratio(complete, statuses.length);
}

export type QuarterAdherencePoint = {
  quarter: FiscalQuarter;
  label: string;
  plannedCumulative: number;
  actualCumulative: number;
  plannedInQuarter: number;
  doneInQuarter: number;
  isFuture: boolean;
};

/**
 * Planned vs actual completions per fiscal quarter (the "S-curve"), applicable milestones only.
 * A milestone is planned in the quarter of its planned date and done in the quarter of its completion
 * date. Cumulative counts start from the beginning of time, not from `from`, so a chart of a late
 * window still shows the true totals. Every quarter of the range is present, empty ones with counts.
 */
export function adherenceByQuarter(
  milestones: MilestoneLike[],
  from: FiscalQuarter,
  to: FiscalQuarter,
  today: string,
): QuarterAdherencePoint[] {
  const planned: number[] = [];
  const done: number[] = [];
  for (const m of milestones) {
    if (!isApplicable(m)) continue;
    planned.push(quarterIndex(fiscalQuarterOf(m.plannedDate)));
    const finished = completionDate(m);
    if (finished !== null) done.push(quarterIndex(fiscalQuarterOf(finished)));
  }
  const upTo = (list: number[], i: number) => list.filter((x) => x <= i).length;
  const atIndex = (list: number[], i: number) => list.filter((x) => x === i).length;

  return fiscalQuartersBetween(from, to).map((quarter) => {
    const i = quarterIndex(quarter);
    return {
      quarter,
      label: fiscalQuarterShortLabel(quarter),
      plannedCumulative: upTo(planned, i),
      actualCumulative: upTo(done, i),
      plannedInQuarter: atIndex(planned, i),
      doneInQuarter: atIndex(done, i),
      isFuture: compareIsoDates(fiscalQuarterStart(quarter.fiscalYear, quarter.quarter), today) > 0,
    };
  });
}
