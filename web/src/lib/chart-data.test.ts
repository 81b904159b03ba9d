import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue } from './format.ts';
import {
  adherenceChartConfig,
  adherenceFigure,
  adherenceLegend,
  adherenceSummary,
  adherenceTable,
  currentAdherencePoint,
  kpiChartConfig,
  kpiFigure,
  kpiSummary,
  kpiTable,
  kpiValueRange,
  percentOf,
  quarterTick,
  SERIES,
  sortAttention,
  todayPosition,
  type XY,
} from './chart-data.ts';
import type { AdherencePoint, AttentionItem, FiscalQuarter, KpiWithSeries } from './types.ts';

/** Quarters FY2025 Q1 … FY2027 Q4 with cumulative numbers; quarters after 2026Q3 are future. */
function adherence(): AdherencePoint[] {
  const planned = [0, 1, 1, 5, 6, 8, 10, 12, 13, 13, 14, 15];
  const done = [0, 1, 2, 4, 5, 6, 7, 7, 7, 7, 7, 7];
  const points: AdherencePoint[] = [];
  for (let i = 0; i < planned.length; i++) {
    const fiscalYear = 2025 + Math.floor(i / 4);
    const quarter = (i % 4) + 1;
    points.push({
      fiscalYear,
      quarter,
      label: `${fiscalYear}年度Q${quarter}`,
      plannedCumulative: planned[i]!,
      actualCumulative: done[i]!,
      plannedInQuarter: planned[i]! - (planned[i - 1] ?? 0),
      doneInQuarter: done[i]! - (done[i - 1] ?? 0),
      isFuture: i > 6,
    });
  }
  return points;
}

const CURRENT: FiscalQuarter = { fiscalYear: 2026, quarter: 3, label: '2026年度 第3四半期' };
const AS_OF = '2026-11-23';

function kpi(overrides: Partial<KpiWithSeries> = {}): KpiWithSeries {
  return {
    id: 1,
    itemId: 5,
    itemTitle: '自治体の行政手続のオンライン化',
    name: 'オンライン申請利用率',
    unit: '%',
    direction: 'higher',
    directionLabel: '高いほど良い',
    baselineValue: 8.2,
    baselineFiscalYear: 2021,
    targetValue: 70,
    targetFiscalYear: 2025,
    benchmarkValue: null,
    benchmarkLabel: '',
    nationalBenchmark: {
      code: 'online_usage_promoted_procedures',
      title: 'オンライン利用促進対象手続のオンライン利用率（全国）',
      definition: '対象手続の総件数に占めるオンライン件数の割合',
      value: 52.6,
      unit: '%',
      asOf: null,
      fiscalYear: 2018,
      needsVerification: false,
      sources: [],
    },
    isSample: true,
    version: 1,
    status: 'behind',
    statusLabel: '遅れ',
    valueKind: 'point',
    kindLabel: '時点値',
    periodEntry: 'year_to_date',
    latest: { fiscalYear: 2026, quarter: 2, label: '2026年度第2四半期', value: 40.1, yearToDate: false },
    expected: 70,
    expectedLabel: '目標値',
    summary: '最新値は40.1%です（2026年度第2四半期）。目標は2025年度に70%で、状況は「未達成」です。',
    progressToTarget: 0.516,
    series: [
      { fiscalYear: 2025, quarter: 3, label: '2025年度Q3', actual: 34.8, expected: 66.1375 },
      { fiscalYear: 2025, quarter: 4, label: '2025年度Q4', actual: null, expected: 70 },
      { fiscalYear: 2026, quarter: 1, label: '2026年度Q1', actual: 38.5, expected: 70 },
      { fiscalYear: 2026, quarter: 2, label: '2026年度Q2', actual: 40.1, expected: 70 },
    ],
    ...overrides,
  };
}

function attention(overrides: Partial<AttentionItem>): AttentionItem {
  return {
    itemId: 1,
    title: 'A',
    categoryName: '分野',
    sectionName: '課',
    status: 'delayed',
    statusLabel: '遅延',
    reasons: [],
    deadlineDate: null,
    daysToDeadline: null,
    delayDays: 0,
    forecastFinish: null,
    ...overrides,
  };
}

describe('number helpers', () => {
  it('formats values with their unit and at most one decimal', () => {
    expect(formatNumber(6100)).toBe('6,100');
    expect(formatNumber(40.14)).toBe('40.1');
    expect(formatNumber(null)).toBe('—');
    expect(formatValue(40.1, '%')).toBe('40.1%');
    expect(formatValue(206500, '千円')).toBe('206,500千円');
    expect(formatValue(null, '%')).toBe('—');
  });

  it('percentOf rounds to a whole percent and refuses a zero denominator', () => {
    expect(percentOf(26, 36)).toBe(72);
    expect(percentOf(26, 31)).toBe(84);
    expect(percentOf(3, 0)).toBeNull();
  });
});

