/**
 * KPI (指標) assessment against a straight-line path from baseline to target, by kind (labels.ts
 * KPI_KINDS): 時点値 and 累計 compare the latest value with the path at its period; 期間値 compare the
 * year-to-date total with the year's path value pro-rated (like with like).
 *
 * Values are placed on the quarter index scale of fiscal.ts. A whole-year value (quarter 0) is a
 * figure for the year as a whole, known only at its end, so it sits at the year's Q4. The baseline
 * and the target are likewise read at the end of their fiscal years.
 */
import {
  fiscalQuarterOf,
  fiscalQuarterShortLabel,
  quarterFromIndex,
  fiscalQuartersBetween,
  quarterIndex,
  type FiscalQuarter,
  type Quarter,
} from './fiscal.ts';
import type { KpiDirection, KpiKind, KpiPeriodEntry, KpiStatus } from './labels.ts';

export type KpiLike = {
  direction: KpiDirection;
  baselineValue: number;
  baselineFiscalYear: number;
  targetValue: number;
  targetFiscalYear: number;
  /** 累計 / 期間値 / 時点値; absent = 時点値 (the behaviour before kinds existed). */
  valueKind?: KpiKind;
  /** 期間値 only: how quarterly values were entered (absent = year-to-date). */
  periodEntry?: KpiPeriodEntry;
};

/** quarter: 0 = whole fiscal year, 1–4 = that fiscal quarter. */
export type KpiValueLike = { fiscalYear: number; quarter: number; value: number };

export function periodIndex(v: { fiscalYear: number; quarter: number }): number {
  if (!Number.isInteger(v.quarter) || v.quarter < 0 || v.quarter > 4) {
    throw new RangeError(`Invalid KPI period quarter: ${v.quarter}`);
  }
  const quarter = (v.quarter === 0 ? 4 : v.quarter) as Quarter;
  return quarterIndex({ fiscalYear: v.fiscalYear, quarter });
}

const endOfYearIndex = (fy: number) => quarterIndex({ fiscalYear: fy, quarter: 4 });

/** The value expected at `index` on the line baseline → target, flat before and after. */
export function expectedValueAt(kpi: KpiLike, index: number): number {
  const start = endOfYearIndex(kpi.baselineFiscalYear);
  const end = endOfYearIndex(kpi.targetFiscalYear);
  // Checked first so a target set for the baseline year itself (start == end) is expected from then on.
  if (index >= end) return kpi.targetValue;
  if (index <= start) return kpi.baselineValue;
  return kpi.baselineValue + ((kpi.targetValue - kpi.baselineValue) * (index - start)) / (end - start);
}

/**
 * Whether `value` is at least as good as `goal`. A tiny tolerance keeps interpolation noise
 * (e.g. 59.99999999 vs 60) from flipping a status.
 */
function meets(kpi: KpiLike, value: number, goal: number): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(goal));
  return kpi.direction === 'higher' ? value >= goal - eps : value <= goal + eps;
}

/**
 * The most recent value. On an equal index (a Q4 value and the whole-year value of the same year) the
 * whole-year value wins: it is the year's official figure. Exact duplicates: the first one given.
 */
export function latestValue(values: KpiValueLike[]): KpiValueLike | null {
  let best: KpiValueLike | null = null;
  let bestIndex = -Infinity;
  for (const v of values) {
    const i = periodIndex(v);
    if (i > bestIndex || (i === bestIndex && v.quarter === 0 && best?.quarter !== 0)) {
      best = v;
      bestIndex = i;
    }
  }
  return best;
}

/**
 * A value as the status compares it. 時点値 / 累計: the value itself. 期間値: the year-to-date total of a
 * fiscal year (the whole-year value when there is one; else the latest quarter's figure when entered
 * year-to-date, or the sum of the quarters entered when entered per quarter), with the share of the
 * year it covers (`fraction`, 1 for a whole year).
 */
export type KpiReading = {
  fiscalYear: number;
  quarter: number;
  index: number;
  value: number;
  fraction: number;
  /** Entered as a whole-year value (quarter 0): the KPI is reported yearly. */
  annual: boolean;
};

const kindOf = (kpi: KpiLike): KpiKind => kpi.valueKind ?? 'point';

/** 期間値: one reading per fiscal year (see KpiReading); others: one per value. Sorted by index. */
export function kpiReadings(kpi: KpiLike, values: KpiValueLike[]): KpiReading[] {
  if (kindOf(kpi) !== 'period') {
    const byIndex = new Map<number, KpiValueLike>();
    for (const v of values) {
      const i = periodIndex(v);
      const cur = byIndex.get(i);
      if (cur === undefined || (v.quarter === 0 && cur.quarter !== 0)) byIndex.set(i, v);
    }
    return [...byIndex.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([index, v]) => ({ fiscalYear: v.fiscalYear, quarter: v.quarter, index, value: v.value, fraction: 1, annual: v.quarter === 0 }));
  }
  return periodReadingsByQuarter(kpi, values).filter((r, i, all) => i === all.length - 1 || all[i + 1]!.fiscalYear !== r.fiscalYear);
}

/** 期間値: the year-to-date reading at every quarter that has a value (running within each year). */
function periodReadingsByQuarter(kpi: KpiLike, values: KpiValueLike[]): KpiReading[] {
  const years = [...new Set(values.map((v) => v.fiscalYear))].sort((a, b) => a - b);
  const out: KpiReading[] = [];
  for (const fy of years) {
    const own = values.filter((v) => v.fiscalYear === fy);
    const whole = own.find((v) => v.quarter === 0);
    let sum = 0;
    for (const v of own.filter((x) => x.quarter !== 0).sort((a, b) => a.quarter - b.quarter)) {
      if (whole && v.quarter === 4) continue; // the whole-year figure stands for the year's end
      sum += v.value;
      const value = kpi.periodEntry === 'per_quarter' ? sum : v.value;
      out.push({ fiscalYear: fy, quarter: v.quarter, index: periodIndex(v), value, fraction: v.quarter / 4, annual: false });
    }
    if (whole) out.push({ fiscalYear: fy, quarter: 0, index: periodIndex(whole), value: whole.value, fraction: 1, annual: true });
  }
  return out;
}

