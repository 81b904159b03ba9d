/**
 * Issue 15: files written by the office tools town halls use import alike. The fixtures in
 * tests/fixtures/office/files/ were written by real writers from the demo data's 進捗管理表
 * (tests/fixtures/office/generate.sh: our exceljs export, exceljs re-saved, openpyxl re-saved / edited /
 * 1904 dates, LibreOffice re-saved / edited through UNO / CSV in UTF-8 and Shift_JIS / .ods / .xls).
 * OFFICE_FIXTURES=<dir> runs the same tests on freshly generated files (.ci/run does).
 *
 * - unchanged → 0 changes, and every writer's file reads to the same rows;
 * - one edited cell → exactly that change;
 * - files that are not .xlsx/CSV are told apart by their bytes, with what they are and what to do.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { localBodies } from '../../server/db/schema.ts';
import { XLSX_TYPE } from '../../server/routes/imports.ts';
import { readUpload, type ParsedRow } from '../../server/services/import-read.ts';
import { READ_LIMITS } from '../../server/services/spreadsheet/limits.ts';
import { ZipFile } from '../../server/services/spreadsheet/zip.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { fixtureFingerprint } from '../fixtures/office/manifest.ts';
import { createTestApp, dumpTables, type TestApp } from '../helpers/app.ts';
import { REPO_ROOT } from '../helpers/server.ts';
import { deflated, zipOf } from '../helpers/zip.ts';

const DIR = resolve(process.env.OFFICE_FIXTURES ?? join(REPO_ROOT, 'tests/fixtures/office/files'));
const file = (name: string) => readFileSync(join(DIR, name));
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as {
  fingerprint: string;
  editedMilestoneId: number;
  editedMilestoneTitle: string;
  previousNote: string;
  newNote: string;
};

let t: TestApp;
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
});
afterAll(async () => {
  await t?.close();
});

async function upload(buf: Buffer, name: string, type = XLSX_TYPE) {
  return t.as('hq').inject({
    method: 'POST',
    url: `/api/bodies/${bodyId}/imports`,
    payload: buf,
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
  });
}

async function rowsOf(name: string): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  await readUpload(join(DIR, name), (r) => rows.push(r));
  return rows;
}

const XLSX_FILES = ['exceljs-export.xlsx', 'exceljs-resaved.xlsx', 'openpyxl-resaved.xlsx', 'openpyxl-1904.xlsx', 'libreoffice-resaved.xlsx'];
const CSV_FILES = ['libreoffice-utf8.csv', 'libreoffice-sjis.csv'];

describe('files from exceljs, openpyxl and LibreOffice', () => {
  it('were made from today’s demo data (else run tests/fixtures/office/generate.sh and commit the files)', () => {
    expect(fixtureFingerprint(t.db, bodyId), 'the demo seed changed: regenerate the office fixtures (tests/fixtures/office/generate.sh)').toBe(manifest.fingerprint);
  });

  it.each([...XLSX_FILES, ...CSV_FILES])('%s, unchanged: 0 changes, no problems', async (name) => {
    const before = dumpTables(t.db);
    const res = await upload(file(name), name, name.endsWith('.csv') ? 'text/csv' : XLSX_TYPE);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(201);
    const p = res.json();
    expect(p.problems).toEqual([]);
    expect(p.counts).toEqual({ create: 0, update: 0, unchanged: p.rows, conflict: 0, refused: 0, error: 0 });
    expect(p.rows).toBeGreaterThan(30);
    expect(p.canApply).toBe(false);
    expect(dumpTables(t.db).milestones).toEqual(before.milestones);
  });

  it('every writer’s file reads to the same rows as our own export (values, ids, versions, columns)', async () => {
    const reference = await rowsOf('exceljs-export.xlsx');
    expect(reference.length).toBeGreaterThan(30);
    for (const name of XLSX_FILES.slice(1)) expect(await rowsOf(name), name).toEqual(reference);
    const milestones = reference.filter((r) => r.entity === 'milestone');
    for (const name of CSV_FILES) expect(await rowsOf(name), name).toEqual(milestones);
  });

  it('the file openpyxl writes names its sheets with absolute targets (the issue’s refused workbook)', async () => {
    const z = await ZipFile.open(join(DIR, 'openpyxl-resaved.xlsx'), READ_LIMITS);
    expect(await z.text(z.entry('xl/_rels/workbook.xml.rels')!)).toContain('Target="/xl/worksheets/sheet1.xml"');
    const mac = await ZipFile.open(join(DIR, 'openpyxl-1904.xlsx'), READ_LIMITS);
    expect(await mac.text(mac.entry('xl/workbook.xml')!)).toMatch(/date1904="(1|true)"/);
  });

  it.each(['libreoffice-edited.xlsx', 'openpyxl-edited.xlsx'])('%s: one edited cell gives exactly that change, and applies', async (name) => {
    const res = await upload(file(name), name);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(201);
    const p = res.json();
    expect(p.problems).toEqual([]);
    expect(p.counts).toMatchObject({ create: 0, update: 1, conflict: 0, refused: 0, error: 0 });
    expect(p.changes).toEqual([
      {
        sheet: 'マイルストーン',
        row: expect.any(Number),
        kind: 'update',
        entity: 'milestone',
        id: manifest.editedMilestoneId,
        label: manifest.editedMilestoneTitle,
        fields: [{ field: 'note', label: '備考', from: manifest.previousNote, to: manifest.newNote }],
      },
    ]);
  });
});

describe('what a file is, by its bytes (whatever its name or Content-Type)', () => {
  const cases: [string, () => Buffer, string, RegExp, string][] = [
    ['an Excel 97-2003 .xls (LibreOffice) renamed .xlsx', () => file('libreoffice.xls'), XLSX_TYPE, /^Excel 97-2003 形式（\.xls）です。Excel で開き、「名前を付けて保存」で「Excel ブック（\.xlsx）」を選んで保存し直してください/, 'xls'],
    ['an .ods sent as application/vnd.oasis.opendocument.spreadsheet', () => file('libreoffice.ods'), 'application/vnd.oasis.opendocument.spreadsheet', /^OpenDocument スプレッドシート（\.ods）です。.*「Excel 2007-365 \(\.xlsx\)」/, 'ods'],
    ['a PNG image', () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]), XLSX_TYPE, /^画像（PNG）のファイルです。取り込めるのは「進捗管理表」の Excel ブック（\.xlsx）と CSV です/, 'png'],
    ['a PDF', () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'application/pdf', /^PDF ファイルです/, 'pdf'],
    ['a zip that is not a workbook', () => zipOf([deflated('readme.txt', 'hello')]), 'application/zip', /^ZIP 形式のファイルですが、Excel ブック（\.xlsx）ではありません/, 'zip'],
    ['a Word document', () =>
      zipOf([
        deflated('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        deflated('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        deflated('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
      ]), XLSX_TYPE, /^Word 文書（\.docx）です/, 'docx'],
    ['Excel’s 「Unicode テキスト」 (UTF-16)', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ID\t版\r\n', 'utf16le')]), 'text/plain', /^Unicode テキスト（UTF-16）形式です/, 'utf-16'],
    ['an HTML page saved as .xls', () => Buffer.from('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>ID</td></tr></table></body></html>'), 'application/vnd.ms-excel', /^Web ページ（HTML）形式です/, 'html'],
  ];
  it.each(cases)('%s: 400 saying what it is and what to do', async (_name, make, type, message, fileType) => {
    await t.as('hq').login();
    const before = dumpTables(t.db);
    const res = await upload(make(), 'upload.xlsx', type);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMPORT_UNREADABLE', details: { fileType } });
    expect(res.json().message).toMatch(message);
    expect(dumpTables(t.db)).toEqual(before);
  });
});
