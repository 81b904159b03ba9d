/**
 * Applies the domain rules to one body's plan: the effective deadline and status of every item.
 *
 * Items nest (標準化 → ガバメントクラウドへ移行, 特定移行支援…). An item with milestones of its own
 * is a piece of work and is judged on them; its children are judged separately. A pure heading (no
 * milestones, only children) is judged on its descendants' milestones, for display, and is left out
 * of rollups, so every milestone and every piece of work is counted exactly once.
 */
import { effectiveDeadline, type EffectiveDeadline } from '../domain/deadlines.ts';
import { milestoneAdherence, type Adherence } from '../domain/adherence.ts';
import { itemStatus, type ItemAssessment } from '../domain/item-status.ts';
import type { Category, Milestone, NationalDeadline, PlanItem, Section } from '../db/schema.ts';
import type { BodyPlan } from '../repositories/body-plan.ts';

export type AssessedMilestone = Milestone & { adherence: Adherence };

export interface AssessedItem {
  item: PlanItem;
  category: Category;
  section: Section;
  depth: number;
  childIds: number[];
  /** Own milestones; a pure heading's `assessment` covers its descendants' instead. */
  milestones: AssessedMilestone[];
  deadline: (EffectiveDeadline & { id: number; code: string; title: string }) | null;
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
    own.set(m.itemId, [...(own.get(m.itemId) ?? []), { ...m, adherence: milestoneAdherence(m, today) }]);
  }
  const items = byId(plan.items);
  const depthOf = (i: PlanItem): number => {
    let d = 0;
    for (let p = i.parentId; p !== null && d < 20; p = items.get(p)?.parentId ?? null) d++;
    return d;
  };
  const withDescendants = (id: number, seen = new Set<number>()): AssessedMilestone[] => {
    if (seen.has(id)) return [];
    seen.add(id);
    return [...(own.get(id) ?? []), ...(children.get(id) ?? []).flatMap((c) => withDescendants(c, seen))];
  };

  return plan.items.map((item) => {
    const d = item.nationalDeadlineId === null ? undefined : deadlines.get(item.nationalDeadlineId);
    const deadline = d
      ? { id: d.id, code: d.code, title: d.title, ...effectiveDeadline(d, plan.extensions, { bodyId: plan.body.id, itemId: item.id }) }
      : null;
    return {
      item,
      category: categories.get(item.categoryId)!,
      section: sections.get(item.sectionId)!,
      depth: depthOf(item),
      childIds: children.get(item.id) ?? [],
      milestones: own.get(item.id) ?? [],
      deadline,
      assessment: itemStatus(
        own.has(item.id) ? own.get(item.id)! : withDescendants(item.id),
        deadline?.effectiveDate ?? null,
        today,
      ),
    };
  });
}

/** A piece of work (leaf, or a parent with milestones of its own), as opposed to a pure heading. */
export const countsInRollup = (a: AssessedItem) => a.childIds.length === 0 || a.milestones.length > 0;
