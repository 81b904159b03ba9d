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
import { kpiValues, localBodies, milestones, planItems, sections } from '../../server/db/schema.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { formatKpiValue } from '../../server/domain/kpi-text.ts';
import { XLSX_TYPE } from '../../server/routes/imports.ts';
import { createTestApp, dumpTables, type Client, type TestApp } from '../helpers/app.ts';

const OFFICER_NAME = 'デモ DX推進員（上天草市 行革デジタル戦略課・市民課）';
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
      expect(e.note).toBe(`一括取込 #${p.importId}（進捗管理表.xlsx） 取込: ${OFFICER_NAME} / 反映: ${OFFICER_NAME}`);
    }
    const again = await officer.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('IMPORT_ALREADY_APPLIED');
    expect((await officer.inject(`/api/imports/${p.importId}`)).json()).toMatchObject({ status: 'applied', applied: { create: 0, update: 2 } });
  });
});

describe('problems: nothing is applied', () => {
  it('a row changed in the app since the export is a conflict (never overwritten); an unedited one is unchanged', async () => {
    const hq = t.as('hq');
    const [x, y, z] = milestonesOfSection(dxSectionId).filter((m) => m.status !== 'done');
    const buf = await download(hq, `/api/bodies/${bodyId}/workbook.xlsx`);
    // Someone updates x and z in the app after the export.
    for (const m of [x!, z!]) {
      const cur = t.db.select().from(milestones).where(eq(milestones.id, m.id)).get()!;
      const res = await t.as('officer').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: cur.version, note: 'アプリで更新' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const edited = await editXlsx(buf, (wb) => {
      const ms = wb.getWorksheet('マイルストーン')!;
      rowById(ms, x!.id).getCell(9).value = 'ファイルで更新';
      rowById(ms, y!.id).getCell(9).value = 'ファイルで更新';
    });
    const rowOfX = await loadXlsx(edited).then((wb) => rowById(wb.getWorksheet('マイルストーン')!, x!.id).number);
    const res = await upload(hq, edited);
    const p = res.json();
    // z: changed in the app, untouched in the file — but the file still holds z's old note, so it differs.
    expect(p.counts).toMatchObject({ update: 1, conflict: 2, refused: 0, error: 0 });
    expect(p.canApply).toBe(false);
    const conflict = p.problems.find((q: { row: number }) => q.row === rowOfX);
    expect(conflict).toMatchObject({ sheet: 'マイルストーン', column: 'B', columnLabel: '版', kind: 'conflict' });
    expect(conflict.message).toMatch(/アプリで更新されています/);

    const before = planTables();
    const applied = await hq.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(applied.statusCode).toBe(409);
    expect(applied.json()).toMatchObject({ code: 'IMPORT_CONFLICT', details: { importId: p.importId, canApply: false, counts: { conflict: 2 } } });
    expect(applied.json().message).toMatch(/[ぁ-ん]/);
    expect(planTables()).toEqual(before);
    expect(t.db.select().from(milestones).where(eq(milestones.id, x!.id)).get()!.note).toBe('アプリで更新');

    // A fresh export after the app's change: the same edit now applies.
    const again = await editXlsx(await download(hq, `/api/bodies/${bodyId}/workbook.xlsx`), (wb) => {
      rowById(wb.getWorksheet('マイルストーン')!, x!.id).getCell(9).value = 'ファイルで更新';
    });
    const ok = (await upload(hq, again)).json();
    expect(ok.counts).toMatchObject({ update: 1, conflict: 0 });
  });

  it('permission per row: an officer cannot change another section’s rows, nor planned dates', async () => {
    const officer = t.as('officer');
    const other = milestonesOfSection(otherSectionId)[0]!;
    const own = milestonesOfSection(dxSectionId).filter((m) => m.status !== 'done');
    const buf = await download(officer, `/api/bodies/${bodyId}/workbook.xlsx`);
    const edited = await editXlsx(buf, (wb) => {
      const ms = wb.getWorksheet('マイルストーン')!;
      rowById(ms, other.id).getCell(9).value = '他課の行を変更';
      rowById(ms, own[0]!.id).getCell(6).value = new Date(Date.UTC(2030, 2, 31));
      rowById(ms, own[1]!.id).getCell(9).value = '自課の備考';
    });
    const p = (await upload(officer, edited)).json();
    expect(p.counts).toMatchObject({ update: 1, refused: 2, conflict: 0, error: 0 });
    const rows = await loadXlsx(edited).then((wb) => ({
      other: rowById(wb.getWorksheet('マイルストーン')!, other.id).number,
      planned: rowById(wb.getWorksheet('マイルストーン')!, own[0]!.id).number,
    }));
    const refusedOther = p.problems.find((q: { row: number }) => q.row === rows.other);
    expect(refusedOther).toMatchObject({ sheet: 'マイルストーン', kind: 'refused' });
    expect(refusedOther.message).toMatch(/権限がありません（担当課: 総務課）/);
    const refusedDate = p.problems.find((q: { row: number }) => q.row === rows.planned);
    expect(refusedDate).toMatchObject({ kind: 'refused', column: 'F', columnLabel: '予定日' });
    expect(refusedDate.message).toMatch(/DX推進員は「予定日」を変更できません/);
    const before = planTables();
    const audits = auditCount();
    const applied = await officer.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(applied.statusCode).toBe(409);
    expect(applied.json().code).toBe('IMPORT_CONFLICT');
    expect(planTables()).toEqual(before);
    expect(auditCount()).toBe(audits);
  });

  it('bad rows (unknown status, 2025-02-30, unknown section) are errors with sheet, row, column and a Japanese message', async () => {
    const hq = t.as('hq');
    const ms0 = milestonesOfSection(dxSectionId);
    const item = t.db.select().from(planItems).where(eq(planItems.sectionId, dxSectionId)).get()!;
    const edited = await editXlsx(await download(hq, `/api/bodies/${bodyId}/workbook.xlsx`), (wb) => {
      const ms = wb.getWorksheet('マイルストーン')!;
      rowById(ms, ms0[0]!.id).getCell(8).value = 'やりかけ';
      rowById(ms, ms0[1]!.id).getCell(7).value = '2025-02-30';
      rowById(wb.getWorksheet('取組')!, item.id).getCell(6).value = '存在しない課';
    });
    const rows = await loadXlsx(edited).then((wb) => ({
      status: rowById(wb.getWorksheet('マイルストーン')!, ms0[0]!.id).number,
      date: rowById(wb.getWorksheet('マイルストーン')!, ms0[1]!.id).number,
      section: rowById(wb.getWorksheet('取組')!, item.id).number,
    }));
    const p = (await upload(hq, edited)).json();
    expect(p.counts).toMatchObject({ error: 3, create: 0, update: 0 });
    const at = (sheet: string, row: number) => p.problems.find((q: { sheet: string; row: number }) => q.sheet === sheet && q.row === row);
    expect(at('マイルストーン', rows.status)).toMatchObject({ column: 'H', columnLabel: '状況', kind: 'error' });
    expect(at('マイルストーン', rows.status).message).toMatch(/状況「やりかけ」は使えません/);
    expect(at('マイルストーン', rows.date)).toMatchObject({ column: 'G', columnLabel: '実績日', kind: 'error' });
    expect(at('マイルストーン', rows.date).message).toMatch(/^日付が正しくありません/);
    expect(at('取組', rows.section)).toMatchObject({ column: 'F', columnLabel: '担当課', kind: 'error' });
    expect(at('取組', rows.section).message).toMatch(/担当課「存在しない課」はこの団体（上天草市）の課ではありません/);
    const before = planTables();
    const applied = await hq.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(applied.statusCode).toBe(400);
    expect(applied.json().code).toBe('IMPORT_HAS_ERRORS');
    expect(planTables()).toEqual(before);
  });

  it('rule errors come from the same services as the API (完了 without 実績日, 実績日 in the future)', async () => {
    const hq = t.as('hq');
    const [a, b] = milestonesOfSection(dxSectionId).filter((m) => m.status !== 'done');
    const p = (
      await upload(
        hq,
        await editXlsx(await download(hq, `/api/bodies/${bodyId}/workbook.xlsx`), (wb) => {
          const ms = wb.getWorksheet('マイルストーン')!;
          rowById(ms, a!.id).getCell(8).value = '完了';
          const rb = rowById(ms, b!.id);
          rb.getCell(8).value = '完了';
          rb.getCell(7).value = '令和10年4月1日';
        }),
      )
    ).json();
    expect(p.counts).toMatchObject({ error: 2, update: 0 });
    expect(p.problems.map((q: { columnLabel: string }) => q.columnLabel)).toEqual(['実績日', '実績日']);
    const messages = p.problems.map((q: { message: string }) => q.message).join('\n');
    expect(messages).toMatch(/実績日を入力してください/);
    expect(messages).toMatch(/実績日（令和10年4月1日）は未来の日付です/);
  });
});

describe('a KPI’s declared 許容範囲 (issue 19)', () => {
  it('an 指標値 row outside the KPI’s declared range is an error naming the range, from the same rule as the API; nothing applies', async () => {
    const hq = t.as('hq');
    const buf = await download(hq, `/api/bodies/${bodyId}/workbook.xlsx`);
    let row: { id: number; kpiId: number } | undefined;
    (await loadXlsx(buf)).getWorksheet('指標値')!.eachRow((r, n) => {
      if (n > 1 && !row && typeof r.getCell(1).value === 'number') row = { id: r.getCell(1).value as number, kpiId: r.getCell(3).value as number };
    });
    expect(row, 'the 指標値 sheet has a saved value').toBeDefined();
    const values = t.db.select().from(kpiValues).where(eq(kpiValues.kpiId, row!.kpiId)).all().map((v) => v.value);
    const max = Math.max(...values) + 1;
    const kpi = (await hq.inject(`/api/kpis/${row!.kpiId}`)).json();
    const set = await hq.inject({ method: 'PATCH', url: `/api/kpis/${kpi.id}`, payload: { version: kpi.version, allowedMin: 0, allowedMax: max } });
    expect(set.statusCode, set.body).toBe(200);
    try {
      // The unedited workbook still imports cleanly (every saved value is inside the range).
      expect((await upload(hq, buf)).json().counts).toMatchObject({ update: 0, error: 0, refused: 0 });
      const p = (
        await upload(
          hq,
          await editXlsx(buf, (wb) => {
            rowById(wb.getWorksheet('指標値')!, row!.id).getCell(7).value = max + 100;
          }),
        )
      ).json();
      expect(p.counts).toMatchObject({ error: 1, update: 0 });
      expect(p.problems[0]).toMatchObject({ sheet: '指標値', columnLabel: '値' });
      const f = (n: number) => formatKpiValue(n, kpi.unit);
      expect(p.problems[0].message).toBe(`${kpi.name}の実績値は${f(0)}以上${f(max)}以下で入力してください（入力: ${f(max + 100)}）。`);
      const before = planTables();
      expect((await hq.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` })).statusCode).toBe(400);
      expect(planTables()).toEqual(before);
    } finally {
      const now = (await hq.inject(`/api/kpis/${kpi.id}`)).json();
      await hq.inject({ method: 'PATCH', url: `/api/kpis/${kpi.id}`, payload: { version: now.version, allowedMin: null, allowedMax: null } });
    }
  });
});

describe('CSV', () => {
  it('Shift_JIS and UTF-8 BOM CSVs of the マイルストーン sheet import the same', async () => {
    const hq = t.as('hq');
    const res = await hq.inject(`/api/bodies/${bodyId}/workbook.csv?sheet=milestones&sectionId=${dxSectionId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parse(res.body.replace(/^\uFEFF/, '')) as string[][];
    expect(records[0]!.slice(0, 9)).toEqual(['ID', '版', '取組ID', '取組名', 'マイルストーン', '予定日', '実績日', '状況', '備考']);
    const target = records.findIndex((r, i) => i > 0 && r[7] !== '完了');
    // As Excel saves it: dates 2025/4/1, the edited cell.
    const edited = records.map((r, i) => (i === target ? r.map((c, j) => (j === 8 ? 'CSVで更新' : c)) : r)).map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 5 && c ? c.replace(/-0?/g, '/') : c))));
    const text = stringify(edited, { record_delimiter: 'windows' });
    const sjis = iconv.encode(text, 'cp932');
    expect(iconv.decode(sjis, 'cp932')).toBe(text);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const a = (await upload(hq, sjis, { type: 'text/csv', name: 'ms-sjis.csv' })).json();
    const b = (await upload(hq, bom, { type: 'text/csv; charset=utf-8', name: 'ms-bom.csv' })).json();
    const c = (await upload(hq, Buffer.from(text, 'utf8'), { type: 'text/csv', name: 'ms.csv' })).json();
    expect([a.encoding, b.encoding, c.encoding]).toEqual(['shift_jis', 'utf-8-bom', 'utf-8']);
    expect(a.format).toBe('csv');
    expect(a.counts).toMatchObject({ update: 1, create: 0, conflict: 0, refused: 0, error: 0 });
    for (const x of [b, c]) {
      expect(x.counts).toEqual(a.counts);
      expect(x.changes).toEqual(a.changes);
      expect(x.problems).toEqual(a.problems);
    }
    expect(a.changes[0]).toMatchObject({ sheet: 'マイルストーン', row: target + 1, fields: [{ field: 'note', to: 'CSVで更新' }] });
  });
});

describe('files that cannot be read: 400, nothing stored', () => {
  const cases: [string, () => Promise<Buffer>, string, RegExp][] = [
    ['random bytes', async () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), XLSX_TYPE, /Excelファイル/],
    ['a workbook without known sheets', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Sheet1').addRow(['a', 'b']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    }, XLSX_TYPE, /取り込めるシートがありません/],
    ['a マイルストーン sheet without 版', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('マイルストーン').addRow(['ID', 'マイルストーン']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    }, XLSX_TYPE, /必要な列がありません: 版/],
    ['a CSV with an unknown header', async () => Buffer.from('名前,年齢\r\n山田,30\r\n'), 'text/csv', /見出し行/],
    ['an empty file', async () => Buffer.alloc(0), 'text/csv', /空/],
  ];
  it.each(cases)('%s', async (_name, file, type, message) => {
    const hq = t.as('hq');
    await hq.login();
    const before = dumpTables(t.db);
    const res = await upload(hq, await file(), { type });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(message);
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('JSON or no body: 415 with a Japanese message; over 50 MB: 413', async () => {
    const hq = t.as('hq');
    const json = await hq.inject({ method: 'POST', url: `/api/bodies/${bodyId}/imports`, payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    expect(json.json().message).toMatch(/Excel/);
    const big = await upload(hq, Buffer.alloc(50 * 1024 * 1024 + 1, 0x41), { type: 'text/csv' });
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toMatch(/大きすぎます/);
  });
});

describe('who reads an upload', () => {
  it('the uploader and HQ; another officer of the body is refused', async () => {
    await t.createUser({ username: 'officer-two', role: 'officer', bodyCode: KAMIAMAKUSA_CODE, sectionNames: ['総務課'] });
    const buf = await download(t.as('officer'), `/api/bodies/${bodyId}/workbook.xlsx?sectionId=${dxSectionId}`);
    const p = (await upload(t.as('officer'), buf)).json();
    expect((await t.as('hq').inject(`/api/imports/${p.importId}`)).statusCode).toBe(200);
    expect((await t.as('officer-two').inject(`/api/imports/${p.importId}`)).statusCode).toBe(403);
    expect((await t.as('officer-two').inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` })).statusCode).toBe(403);
    expect((await t.as('viewer').inject(`/api/imports/${p.importId}`)).statusCode).toBe(403);
  });
});
