/**
 * Issue 14 item 1, the attacks of the outside review, each against the real app (demo data, as
 * DX推進本部): zip bombs (honest and lying sizes), huge cells, 1.1 M rows in a 12 MB file, too many
 * columns, broken XML, a DTD. Every one is refused while the file is read, with a Japanese message
 * naming the limit, nothing is stored (every table as before) and the upload's work directory is gone
 * when the answer arrives. The server's memory under the same files is measured on a real server
 * process in tests/hardening/import-attacks.test.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { localBodies } from '../../server/db/schema.ts';
import { XLSX_TYPE } from '../../server/routes/imports.ts';
import { READ_LIMITS } from '../../server/services/spreadsheet/limits.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, dumpTables, type TestApp } from '../helpers/app.ts';
import { MILESTONE_HEADER, rowXml, sheetXml, xlsxOf, MAIN_NS } from '../helpers/xlsx.ts';
import { deflated, deflatedRepeat, deflatedStream, type DeflatedEntry } from '../helpers/zip.ts';

let t: TestApp;
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
  await t.as('hq').login();
});
afterAll(async () => {
  await t?.close();
});

const workDirEntries = () => {
  const dir = `${t.path}-imports`; // the documented default: next to the database
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** Uploads as HQ; asserts that nothing was stored and no work directory is left. */
async function refused(file: Buffer, type = XLSX_TYPE) {
  const before = dumpTables(t.db);
  const res = await t.as('hq').inject({ method: 'POST', url: `/api/bodies/${bodyId}/imports`, payload: file, headers: { 'content-type': type } });
  const { sessions: _s1, ...after } = dumpTables(t.db);
  const { sessions: _s0, ...was } = before;
  expect(after).toEqual(was);
  expect(workDirEntries()).toEqual([]);
  return { status: res.statusCode, body: res.json() as { code: string; message: string; details?: Record<string, unknown> } };
}

