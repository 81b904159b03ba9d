// Pure data shaping for the timeline (工程表), item detail (取組詳細) and national deadline (国の期限)
// pages: dates → chart positions, fiscal-year ticks, filters, Chart.js configurations, text
// summaries. No DOM, no Chart.js runtime (types only), so everything here is unit-tested.
//
// Dates are plain 'YYYY-MM-DD' calendar dates in Japan. Chart positions are *local-midnight*
// timestamps built from the parts (`new Date(y, m - 1, d)`), so a date is drawn on its own day
// whatever the browser's time zone; day counts use UTC arithmetic on the parts. Dates shown to
// users always go through lib/format.ts (from the parts), never through `new Date('YYYY-MM-DD')`.
import type { AnnotationOptions, ChartConfiguration, TooltipItem } from './chart.ts';
import {
  formatDate,
  formatFiscalYear,
  formatInteger,
  japaneseFiscalYear,
  parseIsoDate,
  PLACEHOLDER,
  STATUS_INFO,
} from './format.ts';
import type {
  AssessedMilestone,
  CategoryInfo,
  DatePrecision,
  DeadlineLine,
  FactSource,
  IsoDate,
  MilestoneAdherence,
  SectionInfo,
  TimelineRow,
} from './timeline-types.ts';
import { ITEM_STATUSES, type ItemStatus } from './types.ts';
import { ITEM_STATUSES as ITEM_STATUSES_WORST_FIRST } from '../../../server/domain/labels.ts';
import { showsVariance } from '../../../server/domain/adherence.ts';

/** Item statuses worst first (the server's one order, server/domain/labels.ts): for selects, counts and summaries. */
export const STATUS_ORDER: readonly ItemStatus[] = ITEM_STATUSES_WORST_FIRST;

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;