describe('fiscal quarters', () => {
  it('places the reference date between the ends of the previous and the current quarter', () => {
    const points = adherence();
    // 2026 Q3 is index 6; Oct 1 .. Nov 23 = 54 of 92 days.
    expect(todayPosition(points, AS_OF)).toBeCloseTo(5 + 54 / 92, 10);
    // The last day of a quarter is exactly on its point.
    expect(todayPosition(points, '2026-12-31')).toBe(6);
    // Q4 runs Jan–Mar of the next calendar year (90 days in 2027).
    expect(todayPosition(points, '2027-01-01')).toBeCloseTo(6 + 1 / 90, 10);
    // The first quarter of the series is clamped to the axis.
    expect(todayPosition(points, '2025-04-10')).toBe(0);
    // Outside the series: no line.
    expect(todayPosition(points, '2031-01-01')).toBeNull();
  });

  it('labels only Q1 ticks, with the fiscal year', () => {
    expect(quarterTick({ fiscalYear: 2026, quarter: 1 })).toBe('2026年度');
    expect(quarterTick({ fiscalYear: 2026, quarter: 2 })).toBe('');
    expect(quarterTick(undefined)).toBe('');
  });
});

describe('schedule adherence', () => {
  it('finds the current quarter, or the last past one', () => {
    expect(currentAdherencePoint(adherence(), CURRENT)?.label).toBe('2026年度Q3');
    expect(currentAdherencePoint(adherence(), { fiscalYear: 2040, quarter: 1, label: '' })?.label).toBe('2026年度Q3');
    expect(currentAdherencePoint([], CURRENT)).toBeNull();
  });

  it('summarises planned vs done by the end of the current quarter and for the whole plan', () => {
    expect(adherenceSummary(adherence(), CURRENT)).toBe(
      '2026年度Q3末までに予定10件のうち完了7件（70%）。予定より3件少ない状況です。' +
        '計画期間全体（2027年度Q4まで）では予定15件のうち完了7件（47%）です。',
    );
  });

  it('says so when more is done than planned, or nothing was planned, or there is no data', () => {
    const ahead = adherence().map((p) => ({ ...p, actualCumulative: p.plannedCumulative + 2 }));
    expect(adherenceSummary(ahead, CURRENT)).toContain('予定10件に対し、完了12件（予定を2件上回っています）。');
    const none = adherence().map((p) => ({ ...p, plannedCumulative: 0, actualCumulative: 0 }));
    expect(adherenceSummary(none, CURRENT)).toBe('2026年度Q3末までに予定されたマイルストーンはありません（完了0件）。');
    expect(adherenceSummary([], CURRENT)).toBe('マイルストーンの予定が登録されていません。');
  });

  it('builds a line chart: planned for every quarter, done up to the reference date', () => {
    const points = adherence();
    const config = adherenceChartConfig(points, AS_OF);
    expect(config.type).toBe('line');
    expect(config.options?.parsing).toBe(false);
    expect(config.options?.normalized).toBe(true);
    expect(config.options?.animation).toBe(false);
    expect(config.data.labels).toHaveLength(12);
    const [planned, done] = config.data.datasets;
    expect(planned?.label).toBe('予定（累計）');
    expect((planned?.data as XY[]).map((p) => p.y)).toEqual([0, 1, 1, 5, 6, 8, 10, 12, 13, 13, 14, 15]);
    expect((planned?.data as XY[]).map((p) => p.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(planned?.borderDash).toEqual(SERIES.planned.dash);
    expect(planned?.pointStyle).toBe('rect');
    expect(done?.label).toBe('完了（累計）');
    expect(done?.borderDash).toBeUndefined();
    expect(done?.pointStyle).toBe('circle');
    const doneData = done?.data as XY[];
    expect(doneData.map((p) => p.y)).toEqual([0, 1, 2, 4, 5, 6, 7, null, null, null, null, null]);
    // The current quarter's "done so far" sits on the 基準日 line; the others on their quarter.
    expect(doneData[6]?.x).toBeCloseTo(5 + 54 / 92, 10);
    expect(doneData[5]?.x).toBe(5);
    expect(doneData[7]?.x).toBe(7);
    // x stays sorted (normalized: true requires it).
    const xs = doneData.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // Future quarters: hollow planned points.
    expect(planned?.pointBackgroundColor).toEqual([...Array(7).fill(SERIES.planned.color), ...Array(5).fill('#ffffff')]);
  });

  it('draws the 基準日 line and shades the future with the annotation plugin', () => {
    const config = adherenceChartConfig(adherence(), AS_OF);
    const annotations = config.options?.plugins?.annotation?.annotations as Record<string, any>;
    expect(annotations.today).toMatchObject({ type: 'line', scaleID: 'x', borderColor: SERIES.today.color });
    expect(annotations.today.value).toBeCloseTo(5 + 54 / 92, 10);
    expect(annotations.today.label.content).toBe('基準日 2026年11月23日');
    expect(annotations.future).toMatchObject({ type: 'box', xMax: 11 });
    expect(annotations.future.xMin).toBeCloseTo(5 + 54 / 92, 10);
    expect(annotations.future.label.content).toBe('今後');
    expect(config.options?.plugins?.legend?.display).toBe(false);
  });

  it('has no annotations when the reference date is outside the series', () => {
    const config = adherenceChartConfig(adherence(), '2035-01-01');
    expect(config.options?.plugins?.annotation?.annotations).toEqual({});
  });

  it('tabulates every quarter with the same numbers; future done cells are blank', () => {
    const table = adherenceTable(adherence(), CURRENT);
    expect(table.caption).toBe('四半期別のマイルストーンの予定と完了（件数）');
    expect(table.columns.map((c) => c.label)).toEqual(['四半期', '予定（四半期）', '完了（四半期）', '予定（累計）', '完了（累計）']);
    expect(table.rows).toHaveLength(12);
    expect(table.rows[3]).toEqual({ header: '2025年度Q4', cells: ['4', '2', '5', '4'], muted: false });
    expect(table.rows[6]).toEqual({ header: '2026年度Q3（基準日時点）', cells: ['2', '1', '10', '7'], muted: false });
    expect(table.rows[11]).toEqual({ header: '2027年度Q4（今後）', cells: ['1', '—', '15', '—'], muted: true });
  });

  it('has a legend entry per series, told apart by dash and marker', () => {
    const legend = adherenceLegend(true);
    expect(legend.map((e) => e.label)).toEqual(['予定（累計）', '完了（累計）', '基準日', '今後（基準日より後）']);
    expect(legend[0]).toMatchObject({ dash: [6, 4], marker: 'rect' });
    expect(legend[1]).toMatchObject({ marker: 'circle' });
    expect(legend[3]?.kind).toBe('box');
    expect(adherenceLegend(false)).toHaveLength(3);
  });

  it('adherenceFigure puts the summary in the canvas label', () => {
    const figure = adherenceFigure(adherence(), AS_OF, CURRENT);
    expect(figure.label).toContain('2026年度Q3末までに予定10件のうち完了7件（70%）');
    expect(figure.summary).toBe(adherenceSummary(adherence(), CURRENT));
    expect(figure.table.rows).toHaveLength(12);
  });
});

describe('KPIs', () => {
  it('shows the server’s KPI sentence (server/domain/kpi-text.ts), then what it is compared with', () => {
    expect(kpiSummary(kpi())).toBe(
      kpi().summary +
        '全国の比較値は52.6%（オンライン利用促進対象手続のオンライン利用率（全国）、2018年度。定義：対象手続の総件数に占めるオンライン件数の割合）。',
    );
    expect(kpiFigure(kpi()).summary).toBe(kpiSummary(kpi()));
  });

  it('never calls a value the body entered a national one, and says 要確認', () => {
    const own = kpi({ nationalBenchmark: null, benchmarkValue: 60, benchmarkLabel: '県内平均（サンプル）' });
    expect(kpiSummary(own)).toContain('比較値（団体が設定）は60%（県内平均（サンプル））。');
    expect(kpiSummary(own)).not.toContain('全国');
    expect(kpiChartConfig(own).data.datasets.map((d) => d.label)).toContain('比較値（団体が設定）');
    const unverified = kpi({ nationalBenchmark: { ...kpi().nationalBenchmark!, needsVerification: true } });
    expect(kpiSummary(unverified)).toContain('2018年度、要確認。');
  });

  it('with nothing to compare with, the server’s sentence alone', () => {
    const none = kpi({ nationalBenchmark: null, benchmarkValue: null, benchmarkLabel: '' });
    expect(kpiSummary(none)).toBe(none.summary);
  });

  it('builds actual (solid), expected (dashed), target and benchmark datasets of equal length', () => {
    const config = kpiChartConfig(kpi());
    expect(config.options?.parsing).toBe(false);
    expect(config.data.labels).toEqual(['2025年度Q3', '2025年度Q4', '2026年度Q1', '2026年度Q2']);
    const byLabel = Object.fromEntries(config.data.datasets.map((d) => [d.label, d]));
    expect(Object.keys(byLabel)).toEqual(['実績', '計画線', '目標値', '全国の比較値']);
    expect((byLabel['実績']!.data as XY[]).map((p) => p.y)).toEqual([34.8, null, 38.5, 40.1]);
    expect(byLabel['実績']!.spanGaps).toBe(true);
    expect(byLabel['実績']!.borderDash).toBeUndefined();
    expect((byLabel['計画線']!.data as XY[]).map((p) => p.y)).toEqual([66.1375, 70, 70, 70]);
    expect(byLabel['計画線']!.borderDash).toEqual([6, 4]);
    expect((byLabel['目標値']!.data as XY[]).map((p) => p.y)).toEqual([70, 70, 70, 70]);
    expect((byLabel['全国の比較値']!.data as XY[]).map((p) => p.y)).toEqual([52.6, 52.6, 52.6, 52.6]);
    // Every series has its own dash pattern.
    const dashes = config.data.datasets.map((d) => JSON.stringify(d.borderDash ?? []));
    expect(new Set(dashes).size).toBe(4);
    expect((config.options?.scales?.y as any).title.text).toBe('単位：%');
  });

  it('leaves the benchmark out when there is none', () => {
    const noBenchmark = kpi({ nationalBenchmark: null, benchmarkValue: null, benchmarkLabel: '' });
    expect(kpiChartConfig(noBenchmark).data.datasets.map((d) => d.label)).toEqual(['実績', '計画線', '目標値']);
    expect(kpiTable(noBenchmark).columns.map((c) => c.label)).toEqual(['四半期', '実績', '計画値', '目標値']);
    expect(kpiFigure(noBenchmark).legend.map((e) => e.label)).toEqual(['実績', '計画線', '目標値（2025年度）']);
  });

  it('pads the y range by 5% and keeps it at or above 0 for non-negative values', () => {
    // Values 34.8 … 70: range 35.2, pad 1.76.
    const range = kpiValueRange(kpi())!;
    expect(range.min).toBeCloseTo(34.8 - 1.76, 10);
    expect(range.max).toBeCloseTo(71.76, 10);
    const fromZero = kpi({ series: [{ fiscalYear: 2025, quarter: 1, label: 'x', actual: 0, expected: 0 }], targetValue: 20, nationalBenchmark: null });
    expect(kpiValueRange(fromZero)).toEqual({ min: 0, max: 21 });
    expect((kpiChartConfig(kpi()).options?.scales?.y as any).suggestedMax).toBeCloseTo(71.76, 10);
  });

  it('tabulates the series with the unit in the caption', () => {
    const table = kpiTable(kpi());
    expect(table.caption).toBe('オンライン申請利用率の推移（単位：%）');
    expect(table.rows.map((r) => r.header)).toEqual(['2025年度Q3', '2025年度Q4', '2026年度Q1', '2026年度Q2']);
    expect(table.rows[0]?.cells).toEqual(['34.8', '66.1', '70', '52.6']);
    expect(table.rows[1]?.cells).toEqual(['—', '70', '70', '52.6']);
  });

  it('labels the canvas with the latest value and the target', () => {
    expect(kpiFigure(kpi()).label).toBe('オンライン申請利用率の推移のグラフ：最新値40.1%、目標70%（2025年度）');
    expect(kpiFigure(kpi({ latest: null })).label).toBe('オンライン申請利用率の推移のグラフ：未計測、目標70%（2025年度）');
  });
});

describe('要対応の取組', () => {
  it('sorts worst status first, then the longest delay, then the title', () => {
    const items = [
      attention({ itemId: 1, title: 'い', status: 'delayed', delayDays: 10 }),
      attention({ itemId: 2, title: 'ろ', status: 'past_deadline', delayDays: 5 }),
      attention({ itemId: 3, title: 'は', status: 'delayed', delayDays: 600 }),
      attention({ itemId: 4, title: 'に', status: 'at_risk', delayDays: 146 }),
      attention({ itemId: 5, title: 'あ', status: 'delayed', delayDays: 10 }),
    ];
    expect(sortAttention(items).map((i) => i.itemId)).toEqual([2, 4, 3, 5, 1]);
    // The input is not modified.
    expect(items.map((i) => i.itemId)).toEqual([1, 2, 3, 4, 5]);
  });
});
