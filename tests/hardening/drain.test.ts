/**
 * SIGTERM (systemd's stop, deploy/dx-dashboard.service) while officers and the administrator are writing:
 * the real server drains — requests in flight get their answers, every write that got a 2xx is in the
 * database with its audit entry — checkpoints the WAL, closes the file and exits 0. Then it starts again
 * on the same file. (SIGKILL, a crash, is tests/hardening/durability.test.ts.)
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, loginAs, startChild, type Child } from './child.ts';

const dir = mkdtempSync(join(tmpdir(), 'dx-drain-'));
const databasePath = join(dir, 'dx.sqlite');
let child: Child | null = null;

afterAll(async () => {
  await child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

interface Ack {
  id: number;
  note: string;
  version: number;
}

describe('graceful drain on SIGTERM', () => {
  it('loses no acknowledged write, answers what it accepted, and exits 0', { timeout: 180_000 }, async () => {
    const acks: Ack[] = [];
    const statuses = new Map<number, number>();
    const errors: string[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      child = await startChild(databasePath, { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' });
      const base = child.baseUrl;
      const officer = await loginAs(base, 'demo-officer');
      const bodyId = (await call(base, officer, 'GET', `/api/bodies?q=${encodeURIComponent('上天草市')}`)).json.items[0].id;
      const mine = (await call(base, officer, 'GET', `/api/bodies/${bodyId}/my-updates`)).json;
      const ids = (mine.items as any[]).filter((i) => i.canEdit).flatMap((i) => (i.milestones as any[]).map((m) => m.id as number)).slice(0, 6);
      let stop = false;
      const writers = ids.map(async (id) => {
        let version = (await call(base, officer, 'GET', `/api/milestones/${id}`)).json.version as number;
        for (let n = 0; !stop; n++) {
          const note = `停止-${cycle}-${id}-${n}`;
          try {
            const res = await call(base, officer, 'PATCH', `/api/milestones/${id}`, { version, note });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status === 200) {
              acks.push({ id, note, version: res.json.version });
              version = res.json.version;
            } else if (res.status === 503) {
              stop = true; // the server is closing: it said so
            } else {
              errors.push(`${res.status} ${JSON.stringify(res.json)}`);
            }
          } catch {
            stop = true; // connection refused once the server stopped listening
          }
        }
      });
      const ackedBefore = acks.length;
      for (const end = Date.now() + 20_000; acks.length < ackedBefore + 10 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
      const proc = child.proc;
      await child.stop(); // SIGTERM and wait for the exit
      stop = true;
      await Promise.all(writers);
      expect(proc.exitCode, child.output()).toBe(0);
      expect(child.output()).toMatch(/shutting down: draining requests in flight/);
      child = null;
      // A clean close checkpoints the WAL into the file.
      expect(!existsSync(`${databasePath}-wal`) || statSync(`${databasePath}-wal`).size === 0).toBe(true);
    }
    expect(errors).toEqual([]);
    const db = new Database(databasePath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const audit = db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones' AND entity_id = ? AND json_extract(after, '$.note') = ? AND json_extract(after, '$.version') = ?");
      for (const a of acks) expect((audit.get(a.id, a.note, a.version) as { n: number }).n, `${a.note} v${a.version}`).toBe(1);
      const latest = new Map<number, Ack>();
      for (const a of acks) if ((latest.get(a.id)?.version ?? 0) < a.version) latest.set(a.id, a);
      for (const a of latest.values()) expect(db.prepare('SELECT note FROM milestones WHERE id = ?').get(a.id)).toEqual({ note: a.note });
    } finally {
      db.close();
    }
    // It starts again on the same file.
    child = await startChild(databasePath);
    expect((await fetch(`${child.baseUrl}/api/health`)).status).toBe(200);
    await child.stop();
    child = null;
    expect(acks.length).toBeGreaterThanOrEqual(30);
    console.log(`drain: 3 SIGTERMs under load, ${acks.length} acknowledged writes all present; answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