const header = rowXml(1, MILESTONE_HEADER);
/** Shared strings of ~450 MB (<si> entries of 1,000 × 'A'), deflated once; `declaredSize` makes it lie. */
let bomb: Promise<DeflatedEntry> | null = null;
const bombStrings = async (declaredSize?: number) => {
  bomb ??= deflatedRepeat('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">`, `<si><t>${'A'.repeat(1000)}</t></si>`, 450_000, '</sst>');
  return { ...(await bomb), declaredSize };
};
const milestoneSheet = (rows = '') => deflated('xl/worksheets/sheet1.xml', sheetXml(header + rows));

describe('zip bombs: refused before they are inflated (or as soon as they lie)', () => {
  it('a ~0.5 MB xlsx whose sharedStrings.xml expands to 450 MB: 413 naming the 32 MB limit, nothing stored', { timeout: 120_000 }, async () => {
    const strings = await bombStrings();
    const file = xlsxOf([{ name: 'マイルストーン', entry: milestoneSheet() }], { sharedStrings: strings });
    expect(file.length).toBeLessThan(1024 * 1024);
    expect(strings.size).toBeGreaterThan(450_000_000);
    const res = await refused(file);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'maxSharedStringsBytes' } });
    expect(res.body.message).toContain('32 MB');
  });

  it('the same bomb declaring 1 KB: reading stops at the first byte past what it declared (400, broken file)', { timeout: 120_000 }, async () => {
    const res = await refused(xlsxOf([{ name: 'マイルストーン', entry: milestoneSheet() }], { sharedStrings: await bombStrings(1024) }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT_UNREADABLE');
    expect(res.body.message).toMatch(/壊れている/);
  });

  it('declaring 30 MB (under the limit) but expanding to 450 MB: stops after 30 MB', { timeout: 120_000 }, async () => {
    const res = await refused(xlsxOf([{ name: 'マイルストーン', entry: milestoneSheet() }], { sharedStrings: await bombStrings(30 * 1024 * 1024) }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/壊れている/);
  });

  it('a worksheet that expands past 256 MB: 413 naming the part and the limit', { timeout: 120_000 }, async () => {
    const sheet = await deflatedRepeat('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN_NS}"><sheetData>${header}`, '<row/>', 50_000_000, '</sheetData></worksheet>');
    const res = await refused(xlsxOf([{ name: 'マイルストーン', entry: sheet }]));
    expect(res.status).toBe(413);
    expect(res.body.details).toEqual({ limit: 'maxPartBytes' });
    expect(res.body.message).toContain('256 MB');
  });
});

describe('huge cells: refused while reading, never stored', () => {
  it('one 200 MB cell (a 200 KB file): 413 while streaming, at 256 K characters', { timeout: 120_000 }, async () => {
    const sheet = await deflatedRepeat('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN_NS}"><sheetData>${header}<row r="2"><c r="I2" t="inlineStr"><is><t>`, 'A', 200_000_000, '</t></is></c></row></sheetData></worksheet>');
    const file = xlsxOf([{ name: 'マイルストーン', entry: sheet }]);
    expect(file.length).toBeLessThan(400 * 1024);
    const res = await refused(file);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('IMPORT_TOO_LARGE');
  });

  it('one 100 MB cell within the part limit: refused by the streaming reader at 256 K characters', { timeout: 120_000 }, async () => {
    const sheet = await deflatedRepeat('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN_NS}"><sheetData>${header}<row r="2"><c r="I2" t="inlineStr"><is><t>`, 'A', 100_000_000, '</t></is></c></row></sheetData></worksheet>');
    const res = await refused(xlsxOf([{ name: 'マイルストーン', entry: sheet }]));
    expect(res.status).toBe(413);
    expect(res.body.details).toEqual({ limit: 'maxXmlRunBytes' });
    expect(res.body.message).toMatch(/「マイルストーン」シートに大きすぎる文字列があります（1つのセルは 32,767 文字まで）/);
  });

  it('a shared string of 40,000 characters (over Excel’s 32,767): 413 naming the limit', async () => {
    const strings = deflated('xl/sharedStrings.xml', `<sst xmlns="${MAIN_NS}"><si><t>${'あ'.repeat(40_000)}</t></si></sst>`);
    const rows = `<row r="2"><c r="A2"><v>1</v></c><c r="I2" t="s"><v>0</v></c></row>`;
    const res = await refused(xlsxOf([{ name: 'マイルストーン', entry: milestoneSheet(rows) }], { sharedStrings: strings }));
    expect(res.status).toBe(413);
    expect(res.body.details).toEqual({ limit: 'maxCellChars' });
    expect(res.body.message).toMatch(/セルの文字数が上限（32,767 文字）を超えています/);
  });

  it('an inline cell of 40,000 characters: 413 with the sheet and the cell', async () => {
    const res = await refused(xlsxOf([{ name: 'マイルストーン', entry: milestoneSheet(rowXml(2, [1, 1, null, null, 'x', null, null, null, 'い'.repeat(40_000)])) }]));
    expect(res.status).toBe(413);
    expect(res.body.message).toContain('「マイルストーン」シート I2');
  });

  it('a CSV cell of 40,000 characters: 413', async () => {
    const res = await refused(Buffer.from(`${MILESTONE_HEADER.join(',')}\r\n1,1,,,x,,,,${'う'.repeat(40_000)}\r\n`), 'text/csv');
    expect(res.status).toBe(413);
    expect(res.body.message).toContain('2行目 I列');
  });

  it('a 備考 of 10,000 characters (within a cell, over the 4,000 a note takes): a row error, the text is not stored', async () => {
    const ms = t.db.$client.prepare("SELECT m.id, m.version FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id WHERE p.body_id = ? LIMIT 1").get(bodyId) as { id: number; version: number };
    const file = xlsxOf([{ name: 'マイルストーン', entry: milestoneSheet(rowXml(2, [ms.id, ms.version, null, null, null, null, null, null, 'え'.repeat(10_000)])) }]);
    const res = await t.as('hq').inject({ method: 'POST', url: `/api/bodies/${bodyId}/imports`, payload: file, headers: { 'content-type': XLSX_TYPE } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const p = res.json();
    expect(p.counts).toMatchObject({ error: 1, update: 0 });
    expect(p.problems[0]).toMatchObject({ column: 'I', columnLabel: '備考', kind: 'error' });
    expect(p.problems[0].message).toMatch(/文字数が多すぎます（10,000文字）。4,000文字以内/);
    const stored = t.db.$client.prepare('SELECT data FROM import_rows WHERE import_id = ?').all(p.importId) as { data: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.data.length).toBeLessThan(1000);
    expect(workDirEntries()).toEqual([]);
  });
});

describe('rows and columns', () => {
  it('1.1 M rows in a 12 MB CSV: 413 at row 100,001, nothing stored', { timeout: 180_000 }, async () => {
    const lines = [MILESTONE_HEADER.join(',')];
    for (let i = 1; i <= 1_100_000; i++) lines.push(`${i % 1000},1,,,xy`);
    const file = Buffer.from(lines.join('\n'));
    expect(file.length).toBeGreaterThan(11_500_000);
    expect(file.length).toBeLessThan(12_600_000);
    const res = await refused(file, 'text/csv');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limit: 'maxRows' } });
    expect(res.body.message).toBe(`行が多すぎます（上限 ${READ_LIMITS.maxRows.toLocaleString('en-US')} 行）。シートやファイルを分けて取り込んでください。`);
  });

  it('1.1 M rows in an xlsx: 413 while streaming', { timeout: 180_000 }, async () => {
    const sheet = await deflatedStream(
      'xl/worksheets/sheet1.xml',
      (function* () {
        yield `<worksheet xmlns="${MAIN_NS}"><sheetData>${header}`;
        for (let i = 2; i <= 1_100_001; i++) yield `<row r="${i}"><c><v>${i}</v></c><c><v>1</v></c><c/><c/><c t="inlineStr"><is><t>x</t></is></c></row>`;
        yield '</sheetData></worksheet>';
      })(),
    );
    const file = xlsxOf([{ name: 'マイルストーン', entry: sheet }]);
    expect(file.length).toBeLessThan(20 * 1024 * 1024);
    const res = await refused(file);
    expect(res.status).toBe(413);
    expect(res.body.details).toEqual({ limit: 'maxRows' });
  });

  it('a value in column 101 (CW): 413 naming the column limit', async () => {
    const cells: (string | number | null)[] = [1, 1, null, null, 'x'];
    cells[100] = 'ここ';
    const res = await refused(xlsxOf([{ name: 'マイルストーン', entry: milestoneSheet(rowXml(2, cells)) }]));
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/列が多すぎます（「マイルストーン」シート CW2: 値を入れられるのは 100 列目まで）/);
  });
});

describe('XML the reader refuses', () => {
  it('broken XML: 400, and no work directory is left (the review found a 200 MB temp file left until exit)', async () => {
    const broken = deflated('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN_NS}"><sheetData>${header}<row r="2"><c r="A2"><v>1</c></row>`);
    const res = await refused(xlsxOf([{ name: 'マイルストーン', entry: broken }]));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Excelファイル（.xlsx）として読み取れません（「マイルストーン」シート の XML が壊れています）。表計算ソフトで開いて保存し直してください。');
  });

  it('a DTD with entities (billion laughs): refused, nothing expanded', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns="${MAIN_NS}"><sheetData>${header}<row r="2"><c r="E2" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    const res = await refused(xlsxOf([{ name: 'マイルストーン', entry: deflated('xl/worksheets/sheet1.xml', laughs) }]));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/XML が壊れています/);
  });
});
