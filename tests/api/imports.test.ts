/**
 * 進捗管理表 round trip on the demo data (上天草市, today 2026-11-23): the exported workbook read back with
 * exceljs (sheets, frozen header, validation lists, real dates); export → import with no edits changes
 * nothing; edited cells give exactly those changes, applied in one transaction and audited with the
 * import's note; conflicts, refusals and bad rows are reported with sheet, row and column and apply
 * nothing; Shift_JIS and UTF-8 BOM CSVs read the same; unreadable files store nothing.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { kpiValues, localBodies, milestones, planItems, plans, sections } from '../../server/db/schema.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { XLSX_TYPE } from '../../server/routes/imports.ts';
import { createTestApp, dumpTables, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
let dxSectionId: number;
let otherSectionId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
  dxSectionId = t.db.select().from(sections).where(and(eq(sections.bodyId, bodyId), eq(sections.name, '行革デジタル戦略課'))).get()!.id;
  // A section the demo officer does not own, with items.
  otherSectionId = t.db
    .select({ id: sections.id })
    .from(sections)
    .innerJoin(planItems, eq(planItems.sectionId, sections.id))
    .where(and(eq(sections.bodyId, bodyId), eq(sections.name, '総務課')))
    .get()!.id;
});
afterAll(async () => {
  await t?.close();
});

export async function download(c: Client, url: string): Promise<Buffer> {
  const res = await c.inject(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
}

export async function upload(c: Client, file: Buffer, opts: { type?: string; name?: string; query?: string; body?: number } = {}) {
  return c.inject({
    method: 'POST',
    url: `/api/bodies/${opts.body ?? bodyId}/imports${opts.query ?? ''}`,
    payload: file,
    headers: { 'content-type': opts.type ?? XLSX_TYPE, 'x-file-name': encodeURIComponent(opts.name ?? '進捗管理表.xlsx') },
  });
}

async function loadXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb;
}

/** Loads a workbook, lets `edit` change it, and writes it again (as a person saving in Excel would). */
async function editXlsx(buf: Buffer, edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = await loadXlsx(buf);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The row of a sheet whose ID column (A) is `id`. */
function rowById(ws: ExcelJS.Worksheet, id: number): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((r) => {
    if (r.getCell(1).value === id) found = r;
  });
  if (!found) throw new Error(`no row with ID ${id} in ${ws.name}`);
  return found;
}

