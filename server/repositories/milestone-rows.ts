/**
 * Every milestone of the country (or of one prefecture) as raw rows, read from a read-only connection of
 * its own with `iterate()` (services/milestone-export.ts streams them as CSV): the main connection stays
 * free while a long export runs, and the rows are one consistent snapshot (the iterator's read transaction).
 */
import Database from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import type { MilestoneStatus } from '../domain/labels.ts';

/** The query (also run by the benchmark's `sqlite3 -csv` comparison): body code order, then plan order. */
export const MILESTONE_EXPORT_SQL = `SELECT b.code, b.prefecture_name, b.name, c.name AS category, i.title AS item, s.name AS section,
    m.title AS milestone, m.planned_date, m.actual_date, m.status
  FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id
  JOIN categories c ON c.id = i.category_id JOIN sections s ON s.id = i.section_id
  WHERE p.ended_on IS NULL AND (@pref IS NULL OR b.prefecture_code = @pref)
  ORDER BY b.code, p.id, i.sort_order, i.id, m.sort_order, m.id`;

/** code, prefecture, body, category, item, section, milestone, planned, actual, status */
export type MilestoneRow = [string, string, string, string, string, string, string, string, string | null, MilestoneStatus];

const readers = new WeakMap<Db, Database.Database>();

/** A read-only connection to the same file, opened once per app database. */
function readerOf(db: Db): Database.Database {
  let r = readers.get(db);
  if (!r || !r.open) {
    r = new Database(db.$client.name, { readonly: true, fileMustExist: true });
    readers.set(db, r);
  }
  return r;
}

/** Closes the export connection (the app's onClose hook). */
export function closeExportReader(db: Db): void {
  readers.get(db)?.close();
  readers.delete(db);
}

/** The rows in body code order, then plan order; `return()` the iterator to release an unfinished read. */
export function iterateMilestoneRows(db: Db, prefectureCode: string | null): IterableIterator<MilestoneRow> {
  return readerOf(db).prepare(MILESTONE_EXPORT_SQL).raw().iterate({ pref: prefectureCode }) as IterableIterator<MilestoneRow>;
}
