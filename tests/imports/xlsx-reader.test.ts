/**
 * The SpreadsheetML reader (server/services/spreadsheet/) on package variants real writers produce and
 * the fixtures do not all cover: OPC part names (relative, absolute, `..`, percent-encoded), prefixed
 * elements (`x:c`, as the .NET Open XML SDK writes), rows and cells without `r`, phonetic runs, `_x000D_`
 * escapes, booleans, errors, ISO dates (`t="d"`), formulas with and without cached results, 1904 dates,
 * and which number formats show dates.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { READ_LIMITS } from '../../server/services/spreadsheet/limits.ts';
import { relsPartOf, resolvePart } from '../../server/services/spreadsheet/opc.ts';
import { isDateFormatCode, openXlsx, type SheetRow } from '../../server/services/spreadsheet/xlsx.ts';
import { MAIN_NS, REL_NS } from '../helpers/xlsx.ts';
import { deflated, zipOf } from '../helpers/zip.ts';

const dir = mkdtempSync(join(tmpdir(), 'dx-xlsx-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const T = (t: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${t}`;

async function rowsOf(parts: Record<string, string>): Promise<{ names: string[]; rows: SheetRow[]; date1904: boolean }> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, zipOf(Object.entries(parts).map(([name, text]) => deflated(name, text))));
  const wb = await openXlsx(path, READ_LIMITS);
  const rows: SheetRow[] = [];
  for (const s of wb.sheets) for await (const r of wb.rows(s)) rows.push(r);
  return { names: wb.sheets.map((s) => s.name), rows, date1904: wb.date1904 };
}

const types = (main = '/xl/workbook.xml') =>
  `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="${main}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;

describe('OPC part names', () => {
  it('resolves relative, absolute, dot-dot and percent-encoded targets', () => {
    expect(resolvePart('/xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('/xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePart('/xl/workbook.xml', '../xl/./worksheets/sheet%201.xml')).toBe('xl/worksheets/sheet 1.xml');
    expect(resolvePart('/', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(relsPartOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relsPartOf('book.xml')).toBe('_rels/book.xml.rels');
  });
});

describe('which number formats show dates', () => {
  it.each([
    ['yyyy/mm/dd', true],
    ['[$-411]ggge"年（"yyyy"年）"m"月"d"日"', true],
    ['"令和元年（"yyyy"年）"m"月"d"日"', true],
    ['[$-F800]dddd, mmmm dd, yyyy', true],
    ['h:mm', true],
    ['General', false],
    ['#,##0', false],
    ['0.0##"%"', false],
    ['0.00E+00', false],
    ['"days" 0', false],
    ['[Red]#,##0;[Blue]-#,##0', false],
  ])('%s → %s', (code, date) => expect(isDateFormatCode(code)).toBe(date));
});

describe('package variants', () => {
  it('a workbook part elsewhere, prefixed elements, rows and cells without r, phonetic runs, escapes, types', async () => {
    const x = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const { names, rows } = await rowsOf({
      '[Content_Types].xml': types('/book/main.xml'),
      '_rels/.rels': `<Relationships xmlns="${RELS}"><Relationship Id="a" Type="${T('officeDocument')}" Target="/book/main.xml"/></Relationships>`,
      'book/main.xml': `<x:workbook xmlns:x="${x}" xmlns:rel="${REL_NS}"><x:sheets><x:sheet name="マイルストーン" sheetId="1" rel:id="s1"/><x:sheet name="グラフ" sheetId="2" rel:id="c1"/></x:sheets></x:workbook>`,
      'book/_rels/main.xml.rels': `<Relationships xmlns="${RELS}"><Relationship Id="s1" Type="${T('worksheet')}" Target="../data/one.xml"/><Relationship Id="c1" Type="${T('chartsheet')}" Target="../data/chart.xml"/><Relationship Id="ss" Type="${T('sharedStrings')}" Target="strings.xml"/></Relationships>`,
      'book/strings.xml': `<x:sst xmlns:x="${x}"><x:si><x:r><x:t>東京</x:t></x:r><x:r><x:t xml:space="preserve"> 都</x:t></x:r><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh></x:si><x:si><x:t>1行目_x000D_
2行目_x005F_x0041_</x:t></x:si></x:sst>`,
      'data/one.xml': `<x:worksheet xmlns:x="${x}"><x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row><x:row><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="d"><x:v>2025-04-01T00:00:00</x:v></x:c><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c><x:f>NOW()</x:f></x:c><x:c t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c></x:row><x:row r="5"><x:c r="C5" t="inlineStr"><x:is><x:t>C列</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    expect(names).toEqual(['マイルストーン', 'グラフ']);
    expect(rows).toEqual([
      { number: 1, cells: ['東京 都', '1行目\r\n2行目_x0041_', true] },
      { number: 2, cells: ['#N/A', new Date(Date.UTC(2025, 3, 1)), 2, undefined, 'ab'] },
      { number: 5, cells: [undefined, undefined, 'C列'] },
    ]);
  });

  it('numbers with a date format are dates, in the 1900 and the 1904 date systems', async () => {
    const sheet = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" s="1"><v>45748</v></c><c r="B1"><v>45748</v></c><c r="C1" s="2"><v>44286</v></c></row></sheetData></worksheet>`;
    const styles = `<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
    const parts = (date1904: boolean) => ({
      '[Content_Types].xml': types(),
      '_rels/.rels': `<Relationships xmlns="${RELS}"><Relationship Id="r" Type="${T('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${date1904 ? '<workbookPr date1904="true"/>' : ''}<sheets><sheet name="S" sheetId="1" r:id="w"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${RELS}"><Relationship Id="w" Type="${T('worksheet')}" Target="worksheets/s.xml"/><Relationship Id="st" Type="${T('styles')}" Target="styles.xml"/></Relationships>`,
      'xl/worksheets/s.xml': sheet,
      'xl/styles.xml': styles,
    });
    const a = await rowsOf(parts(false));
    expect(a.rows[0]!.cells).toEqual([new Date(Date.UTC(2025, 3, 1)), 45748, new Date(Date.UTC(2021, 2, 31))]);
    const b = await rowsOf(parts(true));
    expect(b.date1904).toBe(true);
    expect(b.rows[0]!.cells[0]).toEqual(new Date(Date.UTC(2029, 3, 2)));
  });
});
