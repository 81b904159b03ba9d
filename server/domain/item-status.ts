/**
 * Status of a plan item (取組事項), rolled up from its milestones and the deadline it answers to.
 *
 * Rules:
 * 1. Applicable milestones are those not 対象外 ('not_applicable').
 * 2. Milestones exist but none is applicable → 'not_applicable' (the item does not concern this body).
 * 3. No milestones at all → 'past_deadline' if the deadline has passed, else 'on_track': nothing is
 *    planned, so nothing can be late, but a passed deadline with nothing done is still a breach.
 * 4. Every applicable milestone done → 'done'; actualFinish = the latest completion date. A late
 *    finish stays 'done' (it cannot be fixed any more) and is explained in `reasons`.
 * 5. Otherwise, with "open" = applicable and not done:
 *    - delayDays = the largest number of days an open milestone is overdue (0 if none);
 *    - plannedFinish = the latest planned date among applicable milestones;
 *    - forecastFinish = the latest planned date among open milestones + delayDays: a slip is assumed
 *      to carry forward to the remaining steps, which is what happens when steps are sequential;
 *    - status, worst first: today after the deadline → 'past_deadline'; forecast after the deadline →
 *      'at_risk'; delayDays > 0 → 'delayed'; else 'on_track'.
 * The deadline day itself is still in time (today > deadline, not ≥). `deadlineDate` should be the
 * effective one (see deadlines.ts), so an extension can turn 'past_deadline' into 'at_risk' or
 * 'on_track'. `reasons` lists every finding, worst first, as short Japanese sentences for the UI.
 */
import { addDays, compareIsoDates, daysBetween, formatJapaneseDate, maxIsoDate } from './dates.ts';
import { completionDate, isApplicable, milestoneAdherence, type MilestoneLike } from './adherence.ts';
import type { ItemStatus } from './labels.ts';

/** Dates in reasons read as Japanese sentences: 2026年3月31日. */
const jp = (date: string | null) => (date === null ? '—' : formatJapaneseDate(date));

export type ItemAssessment = {
  status: ItemStatus;
  reasons: string[];
  plannedFinish: string | null;
  forecastFinish: string | null;
  actualFinish: string | null;
  delayDays: number;
  overdueCount: number;
  doneCount: number;
  applicableCount: number;
  deadlineDate: string | null;
  daysToDeadline: number | null;
};

export function itemStatus(
  milestones: MilestoneLike[],
  deadlineDate: string | null,
  today: string,
): ItemAssessment {
  const applicable = milestones.filter(isApplicable);
  const done = applicable.filter((m) => m.status === 'done');
  const open = applicable.filter((m) => m.status !== 'done');
  const daysToDeadline = deadlineDate === null ? null : daysBetween(today, deadlineDate);
  const deadlinePassed = daysToDeadline !== null && daysToDeadline < 0;
  const base = {
    plannedFinish: maxIsoDate(...applicable.map((m) => m.plannedDate)),
    forecastFinish: null as string | null,
    actualFinish: null as string | null,
    delayDays: 0,
    overdueCount: 0,
    doneCount: done.length,
    applicableCount: applicable.length,
    deadlineDate,
    daysToDeadline,
  };
  const passedReason = () => `国の期限（${jp(deadlineDate)}）を${-(daysToDeadline ?? 0)}日超過`;

  if (milestones.length === 0) {
    const reasons = ['マイルストーンが未登録'];
    if (deadlinePassed) reasons.unshift(passedReason());
    return { ...base, status: deadlinePassed ? 'past_deadline' : 'on_track', reasons };
  }

  if (applicable.length === 0) {
    return { ...base, status: 'not_applicable', reasons: ['すべてのマイルストーンが対象外'] };
  }

  if (open.length === 0) {
    const actualFinish = maxIsoDate(...done.map(completionDate));
    const reasons = [`マイルストーン${done.length}件すべて完了（${jp(actualFinish)}）`];
    if (actualFinish !== null && deadlineDate !== null && compareIsoDates(actualFinish, deadlineDate) > 0) {
      reasons.push(`国の期限（${jp(deadlineDate)}）より${daysBetween(deadlineDate, actualFinish)}日遅れて完了`);
    }
    if (actualFinish !== null && base.plannedFinish !== null) {
      const late = daysBetween(base.plannedFinish, actualFinish);
      if (late > 0) reasons.push(`計画（${jp(base.plannedFinish)}）より${late}日遅れて完了`);
    }
    return { ...base, status: 'done', reasons, actualFinish, forecastFinish: actualFinish };
  }

  let delayDays = 0;
  let overdueCount = 0;
  for (const m of open) {
    const a = milestoneAdherence(m, today);
    if (a.kind === 'overdue') {
      overdueCount++;
      delayDays = Math.max(delayDays, a.daysOverdue);
    }
  }
  const lastOpenPlanned = maxIsoDate(...open.map((m) => m.plannedDate));
  const forecastFinish = lastOpenPlanned === null ? null : addDays(lastOpenPlanned, delayDays);
  const forecastLate =
    deadlineDate !== null && forecastFinish !== null && compareIsoDates(forecastFinish, deadlineDate) > 0;

  const reasons: string[] = [];
  if (deadlinePassed) reasons.push(passedReason());
  else if (forecastLate) reasons.push(`完了見込み（${jp(forecastFinish)}）が国の期限（${jp(deadlineDate)}）より後`);
  if (overdueCount > 0) reasons.push(`マイルストーン${overdueCount}件が遅延（最大${delayDays}日）`);

  let status: ItemStatus;
  if (deadlinePassed) status = 'past_deadline';
  else if (forecastLate) status = 'at_risk';
  else if (delayDays > 0) status = 'delayed';
  else status = 'on_track';

  if (status === 'on_track') {
    reasons.push(
      daysToDeadline === null
        ? '遅延しているマイルストーンなし'
        : `遅延なし（国の期限まで残り${daysToDeadline}日）`,
    );
  }
  return { ...base, status, reasons, forecastFinish, delayDays, overdueCount };
}