/** The value the reading is compared with: the path at its period; for 期間値 the year's path value pro-rated. */
export function expectedForReading(kpi: KpiLike, r: KpiReading): number {
  if (kindOf(kpi) !== 'period') return expectedValueAt(kpi, r.index);
  return expectedValueAt(kpi, endOfYearIndex(r.fiscalYear)) * r.fraction;
}

/**
 * Whether the KPI should have a newer reading by `today`: a quarter's figure is due by the end of the
 * following quarter (one quarter's grace), a yearly figure by the end of the next year's Q1.
 */
export function isStale(r: KpiReading, today: string): boolean {
  const cur = quarterIndex(fiscalQuarterOf(today));
  if (r.annual) return r.fiscalYear < quarterFromIndex(cur - 1).fiscalYear - 1;
  return r.index < cur - 2;
}

export type KpiAssessment = {
  status: KpiStatus;
  latest: KpiValueLike | null;
  /** The latest reading as compared (期間値: year-to-date). */
  reading: KpiReading | null;
  expected: number | null;
  /** 'target' once the reading covers the target year: `expected` is the target and captions say 目標値. */
  comparedWith: 'path' | 'target' | null;
  progressToTarget: number | null;
};

/**
 * Worst cases first:
 * - no values → 'no_data' (未計測).
 * - 累計 that reached the target → 'achieved' (a running total does not go back).
 * - a whole-year reading covers the target year (or later) → 'achieved' or 'missed' (未達成): final.
 * - no reading for the period due by now (isStale) → 'stale' (未更新), however good the last one was.
 * - meets the target → 'achieved'; meets the expected value of its own period → 'on_track'; else 'behind'.
 * "Meets" is ≥ for higher-is-better, ≤ for lower-is-better. 期間値 compare a year-to-date total with the
 * year's path value pro-rated to the quarter (like with like); a partial year reaches the target only
 * for higher-is-better. progressToTarget = (reading − baseline) / (target − baseline), null when equal.
 */
export function kpiStatus(kpi: KpiLike, values: KpiValueLike[], today: string): KpiAssessment {
  const latest = latestValue(values);
  const readings = kpiReadings(kpi, values);
  const reading = readings[readings.length - 1] ?? null;
  if (latest === null || reading === null) {
    return { status: 'no_data', latest: null, reading: null, expected: null, comparedWith: null, progressToTarget: null };
  }
  const kind = kindOf(kpi);
  const final = reading.index >= endOfYearIndex(kpi.targetFiscalYear);
  const expected = expectedForReading(kpi, reading);
  const span = kpi.targetValue - kpi.baselineValue;
  const progressToTarget = span === 0 ? null : (reading.value - kpi.baselineValue) / span;
  const reachesTarget =
    meets(kpi, reading.value, kpi.targetValue) && (reading.fraction === 1 || kpi.direction === 'higher');
  const out = { latest, reading, expected, comparedWith: final ? ('target' as const) : ('path' as const), progressToTarget };

  let status: KpiStatus;
  if (kind === 'cumulative' && reachesTarget) status = 'achieved';
  else if (final && reading.fraction === 1) status = reachesTarget ? 'achieved' : 'missed';
  else if (isStale(reading, today)) status = 'stale';
  else if (reachesTarget) status = 'achieved';
  else if (meets(kpi, reading.value, expected)) status = 'on_track';
  else status = 'behind';
  return { status, ...out };
}

export type KpiSeriesPoint = { quarter: FiscalQuarter; label: string; actual: number | null; expected: number };

/**
 * One point per fiscal quarter of the range, for charting actual against the path. A quarter with
 * no value has actual null (a gap, not zero). A whole-year value is drawn at Q4 and, as in
 * latestValue, wins over a Q4 quarterly value so the chart's last point matches the status.
 */
export function kpiQuarterSeries(
  kpi: KpiLike,
  values: KpiValueLike[],
  from: FiscalQuarter,
  to: FiscalQuarter,
): KpiSeriesPoint[] {
  const period = kindOf(kpi) === 'period';
  // 期間値 entered during the year are drawn against the pro-rated year (a saw-tooth); annual-only values
  // against the year's value itself, so the line does not dip where there is nothing to compare.
  const proRate = period && values.some((v) => v.quarter !== 0);
  const byIndex = new Map<number, KpiReading>();
  for (const r of period ? periodReadingsByQuarter(kpi, values) : kpiReadings(kpi, values)) {
    const cur = byIndex.get(r.index);
    if (cur === undefined || (r.annual && !cur.annual)) byIndex.set(r.index, r);
  }
  return fiscalQuartersBetween(from, to).map((quarter) => {
    const i = quarterIndex(quarter);
    const fraction = quarter.quarter / 4;
    return {
      quarter,
      label: fiscalQuarterShortLabel(quarter),
      actual: byIndex.get(i)?.value ?? null,
      // 期間値: the year's path value pro-rated to the quarter, the same yardstick as the status.
      expected: period
        ? expectedValueAt(kpi, endOfYearIndex(quarter.fiscalYear)) * (proRate ? fraction : 1)
        : expectedValueAt(kpi, i),
    };
  });
}
