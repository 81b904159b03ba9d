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

/** Characters after which a label may break onto the next line (Japanese punctuation, closing brackets, a space). */
const BREAK_AFTER = new Set([...'、。，・：:；;）)」』】〕］] 　']);
/** Characters a line must not start with (they stay on the line before). */
const NO_LINE_START = new Set([...'、。，・：:；;）)」』】〕］]']);
/** Characters a line may start with when broken before them (opening brackets). */
const BREAK_BEFORE = new Set([...'（(「『【〔［[']);

/**
 * A label broken onto at most `maxLines` lines of at most `perLine` characters (code points), never cut while it
 * fits: a line breaks after punctuation or a space, or before an opening bracket, when one falls in its second half,
 * else at `perLine`; a line never starts with closing punctuation. Only a text longer than the lines can hold ends
 * in '…' (on its last line). The same rule as the council PDF's Gantt labels (wrap, do not cut), by characters
 * because a chart axis has no text measurement before it is drawn.
 */
export function wrapLabel(text: string, perLine: number, maxLines: number): string[] {
  const chars = Array.from(text.trim());
  const width = Math.max(1, Math.floor(perLine));
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length && lines.length < maxLines) {
    const rest = chars.length - start;
    if (rest <= width) {
      lines.push(chars.slice(start).join(''));
      start = chars.length;
      break;
    }
    let end = start + width;
    for (let b = start + width; b > start + Math.ceil(width / 2); b--) {
      if (BREAK_AFTER.has(chars[b - 1]!) || BREAK_BEFORE.has(chars[b]!)) {
        end = b;
        break;
      }
    }
    if (NO_LINE_START.has(chars[end]!) && end - start > 1) end -= 1;
    lines.push(chars.slice(start, end).join('').trimEnd());
    start = end;
    while (chars[start] === ' ' || chars[start] === '　') start++;
  }
  if (start < chars.length) {
    const last = Array.from(lines[lines.length - 1] ?? '');
    lines[lines.length - 1] = `${last.slice(0, Math.max(1, Math.min(last.length, width - 1))).join('')}…`;
  }
  return lines;
}

/** Whether `text` fits whole on `maxLines` lines of `perLine` characters (wrapLabel does not cut it). */
export function labelFits(text: string, perLine: number, maxLines: number): boolean {
  const lines = wrapLabel(text, perLine, maxLines);
  return !lines[lines.length - 1]!.endsWith('…') || text.trim().endsWith('…');
}

/**
 * Characters per line of a column of labels: the narrowest of `minPerLine`..`maxPerLine` that holds every label
 * whole on `maxLines` lines (a label column is as wide as its longest line), else `maxPerLine`.
 */
export function labelColumnChars(texts: readonly string[], minPerLine: number, maxPerLine: number, maxLines: number): number {
  for (let perLine = minPerLine; perLine < maxPerLine; perLine++) {
    if (texts.every((t) => labelFits(t, perLine, maxLines))) return perLine;
  }
  return maxPerLine;
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
