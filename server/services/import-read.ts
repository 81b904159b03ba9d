/**
 * Reading an uploaded workbook or CSV, streamed from its temp file row by row (exceljs WorkbookReader,
 * csv-parse), into normalized rows: cells parsed by the layout's readers (workbook-layout.ts), with the
 * column letter of every field and the Japanese message of every cell that could not be read. Nothing
 * here touches the database: rows go to a callback (the import service stores them).
 *
 * CSV: one file is one sheet, told by its header row (マイルストーン → マイルストーン, 四半期 / 指標ID →
 * 指標値, 取組名 → 取組, 計画名 → 計画). Encoding: a UTF-8 BOM, else valid UTF-8, else Shift_JIS (CP932,
 * as Excel saves "CSV (コンマ区切り)").
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { loadExcel } from './export-libs.ts';
import iconv from 'iconv-lite';
import { columnLetter, headerKey, isBlank, type CellValue } from '../domain/sheet-cells.ts';
import { AppError } from '../errors.ts';
import { IMPORT_SHEETS, sheetByName, type ColumnSpec, type Entity, type SheetSpec } from './workbook-layout.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';
export type Format = 'xlsx' | 'csv';

export interface CellProblem {
  field: string;
  message: string;
}

/** One data row as stored in import_rows. */
export interface ParsedRow {
  entity: Entity;
  sheet: string;
  /** Row number in the sheet (the header is row 1). */
  row: number;
  id: number | null;
  version: number | null;
  /** Field → value, for the columns present in the file (values of unreadable cells are left out). */
  values: Record<string, unknown>;
  /** Field → column letter. */
  cols: Record<string, string>;
  errors: CellProblem[];
}

export const unreadable = (message: string) => new AppError(400, 'IMPORT_UNREADABLE', message);

interface BoundSheet {
  spec: SheetSpec;
  name: string;
  /** 1-based column number → column spec. */
  columns: Map<number, ColumnSpec>;
}

/** Matches a header row to a sheet's columns; throws when a required column is missing. */
function bindHeader(spec: SheetSpec, name: string, header: CellValue[]): BoundSheet {
  const byKey = new Map(spec.columns.map((c) => [headerKey(c.header), c]));
  const columns = new Map<number, ColumnSpec>();
  const seen = new Set<string>();
  header.forEach((h, i) => {
    const c = byKey.get(headerKey(h));
    if (c && !seen.has(c.field)) {
      seen.add(c.field);
      columns.set(i + 1, c);
    }
  });
  const missing = spec.required.filter((h) => !spec.columns.some((c) => c.header === h && seen.has(c.field)));
  if (missing.length) {
    throw unreadable(`「${name}」シートの1行目に必要な列がありません: ${missing.join('、')}。出力したファイルの見出し行を変えずに使ってください。`);
  }
  return { spec, name, columns };
}

/** One data row (cells 1-based by column), or null when the row is empty or a blank 今期 row of 指標値. */
function parseRow(sheet: BoundSheet, rowNumber: number, cells: (col: number) => CellValue): ParsedRow | null {
  let blank = true;
  const out: ParsedRow = { entity: sheet.spec.entity, sheet: sheet.name, row: rowNumber, id: null, version: null, values: {}, cols: {}, errors: [] };
  for (const [col, spec] of sheet.columns) {
    const raw = cells(col);
    if (!isBlank(raw)) blank = false;
    out.cols[spec.field] = columnLetter(col);
    const read = spec.read(raw);
    if (!read.ok) {
      out.errors.push({ field: spec.field, message: read.message });
      continue;
    }
    if (spec.field === 'id') out.id = read.value as number | null;
    else if (spec.field === 'version') out.version = read.value as number | null;
    else out.values[spec.field] = read.value;
  }
  if (blank) return null;
  // 指標値: the export adds an empty row per KPI for the current quarter; left empty, it means nothing.
  if (out.entity === 'kpiValue' && out.id === null && out.values.value == null && !out.errors.some((e) => e.field === 'value')) return null;
  return out;
}

// ---- xlsx -------------------------------------------------------------------------------------------

/** What exceljs gives for a cell, reduced to a plain value (rich text, formulas' results, hyperlinks' text). */
function plain(v: unknown, sharedStrings: readonly string[] = []): CellValue {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v as CellValue;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if (typeof o.sharedString === 'number') return sharedStrings[o.sharedString] ?? null;
    if ('result' in o) return plain(o.result, sharedStrings);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return plain(o.text, sharedStrings);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

const require = createRequire(import.meta.url);
// exceljs' own zip reader (a dependency of exceljs, pinned in package.json): random access to two small entries.
const unzipper = require('unzipper') as {
  Open: { file(path: string): Promise<{ files: { path: string; buffer(): Promise<Buffer> }[] }> };
};

const xmlText = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[e]!,
  );

/**
 * The workbook's sheets (name, id, relationship) and relationships, from xl/workbook.xml and its rels.
 * exceljs' streaming reader learns sheet names only when workbook.xml comes before the worksheets in
 * the zip (Excel's order); other tools (exceljs' own writer) put it last and the names would be lost,
 * so they are read first and handed to the reader.
 */
