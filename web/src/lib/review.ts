// 四半期レビュー: the API's review (GET …/quarters/:fy/:q/review) as plain table data for the page, and
// the items that get a 対応方針 (every item named in a list). No UI, no API calls.
import { formatDate, formatDaysLeft, formatInteger, formatValue } from './format.ts';
import { formatDelta } from './quarters.ts';
import type { FigureColumn } from './figure.ts';
import type { Decision, QuarterReview } from './types.ts';
import { KPI_STATUS_LABELS } from '$domain/labels.ts';

export const EMPTY_TEXT = '該当なし';

export interface ReviewRow {
  /** Row header text (an item or KPI name). */
  header: string;
  /** The row header links to this item (取組詳細), if set. */
  itemId?: number;
  cells: string[];
}

export interface ReviewTable {
  /** Used for ids (`review-<id>`). */
  id: string;
  caption: string;
  columns: FigureColumn[];
  rows: ReviewRow[];
}

const dash = (v: string | null | undefined) => (v ? v : '—');
const formatSignedInteger = (n: number) => `${n > 0 ? '+' : ''}${formatInteger(n)}日`;

/** Every list of the review as a table, in reading order (empty tables stay, shown as 「該当なし」). */
export function reviewTables(review: QuarterReview): ReviewTable[] {
  const itemColumns: FigureColumn[] = [{ label: '取組' }, { label: '取組分野' }, { label: '担当課' }, { label: '状況' }, { label: '国の期限' }];
  const itemRows = (list: QuarterReview['newlyLate']): ReviewRow[] =>
    list.map((i) => ({
      header: i.title,
      itemId: i.itemId,
      cells: [i.categoryName, i.sectionName, i.statusLabel, i.deadlineDate ? `${dash(i.deadlineTitle)}（${formatDate(i.deadlineDate)}）` : '—'],
    }));
  // One row per milestone that answers a national deadline (国の期限, or 延長後の期限 when extended).
  const deadlineColumns: FigureColumn[] = [
    { label: '取組' },
    { label: '期限に答えるマイルストーン' },
    { label: '国の期限' },
    { label: '期限' },
    { label: '期末からの日数', numeric: true },
    { label: '状況' },
  ];
  const deadlineRows = (list: QuarterReview['deadlinesPassed']): ReviewRow[] =>
    list.map((d) => ({
      header: d.title,
      itemId: d.itemId,
      cells: [dash(d.milestoneTitle), d.deadlineTitle, `${d.deadlineLabel} ${formatDate(d.deadlineDate)}`, formatDaysLeft(d.daysLeft), d.statusLabel],
    }));
  const vs = `${review.previous.label}との比較`;
  return [
    { id: 'newly-late', caption: `新たに要対応になった取組（${vs}）`, columns: itemColumns, rows: itemRows(review.newlyLate) },
    { id: 'newly-done', caption: `新たに完了した取組（${vs}）`, columns: itemColumns, rows: itemRows(review.newlyDone) },
    { id: 'recovered', caption: `要対応から回復した取組（${vs}）`, columns: itemColumns, rows: itemRows(review.recovered) },
    {
      id: 'slipped',
      caption: `予定日が遅れたマイルストーン（${vs}）`,
      columns: [{ label: 'マイルストーン' }, { label: '取組' }, { label: '前回の予定日' }, { label: '今回の予定日' }, { label: '遅れ（日）', numeric: true }],
      rows: review.slippedMilestones.map((m) => ({
        header: m.title,
        cells: [m.itemTitle, formatDate(m.previousPlannedDate), formatDate(m.plannedDate), `${formatInteger(m.slipDays)}日`],
      })),
    },
    {
      id: 'plan-changes',
      caption: `今期の計画変更（${review.quarter.label}に予定日を変えたマイルストーン。変更の理由つき）`,
      columns: [{ label: 'マイルストーン' }, { label: '取組' }, { label: '変更日' }, { label: '変更前の予定日' }, { label: '変更後の予定日' }, { label: '移動（日）', numeric: true }, { label: '理由' }, { label: '変更者' }],
      rows: review.planChanges.map((c) => ({
        header: c.milestoneTitle,
        itemId: c.itemId,
        cells: [c.itemTitle, formatDate(c.on), formatDate(c.from), formatDate(c.to), formatSignedInteger(c.shiftDays), dash(c.reason), dash(c.username)],
      })),
    },
    {
      id: 'target-changes',
      caption: `今期の目標値の変更（${review.quarter.label}）`,
      columns: [{ label: '指標' }, { label: '変更日' }, { label: '変更前の目標' }, { label: '変更後の目標' }, { label: '理由' }, { label: '変更者' }],
      rows: review.targetChanges.map((c) => ({
        header: c.kpiName,
        cells: [formatDate(c.on), `${formatInteger(c.fromValue)}（${c.fromFiscalYear}年度）`, `${formatInteger(c.toValue)}（${c.toFiscalYear}年度）`, dash(c.reason), dash(c.username)],
      })),
    },
    {
      id: 'kpi-moves',
      caption: `値が動いた指標（${vs}、目標に対する向き）`,
      columns: [{ label: '指標' }, { label: '前回', numeric: true }, { label: '今回', numeric: true }, { label: '増減', numeric: true }, { label: '目標に対して' }, { label: '目標', numeric: true }, { label: '目標まで', numeric: true }],
      rows: review.kpiMoves.map((k) => ({
        header: k.name,
        cells: [
          formatValue(k.before, k.unit),
          formatValue(k.after, k.unit),
          formatDelta(k.delta, k.unit),
          `${k.movement === 'improved' ? '↑ ' : '↓ '}${k.movementLabel}`,
          formatValue(k.targetValue, k.unit),
          k.reached ? KPI_STATUS_LABELS.achieved : `あと${formatValue(k.remainingToTarget, k.unit)}`,
        ],
      })),
    },
    { id: 'deadlines-passed', caption: `国の期限を過ぎたマイルストーン（${formatDate(review.quarter.asOf)}時点）`, columns: deadlineColumns, rows: deadlineRows(review.deadlinesPassed) },
    { id: 'deadlines-soon', caption: `今後2四半期（${formatDate(review.horizonEnd)}まで）に国の期限が来るマイルストーン`, columns: deadlineColumns, rows: deadlineRows(review.deadlinesDueSoon) },
    {
      id: 'unreported',
      caption: `今期（${review.quarter.label}）に報告していない課`,
      columns: [{ label: '課' }],
      rows: review.unreportedSections.map((s) => ({ header: s.sectionName, cells: [] })),
    },
  ];
}

