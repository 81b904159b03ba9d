/**
 * 四半期レビュー: what changed between two quarters' states (each the plan as of a quarter's last day),
 * and the plain-Japanese summary sentence generated from the numbers only (never free text).
 *
 * Rules written here:
 * - An item is 遅延 (late) when its status is 期限超過, 要注意 or 遅延 (the dashboard's 要対応 list).
 *   "Newly late": late now, not late (or absent) before. "Newly done": 完了 now, not before.
 * - A milestone slipped when its planned date is later now than before (days between the two).
 * - A KPI moved when its latest value changed; it improved when it moved the way its direction says.
 * - National deadlines: open items (not 完了/対象外) whose effective deadline has passed at the
 *   quarter's last day, or falls within the next two quarters after it.
 */
import { daysBetween, compareIsoDates } from './dates.ts';
import { fiscalQuarterEnd, quarterFromIndex, quarterIndex, type Quarter } from './fiscal.ts';
import type { ItemStatus, KpiDirection } from './labels.ts';

export interface ItemState {
  itemId: number;
  title: string;
  categoryName: string;
  sectionName: string;
  status: ItemStatus;
  statusLabel: string;
  deadlineTitle: string | null;
  deadlineDate: string | null;
}
export interface MilestoneState {
  id: number;
  itemId: number;
  itemTitle: string;
  title: string;
  plannedDate: string;
  actualDate: string | null;
  status: string;
}
export interface KpiState {
  id: number;
  name: string;
  unit: string;
  direction: KpiDirection;
  targetValue: number;
  value: number | null;
  periodLabel: string | null;
}
export interface QuarterState {
  fiscalYear: number;
  quarter: Quarter;
  asOf: string;
  items: ItemState[];
  milestones: MilestoneState[];
  kpis: KpiState[];
}

export const LATE_STATUSES: readonly ItemStatus[] = ['past_deadline', 'at_risk', 'delayed'];
export const isLate = (s: ItemStatus) => LATE_STATUSES.includes(s);

/** Short names for the summary sentence (標準化・共通化 → 標準化); other categories keep their name. */
const SHORT_NAMES: Record<string, string> = {
  '標準化・共通化': '標準化',
  行政手続のオンライン化: 'オンライン化',
  ガバメントクラウド移行: 'ガバメントクラウド',
};
export const shortCategoryName = (name: string) => SHORT_NAMES[name] ?? name;

