/**
 * Issue 16: imports run in a worker thread on its own connection, and keep every guarantee of the
 * in-loop path. The worker borrows the write lock from the API's group commit (server/db/group-commit.ts),
 * so an API write and an apply never interleave: the write either commits first (the apply sees the new
 * version: a conflict, nothing applied) or waits for the apply (and then meets the version the apply
 * wrote: 409). Refused rows change nothing; every write is audited; progress is visible while the
 * event loop answers other requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGeneratedBody } from '../../bench/import-data.ts';
import { createTestApp, dumpTables, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
let sectionIds: number[];
const ITEMS = 20;
const PER_ITEM = 200; // 4,000 milestone rows: an apply long enough to send a write while it holds the lock

beforeAll(async () => {
  t = await createTestApp();
  const g = insertGeneratedBody(t.db, { items: ITEMS, perItem: PER_ITEM });
  bodyId = g.bodyId;
  sectionIds = g.sectionIds;
  await t.createUser({ username: 'w-hq', role: 'hq', bodyCode: g.code });
  await t.createUser({ username: 'w-officer', role: 'officer', bodyCode: g.code, sectionNames: ['企画課'] });
}, 120_000);
afterAll(async () => t?.close());

/** The milestones sheet as CSV with every 未着手 (or only the rows `pick` keeps) turned 進行中. */
async function editedCsv(c: Client, pick: (line: string) => boolean = () => true): Promise<Buffer> {
  const res = await c.inject(`/api/bodies/${bodyId}/workbook.csv?sheet=milestones`);
  expect(res.statusCode).toBe(200);
  const lines = res.body.split('\r\n');
  return Buffer.from(lines.map((l, i) => (i > 0 && pick(l) ? l.replace('未着手', '進行中') : l)).join('\r\n'), 'utf8');
}

async function uploadCsv(c: Client, file: Buffer) {
  return c.inject({ method: 'POST', url: `/api/bodies/${bodyId}/imports`, payload: file, headers: { 'content-type': 'text/csv', 'x-file-name': 'edit.csv' } });
}

const count = (sql: string, ...params: unknown[]) => (t.db.$client.prepare(sql).get(...params) as { n: number }).n;

/** Waits (without a fixed sleep) until `condition` holds, or `done` settled first (then returns false). */
async function until(condition: () => boolean, done: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void done.finally(() => (settled = true));
  while (!condition()) {
    if (settled) return false;
    await new Promise((r) => setImmediate(r));
  }
  return true;
}