const planTables = () => {
  const d = dumpTables(t.db);
  return { plans: d.plans, plan_items: d.plan_items, milestones: d.milestones, kpi_values: d.kpi_values, kpis: d.kpis };
};
const auditCount = () => (t.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

function milestonesOfSection(sectionId: number) {
  return t.db
    .select({ m: milestones })
    .from(milestones)
    .innerJoin(planItems, eq(planItems.id, milestones.itemId))
    .where(eq(planItems.sectionId, sectionId))
    .all()
    .map((r) => r.m);
}

describe('the exported workbook', () => {
  it('has the sheets in order, ids and versions, a frozen header, autofilter, validation lists and real dates', async () => {
    const buf = await download(t.as('hq'), `/api/bodies/${bodyId}/workbook.xlsx`);
    const res = await t.as('hq').inject(`/api/bodies/${bodyId}/workbook.xlsx`);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="workbook\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1]!)).toBe('進捗管理表_上天草市_2026-11-23.xlsx');
    const wb = await loadXlsx(buf);
    const visible = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(visible).toEqual(['取組', 'マイルストーン', '指標値', '記入方法']);
    const ms = wb.getWorksheet('マイルストーン')!;
    expect((ms.getRow(1).values as unknown[]).slice(1, 10)).toEqual(['ID', '版', '取組ID', '取組名', 'マイルストーン', '予定日', '実績日', '状況', '備考']);
    expect((wb.getWorksheet('取組')!.getRow(1).values as unknown[]).slice(1, 9)).toEqual(['ID', '版', '計画ID', '区分', '取組名', '担当課', '目標年度', '説明']);
    expect((wb.getWorksheet('指標値')!.getRow(1).values as unknown[]).slice(1, 9)).toEqual(['ID', '版', '指標ID', '指標名', '年度', '四半期', '値', '備考']);
    expect(ms.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ms.autoFilter).toBeTruthy();
    const all = milestonesOfSection(dxSectionId);
    const m = all.find((x) => x.actualDate)!;
    const row = rowById(ms, m.id);
    expect(row.getCell(2).value).toBe(m.version);
    expect(row.getCell(6).value).toBeInstanceOf(Date);
    expect((row.getCell(6).value as Date).toISOString().slice(0, 10)).toBe(m.plannedDate);
    expect((row.getCell(7).value as Date).toISOString().slice(0, 10)).toBe(m.actualDate);
    expect(row.getCell(8).value).toBe('完了');
    const status = (ms as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model['H2'];
    expect(status).toMatchObject({ type: 'list', formulae: ['"未着手,進行中,完了,対象外"'] });
    const category = (wb.getWorksheet('取組') as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model['D2'];
    expect(category?.type).toBe('list');
    expect(category?.formulae[0]).toMatch(/^選択肢!\$B\$1:\$B\$\d+$/);
    const help = wb.getWorksheet('記入方法')!;
    const helpText = JSON.stringify(help.getSheetValues());
    for (const h of ['予定日', '状況', '版', '空欄']) expect(helpText).toContain(h);
  });

  it('for one section: only its items, their milestones and KPI values', async () => {
    const wb = await loadXlsx(await download(t.as('officer'), `/api/bodies/${bodyId}/workbook.xlsx?sectionId=${dxSectionId}`));
    const ids: number[] = [];
    wb.getWorksheet('マイルストーン')!.eachRow((r, n) => n > 1 && ids.push(r.getCell(1).value as number));
    expect(ids.sort((a, b) => a - b)).toEqual(milestonesOfSection(dxSectionId).map((m) => m.id).sort((a, b) => a - b));
  });
});

describe('round trip', () => {
  it('export then import with no edits: zero changes, nothing to apply', async () => {
    const buf = await download(t.as('hq'), `/api/bodies/${bodyId}/workbook.xlsx`);
    const before = planTables();
    const res = await upload(t.as('hq'), buf);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ bodyId, format: 'xlsx', encoding: null, status: 'preview', createdBy: expect.any(String), canApply: false });
    expect(p.counts).toEqual({ create: 0, update: 0, unchanged: p.rows, conflict: 0, refused: 0, error: 0 });
    expect(p.rows).toBeGreaterThan(30);
    expect(p.changes).toEqual([]);
    expect(p.problems).toEqual([]);
    expect(planTables()).toEqual(before);
    // Also after Excel re-saves it (exceljs load + write).
    const resaved = await upload(t.as('hq'), await editXlsx(buf, () => undefined));
    expect(resaved.json().counts).toMatchObject({ create: 0, update: 0, conflict: 0, refused: 0, error: 0 });
  });

  it('edited cells give exactly those changes; apply writes them in one go, audited with the import note', async () => {
    const officer = t.as('officer');
    const open = milestonesOfSection(dxSectionId).filter((m) => m.status !== 'done' && m.status !== 'not_applicable');
    expect(open.length).toBeGreaterThanOrEqual(2);
    const [a, b] = open;
    const value = t.db
      .select({ v: kpiValues })
      .from(kpiValues)
      .all()
      .map((r) => r.v)[0]!;
    const buf = await download(officer, `/api/bodies/${bodyId}/workbook.xlsx?sectionId=${dxSectionId}`);
    const edited = await editXlsx(buf, (wb) => {
      const ms = wb.getWorksheet('マイルストーン')!;
      const ra = rowById(ms, a!.id);
      ra.getCell(8).value = '完了';
      ra.getCell(7).value = new Date(Date.UTC(2026, 10, 20));
      const rb = rowById(ms, b!.id);
      rb.getCell(9).value = '庁内調整中（一括取込）';
    });
    void value;
    const res = await upload(officer, edited, { query: `?sectionId=${dxSectionId}` });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const p = res.json();
    expect(p.problems).toEqual([]);
    expect(p.counts).toMatchObject({ create: 0, update: 2, conflict: 0, refused: 0, error: 0 });
    expect(p.canApply).toBe(true);
    const byId = Object.fromEntries(p.changes.map((c: { id: number }) => [c.id, c]));
    expect(byId[a!.id]).toMatchObject({ sheet: 'マイルストーン', kind: 'update', entity: 'milestone', label: a!.title });
    expect(byId[a!.id].fields).toEqual(
      expect.arrayContaining([
        { field: 'status', label: '状況', from: a!.status === 'in_progress' ? '進行中' : '未着手', to: '完了' },
        { field: 'actualDate', label: '実績日', from: null, to: '2026-11-20' },
      ]),
    );
    expect(byId[a!.id].fields).toHaveLength(2);
    expect(byId[b!.id].fields).toEqual([{ field: 'note', label: '備考', from: b!.note, to: '庁内調整中（一括取込）' }]);
    // The dry run changed nothing.
    expect(t.db.select().from(milestones).where(eq(milestones.id, a!.id)).get()).toEqual(a);

    const got = await officer.inject(`/api/imports/${p.importId}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ importId: p.importId, counts: p.counts, status: 'preview' });

    const audits = auditCount();
    const applied = await officer.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toEqual({ importId: p.importId, status: 'applied', applied: { create: 0, update: 2 } });
    const after = t.db.select().from(milestones).where(eq(milestones.id, a!.id)).get()!;
    expect(after).toMatchObject({ status: 'done', actualDate: '2026-11-20', version: a!.version + 1 });
    expect(t.db.select().from(milestones).where(eq(milestones.id, b!.id)).get()!.note).toBe('庁内調整中（一括取込）');
    const entries = t.db.$client.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(audits) as { entity: string; username: string; note: string; entity_id: number }[];
    expect(entries.map((e) => e.entity).sort()).toEqual(['imports', 'milestones', 'milestones']);
    for (const e of entries) {
      expect(e.username).toBe('demo-officer');
      expect(e.note).toBe(`一括取込 #${p.importId}（進捗管理表.xlsx）`);
    }
    const again = await officer.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('IMPORT_ALREADY_APPLIED');
    expect((await officer.inject(`/api/imports/${p.importId}`)).json()).toMatchObject({ status: 'applied', applied: { create: 0, update: 2 } });
  });
});
