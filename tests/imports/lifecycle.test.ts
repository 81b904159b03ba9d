/**
 * Issue 14 item 1, the life of an upload after the file is read: rows deleted when applied, rows and
 * previews deleted after the retention period (applied at start-up and every hour), work directories
 * and unfinished imports a crash left deleted at start-up, one running upload per user, and the work
 * directory removed when the client goes away mid-upload (a real socket).
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildApp } from '../../server/app.ts';
import { imports, localBodies, milestones, sections } from '../../server/db/schema.ts';
import { XLSX_TYPE } from '../../server/routes/imports.ts';
import { KAMIAMAKUSA_CODE, DEMO_AS_OF } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
let workbook: Buffer;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
  const section = t.db.select().from(sections).where(and(eq(sections.bodyId, bodyId), eq(sections.name, '行革デジタル戦略課'))).get()!.id;
  const res = await t.as('hq').inject(`/api/bodies/${bodyId}/workbook.csv?sheet=milestones&sectionId=${section}`);
  workbook = res.rawPayload;
});
afterAll(async () => {
  await t?.close();
});

/** The documented default: next to the database. */
const workDir = () => `${t.path}-imports`;
const entries = () => (existsSync(workDir()) ? readdirSync(workDir()) : []);
const count = (sql: string, ...args: unknown[]) => (t.db.$client.prepare(sql).get(...args) as { n: number }).n;