export interface DecisionTarget {
  itemId: number;
  title: string;
  /** Why the item is in the review: 新たに要対応, 国の期限超過 … */
  reasons: string[];
  decision: Decision | null;
}

/**
 * The items that get a 対応方針, in the order the lists name them: every item of the review's lists
 * (and any item that already has a decision), once each.
 */
/**
 * `attention`: the closed quarter's 要対応の取組 (its frozen dashboard) — the council PDF lists every one of them
 * with its 対応方針 (「（未記入）」 when none), so each gets a box here too, continuing delays included.
 */
export function decisionTargets(review: QuarterReview, attention: readonly { itemId: number; title: string }[] = []): DecisionTarget[] {
  const byId = new Map<number, DecisionTarget>();
  const add = (itemId: number, title: string, reason: string) => {
    const t = byId.get(itemId);
    if (t) {
      if (!t.reasons.includes(reason)) t.reasons.push(reason);
      return;
    }
    byId.set(itemId, { itemId, title, reasons: [reason], decision: null });
  };
  for (const i of review.newlyLate) add(i.itemId, i.title, '新たに要対応');
  for (const m of review.slippedMilestones) add(m.itemId, m.itemTitle, 'マイルストーンの予定日が遅れた');
  for (const c of review.planChanges) add(c.itemId, c.itemTitle, '今期に計画変更');
  for (const d of review.deadlinesPassed) add(d.itemId, d.title, '国の期限超過');
  for (const d of review.deadlinesDueSoon) add(d.itemId, d.title, '国の期限が近い');
  for (const i of review.newlyDone) add(i.itemId, i.title, '新たに完了');
  for (const i of review.recovered) add(i.itemId, i.title, '要対応から回復');
  for (const a of attention) if (!byId.has(a.itemId)) add(a.itemId, a.title, '要対応（前の四半期から継続）');
  for (const d of review.decisions) {
    if (!byId.has(d.itemId)) add(d.itemId, `取組（ID: ${d.itemId}）`, '対応方針を記録済み');
    byId.get(d.itemId)!.decision = d;
  }
  return [...byId.values()];
}
