/**
 * How much of an uploaded spreadsheet the server will read (issue 14 item 1). Every limit is checked
 * while the file is read — the zip's declared sizes first, then the bytes really inflated — so a zip
 * bomb, a 200 MB cell or a million rows are refused before anything is stored and before they use
 * memory. The figures and the reasons for them are in docs/import-layout.md「上限」.
 */
import { AppError } from '../../errors.ts';

export interface ReadLimits {
  /** Entries in the zip (an .xlsx from Excel has 10–30; 255 sheets with their parts stay under 1,000). */
  maxZipEntries: number;
  /** Uncompressed bytes of one part (worksheet, shared strings…) read from the zip. */
  maxPartBytes: number;
  /** Uncompressed bytes of the shared strings part: unlike a worksheet, its text is kept in memory. */
  maxSharedStringsBytes: number;
  /** Uncompressed bytes of all the parts read, together. */
  maxTotalBytes: number;
  /** Data rows (rows with a value) in the sheets read, together. */
  maxRows: number;
  /** The last column that may hold a value. */
  maxColumns: number;
  /** Characters in one cell (Excel's own limit). */
  maxCellChars: number;
  /** Characters of one CSV record (line), all its cells together. */
  maxRecordChars: number;
  /** Bytes of XML between two `<`: one text node or one tag, which the SAX parser holds whole. */
  maxXmlRunBytes: number;
}

const MiB = 1024 * 1024;

export const READ_LIMITS: ReadLimits = {
  maxZipEntries: 1000,
  maxPartBytes: 256 * MiB,
  maxSharedStringsBytes: 32 * MiB,
  maxTotalBytes: 512 * MiB,
  maxRows: 100_000,
  maxColumns: 100,
  maxCellChars: 32_767,
  maxRecordChars: 1 * MiB,
  maxXmlRunBytes: 256 * 1024,
};

const n = (x: number) => x.toLocaleString('en-US');
const mib = (x: number) => `${Math.round(x / MiB)} MB`;

/** 413: the file is bigger than a limit (in Japanese, naming the limit); `limit` says which. */
export function overLimit(limit: keyof ReadLimits, message: string): AppError {
  return new AppError(413, 'IMPORT_TOO_LARGE', message, undefined, { limit });
}

export const limitMessages = {
  part: (l: ReadLimits, part: string) =>
    `ファイルを展開すると大きすぎます（${part} が展開後 ${mib(l.maxPartBytes)} の上限を超えます）。シートを分けるか、行を減らしてください。`,
  sharedStrings: (l: ReadLimits) =>
    `ファイルの文字列が多すぎます（共有文字列が展開後 ${mib(l.maxSharedStringsBytes)} の上限を超えます）。シートを分けるか、行を減らしてください。`,
  total: (l: ReadLimits) => `ファイルを展開すると大きすぎます（合計 ${mib(l.maxTotalBytes)} の上限を超えます）。シートを分けて取り込んでください。`,
  entries: (l: ReadLimits) => `ファイルの中の部品が多すぎます（上限 ${n(l.maxZipEntries)} 個）。.xlsx 形式で保存し直してください。`,
  rows: (l: ReadLimits) => `行が多すぎます（上限 ${n(l.maxRows)} 行）。シートやファイルを分けて取り込んでください。`,
  columns: (l: ReadLimits, where: string) => `列が多すぎます（${where}: 値を入れられるのは ${n(l.maxColumns)} 列目まで）。使わない列を削除してください。`,
  cell: (l: ReadLimits, where: string) => `セルの文字数が上限（${n(l.maxCellChars)} 文字）を超えています（${where}）。`,
  xmlRun: (l: ReadLimits, part: string) => `${part}に大きすぎる文字列があります（1つのセルは ${n(l.maxCellChars)} 文字まで）。`,
  record: (l: ReadLimits, line: number) => `CSVの${n(line)}行目が長すぎます（1行 ${n(l.maxRecordChars)} 文字まで）。`,
};
