/**
 * Status of a plan item (取組事項) from its own milestones and the national deadlines they answer.
 * Parents roll up in item-rollup.ts. Statuses and their order: labels.ts (ITEM_STATUSES, worst first).
 *
 * Rules:
 * 1. No milestones → 'not_planned' (未計画): the item needs a schedule; nothing can be judged.
 * 2. Milestones exist but all are 対象外 → 'not_applicable'; the reasons quote each milestone's reason.
 * 3. Every applicable milestone done → 'done', or 'done_late' (期限後完了) when a milestone that answers a
 *    national deadline was finished after it. Finishing late against the plan alone stays 'done' and
 *    is told in `reasons`.
 * 4. Otherwise ("open" = applicable and not done):
 *    - a milestone's delay = days past its planned date while open; the slip carries forward: an open
 *      milestone's forecast = its planned date + the largest delay of the open milestones planned on or
 *      before it (steps are sequential);
 *    - worst first: a deadline-bearing open milestone past its effective deadline → 'past_deadline';
 *      one whose forecast passes its effective deadline → 'at_risk'; an open milestone overdue →
 *      'delayed'; a 未着手 milestone past its planned start → 'start_late'; else 'on_track'.
 * A deadline applies to the milestone that answers it, never to the whole item: an item whose plan runs
 * past a deadline it met is not late. The deadline day itself is still in time (today > deadline).
 * `deadline.effectiveDate` is the one after extensions (deadlines.ts); reasons say 延長後の期限 then.
 */
import { addDays, compareIsoDates, daysBetween, formatJapaneseDate, maxIsoDate, minIsoDate } from './dates.ts';
import { completionDate, isApplicable, milestoneAdherence, type MilestoneLike } from './adherence.ts';
import { deadlineWord, type ItemStatus } from './labels.ts';

/** Dates in reasons read as Japanese: 2026年3月31日. */
const jp = (date: string) => formatJapaneseDate(date);

/** The national deadline a milestone answers, after extensions. */
export type MilestoneDeadline = { title: string; originalDate: string; effectiveDate: string; extended: boolean };

export type StatusMilestone = MilestoneLike & {
  title: string;
  plannedStartDate?: string | null;
  /** For 対象外: the reason (required when a milestone is set 対象外). */
  note?: string;
  deadline?: MilestoneDeadline | null;
};

/** How one deadline-bearing milestone stands against its deadline. */
export type DeadlineCheck = {
  milestoneTitle: string;
  deadline: MilestoneDeadline;
  /** met: done by it; missed: done after it; passed: open and past it; at_risk: forecast after it; open: in time. */
  state: 'met' | 'missed' | 'passed' | 'at_risk' | 'open';
  /** Done: the completion date; open: the forecast. */
  date: string;
  /** Days after the deadline (missed: finished, passed: today, at_risk: forecast), before it (met: finished), or left until it (open). */
  days: number;
};

/** The status a deadline check alone would give (used by the roll-up's "never better than" rule). */
export const DEADLINE_CHECK_STATUS: Record<DeadlineCheck['state'], ItemStatus> = {
  passed: 'past_deadline',
  at_risk: 'at_risk',
  open: 'on_track',
  missed: 'done_late',
  met: 'done',
};

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
  /** The most pressing effective deadline: the earliest of the open deadline-bearing milestones. */
  deadlineDate: string | null;
  daysToDeadline: number | null;
  deadlines: DeadlineCheck[];
};

const quote = (title: string) => `「${title}」`;

function checkDeadline(m: StatusMilestone, forecast: string | null, today: string): DeadlineCheck | null {
  const d = m.deadline;
  if (!d || !isApplicable(m)) return null;
  const finished = completionDate(m);
  if (finished !== null) {
    const late = daysBetween(d.effectiveDate, finished);
    return { milestoneTitle: m.title, deadline: d, state: late > 0 ? 'missed' : 'met', date: finished, days: Math.abs(late) };
  }
  const f = forecast ?? m.plannedDate;
  if (compareIsoDates(today, d.effectiveDate) > 0) {
    return { milestoneTitle: m.title, deadline: d, state: 'passed', date: f, days: daysBetween(d.effectiveDate, today) };
  }
  const late = daysBetween(d.effectiveDate, f);
  return late > 0
    ? { milestoneTitle: m.title, deadline: d, state: 'at_risk', date: f, days: late }
    : { milestoneTitle: m.title, deadline: d, state: 'open', date: f, days: daysBetween(today, d.effectiveDate) };
}

function deadlineReason(c: DeadlineCheck): string {
  const word = `${deadlineWord(c.deadline.extended)}（${jp(c.deadline.effectiveDate)}）`;
  const m = quote(c.milestoneTitle);
  switch (c.state) {
    case 'met':
      return `${m}は${word}までに完了`;
    case 'missed':
      return `${m}は${word}より${c.days}日遅れて完了`;
    case 'passed':
      return `${m}が未完了のまま${word}を${c.days}日超過`;
    case 'at_risk':
      return `${m}の完了見込み（${jp(c.date)}）が${word}より${c.days}日後`;
    case 'open':
      return `${m}は${word}まで残り${c.days}日`;
  }
}

