/**
 * Issue 16: an import applied by a worker thread (its own connection, the write lock lent by the group
 * commit) is as durable and atomic as the API's writes. The real server (child process) applies an
 * import of 上天草市's milestones (every 備考 changed) while KPI values are updated through the API, and is
 * killed with SIGKILL at a random moment around the apply, several times. After every kill: the file is
 * intact; the import is all or nothing (never some of its rows); an acknowledged apply is there with an
 * audit entry per row; every acknowledged API write is there too.
 */
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, loginAs, startChild, type Child, type Session } from './child.ts';

const KILLS = 5;
const dir = mkdtempSync(join(tmpdir(), 'dx-import-durability-'));
const databasePath = join(dir, 'dx.sqlite');
let child: Child | null = null;

afterAll(async () => {
  await child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function csvOf(base: string, s: Session, path: string): Promise<string> {
  const res = await fetch(`${base}${path}`, { headers: { cookie: s.cookie } });
  const text = await res.text();
  expect(res.status, `${path}: ${text.slice(0, 300)}`).toBe(200);
  return text;
}

async function uploadCsv(base: string, s: Session, bodyId: number, text: string) {
  const res = await fetch(`${base}/api/bodies/${bodyId}/imports`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'text/csv', 'x-file-name': 'durability.csv' },
    body: Buffer.from(text, 'utf8'),
  });
  return { status: res.status, json: (await res.json()) as any };
}

interface Ack {
  valueId: number;
  value: number;
  version: number;
}

describe('an import applied in a worker thread, under SIGKILL', () => {
  it(`is all or nothing, and durable once acknowledged, over ${KILLS} kills`, { timeout: 300_000 }, async () => {
    const acks: Ack[] = [];
    const applied: { importId: number; mark: string; rows: number }[] = [];
    const unacknowledged: { importId: number; mark: string; rows: number }[] = [];
    for (let cycle = 0; cycle < KILLS; cycle++) {
      child = await startChild(databasePath, { RATE_LIMIT_PER_MINUTE: '0', EXPORT_LIMIT_PER_MINUTE: '0' });
      const base = child.baseUrl;
      const [hq, admin] = await Promise.all([loginAs(base, 'demo-hq'), loginAs(base, 'demo-admin')]);
      const me = await call(base, hq, 'GET', '/api/auth/me');
      const bodyId = me.json.body.id as number;
      // Every milestone's 備考 set to this cycle's mark.
      const mark = `取込耐久-${cycle}`;
      const rows = parse(await csvOf(base, hq, `/api/bodies/${bodyId}/workbook.csv?sheet=milestones`), { bom: true }) as string[][];
      const noteCol = rows[0]!.indexOf('備考');
      const edited = stringify([rows[0]!, ...rows.slice(1).map((r) => r.map((c, i) => (i === noteCol ? mark : c)))], { record_delimiter: 'windows' });
      const upload = await uploadCsv(base, hq, bodyId, edited);
      expect(upload.status, JSON.stringify(upload.json).slice(0, 300)).toBe(201);
      const importId = upload.json.importId as number;
      const changedRows = upload.json.counts.update as number;
      expect(changedRows).toBeGreaterThan(10);

      // API writes beside the apply: one KPI value, updated again and again by the administrator.
      const kpis = await call(base, admin, 'GET', `/api/bodies/${bodyId}/kpis?pageSize=500`);
      const kpi = ((kpis.json.items ?? kpis.json) as any[])[0];
      const values = await call(base, admin, 'GET', `/api/kpis/${kpi.id}/values`);
      const target = ((values.json.items ?? values.json) as any[])[0];
      let killed = false;
      let version = target.version as number;
      const writer = (async () => {
        for (let n = 1; !killed; n++) {
          // Unique and inside a percentage's 0–100 (domain/kpi-range.ts).
          const value = (cycle * 100_000 + n) / 100_000;
          const res = await call(base, admin, 'PATCH', `/api/kpi-values/${target.id}`, { version, value }).catch(() => null);
          if (!res) return;
          if (res.status === 200) {
            acks.push({ valueId: target.id, value, version: res.json.version });
            version = res.json.version;
          } else if (!killed) throw new Error(`PATCH → ${res.status} ${JSON.stringify(res.json)}`);
        }
      })();
      const apply = call(base, hq, 'POST', `/api/imports/${importId}/apply`).then(
        (r) => r,
        () => null,
      );
      // Kill during the apply (even cycles: within a few ms of sending it), or just after it was acknowledged.
      const done = await Promise.race([apply, new Promise((r) => setTimeout(r, cycle % 2 === 0 ? Math.random() * 40 : 400))]);
      const dying = child.kill();
      killed = true;
      await dying;
      child = null;
      await writer;
      const answer = (await apply) ?? null;
      if (answer && answer.status === 200) applied.push({ importId, mark, rows: changedRows });
      else unacknowledged.push({ importId, mark, rows: changedRows });
      void done;

      const db = new Database(databasePath, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const marked = (m: string) => (db.prepare('SELECT count(*) AS n FROM milestones WHERE note = ?').get(m) as { n: number }).n;
        const audited = (id: number) =>
          (db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones' AND note LIKE ? AND username = 'demo-hq'").get(`一括取込 #${id}（%`) as { n: number }).n;
        // This cycle's import: every row or none, with an audit entry per row or none.
        const n = marked(mark);
        expect([0, changedRows], `rows of import #${importId} after the kill`).toContain(n);
        expect(audited(importId)).toBe(n);
        if (answer?.status === 200) expect(n, `acknowledged import #${importId} lost`).toBe(changedRows);
        for (const a of acks) {
          const row = db.prepare('SELECT version, value FROM kpi_values WHERE id = ?').get(a.valueId) as { version: number; value: number };
          expect(row.version, `acknowledged KPI value v${a.version} lost`).toBeGreaterThanOrEqual(a.version);
        }
      } finally {
        db.close();
      }
    }
    expect(acks.length).toBeGreaterThan(0);
    console.log(`import durability: ${KILLS} kills, ${applied.length} applies acknowledged, ${unacknowledged.length} cut, ${acks.length} API writes acknowledged`);
  });
});
