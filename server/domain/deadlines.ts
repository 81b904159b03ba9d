/**
 * National deadlines and their extensions. An extension supersedes the deadline for a scope: one body's
 * business area (a system, e.g. a 特定移行支援システム), one plan item, or the whole body — the original is
 * never overwritten, so both can be shown and charted. A system's extension never moves the deadline of
 * the body's other systems, nor of its plan items: a body with some extended systems still has ordinary
 * systems due on the original date.
 */
import { compareIsoDates } from './dates.ts';

export type DeadlineLike = { id: number; dueDate: string };
export type ExtensionLike = {
  deadlineId: number;
  bodyId: number | null;
  itemId: number | null;
  /** Set (with bodyId): the extension covers that body's system of this business area only. */
  areaId?: number | null;
  extendedDueDate: string;
};

/** What an extension covers (the scope it was granted for). */
export function extensionScope(e: ExtensionLike): 'area' | 'item' | 'body' {
  if (e.areaId != null) return 'area';
  return e.itemId !== null ? 'item' : 'body';
}

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
    (e) => e.deadlineId === deadline.id && (e.bodyId === null || e.bodyId === scope.bodyId) && extensionScope(e) !== 'area',
  );
  const forItem = own.filter((e) => e.itemId === scope.itemId);
  const forBody = own.filter((e) => extensionScope(e) === 'body' && e.bodyId === scope.bodyId);
  const extension = latest(forItem) ?? latest(forBody);
  return {
    originalDate: deadline.dueDate,
    effectiveDate: extension?.extendedDueDate ?? deadline.dueDate,
    extended: extension !== null,
    extension,
  };
}

/**
 * The deadline that applies to one system: one body's business area. An extension granted for this
 * body's area wins, then one granted to the whole body; item extensions govern plan items, not systems.
 * Within a scope the latest date wins. The national and prefecture roll-ups judge every system with this
 * function (server/services/rollups.ts, systemCounts).
 */
export function effectiveSystemDeadline(
  deadline: DeadlineLike,
  extensions: ExtensionLike[],
  scope: { bodyId: number; areaId: number },
): EffectiveDeadline {
  const own = extensions.filter((e) => e.deadlineId === deadline.id && e.bodyId === scope.bodyId);
  const extension =
    latest(own.filter((e) => e.areaId === scope.areaId)) ?? latest(own.filter((e) => extensionScope(e) === 'body'));
  return {
    originalDate: deadline.dueDate,
    effectiveDate: extension?.extendedDueDate ?? deadline.dueDate,
    extended: extension !== null,
    extension,
  };
}
