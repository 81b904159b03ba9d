/**
 * A re-plan through the spreadsheet needs its reason too (issue 13): the マイルストーン sheet's 変更理由 column, else the
 * note sent with the request (x-audit-note); without either the row is an error named at the column, and nothing is
 * applied. The reason reaches the history with who and when.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { XLSX_TYPE } from '../../server/routes/imports.ts';
import { addDays } from '../../server/domain/dates.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = (t.db.$client.prepare('SELECT id FROM local_bodies WHERE code = ?').get(KAMIAMAKUSA_CODE) as { id: number }).id;
});
afterAll(() => t?.close());

const open = () =>
  t.db.$client
    .prepare(
      "SELECT m.id, m.planned_date AS planned FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id WHERE p.body_id = ? AND m.status = 'not_started' ORDER BY m.id",
    )
    .all(bodyId) as { id: number; planned: string }[];

async function edited(c: Client, edits: { id: number; planned: string; reason?: string }[]): Promise<Buffer> {
  const res = await c.inject(`/api/bodies/${bodyId}/workbook.xlsx`);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as never);
  const ws = wb.getWorksheet('マイルストーン')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const plannedCol = header.indexOf('予定日') + 1;
  const reasonCol = header.indexOf('変更理由') + 1;
  expect(reasonCol).toBe(header.length); // the last column: the letters of every other column are as before
  ws.eachRow((r) => {
    const e = edits.find((x) => x.id === r.getCell(1).value);
    if (!e) return;
    const [y, m, d] = e.planned.split('-').map(Number) as [number, number, number];
    r.getCell(plannedCol).value = new Date(Date.UTC(y, m - 1, d));
    if (e.reason) r.getCell(reasonCol).value = e.reason;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (c: Client, file: Buffer, note?: string) =>
  c.inject({
    method: 'POST',
    url: `/api/bodies/${bodyId}/imports`,
    payload: file,
    headers: { 'content-type': XLSX_TYPE, 'x-file-name': encodeURIComponent('進捗管理表.xlsx'), ...(note ? { 'x-audit-note': encodeURIComponent(note) } : {}) },
  });

const lastReason = (id: number) =>
  (t.db.$client.prepare("SELECT reason, username FROM row_versions WHERE entity = 'milestones' AND row_id = ? AND valid_to IS NULL").get(id) as { reason: string; username: string });

describe('re-plans in the spreadsheet', () => {
  it('without 変更理由 or a note the row is an error at 変更理由, and nothing is applied', async () => {
    const hq = t.as('hq');
    const [m] = open();
    const p = (await upload(hq, await edited(hq, [{ id: m!.id, planned: addDays(m!.planned, 30) }]))).json();
    expect(p.canApply).toBe(false);
    expect(p.problems).toEqual([expect.objectContaining({ sheet: 'マイルストーン', columnLabel: '変更理由', kind: 'error', message: expect.stringContaining('計画変更の理由を入力してください') })]);
    const applied = await hq.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(applied.statusCode).toBe(400);
    expect((t.db.$client.prepare('SELECT planned_date AS d FROM milestones WHERE id = ?').get(m!.id) as { d: string }).d).toBe(m!.planned);
  });

  it('takes the reason from the 変更理由 column, else from the note sent with the upload and the apply', async () => {
    const hq = t.as('hq');
    const [a, b] = open();
    const file = await edited(hq, [
      { id: a!.id, planned: addDays(a!.planned, 30), reason: '列に書いた理由' },
      { id: b!.id, planned: addDays(b!.planned, 60) },
    ]);
    const p = (await upload(hq, file, '取込のメモ')).json();
    expect(p.problems).toEqual([]);
    expect(p.canApply).toBe(true);
    const applied = await hq.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply`, headers: { 'x-audit-note': encodeURIComponent('取込のメモ') } });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(lastReason(a!.id).reason).toMatch(/^列に書いた理由（一括取込 #\d+/);
    expect(lastReason(b!.id).reason).toMatch(/^取込のメモ（一括取込 #\d+/);
    expect(lastReason(a!.id).username).toBe('demo-hq');
  });
});
