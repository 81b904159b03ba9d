// Pure data shaping: API responses → Chart.js configs, legends, 「表で見る」 tables and text
// summaries. No Chart.js runtime here (types only), so pages can use it without loading charts.
//
// Charts on a category x axis use `parsing: false` + `normalized: true` with `{ x, y }` points
// (x = index of the fiscal quarter in `labels`); missing values are `y: null` so every dataset has
// one point per quarter and the index-mode tooltip lines them up.
import type { AnnotationOptions, ChartConfiguration, ScriptableScaleContext, TooltipItem } from './chart.ts';
import type { FigureTable, LegendEntry } from './figure.ts';
import { daysBetween, isValidIsoDate } from '$domain/dates.ts';
import { fiscalQuarterEnd, fiscalQuarterOf, fiscalQuarterStart } from '$domain/fiscal.ts';
import { KPI_STATUS_LABELS } from '$domain/labels.ts';
import { formatDate, formatNumber, formatValue } from './format.ts';
import type { AdherencePoint, AttentionItem, FiscalQuarter, ItemStatus, KpiWithSeries } from './types.ts';
import { ITEM_STATUSES as ITEM_STATUSES_WORST_FIRST } from '$domain/labels.ts';

/** A point on a category axis: x = label index (fractional = between two quarters). */
export interface XY {
  x: number;
  y: number | null;
}

/** The config type of every chart built here. */
export type LineChartConfig = ChartConfiguration<'line', XY[]>;

/** What ChartFigure needs for one chart. */
export interface FigureData {
  config: LineChartConfig;
  /** canvas aria-label */
  label: string;
  summary: string;
  legend: LegendEntry[];
  table: FigureTable;
}

// ---------------------------------------------------------------------------------------------
// Colours and patterns. Every series differs by colour AND dash pattern / point style; all
// colours have ≥ 3:1 contrast against white (WCAG 1.4.11), text colours ≥ 4.5:1.

export const CHART_TEXT = '#1b1f24';
export const CHART_MUTED_TEXT = '#4a5360';
export const CHART_GRID = '#d5dae1';

export const SERIES = {
  /** 予定（累計）: grey, dashed, hollow squares. */
  planned: { color: '#5b6472', dash: [6, 4], pointStyle: 'rect' as const },
  /** 実績（累計）/ 指標の実績: blue, solid, filled circles. */
  actual: { color: '#0b5cad', dash: [] as number[], pointStyle: 'circle' as const },
  /** 計画線 (straight line from baseline to target): grey, dashed, no points. */
  expected: { color: '#5b6472', dash: [6, 4] },
  /** 目標値: green, dotted. */
  target: { color: '#1d6b34', dash: [2, 3] },
  /** 全国の比較値: brown, dash-dot. */
  benchmark: { color: '#8a4500', dash: [12, 4, 3, 4] },
  /** 基準日 line. */
  today: { color: '#a3141a' },
  /** Shading of the quarters after the reference date. */
  future: { fill: 'rgba(91, 100, 114, 0.12)', border: '#8a94a3' },
} as const;

/** Whole percent of a ratio of counts: (26, 36) → 72; denominator 0 → null. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

// ---------------------------------------------------------------------------------------------
// Fiscal quarters (April–March; Q1 = Apr–Jun … Q4 = Jan–Mar): the rules are server/domain/fiscal.ts.

/**
 * Where the reference date falls on a quarterly category axis whose point i is "the end of quarter
 * i": between point i−1 (end of the previous quarter) and point i, in proportion to the days of
 * the quarter that have passed (asOf included). Clamped to the axis; null when asOf is not in the
 * series.
 */
export function todayPosition(points: readonly { fiscalYear: number; quarter: number }[], asOf: string): number | null {
  if (!isValidIsoDate(asOf)) return null;
  const fq = fiscalQuarterOf(asOf);
  const index = points.findIndex((p) => p.fiscalYear === fq.fiscalYear && p.quarter === fq.quarter);
  if (index < 0) return null;
  const start = fiscalQuarterStart(fq.fiscalYear, fq.quarter);
  const length = daysBetween(start, fiscalQuarterEnd(fq.fiscalYear, fq.quarter)) + 1;
  const elapsed = daysBetween(start, asOf) + 1;
  const x = index - 1 + elapsed / length;
  return Math.min(points.length - 1, Math.max(0, x));
}

