/**
 * Migrating an existing database (issue 13): the history is rebuilt from the audit log's before/after values. Run on a
 * real file: migrations up to the one before row_versions, rows written without an actor (a seed) and then changed
 * through audited writes, then the rest of the migrations.
 */
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../server/db/client.ts';
import { registerAuditFunctions, runAsActor } from '../../server/audit/context.ts';

const dir = mkdtempSync(join(tmpdir(), 'dx-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function migrateUpTo(db: Database.Database, lastTag: string | null) {
  const folder = join(dir, `m-${lastTag ?? 'all'}`);
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  if (lastTag !== null) journal.entries = journal.entries.slice(0, journal.entries.findIndex((e: { tag: string }) => e.tag === lastTag) + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  migrate(drizzle(db), { migrationsFolder: folder });
}

it('rebuilds every version the audit log knows, and the current row from its last audited change', () => {
  const db = new Database(join(dir, 'old.sqlite'));
  db.pragma('foreign_keys = ON');
  registerAuditFunctions(db);
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
  const mine = journal.entries.findIndex((e: { tag: string }) => e.tag.includes('baselines_history'));
  migrateUpTo(db, journal.entries[mine - 1].tag);

  const run = (sql: string, ...args: unknown[]) => Number(db.prepare(sql).run(...args).lastInsertRowid);
  const body = run("INSERT INTO local_bodies (code, name, prefecture_code, prefecture_name, kind) VALUES ('432121', '上天草市', '43', '熊本県', 'city')");
  const section = run('INSERT INTO sections (body_id, name) VALUES (?, ?)', body, '行革デジタル戦略課');
  const category = run("INSERT INTO categories (code, name) VALUES ('security', 'セキュリティ')");
  const plan = run("INSERT INTO plans (body_id, title, start_fiscal_year, end_fiscal_year) VALUES (?, '計画', 2022, 2025)", body);
  // Seeded without an actor (not audited): created 2022-03-31.
  const item = run("INSERT INTO plan_items (plan_id, category_id, section_id, title, target_fiscal_year, created_at) VALUES (?, ?, ?, '取組', 2025, '2022-03-31T09:00:00.000Z')", plan, category, section);
  const moved = run("INSERT INTO milestones (item_id, title, planned_date, created_at) VALUES (?, '設計', '2024-03-31', '2022-03-31T09:00:00.000Z')", item);
  const untouched = run("INSERT INTO milestones (item_id, title, planned_date, created_at) VALUES (?, '構築', '2025-03-31', '2022-03-31T09:00:00.000Z')", item);
  // Then audited changes through the API (an actor): a re-plan twice and a milestone added and deleted.
  const actor = { userId: 7, username: 'hq-user', note: '調達の遅れ', requestId: 'r', bodyId: body, itemId: item, sectionId: section };
  runAsActor(actor, () => db.prepare("UPDATE milestones SET planned_date = '2024-09-30' WHERE id = ?").run(moved));
  runAsActor({ ...actor, note: '再延期' }, () => db.prepare("UPDATE milestones SET planned_date = '2025-03-31' WHERE id = ?").run(moved));
  const gone = runAsActor(actor, () => run("INSERT INTO milestones (item_id, title, planned_date) VALUES (?, '一時', '2026-03-31')", item));
  runAsActor(actor, () => db.prepare('DELETE FROM milestones WHERE id = ?').run(gone));

  migrateUpTo(db, null);
  const versions = (id: number) =>
    db.prepare("SELECT json_extract(data, '$.plannedDate') AS planned, valid_to IS NULL AS open, username, reason FROM row_versions WHERE entity = 'milestones' AND row_id = ? ORDER BY valid_from, id").all(id);
  expect(versions(moved)).toEqual([
    { planned: '2024-03-31', open: 0, username: '', reason: '' }, // before the first audited change, since created_at
    { planned: '2024-09-30', open: 0, username: 'hq-user', reason: '調達の遅れ' },
    { planned: '2025-03-31', open: 1, username: 'hq-user', reason: '再延期' }, // the current row, since its last audited change
  ]);
  const first = db.prepare("SELECT valid_from FROM row_versions WHERE entity = 'milestones' AND row_id = ? ORDER BY valid_from LIMIT 1").get(moved) as { valid_from: string };
  expect(first.valid_from).toBe('2022-03-31T09:00:00.000Z');
  expect(versions(untouched)).toEqual([{ planned: '2025-03-31', open: 1, username: '', reason: '' }]);
  expect(versions(gone)).toEqual([{ planned: '2026-03-31', open: 0, username: 'hq-user', reason: '調達の遅れ' }]);
  expect(db.prepare("SELECT count(*) AS n FROM row_versions WHERE entity = 'plan_items' AND row_id = ? AND valid_to IS NULL").get(item)).toEqual({ n: 1 });
  // From now on the triggers keep it.
  runAsActor({ ...actor, note: '三度目' }, () => db.prepare("UPDATE milestones SET planned_date = '2025-06-30' WHERE id = ?").run(moved));
  expect(versions(moved).at(-1)).toEqual({ planned: '2025-06-30', open: 1, username: 'hq-user', reason: '三度目' });
  db.close();
});

it('the migration carries the backfill the code generates (nothing pasted by hand drifts)', async () => {
  const { historyBackfillStatements } = await import('../../server/history/backfill.ts');
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
  const tag = journal.entries.find((e: { tag: string }) => e.tag.includes('baselines_history')).tag;
  const sql = readFileSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), 'utf8');
  for (const statement of historyBackfillStatements()) expect(sql).toContain(statement);
});
