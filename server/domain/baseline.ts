/**
 * Baselines (基準計画) and re-plans (計画変更): the rules that compare a milestone with the plan as adopted, and
 * read a row's versions as a list of changes. Framework-free (server/domain/README.md).
 */
import { milestoneAdherence, showsVariance, type MilestoneLike } from './adherence.ts';
import { daysBetween, formatJapaneseDate } from './dates.ts';

export const BASELINE_KINDS = ['original', 'revision'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];
export const BASELINE_KIND_LABELS: Record<BaselineKind, string> = { original: '当初計画', revision: '計画改定' };

/** 「当初計画」 or 「計画改定（2026年4月1日）」: how a baseline is named wherever it is shown. */
export const baselineLabel = (b: { kind: BaselineKind; setOn: string }) =>
  b.kind === 'original' ? BASELINE_KIND_LABELS.original : `${BASELINE_KIND_LABELS.revision}（${formatJapaneseDate(b.setOn)}）`;

/** The column / legend word for a variance against a baseline: 当初計画比 / 計画改定比. */
export const baselineVarianceLabel = (b: { kind: BaselineKind }) => `${BASELINE_KIND_LABELS[b.kind]}比`;

export const NOT_IN_BASELINE_LABEL = '基準計画になし（後から追加）';

/**
 * 差異（日） of a milestone against a planned date of a baseline, by the same rule as against the current plan
 * (adherence.ts): days late when done or overdue, shown only when due or done (else null).
 */
export function varianceAgainst(m: MilestoneLike, baselinePlannedDate: string, today: string): number | null {
  const a = milestoneAdherence({ ...m, plannedDate: baselinePlannedDate }, today);
  if (!showsVariance(a.kind)) return null;
  if (a.kind === 'done_late') return a.daysLate;
  if (a.kind === 'overdue') return a.daysOverdue;
  return 0; // done on time, as 差異（日） against the current plan
}

/** Late against a planned date: done after it, or open past it (due today is not late). */
export function isLateAgainst(m: MilestoneLike, plannedDate: string, today: string): boolean {
  const k = milestoneAdherence({ ...m, plannedDate }, today).kind;
  return k === 'done_late' || k === 'overdue';
}

export interface PlannedVersion {
  at: string;
  plannedStartDate: string | null;
  plannedDate: string;
  username: string;
  reason: string;
}

export interface PlanChange {
  at: string;
  fromStart: string | null;
  from: string;
  toStart: string | null;
  to: string;
  /** Days the planned date moved: positive = later. */
  shiftDays: number;
  username: string;
  reason: string;
}

/** The changes of planned dates in a row's versions (oldest first): one per version whose dates differ from the one before. */
export function planChanges(versions: readonly PlannedVersion[]): PlanChange[] {
  const out: PlanChange[] = [];
  for (let i = 1; i < versions.length; i++) {
    const a = versions[i - 1]!;
    const b = versions[i]!;
    if (a.plannedDate === b.plannedDate && a.plannedStartDate === b.plannedStartDate) continue;
    out.push({
      at: b.at,
      fromStart: a.plannedStartDate,
      from: a.plannedDate,
      toStart: b.plannedStartDate,
      to: b.plannedDate,
      shiftDays: daysBetween(a.plannedDate, b.plannedDate),
      username: b.username,
      reason: b.reason,
    });
  }
  return out;
}

export interface TargetVersion {
  at: string;
  targetValue: number;
  targetFiscalYear: number;
  username: string;
  reason: string;
}

export interface TargetChange {
  at: string;
  fromValue: number;
  fromFiscalYear: number;
  toValue: number;
  toFiscalYear: number;
  username: string;
  reason: string;
}

/** The changes of a KPI's target in its versions (oldest first). */
export function targetChanges(versions: readonly TargetVersion[]): TargetChange[] {
  const out: TargetChange[] = [];
  for (let i = 1; i < versions.length; i++) {
    const a = versions[i - 1]!;
    const b = versions[i]!;
    if (a.targetValue === b.targetValue && a.targetFiscalYear === b.targetFiscalYear) continue;
    out.push({ at: b.at, fromValue: a.targetValue, fromFiscalYear: a.targetFiscalYear, toValue: b.targetValue, toFiscalYear: b.targetFiscalYear, username: b.username, reason: b.reason });
  }
  return out;
}

/** Whether a write changes what is planned: a milestone's planned dates (then a reason is required). */
export const changesPlannedDates = (
  current: { plannedDate: string; plannedStartDate: string | null },
  patch: { plannedDate?: string; plannedStartDate?: string | null },
) =>
  (patch.plannedDate !== undefined && patch.plannedDate !== current.plannedDate) ||
  (patch.plannedStartDate !== undefined && patch.plannedStartDate !== current.plannedStartDate);

/** Whether a write changes a KPI's target (then a reason is required). */
export const changesTarget = (current: { targetValue: number; targetFiscalYear: number }, patch: { targetValue?: number; targetFiscalYear?: number }) =>
  (patch.targetValue !== undefined && patch.targetValue !== current.targetValue) ||
  (patch.targetFiscalYear !== undefined && patch.targetFiscalYear !== current.targetFiscalYear);

export const REPLAN_REASON_MESSAGE = '予定日を変更する場合は、計画変更の理由を入力してください。';
export const RETARGET_REASON_MESSAGE = '目標値・目標年度を変更する場合は、変更の理由を入力してください。';

/** The overview's sentence on the baseline (council PDF, summary sheet): counts against it and against the current plan. */
export function baselineSentence(
  b: { label: string; setOn: string; lateMilestones: number; lateMilestonesCurrent: number; notInBaseline: number } | null | undefined,
): string {
  if (!b) return '基準計画（当初計画）は設定されていません。';
  const n = (k: number) => (k > 0 ? `${k}件` : 'ありません');
  return (
    `${b.label}（${formatJapaneseDate(b.setOn)}）に対して遅れたマイルストーンは${n(b.lateMilestones)}、現在の計画に対しては${n(b.lateMilestonesCurrent)}。` +
    (b.notInBaseline > 0 ? `基準計画になかった（後から追加した）マイルストーンは${b.notInBaseline}件です。` : '')
  );
}
