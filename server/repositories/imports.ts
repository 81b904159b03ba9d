/**
 * Queries of 一括取込 (services/import-*.ts): the audited `imports` row, its normalized rows
 * (`import_rows`, not audited) and its stored preview (`import_previews`, not audited), plus the
 * lookups of a body the check needs (sections, categories, plans, items and KPIs by name).
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { categories, imports, importPreviews, importRows, kpis, kpiValues, milestones, planItems, plans, sections, users, type Import } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { nowIso } from './versioned.ts';

export type NewImport = typeof imports.$inferInsert;

export const insertImport = (db: Db, values: NewImport): Import => db.insert(imports).values(values).returning().get();

export const findImport = (db: Db, id: number): Import | undefined => db.select().from(imports).where(eq(imports.id, id)).get();

export function getImport(db: Db, id: number): Import {
  const row = findImport(db, id);
  if (!row) throw notFound('取込', id);
  return row;
}

/** What `import_rows.data` holds (JSON): see services/import-read.ts `ParsedRow`. */
export interface StoredRowData {
  id: number | null;
  version: number | null;
  values: Record<string, unknown>;
  cols: Record<string, string>;
  errors: { field: string; message: string }[];
}
export interface StoredRow {
  seq: number;
  entity: string;
  sheet: string;
  row: number;
  data: StoredRowData;
}

/** An inserter of one import's rows (a prepared statement: called once per row, inside the caller's transaction). */
export function rowInserter(db: Db, importId: number) {
  const insert = db.$client.prepare('INSERT INTO import_rows (import_id, seq, entity, sheet, row, data) VALUES (?, ?, ?, ?, ?, ?)');
  return (r: Omit<StoredRow, 'data'> & { data: string }) => insert.run(importId, r.seq, r.entity, r.sheet, r.row, r.data);
}

/** The rows of one entity after `afterSeq`, in order, `limit` at a time. */
export function rowChunkReader(db: Db) {
  const select = db.$client.prepare('SELECT seq, entity, sheet, row, data FROM import_rows WHERE import_id = ? AND entity = ? AND seq > ? ORDER BY seq LIMIT ?');
  return (importId: number, entity: string, afterSeq: number, limit: number): StoredRow[] =>
    (select.all(importId, entity, afterSeq, limit) as (Omit<StoredRow, 'data'> & { data: string })[]).map((r) => ({ ...r, data: JSON.parse(r.data) as StoredRowData }));
}

/** The smallest and largest 目標年度 of the file's 取組 rows (a new plan spans them). */
export const itemTargetYears = (db: Db, importId: number) =>
  db.$client
    .prepare(
      `SELECT min(json_extract(data, '$.values.targetFiscalYear')) AS lo, max(json_extract(data, '$.values.targetFiscalYear')) AS hi
       FROM import_rows WHERE import_id = ? AND entity = 'item'`,
    )
    .get(importId) as { lo: number | null; hi: number | null };

export const deleteImportRows = (db: Db, importId: number) => db.delete(importRows).where(eq(importRows.importId, importId)).run();

export function savePreview(db: Db, importId: number, json: string) {
  db.insert(importPreviews).values({ importId, preview: json }).onConflictDoUpdate({ target: importPreviews.importId, set: { preview: json } }).run();
}

export const findPreview = (db: Db, importId: number): string | undefined =>
  db.select({ preview: importPreviews.preview }).from(importPreviews).where(eq(importPreviews.importId, importId)).get()?.preview;

export const markApplied = (db: Db, id: number, counts: { create: number; update: number }) =>
  db
    .update(imports)
    .set({ status: 'applied', appliedCreate: counts.create, appliedUpdate: counts.update, appliedAt: nowIso() })
    .where(eq(imports.id, id))
    .run();

/**
 * Retention: previews and rows of imports made before `before` (ISO time) are deleted; an import not
 * applied by then becomes `expired` (its row stays: the audited record of who uploaded what).
 * Returns the number of imports cleared.
 */
export function expireImportsBefore(db: Db, before: string): number {
  const ids = (
    db.$client
      .prepare(
        `SELECT id FROM imports i WHERE created_at < ?
           AND (EXISTS (SELECT 1 FROM import_previews p WHERE p.import_id = i.id) OR EXISTS (SELECT 1 FROM import_rows r WHERE r.import_id = i.id))`,
      )
      .all(before) as { id: number }[]
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    db.delete(importRows).where(inArray(importRows.importId, chunk)).run();
    db.delete(importPreviews).where(inArray(importPreviews.importId, chunk)).run();
    db.update(imports).set({ status: 'expired' }).where(and(inArray(imports.id, chunk), eq(imports.status, 'preview'))).run();
  }
  return ids.length;
}

/**
 * Imports a crash left unfinished: an upload is stored in one transaction with its preview, so an
 * import without a preview that is not expired was cut short (versions before issue 14 stored rows
 * under a provisional import first). Deleted with their rows; returns how many.
 */
export function deleteUnfinishedImports(db: Db): number {
  const ids = db
    .select({ id: imports.id })
    .from(imports)
    .leftJoin(importPreviews, eq(importPreviews.importId, imports.id))
    .where(and(eq(imports.status, 'preview'), isNull(importPreviews.importId)))
    .all()
    .map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) db.delete(imports).where(inArray(imports.id, ids.slice(i, i + 500))).run();
  return ids.length;
}

/** The uploader as a user row (for their rights when someone else applies), or undefined when gone. */
export const findUser = (db: Db, id: number) => db.select().from(users).where(eq(users.id, id)).get();

// ---- lookups of the import's body -----------------------------------------------------------------

export function bodyLookups(db: Db, bodyId: number) {
  const secs = db.select({ id: sections.id, name: sections.name }).from(sections).where(eq(sections.bodyId, bodyId)).all();
  const cats = db.select({ id: categories.id, code: categories.code, name: categories.name }).from(categories).all();
  // The current plan only (issue 20): an ended plan is read-only, and rows without a plan ID go to the current one.
  const planIds = db.select({ id: plans.id }).from(plans).where(and(eq(plans.bodyId, bodyId), isNull(plans.endedOn))).all().map((p) => p.id);
  const items = db
    .select({ id: planItems.id, title: planItems.title })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(eq(plans.bodyId, bodyId))
    .all();
  const kpiNames = db.select({ id: kpis.id, name: kpis.name }).from(kpis).where(eq(kpis.bodyId, bodyId)).all();
  return { sections: secs, categories: cats, planIds, items, kpis: kpiNames };
}

/** The current row of each entity by id (prepared once per check). */
export const currentRowQueries = (db: Db) => ({
  plan: db.select().from(plans).where(eq(plans.id, sql.placeholder('id'))).prepare(),
  item: db.select().from(planItems).where(eq(planItems.id, sql.placeholder('id'))).prepare(),
  milestone: db.select().from(milestones).where(eq(milestones.id, sql.placeholder('id'))).prepare(),
  kpiValue: db.select().from(kpiValues).where(eq(kpiValues.id, sql.placeholder('id'))).prepare(),
});

export const kpiName = (db: Db, kpiId: number) => db.select({ name: kpis.name }).from(kpis).where(eq(kpis.id, kpiId)).get()?.name;
