/**
 * Reading the cells of an edited spreadsheet (進捗管理表) the way people fill them in: Excel date cells,
 * dates typed as text (2025-04-01, 2025/4/1, 令和7年4月1日), full-width digits, status by its Japanese
 * label, 年度 as 2025 / 2025年度 / 令和7年度. Every reader returns a value or a Japanese message; nothing
 * here knows about files, requests or the database.
 *
 * A cell arrives as what a reader gives: null/undefined (empty), string, number, boolean or Date (exceljs
 * gives a Date for a number formatted as a date; a Date is a calendar day at 00:00 UTC).
 */
import { formatIsoDate, isValidIsoDate } from './dates.ts';
import { MILESTONE_STATUSES, MILESTONE_STATUS_LABELS, type MilestoneStatus } from './labels.ts';
import { parseWarekiDate, westernYearOf } from './wareki.ts';

export type CellValue = string | number | boolean | Date | null | undefined;
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(message: string): Read<T> => ({ ok: false, message });

/** Full-width digits, letters and punctuation to ASCII (NFKC), trimmed. */
export const normalizeText = (s: string) => s.normalize('NFKC').trim();

/** Whether a cell holds nothing (empty, or only spaces). */
export const isBlank = (v: CellValue) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * The spreadsheet's status list. The app's own label for in_progress is 作業中; the sheet's list says
 * 進行中 (the round-trip contract), and both are read.
 */
export const SHEET_STATUS_LABELS: Record<MilestoneStatus, string> = { ...MILESTONE_STATUS_LABELS, in_progress: '進行中' };
const STATUS_BY_TEXT: ReadonlyMap<string, MilestoneStatus> = new Map([
  ...MILESTONE_STATUSES.map((s) => [SHEET_STATUS_LABELS[s], s] as const),
  ...MILESTONE_STATUSES.map((s) => [MILESTONE_STATUS_LABELS[s], s] as const),
  ...MILESTONE_STATUSES.map((s) => [s, s] as const),
]);

/** Excel's day 0 of the 1900 date system (serial 1 = 1900-01-01, with Lotus' phantom 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Float noise in date serials: a value this close below midnight is read as that midnight. */
const SERIAL_SLACK_MS = 10;

function isoFromUtcDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // The calendar day written in the cell: time of day is dropped, never rounded (15:00 stays that day).
  // exceljs turns a serial into UTC; a value a few ms short of midnight (float serials) is that midnight.
  const rounded = new Date(Math.floor((d.getTime() + SERIAL_SLACK_MS) / 86_400_000) * 86_400_000);
  const iso = formatIsoDate(rounded.getUTCFullYear(), rounded.getUTCMonth() + 1, rounded.getUTCDate());
  return isValidIsoDate(iso) ? iso : null;
}

export const DATE_MESSAGE = '日付が正しくありません。2025/04/01、2025-04-01 または 令和7年4月1日 の形で、実在する日付を入力してください。';

/** A calendar date (YYYY-MM-DD), or null for an empty cell. */
export function readDate(v: CellValue): Read<string | null> {
  if (isBlank(v)) return ok(null);
  if (v instanceof Date) {
    const iso = isoFromUtcDate(v);
    return iso ? ok(iso) : fail(DATE_MESSAGE);
  }
  if (typeof v === 'number') {
    // A date cell that lost its format: Excel's serial day number.
    if (!Number.isFinite(v) || v < 1 || v > 200_000) return fail(DATE_MESSAGE);
    // A date-time serial (45747.625 = 15:00) keeps its day: the fraction is the time of day.
    const iso = isoFromUtcDate(new Date(EXCEL_EPOCH_MS + v * 86_400_000));
    return iso ? ok(iso) : fail(DATE_MESSAGE);
  }
  if (typeof v !== 'string') return fail(DATE_MESSAGE);
  const s = normalizeText(v);
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s);
  if (m) {
    const iso = formatIsoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return isValidIsoDate(iso) ? ok(iso) : fail(DATE_MESSAGE);
  }
  const wareki = parseWarekiDate(s);
  return wareki ? ok(wareki) : fail(DATE_MESSAGE);
}

