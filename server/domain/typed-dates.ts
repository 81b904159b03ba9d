/**
 * Dates as Japanese staff type them in a form: the same reader as the spreadsheet import (sheet-cells `readDate`:
 * 2026-11-20, 2026/11/20, 2026年11月20日, 令和8年11月20日, R8.11.20, full-width digits), shown back in 和暦 with
 * the weekday, and the one message for an actual date in the future (API and browser).
 */
import { compareIsoDates } from './dates.ts';
import { DATE_MESSAGE, readDate } from './sheet-cells.ts';
import { formatWarekiDate, formatWarekiDateWithWeekday } from './wareki.ts';

export type TypedDate = { ok: true; value: string | null; display: string } | { ok: false; message: string };

/** Text typed into a date field → an ISO date (null when empty) and its display, or the import's message. */
export function readTypedDate(text: string): TypedDate {
  // The weekday the field shows back (「令和8年11月20日（金）」) reads as the date itself.
  const r = readDate(text.replace(/\s*[（(][日月火水木金土][）)]\s*$/, ''));
  if (!r.ok) return { ok: false, message: DATE_MESSAGE };
  return { ok: true, value: r.value, display: r.value === null ? '' : formatWarekiDateWithWeekday(r.value) };
}

/** 「実績日（令和8年12月10日）は未来の日付です。今日（令和8年11月23日）以前の日付を入力してください。」, or null. */
export function futureDateMessage(label: string, date: string, today: string): string | null {
  if (compareIsoDates(date, today) <= 0) return null;
  return `${label}（${formatWarekiDate(date)}）は未来の日付です。今日（${formatWarekiDate(today)}）以前の日付を入力してください。`;
}