async function workbookModel(path: string) {
  const zip = await unzipper.Open.file(path);
  const entry = (name: string) => zip.files.find((f) => f.path === name);
  const workbook = entry('xl/workbook.xml');
  const rels = entry('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw unreadable('Excelファイル（.xlsx）として読み取れません（ブックの情報がありません）。');
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const workbookRels = [...(await rels.buffer()).toString('utf8').matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    Id: attr(m[0], 'Id') ?? '',
    // The reader compares targets with `worksheets/sheetN.xml`.
    Target: (attr(m[0], 'Target') ?? '').replace(/^\/?xl\//, ''),
  }));
  const workbookXml = (await workbook.buffer()).toString('utf8');
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);
  const sheets = [...workbookXml.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: xmlText(attr(m[0], 'name') ?? ''),
    id: Number(attr(m[0], 'sheetId')),
    rId: attr(m[0], 'r:id') ?? '',
    state: attr(m[0], 'state') ?? 'visible',
  }));
  // The shared strings, read here too: exceljs sometimes meets a worksheet before its own copy is loaded
  // and then gives { sharedString: n } for a text cell (plain() looks these up).
  const shared = entry('xl/sharedStrings.xml');
  const sharedStrings = shared
    ? [...(await shared.buffer()).toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) =>
        [...(m[1] ?? '').replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1]!)).join(''),
      )
    : [];
  return { sheets, workbookRels, date1904, sharedStrings };
}

async function readXlsx(path: string, onRow: (r: ParsedRow) => void): Promise<number> {
  const ExcelJS = await loadExcel();
  let model: Awaited<ReturnType<typeof workbookModel>>;
  try {
    model = await workbookModel(path);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable('Excelファイル（.xlsx）として読み取れません。ファイルが壊れていないか、.xlsx 形式で保存したかを確認してください。');
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // What the reader would learn from workbook.xml, given before it meets the worksheets.
  Object.assign(reader, { model: { sheets: model.sheets }, workbookRels: model.workbookRels, properties: { model: { date1904: model.date1904 } } });
  let sheets = 0;
  let rows = 0;
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      const spec = sheetByName(name);
      if (!spec) {
        // The other sheets (記入方法, lists) are skipped; the reader must still drain them.
        for await (const _row of ws) void _row;
        continue;
      }
      sheets++;
      let bound: BoundSheet | null = null;
      for await (const row of ws) {
        const r = row as ExcelJS.Row;
        if (!bound) {
          if (r.number !== 1) throw unreadable(`「${name}」シートの1行目が見出し行になっていません。`);
          const header: CellValue[] = [];
          r.eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = plain(cell.value, model.sharedStrings)));
          bound = bindHeader(spec, name, header);
          continue;
        }
        const parsed = parseRow(bound, r.number, (col) => plain(r.getCell(col).value, model.sharedStrings));
        if (parsed) {
          rows++;
          onRow(parsed);
        }
      }
      if (!bound) throw unreadable(`「${name}」シートに見出し行がありません。`);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable('Excelファイル（.xlsx）として読み取れません。ファイルが壊れていないか、.xlsx 形式で保存したかを確認してください。');
  }
  if (sheets === 0) {
    throw unreadable(`取り込めるシートがありません。シート名を「${IMPORT_SHEETS.map((s) => s.name).join('」「')}」のいずれかにしてください。`);
  }
  return rows;
}

// ---- csv --------------------------------------------------------------------------------------------

/** UTF-8 with BOM, valid UTF-8, or else Shift_JIS (CP932): read through the file once. */
export async function detectEncoding(path: string): Promise<Encoding> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await fh.read(head, 0, 3, 0);
    if (bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  } finally {
    await fh.close();
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'shift_jis';
  }
}

function csvSheetOf(header: CellValue[]): SheetSpec | null {
  const keys = new Set(header.map(headerKey));
  if (keys.has('マイルストーン')) return sheetByName('マイルストーン')!;
  if (keys.has('指標ID') || keys.has('四半期')) return sheetByName('指標値')!;
  if (keys.has('取組名')) return sheetByName('取組')!;
  if (keys.has('計画名')) return sheetByName('計画')!;
  return null;
}

async function readCsv(path: string, onRow: (r: ParsedRow) => void): Promise<{ rows: number; encoding: Encoding }> {
  const encoding = await detectEncoding(path);
  const source = createReadStream(path);
  const text =
    encoding === 'shift_jis' ? source.pipe(iconv.decodeStream('cp932')) : source.pipe(iconv.decodeStream('utf-8', { stripBOM: true }));
  const parser = text.pipe(parse({ relax_column_count: true, relax_quotes: true, bom: true }));
  let bound: BoundSheet | null = null;
  let n = 0;
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      n++;
      if (!bound) {
        const spec = csvSheetOf(record);
        if (!spec) {
          throw unreadable(
            'CSVの1行目（見出し行）から取り込む内容を判別できません。出力したCSVの見出し行（マイルストーンなら「ID,版,取組ID,取組名,マイルストーン,…」）を変えずに使ってください。',
          );
        }
        bound = bindHeader(spec, spec.name, record);
        continue;
      }
      const parsed = parseRow(bound, n, (col) => record[col - 1]);
      if (parsed) {
        rows++;
        onRow(parsed);
      }
    }
  } catch (e) {
    source.destroy();
    if (e instanceof AppError) throw e;
    throw unreadable('CSVファイルとして読み取れません（引用符の対応などを確認してください）。');
  }
  if (!bound) throw unreadable('CSVファイルが空です。');
  return { rows, encoding };
}

/** Format by content: an xlsx is a zip (PK\x03\x04); anything else is read as CSV text. */
export async function sniffFormat(path: string): Promise<Format> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead === 0) throw unreadable('ファイルが空です。');
    return bytesRead === 4 && head.readUInt32BE(0) === 0x504b0304 ? 'xlsx' : 'csv';
  } finally {
    await fh.close();
  }
}

/** Reads the file, row by row into `onRow`. */
export async function readUpload(path: string, onRow: (r: ParsedRow) => void): Promise<{ format: Format; encoding: Encoding | null; rows: number }> {
  const format = await sniffFormat(path);
  if (format === 'xlsx') return { format, encoding: null, rows: await readXlsx(path, onRow) };
  const { rows, encoding } = await readCsv(path, onRow);
  return { format, encoding, rows };
}
