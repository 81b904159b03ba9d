/**
 * 報告期限 (issue 20 item 4): each fiscal quarter's word is due by a date HQ sets (by default ten days
 * after the quarter ends). These rules say which quarter's word is asked for on a day, which days count
 * towards it, and on which days reminders go out. Pure functions over YYYY-MM-DD dates in Japan.
 */
import { addDays, compareIsoDates, daysBetween, maxIsoDate } from './dates.ts';
import { fiscalQuarterEnd, fiscalQuarterOf, fiscalQuarterStart, quarterFromIndex, quarterIndex, type FiscalQuarter } from './fiscal.ts';

/** The due date HQ is offered: this many days after the quarter's last day. */
export const DEFAULT_DAYS_AFTER_QUARTER = 10;
/** Officers with unreported items are reminded this many days before the due date. */
export const REMINDER_DAYS_BEFORE: readonly number[] = [7, 1];
/** HQ's summary of who is late goes out on the first day after the due date the mailer runs, within this many days. */
export const HQ_SUMMARY_WITHIN_DAYS = 7;

export const defaultDueDate = (fq: FiscalQuarter, daysAfter = DEFAULT_DAYS_AFTER_QUARTER) => addDays(fiscalQuarterEnd(fq.fiscalYear, fq.quarter), daysAfter);

/** A due date must not fall before the quarter starts (HQ may ask for the word before the quarter ends). */
export function dueDateProblem(fq: FiscalQuarter, dueDate: string): string | null {
  return compareIsoDates(dueDate, fiscalQuarterStart(fq.fiscalYear, fq.quarter)) < 0 ? '報告期限は、その四半期の初日以降の日付にしてください。' : null;
}

/**
 * The days whose changes and 「変更なし」 count as the quarter's word: from its first day to its last day or,
 * when the due date is later, to the due date (what is done in early April counts for January–March).
 */
export function reportingDays(fq: FiscalQuarter, dueDate: string | null): { startDate: string; endDate: string } {
  const end = fiscalQuarterEnd(fq.fiscalYear, fq.quarter);
  return { startDate: fiscalQuarterStart(fq.fiscalYear, fq.quarter), endDate: maxIsoDate(end, dueDate) ?? end };
}

/**
 * The quarter whose word is asked for on `today`: the quarter just ended while its due date has not passed,
 * else the current quarter. `dueOf` gives a quarter's due date (null when HQ set none).
 */
export function reportingQuarter(today: string, dueOf: (fq: FiscalQuarter) => string | null): { quarter: FiscalQuarter; dueDate: string | null } {
  const current = fiscalQuarterOf(today);
  const previous = quarterFromIndex(quarterIndex(current) - 1);
  const previousDue = dueOf(previous);
  if (previousDue !== null && compareIsoDates(today, previousDue) <= 0) return { quarter: previous, dueDate: previousDue };
  return { quarter: current, dueDate: dueOf(current) };
}

/** Days from today to the due date (0 on the day, negative once it has passed). */
export const daysUntilDue = (today: string, dueDate: string) => daysBetween(today, dueDate);

/** Which reminder, if any, belongs to `today` for a quarter due on `dueDate`. */
export function reminderOn(today: string, dueDate: string): 'due_soon' | 'hq_summary' | null {
  const left = daysUntilDue(today, dueDate);
  if (REMINDER_DAYS_BEFORE.includes(left)) return 'due_soon';
  if (left < 0 && -left <= HQ_SUMMARY_WITHIN_DAYS) return 'hq_summary';
  return null;
}
