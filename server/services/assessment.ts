/**
 * Applies the domain rules to one body's plan: the effective deadline of every deadline-bearing
 * milestone, each item's own status (its milestones) and its rolled-up status (own + children).
 *
 * Items nest (標準化 → ガバメントクラウドへ移行, オンライン化 → 【第1弾】…). `own` judges an item on its own
 * milestones; `assessment` is the roll-up (domain/item-rollup.ts): the worst of own and children, with
 * reasons naming the child. Portfolio counts use `countedStatus` (each leaf, and a parent's own steps,
 * once); milestone figures use every item's own milestones, so each milestone is counted once.
 */
import { effectiveDeadline, type EffectiveDeadline } from '../domain/deadlines.ts';
import { milestoneAdherence, type Adherence } from '../domain/adherence.ts';
import { itemStatus, type DeadlineCheck, type ItemAssessment } from '../domain/item-status.ts';
import { countedStatus, leafIds, rollUpItems } from '../domain/item-rollup.ts';
import type { ItemStatus } from '../domain/labels.ts';
import { compareIsoDates } from '../domain/dates.ts';
import type { Category, Milestone, NationalDeadline, PlanItem, Section } from '../db/schema.ts';
import type { BodyPlan } from '../repositories/body-plan.ts';

export type MilestoneDeadlineRef = EffectiveDeadline & { id: number; code: string; title: string };
export type AssessedMilestone = Milestone & { adherence: Adherence; deadline: MilestoneDeadlineRef | null };

/** A deadline an item answers, through one of its own milestones. */
export type ItemDeadline = MilestoneDeadlineRef & { milestoneId: number; milestoneTitle: string; state: DeadlineCheck['state'] };

export interface AssessedItem {
  item: PlanItem;
  category: Category;
  section: Section;
  depth: number;
  childIds: number[];
  isLeaf: boolean;
  /** What this item adds to portfolio counts (domain/item-rollup.ts countedStatus); null for a heading. */
  countedStatus: ItemStatus | null;
  /** Own milestones, each with the deadline it answers. */
  milestones: AssessedMilestone[];
  /** Deadlines of own milestones, earliest effective date first. */
  deadlines: ItemDeadline[];
  /** The most pressing of `deadlines`: the earliest still open, else the last one. */
  deadline: ItemDeadline | null;
  /** Judged on own milestones only. */
  own: ItemAssessment;
  /** Rolled up: own milestones and children. */
  assessment: ItemAssessment;
}

function byId<T extends { id: number }>(rows: T[]): Map<number, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

export function assessBodyPlan(plan: BodyPlan, today: string): AssessedItem[] {
  const categories = byId(plan.categories);
  const sections = byId(plan.sections);
  const deadlines = byId<NationalDeadline>(plan.deadlines);
  const children = new Map<number, number[]>();
  for (const i of plan.items) {
    if (i.parentId !== null) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i.id]);
  }
  const own = new Map<number, AssessedMilestone[]>();
  for (const m of plan.milestones) {
    const d = m.nationalDeadlineId === null ? undefined : deadlines.get(m.nationalDeadlineId);
    const deadline = d
      ? { id: d.id, code: d.code, title: d.title, ...effectiveDeadline(d, plan.extensions, { bodyId: plan.body.id, itemId: m.itemId }) }
      : null;
    own.set(m.itemId, [...(own.get(m.itemId) ?? []), { ...m, adherence: milestoneAdherence(m, today), deadline }]);
  }
  const items = byId(plan.items);
  const depthOf = (i: PlanItem): number => {
    let d = 0;
    for (let p = i.parentId; p !== null && d < 20; p = items.get(p)?.parentId ?? null) d++;
    return d;
  };

  const ownAssessments = new Map<number, ItemAssessment>();
  for (const item of plan.items) {
    const ms = own.get(item.id) ?? [];
    ownAssessments.set(
      item.id,
      itemStatus(
        ms.map((m) => ({
          ...m,
          deadline: m.deadline && {
            title: m.deadline.title,
            originalDate: m.deadline.originalDate,
            effectiveDate: m.deadline.effectiveDate,
            extended: m.deadline.extended,
          },
        })),
        today,
      ),
    );
  }
  const rolled = rollUpItems(
    plan.items.map((i) => ({
      id: i.id,
      title: i.title,
      parentId: i.parentId,
      own: ownAssessments.get(i.id)!,
      hasMilestones: (own.get(i.id)?.length ?? 0) > 0,
    })),
    today,
  );
  const leaves = leafIds(plan.items);

  return plan.items.map((item) => {
    const ms = own.get(item.id) ?? [];
    const ownA = ownAssessments.get(item.id)!;
    const itemDeadlines = ms
      .filter((m) => m.deadline !== null && m.status !== 'not_applicable')
      .map((m) => ({
        ...m.deadline!,
        milestoneId: m.id,
        milestoneTitle: m.title,
        state: ownA.deadlines.find((c) => c.milestoneTitle === m.title && c.deadline.effectiveDate === m.deadline!.effectiveDate)?.state ?? 'open',
      }))
      .sort((a, b) => compareIsoDates(a.effectiveDate, b.effectiveDate) || a.milestoneId - b.milestoneId);
    const openOnes = itemDeadlines.filter((d) => d.state !== 'met' && d.state !== 'missed');
    return {
      item,
      category: categories.get(item.categoryId)!,
      section: sections.get(item.sectionId)!,
      depth: depthOf(item),
      childIds: children.get(item.id) ?? [],
      isLeaf: leaves.has(item.id),
      countedStatus: countedStatus({ isLeaf: leaves.has(item.id), hasMilestones: ms.length > 0, own: ownA }),
      milestones: ms,
      deadlines: itemDeadlines,
      deadline: openOnes[0] ?? itemDeadlines[itemDeadlines.length - 1] ?? null,
      own: ownA,
      assessment: rolled.get(item.id)!,
    };
  });
}