export interface SummaryNumbers {
  /** Late items now minus late items in the previous quarter. */
  lateChange: number;
  lateNow: number;
  /** Net change of late items per category (short or full name), in display order. */
  lateChangeByCategory: { category: string; change: number }[];
  newlyDone: number;
  pastDeadline: number;
  dueSoon: number;
  unreportedSections: number;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

/** 「前四半期から遅延は2件増加（標準化1件、オンライン化1件）、完了は3件。国の期限を超過している取組は1件。」 */
export function reviewSummary(n: SummaryNumbers): string {
  const parts = n.lateChangeByCategory.filter((c) => c.change !== 0);
  const sameSign = parts.every((c) => Math.sign(c.change) === Math.sign(n.lateChange));
  const breakdown = parts.length ? `（${parts.map((c) => `${shortCategoryName(c.category)}${sameSign ? Math.abs(c.change) : signed(c.change)}件`).join('、')}）` : '';
  const late =
    n.lateChange > 0
      ? `遅延は${n.lateChange}件増加${breakdown}`
      : n.lateChange < 0
        ? `遅延は${-n.lateChange}件減少${breakdown}`
        : `遅延の件数は変わらず${n.lateNow}件${breakdown}`;
  let s = `前四半期から${late}、完了は${n.newlyDone}件。国の期限を超過している取組は${n.pastDeadline}件。`;
  if (n.dueSoon > 0) s += `今後2四半期以内に国の期限を迎える取組は${n.dueSoon}件。`;
  if (n.unreportedSections > 0) s += `今期未報告の課は${n.unreportedSections}課。`;
  return s;
}

export interface DeadlineRow {
  itemId: number;
  title: string;
  categoryName: string;
  statusLabel: string;
  deadlineTitle: string;
  deadlineDate: string;
  /** Negative: days past the deadline at the quarter's last day. */
  daysLeft: number;
}

export function quarterReview(prev: QuarterState | null, cur: QuarterState, unreportedSections: { sectionId: number; sectionName: string }[]) {
  const prevItems = new Map((prev?.items ?? []).map((i) => [i.itemId, i]));
  const newlyLate = cur.items.filter((i) => isLate(i.status) && !(prevItems.has(i.itemId) && isLate(prevItems.get(i.itemId)!.status)));
  const newlyDone = cur.items.filter((i) => i.status === 'done' && prevItems.get(i.itemId)?.status !== 'done');
  const recovered = (prev?.items ?? []).filter((i) => isLate(i.status) && !cur.items.some((c) => c.itemId === i.itemId && isLate(c.status)));

  const prevMs = new Map((prev?.milestones ?? []).map((m) => [m.id, m]));
  const slipped = cur.milestones
    .filter((m) => prevMs.has(m.id) && compareIsoDates(m.plannedDate, prevMs.get(m.id)!.plannedDate) > 0)
    .map((m) => ({ ...m, previousPlannedDate: prevMs.get(m.id)!.plannedDate, slipDays: daysBetween(prevMs.get(m.id)!.plannedDate, m.plannedDate) }));

  const prevKpis = new Map((prev?.kpis ?? []).map((k) => [k.id, k]));
  const kpiMoves = cur.kpis
    .filter((k) => k.value !== null && prevKpis.get(k.id)?.value !== null && prevKpis.has(k.id) && prevKpis.get(k.id)!.value !== k.value)
    .map((k) => {
      const before = prevKpis.get(k.id)!.value!;
      const delta = k.value! - before;
      const improved = k.direction === 'higher' ? delta > 0 : delta < 0;
      const reached = k.direction === 'higher' ? k.value! >= k.targetValue : k.value! <= k.targetValue;
      return {
        kpiId: k.id,
        name: k.name,
        unit: k.unit,
        direction: k.direction,
        before,
        after: k.value!,
        delta,
        movement: improved ? ('improved' as const) : ('worsened' as const),
        movementLabel: improved ? '改善' : '悪化',
        targetValue: k.targetValue,
        reached,
        remainingToTarget: reached ? 0 : Math.abs(k.targetValue - k.value!),
      };
    });

  const horizon = quarterFromIndex(quarterIndex(cur) + 2);
  const horizonEnd = fiscalQuarterEnd(horizon.fiscalYear, horizon.quarter);
  const open = cur.items.filter((i) => i.deadlineDate !== null && i.status !== 'done' && i.status !== 'not_applicable');
  const row = (i: ItemState): DeadlineRow => ({
    itemId: i.itemId,
    title: i.title,
    categoryName: i.categoryName,
    statusLabel: i.statusLabel,
    deadlineTitle: i.deadlineTitle ?? '',
    deadlineDate: i.deadlineDate!,
    daysLeft: daysBetween(cur.asOf, i.deadlineDate!),
  });
  const byDate = (a: DeadlineRow, b: DeadlineRow) => compareIsoDates(a.deadlineDate, b.deadlineDate) || a.itemId - b.itemId;
  const deadlinesPassed = open.filter((i) => compareIsoDates(i.deadlineDate!, cur.asOf) < 0).map(row).sort(byDate);
  const deadlinesDueSoon = open
    .filter((i) => compareIsoDates(i.deadlineDate!, cur.asOf) >= 0 && compareIsoDates(i.deadlineDate!, horizonEnd) <= 0)
    .map(row)
    .sort(byDate);

  const lateNow = cur.items.filter((i) => isLate(i.status)).length;
  const latePrev = (prev?.items ?? []).filter((i) => isLate(i.status)).length;
  const categories = [...new Set([...cur.items, ...(prev?.items ?? [])].map((i) => i.categoryName))];
  const lateChangeByCategory = categories.map((category) => ({
    category,
    change:
      cur.items.filter((i) => i.categoryName === category && isLate(i.status)).length -
      (prev?.items ?? []).filter((i) => i.categoryName === category && isLate(i.status)).length,
  }));
  const numbers: SummaryNumbers = {
    lateChange: lateNow - latePrev,
    lateNow,
    lateChangeByCategory,
    newlyDone: newlyDone.length,
    pastDeadline: deadlinesPassed.length,
    dueSoon: deadlinesDueSoon.length,
    unreportedSections: unreportedSections.length,
  };
  return {
    newlyLate,
    newlyDone,
    recovered,
    slippedMilestones: slipped,
    kpiMoves,
    deadlinesPassed,
    deadlinesDueSoon,
    horizonEnd,
    unreportedSections,
    numbers: { ...numbers, lateChangeByCategory: lateChangeByCategory.filter((c) => c.change !== 0) },
    summary: reviewSummary(numbers),
  };
}

export type QuarterReview = ReturnType<typeof quarterReview>;
