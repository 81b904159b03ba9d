/**
 * Migration 0013 (issue 12): an item-level national deadline moves to the item's last milestone (latest
 * planned date), the old column is cleared, an item without milestones keeps no link, and KPIs become
 * 時点値. Run on a real file: migrations up to 0012 from a copy of the folder, old-shape rows, then the rest.
 */
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../server/db/client.ts';
import { registerAuditFunctions } from '../../server/audit/context.ts';

const dir = mkdtempSync(join(tmpdir(), 'dx-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function migrateUpTo(db: Database.Database, lastTag: string | null) {
  const folder = join(dir, `m-${lastTag ?? 'all'}`);
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  if (lastTag !== null) {
    const end = journal.entries.findIndex((e: { tag: string }) => e.tag === lastTag);
    expect(end).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, end + 1);
  }
  writeFileSync(journalPath, JSON.stringify(journal));
  migrate(drizzle(db), { migrationsFolder: folder });
}

it('moves each item-level deadline to the item’s last milestone and clears the old column', () => {
  const db = new Database(join(dir, 'old.sqlite'));
  db.pragma('foreign_keys = ON');
  registerAuditFunctions(db);
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
  const mine = journal.entries.findIndex((e: { tag: string }) => e.tag.includes('deadlines_on_milestones'));
  migrateUpTo(db, journal.entries[mine - 1].tag);

  const run = (sql: string, ...args: unknown[]) => Number(db.prepare(sql).run(...args).lastInsertRowid);
  const body = run("INSERT INTO local_bodies (code, name, prefecture_code, prefecture_name, kind) VALUES ('432121', '上天草市', '43', '熊本県', 'city')");
  const section = run('INSERT INTO sections (body_id, name) VALUES (?, ?)', body, '行革デジタル戦略課');
  const category = run("INSERT INTO categories (code, name) VALUES ('security', 'セキュリティ')");
  const deadline = run("INSERT INTO national_deadlines (code, title, due_date) VALUES ('security_policy', 'ポリシー改定', '2023-03-31')");
  const plan = run("INSERT INTO plans (body_id, title, start_fiscal_year, end_fiscal_year) VALUES (?, '計画', 2022, 2025)", body);
  const item = (title: string, withDeadline: boolean) =>
    run('INSERT INTO plan_items (plan_id, category_id, section_id, national_deadline_id, title, target_fiscal_year) VALUES (?, ?, ?, ?, ?, 2025)', plan, category, section, withDeadline ? deadline : null, title);
  const ms = (itemId: number, title: string, planned: string, sortOrder: number) =>
    run('INSERT INTO milestones (item_id, title, planned_date, sort_order) VALUES (?, ?, ?, ?)', itemId, title, planned, sortOrder);
  const security = item('セキュリティ対策の徹底', true);
  ms(security, '対策の徹底', '2026-03-31', 10);
  ms(security, 'ポリシー改正', '2022-03-31', 20);
  const noMilestones = item('予定のない取組', true);
  const plain = item('期限のない取組', false);
  const plainMs = ms(plain, '導入', '2024-03-31', 10);
  run("INSERT INTO kpis (body_id, name, unit, direction, baseline_value, baseline_fiscal_year, target_value, target_fiscal_year) VALUES (?, '利用率', '%', 'higher', 1, 2021, 2, 2025)", body);

  migrateUpTo(db, null);
  const links = db.prepare('SELECT item_id AS itemId, title, national_deadline_id AS deadlineId FROM milestones ORDER BY id').all();
  expect(links).toEqual([
    // The last milestone by planned date answers the deadline (not the last one entered).
    { itemId: security, title: '対策の徹底', deadlineId: deadline },
    { itemId: security, title: 'ポリシー改正', deadlineId: null },
    { itemId: plain, title: '導入', deadlineId: null },
  ]);
  expect(db.prepare('SELECT count(*) AS n FROM plan_items WHERE national_deadline_id IS NOT NULL').get()).toEqual({ n: 0 });
  expect(db.prepare('SELECT id FROM plan_items WHERE id = ?').get(noMilestones)).toBeDefined();
  expect(db.prepare('SELECT value_kind AS k, period_entry AS e FROM kpis').get()).toEqual({ k: 'point', e: 'year_to_date' });
  expect(plainMs).toBeGreaterThan(0);
  db.close();
});
