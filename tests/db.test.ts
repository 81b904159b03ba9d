import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'dx-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the file with WAL, foreign keys and full sync, and applying migrations again is a no-op', () => {
    const path = join(dir, 'sub', 'dx.sqlite');
    const first = openDatabase(path);
    expect(first.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.$client.pragma('synchronous', { simple: true })).toBe(2);
    const applied = first.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    first.$client.prepare("INSERT INTO categories (code, name) VALUES ('x', 'テスト')").run();
    first.$client.close();

    const again = openDatabase(path);
    expect((again.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(applied.n);
    expect(again.$client.prepare("SELECT name FROM categories WHERE code = 'x'").get()).toEqual({ name: 'テスト' });
    expect(() => again.$client.prepare('INSERT INTO sections (body_id, name) VALUES (999, ?)').run('x')).toThrow(/FOREIGN KEY/);
    again.$client.close();
  });
});
