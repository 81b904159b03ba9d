/**
 * Backup and restore round trip on a busy database: the real server (child process) takes a stream
 * of audited writes while `npm run backup` copies its file. The backup is sound, holds every write
 * acknowledged before it started, and is consistent (each row with its audit entry). After the server
 * stops, a second backup equals the live database table by table; `npm run restore` puts the busy
 * backup back, table by table equal, and the server starts on it. Restore refuses a running server,
 * garbage, and a SQLite file that is not this service's database.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/server.ts';
import { call, loginAs, startChild, type Child } from './child.ts';

const dir = mkdtempSync(join(tmpdir(), 'dx-backup-'));
const databasePath = join(dir, 'dx.sqlite');
let child: Child | null = null;

afterAll(async () => {
  await child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

function runScript(script: 'backup' | 'restore', args: string[], dbPath = databasePath): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_PATH: dbPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

/** Every row of every table (sqlite_sequence and drizzle's table included). */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

interface Ack {
  id: number;
  note: string;
  version: number;
}

describe('backup and restore', () => {
  it('round-trips a busy database, table by table', { timeout: 120_000 }, async () => {
    child = await startChild(databasePath, { RATE_LIMIT_PER_MINUTE: '0' });
    const base = child.baseUrl;
    const officer = await loginAs(base, 'demo-officer');
    const bodyId = (await call(base, officer, 'GET', `/api/bodies?q=${encodeURIComponent('上天草市')}`)).json.items[0].id;
    const mine = await call(base, officer, 'GET', `/api/bodies/${bodyId}/my-updates`);
    const ids = (mine.json.items as any[]).filter((i) => i.canEdit).flatMap((i) => (i.milestones as any[]).map((m) => m.id as number)).slice(0, 4);
    expect(ids.length).toBeGreaterThanOrEqual(2);

    const acks: Ack[] = [];
    let stop = false;
    let n = 0;
    const writers = ids.map(async (id) => {
      let version = (await call(base, officer, 'GET', `/api/milestones/${id}`)).json.version as number;
      while (!stop) {
        const note = `バックアップ中-${++n}`;
        const res = await call(base, officer, 'PATCH', `/api/milestones/${id}`, { version, note });
        if (res.status !== 200) throw new Error(`PATCH ${id} → ${res.status} ${JSON.stringify(res.json)}`);
        version = res.json.version;
        acks.push({ id, note, version });
      }
    });

    // Let the writers get going (bounded wait: a loaded CI machine may be slow to start them).
    const until = async (cond: () => boolean, ms: number) => {
      for (const end = Date.now() + ms; !cond() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    };
    await until(() => acks.length >= 10, 30_000);
    const ackedBefore = acks.length;
    const busy = join(dir, 'busy.sqlite');
    const backup = await runScript('backup', [busy]);
    // The writers keep going after the backup too: the server served writes throughout.
    const ackedAfterBackup = acks.length;
    await until(() => acks.length >= ackedAfterBackup + 5, 30_000);
    stop = true;
    await Promise.all(writers);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/backup written/);
    expect(ackedBefore).toBeGreaterThanOrEqual(10);
    expect(acks.length, 'writes acknowledged after the backup').toBeGreaterThanOrEqual(ackedAfterBackup + 5);
    expect(readdirSync(dir).filter((f) => f.startsWith('busy.sqlite')), 'a single file, no temporary or -wal left').toEqual(['busy.sqlite']);

    // The busy backup: sound, every write acknowledged before it started, rows consistent with the audit log.
    const b = new Database(busy, { readonly: true });
    try {
      expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(b.pragma('journal_mode', { simple: true })).toBe('delete');
      const row = b.prepare('SELECT version, note FROM milestones WHERE id = ?');
      for (const a of acks.slice(0, ackedBefore)) {
        expect((row.get(a.id) as { version: number }).version, `milestone ${a.id} v${a.version}`).toBeGreaterThanOrEqual(a.version);
      }
      const audit = b.prepare(
        "SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones' AND entity_id = ? AND json_extract(after, '$.version') = ? AND json_extract(after, '$.note') = ?",
      );
      for (const id of ids) {
        const r = row.get(id) as { version: number; note: string };
        expect(r.note).toMatch(/^バックアップ中-/);
        expect((audit.get(id, r.version, r.note) as { n: number }).n, `audit entry of milestone ${id} v${r.version}`).toBe(1);
      }
    } finally {
      b.close();
    }

    // Restore refuses while the server holds the database, and changes nothing.
    const before = dump(databasePath);
    const refused = await runScript('restore', [busy, '--yes']);
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toMatch(/stop the server/);

    await child.stop();
    child = null;
    expect(dump(databasePath)).toEqual(before);

    // A quiet backup equals the live database, table by table.
    const quiet = join(dir, 'quiet.sqlite');
    expect((await runScript('backup', [quiet])).code).toBe(0);
    const live = dump(databasePath);
    expect(Object.keys(live).length).toBeGreaterThan(15);
    expect(dump(quiet)).toEqual(live);
    // An existing backup file is not overwritten without --force.
    expect((await runScript('backup', [quiet])).code).toBe(1);

    // Restore the busy backup: every table equals the backup's; the previous file is kept.
    const restored = await runScript('restore', [busy, '--yes']);
    expect(restored.code, restored.out).toBe(0);
    expect(dump(databasePath)).toEqual(dump(busy));
    expect(existsSync(`${databasePath}-wal`)).toBe(false);
    const kept = readdirSync(dir).find((f) => f.startsWith('dx.sqlite.before-restore-'));
    expect(kept).toBeDefined();
    expect(dump(join(dir, kept!))).toEqual(live);

    // The server starts on the restored file and serves it.
    child = await startChild(databasePath);
    const s = await loginAs(child.baseUrl, 'demo-officer');
    const b2 = new Database(busy, { readonly: true });
    const expectedNote = (b2.prepare('SELECT note FROM milestones WHERE id = ?').get(ids[0]) as { note: string }).note;
    b2.close();
    expect((await call(child.baseUrl, s, 'GET', `/api/milestones/${ids[0]}`)).json.note).toBe(expectedNote);
    await child.stop();
    child = null;
  });

  it('restore refuses garbage and foreign SQLite files, leaving the database alone', { timeout: 60_000 }, async () => {
    const target = join(dir, 'target.sqlite');
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'SQLite format 3\0 but not really'.repeat(200));
    const foreign = join(dir, 'foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (\'x\')');
    f.close();
    writeFileSync(target, 'keep me');
    for (const [file, message] of [
      [garbage, /not a readable SQLite database|cannot be opened/],
      [foreign, /no migrations table/],
      [join(dir, 'missing.sqlite'), /cannot be opened/],
    ] as const) {
      const r = await runScript('restore', [file, '--yes'], target);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(message);
    }
    expect(readdirSync(dir).filter((x) => x.startsWith('target.sqlite'))).toEqual(['target.sqlite']);
  });
});