/** Waits for a condition (polling; no fixed sleep decides the outcome). */
async function until(what: string, cond: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A CSV that changes one note of the milestones sheet (so there is something to apply). */
function editedCsv(note: string): Buffer {
  const text = workbook.toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\r\n');
  const cells = lines[1]!.split(',');
  const id = Number(cells[0]);
  const current = t.db.select().from(milestones).where(eq(milestones.id, id)).get()!;
  cells[1] = String(current.version);
  cells[8] = note;
  lines[1] = cells.join(',');
  return Buffer.from(lines.slice(0, 2).join('\r\n'));
}

const upload = (file: Buffer, who = 'hq') =>
  t.as(who).inject({ method: 'POST', url: `/api/bodies/${bodyId}/imports`, payload: file, headers: { 'content-type': 'text/csv' } });

/** A second app on the same database: what a restart does at start-up. */
async function restart(retentionDays = 30) {
  const app = await buildApp({ db: t.db, webRoot: false, today: () => DEMO_AS_OF, imports: { workDir: workDir(), retentionDays } });
  await app.ready();
  await app.close();
}

describe('the check at upload is a dry run (issue 16)', () => {
  it('keeps nothing in the audit trail, the history or the cache versions; the apply records every change', async () => {
    const file = editedCsv('取込の確認では記録しない');
    const milestoneId = Number(file.toString('utf8').split('\r\n')[1]!.split(',')[0]);
    const before = {
      audit: count("SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones' AND entity_id = ?", milestoneId),
      versions: count("SELECT count(*) AS n FROM row_versions WHERE entity = 'milestones' AND row_id = ?", milestoneId),
      dataVersion: count('SELECT version AS n FROM data_versions WHERE scope = ?', bodyId),
    };
    const p = (await upload(file)).json();
    // The check ran the real update (the row is counted as one to update) and rolled it back without bookkeeping.
    expect(p.counts).toMatchObject({ update: 1, error: 0 });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones' AND entity_id = ?", milestoneId)).toBe(before.audit);
    expect(count("SELECT count(*) AS n FROM row_versions WHERE entity = 'milestones' AND row_id = ?", milestoneId)).toBe(before.versions);
    expect(count('SELECT version AS n FROM data_versions WHERE scope = ?', bodyId)).toBe(before.dataVersion);
    expect((await t.as('hq').inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` })).statusCode).toBe(200);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones' AND entity_id = ?", milestoneId)).toBe(before.audit + 1);
    expect(count("SELECT count(*) AS n FROM row_versions WHERE entity = 'milestones' AND row_id = ?", milestoneId)).toBe(before.versions + 1);
    expect(count('SELECT version AS n FROM data_versions WHERE scope = ?', bodyId)).toBeGreaterThan(before.dataVersion);
  });

});

describe('what is kept', () => {
  it('applying deletes the import’s rows; its preview stays readable', async () => {
    const p = (await upload(editedCsv('適用後に行を削除'))).json();
    expect(p.canApply).toBe(true);
    expect(count('SELECT count(*) AS n FROM import_rows WHERE import_id = ?', p.importId)).toBe(1);
    expect((await t.as('hq').inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` })).statusCode).toBe(200);
    expect(count('SELECT count(*) AS n FROM import_rows WHERE import_id = ?', p.importId)).toBe(0);
    const got = await t.as('hq').inject(`/api/imports/${p.importId}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ status: 'applied', applied: { update: 1 } });
  });

  it('after the retention period (30 days by default), rows and previews are deleted at start-up; the import answers 404 saying why', async () => {
    const young = (await upload(editedCsv('新しい取込'))).json();
    const old = (await upload(editedCsv('古い取込'))).json();
    const oldApplied = (await upload(editedCsv('古い反映済み'))).json();
    expect((await t.as('hq').inject({ method: 'POST', url: `/api/imports/${oldApplied.importId}/apply` })).statusCode).toBe(200);
    const longAgo = new Date(Date.now() - 31 * 86_400_000).toISOString();
    t.db.$client.prepare('UPDATE imports SET created_at = ? WHERE id IN (?, ?)').run(longAgo, old.importId, oldApplied.importId);

    await restart();

    expect(count('SELECT count(*) AS n FROM import_rows WHERE import_id = ?', old.importId)).toBe(0);
    expect(count('SELECT count(*) AS n FROM import_previews WHERE import_id IN (?, ?)', old.importId, oldApplied.importId)).toBe(0);
    expect(t.db.select().from(imports).where(eq(imports.id, old.importId)).get()!.status).toBe('expired');
    expect(t.db.select().from(imports).where(eq(imports.id, oldApplied.importId)).get()!.status).toBe('applied');
    const gone = await t.as('hq').inject(`/api/imports/${old.importId}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'IMPORT_EXPIRED' });
    expect(gone.json().message).toMatch(/保存期間を過ぎたため削除されました。もう一度ファイルを取り込んでください/);
    expect((await t.as('hq').inject(`/api/imports/${oldApplied.importId}`)).json().message).toMatch(/反映した内容は変更履歴で確認できます/);
    const apply = await t.as('hq').inject({ method: 'POST', url: `/api/imports/${old.importId}/apply` });
    expect(apply.statusCode).toBe(404);
    expect(apply.json().code).toBe('IMPORT_EXPIRED');
    // The young one is untouched.
    expect((await t.as('hq').inject(`/api/imports/${young.importId}`)).statusCode).toBe(200);
    expect(count('SELECT count(*) AS n FROM import_rows WHERE import_id = ?', young.importId)).toBe(1);
    // A shorter setting applies at the next start.
    await restart(1);
    expect((await t.as('hq').inject(`/api/imports/${young.importId}`)).statusCode).toBe(200);
  });

  it('at start-up, work directories and imports a crash left unfinished are deleted', async () => {
    mkdirSync(join(workDir(), 'upload-crashed'), { recursive: true });
    writeFileSync(join(workDir(), 'upload-crashed', 'upload'), Buffer.alloc(1024 * 1024));
    // What versions before issue 14 left when killed while reading: a provisional import with rows, no preview.
    const orphan = t.db.insert(imports).values({ bodyId, fileName: 'crash.xlsx', format: 'csv', status: 'preview' }).returning().get();
    t.db.$client.prepare("INSERT INTO import_rows (import_id, seq, entity, sheet, row, data) VALUES (?, 1, 'milestone', 'マイルストーン', 2, '{}')").run(orphan.id);
    await restart();
    expect(entries()).toEqual([]);
    expect(t.db.select().from(imports).where(eq(imports.id, orphan.id)).get()).toBeUndefined();
    expect(count('SELECT count(*) AS n FROM import_rows WHERE import_id = ?', orphan.id)).toBe(0);
  });
});

describe('uploads in flight (a real socket)', () => {
  it('one running upload per user; the work directory goes when the client goes', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const hq = t.as('hq');
    await hq.login();
    // A slow client: promises 10 MB, sends 64 KB.
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/bodies/${bodyId}/imports`,
      headers: { cookie: hq.cookie, 'x-csrf-token': hq.csrfToken, 'content-type': XLSX_TYPE, 'content-length': String(10 * 1024 * 1024), origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` },
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(64 * 1024, 0x41));
    const uploadFile = () => entries().flatMap((d) => (existsSync(join(workDir(), d, 'upload')) ? [join(workDir(), d, 'upload')] : []));
    await until('the upload is being written to its work directory', () => uploadFile().some((f) => statSync(f).size > 0));

    // The same user again: refused while the first is running. Another user: not held up.
    const second = await upload(editedCsv('二つ目'));
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'IMPORT_IN_PROGRESS' });
    expect(second.json().message).toMatch(/ほかの取込を処理中です/);
    expect((await upload(workbook, 'officer')).statusCode).toBe(201);

    // The client goes away: the work directory is deleted and the user may upload again.
    req.destroy();
    await until('the work directory is removed', () => entries().length === 0);
    const again = await upload(editedCsv('中断の後'));
    expect(again.statusCode, again.body.slice(0, 200)).toBe(201);
  });
});

