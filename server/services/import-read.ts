/**
 * Reading an uploaded workbook or CSV, streamed from its temp file row by row, into normalized rows:
 * cells parsed by the layout's readers (workbook-layout.ts), with the column letter of every field and
 * the Japanese message of every cell that could not be read. Nothing here touches the database: rows
 * go to a callback (the upload stores them). The file formats themselves — what a file is, zip, XML,
 * SpreadsheetML, CSV, and the limits on all of them — are in `spreadsheet/`.
 *
 * CSV: one file is one sheet, told by its header row (マイルストーン → マイルストーン, 四半期 / 指標ID →
 * 指標値, 取組名 → 取組, 計画名 → 計画).
 *
 * Plain async functions over a file path and limits: no framework objects, so they can run in a worker.
 */
import { columnLetter, headerKey, isBlank, type CellValue } from '../domain/sheet-cells.ts';
import { LongText } from '../schemas/common.ts';
import { detectEncoding, readCsvRecords, type Encoding } from './spreadsheet/csv.ts';
import { unreadable } from './spreadsheet/errors.ts';
import { detectContainer } from './spreadsheet/file-type.ts';
import { limitMessages, overLimit, READ_LIMITS, type ReadLimits } from './spreadsheet/limits.ts';
import { openXlsx } from './spreadsheet/xlsx.ts';
import { IMPORT_SHEETS, sheetByName, type ColumnSpec, type Entity, type SheetSpec } from './workbook-layout.ts';

export { unreadable };
export type { Encoding };

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

/** The longest text any sheet column takes (備考). */
const LONGEST_TEXT = LongText.maxLength!;

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
    // No field takes more than LongText (備考, 4,000 characters): a longer cell is an error, its text not kept.
    if (typeof raw === 'string' && raw.length > LONGEST_TEXT) {
      out.errors.push({ field: spec.field, message: `文字数が多すぎます（${raw.length.toLocaleString('en-US')}文字）。${LONGEST_TEXT.toLocaleString('en-US')}文字以内にしてください。` });
      continue;
    }
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

async function readXlsx(path: string, limits: ReadLimits, onRow: (r: ParsedRow) => void, count: () => void): Promise<number> {
  const wb = await openXlsx(path, limits);
  let sheets = 0;
  let rows = 0;
  for (const sheet of wb.sheets) {
    const spec = sheetByName(sheet.name);
    // The other sheets (記入方法, lists, the user's own) are not read at all.
    if (!spec || !sheet.part) continue;
    sheets++;
    let bound: BoundSheet | null = null;
    for await (const r of wb.rows(sheet)) {
      if (!bound) {
        if (r.number !== 1) throw unreadable(`「${sheet.name}」シートの1行目が見出し行になっていません。`);
        bound = bindHeader(spec, sheet.name, r.cells);
        continue;
      }
      const parsed = parseRow(bound, r.number, (col) => r.cells[col - 1]);
      if (parsed) {
        count();
        rows++;
        onRow(parsed);
      }
    }
    if (!bound) throw unreadable(`「${sheet.name}」シートに見出し行がありません。`);
  }
  if (sheets === 0) {
    const names = wb.sheets.map((s) => `「${s.name}」`).join('');
    throw unreadable(
      `取り込めるシートがありません（このファイルのシート: ${names || 'なし'}）。シート名を「${IMPORT_SHEETS.map((s) => s.name).join('」「')}」のいずれかにしてください。`,
    );
  }
  return rows;
}

// ---- csv --------------------------------------------------------------------------------------------

function csvSheetOf(header: CellValue[]): SheetSpec | null {
  const keys = new Set(header.map(headerKey));
  if (keys.has('マイルストーン')) return sheetByName('マイルストーン')!;
  if (keys.has('指標ID') || keys.has('四半期')) return sheetByName('指標値')!;
  if (keys.has('取組名')) return sheetByName('取組')!;
  if (keys.has('計画名')) return sheetByName('計画')!;
  return null;
}

async function readCsv(path: string, limits: ReadLimits, onRow: (r: ParsedRow) => void, count: () => void): Promise<{ rows: number; encoding: Encoding }> {
  const encoding = await detectEncoding(path);
  let bound: BoundSheet | null = null;
  let rows = 0;
  for await (const record of readCsvRecords(path, encoding, limits)) {
    if (!bound) {
      const spec = csvSheetOf(record.cells);
      if (!spec) {
        throw unreadable(
          'CSVの1行目（見出し行）から取り込む内容を判別できません。出力したCSVの見出し行（マイルストーンなら「ID,版,取組ID,取組名,マイルストーン,…」）を変えずに使ってください。',
        );
      }
      bound = bindHeader(spec, spec.name, record.cells);
      continue;
    }
    const parsed = parseRow(bound, record.number, (col) => record.cells[col - 1]);
    if (parsed) {
      count();
      rows++;
      onRow(parsed);
    }
  }
  if (!bound) throw unreadable('CSVファイルが空です。');
  return { rows, encoding };
}

export type Format = 'xlsx' | 'csv';

/**
 * Reads the file, row by row into `onRow`. What the file is comes from its bytes (spreadsheet/file-type.ts);
 * more than `limits.maxRows` data rows is refused (413) as soon as the next one is read.
 */
export async function readUpload(
  path: string,
  onRow: (r: ParsedRow) => void,
  limits: ReadLimits = READ_LIMITS,
): Promise<{ format: Format; encoding: Encoding | null; rows: number }> {
  let total = 0;
  const count = () => {
    if (++total > limits.maxRows) throw overLimit('maxRows', limitMessages.rows(limits));
  };
  const container = await detectContainer(path);
  if (container === 'zip') return { format: 'xlsx', encoding: null, rows: await readXlsx(path, limits, onRow, count) };
  const { rows, encoding } = await readCsv(path, limits, onRow, count);
  return { format: 'csv', encoding, rows };
}
