/**
 * Reading an .xlsx (SpreadsheetML) workbook row by row with a SAX parser, as Excel, LibreOffice,
 * openpyxl, Google Sheets and exceljs write it: the main part found through the package
 * relationships, sheets from workbook.xml and its relationships (relative or absolute targets), the
 * 1900 or 1904 date system, shared strings (streamed; phonetic runs left out) and inline strings,
 * numbers shown with a date format turned into dates (styles.xml), formulas' cached results, prefixed
 * element names. Files that are zips but not workbooks (.ods, .docx, .xlsb…) are told apart by their
 * content types and answered with what they are and what to do.
 *
 * Plain async functions over a file path, bounded by `ReadLimits` (see limits.ts).
 */
import { columnLetter, type CellValue } from '../../domain/sheet-cells.ts';
import { unreadable } from './errors.ts';
import { limitMessages, overLimit, type ReadLimits } from './limits.ts';
import { readContentTypes, readRelationships, type Relationship } from './opc.ts';
import { localName, parseXml, xmlItems } from './xml.ts';
import { ZipFile } from './zip.ts';

export interface SheetRef {
  name: string;
  /** visible, hidden or veryHidden. */
  state: string;
  /** The worksheet's part name, or null (a chart sheet, a missing part). */
  part: string | null;
}

/** One row with at least one value; `cells[0]` is column A. */
export interface SheetRow {
  number: number;
  cells: CellValue[];
}

export interface XlsxWorkbook {
  sheets: SheetRef[];
  date1904: boolean;
  rows(sheet: SheetRef): AsyncGenerator<SheetRow>;
}

const SPREADSHEET_MAIN = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml',
]);

const SAVE_AS_XLSX = 'Excel で開き、「名前を付けて保存」で「Excel ブック（.xlsx）」を選んで保存し直してください。';

/** What a zip that is not a workbook is, from its content (message in Japanese). */
async function notAWorkbook(zip: ZipFile, limits: ReadLimits, mainType: string | null): Promise<Error> {
  const mimetype = zip.entry('mimetype');
  if (mimetype) {
    const type = (await zip.text(mimetype, 256)).trim();
    if (type === 'application/vnd.oasis.opendocument.spreadsheet') {
      return unreadable(
        'OpenDocument スプレッドシート（.ods）です。このサービスは .ods を読み取れません。LibreOffice Calc で開き、「名前を付けて保存」で「Excel 2007-365 (.xlsx)」を選んで保存し直してください。',
        'ods',
      );
    }
    if (type.startsWith('application/vnd.oasis.opendocument.')) {
      return unreadable('OpenDocument 形式の文書（表計算以外）です。「進捗管理表」を Excel ブック（.xlsx）か CSV で保存したファイルを選んでください。', 'odf');
    }
  }
  if (mainType === 'application/vnd.ms-excel.sheet.binary.macroEnabled.main') {
    return unreadable(`Excel バイナリブック（.xlsb）です。${SAVE_AS_XLSX}`, 'xlsb');
  }
  if (mainType?.includes('wordprocessingml')) return unreadable('Word 文書（.docx）です。「進捗管理表」の Excel ブック（.xlsx）か CSV を選んでください。', 'docx');
  if (mainType?.includes('presentationml')) return unreadable('PowerPoint プレゼンテーション（.pptx）です。「進捗管理表」の Excel ブック（.xlsx）か CSV を選んでください。', 'pptx');
  void limits;
  return unreadable(
    'ZIP 形式のファイルですが、Excel ブック（.xlsx）ではありません。圧縮ファイルの場合は展開して、中の .xlsx か CSV を選んでください。',
    'zip',
  );
}