/** x-axis tick text: only Q1 is labelled, with its fiscal year ('2026年度'); other quarters ''. */
export function quarterTick(point: { fiscalYear: number; quarter: number } | undefined): string {
  return point && point.quarter === 1 ? `${point.fiscalYear}年度` : '';
}

function quarterAxis(points: readonly { fiscalYear: number; quarter: number; label: string }[], fontSize = 13) {
  return {
    type: 'category' as const,
    offset: false,
    grid: {
      // Year boundaries only (Q1), so the axis reads as fiscal years.
      color: (ctx: ScriptableScaleContext) => (points[ctx.index]?.quarter === 1 ? CHART_GRID : 'rgba(0, 0, 0, 0)'),
    },
    ticks: {
      autoSkip: false,
      maxRotation: 0,
      color: CHART_TEXT,
      font: { size: fontSize },
      callback: (_value: string | number, index: number) => quarterTick(points[index]),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Schedule adherence (予定と実績の累計マイルストーン数)

/** The quarter of the reference date in the series, else the last past one. */
export function currentAdherencePoint(points: readonly AdherencePoint[], current: FiscalQuarter): AdherencePoint | null {
  const exact = points.find((p) => p.fiscalYear === current.fiscalYear && p.quarter === current.quarter);
  if (exact) return exact;
  const past = points.filter((p) => !p.isFuture);
  return past[past.length - 1] ?? null;
}

/**
 * 「2026年度Q3末までに予定31件のうち完了26件（84%）。予定より5件少ない状況です。
 *   計画期間全体（2030年度Q4まで）では予定36件のうち完了26件（72%）です。」
 */
export function adherenceSummary(points: readonly AdherencePoint[], current: FiscalQuarter): string {
  const cur = currentAdherencePoint(points, current);
  const last = points[points.length - 1];
  if (!cur || !last) return 'マイルストーンの予定が登録されていません。';
  const parts: string[] = [];
  const planned = cur.plannedCumulative;
  const done = cur.actualCumulative;
  if (planned === 0) {
    parts.push(`${cur.label}末までに予定されたマイルストーンはありません（完了${done}件）。`);
  } else if (done > planned) {
    parts.push(`${cur.label}末までの予定${planned}件に対し、完了${done}件（予定を${done - planned}件上回っています）。`);
  } else {
    parts.push(`${cur.label}末までに予定${planned}件のうち完了${done}件（${percentOf(done, planned)}%）。`);
    if (done < planned) parts.push(`予定より${planned - done}件少ない状況です。`);
  }
  if (last !== cur && last.plannedCumulative > 0) {
    parts.push(
      `計画期間全体（${last.label}まで）では予定${last.plannedCumulative}件のうち完了${done}件（${percentOf(done, last.plannedCumulative)}%）です。`,
    );
  }
  return parts.join('');
}

export function adherenceTable(points: readonly AdherencePoint[], current: FiscalQuarter): FigureTable {
  return {
    caption: '四半期別のマイルストーンの予定と完了（件数）',
    columns: [
      { label: '四半期' },
      { label: '予定（四半期）', numeric: true },
      { label: '完了（四半期）', numeric: true },
      { label: '予定（累計）', numeric: true },
      { label: '完了（累計）', numeric: true },
    ],
    rows: points.map((p) => {
      const isCurrent = p.fiscalYear === current.fiscalYear && p.quarter === current.quarter;
      const header = p.isFuture ? `${p.label}（今後）` : isCurrent ? `${p.label}（基準日時点）` : p.label;
      return {
        header,
        cells: [
          String(p.plannedInQuarter),
          p.isFuture ? '—' : String(p.doneInQuarter),
          String(p.plannedCumulative),
          p.isFuture ? '—' : String(p.actualCumulative),
        ],
        muted: p.isFuture,
      };
    }),
  };
}

export function adherenceLegend(hasFuture: boolean): LegendEntry[] {
  const entries: LegendEntry[] = [
    { label: '予定（累計）', color: SERIES.planned.color, dash: [...SERIES.planned.dash], marker: 'rect' },
    { label: '完了（累計）', color: SERIES.actual.color, marker: 'circle' },
    { label: '基準日', color: SERIES.today.color },
  ];
  if (hasFuture) {
    entries.push({ label: '今後（基準日より後）', color: SERIES.future.border, fill: SERIES.future.fill, kind: 'box', dash: [3, 2] });
  }
  return entries;
}

/**
 * Line chart of cumulative milestones planned (dashed, squares) vs done (solid, circles) by the end
 * of each fiscal quarter. The done line stops at the reference date (its last point is drawn on
 * the 基準日 line); quarters after it are shaded and labelled 「今後」.
 */
export function adherenceChartConfig(points: readonly AdherencePoint[], asOf: string): LineChartConfig {
  const today = todayPosition(points, asOf);
  const currentIndex = points.findIndex((p) => p.isFuture) - 1;
  const lastPast = currentIndex >= 0 ? currentIndex : points.every((p) => !p.isFuture) ? points.length - 1 : -1;

  const planned: XY[] = points.map((p, i) => ({ x: i, y: p.plannedCumulative }));
  const actual: XY[] = points.map((p, i) => ({
    // The quarter containing the reference date: its "done so far" is placed at the 基準日.
    x: i === lastPast && today !== null && today < i ? today : i,
    y: p.isFuture ? null : p.actualCumulative,
  }));

  const annotations: Record<string, AnnotationOptions> = {};
  if (today !== null) {
    if (points.some((p) => p.isFuture)) {
      annotations.future = {
        type: 'box',
        xMin: today,
        xMax: points.length - 1,
        backgroundColor: SERIES.future.fill,
        borderWidth: 0,
        drawTime: 'beforeDatasetsDraw',
        label: {
          display: true,
          content: '今後',
          position: { x: 'end', y: 'start' },
          color: CHART_TEXT,
          font: { size: 13, weight: 'bold' },
          padding: 4,
        },
      };
    }
    annotations.today = {
      type: 'line',
      scaleID: 'x',
      value: today,
      borderColor: SERIES.today.color,
      borderWidth: 2,
      label: {
        display: true,
        content: `基準日 ${formatDate(asOf)}`,
        position: 'start',
        backgroundColor: SERIES.today.color,
        color: '#ffffff',
        font: { size: 12, weight: 'bold' },
        padding: 4,
      },
    };
  }

  const pointBackground = points.map((p) => (p.isFuture ? '#ffffff' : SERIES.planned.color));

  return {
    type: 'line',
    data: {
      labels: points.map((p) => p.label),
      datasets: [
        {
          label: '予定（累計）',
          data: planned,
          borderColor: SERIES.planned.color,
          backgroundColor: SERIES.planned.color,
          borderDash: [...SERIES.planned.dash],
          borderWidth: 2,
          pointStyle: SERIES.planned.pointStyle,
          pointRadius: 3,
          pointBackgroundColor: pointBackground,
          pointBorderColor: SERIES.planned.color,
          stepped: false,
          spanGaps: false,
        },
        {
          label: '完了（累計）',
          data: actual,
          borderColor: SERIES.actual.color,
          backgroundColor: SERIES.actual.color,
          borderWidth: 3,
          pointStyle: SERIES.actual.pointStyle,
          pointRadius: 3.5,
          pointBorderColor: '#ffffff',
          pointBorderWidth: 1,
          spanGaps: false,
        },
      ],
    },
    options: {
      parsing: false,
      normalized: true,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      layout: { padding: { top: 4, right: 8 } },
      scales: {
        x: quarterAxis(points),
        y: {
          beginAtZero: true,
          grid: { color: CHART_GRID },
          ticks: { precision: 0, color: CHART_TEXT },
          title: { display: true, text: 'マイルストーン数（累計・件）', color: CHART_TEXT },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => {
              const p = points[items[0]?.dataIndex ?? -1];
              return p ? `${p.label}${p.isFuture ? '（今後）' : ''}` : '';
            },
            label: (item: TooltipItem<'line'>) => `${item.dataset.label ?? ''}：${formatNumber(item.parsed.y)}件`,
          },
        },
        annotation: { annotations },
      },
    },
  };
}

/** Everything the overview's adherence ChartFigure needs. */
export function adherenceFigure(points: readonly AdherencePoint[], asOf: string, current: FiscalQuarter): FigureData {
  const summary = adherenceSummary(points, current);
  return {
    config: adherenceChartConfig(points, asOf),
    label: `予定と完了のマイルストーン累計件数の推移（四半期別）。${summary}`,
    summary,
    legend: adherenceLegend(points.some((p) => p.isFuture)),
    table: adherenceTable(points, current),
  };
}

// ---------------------------------------------------------------------------------------------
// KPIs (指標)

/**
 * What a KPI is compared with, if anything: the national series it names (same definition; named, dated,
 * defined, 要確認 said), else a value the body entered itself (never called national), else nothing.
 */
export function kpiComparison(kpi: KpiWithSeries): { value: number; label: string; sentence: string } | null {
  const n = kpi.nationalBenchmark;
  if (n) {
    const when = n.fiscalYear !== null ? `${n.fiscalYear}年度` : n.asOf ? `${formatDate(n.asOf)}時点` : '';
    return {
      value: n.value,
      label: '全国の比較値',
      sentence: `全国の比較値は${formatValue(n.value, kpi.unit)}（${n.title}${when ? `、${when}` : ''}${n.needsVerification ? '、要確認' : ''}。定義：${n.definition}）。`,
    };
  }
  if (kpi.benchmarkValue !== null) {
    return {
      value: kpi.benchmarkValue,
      label: '比較値（団体が設定）',
      sentence: `比較値（団体が設定）は${formatValue(kpi.benchmarkValue, kpi.unit)}${kpi.benchmarkLabel ? `（${kpi.benchmarkLabel}）` : ''}。`,
    };
  }
  return null;
}

/**
 * The KPI in one paragraph: the server's sentence (server/domain/kpi-text.ts: です・ます, 第N四半期, no nested
 * parentheses, figures at the unit's precision, the target after the target year), then what it is compared
 * with, if anything (kpiComparison).
 */
export function kpiSummary(kpi: KpiWithSeries): string {
  return kpi.summary + (kpiComparison(kpi)?.sentence ?? '');
}

/** The straight line baseline → target (期間値: the year's value pro-rated by quarter). Never 「期待値」. */
const PATH_LABEL = '計画線';

export function kpiTable(kpi: KpiWithSeries): FigureTable {
  const comparison = kpiComparison(kpi);
  return {
    caption: `${kpi.name}の推移（単位：${kpi.unit}）`,
    columns: [
      { label: '四半期' },
      { label: '実績', numeric: true },
      { label: '計画値', numeric: true },
      { label: '目標値', numeric: true },
      ...(comparison ? [{ label: comparison.label, numeric: true }] : []),
    ],
    rows: kpi.series.map((p) => ({
      header: p.label,
      cells: [
        formatNumber(p.actual),
        formatNumber(p.expected),
        formatNumber(kpi.targetValue),
        ...(comparison ? [formatNumber(comparison.value)] : []),
      ],
    })),
  };
}

export function kpiLegend(kpi: KpiWithSeries): LegendEntry[] {
  const entries: LegendEntry[] = [
    { label: '実績', color: SERIES.actual.color, marker: 'circle' },
    { label: PATH_LABEL, color: SERIES.expected.color, dash: [...SERIES.expected.dash] },
    { label: `目標値（${kpi.targetFiscalYear}年度）`, color: SERIES.target.color, dash: [...SERIES.target.dash] },
  ];
  const comparison = kpiComparison(kpi);
  if (comparison) entries.push({ label: comparison.label, color: SERIES.benchmark.color, dash: [...SERIES.benchmark.dash] });
  return entries;
}

/**
 * y range of a KPI chart: every value (actual, expected, target, benchmark) with 5% headroom so
 * the target line is not drawn on the frame, never below 0 when all values are ≥ 0.
 */
export function kpiValueRange(kpi: KpiWithSeries): { min: number; max: number } | null {
  const values = [
    ...kpi.series.flatMap((p) => (p.actual === null ? [p.expected] : [p.actual, p.expected])),
    kpi.targetValue,
    ...(kpiComparison(kpi) ? [kpiComparison(kpi)!.value] : []),
  ].filter((v) => Number.isFinite(v));
  if (values.length === 0) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  return { min: lo >= 0 ? Math.max(0, lo - pad) : lo - pad, max: hi + pad };
}

/** Small trend chart: actual by quarter (solid), expected path (dashed), target and benchmark lines. */
export function kpiChartConfig(kpi: KpiWithSeries): LineChartConfig {
  const points = kpi.series;
  const constant = (value: number): XY[] => points.map((_p, i) => ({ x: i, y: value }));
  const datasets: LineChartConfig['data']['datasets'] = [
    {
      label: '実績',
      data: points.map((p, i) => ({ x: i, y: p.actual })),
      borderColor: SERIES.actual.color,
      backgroundColor: SERIES.actual.color,
      borderWidth: 3,
      pointStyle: 'circle',
      pointRadius: 4,
      pointBorderColor: '#ffffff',
      pointBorderWidth: 1,
      // Annual values sit on Q4 with empty quarters between: connect them.
      spanGaps: true,
      order: 0,
    },
    {
      label: PATH_LABEL,
      data: points.map((p, i) => ({ x: i, y: p.expected })),
      borderColor: SERIES.expected.color,
      backgroundColor: SERIES.expected.color,
      borderDash: [...SERIES.expected.dash],
      borderWidth: 2,
      pointRadius: 0,
      pointHitRadius: 6,
      order: 1,
    },
    {
      label: '目標値',
      data: constant(kpi.targetValue),
      borderColor: SERIES.target.color,
      backgroundColor: SERIES.target.color,
      borderDash: [...SERIES.target.dash],
      borderWidth: 2,
      pointRadius: 0,
      pointHitRadius: 6,
      order: 2,
    },
  ];
  const comparison = kpiComparison(kpi);
  if (comparison) {
    datasets.push({
      label: comparison.label,
      data: constant(comparison.value),
      borderColor: SERIES.benchmark.color,
      backgroundColor: SERIES.benchmark.color,
      borderDash: [...SERIES.benchmark.dash],
      borderWidth: 2,
      pointRadius: 0,
      pointHitRadius: 6,
      order: 3,
    });
  }
  const range = kpiValueRange(kpi);
  return {
    type: 'line',
    data: { labels: points.map((p) => p.label), datasets },
    options: {
      parsing: false,
      normalized: true,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      layout: { padding: { right: 8 } },
      scales: {
        x: quarterAxis(points, 12),
        y: {
          ...(range ? { suggestedMin: range.min, suggestedMax: range.max } : {}),
          grid: { color: CHART_GRID },
          ticks: { color: CHART_TEXT, callback: (value: string | number) => formatNumber(Number(value)) },
          title: { display: true, text: `単位：${kpi.unit}`, color: CHART_TEXT },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'line'>[]) => points[items[0]?.dataIndex ?? -1]?.label ?? '',
            label: (item: TooltipItem<'line'>) => `${item.dataset.label ?? ''}：${formatValue(item.parsed.y, kpi.unit)}`,
          },
        },
      },
    },
  };
}

export function kpiFigure(kpi: KpiWithSeries): FigureData {
  const latest = kpi.latest ? `最新値${formatValue(kpi.latest.value, kpi.unit)}` : KPI_STATUS_LABELS.no_data;
  return {
    config: kpiChartConfig(kpi),
    label: `${kpi.name}の推移のグラフ：${latest}、目標${formatValue(kpi.targetValue, kpi.unit)}（${kpi.targetFiscalYear}年度）`,
    summary: kpiSummary(kpi),
    legend: kpiLegend(kpi),
    table: kpiTable(kpi),
  };
}

// ---------------------------------------------------------------------------------------------
// 要対応の取組

/** Worst first: the server's one order (server/domain/labels.ts). */
const SEVERITY: readonly ItemStatus[] = ITEM_STATUSES_WORST_FIRST;

/** Worst first: by status (期限超過 → 要注意 → 遅延 …), then the longest delay, then the title. */
export function sortAttention(items: readonly AttentionItem[]): AttentionItem[] {
  return [...items].sort(
    (a, b) =>
      SEVERITY.indexOf(a.status) - SEVERITY.indexOf(b.status) ||
      b.delayDays - a.delayDays ||
      a.title.localeCompare(b.title, 'ja'),
  );
}
