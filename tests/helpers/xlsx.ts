/**
 * Minimal .xlsx packages written part by part (tests/helpers/zip.ts), for what real writers do not
 * produce on demand: hostile files (bombs, huge cells, a million rows, broken XML) and package variants
 * (absolute targets, prefixed elements, 1904 dates).
 */
import { deflated, zipOf, type DeflatedEntry } from './zip.ts';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE = (t: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${t}`;

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A row of inline-string / number cells: `<row r="n">…</row>`. */
export function rowXml(n: number, cells: (string | number | null)[]): string {
  const col = (i: number) => {
    let s = '';
    for (let x = i + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    return s;
  };
  return `<row r="${n}">${cells
    .map((v, i) =>
      v === null ? '' : typeof v === 'number' ? `<c r="${col(i)}${n}"><v>${v}</v></c>` : `<c r="${col(i)}${n}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`,
    )
    .join('')}</row>`;
}

export const sheetXml = (rows: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${rows}</sheetData></worksheet>`;

export const MILESTONE_HEADER = ['ID', '版', '取組ID', '取組名', 'マイルストーン', '予定日', '実績日', '状況', '備考'];

/**
 * The parts of a workbook around the given sheet parts: content types, relationships (relative targets
 * unless `absolute`), workbook.xml. `sheets[i].entry` is the worksheet part (xl/worksheets/sheetN.xml);
 * `sharedStrings` an optional xl/sharedStrings.xml entry.
 */
export function xlsxOf(sheets: { name: string; entry: DeflatedEntry }[], opts: { sharedStrings?: DeflatedEntry; absolute?: boolean; date1904?: boolean } = {}): Buffer {
  const target = (p: string) => (opts.absolute ? `/xl/${p}` : p);
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
    .map((s) => `<Override PartName="/${s.entry.name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('')}${opts.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${TYPE('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets
    .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const wbRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS_NS}">${sheets
    .map((s, i) => `<Relationship Id="rId${i + 1}" Type="${TYPE('worksheet')}" Target="${target(s.entry.name.replace(/^xl\//, ''))}"/>`)
    .join('')}${opts.sharedStrings ? `<Relationship Id="rIdS" Type="${TYPE('sharedStrings')}" Target="${target('sharedStrings.xml')}"/>` : ''}</Relationships>`;
  return zipOf([
    deflated('[Content_Types].xml', types),
    deflated('_rels/.rels', rootRels),
    deflated('xl/workbook.xml', workbook),
    deflated('xl/_rels/workbook.xml.rels', wbRels),
    ...sheets.map((s) => s.entry),
    ...(opts.sharedStrings ? [opts.sharedStrings] : []),
  ]);
}