/** Opens a workbook: package, workbook.xml, its relationships and the styles. Rows are read by `rows()`. */
export async function openXlsx(path: string, limits: ReadLimits): Promise<XlsxWorkbook> {
  const zip = await ZipFile.open(path, limits);
  const types = await readContentTypes(zip, limits);
  if (!types) throw await notAWorkbook(zip, limits, null);
  const main = (await readRelationships(zip, '', limits)).find((r) => r.type === 'officeDocument' && r.part)?.part ?? null;
  const mainType = main ? types.of(main) : null;
  if (!main || !zip.entry(main) || !mainType || !SPREADSHEET_MAIN.has(mainType)) throw await notAWorkbook(zip, limits, mainType);

  const rels = await readRelationships(zip, main, limits);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const { sheets, date1904 } = await readWorkbookPart(zip, main, limits, byId);
  const stylesRel = rels.find((r) => r.type === 'styles' && r.part && zip.entry(r.part));
  const dateStyles = stylesRel ? await readDateStyles(zip, stylesRel.part!, limits) : new Set<number>();
  const stringsRel = rels.find((r) => r.type === 'sharedStrings' && r.part && zip.entry(r.part));
  let shared: string[] | null = null;

  return {
    sheets,
    date1904,
    async *rows(sheet) {
      if (!sheet.part) return;
      const entry = zip.entry(sheet.part);
      if (!entry) throw unreadable(`Excelファイル（.xlsx）として読み取れません（「${sheet.name}」シートの中身がありません）。保存し直したファイルを選んでください。`);
      shared ??= stringsRel ? await readSharedStrings(zip, stringsRel.part!, limits) : [];
      yield* readWorksheet(zip.read(entry), sheet, { shared, dateStyles, date1904, limits });
    },
  };
}

// ---- workbook.xml -------------------------------------------------------------------------------

async function readWorkbookPart(zip: ZipFile, part: string, limits: ReadLimits, rels: Map<string, Relationship>) {
  const sheets: SheetRef[] = [];
  let date1904 = false;
  /** Prefixes bound to the relationships namespace (`r` by convention; any prefix is allowed). */
  const relPrefixes = new Set<string>();
  await parseXml(zip.read(zip.entry(part)!, 16 * 1024 * 1024), part, limits, (p) => {
    p.on('opentag', (tag) => {
      const a = tag.attributes;
      for (const [k, v] of Object.entries(a)) {
        if (k.startsWith('xmlns:') && /\/relationships$/.test(v)) relPrefixes.add(k.slice(6));
      }
      const name = localName(tag.name);
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet') {
        const rid = [...relPrefixes].map((x) => a[`${x}:id`]).find((v) => v !== undefined) ?? '';
        const rel = rels.get(rid);
        sheets.push({ name: a.name ?? '', state: a.state ?? 'visible', part: rel && rel.type === 'worksheet' ? rel.part : null });
      }
    });
  });
  return { sheets, date1904 };
}

// ---- styles: which cell formats show dates ------------------------------------------------------

/** Built-in number formats that show dates or times (Excel's list, incl. the Japanese locale's 27–36, 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date when, outside quotes, escapes and [..] sections, it has y m d h s e g codes. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '')
    .replace(/[eE][+-]/g, '');
  // Only the first section (positive numbers) decides.
  return /[ymdhsegYMDHSEG]/.test(bare.split(';')[0] ?? '');
}

async function readDateStyles(zip: ZipFile, part: string, limits: ReadLimits): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parseXml(zip.read(zip.entry(part)!, 16 * 1024 * 1024), part, limits, (p) => {
    p.on('opentag', (tag) => {
      const name = localName(tag.name);
      const a = tag.attributes;
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    });
    p.on('closetag', (tag) => {
      if (localName(tag.name) === 'cellXfs') inCellXfs = false;
    });
  });
  const dates = new Set<number>();
  xfFormats.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(index);
  });
  return dates;
}

// ---- strings -----------------------------------------------------------------------------------

/** `_x000D_` → CR: how OOXML writes characters XML cannot hold (`_x005F_` is a literal underscore). */
const unescapeXstring = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

/**
 * The shared string table, streamed: each `<si>` joined from its `<t>` runs (phonetic `<rPh>` runs
 * left out), refused as soon as one is longer than a cell may be or the part is over its limit.
 */
