/**
 * 計画期間 (issue 20): starting the next plan from the current one. Which items are unfinished (preselected to continue)
 * and which items actually move when HQ chooses some: an item moves with its whole family line — its sub-items (a
 * heading carries its parts) and the headings above it — so no item of the next plan hangs under an item of the
 * ended plan, or the other way round.
 */
import { isFinishedStatus, type ItemStatus } from './labels.ts';

/** An item is unfinished while its rolled-up status is open (not 完了 / 期限後完了 / 対象外): it continues by default. */
export const isUnfinishedItem = (rolledUpStatus: ItemStatus) => !isFinishedStatus(rolledUpStatus);

/** The items that move to the next plan: the chosen ones, their sub-items, and the items above them. */
export function carriedItemIds(items: readonly { id: number; parentId: number | null }[], chosen: Iterable<number>): Set<number> {
  const parentOf = new Map(items.map((i) => [i.id, i.parentId]));
  const children = new Map<number, number[]>();
  for (const i of items) if (i.parentId !== null) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i.id]);
  const out = new Set<number>();
  const down = (id: number) => {
    if (out.has(id)) return;
    out.add(id);
    for (const c of children.get(id) ?? []) down(c);
  };
  for (const id of chosen) {
    if (!parentOf.has(id)) continue;
    down(id);
    for (let p = parentOf.get(id) ?? null; p !== null && parentOf.has(p); p = parentOf.get(p) ?? null) out.add(p);
  }
  return out;
}
