// The timeline as a table (「表で見る」) and its text summary.
// Dates are plain 'YYYY-MM-DD' calendar dates in Japan, shown through lib/format.ts; no DOM here (unit-tested).
import { showsVariance } from '$domain/adherence.ts';
import { MILESTONE_STATUS_LABELS } from '$domain/labels.ts';
import { formatDate, PLACEHOLDER, STATUS_INFO } from '../format.ts';
import type { AssessedMilestone, DeadlineLine, IsoDate, MilestoneAdherence } from '../timeline-types.ts';
import type { ItemStatus } from '../types.ts';
import { ADHERENCE_MARKERS, formatDelayDays, formatMilestoneVariance, formatSignedDays, itemVariance } from './text.ts';
import { type DisplayRow, STATUS_ORDER } from './filters.ts';
import { deadlineOutcome } from './deadlines.ts';
import { formatBaselineVariance } from './chart.ts';
import { NOT_IN_BASELINE_LABEL } from '$domain/baseline.ts';

export interface TimelineTableLine {
  key: string;
  kind: 'item' | 'milestone';
  itemId: number;
  /** Indentation level (items: displayDepth; milestones: one deeper than their item). */
  depth: number;
  title: string;
  sectionName: string;
  status: ItemStatus | null;
  /** Milestones: adherence marker + label, e.g. '△ 遅れて完了'. */
  statusText: string;
  /** Milestones not done: their progress (作業中・未着手); '' otherwise. */
  progress: string;
  adherence: MilestoneAdherence['kind'] | null;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  /** Variance in days (signed: + late, − days left) and in words. */
  varianceDays: string;
  varianceText: string;
  /** Items answering to a national deadline: effective date, the original one when extended, days left. */
  deadline: { date: string; original: string | null; days: string } | null;
  /** The baseline's planned end and 差異 against it ('基準計画になし' for milestones added later; '' without a baseline). */
  baselineEnd: string;
  baselineVariance: string;
}

/** The timeline as table lines: each item followed by its milestones (対象外 included, labelled). */
export function timelineTableLines(rows: readonly DisplayRow[], hasBaseline = false): TimelineTableLine[] {
  const lines: TimelineTableLine[] = [];
  for (const row of rows) {
    const d = row.deadline;
    lines.push({
      key: `item-${row.itemId}`,
      kind: 'item',
      itemId: row.itemId,
      depth: row.displayDepth,
      title: row.title,
      sectionName: row.sectionName,
      status: row.status,
      statusText: `${STATUS_INFO[row.status].marker} ${row.statusLabel}`,
      adherence: null,
      plannedStart: formatDate(row.plannedStart),
      plannedEnd: formatDate(row.plannedEnd),
      actualStart: row.actualStart ? formatDate(row.actualStart) : MILESTONE_STATUS_LABELS.not_started,
      actualEnd: row.actualEnd ? formatDate(row.actualEnd) : row.actualStart ? MILESTONE_STATUS_LABELS.in_progress : PLACEHOLDER,
      varianceDays: formatSignedDays(itemVariance(row).days),
      varianceText: itemVariance(row).text,
      progress: '',
      baselineEnd: hasBaseline ? (row.baselineEnd ? formatDate(row.baselineEnd) : PLACEHOLDER) : '',
      baselineVariance: '',
      deadline: d
        ? {
            date: formatDate(d.effectiveDate),
            original: d.extended ? formatDate(d.originalDate) : null,
            days: deadlineOutcome(row.status === 'done' ? row.actualEnd : null, d.effectiveDate, d.daysLeft),
          }
        : null,
    });
    for (const m of row.milestones) {
      lines.push({
        key: `milestone-${row.itemId}-${m.id}`,
        kind: 'milestone',
        itemId: row.itemId,
        depth: row.displayDepth + 1,
        title: m.title,
        sectionName: '',
        status: null,
        statusText: `${ADHERENCE_MARKERS[m.adherence.kind]} ${m.adherence.label}`,
        progress: m.status === 'done' || m.status === 'not_applicable' ? '' : m.statusLabel,
        adherence: m.adherence.kind,
        plannedStart: formatDate(m.plannedStartDate),
        plannedEnd: formatDate(m.plannedDate),
        actualStart: formatDate(m.actualStartDate),
        actualEnd: m.actualDate ? formatDate(m.actualDate) : PLACEHOLDER,
        varianceDays: showsVariance(m.adherence.kind) ? formatSignedDays(m.adherence.varianceDays) : PLACEHOLDER,
        varianceText: formatMilestoneVariance(m.adherence),
        baselineEnd: !hasBaseline ? '' : m.baseline ? formatDate(m.baseline.plannedDate) : NOT_IN_BASELINE_LABEL,
        baselineVariance: hasBaseline && m.baseline ? formatBaselineVariance(m.baseline.varianceDays) : '',
        // The national deadline this milestone answers (deadlines sit on milestones).
        deadline: m.deadline
          ? {
              date: formatDate(m.deadline.effectiveDate),
              original: m.deadline.extended ? formatDate(m.deadline.originalDate) : null,
              days: deadlineOutcome(m.status === 'done' ? m.actualDate : null, m.deadline.effectiveDate, m.deadline.daysLeft),
            }
          : null,
      });
    }
  }
  return lines;
}

/** A milestone's state: '✓ 予定どおり完了', '× 期限超過（未完了）・作業中', '… 予定・未着手'. */
export function milestoneStatusText(m: AssessedMilestone): string {
  const base = `${ADHERENCE_MARKERS[m.adherence.kind]} ${m.adherence.label}`;
  return m.status === 'done' || m.status === 'not_applicable' ? base : `${base}・${m.statusLabel}`;
}

/** The chart in words (canvas aria-label and the visible summary). */
export function timelineSummary(input: {
  rows: readonly DisplayRow[];
  total: number;
  asOf: IsoDate;
  deadlines: readonly DeadlineLine[];
  filterText?: string;
}): string {
  const { rows, total, asOf } = input;
  if (rows.length === 0) {
    return input.filterText ? `${input.filterText}に合う取組はありません（全${total}件）。` : '取組はありません。';
  }
  const counts = STATUS_ORDER.map((s) => [s, rows.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${STATUS_INFO[s].label}${n}件`);
  const scope = input.filterText ? `${input.filterText}の取組${rows.length}件（全${total}件中）` : `取組${rows.length}件`;
  const open = rows.filter((r) => r.actualOpen).length;
  const late = rows.filter((r) => r.delayDays > 0).sort((a, b) => b.delayDays - a.delayDays);
  const parts = [`基準日${formatDate(asOf)}時点の工程表。${scope}：${counts.join('、')}。`];
  if (open > 0) parts.push(`作業中${open}件。`);
  if (late[0]) parts.push(`最も遅れているのは「${late[0].title}」（${formatDelayDays(late[0].delayDays)}）。`);
  const dates = [...new Set(input.deadlines.map((d) => d.originalDate))].sort();
  if (dates.length > 0) parts.push(`国の期限：${dates.map((d) => formatDate(d)).join('、')}。`);
  const ext = input.deadlines.flatMap((d) => d.extensions.map((e) => e.date));
  if (ext.length > 0) parts.push(`延長後の期限：${[...new Set(ext)].sort().map((d) => formatDate(d)).join('、')}。`);
  return parts.join('');
}
