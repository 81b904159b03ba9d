/** Schedule adherence of one milestone: was it, or will it be, done by its planned date? */
import { daysBetween } from './dates.ts';
import type { MilestoneStatus } from './labels.ts';

export type MilestoneLike = { plannedDate: string; actualDate: string | null; status: MilestoneStatus };

export type Adherence =
  | { kind: 'done_on_time' }
  | { kind: 'done_late'; daysLate: number }
  | { kind: 'overdue'; daysOverdue: number }
  | { kind: 'upcoming'; daysLeft: number }
  | { kind: 'not_applicable' };

export function isApplicable(m: MilestoneLike): boolean {
  return m.status !== 'not_applicable';
}

/**
 * The day a done milestone counts as finished. The DB requires an actual date for 'done'; should one
 * be missing anyway, we assume the planned date rather than guess lateness (one rule for adherence,
 * item roll-up and quarterly charts).
 */
export function completionDate(m: MilestoneLike): string | null {
  if (m.status !== 'done') return null;
  return m.actualDate ?? m.plannedDate;
}

/**
 * - 対象外 is outside the schedule: 'not_applicable'.
 * - done: on time when finished on or before the planned date, else late by the difference.
 * - open: overdue once today is *after* the planned date; due today still counts as upcoming with 0
 *   days left, since the officer has until the end of the day. An actual date on an open milestone
 *   is ignored: only the status says it is finished.
 */
export function milestoneAdherence(m: MilestoneLike, today: string): Adherence {
  if (m.status === 'not_applicable') return { kind: 'not_applicable' };
  const finished = completionDate(m);
  if (finished !== null) {
    const daysLate = daysBetween(m.plannedDate, finished);
    return daysLate > 0 ? { kind: 'done_late', daysLate } : { kind: 'done_on_time' };
  }
  const daysLeft = daysBetween(today, m.plannedDate);
  return daysLeft < 0 ? { kind: 'overdue', daysOverdue: -daysLeft } : { kind: 'upcoming', daysLeft };
}

/**
 * The legend of 差異（日） wherever it is shown (page, council report): the number is given only for
 * milestones that are due or done — a negative 「差異」 for a step not yet due would read as a fault.
 */
export const VARIANCE_LEGEND =
  '差異（日）は予定日を過ぎたマイルストーンと完了したマイルストーンだけに表示します。正の値は予定日より遅れた日数、0以下は予定どおりです。予定日前のもの・対象外は空欄です。';

/** Whether 差異（日） is shown for a milestone in this state (see VARIANCE_LEGEND). */
export const showsVariance = (kind: Adherence['kind']) => kind === 'done_on_time' || kind === 'done_late' || kind === 'overdue';
