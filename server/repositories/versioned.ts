/**
 * Optimistic concurrency, one way for every versioned table: an update names the version it read,
 * bumps it, and matches no row when someone else saved first. The caller then learns whether the
 * row is gone (404) or changed (409, with the current row so the UI can offer a merge).
 */
import { and, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { notFound, versionConflict } from '../errors.ts';

type VersionedTable = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn; updatedAt: SQLiteColumn };

export const nowIso = () => new Date().toISOString();

/**
 * The UPDATE is prepared once per table and set of columns (db/prepared.ts): officers' progress updates
 * are the most frequent write. Values are encoded by their column, as drizzle's `set()` would.
 */
export function updateVersioned<T extends VersionedTable>(
  db: Db,
  table: T,
  what: string,
  id: number,
  version: number,
  patch: Partial<T['$inferInsert']>,
): T['$inferSelect'] {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const keys = Object.keys(patch)
    .filter((k) => (patch as Record<string, unknown>)[k] !== undefined && k in columns)
    .sort();
  const stmt = prepared(
    db,
    // drizzle's query builder does not type a table passed as a generic parameter; the SQL is checked by the tests.
    (d) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (d as any)
        .update(table)
        .set({ ...Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])), version: sql`${table.version} + 1`, updatedAt: sql.placeholder('$updatedAt') })
        .where(and(eq(table.id, sql.placeholder('$id')), eq(table.version, sql.placeholder('$version'))))
        .returning()
        .prepare(),
    `updateVersioned:${getTableName(table)}:${keys.join(',')}`,
  );
  const values: Record<string, unknown> = { $id: id, $version: version, $updatedAt: nowIso() };
  for (const k of keys) {
    const v = (patch as Record<string, unknown>)[k];
    values[k] = v === null ? null : columns[k]!.mapToDriverValue(v);
  }
  const updated = stmt.get(values) as T['$inferSelect'] | undefined;
  if (updated) return updated;
  return throwMissingOrStale(db, table, what, id);
}

export function deleteVersioned<T extends VersionedTable>(db: Db, table: T, what: string, id: number, version: number): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic table, as in updateVersioned
  const deleted = (db as any)
    .delete(table)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning({ id: table.id })
    .get();
  if (!deleted) throwMissingOrStale(db, table, what, id);
}

function throwMissingOrStale(db: Db, table: VersionedTable, what: string, id: number): never {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic table, as in updateVersioned
  const current = (db as any).select().from(table).where(eq(table.id, id)).get();
  if (!current) throw notFound(what, id);
  throw versionConflict(what, current);
}