async function readSharedStrings(zip: ZipFile, part: string, limits: ReadLimits): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] | null = null;
  let length = 0;
  let inT = false;
  let phonetic = 0;
  const source = zip.read(zip.entry(part)!, limits.maxSharedStringsBytes, () => overLimit('maxSharedStringsBytes', limitMessages.sharedStrings(limits)));
  await parseXml(source, `共有文字列（${part}）`, limits, (p) => {
    p.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (name === 'si') {
        current = [];
        length = 0;
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && current && !phonetic && !tag.isSelfClosing) inT = true;
    });
    p.on('text', (text) => {
      if (!inT || !current) return;
      length += text.length;
      if (length > limits.maxCellChars) throw overLimit('maxCellChars', limitMessages.cell(limits, `共有文字列の${strings.length + 1}番目`));
      current.push(text);
    });
    p.on('closetag', (tag) => {
      const name = localName(tag.name);
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current) {
        strings.push(unescapeXstring(current.join('')));
        current = null;
      }
    });
  });
  return strings;
}

// ---- worksheets ----------------------------------------------------------------------------------

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;

/** `AB12` → 28 (1-based column), or null. */
function columnOf(ref: string): number | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? null : col;
}

interface SheetContext {
  shared: readonly string[];
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
  limits: ReadLimits;
}

async function* readWorksheet(source: AsyncIterable<Buffer>, sheet: SheetRef, ctx: SheetContext): AsyncGenerator<SheetRow> {
  const { limits } = ctx;
  yield* xmlItems<SheetRow>(source, `「${sheet.name}」シート`, limits, (p, emit) => {
    let inData = false;
    let rowNumber = 0;
    let cells: CellValue[] = [];
    let hasValue = false;
    let col = 0;
    let type = 'n';
    let style = 0;
    /** Text of the cell's <v>, or of its inline string's <t> runs. */
    let text: string[] = [];
    let textLength = 0;
    let capture = false;
    let inInline = false;
    let phonetic = 0;
    let hasText = false;

    const where = () => `「${sheet.name}」シート ${columnLetter(col)}${rowNumber}`;

    p.on('opentag', (tag) => {
      const name = localName(tag.name);
      const a = tag.attributes;
      if (name === 'sheetData') inData = true;
      if (!inData) return;
      switch (name) {
        case 'row': {
          const r = Number(a.r);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          hasValue = false;
          col = 0;
          break;
        }
        case 'c':
          col = (a.r ? columnOf(a.r) : null) ?? col + 1;
          type = a.t ?? 'n';
          style = a.s ? Number(a.s) : 0;
          text = [];
          textLength = 0;
          hasText = false;
          break;
        case 'v':
          if (!inInline) capture = !tag.isSelfClosing;
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inInline && !phonetic) capture = !tag.isSelfClosing;
          if (inInline) hasText = true;
          break;
      }
    });
    p.on('text', (t) => {
      if (!capture) return;
      textLength += t.length;
      if (textLength > limits.maxCellChars) throw overLimit('maxCellChars', limitMessages.cell(limits, where()));
      text.push(t);
      hasText = true;
    });
    p.on('closetag', (tag) => {
      const name = localName(tag.name);
      if (name === 'sheetData') inData = false;
      if (!inData) return;
      switch (name) {
        case 'v':
        case 't':
          capture = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          const value = hasText ? cellValue(type, style, text.join(''), ctx) : null;
          if (value !== null && !(typeof value === 'string' && value === '')) {
            if (col > limits.maxColumns) throw overLimit('maxColumns', limitMessages.columns(limits, where()));
            cells[col - 1] = value;
            hasValue = true;
          }
          break;
        }
        case 'row':
          if (hasValue) emit({ number: rowNumber, cells });
          break;
      }
    });
  });
}

function cellValue(type: string, style: number, text: string, ctx: SheetContext): CellValue {
  switch (type) {
    case 's': {
      const s = ctx.shared[Number(text)];
      return s === undefined ? null : s;
    }
    case 'inlineStr':
    case 'str':
      return unescapeXstring(text);
    case 'b':
      return text === '1' || text === 'true';
    case 'e':
      return text;
    case 'd': {
      // ISO 8601 (strict OOXML, some writers): a date, or date and time, read as UTC like Excel's serials.
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
      return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0))) : text;
    }
    default: {
      if (text.trim() === '') return null;
      const n = Number(text);
      if (!Number.isFinite(n)) return text;
      if (ctx.dateStyles.has(style)) return new Date((ctx.date1904 ? EPOCH_1904 : EPOCH_1900) + n * DAY_MS);
      return n;
    }
  }
}