describe('a long check on a quiet connection', () => {
  it('the idle timeout (IDLE_TIMEOUT_MS) counts the client’s silence, not the server’s work: a check longer than it still answers', { timeout: 120_000 }, async () => {
    const quiet = await createTestApp({ demo: true, timeouts: { idleMs: 300 } });
    try {
      const id = quiet.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
      await quiet.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = quiet.app.server.address() as { port: number };
      const hq = quiet.as('hq');
      await hq.login();
      // 20,000 new rows naming an unknown item: every row is read, stored and checked (an error each).
      const lines = ['ID,版,取組ID,取組名,マイルストーン,予定日,実績日,状況,備考'];
      for (let i = 1; i <= 20_000; i++) lines.push(`,,,存在しない取組,工程${i},2027/03/31,,未着手,`);
      const body = Buffer.from(lines.join('\r\n'));
      const t0 = Date.now();
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, method: 'POST', path: `/api/bodies/${id}/imports`, headers: { cookie: hq.cookie, 'x-csrf-token': hq.csrfToken, 'content-type': 'text/csv', 'content-length': String(body.length), host: `127.0.0.1:${port}` } },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(Date.now() - t0).toBeGreaterThan(300);
      expect(answer.status, answer.text.slice(0, 200)).toBe(201);
      expect(JSON.parse(answer.text).counts.error).toBe(20_000);
    } finally {
      await quiet.close();
    }
  });

  it('nor an apply or a workbook export longer than it (was: the connection closed, 「other side closed」, at 30 s under load)', { timeout: 180_000 }, async () => {
    const quiet = await createTestApp({ demo: true, timeouts: { idleMs: 300 } });
    try {
      const id = quiet.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
      const item = quiet.db.$client.prepare('SELECT i.id, i.title FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE p.body_id = ? ORDER BY i.id LIMIT 1').get(id) as { id: number; title: string };
      await quiet.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = quiet.app.server.address() as { port: number };
      const hq = quiet.as('hq');
      await hq.login();
      /** One request on its own connection (no keep-alive reuse), the answer read whole. */
      const call = (method: string, path: string, body?: Buffer, type?: string) =>
        new Promise<{ status: number; text: string; ms: number }>((resolve, reject) => {
          const t0 = Date.now();
          const headers: Record<string, string> = { cookie: hq.cookie, 'x-csrf-token': hq.csrfToken, host: `127.0.0.1:${port}`, connection: 'close' };
          if (body) Object.assign(headers, { 'content-type': type!, 'content-length': String(body.length) });
          const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
            let text = '';
            res.setEncoding('latin1');
            res.on('data', (d) => (text += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: Date.now() - t0 }));
          });
          req.on('error', reject);
          req.end(body);
        });
      // 4,000 new milestones of one item: the apply inserts and audits each, in a worker thread.
      const lines = ['ID,版,取組ID,取組名,マイルストーン,予定日,実績日,状況,備考'];
      for (let i = 1; i <= 4_000; i++) lines.push(`,,${item.id},${item.title},静かな接続の工程${i},2027/03/31,,未着手,`);
      const up = await call('POST', `/api/bodies/${id}/imports`, Buffer.from(lines.join('\r\n')), 'text/csv');
      expect(up.status, up.text.slice(0, 300)).toBe(201);
      expect(JSON.parse(up.text).counts).toMatchObject({ create: 4_000, error: 0 });
      const applied = await call('POST', `/api/imports/${JSON.parse(up.text).importId}/apply`);
      expect(applied.ms).toBeGreaterThan(300);
      expect(applied.status, applied.text.slice(0, 300)).toBe(200);
      expect(JSON.parse(applied.text)).toMatchObject({ applied: { create: 4_000 } });
      const workbook = await call('GET', `/api/bodies/${id}/workbook.xlsx`);
      expect(workbook.ms).toBeGreaterThan(300);
      expect(workbook.status).toBe(200);
      expect(workbook.text.slice(0, 2)).toBe('PK');
    } finally {
      await quiet.close();
    }
  });
});
