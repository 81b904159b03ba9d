// Pure data shaping for 全国の状況, 都道府県の状況 and the peer comparison on a body's overview:
// roll-up API responses → Chart.js configs (types only), 「表で見る」 tables, text summaries, and the
// sortable columns of the tables. Rates are the ministry's completion rate ((完了 + 対象外) / 手順数).
import type { AnnotationOptions, ChartConfiguration, TooltipItem } from './chart.ts';
import { CHART_GRID, CHART_TEXT, SERIES } from './chart-data.ts';
import type { FigureTable, LegendEntry } from './figure.ts';
import { STEP_STATUSES, STEP_STATUS_INFO, bodyKindLabel, formatInteger, formatPercent, formatPointDiff, formatRank } from './format.ts';
import type { SortColumn, SortState } from './table-sort.ts';
import type {
  AreaRollupRow,
  BodyPeers,
  BodyRollupRow,
  MunicipalityCategories,
  MunicipalityCategoryRow,
  PrefectureAreaRow,
  PrefectureRollupRow,
  RollupDeadline,
  RollupTotals,
  StepCounts,
  StepStatus,
} from './types.ts';

export type BarChartConfig = ChartConfiguration<'bar', (number | null)[], string>;

export interface BarFigureData {
  config: BarChartConfig;
  label: string;
  summary: string;
  legend: LegendEntry[];
  table: FigureTable;
  /** px: enough room for one bar per row. */
  height: number;
}

/** Bars: the area's own rate is solid blue; the national comparison is hollow brown (not colour alone). */
export const BAR = {
  own: { fill: SERIES.actual.color, border: SERIES.actual.color },
  national: { fill: '#ffffff', border: SERIES.benchmark.color },
  average: { color: SERIES.today.color },
} as const;

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** Ratio as the tables show it, with the counts it comes from: '62.3%（1,234/1,980）'. */
function rateWithCounts(rate: number | null, done: number, of: number): string {
  return `${formatPercent(rate)}（${formatInteger(done)}/${formatInteger(of)}）`;
}

const completeSteps = (r: { counts: StepCounts }) => r.counts.done + r.counts.not_applicable;

/** Height of a horizontal bar chart: one row per bar (+ axis and padding). */
export function barChartHeight(rows: number, perRow = 20): number {
  return Math.max(160, rows * perRow + 70);
}

/** Rows by rate, best first; no rate last; ties by code. */
export function byRateDesc<T extends { completionRate: number | null; code?: string; prefectureCode?: string }>(rows: readonly T[]): T[] {
  const codeOf = (r: T) => r.code ?? r.prefectureCode ?? '';
  return [...rows].sort((a, b) => {
    if ((a.completionRate === null) !== (b.completionRate === null)) return a.completionRate === null ? 1 : -1;
    const d = (b.completionRate ?? 0) - (a.completionRate ?? 0);
    return d !== 0 ? d : codeOf(a) < codeOf(b) ? -1 : codeOf(a) > codeOf(b) ? 1 : 0;
  });
}

function percentAxis(title: string) {
  return {
    type: 'linear' as const,
    min: 0,
    max: 100,
    position: 'top' as const,
    grid: { color: CHART_GRID },
    ticks: { color: CHART_TEXT, stepSize: 10, callback: (v: string | number) => `${v}%` },
    title: { display: true, text: title, color: CHART_TEXT },
  };
}

function categoryAxis() {
  return {
    type: 'category' as const,
    grid: { display: false },
    ticks: { autoSkip: false, color: CHART_TEXT, font: { size: 12 } },
  };
}

function averageLine(rate: number | null, label: string): Record<string, AnnotationOptions> {
  if (rate === null) return {};
  return {
    average: {
      type: 'line',
      scaleID: 'x',
      value: rate * 100,
      borderColor: BAR.average.color,
      borderWidth: 2,
      borderDash: [6, 4],
      label: {
        display: true,
        content: `${label} ${formatPercent(rate)}`,
        position: 'end',
        backgroundColor: BAR.average.color,
        color: '#ffffff',
        font: { size: 12, weight: 'bold' },
        padding: 4,
      },
    },
  };
}

