/**
 * Durability: the real server (child process) takes concurrent audited writes — demo-officer
 * updating milestone notes of its sections, demo-admin updating KPI values — and is killed with
 * SIGKILL at a random moment, over and over, then restarted on the same file. After every kill:
 * `PRAGMA integrity_check` is ok, and every write that got a 2xx is in the database with its audit
 * entry (the row shows it, or a later version; the audit log has the change with its actor).
 *
 * SIGKILL loses the process, not the OS page cache, so this proves the commit-before-reply order
 * and crash recovery of the WAL; synchronous=FULL (server/db/client.ts) covers the power cut.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, loginAs, startChild, type Child, type Session } from './child.ts';

const KILLS = 20;
const dir = mkdtempSync(join(tmpdir(), 'dx-durability-'));
const databasePath = join(dir, 'dx.sqlite');
let child: Child | null = null;

afterAll(async () => {
  await child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

interface Ack {
  kind: 'milestone' | 'kpiValue';
  id: number;
  /** The note (milestones) or value (KPI values) this write set. */
  mark: string | number;
  version: number;
  username: string;
}

interface Target {
  kind: 'milestone' | 'kpiValue';
  id: number;
  who: 'officer' | 'admin';
  /** Where the current version is read (KPI values are read through their KPI's list). */
  readPath: string;
}

async function findTargets(baseUrl: string, officer: Session, admin: Session): Promise<Target[]> {
  const bodies = await call(baseUrl, admin, 'GET', `/api/bodies?q=${encodeURIComponent('上天草市')}`);
  const bodyId = bodies.json.items[0].id as number;
  const mine = await call(baseUrl, officer, 'GET', `/api/bodies/${bodyId}/my-updates`);
  expect(mine.status).toBe(200);
  const editable = (mine.json.items as any[]).filter((i) => i.canEdit);
  const milestones = editable.flatMap((i) => (i.milestones as any[]).map((m) => m.id as number)).slice(0, 4);
  const officerKpis = new Set(editable.flatMap((i) => (i.kpis as any[]).map((k) => k.id as number)));
  const kpis = await call(baseUrl, admin, 'GET', `/api/bodies/${bodyId}/kpis?pageSize=500`);
  const values: { id: number; kpiId: number }[] = [];
  for (const k of (kpis.json.items ?? kpis.json) as any[]) {
    if (officerKpis.has(k.id)) continue;
    const v = await call(baseUrl, admin, 'GET', `/api/kpis/${k.id}/values`);
    values.push(...((v.json.items ?? v.json) as any[]).map((x) => ({ id: x.id as number, kpiId: k.id as number })));
    if (values.length >= 3) break;
  }
  expect(milestones.length).toBeGreaterThanOrEqual(2);
  expect(values.length).toBeGreaterThanOrEqual(2);
  return [
    ...milestones.map((id) => ({ kind: 'milestone' as const, id, who: 'officer' as const, readPath: `/api/milestones/${id}` })),
    ...values.slice(0, 3).map((v) => ({ kind: 'kpiValue' as const, id: v.id, who: 'admin' as const, readPath: `/api/kpis/${v.kpiId}/values` })),
  ];
}

/** Checks the file as the server left it after SIGKILL: integrity, every acknowledged write, its audit entry. */
function verify(acks: Ack[]) {
  const db = new Database(databasePath);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const latest = new Map<string, Ack>();
    for (const a of acks) {
      const key = `${a.kind}:${a.id}`;
      if ((latest.get(key)?.version ?? 0) < a.version) latest.set(key, a);
    }
    const audit = db.prepare(
      `SELECT count(*) AS n FROM audit_log WHERE entity = ? AND entity_id = ? AND action = 'update' AND username = ?
         AND json_extract(after, '$.version') = ? AND json_extract(after, ?) = ?`,
    );
    for (const a of acks) {
      const entity = a.kind === 'milestone' ? 'milestones' : 'kpi_values';
      const field = a.kind === 'milestone' ? '$.note' : '$.value';
      const n = (audit.get(entity, a.id, a.username, a.version, field, a.mark) as { n: number }).n;
      expect(n, `audit entry of acknowledged ${a.kind} ${a.id} v${a.version} (${a.mark})`).toBe(1);
    }
    for (const a of latest.values()) {
      const row =
        a.kind === 'milestone'
          ? (db.prepare('SELECT version, note AS mark FROM milestones WHERE id = ?').get(a.id) as { version: number; mark: unknown })
          : (db.prepare('SELECT version, value AS mark FROM kpi_values WHERE id = ?').get(a.id) as { version: number; mark: unknown });
      expect(row.version, `${a.kind} ${a.id}: acknowledged v${a.version} lost`).toBeGreaterThanOrEqual(a.version);
      if (row.version === a.version) expect(row.mark).toBe(a.mark);
    }
  } finally {
    db.close();
  }
}

