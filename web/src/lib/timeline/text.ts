// Words and numbers of the timeline, item and deadline pages: countdowns, delays, variances, spans.
// Dates are plain 'YYYY-MM-DD' calendar dates in Japan, shown through lib/format.ts; no DOM here (unit-tested).
import { ADHERENCE_LABELS, ITEM_STATUS_LABELS, MILESTONE_STATUS_LABELS } from '$domain/labels.ts';
import { formatDate, formatInteger, PLACEHOLDER } from '../format.ts';
import type { IsoDate, MilestoneAdherence } from '../timeline-types.ts';
import type { ItemStatus } from '../types.ts';
import { daysBetween } from './dates.ts';

/** Cut a label to `max` characters (code points) with '…'; the full text goes to tooltips/tables. */
export function truncateLabel(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** An item's delay: 0 → '遅れなし', 237 → '237日遅れ'. */
export function formatDelayDays(delayDays: number): string {
  if (!Number.isFinite(delayDays) || delayDays <= 0) return '遅れなし';
  return `${formatInteger(delayDays)}日遅れ`;
}

/**
 * An item's variance against its plan. Finished items: finish date vs planned end (the server's
 * delayDays is 0 once done); open items: the server's delayDays (forecast or overdue milestones).
 */
export function itemVariance(item: {
  status: ItemStatus;
  plannedEnd: IsoDate | null;
  actualEnd: IsoDate | null;
  delayDays: number;
}): { days: number; text: string } {
  if (item.status === 'done' && item.actualEnd && item.plannedEnd) {
    const d = daysBetween(item.plannedEnd, item.actualEnd);
    if (d !== null) {
      if (d > 0) return { days: d, text: `${formatInteger(d)}日遅れて完了` };
      if (d < 0) return { days: d, text: `${formatInteger(-d)}日早く完了` };
      return { days: 0, text: ADHERENCE_LABELS.done_on_time };
    }
  }
  if (item.status === 'done') return { days: 0, text: ITEM_STATUS_LABELS.done };
  return { days: Math.max(0, item.delayDays), text: formatDelayDays(item.delayDays) };
}

/** Signed variance for tables: 143 → '+143', -67 → '−67', 0 → '0'. */
export function formatSignedDays(days: number): string {
  if (days > 0) return `+${formatInteger(days)}`;
  if (days < 0) return `−${formatInteger(-days)}`;
  return '0';
}

/** A milestone's variance against its plan, in words. */
export function formatMilestoneVariance(adherence: MilestoneAdherence): string {
  const n = Math.abs(adherence.varianceDays);
  switch (adherence.kind) {
    case 'done_on_time':
      return '予定どおり';
    case 'done_late':
      return `${formatInteger(n)}日遅れて完了`;
    case 'overdue':
      return `予定日から${formatInteger(n)}日超過（未完了）`;
    case 'upcoming':
      return adherence.varianceDays < 0 ? `予定日まであと${formatInteger(n)}日` : '本日が予定日';
    case 'not_applicable':
      return '対象外';
  }
}

/** Marker of a milestone's adherence, shown beside its label (never colour alone). */
export const ADHERENCE_MARKERS: Record<MilestoneAdherence['kind'], string> = {
  done_on_time: '✓',
  done_late: '△',
  overdue: '×',
  upcoming: '…',
  not_applicable: '－',
};

/** 'a〜b' for a date span; an open end reads '作業中'. */
export function formatSpan(start: IsoDate | null, end: IsoDate | null, openEnd = MILESTONE_STATUS_LABELS.in_progress): string {
  if (!start && !end) return PLACEHOLDER;
  return `${formatDate(start)}〜${end ? formatDate(end) : openEnd}`;
}
