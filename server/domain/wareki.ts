/**
 * Japanese era (和暦) labels, computed from a table rather than Intl so the result does not depend
 * on the ICU data of the machine (tests cross-check the table against Intl).
 */
import { isValidIsoDate, parseIsoDate } from './dates.ts';

/** Start dates (first day of year 1). Newest first, so the first era starting on or before a date wins. */
const ERAS: readonly { name: string; start: string }[] = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
  { name: '大正', start: '1912-07-30' },
  // Dates are only valid from 1900 on (see dates.ts), so 明治 just has to cover 1900–1912.
  { name: '明治', start: '1868-10-23' },
];

export type EraYear = { era: string; year: number; label: string };

/** '令和元年' for year 1 (元年 is how the first year is always written), else '令和7年'. */
function eraYearLabel(era: string, year: number): string {
  return `${era}${year === 1 ? '元' : year}年`;
}

/** 2019-04-30 → 平成31年; 2019-05-01 → 令和元年; 1989-01-07 → 昭和64年; 1989-01-08 → 平成元年. */
export function eraOfDate(date: string): EraYear {
  const { year } = parseIsoDate(date);
  // Valid ISO dates compare correctly as strings.
  const era = ERAS.find((e) => e.start <= date);
  if (!era) throw new RangeError(`No era known for ${date}`);
  const eraYear = year - Number(era.start.slice(0, 4)) + 1;
  return { era: era.name, year: eraYear, label: eraYearLabel(era.name, eraYear) };
}

/** '令和元年5月1日' */
export function formatWarekiDate(date: string): string {
  const { month, day } = parseIsoDate(date);
  return `${eraOfDate(date).label}${month}月${day}日`;
}

/**
 * The one date style of council documents (PDF and Excel, issue 15): 和暦 with the Western year in
 * parentheses, as municipal documents write it: '令和8年（2026年）9月30日', '令和元年（2019年）5月1日'.
 */
export function formatOfficialDate(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  return `${eraOfDate(date).label}（${year}年）${month}月${day}日`;
}

/** Excel's era format ([$-411] Japanese calendar codes: ggg era, e era year), read alike by LibreOffice. */
const EXCEL_ERA_DATE = '[$-411]ggge"年（"yyyy"年）"m"月"d"日"';

/**
 * The number format that shows a date cell as formatOfficialDate writes it, the cell staying a real date
 * (sortable, filterable). Excel and LibreOffice write the first year of an era as 1 (令和1年), so a date
 * in a 元年 gets the era year as literal text instead.
 */
export function officialDateNumFmt(date: string | null): string {
  if (date && isValidIsoDate(date)) {
    const e = eraOfDate(date);
    if (e.year === 1) return `"${e.era}元年（"yyyy"年）"m"月"d"日"`;
  }
  return EXCEL_ERA_DATE;
}

/**
 * POLICY: a fiscal year is named after the calendar year it starts in, and a calendar year is named by
 * the era in force on its last day (December 31). FY2019 (2019-04-01 .. 2020-03-31) began under 平成
 * but the government named the budget year 令和元年度, and documents write it so; likewise FY1988 is
 * 昭和63年度 and FY1989 平成元年度. Always shown next to the Western year (fiscalYearLabel), so the
 * reader is never left to convert.
 */
export function fiscalYearWareki(fy: number): string {
  return `${eraOfDate(`${fy}-12-31`).label}度`;
}

/** '2025年度（令和7年度）' with full-width parentheses. */
export function fiscalYearLabel(fy: number): string {
  return `${fy}年度（${fiscalYearWareki(fy)}）`;
}

/** A plan period: '2022年度（令和4年度）〜2025年度（令和7年度）'. */
export function planPeriodLabel(startFiscalYear: number, endFiscalYear: number): string {
  return `${fiscalYearLabel(startFiscalYear)}〜${fiscalYearLabel(endFiscalYear)}`;
}

/** Era names and their one-letter abbreviations (R7.4.1), for reading dates people type. */
const ERA_ABBREVIATIONS: Readonly<Record<string, string>> = { R: '令和', H: '平成', S: '昭和', T: '大正', M: '明治' };

/**
 * The Western year of an era year ('令和', 7 → 2025; 元年 is 1), or null for an unknown era or a year
 * the era never reached (令和 from 2019; 平成31 is the last year of 平成).
 */
export function westernYearOf(era: string, eraYear: number): number | null {
  const name = ERA_ABBREVIATIONS[era.toUpperCase()] ?? era;
  const index = ERAS.findIndex((e) => e.name === name);
  if (index < 0 || !Number.isInteger(eraYear) || eraYear < 1) return null;
  const start = Number(ERAS[index]!.start.slice(0, 4));
  const year = start + eraYear - 1;
  // The next era (newer, index - 1) begins in the year this one ends: a later year is not in this era.
  const next = ERAS[index - 1];
  if (next && year > Number(next.start.slice(0, 4))) return null;
  return year;
}

/**
 * '令和7年4月1日', '令和元年5月1日', 'R7.4.1', 'R7/4/1' → '2025-04-01'; also with the Western year in
 * parentheses as formatOfficialDate writes it ('令和7年（2025年）4月1日', '令和7年4月1日（2025年）'), which
 * must then agree. Null when the text is not a 和暦 date, the date does not exist, or it falls outside
 * the era (平成31年5月1日 is 令和元年5月1日).
 */
export function parseWarekiDate(text: string): string | null {
  let western: number | null = null;
  const bare = text.replace(/\s*[（(]\s*(\d{4})\s*年?\s*[）)]\s*/, (_, y: string) => {
    western = Number(y);
    return '';
  });
  const m = /^\s*(令和|平成|昭和|大正|明治|[RHSTMrhstm])\s*(元|\d{1,2})\s*(?:年|[./-])\s*(\d{1,2})\s*(?:月|[./-])\s*(\d{1,2})\s*日?\s*$/.exec(bare);
  if (!m) return null;
  const year = westernYearOf(m[1]!, m[2] === '元' ? 1 : Number(m[2]));
  if (year === null || (western !== null && western !== year)) return null;
  const iso = `${String(year).padStart(4, '0')}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}`;
  if (!isValidIsoDate(iso)) return null;
  const era = ERA_ABBREVIATIONS[m[1]!.toUpperCase()] ?? m[1]!;
  return eraOfDate(iso).era === era ? iso : null;
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** '2026-11-20' → '令和8年11月20日（金）': a typed date shown back, so the reader can check the day. */
export function formatWarekiDateWithWeekday(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  return `${formatWarekiDate(date)}（${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]}）`;
}
