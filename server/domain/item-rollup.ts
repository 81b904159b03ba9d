/**
 * Parents roll up: an item with children (標準化 → ガバメントクラウドへ移行, オンライン化 → 【第1弾】…) takes
 * the worst of its own milestones' status and its children's (rolled-up) statuses, so a parent is
 * never 完了 while a child is late, and never better than any deadline-bearing milestone below it.
 * Its reasons name the child (「【第2弾】が612日遅延」).
 *
 * A parent without milestones of its own (a heading) is judged on its children alone; with neither
 * milestones nor children it is 未計画 like any other item.
 *
 * Counting (`countedStatus`): portfolio counts count each piece of work once — every leaf with its
 * status, and a parent that has milestones of its own once more for those milestones alone (its own
 * status), as if its own steps were one more leaf. A parent's rolled-up status is a summary shown on
 * the parent and is never added to the counts, so the counts at every level add up to these leaves.
 */
import { maxIsoDate, minIsoDate, daysBetween } from './dates.ts';
import type { ItemAssessment } from './item-status.ts';
import { isFinishedStatus, worstItemStatus, type ItemStatus } from './labels.ts';

export type RollupNode = {
  id: number;
  title: string;
  parentId: number | null;
  /** The item's own milestones' assessment (itemStatus); `hasMilestones` false → not_planned there. */
  own: ItemAssessment;
  hasMilestones: boolean;
};

/** The child's name in a parent's reasons: 【第2弾】 when the title starts with one, else up to 「：」. */
export function shortItemTitle(title: string): string {
  const bracket = /^【[^】]{1,12}】/.exec(title);
  if (bracket) return bracket[0];
  let head = title.split(/[：:]/)[0]!.trim();
  // Cut before an opening parenthesis the cut left unclosed: 「…移行（特定移行支援」 → 「…移行」.
  const open = head.lastIndexOf('（');
  if (open > 0 && head.indexOf('）', open) < 0) head = head.slice(0, open);
  return head.length > 24 ? `${head.slice(0, 23)}…` : head;
}

function childReason(title: string, a: ItemAssessment): string | null {
  const name = shortItemTitle(title);
  switch (a.status) {
    case 'past_deadline':
      return `${name}が期限超過`;
    case 'at_risk':
      return `${name}が要注意（期限に間に合わない見込み）`;
    case 'delayed':
      return `${name}が${a.delayDays}日遅延`;
    case 'start_late':
      return `${name}が着手遅れ`;
    case 'not_planned':
      return `${name}が未計画（スケジュール未登録）`;
    case 'done_late':
      return `${name}は期限後完了`;
    default:
      return null;
  }
}

/** Rolled-up assessments by item id. Children first (post-order); a cycle in parent links is cut. */
export function rollUpItems(nodes: RollupNode[], today: string): Map<number, ItemAssessment> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<number, RollupNode[]>();
  for (const n of nodes) {
    if (n.parentId !== null && byId.has(n.parentId)) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  }
  const out = new Map<number, ItemAssessment>();
  const visiting = new Set<number>();

  const visit = (n: RollupNode): ItemAssessment => {
    const done = out.get(n.id);
    if (done) return done;
    const kids = (children.get(n.id) ?? []).filter((c) => !visiting.has(c.id));
    if (kids.length === 0) {
      out.set(n.id, n.own);
      return n.own;
    }
    visiting.add(n.id);
    const parts = kids.map((c) => ({ node: c, a: visit(c) }));
    visiting.delete(n.id);
    const own = n.hasMilestones ? n.own : null;
    const all = [...(own ? [own] : []), ...parts.map((p) => p.a)];
    const status = worstItemStatus(all.map((a) => a.status)) as ItemStatus;
    const finished = isFinishedStatus(status);

    const childReasons = parts
      .map((p) => ({ a: p.a, r: childReason(p.node.title, p.a) }))
      .filter((x): x is { a: ItemAssessment; r: string } => x.r !== null);
    // The part that decides the status is named first.
    const decisive = own?.status === status ? (own.reasons ?? []) : [];
    const reasons = [
      ...childReasons.filter((x) => x.a.status === status).map((x) => x.r),
      ...decisive,
      ...childReasons.filter((x) => x.a.status !== status).map((x) => x.r),
      ...(own && own.status !== status ? own.reasons : []),
    ];
    const pressing = minIsoDate(...all.map((a) => a.deadlineDate));
    const rolled: ItemAssessment = {
      status,
      reasons: [...new Set(reasons)],
      plannedFinish: maxIsoDate(...all.map((a) => a.plannedFinish)),
      forecastFinish: maxIsoDate(...all.map((a) => a.forecastFinish)),
      actualFinish: finished ? maxIsoDate(...all.map((a) => a.actualFinish)) : null,
      delayDays: Math.max(0, ...all.map((a) => a.delayDays)),
      overdueCount: all.reduce((s, a) => s + a.overdueCount, 0),
      doneCount: all.reduce((s, a) => s + a.doneCount, 0),
      applicableCount: all.reduce((s, a) => s + a.applicableCount, 0),
      deadlineDate: pressing,
      daysToDeadline: pressing === null ? null : daysBetween(today, pressing),
      deadlines: all.flatMap((a) => a.deadlines),
    };
    out.set(n.id, rolled);
    return rolled;
  };
  for (const n of nodes) visit(n);
  return out;
}

/**
 * The status an item adds to portfolio counts: a leaf its status; a parent with milestones of its own
 * the status of those milestones alone; a heading (children, no milestones) nothing (null).
 */
export function countedStatus(node: { isLeaf: boolean; hasMilestones: boolean; own: ItemAssessment }): ItemStatus | null {
  return node.isLeaf || node.hasMilestones ? node.own.status : null;
}

/** Leaves: items without children (a child whose parent is missing counts as a leaf too). */
export function leafIds(nodes: { id: number; parentId: number | null }[]): Set<number> {
  const ids = new Set(nodes.map((n) => n.id));
  const parents = new Set(nodes.filter((n) => n.parentId !== null && ids.has(n.parentId)).map((n) => n.parentId!));
  return new Set(nodes.filter((n) => !parents.has(n.id)).map((n) => n.id));
}