// 21 server starts of 2–12 s each on the shared 2-core machine (measured with DURABILITY_DEBUG=1): 360 s of
// time so that a loaded full run does not time out; the assertions do not depend on it.
describe('durability under SIGKILL', () => {
  it(`every acknowledged write survives ${KILLS} kills, with its audit entry, and the file stays intact`, { timeout: 360_000 }, async () => {
    const acks: Ack[] = [];
    let targets: Target[] | null = null;
    let attempted = 0;
    const failures: string[] = [];
    let seq = 0;
    for (let cycle = 0; cycle < KILLS; cycle++) {
      const t0 = Date.now();
      child = await startChild(databasePath, { RATE_LIMIT_PER_MINUTE: "0" });
      if (process.env.DURABILITY_DEBUG) console.log(`cycle ${cycle}: started in ${Date.now() - t0} ms, ${acks.length} acks`);
      const base = child.baseUrl;
      const [officer, admin] = await Promise.all([loginAs(base, 'demo-officer'), loginAs(base, 'demo-admin')]);
      targets ??= await findTargets(base, officer, admin);
      let killed = false;
      // One writer per row (no 409 between writers); each reads its row's version first.
      const writers = targets.map(async (t) => {
        const s = t.who === 'officer' ? officer : admin;
        const username = t.who === 'officer' ? 'demo-officer' : 'demo-admin';
        const path = t.kind === 'milestone' ? `/api/milestones/${t.id}` : `/api/kpi-values/${t.id}`;
        try {
          const read = (await call(base, s, 'GET', t.readPath)).json;
          const current = t.kind === 'milestone' ? read : ((read.items ?? read) as any[]).find((v) => v.id === t.id);
          let version = current.version as number;
          while (!killed) {
            const n = ++seq;
            // KPI marks stay in every KPI's plausible range (0–100 for a percentage, domain/kpi-range.ts) and unique.
            const mark = t.kind === 'milestone' ? `耐久-${cycle}-${n}` : (cycle * 100_000 + n) / 100_000;
            attempted++;
            const res = await call(base, s, 'PATCH', path, t.kind === 'milestone' ? { version, note: mark } : { version, value: mark });
            if (res.status >= 200 && res.status < 300) {
              acks.push({ kind: t.kind, id: t.id, mark, version: res.json.version, username });
              version = res.json.version;
            } else {
              throw new Error(`${path} → ${res.status} ${JSON.stringify(res.json)}`);
            }
          }
        } catch (err) {
          if (!killed) failures.push(String(err)); // a connection cut by the kill is expected; anything else is not
        }
      });
      // Kill at a random moment once this cycle has had a few acknowledged writes (bounded wait, so a
      // loaded CI machine still tests something every cycle).
      const ackedAtStart = acks.length;
      for (const end = Date.now() + 20_000; acks.length < ackedAtStart + 3 && Date.now() < end; ) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      const dying = child.kill();
      killed = true;
      await dying;
      await Promise.all(writers);
      child = null;
      expect(failures, 'writes refused while the server was up').toEqual([]);
      verify(acks);
    }
    // The last start checks that the server still starts and serves the file.
    child = await startChild(databasePath);
    const admin = await loginAs(child.baseUrl, 'demo-admin');
    expect((await call(child.baseUrl, admin, 'GET', '/api/health')).status).toBe(200);
    await child.stop();
    child = null;
    verify(acks);
    expect(acks.length, `acknowledged writes (of ${attempted} attempted)`).toBeGreaterThanOrEqual(KILLS * 3);
    console.log(`durability: ${KILLS} SIGKILLs, ${attempted} writes attempted, ${acks.length} acknowledged, all present with audit entries`);
  });
});
