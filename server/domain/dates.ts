/**
 * Calendar dates as plain `YYYY-MM-DD` strings.
 *
 * A date here is a day in Japan, not an instant: it never goes through a time zone. Arithmetic uses
 * Date.UTC so the server's own zone (UTC on these machines) can never shift a day. Functions taking a
 * date throw on an invalid one, because a silently wrong day would corrupt every status built on it.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

type Ymd = { year: number; month: number; day: number };

function parse(s: string): Ymd | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one: leap years come for free.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > lastDay) return null;
  return { year, month, day };
}

/** Strict `YYYY-MM-DD`, a real calendar date, year 1900–2200. */
export function isValidIsoDate(s: string): boolean {
  return typeof s === 'string' && parse(s) !== null;
}

/** Splits a date into numbers (month 1–12), or null when it is not a valid date (for text people typed). */
export function parseIsoDateOrNull(s: string): Ymd | null {
  return typeof s === 'string' ? parse(s) : null;
}

/** Splits a valid date into numbers (month 1–12); throws on an invalid one. */
export function parseIsoDate(s: string): Ymd {
  const ymd = parse(s);
  if (!ymd) throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${JSON.stringify(s)}`);
  return ymd;
}

function toUtcMs(s: string): number {
  const { year, month, day } = parseIsoDate(s);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Builds `YYYY-MM-DD` from numbers (month 1–12), without validating. */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** '2026-03-31' → '2026年3月31日', the way dates read in Japanese sentences (reasons, summaries). */
export function formatJapaneseDate(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  return `${year}年${month}月${day}日`;
}

/** `to` minus `from` in whole days (2025-03-31 → 2025-04-01 = 1; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs whole days, got ${days}`);
  return fromUtcMs(toUtcMs(date) + days * MS_PER_DAY);
}

/** -1, 0 or 1. Valid ISO dates sort as strings, but validating here catches bad input early. */
export function compareIsoDates(a: string, b: string): number {
  const d = toUtcMs(a) - toUtcMs(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

function pick(dates: (string | null | undefined)[], sign: 1 | -1): string | null {
  let best: string | null = null;
  for (const d of dates) {
    if (d == null) continue;
    if (best === null || compareIsoDates(d, best) * sign > 0) best = d;
  }
  return best;
}

/** Latest of the given dates, skipping null/undefined; null when none is given. */
export function maxIsoDate(...dates: (string | null | undefined)[]): string | null {
  return pick(dates, 1);
}

/** Earliest of the given dates, skipping null/undefined; null when none is given. */
export function minIsoDate(...dates: (string | null | undefined)[]): string | null {
  return pick(dates, -1);
}

/**
 * The calendar date in Japan at `now`. The only place an instant becomes a date: rules never call
 * it themselves, they receive `today` so they stay testable.
 */
export function todayInJapan(now: Date = new Date()): string {
  // Japan Standard Time is UTC+9 all year (no daylight saving since 1951): plain arithmetic, called on
  // every request, instead of Intl's formatToParts.
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The last instant of a calendar day in Japan, as the ISO-8601 UTC text history is stamped with
 * (`2021-06-30` → `2021-06-30T14:59:59.999Z`): "as known at the end of day D".
 */
export function endOfJapanDay(date: string): string {
  parseIsoDate(date);
  return `${date}T14:59:59.999Z`;
}
