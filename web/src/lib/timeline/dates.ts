// Dates on the timeline's time axis: chart positions (local-midnight timestamps), day counts, fiscal-year ticks and the
// range of fiscal years a chart spans. The rules are server/domain/dates.ts and fiscal.ts; here only chart positions
// and null for a date the API should not have sent.
// Dates are plain 'YYYY-MM-DD' calendar dates in Japan, shown through lib/format.ts; no DOM here (unit-tested).
import { daysBetween as domainDaysBetween, isValidIsoDate, parseIsoDateOrNull } from '$domain/dates.ts';
import { fiscalYearOf as domainFiscalYearOf } from '$domain/fiscal.ts';
import { fiscalYearWareki } from '$domain/wareki.ts';
import { formatFiscalYear } from '../format.ts';
import type { DeadlineLine, IsoDate, TimelineRow } from '../timeline-types.ts';

/** Local-midnight timestamp of a 'YYYY-MM-DD' date (for Chart.js time scales), or null. */
export function dateToTime(value: IsoDate | null | undefined): number | null {
  if (!value) return null;
  const p = parseIsoDateOrNull(value);
  return p ? new Date(p.year, p.month - 1, p.day).getTime() : null;
}

/** The calendar date (local time) of a timestamp made by dateToTime: inverse of dateToTime. */
export function timeToDate(time: number): IsoDate {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Whole days from `from` to `to` (positive when `to` is later); null if either is invalid. */
export function daysBetween(from: IsoDate, to: IsoDate): number | null {
  return isValidIsoDate(from) && isValidIsoDate(to) ? domainDaysBetween(from, to) : null;
}

/** Fiscal year (April–March) of a date: '2026-03-31' → 2025, '2026-04-01' → 2026; null if invalid. */
export function fiscalYearOf(value: IsoDate): number | null {
  return isValidIsoDate(value) ? domainFiscalYearOf(value) : null;
}

/** Timestamp of April 1 (local midnight) that starts a fiscal year. */
export function fiscalYearStart(fiscalYear: number): number {
  return new Date(fiscalYear, 3, 1).getTime();
}

export interface FiscalYearTick {
  /** The fiscal year starting at this tick; null for the closing tick after the last year. */
  fiscalYear: number | null;
  /** Local-midnight timestamp of April 1. */
  value: number;
  /** Axis label lines, e.g. ['2025年度', '（令和7年度）']; empty for the closing tick. */
  lines: string[];
  /** Full label, e.g. '2025年度（令和7年度）'. */
  label: string;
}

/**
 * One tick at the start (April 1) of every fiscal year from startFiscalYear to endFiscalYear, plus
 * a closing tick at the end of the last year (unlabelled), so grid lines bound each year.
 */
export function fiscalYearTicks(startFiscalYear: number, endFiscalYear: number): FiscalYearTick[] {
  const ticks: FiscalYearTick[] = [];
  for (let fy = startFiscalYear; fy <= endFiscalYear; fy++) {
    const label = formatFiscalYear(fy);
    ticks.push({
      fiscalYear: fy,
      value: fiscalYearStart(fy),
      lines: label === `${fy}年度` ? [label] : [`${fy}年度`, `（${fiscalYearWareki(fy)}）`],
      label,
    });
  }
  if (endFiscalYear >= startFiscalYear) {
    ticks.push({ fiscalYear: null, value: fiscalYearStart(endFiscalYear + 1), lines: [], label: '' });
  }
  return ticks;
}

/**
 * Fiscal years the chart spans: the server's plan range, widened to every date drawn (planned,
 * actual, milestones, deadlines and extensions, the reference date).
 */
export function timelineFiscalRange(
  range: { startFiscalYear: number; endFiscalYear: number },
  rows: readonly TimelineRow[],
  deadlines: readonly DeadlineLine[],
  asOf: IsoDate,
): { startFiscalYear: number; endFiscalYear: number } {
  let start = range.startFiscalYear;
  let end = range.endFiscalYear;
  const visit = (date: IsoDate | null | undefined) => {
    if (!date) return;
    const fy = fiscalYearOf(date);
    if (fy === null) return;
    if (fy < start) start = fy;
    if (fy > end) end = fy;
  };
  visit(asOf);
  for (const row of rows) {
    visit(row.plannedStart);
    visit(row.plannedEnd);
    visit(row.actualStart);
    visit(row.actualEnd);
    for (const m of row.milestones) {
      visit(m.plannedDate);
      visit(m.actualDate);
    }
  }
  for (const d of deadlines) {
    visit(d.originalDate);
    for (const e of d.extensions) visit(e.date);
  }
  return { startFiscalYear: start, endFiscalYear: end };
}