/** Text as typed (numbers and dates written back as text); empty → ''. */
export function readText(v: CellValue): Read<string> {
  if (isBlank(v)) return ok('');
  if (v instanceof Date) return ok(isoFromUtcDate(v) ?? '');
  if (typeof v === 'string') return ok(undefoFormula(v));
  return ok(String(v));
}

/**
 * Cells written by our CSV export start with a quote when they would look like a formula (=, +, -, @,
 * tab, CR: csv-stringify's escape_formulas); reading them back removes that quote.
 */
function undefoFormula(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/** A positive integer id, or null for an empty cell. */
export function readId(v: CellValue, what: string): Read<number | null> {
  if (isBlank(v)) return ok(null);
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,10}$/.test(normalizeText(v)) ? Number(normalizeText(v)) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 2_147_483_647 ? ok(n) : fail(`${what}は正の整数で入力してください（空欄は新しい行）。`);
}

/** A number (full-width digits, thousands separators and a trailing % are accepted), or null for empty. */
export function readNumber(v: CellValue): Read<number | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : fail('数値が正しくありません。');
  if (typeof v !== 'string') return fail('数値を入力してください。');
  const s = normalizeText(v).replace(/[,\s]/g, '').replace(/%$/, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? ok(Number(s)) : fail(`数値を入力してください（入力: ${v}）。`);
}

/** 2025, '2025', '2025年度', '令和7年度', 'R7' → 2025; null for empty. */
export function readFiscalYear(v: CellValue): Read<number | null> {
  if (isBlank(v)) return ok(null);
  const bad = fail<number | null>('年度は 2025 または 令和7年度 の形で入力してください。');
  if (typeof v === 'number') return Number.isInteger(v) ? ok(v) : bad;
  if (typeof v !== 'string') return bad;
  const s = normalizeText(v).replace(/（.*）$|\(.*\)$/, '');
  const western = /^(\d{4})(?:年度?)?$/.exec(s);
  if (western) return ok(Number(western[1]));
  const era = /^(令和|平成|昭和|[RHSrhs])\s*(元|\d{1,2})(?:年度?)?$/.exec(s);
  if (era) {
    const y = westernYearOf(era[1]!, era[2] === '元' ? 1 : Number(era[2]));
    if (y !== null) return ok(y);
  }
  return bad;
}

/** 0–4: 0 (or 通年 / 年度) is the whole fiscal year; 1–4 (or 第2四半期, Q2) a quarter; null for empty. */
export function readQuarter(v: CellValue): Read<number | null> {
  if (isBlank(v)) return ok(null);
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? normalizeText(v) : '';
  if (/^(通年|年度|年度値)$/.test(s)) return ok(0);
  const m = /^(?:第|Q|q)?([0-4])(?:四半期)?$/.exec(s);
  return m ? ok(Number(m[1])) : fail('四半期は 0（年度値）または 1〜4 で入力してください。');
}

/** A milestone status by its label (未着手 / 進行中 / 完了 / 対象外; 作業中 and the codes too); null for empty. */
export function readStatus(v: CellValue): Read<MilestoneStatus | null> {
  if (isBlank(v)) return ok(null);
  const s = typeof v === 'string' ? normalizeText(v) : String(v);
  const status = STATUS_BY_TEXT.get(s);
  return status
    ? ok(status)
    : fail(`状況「${s}」は使えません。${MILESTONE_STATUSES.map((x) => SHEET_STATUS_LABELS[x]).join('・')} のいずれかを選んでください。`);
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A header as written (trimmed, NFKC, inner spaces removed), to match columns however they were typed. */
export const headerKey = (h: CellValue) => (typeof h === 'string' ? normalizeText(h).replace(/\s+/g, '') : isBlank(h) ? '' : String(h));
