/**
 * Japanese fiscal years (年度): April 1 .. March 31, named by the calendar year they start in.
 * Q1 Apr–Jun, Q2 Jul–Sep, Q3 Oct–Dec, Q4 Jan–Mar of the next calendar year.
 */
import { addDays, compareIsoDates, formatIsoDate, parseIsoDate } from './dates.ts';

export type Quarter = 1 | 2 | 3 | 4;
export type FiscalQuarter = { fiscalYear: number; quarter: Quarter };

/** 2026-03-31 → 2025, 2026-04-01 → 2026. */
export function fiscalYearOf(date: string): number {
  const { year, month } = parseIsoDate(date);
  return month >= 4 ? year : year - 1;
}

/** 2026-01-15 → FY2025 Q4. */
export function fiscalQuarterOf(date: string): FiscalQuarter {
  const { month } = parseIsoDate(date);
  // Months since April: Apr = 0 .. Mar = 11, so three months per quarter.
  const monthsIntoYear = (month + 8) % 12;
  return { fiscalYear: fiscalYearOf(date), quarter: (Math.floor(monthsIntoYear / 3) + 1) as Quarter };
}

export function fiscalYearStart(fy: number): string {
  return formatIsoDate(fy, 4, 1);
}

export function fiscalYearEnd(fy: number): string {
  return formatIsoDate(fy + 1, 3, 31);
}

function assertQuarter(q: number): asserts q is Quarter {
  if (q !== 1 && q !== 2 && q !== 3 && q !== 4) throw new RangeError(`Invalid quarter: ${q}`);
}

export function fiscalQuarterStart(fy: number, q: Quarter): string {
  assertQuarter(q);
  // Q4 starts in January of the *next* calendar year.
  return q === 4 ? formatIsoDate(fy + 1, 1, 1) : formatIsoDate(fy, 4 + (q - 1) * 3, 1);
}

/** The day before the next quarter starts (FY2025 Q3 → 2025-12-31, Q4 → 2026-03-31). */
export function fiscalQuarterEnd(fy: number, q: Quarter): string {
  assertQuarter(q);
  const next = quarterFromIndex(quarterIndex({ fiscalYear: fy, quarter: q }) + 1);
  return addDays(fiscalQuarterStart(next.fiscalYear, next.quarter), -1);
}

/** A single integer per quarter so ranges and distances are plain arithmetic. */
export function quarterIndex(fq: FiscalQuarter): number {
  return fq.fiscalYear * 4 + fq.quarter - 1;
}

export function quarterFromIndex(i: number): FiscalQuarter {
  if (!Number.isInteger(i)) throw new RangeError(`Invalid quarter index: ${i}`);
  const fiscalYear = Math.floor(i / 4);
  return { fiscalYear, quarter: (i - fiscalYear * 4 + 1) as Quarter };
}

/** Every quarter from `from` to `to`, both included; empty when `from` is after `to`. */
export function fiscalQuartersBetween(from: FiscalQuarter, to: FiscalQuarter): FiscalQuarter[] {
  const result: FiscalQuarter[] = [];
  for (let i = quarterIndex(from); i <= quarterIndex(to); i++) result.push(quarterFromIndex(i));
  return result;
}

/**
 * A quarter has ended — and can be closed (四半期の締め) — from the day after its last day:
 * FY2026 Q2 ends on 2026-09-30, so it has ended on 2026-10-01, not on 2026-09-30.
 */
export function quarterHasEnded(fq: FiscalQuarter, today: string): boolean {
  return compareIsoDates(today, fiscalQuarterEnd(fq.fiscalYear, fq.quarter)) > 0;
}

/** The quarters that have ended by `today`, newest first: the one before today's, and `count - 1` before it. */
export function endedQuarters(today: string, count: number): FiscalQuarter[] {
  const last = quarterIndex(fiscalQuarterOf(today)) - 1;
  return Array.from({ length: count }, (_, i) => quarterFromIndex(last - i));
}

/** '2025年度 第1四半期' */
export function fiscalQuarterLabel(fq: FiscalQuarter): string {
  return `${fq.fiscalYear}年度 第${fq.quarter}四半期`;
}

/** '2025年度Q1' (charts and narrow table headers) */
export function fiscalQuarterShortLabel(fq: FiscalQuarter): string {
  return `${fq.fiscalYear}年度Q${fq.quarter}`;
}