export function itemStatus(milestones: StatusMilestone[], today: string): ItemAssessment {
  const applicable = milestones.filter(isApplicable);
  const done = applicable.filter((m) => m.status === 'done');
  const open = applicable.filter((m) => m.status !== 'done');
  const base = {
    plannedFinish: maxIsoDate(...applicable.map((m) => m.plannedDate)),
    forecastFinish: null as string | null,
    actualFinish: null as string | null,
    delayDays: 0,
    overdueCount: 0,
    doneCount: done.length,
    applicableCount: applicable.length,
    deadlineDate: null as string | null,
    daysToDeadline: null as number | null,
    deadlines: [] as DeadlineCheck[],
  };

  if (milestones.length === 0) {
    return { ...base, status: 'not_planned', reasons: ['マイルストーン未登録（スケジュールの登録が必要）'] };
  }
  if (applicable.length === 0) {
    const why = milestones.map((m) => `${quote(m.title)}は対象外${m.note?.trim() ? `：${m.note.trim()}` : ''}`);
    return { ...base, status: 'not_applicable', reasons: ['すべてのマイルストーンが対象外', ...why] };
  }

  // Delay carried forward: for each open milestone, the largest delay among open ones planned on or before it.
  const overdue = new Map<StatusMilestone, number>();
  for (const m of open) {
    const a = milestoneAdherence(m, today);
    if (a.kind === 'overdue') overdue.set(m, a.daysOverdue);
  }
  const forecastOf = (m: StatusMilestone) => {
    let carried = 0;
    for (const [o, days] of overdue) if (compareIsoDates(o.plannedDate, m.plannedDate) <= 0) carried = Math.max(carried, days);
    return addDays(m.plannedDate, carried);
  };
  const checks = applicable
    .map((m) => checkDeadline(m, m.status === 'done' ? null : forecastOf(m), today))
    .filter((c): c is DeadlineCheck => c !== null);
  const doneChecks = checks.filter((c) => c.state === 'met' || c.state === 'missed');
  const openChecks = checks.filter((c) => !(c.state === 'met' || c.state === 'missed'));
  const pressing = minIsoDate(...openChecks.map((c) => c.deadline.effectiveDate));
  const withDeadline = {
    ...base,
    deadlines: checks,
    deadlineDate: pressing,
    daysToDeadline: pressing === null ? null : daysBetween(today, pressing),
  };

  if (open.length === 0) {
    const actualFinish = maxIsoDate(...done.map(completionDate));
    const missed = doneChecks.filter((c) => c.state === 'missed');
    const reasons = [
      ...missed.map(deadlineReason),
      `マイルストーン${done.length}件すべて完了（${actualFinish === null ? '—' : jp(actualFinish)}）`,
      ...doneChecks.filter((c) => c.state === 'met').map(deadlineReason),
    ];
    if (actualFinish !== null && base.plannedFinish !== null) {
      const late = daysBetween(base.plannedFinish, actualFinish);
      if (late > 0) reasons.push(`計画（${jp(base.plannedFinish)}）より${late}日遅れて完了`);
    }
    const status: ItemStatus = missed.length > 0 ? 'done_late' : 'done';
    return { ...withDeadline, status, reasons, actualFinish, forecastFinish: actualFinish };
  }

  const delayDays = Math.max(0, ...overdue.values());
  const forecastFinish = maxIsoDate(...open.map(forecastOf));
  const lateStarts = open
    .filter((m) => m.status === 'not_started' && m.plannedStartDate && compareIsoDates(today, m.plannedStartDate) > 0)
    .map((m) => ({ m, days: daysBetween(m.plannedStartDate!, today) }));

  const passed = openChecks.filter((c) => c.state === 'passed');
  const atRisk = openChecks.filter((c) => c.state === 'at_risk');
  let status: ItemStatus;
  if (passed.length > 0) status = 'past_deadline';
  else if (atRisk.length > 0) status = 'at_risk';
  else if (overdue.size > 0) status = 'delayed';
  else if (lateStarts.length > 0) status = 'start_late';
  else status = 'on_track';

  const reasons = [
    ...passed.map(deadlineReason),
    ...atRisk.map(deadlineReason),
    ...(overdue.size > 0 ? [`マイルストーン${overdue.size}件が予定日を過ぎて未完了（最大${delayDays}日遅延）`] : []),
    ...lateStarts.map(({ m, days }) => `${quote(m.title)}の着手が予定開始日（${jp(m.plannedStartDate!)}）より${days}日遅れ`),
    ...doneChecks.map(deadlineReason),
    ...openChecks.filter((c) => c.state === 'open').map(deadlineReason),
  ];
  if (status === 'on_track' && openChecks.length === 0) reasons.push('遅れているマイルストーンなし');
  return { ...withDeadline, status, reasons, forecastFinish, delayDays, overdueCount: overdue.size };
}