/** Local-midnight timestamp of a 'YYYY-MM-DD' date (for Chart.js time scales), or null. */
export function dateToTime(value: IsoDate | null | undefined): number | null {
  if (!value) return null;
  const p = parseIsoDate(value);
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
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return null;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** Fiscal year (April–March) of a date: '2026-03-31' → 2025, '2026-04-01' → 2026. */
export function fiscalYearOf(value: IsoDate): number | null {
  const p = parseIsoDate(value);
  if (!p) return null;
  return p.month >= 4 ? p.year : p.year - 1;
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
    const era = japaneseFiscalYear(fy);
    ticks.push({
      fiscalYear: fy,
      value: fiscalYearStart(fy),
      lines: era ? [`${fy}年度`, `（${era}）`] : [`${fy}年度`],
      label: formatFiscalYear(fy),
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

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Cut a label to `max` characters (code points) with '…'; the full text goes to tooltips/tables. */
export function truncateLabel(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Deadline state in words: 'あと12日', '本日が期限', '期限超過（3日）'. */
export function formatDeadlineDays(daysLeft: number | null | undefined): string {
  if (daysLeft === null || daysLeft === undefined || !Number.isFinite(daysLeft)) return PLACEHOLDER;
  if (daysLeft > 0) return `あと${formatInteger(daysLeft)}日`;
  if (daysLeft === 0) return '本日が期限';
  return `期限超過（${formatInteger(-daysLeft)}日）`;
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
      return { days: 0, text: '予定どおり完了' };
    }
  }
  if (item.status === 'done') return { days: 0, text: '完了' };
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
export function formatSpan(start: IsoDate | null, end: IsoDate | null, openEnd = '作業中'): string {
  if (!start && !end) return PLACEHOLDER;
  return `${formatDate(start)}〜${end ? formatDate(end) : openEnd}`;
}

// ---------------------------------------------------------------------------------------------
// Filters (state in the URL query: ?category=&section=&status=)

export interface TimelineFilter {
  category: number | null;
  section: number | null;
  status: ItemStatus | null;
}

export const EMPTY_FILTER: TimelineFilter = { category: null, section: null, status: null };

function positiveInt(value: string | null): number | null {
  return value !== null && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}

/** Read the filter from a query string; unknown or malformed values are ignored. */
export function parseTimelineFilter(query: URLSearchParams): TimelineFilter {
  const status = query.get('status');
  return {
    category: positiveInt(query.get('category')),
    section: positiveInt(query.get('section')),
    status: status !== null && (ITEM_STATUSES as readonly string[]).includes(status) ? (status as ItemStatus) : null,
  };
}

/**
 * Write the filter into a query string, keeping any other parameters: '' when nothing is left,
 * otherwise '?category=1&status=delayed'.
 */
export function timelineFilterSearch(filter: TimelineFilter, base: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams(base);
  const set = (key: string, value: string | number | null) => {
    if (value === null) params.delete(key);
    else params.set(key, String(value));
  };
  set('category', filter.category);
  set('section', filter.section);
  set('status', filter.status);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export function isFilterActive(filter: TimelineFilter): boolean {
  return filter.category !== null || filter.section !== null || filter.status !== null;
}

/** A timeline row as drawn: depth counts only the ancestors that are still shown. */
export interface DisplayRow extends TimelineRow {
  displayDepth: number;
  /** True while the item is not finished: its actual bar runs to the reference date. */
  actualOpen: boolean;
}

/** Keep the rows matching every set criterion, in plan order (parents before children). */
export function filterTimelineRows(rows: readonly TimelineRow[], filter: TimelineFilter): DisplayRow[] {
  const kept = rows.filter(
    (r) =>
      (filter.category === null || r.categoryId === filter.category) &&
      (filter.section === null || r.sectionId === filter.section) &&
      (filter.status === null || r.status === filter.status),
  );
  const byId = new Map(rows.map((r) => [r.itemId, r]));
  const shown = new Set(kept.map((r) => r.itemId));
  return kept.map((row) => {
    let depth = 0;
    let parentId = row.parentId;
    const seen = new Set<number>([row.itemId]);
    while (parentId !== null && !seen.has(parentId)) {
      seen.add(parentId);
      if (shown.has(parentId)) depth += 1;
      parentId = byId.get(parentId)?.parentId ?? null;
    }
    return { ...row, displayDepth: depth, actualOpen: row.actualStart !== null && row.actualEnd === null };
  });
}

export interface FilterOption<V> {
  value: V;
  label: string;
  /** Rows with this value in the whole (unfiltered) timeline. */
  count: number;
}

export interface TimelineFilterOptions {
  categories: FilterOption<number>[];
  sections: FilterOption<number>[];
  statuses: FilterOption<ItemStatus>[];
}

/**
 * Choices for the three selects. Categories and sections come from the reference lists (in
 * their order) when given, else from the rows; values used by rows but missing from the lists
 * are appended, so a shared link never points at an option that is not there.
 */
export function timelineFilterOptions(
  rows: readonly TimelineRow[],
  categories: readonly CategoryInfo[] = [],
  sections: readonly SectionInfo[] = [],
): TimelineFilterOptions {
  const count = <K>(key: (r: TimelineRow) => K) => {
    const m = new Map<K, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const catCounts = count((r) => r.categoryId);
  const secCounts = count((r) => r.sectionId);
  const statusCounts = count((r) => r.status);

  const cats: FilterOption<number>[] = [...categories]
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
    .map((c) => ({ value: c.id, label: c.name, count: catCounts.get(c.id) ?? 0 }));
  const secs: FilterOption<number>[] = sections.map((s) => ({ value: s.id, label: s.name, count: secCounts.get(s.id) ?? 0 }));
  for (const r of rows) {
    if (!cats.some((c) => c.value === r.categoryId)) {
      cats.push({ value: r.categoryId, label: r.categoryName, count: catCounts.get(r.categoryId) ?? 0 });
    }
    if (!secs.some((s) => s.value === r.sectionId)) {
      secs.push({ value: r.sectionId, label: r.sectionName, count: secCounts.get(r.sectionId) ?? 0 });
    }
  }
  const statuses = STATUS_ORDER.map((s) => ({ value: s, label: STATUS_INFO[s].label, count: statusCounts.get(s) ?? 0 }));
  return { categories: cats, sections: secs, statuses };
}

/** The chosen filter in words, for the summary: '分野「AI・RPA」、状況「遅延」'. */
export function describeFilter(filter: TimelineFilter, options: TimelineFilterOptions): string {
  const parts: string[] = [];
  const name = <V>(list: FilterOption<V>[], value: V) => list.find((o) => o.value === value)?.label ?? String(value);
  if (filter.category !== null) parts.push(`分野「${name(options.categories, filter.category)}」`);
  if (filter.section !== null) parts.push(`担当課「${name(options.sections, filter.section)}」`);
  if (filter.status !== null) parts.push(`状況「${STATUS_INFO[filter.status].label}」`);
  return parts.join('、');
}

// ---------------------------------------------------------------------------------------------
// Timeline chart (Gantt-like horizontal floating bars on a time scale)

/** Pixel height of one row; the chart grows with the number of rows. */
export const TIMELINE_ROW_HEIGHT = 32;
/** Characters of a title shown on the axis (full title in the tooltip and the table). */
export const TIMELINE_LABEL_CHARS = 16;
/** Pixels reserved for the axis, the label row above the rows and the one below. */
const TIMELINE_CHROME_HEIGHT = 64;

/** Colours: text-like marks ≥ 4.5:1 and fills/lines ≥ 3:1 against white. */
export const TIMELINE_COLORS = {
  plannedFill: 'rgba(74, 83, 96, 0.14)',
  plannedBorder: '#4a5360',
  actual: {
    done: '#1d6b34',
    done_late: '#3b3f8f',
    on_track: '#1a5293',
    not_planned: '#5b2c83',
    start_late: '#6b4f00',
    delayed: '#8a4500',
    at_risk: '#a3141a',
    past_deadline: '#6e0b10',
    not_applicable: '#4a4f55',
  } satisfies Record<ItemStatus, string>,
  milestonePlanned: '#1b1f24',
  milestoneActual: '#1b1f24',
  milestoneOverdue: '#a3141a',
  deadline: '#a3141a',
  extension: '#8a4500',
  asOf: '#0b5cad',
} as const;

/** Axis label of a row: status marker, indentation by depth, truncated title. */
export function rowAxisLabel(row: DisplayRow, maxChars = TIMELINE_LABEL_CHARS): string {
  const indent = row.displayDepth > 0 ? `${'　'.repeat(row.displayDepth - 1)}└ ` : '';
  return `${STATUS_INFO[row.status].marker} ${indent}${truncateLabel(row.title, maxChars)}`;
}

/** Title characters on the axis for a chart this many pixels wide (6..TIMELINE_LABEL_CHARS). */
export function rowLabelChars(chartWidth: number): number {
  if (!Number.isFinite(chartWidth) || chartWidth <= 0) return TIMELINE_LABEL_CHARS;
  return Math.max(6, Math.min(TIMELINE_LABEL_CHARS, Math.floor((chartWidth * 0.3) / 12) - 3));
}

export function timelineChartHeight(rowCount: number): number {
  return Math.max(1, rowCount + 2) * TIMELINE_ROW_HEIGHT + TIMELINE_CHROME_HEIGHT;
}

/** A milestone drawn as a point: x = date, y = row index (fractional: on its bar). */
export interface MilestonePoint {
  x: number;
  y: number;
  rowIndex: number;
  milestone: AssessedMilestone;
}

/** A vertical marker line: a national deadline, an extension, or the reference date. */
export interface TimelineMarker {
  kind: 'deadline' | 'extension' | 'asOf';
  date: IsoDate;
  /** Short text drawn beside the line. */
  label: string;
  /** What the line stands for, in full (for legends and summaries). */
  description: string;
}

/**
 * Vertical lines: one per distinct original deadline date, one per distinct extension date
 * (「延長」, dashed), and the reference date (基準日). Lines on the same date are merged.
 */
export function timelineMarkers(deadlines: readonly DeadlineLine[], asOf: IsoDate): TimelineMarker[] {
  const originals = new Map<IsoDate, string[]>();
  const extensions = new Map<IsoDate, string[]>();
  for (const d of deadlines) {
    originals.set(d.originalDate, [...(originals.get(d.originalDate) ?? []), d.title]);
    for (const e of d.extensions) {
      const what =
        e.scope === 'item' && e.itemTitle
          ? `${d.title}（取組「${e.itemTitle}」）`
          : e.scope === 'area'
            ? `${d.title}（業務「${e.areaName ?? '—'}」のシステム）`
            : `${d.title}（団体全体）`;
      extensions.set(e.date, [...(extensions.get(e.date) ?? []), what]);
    }
  }
  const markers: TimelineMarker[] = [];
  for (const [date, titles] of [...originals].sort(([a], [b]) => a.localeCompare(b))) {
    markers.push({
      kind: 'deadline',
      date,
      label: '国の期限',
      description: `国の期限 ${formatDate(date)}：${titles.join('、')}`,
    });
  }
  for (const [date, titles] of [...extensions].sort(([a], [b]) => a.localeCompare(b))) {
    markers.push({
      kind: 'extension',
      date,
      label: '延長',
      description: `延長後の期限 ${formatDate(date)}：${titles.join('、')}`,
    });
  }
  markers.push({ kind: 'asOf', date: asOf, label: '基準日', description: `基準日 ${formatDate(asOf)}` });
  return markers;
}

/** Axis label of a fiscal-year tick for the pixels one year gets: two lines, one line, or '25. */
export function fiscalYearTickLabel(lines: string[], pixelsPerYear: number): string | string[] {
  const [western, era] = lines;
  if (!western) return '';
  if (pixelsPerYear >= 76 && era) return [western, era];
  if (pixelsPerYear >= 60) return western;
  return `'${western.slice(2, 4)}`;
}

export interface TimelineChartInput {
  rows: readonly DisplayRow[];
  deadlines: readonly DeadlineLine[];
  asOf: IsoDate;
  range: { startFiscalYear: number; endFiscalYear: number };
}

export interface TimelineChartModel {
  config: ChartConfiguration<'bar' | 'line'>;
  height: number;
  /** Fiscal years on the axis (for a minimum width). */
  fiscalYearCount: number;
  markers: TimelineMarker[];
  ticks: FiscalYearTick[];
}

/**
 * Y position of planned (upper) and actual (lower) bars inside a row, in category units. Chart.js
 * places grouped bars by dataset `order`: 計画 has order 1 (upper half), 実績 order 2 (lower half).
 */
const PLANNED_OFFSET = -0.2;
const ACTUAL_OFFSET = 0.2;

function spanTooltip(row: DisplayRow, asOf: IsoDate, which: 'planned' | 'actual'): string {
  if (which === 'planned') return `計画：${formatSpan(row.plannedStart, row.plannedEnd, PLACEHOLDER)}`;
  if (!row.actualStart) return '実績：未着手';
  return `実績：${formatSpan(row.actualStart, row.actualEnd, `作業中（基準日 ${formatDate(asOf)} まで表示）`)}`;
}

/** Tooltip lines of a milestone point. */
export function milestoneTooltipLines(m: AssessedMilestone): string[] {
  return [
    `予定：${m.plannedStartDate ? formatSpan(m.plannedStartDate, m.plannedDate) : formatDate(m.plannedDate)}`,
    `実績：${m.actualDate ? formatDate(m.actualDate) : `未完了（${m.statusLabel}）`}`,
    `差異：${formatMilestoneVariance(m.adherence)}`,
  ];
}

/** Index of an axis row; rows start at 1 (row 0 is the label band for deadline lines). */
const rowPosition = (index: number) => index + 1;

export function buildTimelineChart(input: TimelineChartInput): TimelineChartModel {
  const { rows, deadlines, asOf } = input;
  const fy = timelineFiscalRange(input.range, rows, deadlines, asOf);
  const ticks = fiscalYearTicks(fy.startFiscalYear, fy.endFiscalYear);
  const tickLines = new Map(ticks.map((t) => [t.value, t.lines]));
  const asOfTime = dateToTime(asOf);

  // Row 0 and the last row are empty bands that hold the marker labels (above and below the bars).
  const labels = ['', ...rows.map((r) => r.title), ''];
  const band = <T>(values: T[]): (T | null)[] => [null, ...values, null];

  const planned = band(
    rows.map((r) => {
      const s = dateToTime(r.plannedStart);
      const e = dateToTime(r.plannedEnd);
      return s !== null && e !== null ? ([s, e] as [number, number]) : null;
    }),
  );
  const actual = band(
    rows.map((r) => {
      const s = dateToTime(r.actualStart);
      const e = r.actualEnd ? dateToTime(r.actualEnd) : asOfTime;
      return s !== null && e !== null ? ([s, Math.max(s, e)] as [number, number]) : null;
    }),
  );
  const actualColors = band(rows.map((r) => TIMELINE_COLORS.actual[r.status]));

  const plannedPoints: MilestonePoint[] = [];
  const actualOnTime: MilestonePoint[] = [];
  const actualLate: MilestonePoint[] = [];
  const overduePoints: MilestonePoint[] = [];
  rows.forEach((row, i) => {
    const y = rowPosition(i);
    for (const m of row.milestones) {
      if (m.status === 'not_applicable') continue;
      const p = dateToTime(m.plannedDate);
      if (p !== null) {
        const point = { x: p, y: y + PLANNED_OFFSET, rowIndex: i, milestone: m };
        (m.adherence.kind === 'overdue' ? overduePoints : plannedPoints).push(point);
      }
      const a = dateToTime(m.actualDate);
      if (a !== null) {
        (m.adherence.kind === 'done_late' ? actualLate : actualOnTime).push({ x: a, y: y + ACTUAL_OFFSET, rowIndex: i, milestone: m });
      }
    }
  });

  const markers = timelineMarkers(deadlines, asOf);
  const annotations: Record<string, AnnotationOptions> = {};
  markers.forEach((marker, i) => {
    const t = dateToTime(marker.date);
    if (t === null) return;
    const color =
      marker.kind === 'deadline' ? TIMELINE_COLORS.deadline : marker.kind === 'extension' ? TIMELINE_COLORS.extension : TIMELINE_COLORS.asOf;
    annotations[`${marker.kind}-${i}`] = {
      type: 'line',
      scaleID: 'x',
      value: t,
      borderColor: color,
      borderWidth: 2,
      borderDash: marker.kind === 'extension' ? [6, 4] : marker.kind === 'asOf' ? [2, 3] : [],
      label: {
        display: true,
        content: marker.label,
        position: marker.kind === 'asOf' ? 'end' : 'start',
        rotation: 0,
        backgroundColor: '#ffffff',
        borderColor: color,
        borderWidth: 1,
        borderRadius: 3,
        color,
        font: { size: 11, weight: 'bold' },
        padding: { x: 4, y: 2 },
      },
    };
  });

  const pointTooltip = (item: TooltipItem<'bar' | 'line'>) => {
    const raw = item.raw as MilestonePoint | null;
    return raw && typeof raw === 'object' && 'milestone' in raw ? raw : null;
  };
  const rowOf = (item: TooltipItem<'bar' | 'line'>): DisplayRow | undefined => {
    const point = pointTooltip(item);
    return rows[point ? point.rowIndex : item.dataIndex - 1];
  };

  const lineDataset = (
    label: string,
    data: MilestonePoint[],
    style: { pointStyle: 'rectRot' | 'circle' | 'triangle' | 'crossRot'; fill: string; border: string; radius: number },
  ) => ({
    type: 'line' as const,
    label,
    data: data as unknown as { x: number; y: number }[],
    parsing: false as const,
    showLine: false,
    pointStyle: style.pointStyle,
    pointRadius: style.radius,
    pointHoverRadius: style.radius + 2,
    pointBackgroundColor: style.fill,
    pointBorderColor: style.border,
    pointBorderWidth: 2,
    backgroundColor: style.fill,
    borderColor: style.border,
    order: 0,
  });

  const config: ChartConfiguration<'bar' | 'line'> = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          type: 'bar',
          label: '計画',
          data: planned as unknown as number[],
          backgroundColor: TIMELINE_COLORS.plannedFill,
          borderColor: TIMELINE_COLORS.plannedBorder,
          borderWidth: 2,
          borderSkipped: false,
          categoryPercentage: 0.84,
          barPercentage: 0.92,
          order: 1,
        },
        {
          type: 'bar',
          label: '実績',
          data: actual as unknown as number[],
          backgroundColor: actualColors as string[],
          borderColor: actualColors as string[],
          borderWidth: 0,
          borderSkipped: false,
          categoryPercentage: 0.84,
          barPercentage: 0.92,
          order: 2,
        },
        lineDataset('予定のマイルストーン', plannedPoints, { pointStyle: 'rectRot', fill: '#ffffff', border: TIMELINE_COLORS.milestonePlanned, radius: 5 }),
        lineDataset('予定日を過ぎて未完了のマイルストーン', overduePoints, { pointStyle: 'crossRot', fill: TIMELINE_COLORS.milestoneOverdue, border: TIMELINE_COLORS.milestoneOverdue, radius: 6 }),
        lineDataset('完了したマイルストーン（予定どおり）', actualOnTime, { pointStyle: 'circle', fill: TIMELINE_COLORS.milestoneActual, border: '#ffffff', radius: 5 }),
        lineDataset('完了したマイルストーン（遅れ）', actualLate, { pointStyle: 'triangle', fill: TIMELINE_COLORS.milestoneActual, border: '#ffffff', radius: 6 }),
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: true },
      layout: { padding: { right: 16 } },
      scales: {
        x: {
          type: 'time',
          position: 'top',
          min: ticks[0]?.value ?? 0,
          max: ticks[ticks.length - 1]?.value ?? 0,
          bounds: 'data',
          time: { unit: 'year', tooltipFormat: 'yyyy年M月d日' },
          afterBuildTicks: (axis) => {
            axis.ticks = ticks.map((t) => ({ value: t.value }));
          },
          ticks: {
            // 'auto' (the time scale's default) would skip every other fiscal year when labels are
            // wide; the ticks are replaced in afterBuildTicks anyway.
            source: 'data',
            autoSkip: false,
            maxRotation: 0,
            align: 'start',
            font: { size: 11 },
            color: '#1b1f24',
            // Full 「2025年度（令和7年度）」 on two lines when a year is wide enough, else shorter.
            callback: function (value) {
              const lines = tickLines.get(Number(value)) ?? [];
              return fiscalYearTickLabel(lines, this.width / Math.max(1, ticks.length - 1));
            },
          },
          grid: { color: '#8a94a3' },
        },
        y: {
          type: 'category',
          grid: { display: false },
          ticks: {
            autoSkip: false,
            font: { size: 12 },
            color: '#1b1f24',
            // Fewer characters on a narrow chart so the axis does not squeeze the bars.
            callback: function (_value, index) {
              const row = rows[index - 1];
              return row ? rowAxisLabel(row, rowLabelChars(this.chart.width)) : '';
            },
          },
        },
      },
      plugins: {
        legend: { display: false },
        annotation: { clip: false, annotations },
        tooltip: {
          callbacks: {
            title: (items) => {
              const first = items[0];
              if (!first) return '';
              const point = pointTooltip(first);
              if (point) return `◇ ${point.milestone.title}`;
              return rowOf(first)?.title ?? '';
            },
            label: (item) => {
              const point = pointTooltip(item);
              if (point) return milestoneTooltipLines(point.milestone);
              const row = rowOf(item);
              if (!row) return '';
              return spanTooltip(row, asOf, item.datasetIndex === 0 ? 'planned' : 'actual');
            },
            afterBody: (items) => {
              const first = items[0];
              if (!first) return [];
              const row = rowOf(first);
              if (!row) return [];
              const point = pointTooltip(first);
              const lines = point ? [`取組：${row.title}`] : [];
              lines.push(`状況：${STATUS_INFO[row.status].marker} ${row.statusLabel}（${itemVariance(row).text}）`);
              if (!point && row.deadline) {
                lines.push(`国の期限：${formatDate(row.deadline.effectiveDate)}${row.deadline.extended ? '（延長）' : ''}`);
              }
              return lines;
            },
          },
        },
      },
    },
  };

  return {
    config,
    height: timelineChartHeight(rows.length),
    fiscalYearCount: Math.max(1, fy.endFiscalYear - fy.startFiscalYear + 1),
    markers,
    ticks,
  };
}

/**
 * The row (index into the drawn rows) under a clicked chart element, or null: bars are indexed
 * by axis row (row 0 is the label band), milestone points carry their row.
 */
export function rowIndexOfElement(
  config: ChartConfiguration<'bar' | 'line'>,
  element: { datasetIndex: number; index: number },
): number | null {
  const dataset = config.data.datasets[element.datasetIndex];
  if (!dataset) return null;
  if (dataset.type === 'line') {
    const point = (dataset.data as unknown as MilestonePoint[])[element.index];
    return point ? point.rowIndex : null;
  }
  const i = element.index - 1;
  return i >= 0 && i < (config.data.labels?.length ?? 0) - 2 ? i : null;
}

/** One line of the timeline's table: an item, or one of its milestones under it. */
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
}

/** The timeline as table lines: each item followed by its milestones (対象外 included, labelled). */
export function timelineTableLines(rows: readonly DisplayRow[]): TimelineTableLine[] {
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
      actualStart: row.actualStart ? formatDate(row.actualStart) : '未着手',
      actualEnd: row.actualEnd ? formatDate(row.actualEnd) : row.actualStart ? '作業中' : PLACEHOLDER,
      varianceDays: formatSignedDays(itemVariance(row).days),
      varianceText: itemVariance(row).text,
      progress: '',
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

// ---------------------------------------------------------------------------------------------
// National deadlines page

export interface DeadlineExtensionView {
  date: IsoDate;
  daysLeft: number | null;
  scope: 'area' | 'item' | 'body';
  scopeLabel: string;
  itemId: number | null;
  itemTitle: string | null;
  areaName: string | null;
  reason: string;
}

/** Who an extension covers, in words: 業務（システム） / 取組 / 団体全体. */
export const EXTENSION_SCOPE_LABELS = { area: '業務（システム）', item: '取組', body: '団体' } as const;

export interface DeadlineItemView {
  itemId: number;
  title: string;
  sectionName: string;
  status: ItemStatus | null;
  statusLabel: string;
  /** The deadline this item must meet (extension applied). */
  effectiveDate: IsoDate;
  extended: boolean;
  daysLeft: number | null;
  /** Against the deadline: '期限内に完了', '期限後に完了（91日超過）', or days left / 期限超過 while open. */
  outcome: string;
}

/** How an item stands against its deadline: finished in time or late, or days left while open. */
export function deadlineOutcome(actualEnd: IsoDate | null, effectiveDate: IsoDate, daysLeft: number | null): string {
  if (actualEnd) {
    const late = daysBetween(effectiveDate, actualEnd);
    if (late !== null && late > 0) return `期限後に完了（${formatInteger(late)}日超過）`;
    return '期限内に完了';
  }
  return formatDeadlineDays(daysLeft);
}

export interface DeadlineView {
  id: number;
  code: string;
  title: string;
  originalDate: IsoDate;
  daysLeft: number | null;
  needsVerification: boolean;
  datePrecision: DatePrecision | undefined;
  note: string;
  sources: FactSource[];
  extensions: DeadlineExtensionView[];
  items: DeadlineItemView[];
}

/** Deadlines (earliest first) with days left from the reference date and the items answering to each. */
export function deadlineViews(deadlines: readonly DeadlineLine[], rows: readonly TimelineRow[], asOf: IsoDate): DeadlineView[] {
  const byId = new Map(rows.map((r) => [r.itemId, r]));
  return [...deadlines]
    .sort((a, b) => a.originalDate.localeCompare(b.originalDate) || a.id - b.id)
    .map((d) => ({
      id: d.id,
      code: d.code,
      title: d.title,
      originalDate: d.originalDate,
      daysLeft: daysBetween(asOf, d.originalDate),
      needsVerification: d.needsVerification,
      datePrecision: d.datePrecision,
      note: d.note ?? '',
      sources: d.sources ?? [],
      extensions: [...d.extensions]
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((e) => ({
          date: e.date,
          daysLeft: daysBetween(asOf, e.date),
          scope: e.scope,
          scopeLabel: EXTENSION_SCOPE_LABELS[e.scope],
          itemId: e.itemId,
          itemTitle: e.itemTitle,
          areaName: e.areaName ?? null,
          reason: e.reason,
        })),
      items: d.itemIds.map((itemId) => {
        const row = byId.get(itemId);
        const ref = row?.deadline && row.deadline.id === d.id ? row.deadline : null;
        const effectiveDate = ref?.effectiveDate ?? d.originalDate;
        const daysLeft = ref ? ref.daysLeft : daysBetween(asOf, effectiveDate);
        return {
          itemId,
          title: row?.title ?? `取組（番号 ${itemId}）`,
          sectionName: row?.sectionName ?? PLACEHOLDER,
          status: row?.status ?? null,
          statusLabel: row?.statusLabel ?? PLACEHOLDER,
          effectiveDate,
          extended: ref?.extended ?? false,
          daysLeft,
          outcome: deadlineOutcome(row?.status === 'done' ? (row.actualEnd ?? null) : null, effectiveDate, daysLeft),
        };
      }),
    }));
}

// ---------------------------------------------------------------------------------------------
// Item detail: milestones table

export interface MilestoneRow {
  id: number;
  title: string;
  planned: string;
  actual: string;
  /** Signed days (+ late, − days left) and in words. */
  varianceDays: string;
  varianceText: string;
  adherence: MilestoneAdherence['kind'];
  /** '△ 遅れて完了' */
  statusText: string;
  /** Progress of a milestone not done (作業中・未着手), else ''. */
  progress: string;
  note: string;
  isSample: boolean;
}

/** An item's milestones as table rows, in plan order (planned date, then id). */
export function milestoneRows(milestones: readonly AssessedMilestone[]): MilestoneRow[] {
  return [...milestones]
    .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate) || a.id - b.id)
    .map((m) => ({
      id: m.id,
      title: m.title,
      planned: m.plannedStartDate ? formatSpan(m.plannedStartDate, m.plannedDate) : formatDate(m.plannedDate),
      actual: m.actualDate
        ? m.actualStartDate
          ? formatSpan(m.actualStartDate, m.actualDate)
          : formatDate(m.actualDate)
        : m.actualStartDate
          ? `${formatDate(m.actualStartDate)}〜（作業中）`
          : PLACEHOLDER,
      // 差異（日） only for milestones due or done (server/domain/adherence.ts VARIANCE_LEGEND).
      varianceDays: showsVariance(m.adherence.kind) ? formatSignedDays(m.adherence.varianceDays) : PLACEHOLDER,
      varianceText: formatMilestoneVariance(m.adherence),
      adherence: m.adherence.kind,
      statusText: `${ADHERENCE_MARKERS[m.adherence.kind]} ${m.adherence.label}`,
      progress: m.status === 'done' || m.status === 'not_applicable' ? '' : m.statusLabel,
      note: m.note,
      isSample: m.isSample,
    }));
}
