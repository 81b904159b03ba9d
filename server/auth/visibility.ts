/**
 * Lists that span bodies (the bodies list, the standardization comparison, the extensions listed with
 * national deadlines) show only the bodies the user may read (policy.ts `canReadBody`).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { localBodies, planItems, plans } from '../db/schema.ts';
import type { Principal } from './policy.ts';

/** The ids of the bodies `p` may read, or null for every body (admin). */
export function readableBodyIds(db: Db, p: Principal): Set<number> | null {
  if (p.role === 'admin') return null;
  if (p.role === 'prefecture') {
    if (p.prefectureCode === null) return new Set();
    return new Set(
      db.select({ id: localBodies.id }).from(localBodies).where(eq(localBodies.prefectureCode, p.prefectureCode)).all().map((r) => r.id),
    );
  }
  return new Set(p.bodyId === null ? [] : [p.bodyId]);
}

interface ExtensionLike {
  bodyId: number | null;
  itemId: number | null;
}

/** Drops the extensions granted to bodies (or items of bodies) the user may not read. */
export function readableExtensions<E extends ExtensionLike>(db: Db, p: Principal, extensions: E[]): E[] {
  const readable = readableBodyIds(db, p);
  if (readable === null) return extensions;
  const itemIds = [...new Set(extensions.filter((e) => e.bodyId === null && e.itemId !== null).map((e) => e.itemId!))];
  const itemBody = new Map(
    itemIds.length === 0
      ? []
      : db
          .select({ id: planItems.id, bodyId: plans.bodyId })
          .from(planItems)
          .innerJoin(plans, eq(plans.id, planItems.planId))
          .where(inArray(planItems.id, itemIds))
          .all()
          .map((r) => [r.id, r.bodyId] as const),
  );
  return extensions.filter((e) => {
    const bodyId = e.bodyId ?? (e.itemId !== null ? itemBody.get(e.itemId) : undefined);
    return bodyId !== undefined && readable.has(bodyId);
  });
}