function singleBarConfig(labels: string[], rates: (number | null)[], seriesLabel: string, axisTitle: string, average: Record<string, AnnotationOptions>): BarChartConfig {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: seriesLabel,
          data: rates.map(pct),
          backgroundColor: BAR.own.fill,
          borderColor: BAR.own.border,
          borderWidth: 1,
          categoryPercentage: 0.85,
          barPercentage: 0.9,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      layout: { padding: { right: 12 } },
      scales: { x: percentAxis(axisTitle), y: categoryAxis() },
      plugins: {
        legend: { display: false },
        annotation: { annotations: average },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) => `${item.dataset.label ?? ''}：${item.parsed.x === null ? '—' : `${item.parsed.x.toFixed(1)}%`}`,
          },
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 全国の状況

/** 「期限（2026年3月31日）を過ぎて未完了」 or, before the deadline, 「未完了」. */
export function pastDeadlineLabel(_deadline: RollupDeadline | null): string {
  // Each system is judged against its own deadline (the extension's, if it has one), so the label does
  // not depend on whether the migration deadline itself has passed.
  return '期限を過ぎて未完了のシステムがある';
}

/**
 * 「47都道府県の完了率は、最も高い東京都が62.3%、最も低い沖縄県が41.0%です。全国の完了率は52.1%で、
 *   全国を上回るのは21都道府県です。」
 */
export function prefectureRateSummary(rows: readonly PrefectureRollupRow[], nationalRate: number | null): string {
  const ranked = byRateDesc(rows).filter((r) => r.completionRate !== null);
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  if (!best || !worst) return '手順が登録された都道府県はありません。';
  const parts = [
    `${formatInteger(rows.length)}都道府県の完了率は、最も高い${best.prefectureName}が${formatPercent(best.completionRate)}、最も低い${worst.prefectureName}が${formatPercent(worst.completionRate)}です。`,
  ];
  if (nationalRate !== null) {
    const above = ranked.filter((r) => (r.completionRate ?? 0) > nationalRate).length;
    parts.push(`全国の完了率は${formatPercent(nationalRate)}で、全国を上回るのは${formatInteger(above)}都道府県です。`);
  }
  return parts.join('');
}

/** Horizontal bars of the 47 prefectures' completion rate, best first, with the national rate as a line. */
export function prefectureRateFigure(rows: readonly PrefectureRollupRow[], nationalRate: number | null): BarFigureData {
  const sorted = byRateDesc(rows);
  const summary = prefectureRateSummary(rows, nationalRate);
  return {
    config: singleBarConfig(
      sorted.map((r) => r.prefectureName),
      sorted.map((r) => r.completionRate),
      '完了率',
      '完了率（%）',
      averageLine(nationalRate, '全国'),
    ),
    label: `都道府県別の完了率（横棒グラフ、高い順）。${summary}`,
    summary,
    legend: [
      { label: '都道府県の完了率', color: BAR.own.border, fill: BAR.own.fill, kind: 'box' },
      { label: '全国の完了率', color: BAR.average.color, dash: [6, 4] },
    ],
    table: {
      caption: '都道府県別の完了率（高い順）',
      columns: [
        { label: '都道府県' },
        { label: '完了率', numeric: true },
        { label: '完了した手順', numeric: true },
        { label: '手順数', numeric: true },
        { label: '団体数', numeric: true },
      ],
      rows: sorted.map((r) => ({
        header: r.prefectureName,
        cells: [formatPercent(r.completionRate), formatInteger(completeSteps(r)), formatInteger(r.steps), formatInteger(r.bodies)],
      })),
    },
    height: barChartHeight(sorted.length, 19),
  };
}

/** 「20業務のうち完了率が最も高いのは住民記録（70.1%）、最も低いのは生活保護（40.2%）です。」 */
export function areaRateSummary(rows: readonly AreaRollupRow[]): string {
  const ranked = byRateDesc(rows).filter((r) => r.completionRate !== null);
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  if (!best || !worst) return '手順が登録された業務はありません。';
  return `${formatInteger(rows.length)}業務のうち完了率が最も高いのは${best.name}（${formatPercent(best.completionRate)}）、最も低いのは${worst.name}（${formatPercent(worst.completionRate)}）です。`;
}

