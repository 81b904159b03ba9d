/** 四半期の締め: the snapshot rows, their frozen JSON payloads and the 対応方針 (decisions) per item. */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { quarterSnapshotPayloads, quarterSnapshots, snapshotDecisions, users, type QuarterSnapshot } from '../db/schema.ts';
import type { FiscalQuarter } from '../domain/fiscal.ts';

export function findSnapshot(db: Db, bodyId: number, fq: FiscalQuarter): QuarterSnapshot | undefined {
  return db
    .select()
    .from(quarterSnapshots)
    .where(and(eq(quarterSnapshots.bodyId, bodyId), eq(quarterSnapshots.fiscalYear, fq.fiscalYear), eq(quarterSnapshots.quarter, fq.quarter)))
    .get();
}

/** Newest first. */
export const listSnapshots = (db: Db, bodyId: number) =>
  db
    .select()
    .from(quarterSnapshots)
    .where(eq(quarterSnapshots.bodyId, bodyId))
    .orderBy(desc(quarterSnapshots.fiscalYear), desc(quarterSnapshots.quarter))
    .all();

export const listClosedSnapshots = (db: Db, bodyId: number) =>
  db
    .select()
    .from(quarterSnapshots)
    .where(and(eq(quarterSnapshots.bodyId, bodyId), eq(quarterSnapshots.status, 'closed')))
    .all();

/** The frozen data of a snapshot, as the JSON text written when it was closed. */
export function snapshotPayload(db: Db, snapshotId: number): string {
  const row = db.select().from(quarterSnapshotPayloads).where(eq(quarterSnapshotPayloads.snapshotId, snapshotId)).get();
  if (!row) throw new Error(`quarter snapshot ${snapshotId} has no payload`);
  return row.payload;
}

type ClosedValues = Pick<QuarterSnapshot, 'asOf' | 'closedBy' | 'closedByName' | 'closedAt' | 'updatedAt'>;

/**
 * Closes the quarter in one transaction: a new row, or the reopened one closed again, with its payload
 * (replacing the old one). `check(existing)` runs inside the transaction and may throw to refuse.
 */
export function closeSnapshot(
  db: Db,
  bodyId: number,
  fq: FiscalQuarter,
  values: ClosedValues,
  payload: string,
  check: (existing: QuarterSnapshot | undefined) => void,
): QuarterSnapshot {
  return db.transaction((tx) => {
    const existing = findSnapshot(tx as unknown as Db, bodyId, fq);
    check(existing);
    const closed = { status: 'closed' as const, ...values };
    const row = existing
      ? tx.update(quarterSnapshots).set(closed).where(eq(quarterSnapshots.id, existing.id)).returning().get()
      : tx.insert(quarterSnapshots).values({ bodyId, fiscalYear: fq.fiscalYear, quarter: fq.quarter, ...closed }).returning().get();
    tx.insert(quarterSnapshotPayloads)
      .values({ snapshotId: row.id, payload })
      .onConflictDoUpdate({ target: quarterSnapshotPayloads.snapshotId, set: { payload } })
      .run();
    return row;
  });
}

export const reopenSnapshot = (
  db: Db,
  snapshotId: number,
  values: Pick<QuarterSnapshot, 'reopenedBy' | 'reopenedByName' | 'reopenedAt' | 'reopenReason' | 'updatedAt'>,
) => db.update(quarterSnapshots).set({ status: 'reopened', ...values }).where(eq(quarterSnapshots.id, snapshotId)).returning().get();

/** 対応方針 of a snapshot, by item. */
export const listDecisions = (db: Db, snapshotId: number) =>
  db.select().from(snapshotDecisions).where(eq(snapshotDecisions.snapshotId, snapshotId)).orderBy(asc(snapshotDecisions.itemId)).all();

export const deleteDecision = (db: Db, snapshotId: number, itemId: number) =>
  db.delete(snapshotDecisions).where(and(eq(snapshotDecisions.snapshotId, snapshotId), eq(snapshotDecisions.itemId, itemId))).run();

export function saveDecision(db: Db, snapshotId: number, itemId: number, decision: string, user: { id: number; username: string }, now: string): void {
  db.insert(snapshotDecisions)
    .values({ snapshotId, itemId, decision, userId: user.id, username: user.username })
    .onConflictDoUpdate({
      target: [snapshotDecisions.snapshotId, snapshotDecisions.itemId],
      set: { decision, userId: user.id, username: user.username, updatedAt: now },
    })
    .run();
}

/** The display name of who closed the snapshot (the PDF names people as they read them), or null. */
export const closerDisplayName = (db: Db, snapshotId: number): string | null =>
  db
    .select({ displayName: users.displayName })
    .from(quarterSnapshots)
    .innerJoin(users, eq(users.id, quarterSnapshots.closedBy))
    .where(eq(quarterSnapshots.id, snapshotId))
    .get()?.displayName ?? null;
