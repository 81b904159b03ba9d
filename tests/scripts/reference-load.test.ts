/**
 * `npm run reference:load`: checks a national data pack file and prints what would change (nothing
 * written), applies it with --apply --as an administrator (audited as them), and rolls back with
 * --rollback; refuses a broken file with Japanese messages and exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { createUser } from '../../server/auth/users.ts';
import { defaultPack, seedReference } from '../../seed/reference.ts';
import { seedDemo } from '../../seed/demo.ts';

let dir: string;
let path: string;
let packFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dx-reference-load-'));
  path = join(dir, 'dx.sqlite');
  const db = openDatabase(path);
  seedReference(db);
  seedDemo(db);
  await createUser(db, { username: 'cli-admin', role: 'admin', password: 'a-long-password-1' });
  db.$client.close();
  const pack = structuredClone(defaultPack());
  pack.version = '2027.03.0';
  pack.deadlines.find((d) => d.code === 'std_migration')!.dueDate = '2027-03-31';
  packFile = join(dir, 'pack.json');
  writeFileSync(packFile, JSON.stringify(pack));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reference-load.ts', ...args], { env: { ...process.env, DATABASE_PATH: path }, encoding: 'utf8' });
const query = <T>(sql: string) => {
  const db = openDatabase(path);
  try {
    return db.$client.prepare(sql).all() as T[];
  } finally {
    db.$client.close();
  }
};

// Each run starts a Node process with tsx (several seconds on a busy 2-core machine).
describe('npm run reference:load', { timeout: 180_000 }, () => {
  it('without --apply: prints the changes and whose statuses change, writes nothing', () => {
    const r = run([packFile]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('追加 0件・変更 1件・削除 0件');
    expect(r.stdout).toContain('dueDate: 2026-03-31 → 2027-03-31');
    expect(r.stdout).toMatch(/432121 上天草市/);
    expect(r.stdout).toContain('自治体情報システムの標準化・共通化: 期限超過 →');
    expect(r.stdout).toContain('確認のみ（変更していません）');
    expect(query<{ d: string }>("SELECT due_date AS d FROM national_deadlines WHERE code = 'std_migration'")[0]!.d).toBe('2026-03-31');
  });

  it('refuses a broken file, and --apply without an administrator', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...defaultPack(), version: '2027.03.1', deadlines: [{ ...defaultPack().deadlines[0]!, note: '出典は DOMAIN.md' }] }));
    const r = run([bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('内部のファイル名「DOMAIN.md」');
    const notJson = join(dir, 'x.json');
    writeFileSync(notJson, '{');
    expect(run([notJson]).stderr).toContain('JSON として読めません');
    const noActor = run([packFile, '--apply']);
    expect(noActor.status).toBe(1);
    expect(noActor.stderr).toContain('--as');
  });

  it('--apply --as applies it, audited as the administrator; --rollback returns to the shipped pack', () => {
    const r = run([packFile, '--apply', '--as', 'cli-admin']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('適用しました');
    expect(query<{ d: string }>("SELECT due_date AS d FROM national_deadlines WHERE code = 'std_migration'")[0]!.d).toBe('2027-03-31');
    const audit = query<{ username: string; note: string }>("SELECT username, note FROM audit_log WHERE entity = 'national_deadlines'");
    expect(audit).toContainEqual({ username: 'cli-admin（reference:load）', note: '国の参照データ 2027.03.0 を適用' });
    const back = run(['--rollback', '--as', 'cli-admin']);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain(`前の版に戻しました`);
    expect(query<{ d: string }>("SELECT due_date AS d FROM national_deadlines WHERE code = 'std_migration'")[0]!.d).toBe('2026-03-31');
  });
});