describe('imports in a worker thread', () => {
  it('reads and checks in a worker; the progress (rows read / checked) is answered while it runs; the upload is audited as the uploader', { timeout: 120_000 }, async () => {
    const hq = t.as('w-hq');
    const file = await editedCsv(hq);
    expect(t.app.workers.inProcess).toBe(false);
    const before = t.app.workers.ran.heavy;
    const uploading = uploadCsv(hq, file);
    const seen: { phase: string; rowsRead: number; rowsChecked: number }[] = [];
    let finished = false;
    void uploading.finally(() => (finished = true));
    while (!finished) {
      const p = await hq.inject('/api/imports/progress');
      expect(p.statusCode).toBe(200);
      const r = p.json().running;
      if (r && (seen.length === 0 || seen.at(-1)!.rowsRead !== r.rowsRead || seen.at(-1)!.rowsChecked !== r.rowsChecked || seen.at(-1)!.phase !== r.phase)) {
        seen.push({ phase: r.phase, rowsRead: r.rowsRead, rowsChecked: r.rowsChecked });
      }
      await new Promise((r) => setTimeout(r, 10)); // a poll every 10 ms, as the page does every 500 ms
    }
    const res = await uploading;
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json().counts).toMatchObject({ update: ITEMS * PER_ITEM, conflict: 0, refused: 0, error: 0 });
    expect(t.app.workers.ran.heavy).toBe(before + 1);
    // The event loop answered while the worker read and checked, and the counts only grow.
    expect(seen.some((s) => s.rowsRead > 0 || s.rowsChecked > 0), JSON.stringify(seen.slice(-5))).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.rowsRead).toBeGreaterThanOrEqual(seen[i - 1]!.rowsRead);
    expect((await hq.inject('/api/imports/progress')).json()).toEqual({ running: null });
    // The imports row was written by the worker's connection, as the uploader (its own audit context).
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'imports' AND entity_id = ? AND action = 'create' AND username = 'w-hq'", res.json().importId)).toBe(1);
    // Another user sees no progress of this one.
    expect((await t.inject('/api/imports/progress')).json()).toEqual({ running: null });
  });

  it('an API write sent while the apply holds the write lock waits for it, then meets the version the apply wrote (409)', { timeout: 120_000 }, async () => {
    const hq = t.as('w-hq');
    const upload = await uploadCsv(hq, await editedCsv(hq));
    expect(upload.statusCode, upload.body.slice(0, 300)).toBe(201);
    const importId = upload.json().importId as number;
    const target = t.db.$client.prepare('SELECT m.id, m.version FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id WHERE p.body_id = ? ORDER BY m.id DESC LIMIT 1').get(bodyId) as { id: number; version: number };
    const auditBefore = count("SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones'");

    const applying = hq.inject({ method: 'POST', url: `/api/imports/${importId}/apply` });
    // The worker asked for the lock and got it (or is next): only then is the write sent.
    expect(await until(() => t.app.groupCommit.lent, applying), 'the apply ended before a write could be sent during it').toBe(true);
    const patch = t.as('admin').inject({ method: 'PATCH', url: `/api/milestones/${target.id}`, payload: { version: target.version, note: '同時の更新' } });
    const [applied, patched] = await Promise.all([applying, patch]);

    expect(applied.statusCode, applied.body.slice(0, 300)).toBe(200);
    expect(applied.json().applied).toEqual({ create: 0, update: ITEMS * PER_ITEM });
    expect(patched.statusCode, patched.body.slice(0, 300)).toBe(409);
    expect(patched.json().code).toBe('VERSION_CONFLICT');
    const row = t.db.$client.prepare('SELECT status, note, version FROM milestones WHERE id = ?').get(target.id);
    expect(row).toEqual({ status: 'in_progress', note: '', version: target.version + 1 });
    // Every applied row audited once, as the applier with the import's note; nothing of the refused PATCH.
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones'") - auditBefore).toBe(ITEMS * PER_ITEM);
    expect(count('SELECT count(*) AS n FROM audit_log WHERE entity = ? AND note = ?', 'milestones', `一括取込 #${importId}（edit.csv） 取込: w-hq / 反映: w-hq`)).toBe(ITEMS * PER_ITEM);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE note LIKE '%同時の更新%' OR after LIKE '%同時の更新%'")).toBe(0);
  });

  it('a write committed before the apply takes the lock makes the apply a conflict: nothing of the file is applied', { timeout: 120_000 }, async () => {
    const hq = t.as('w-hq');
    // Back to 未着手 for the rows of the first item, then a file that moves them to 進行中 again.
    const first = t.db.$client.prepare("SELECT m.id, m.version FROM milestones m JOIN plan_items i ON i.id = m.item_id WHERE i.title = '取組1' ORDER BY m.id").all() as { id: number; version: number }[];
    for (const m of first.slice(0, 3)) {
      const r = await hq.inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, status: 'not_started' } });
      expect(r.statusCode, r.body).toBe(200);
    }
    const upload = await uploadCsv(hq, await editedCsv(hq));
    expect(upload.statusCode, upload.body.slice(0, 300)).toBe(201);
    expect(upload.json().counts).toMatchObject({ update: 3, conflict: 0 });
    const changed = t.db.$client.prepare('SELECT version FROM milestones WHERE id = ?').get(first[1]!.id) as { version: number };
    const write = await t.inject({ method: 'PATCH', url: `/api/milestones/${first[1]!.id}`, payload: { version: changed.version, note: '先に保存' } });
    expect(write.statusCode).toBe(200);
    const before = dumpTables(t.db);
    const applied = await hq.inject({ method: 'POST', url: `/api/imports/${upload.json().importId}/apply` });
    expect(applied.statusCode, applied.body.slice(0, 300)).toBe(409);
    expect(applied.json().code).toBe('IMPORT_CONFLICT');
    const after = dumpTables(t.db);
    // Only the stored preview of the import changed (the fresh dry run); no data, no audit entry.
    for (const table of Object.keys(before)) if (table !== 'import_previews') expect(after[table], table).toEqual(before[table]);
  });

  it("refused rows change nothing: an officer's rows outside their section are refused at upload and at apply", { timeout: 120_000 }, async () => {
    const officer = t.as('w-officer');
    const hq = t.as('w-hq');
    // Rows of every section: most are not the officer's.
    for (const m of t.db.$client.prepare("SELECT m.id, m.version FROM milestones m JOIN plan_items i ON i.id = m.item_id WHERE i.plan_id = (SELECT id FROM plans WHERE body_id = ?) AND m.status = 'in_progress' AND m.id % 50 = 0").all(bodyId) as { id: number; version: number }[]) {
      const r = await hq.inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, status: 'not_started' } });
      expect(r.statusCode).toBe(200);
    }
    await officer.login();
    const before = dumpTables(t.db);
    const upload = await uploadCsv(officer, await editedCsv(officer));
    expect(upload.statusCode, upload.body.slice(0, 300)).toBe(201);
    const counts = upload.json().counts;
    expect(counts.refused).toBeGreaterThan(0);
    const applied = await officer.inject({ method: 'POST', url: `/api/imports/${upload.json().importId}/apply` });
    expect(applied.statusCode).toBe(409);
    const after = dumpTables(t.db);
    for (const table of Object.keys(before)) {
      // body_last_reports follows the audit trail: the upload's own audit row is the body's latest report (checked below),
      // and the roll-ups' data version (scope -1) moves with it — the prefecture's table shows that date.
      if (['imports', 'import_rows', 'import_previews', 'audit_log', 'body_last_reports'].includes(table)) continue;
      const rows = (x: Record<string, unknown[]>) => (table === 'data_versions' ? (x[table] as { scope: number }[]).filter((r) => r.scope !== -1) : x[table]);
      expect(rows(after), table).toEqual(rows(before));
    }
    // The audit trail gained the import's own row only (the upload), nothing of its rows.
    const newAudit = (after.audit_log as { entity: string }[]).slice((before.audit_log as unknown[]).length);
    expect(newAudit.map((a) => a.entity)).toEqual(['imports']);
    const lastReports = (x: Record<string, unknown[]>) => (x.body_last_reports as { body_id: number; at: string }[]).filter((r) => r.body_id !== bodyId);
    expect(lastReports(after)).toEqual(lastReports(before));
    void sectionIds;
  });
});
