/**
 * A moderate-size import (2,000 milestone rows, the suite stays fast; `npm run bench:import` does
 * 50,000 against the real server): every row edited in an xlsx is one update, applied in one
 * transaction, each audited; the CSV of the same edit gives the same counts.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGeneratedBody } from '../../bench/import-data.ts';
import { XLSX_TYPE } from '../../server/routes/imports.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
const ROWS = 2_000;

beforeAll(async () => {
  t = await createTestApp();
  const g = insertGeneratedBody(t.db, { items: 20, perItem: ROWS / 20 });
  bodyId = g.bodyId;
  await t.createUser({ username: 'gen-hq', role: 'hq', bodyCode: g.code });
});
afterAll(async () => t?.close());

describe(`${ROWS} rows`, () => {
  it('every status changed in the workbook: one update per row, applied and audited', { timeout: 120_000 }, async () => {
    const hq = t.as('gen-hq');
    const exported = await hq.inject(`/api/bodies/${bodyId}/workbook.xlsx`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as never);
    const ws = wb.getWorksheet('マイルストーン')!;
    expect(ws.rowCount).toBe(ROWS + 1);
    ws.eachRow((r, n) => {
      if (n > 1) r.getCell(8).value = '進行中';
    });
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const t0 = performance.now();
    const res = await hq.inject({ method: 'POST', url: `/api/bodies/${bodyId}/imports`, payload: edited, headers: { 'content-type': XLSX_TYPE } });
    const previewMs = performance.now() - t0;
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const p = res.json();
    expect(p.rows).toBe(ROWS + 20);
    expect(p.counts).toEqual({ create: 0, update: ROWS, unchanged: 20, conflict: 0, refused: 0, error: 0 });
    expect(p.changes).toHaveLength(200);
    expect(p.truncated).toEqual({ changes: true, problems: false });
    const t1 = performance.now();
    const applied = await hq.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    const applyMs = performance.now() - t1;
    expect(applied.statusCode, applied.body.slice(0, 300)).toBe(200);
    expect(applied.json().applied).toEqual({ create: 0, update: ROWS });
    const n = (sql: string) => (t.db.$client.prepare(sql).get() as { n: number }).n;
    expect(n("SELECT count(*) AS n FROM milestones WHERE status = 'in_progress'")).toBe(ROWS);
    expect(n(`SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones' AND note = '一括取込 #${p.importId}（upload） 取込: gen-hq / 反映: gen-hq'`)).toBe(ROWS);
    console.log(`${ROWS} rows: upload + dry run ${previewMs.toFixed(0)} ms, apply ${applyMs.toFixed(0)} ms`);
  });
});