/** Horizontal bars of the 20 business areas' national completion rate, in the reference order. */
export function nationalAreaFigure(rows: readonly AreaRollupRow[], nationalRate: number | null): BarFigureData {
  const summary = areaRateSummary(rows);
  return {
    config: singleBarConfig(
      rows.map((r) => r.name),
      rows.map((r) => r.completionRate),
      '完了率',
      '完了率（%）',
      averageLine(nationalRate, '全業務'),
    ),
    label: `業務別の完了率（全国、横棒グラフ）。${summary}`,
    summary,
    legend: [
      { label: '業務の完了率', color: BAR.own.border, fill: BAR.own.fill, kind: 'box' },
      { label: '全業務の完了率', color: BAR.average.color, dash: [6, 4] },
    ],
    table: {
      caption: '業務別の完了率（全国）',
      columns: [
        { label: '業務' },
        { label: '完了率', numeric: true },
        { label: '完了したシステム', numeric: true },
        { label: 'システム数', numeric: true },
        { label: '特定移行支援システム', numeric: true },
      ],
      rows: rows.map((r) => ({
        header: r.name,
        cells: [formatPercent(r.completionRate), formatInteger(r.completeAreas), formatInteger(r.bodyAreas), formatInteger(r.migrationSupportAreas)],
      })),
    },
    height: barChartHeight(rows.length, 24),
  };
}

/** Steps by status as table rows: marker + label, count, share of all steps. */
export function stepCountRows(counts: StepCounts): { status: StepStatus; label: string; marker: string; count: number; share: number | null }[] {
  const total = STEP_STATUSES.reduce((s, k) => s + counts[k], 0);
  return STEP_STATUSES.map((status) => ({
    status,
    ...STEP_STATUS_INFO[status],
    count: counts[status],
    share: total > 0 ? counts[status] / total : null,
  }));
}

// ---------------------------------------------------------------------------------------------
// 都道府県の状況

/** 「熊本県の業務別の完了率は、20業務中12業務で全国を上回っています。差が最も大きいのは…」 */
export function prefectureAreaSummary(rows: readonly PrefectureAreaRow[], prefectureName: string): string {
  const compared = rows.filter((r) => r.completionRate !== null && r.nationalCompletionRate !== null);
  if (compared.length === 0) return `${prefectureName}には比較できる業務がありません。`;
  const above = compared.filter((r) => (r.completionRate ?? 0) > (r.nationalCompletionRate ?? 0)).length;
  const diff = (r: PrefectureAreaRow) => (r.completionRate ?? 0) - (r.nationalCompletionRate ?? 0);
  const worst = [...compared].sort((a, b) => diff(a) - diff(b) || a.code.localeCompare(b.code))[0]!;
  const parts = [`${prefectureName}の完了率は、${formatInteger(compared.length)}業務中${formatInteger(above)}業務で全国を上回っています。`];
  if (diff(worst) < 0) {
    parts.push(`全国との差が最も大きく下回るのは${worst.name}（${formatPercent(worst.completionRate)}、全国${formatPercent(worst.nationalCompletionRate)}、${formatPointDiff(worst.completionRate, worst.nationalCompletionRate)}）です。`);
  }
  return parts.join('');
}

