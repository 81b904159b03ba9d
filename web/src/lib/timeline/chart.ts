// The timeline chart (工程表): Gantt-like horizontal floating bars on a time scale, as a Chart.js configuration
// (types only: no Chart.js runtime here), with milestones, deadline markers and the reference date.
// Dates are plain 'YYYY-MM-DD' calendar dates in Japan, shown through lib/format.ts; no DOM here (unit-tested).
import type { AnnotationOptions, ChartConfiguration, TooltipItem } from '../chart.ts';
import { formatDate, PLACEHOLDER, STATUS_INFO } from '../format.ts';
import type { AssessedMilestone, DeadlineLine, IsoDate } from '../timeline-types.ts';
import type { ItemStatus } from '../types.ts';
import { type FiscalYearTick, dateToTime, fiscalYearTicks, timelineFiscalRange } from './dates.ts';
import { labelColumnChars, wrapLabel, formatMilestoneVariance, formatSpan, itemVariance, truncateLabel } from './text.ts';
import type { DisplayRow } from './filters.ts';

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
  /** The baseline (基準計画) drawn as a dashed ghost bar and hollow squares: shape and dash, not colour, tell it apart. */
  baseline: '#6b4f00',
  deadline: '#a3141a',
  extension: '#8a4500',
  asOf: '#0b5cad',
} as const;

/** Axis label of a row: status marker, indentation by depth, truncated title. */
export function rowAxisLabel(row: DisplayRow, maxChars = TIMELINE_LABEL_CHARS): string {
  const indent = row.displayDepth > 0 ? `${'　'.repeat(row.displayDepth - 1)}└ ` : '';
  return `${STATUS_INFO[row.status].marker} ${indent}${truncateLabel(row.title, maxChars)}`;
}

/** On paper a title wraps onto at most two lines of at most this many characters (it is cut with '…' only beyond). */
export const TIMELINE_PRINT_LABEL_CHARS = 24;
/** The width (CSS px) the 工程表 is drawn at for paper: A4 portrait's 190 mm between the margins, less the figure's padding. */
export const TIMELINE_PRINT_WIDTH = 680;

/** Title characters per label line on paper: as few as hold every title whole on two lines (12..TIMELINE_PRINT_LABEL_CHARS). */
export function rowPrintChars(rows: readonly DisplayRow[]): number {
  return labelColumnChars(
    rows.map((r) => r.title),
    12,
    TIMELINE_PRINT_LABEL_CHARS,
    2,
  );
}

/**
 * Axis label of a row on paper: status marker and indentation on the first line, the whole title over at most two
 * lines of `perLine` characters (issue 19: printed labels wrap instead of ending in 「…」; the screen keeps one cut
 * line, with the whole title in the tooltip and the table).
 */
export function rowPrintLabel(row: DisplayRow, perLine: number): string[] {
  const indent = row.displayDepth > 0 ? `${'　'.repeat(row.displayDepth - 1)}└ ` : '';
  const lines = wrapLabel(row.title, perLine, 2);
  return lines.map((line, i) => (i === 0 ? `${STATUS_INFO[row.status].marker} ${indent}${line}` : line));
}

/** Title characters on the axis for a chart this many pixels wide (6..TIMELINE_LABEL_CHARS). */
export function rowLabelChars(chartWidth: number): number {
  if (!Number.isFinite(chartWidth) || chartWidth <= 0) return TIMELINE_LABEL_CHARS;
  return Math.max(6, Math.min(TIMELINE_LABEL_CHARS, Math.floor((chartWidth * 0.3) / 12) - 3));
}

/** Pixel height of one row on paper: two label lines of TIMELINE_PRINT_FONT_SIZE px. */
export const TIMELINE_PRINT_ROW_HEIGHT = 28;
/** Row label size on paper (px at TIMELINE_PRINT_WIDTH, about 8 pt on A4). */
export const TIMELINE_PRINT_FONT_SIZE = 11;

export function timelineChartHeight(rowCount: number, rowHeight = TIMELINE_ROW_HEIGHT): number {
  return Math.max(1, rowCount + 2) * rowHeight + TIMELINE_CHROME_HEIGHT;
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
  /** The drawing for paper (TIMELINE_PRINT_WIDTH wide): row labels wrap onto two lines instead of being cut. */
  forPaper?: boolean;
  rows: readonly DisplayRow[];
  deadlines: readonly DeadlineLine[];
  asOf: IsoDate;
  range: { startFiscalYear: number; endFiscalYear: number };
  /** The baseline's name (「当初計画」…) when its ghost bars are shown; null or absent: not drawn. */
  baselineLabel?: string | null;
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
  const lines = [
    `予定：${m.plannedStartDate ? formatSpan(m.plannedStartDate, m.plannedDate) : formatDate(m.plannedDate)}`,
    `実績：${m.actualDate ? formatDate(m.actualDate) : `未完了（${m.statusLabel}）`}`,
    `差異：${formatMilestoneVariance(m.adherence)}`,
  ];
  if (m.baseline) lines.push(`基準計画の予定：${formatDate(m.baseline.plannedDate)}（基準計画比 ${formatBaselineVariance(m.baseline.varianceDays)}）`);
  return lines;
}

