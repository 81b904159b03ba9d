/**
 * National deadlines and their extensions. An extension supersedes the deadline for one body or one
 * plan item; the original is never overwritten, so both can be shown and charted.
 */
import { compareIsoDates } from './dates.ts';

export type DeadlineLike = { id: number; dueDate: string };
export type ExtensionLike = {
  deadlineId: number;
  bodyId: number | null;
  itemId: number | null;
  extendedDueDate: string;
};

export type EffectiveDeadline = {
  originalDate: string;
  effectiveDate: string;
  extended: boolean;
  extension: ExtensionLike | null;
};

/** Latest extended date wins among extensions of the same scope (a later decision pushes further). */
function latest(extensions: ExtensionLike[]): ExtensionLike | null {
  let best: ExtensionLike | null = null;
  for (const e of extensions) {
    if (best === null || compareIsoDates(e.extendedDueDate, best.extendedDueDate) > 0) best = e;
  }
  return best;
}

/**
 * The deadline that applies to one item of one body. The most specific extension wins: one granted
 * for this item beats one granted to the whole body, whatever their dates. Extensions of other
 * deadlines, bodies or items are ignored, as is an item extension recorded against another body
 * (inconsistent data must not leak across bodies). An extension naming neither body nor item
 * cannot exist in the DB (check constraint) and is ignored here too.
 */
export function effectiveDeadline(
  deadline: DeadlineLike,
  extensions: ExtensionLike[],
  scope: { bodyId: number; itemId: number },
): EffectiveDeadline {
  const own = extensions.filter(
    (e) => e.deadlineId === deadline.id && (e.bodyId === null || e.bodyId === scope.bodyId),
  );
  const forItem = own.filter((e) => e.itemId === scope.itemId);
  const forBody = own.filter((e) => e.itemId === null && e.bodyId === scope.bodyId);
  const extension = latest(forItem) ?? latest(forBody);
  return {
    originalDate: deadline.dueDate,
    effectiveDate: extension?.extendedDueDate ?? deadline.dueDate,
    extended: extension !== null,
    extension,
  };
}
