/**
 * Reads of `row_versions` (server/history/triggers.ts writes it): the rows of a body as known at an instant, and
 * the versions of rows over time. Plain SQL (PostgreSQL runs the same), prepared once per connection.
 */
import type { Db } from '../db/client.ts';
import type { Kpi, KpiValue, Milestone, PlanItem } from '../db/schema.ts';
import { COLUMNS_ADDED_AFTER_BACKFILL, type HistoryEntity } from '../history/triggers.ts';

export interface HistoryRows {
  plan_items: PlanItem;
  milestones: Milestone;
  kpis: Kpi;
  kpi_values: KpiValue;
}

export interface VersionRow {
  rowId: number;
  validFrom: string;
  validTo: string | null;
  data: string;
  userId: number | null;
  username: string;
  reason: string;
}

const SQL = {
  at: `SELECT data FROM row_versions WHERE body_id = ? AND entity = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)`,
  ofBody: `SELECT row_id AS rowId, valid_from AS validFrom, valid_to AS validTo, data, user_id AS userId, username, reason
    FROM row_versions WHERE body_id = ? AND entity = ? AND valid_from <= ? ORDER BY row_id, valid_from, id`,
  count: `SELECT entity, count(*) AS n FROM row_versions GROUP BY entity ORDER BY entity`,
};

type Statement = { all: (...params: unknown[]) => unknown[] };
const cache = new WeakMap<Db, Map<string, Statement>>();
function stmt(db: Db, key: keyof typeof SQL): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(key);
  if (!s) m.set(key, (s = db.$client.prepare(SQL[key]) as unknown as Statement));
  return s;
}

/** JSON of a version → the row as drizzle reads it (booleans are stored as 0/1). */
function parse<E extends HistoryEntity>(data: string, entity: E): HistoryRows[E] {
  const row = JSON.parse(data) as Record<string, unknown>;
  if ('isSample' in row) row.isSample = row.isSample === 1 || row.isSample === true;
  // Columns added after a version was written are absent from its JSON.
  for (const column of COLUMNS_ADDED_AFTER_BACKFILL[entity] ?? []) row[column] ??= null;
  return row as unknown as HistoryRows[E];
}

/** The rows of `entity` of a body as they were at instant `at` (ISO-8601 UTC): only those that existed then. */
export function rowsAt<E extends HistoryEntity>(db: Db, bodyId: number, entity: E, at: string): HistoryRows[E][] {
  return (stmt(db, 'at').all(bodyId, entity, at, at) as { data: string }[]).map((r) => parse<E>(r.data, entity));
}

/** Every version of a body's rows of `entity` made up to `until`, by row then time (re-plan history). */
export function versionsOfBody(db: Db, bodyId: number, entity: HistoryEntity, until: string): (VersionRow & { row: HistoryRows[typeof entity] })[] {
  return (stmt(db, 'ofBody').all(bodyId, entity, until) as VersionRow[]).map((v) => ({ ...v, row: parse(v.data, entity) }));
}

/** Versions kept per table (the bench reports the history's size). */
export const countVersions = (db: Db) => stmt(db, 'count').all() as { entity: string; n: number }[];