/** Grouped horizontal bars per business area: the prefecture (solid) and the nation (hollow). */
export function prefectureAreaFigure(rows: readonly PrefectureAreaRow[], prefectureName: string): BarFigureData {
  const summary = prefectureAreaSummary(rows, prefectureName);
  const config: BarChartConfig = {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.name),
      datasets: [
        {
          label: prefectureName,
          data: rows.map((r) => pct(r.completionRate)),
          backgroundColor: BAR.own.fill,
          borderColor: BAR.own.border,
          borderWidth: 1,
          categoryPercentage: 0.8,
          barPercentage: 0.9,
        },
        {
          label: '全国',
          data: rows.map((r) => pct(r.nationalCompletionRate)),
          backgroundColor: BAR.national.fill,
          borderColor: BAR.national.border,
          borderWidth: 2,
          categoryPercentage: 0.8,
          barPercentage: 0.9,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      interaction: { mode: 'index', axis: 'y', intersect: false },
      layout: { padding: { right: 12 } },
      scales: { x: percentAxis('完了率（%）'), y: categoryAxis() },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) => `${item.dataset.label ?? ''}：${item.parsed.x === null ? '—' : `${item.parsed.x.toFixed(1)}%`}`,
          },
        },
      },
    },
  };
  return {
    config,
    label: `業務別の完了率、${prefectureName}と全国（横棒グラフ）。${summary}`,
    summary,
    legend: [
      { label: prefectureName, color: BAR.own.border, fill: BAR.own.fill, kind: 'box' },
      { label: '全国（白抜き）', color: BAR.national.border, fill: BAR.national.fill, kind: 'box' },
    ],
    table: {
      caption: `業務別の完了率（${prefectureName}と全国）`,
      columns: [
        { label: '業務' },
        { label: prefectureName, numeric: true },
        { label: '全国', numeric: true },
        { label: '全国との差', numeric: true },
        { label: 'システム数', numeric: true },
        { label: '特定移行支援システム', numeric: true },
      ],
      rows: rows.map((r) => ({
        header: r.name,
        cells: [
          formatPercent(r.completionRate),
          formatPercent(r.nationalCompletionRate),
          formatPointDiff(r.completionRate, r.nationalCompletionRate),
          formatInteger(r.bodyAreas),
          formatInteger(r.migrationSupportAreas),
        ],
        muted: r.bodyAreas === 0,
      })),
    },
    height: barChartHeight(rows.length, 34),
  };
}

