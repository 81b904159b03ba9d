/**
 * Migration 0027 (issue 20, plan periods) on a database that already had several plans for one body: the latest (start
 * year, then id) stays the current plan, the others end — so the partial unique index (one current plan per body) can be
 * created — and a body with one plan keeps it current. Run on a real file with the real migrations.
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

const dir = mkdtempSync(join(tmpdir(), 'dx-plan-periods-'));
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

it('keeps the latest plan of each body current and ends the others', () => {
  const db = new Database(join(dir, 'old.sqlite'));
  db.pragma('foreign_keys = ON');
  registerAuditFunctions(db);
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
  const mine = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_plan_periods'));
  expect(mine).toBeGreaterThan(0);
  migrateUpTo(db, journal.entries[mine - 1].tag);

  const run = (sql: string, ...args: unknown[]) => Number(db.prepare(sql).run(...args).lastInsertRowid);
  const a = run("INSERT INTO local_bodies (code, name, prefecture_code, prefecture_name, kind) VALUES ('432121', '上天草市', '43', '熊本県', 'city')");
  const b = run("INSERT INTO local_bodies (code, name, prefecture_code, prefecture_name, kind) VALUES ('432016', '八代市', '43', '熊本県', 'city')");
  const plan = (body: number, start: number) => run('INSERT INTO plans (body_id, title, start_fiscal_year, end_fiscal_year) VALUES (?, ?, ?, ?)', body, `計画${start}`, start, start + 3);
  const older = plan(a, 2018);
  const latest = plan(a, 2022);
  const middle = plan(a, 2020);
  const only = plan(b, 2022);

  migrateUpTo(db, null);
  const endedOn = (id: number) => (db.prepare('SELECT ended_on AS e FROM plans WHERE id = ?').get(id) as { e: string | null }).e;
  expect([endedOn(older), endedOn(middle), endedOn(latest), endedOn(only)]).toEqual(['2022-03-31', '2022-03-31', null, null]);
  // One current plan per body from now on.
  expect(() => plan(a, 2026)).toThrow(/UNIQUE/);
  db.close();
});