/** 差異（日） against the baseline: 「+35日」「0日」, or 「—」 when not yet due. */
export function formatBaselineVariance(days: number | null): string {
  if (days === null) return PLACEHOLDER;
  return days > 0 ? `+${days}日` : `${days}日`;
}

/** Index of an axis row; rows start at 1 (row 0 is the label band for deadline lines). */
const rowPosition = (index: number) => index + 1;

/** Planned and actual bars of each row as [start, end] timestamps; an open actual bar runs to the reference date. */
function barSpans(rows: readonly DisplayRow[], asOfTime: number | null, band: <T>(values: T[]) => (T | null)[]) {
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
  return { planned, actual };
}

/** Milestones as points on their rows: planned (or overdue) above the bar's centre, actual below. */
function milestonePoints(rows: readonly DisplayRow[]) {
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

  return { plannedPoints, actualOnTime, actualLate, overduePoints };
}

/**
 * The baseline as a dashed ghost bar over each row's planned bar (where the row has milestones in the baseline),
 * as box annotations so the grouped bars keep their places.
 */
export function baselineAnnotations(rows: readonly DisplayRow[]): Record<string, AnnotationOptions> {
  const out: Record<string, AnnotationOptions> = {};
  rows.forEach((row, i) => {
    const s = dateToTime(row.baselineStart ?? null);
    const e = dateToTime(row.baselineEnd ?? null);
    if (s === null || e === null) return;
    const y = rowPosition(i);
    out[`baseline-${row.itemId}`] = {
      type: 'box',
      xMin: s,
      xMax: Math.max(s, e),
      yMin: y - 0.46,
      yMax: y - 0.02,
      backgroundColor: 'rgba(0, 0, 0, 0)',
      borderColor: TIMELINE_COLORS.baseline,
      borderWidth: 2,
      borderDash: [5, 3],
      drawTime: 'afterDatasetsDraw',
    };
  });
  return out;
}

/** Baseline planned dates of milestones that moved since (drawn as hollow squares on the planned line). */
function baselinePoints(rows: readonly DisplayRow[]): MilestonePoint[] {
  const out: MilestonePoint[] = [];
  rows.forEach((row, i) => {
    for (const m of row.milestones) {
      const b = m.baseline;
      if (!b || m.status === 'not_applicable' || b.plannedDate === m.plannedDate) continue;
      const x = dateToTime(b.plannedDate);
      if (x !== null) out.push({ x, y: rowPosition(i) + PLANNED_OFFSET, rowIndex: i, milestone: m });
    }
  });
  return out;
}

/** One vertical line with a label per marker (deadline, extension, reference date). */
function markerAnnotations(markers: readonly TimelineMarker[]): Record<string, AnnotationOptions> {
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

  return annotations;
}

/** The whole chart: axes with fiscal-year ticks, bars, milestone points, marker lines, tooltips and the click-to-row mapping. */
export function buildTimelineChart(input: TimelineChartInput): TimelineChartModel {
  const { rows, deadlines, asOf } = input;
  const fy = timelineFiscalRange(input.range, rows, deadlines, asOf);
  const ticks = fiscalYearTicks(fy.startFiscalYear, fy.endFiscalYear);
  const tickLines = new Map(ticks.map((t) => [t.value, t.lines]));
  const asOfTime = dateToTime(asOf);
  const paperChars = input.forPaper ? rowPrintChars(rows) : TIMELINE_PRINT_LABEL_CHARS;

  // Row 0 and the last row are empty bands that hold the marker labels (above and below the bars).
  const labels = ['', ...rows.map((r) => r.title), ''];
  const band = <T>(values: T[]): (T | null)[] => [null, ...values, null];

  const { planned, actual } = barSpans(rows, asOfTime, band);
  const actualColors = band(rows.map((r) => TIMELINE_COLORS.actual[r.status]));

  const { plannedPoints, actualOnTime, actualLate, overduePoints } = milestonePoints(rows);

  const markers = timelineMarkers(deadlines, asOf);
  const showBaseline = Boolean(input.baselineLabel);
  const annotations = { ...(showBaseline ? baselineAnnotations(rows) : {}), ...markerAnnotations(markers) };

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
    style: { pointStyle: 'rectRot' | 'circle' | 'triangle' | 'crossRot' | 'rect'; fill: string; border: string; radius: number },
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
        ...(showBaseline
          ? [lineDataset(`${input.baselineLabel}の予定日（変更前）`, baselinePoints(rows), { pointStyle: 'rect', fill: '#ffffff', border: TIMELINE_COLORS.baseline, radius: 4 })]
          : []),
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
            font: { size: input.forPaper ? TIMELINE_PRINT_FONT_SIZE : 12 },
            color: '#1b1f24',
            // Fewer characters on a narrow chart so the axis does not squeeze the bars; on paper, two whole lines.
            callback: function (_value, index) {
              const row = rows[index - 1];
              if (!row) return '';
              return input.forPaper ? rowPrintLabel(row, paperChars) : rowAxisLabel(row, rowLabelChars(this.chart.width));
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
    height: timelineChartHeight(rows.length, input.forPaper ? TIMELINE_PRINT_ROW_HEIGHT : TIMELINE_ROW_HEIGHT),
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
