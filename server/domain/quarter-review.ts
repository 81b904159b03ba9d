/**
 * 四半期レビュー: what changed between two quarters' states (each the plan as of a quarter's last day),
 * and the plain-Japanese summary sentence generated from the numbers only (never free text).
 *
 * Rules written here:
 * - An item needs action (要対応) when its status is one of ATTENTION_STATUSES (期限超過, 要注意, 遅延,
 *   着手遅れ, 未計画): the dashboard's 要対応 list. The summary calls it 要対応, never 遅延, because 遅延 is
 *   one status among them. "Newly": in the set now, not (or absent) before. "Newly done": 完了 or
 *   期限後完了 now, not before (期限後完了 counted apart).
 * - A milestone slipped when its planned date is later now than before (days between the two).
 * - A KPI moved when its latest value changed; it improved when it moved the way its direction says.
 * - National deadlines: open deadline-bearing milestones whose effective deadline has passed at the
 *   quarter's last day, or falls within the next two quarters after it — one row per milestone.
 * - The summary is one paragraph in です・ます; zero cases say 「…はありません」.
 */
import { daysBetween, compareIsoDates } from './dates.ts';
import { fiscalQuarterEnd, quarterFromIndex, quarterIndex, type Quarter } from './fiscal.ts';
import { ATTENTION_STATUSES, deadlineWord, type ItemStatus, type KpiDirection } from './labels.ts';

export interface ItemState {
  itemId: number;
  title: string;
  categoryName: string;
  sectionName: string;
  status: ItemStatus;
  statusLabel: string;
  deadlineTitle: string | null;
  deadlineDate: string | null;
  /**
   * What the item adds to counts (services/assessment.ts): a leaf its status, a parent with milestones
   * of its own their status, a heading null. Absent in snapshots closed before roll-ups: `status`.
   */
  countedStatus?: ItemStatus | null;
  /** Every deadline of the item's own milestones (absent in snapshots closed before deadlines moved to milestones). */
  deadlines?: { title: string; milestoneTitle: string; date: string; extended: boolean; open: boolean }[];
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

export const isLate = (s: ItemStatus) => ATTENTION_STATUSES.includes(s);
const isDone = (s: ItemStatus) => s === 'done' || s === 'done_late';

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
  /** Of newlyDone, those 期限後完了. */
  newlyDoneLate: number;
  pastDeadline: number;
  dueSoon: number;
  unreportedSections: number;
}

/**
 * 「前四半期と比べ、要対応の取組は2件増えて5件になりました。内訳は標準化1件増、オンライン化1件増です。
 *   この四半期に新たに完了した取組は3件です。国の期限を超過している取組はありません。」
 */
export function reviewSummary(n: SummaryNumbers): string {
  const parts = n.lateChangeByCategory.filter((c) => c.change !== 0);
  const breakdown = parts.length
    ? `内訳は${parts.map((c) => `${shortCategoryName(c.category)}${Math.abs(c.change)}件${c.change > 0 ? '増' : '減'}`).join('、')}です。`
    : '';
  const late =
    n.lateChange > 0
      ? `前四半期と比べ、要対応の取組は${n.lateChange}件増えて${n.lateNow}件になりました。`
      : n.lateChange < 0
        ? `前四半期と比べ、要対応の取組は${-n.lateChange}件減って${n.lateNow}件になりました。`
        : n.lateNow === 0
          ? '要対応の取組は前四半期に続きありません。'
          : `要対応の取組は前四半期と同じ${n.lateNow}件です。`;
  const done =
    n.newlyDone === 0
      ? '新たに完了した取組はありません。'
      : `この四半期に新たに完了した取組は${n.newlyDone}件です${n.newlyDoneLate > 0 ? `（うち期限後完了${n.newlyDoneLate}件）` : ''}。`;
  const past = n.pastDeadline === 0 ? '国の期限を超過しているマイルストーンはありません。' : `国の期限を超過しているマイルストーンは${n.pastDeadline}件です。`;
  let s = late + breakdown + done + past;
  if (n.dueSoon > 0) s += `今後2四半期以内に国の期限を迎えるマイルストーンは${n.dueSoon}件です。`;
  if (n.unreportedSections > 0) s += `今期の報告がない課は${n.unreportedSections}課です。`;
  return s;
}

export interface DeadlineRow {
  itemId: number;
  title: string;
  categoryName: string;
  statusLabel: string;
  /** The milestone that answers the deadline ('' in snapshots from before deadlines moved to milestones). */
  milestoneTitle: string;
  deadlineTitle: string;
  /** 「国の期限」 or 「延長後の期限」. */
  deadlineLabel: string;
  deadlineDate: string;
  /** Negative: days past the deadline at the quarter's last day. */
  daysLeft: number;
}

/** The items counted, each with the status it is counted with (a parent's rolled-up status is not counted again). */
const counted = (items: ItemState[]) =>
  items.flatMap((i) => (i.countedStatus === undefined ? [i] : i.countedStatus === null ? [] : [{ ...i, status: i.countedStatus }]));

export function quarterReview(prevState: QuarterState | null, curState: QuarterState, unreportedSections: { sectionId: number; sectionName: string }[]) {
  const prev = prevState && { ...prevState, items: counted(prevState.items) };
  const cur = { ...curState, items: counted(curState.items) };
  const prevItems = new Map((prev?.items ?? []).map((i) => [i.itemId, i]));
  const newlyLate = cur.items.filter((i) => isLate(i.status) && !(prevItems.has(i.itemId) && isLate(prevItems.get(i.itemId)!.status)));
  const newlyDone = cur.items.filter((i) => isDone(i.status) && !isDone(prevItems.get(i.itemId)?.status ?? 'on_track'));
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
  // One row per open deadline-bearing milestone; old snapshots have one deadline per item.
  const openDeadlines = curState.items.flatMap((i) =>
    (i.deadlines ?? (i.deadlineDate !== null && !isDone(i.status) && i.status !== 'not_applicable'
      ? [{ title: i.deadlineTitle ?? '', milestoneTitle: '', date: i.deadlineDate, extended: false, open: true }]
      : [])
    )
      .filter((d) => d.open)
      .map((d) => ({ i, d })),
  );
  const row = ({ i, d }: (typeof openDeadlines)[number]): DeadlineRow => ({
    itemId: i.itemId,
    title: i.title,
    categoryName: i.categoryName,
    statusLabel: i.statusLabel,
    milestoneTitle: d.milestoneTitle,
    deadlineTitle: d.title,
    deadlineLabel: deadlineWord(d.extended),
    deadlineDate: d.date,
    daysLeft: daysBetween(cur.asOf, d.date),
  });
  const byDate = (a: DeadlineRow, b: DeadlineRow) => compareIsoDates(a.deadlineDate, b.deadlineDate) || a.itemId - b.itemId;
  const deadlinesPassed = openDeadlines.filter(({ d }) => compareIsoDates(d.date, cur.asOf) < 0).map(row).sort(byDate);
  const deadlinesDueSoon = openDeadlines
    .filter(({ d }) => compareIsoDates(d.date, cur.asOf) >= 0 && compareIsoDates(d.date, horizonEnd) <= 0)
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
    newlyDoneLate: newlyDone.filter((i) => i.status === 'done_late').length,
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
