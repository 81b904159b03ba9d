/**
 * Optimistic concurrency, one way for every versioned table: an update names the version it read,
 * bumps it, and matches no row when someone else saved first. The caller then learns whether the
 * row is gone (404) or changed (409, with the current row so the UI can offer a merge).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import { notFound, versionConflict } from '../errors.ts';

type VersionedTable = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn; updatedAt: SQLiteColumn };

export const nowIso = () => new Date().toISOString();

export function updateVersioned<T extends VersionedTable>(
  db: Db,
  table: T,
  what: string,
  id: number,
  version: number,
  patch: Partial<T['$inferInsert']>,
): T['$inferSelect'] {
  const updated = (db as any)
    .update(table)
    .set({ ...patch, version: sql`${table.version} + 1`, updatedAt: nowIso() })
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning()
    .get() as T['$inferSelect'] | undefined;
  if (updated) return updated;
  return throwMissingOrStale(db, table, what, id);
}

export function deleteVersioned<T extends VersionedTable>(db: Db, table: T, what: string, id: number, version: number): void {
  const deleted = (db as any)
    .delete(table)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning({ id: table.id })
    .get();
  if (!deleted) throwMissingOrStale(db, table, what, id);
}

function throwMissingOrStale(db: Db, table: VersionedTable, what: string, id: number): never {
  const current = (db as any).select().from(table).where(eq(table.id, id)).get();
  if (!current) throw notFound(what, id);
  throw versionConflict(what, current);
}