/** Rows of 「県と全国の比較」: label, prefecture value, national value (display strings). */
export function comparisonRows(own: RollupTotals, national: RollupTotals, _deadline: RollupDeadline | null): { label: string; own: string; national: string }[] {
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const withShare = (n: number, whole: number) => `${formatInteger(n)}（${formatPercent(share(n, whole))}）`;
  return [
    { label: '完了率（総務省の定義）', own: rateWithCounts(own.completionRate, completeSteps(own), own.steps), national: rateWithCounts(national.completionRate, completeSteps(national), national.steps) },
    { label: '団体数', own: formatInteger(own.bodies), national: formatInteger(national.bodies) },
    { label: '全業務が完了した団体', own: withShare(own.completeBodies, own.bodiesWithAreas), national: withShare(national.completeBodies, national.bodiesWithAreas) },
    { label: '全業務は完了していない団体', own: withShare(own.bodiesIncomplete, own.bodiesWithAreas), national: withShare(national.bodiesIncomplete, national.bodiesWithAreas) },
    { label: '期限を過ぎて未完了のシステムがある団体', own: withShare(own.bodiesPastDeadline, own.bodiesWithAreas), national: withShare(national.bodiesPastDeadline, national.bodiesWithAreas) },
    { label: '期限を過ぎて未完了のシステム（団体×業務）', own: withShare(own.systemsPastDeadline, own.bodyAreas), national: withShare(national.systemsPastDeadline, national.bodyAreas) },
    { label: '期限が延長されたシステム（団体×業務）', own: withShare(own.extendedSystems, own.bodyAreas), national: withShare(national.extendedSystems, national.bodyAreas) },
    { label: '特定移行支援システムのある団体', own: withShare(own.migrationSupportBodies, own.bodies), national: withShare(national.migrationSupportBodies, national.bodies) },
    { label: '特定移行支援システム（団体×業務）', own: withShare(own.migrationSupportAreas, own.bodyAreas), national: withShare(national.migrationSupportAreas, national.bodyAreas) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Sortable columns

export const PREFECTURE_COLUMNS: readonly SortColumn<PrefectureRollupRow>[] = [
  { key: 'code', label: '都道府県', value: (r) => r.prefectureCode, firstDir: 'asc' },
  { key: 'bodies', label: '団体数', value: (r) => r.bodies, firstDir: 'desc', numeric: true },
  { key: 'rate', label: '完了率', value: (r) => r.completionRate, firstDir: 'desc', numeric: true },
  { key: 'complete', label: '全業務が完了した団体', value: (r) => r.completeBodies, firstDir: 'desc', numeric: true },
  { key: 'past', label: '期限を過ぎて未完了のシステムがある団体', value: (r) => r.bodiesPastDeadline, firstDir: 'desc', numeric: true },
  { key: 'supportBodies', label: '特定移行支援のある団体', value: (r) => r.migrationSupportBodies, firstDir: 'desc', numeric: true },
  { key: 'supportSystems', label: '特定移行支援システム', value: (r) => r.migrationSupportAreas, firstDir: 'desc', numeric: true },
];
export const PREFECTURE_DEFAULT_SORT: SortState = { key: 'code', dir: 'asc' };
export const byPrefectureCode = (a: PrefectureRollupRow, b: PrefectureRollupRow) => (a.prefectureCode < b.prefectureCode ? -1 : a.prefectureCode > b.prefectureCode ? 1 : 0);

export const BODY_COLUMNS: readonly SortColumn<BodyRollupRow>[] = [
  { key: 'rank', label: '順位', value: (r) => r.rank, firstDir: 'asc', numeric: true },
  { key: 'code', label: '団体コード', value: (r) => r.code, firstDir: 'asc' },
  { key: 'name', label: '団体名', value: (r) => r.name, firstDir: 'asc' },
  { key: 'kind', label: '区分', value: (r) => bodyKindLabel(r.kind), firstDir: 'asc' },
  // Each figure says what it counts (issue 19): the ministry's rate is over steps (手順), the other over business areas.
  { key: 'rate', label: '完了率（手順ベース）', value: (r) => r.completionRate, firstDir: 'desc', numeric: true },
  { key: 'areas', label: '完了した業務／対象業務', value: (r) => (r.areas > 0 ? r.completeAreas / r.areas : null), firstDir: 'desc', numeric: true },
  { key: 'support', label: '特定移行支援システム', value: (r) => r.migrationSupportAreas, firstDir: 'desc', numeric: true },
  { key: 'status', label: '状況', value: (r) => (r.areas === 0 ? null : r.complete ? 0 : 1), firstDir: 'desc' },
];
export const BODY_DEFAULT_SORT: SortState = { key: 'rank', dir: 'asc' };
/** The API's own order (rank, then code) as the tiebreak. */
export const byRankThenCode = (a: BodyRollupRow, b: BodyRollupRow) =>
  (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// 県内・全国との比較 (a body's overview)

/** 「完了率は62.3%で、熊本県（58.1%）より4.2ポイント高く、全国（60.2%）より2.1ポイント高い。県内3位／45団体、全国120位／1,788団体です。」 */
export function peerSummary(p: BodyPeers): string {
  if (p.completionRate === null) return `${p.name}には標準化の手順が登録されていないため、完了率と順位はありません。`;
  const own = p.completionRate;
  const versus = (other: number | null, name: string, last: boolean) => {
    if (other === null) return `${name}の完了率はなく`;
    const d = Math.round((own - other) * 1000) / 10;
    if (d === 0) return `${name}（${formatPercent(other)}）と同じ${last ? '' : 'で'}`;
    return `${name}（${formatPercent(other)}）より${Math.abs(d).toFixed(1)}ポイント${d > 0 ? (last ? '高い' : '高く') : last ? '低い' : '低く'}`;
  };
  return (
    `完了率は${formatPercent(own)}で、${versus(p.prefectureCompletionRate, p.prefectureName, false)}、${versus(p.nationalCompletionRate, '全国', true)}。` +
    `県内${formatRank(p.rankInPrefecture.rank, p.rankInPrefecture.of)}、全国${formatRank(p.rankNational.rank, p.rankNational.of)}です。`
  );
}

/** 市区町村 × 分野: the sortable columns (the per-category cells follow, not sortable). Each figure says what it counts. */
export const MUNICIPALITY_COLUMNS: readonly SortColumn<MunicipalityCategoryRow>[] = [
  { key: 'code', label: '団体コード', value: (r) => r.code, firstDir: 'asc' },
  { key: 'name', label: '団体名', value: (r) => r.name, firstDir: 'asc' },
  { key: 'items', label: '取組（件）', value: (r) => r.items, firstDir: 'desc', numeric: true },
  { key: 'overdue', label: '期限超過のマイルストーン（件）', value: (r) => r.overdueMilestones, firstDir: 'desc', numeric: true },
  { key: 'onTime', label: '予定どおり率（マイルストーン）', value: (r) => r.onTimeRate, firstDir: 'asc', numeric: true },
  { key: 'last', label: '最終報告', value: (r) => r.lastReportedAt, firstDir: 'asc' },
];
export const MUNICIPALITY_DEFAULT_SORT: SortState = { key: 'code', dir: 'asc' };

/** One category cell: 「3件（期限超過 1件）・予定どおり 75.0%」, or 「—」 without items. */
export function municipalityCategoryCell(cell: MunicipalityCategoryRow['cells'][number]): string {
  if (cell.items === 0) return '—';
  const overdue = cell.itemsWithOverdue > 0 ? `（期限超過 ${formatInteger(cell.itemsWithOverdue)}件）` : '';
  return `${formatInteger(cell.items)}件${overdue}・予定どおり ${formatPercent(cell.onTimeRate)}`;
}

/** 「5団体のうち、期限超過のマイルストーンがあるのは2団体です。予定どおり率が最も低いのは…」 */
export function municipalityOnTimeSummary(m: MunicipalityCategories): string {
  const rows = m.bodies.filter((b) => b.items > 0);
  if (rows.length === 0) return '取組が登録された市区町村はありません。';
  const late = rows.filter((b) => b.overdueMilestones > 0).length;
  const rated = rows.filter((b) => b.onTimeRate !== null).sort((a, b) => (a.onTimeRate ?? 0) - (b.onTimeRate ?? 0));
  const parts = [`取組のある${formatInteger(rows.length)}団体のうち、期限超過のマイルストーンがあるのは${formatInteger(late)}団体です。`];
  if (rated[0]) parts.push(`マイルストーンの予定どおり率が最も低いのは${rated[0].name}（${formatPercent(rated[0].onTimeRate)}）です。`);
  return parts.join('');
}

/** Horizontal bars: each municipality's on-time rate of milestones (all categories), lowest first. */
export function municipalityOnTimeFigure(m: MunicipalityCategories): BarFigureData {
  const rows = m.bodies.filter((b) => b.items > 0).sort((a, b) => (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2) || a.code.localeCompare(b.code));
  const summary = municipalityOnTimeSummary(m);
  return {
    config: singleBarConfig(
      rows.map((r) => r.name),
      rows.map((r) => r.onTimeRate),
      '予定どおり率',
      '予定どおり率（マイルストーン、%）',
      {},
    ),
    label: `市区町村別のマイルストーンの予定どおり率（横棒グラフ、低い順）。${summary}`,
    summary,
    legend: [{ label: '予定どおり率 = 予定日までに完了 ÷（予定日までに完了 + 遅れて完了 + 期限超過）', color: BAR.own.border, fill: BAR.own.fill, kind: 'box' }],
    table: {
      caption: '市区町村別のマイルストーンの予定どおり率（低い順）',
      columns: [
        { label: '団体' },
        { label: '予定どおり率', numeric: true },
        { label: '期限超過のマイルストーン', numeric: true },
        { label: '取組', numeric: true },
      ],
      rows: rows.map((r) => ({ header: r.name, cells: [formatPercent(r.onTimeRate), `${formatInteger(r.overdueMilestones)}件`, `${formatInteger(r.items)}件`] })),
    },
    height: barChartHeight(rows.length, 24),
  };
}
