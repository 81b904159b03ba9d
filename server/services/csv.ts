/**
 * CSV for Excel in Japan, one way for every export: UTF-8 with a BOM (Excel otherwise reads Shift_JIS and
 * garbles), CRLF, RFC 4180 quoting, and cells Excel would run as formulas (first character = + - @ tab CR,
 * or their full-width forms) prefixed with ' — the rule of csv-stringify's `escape_formulas`, which
 * domain/sheet-cells.ts undoes on import. Written by hand because the national export writes every
 * milestone of the country per request: a line here costs far less than a stream write per record.
 */
import { Readable } from 'node:stream';

export const CSV_BOM = '\uFEFF';

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | null | undefined;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'number') s = String(v); // a negative number is a number, not a formula
  else {
    s = v;
    if (s !== '' && FORMULA_START.has(s[0]!)) s = `'${s}`;
  }
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(cells: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvCell(cells[i]);
  return line + '\r\n';
}

/** A whole CSV document (BOM, header, rows) from rows already in memory. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): Readable {
  let text = CSV_BOM + csvLine(header);
  for (const r of rows) text += csvLine(r);
  return Readable.from([Buffer.from(text, 'utf8')]);
}
