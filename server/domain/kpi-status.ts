/**
 * KPI (指標) assessment against a straight-line path from baseline to target.
 *
 * Values are placed on the quarter index scale of fiscal.ts. A whole-year value (quarter 0) is a
 * figure for the year as a whole, known only at its end, so it sits at the year's Q4. The baseline
 * and the target are likewise read at the end of their fiscal years.
 */
import {
  fiscalQuarterShortLabel,
  fiscalQuartersBetween,
  quarterIndex,
  type FiscalQuarter,
  type Quarter,
} from './fiscal.ts';
import type { KpiDirection, KpiStatus } from './labels.ts';

export type KpiLike = {
  direction: KpiDirection;
  baselineValue: number;
  baselineFiscalYear: number;
  targetValue: number;
  targetFiscalYear: number;
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

export type KpiAssessment = {
  status: KpiStatus;
  latest: KpiValueLike | null;
  expected: number | null;
  progressToTarget: number | null;
};

/**
 * no values → 'no_data'; latest meets the target → 'achieved'; latest meets the path value for its
 * own period → 'on_track'; else 'behind'. "Meets" is ≥ for higher-is-better, ≤ for lower-is-better.
 * progressToTarget = (latest − baseline) / (target − baseline): 1 = target reached, negative = moved
 * the wrong way; the formula holds for both directions. null when target equals baseline.
 */
export function kpiStatus(kpi: KpiLike, values: KpiValueLike[]): KpiAssessment {
  const latest = latestValue(values);
  if (latest === null) return { status: 'no_data', latest: null, expected: null, progressToTarget: null };
  const expected = expectedValueAt(kpi, periodIndex(latest));
  const span = kpi.targetValue - kpi.baselineValue;
  const progressToTarget = span === 0 ? null : (latest.value - kpi.baselineValue) / span;
  let status: KpiStatus;
  if (meets(kpi, latest.value, kpi.targetValue)) status = 'achieved';
  else if (meets(kpi, latest.value, expected)) status = 'on_track';
  else status = 'behind';
  return { status, latest, expected, progressToTarget };
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
  const byIndex = new Map<number, KpiValueLike>();
  for (const v of values) {
    const i = periodIndex(v);
    const current = byIndex.get(i);
    if (current === undefined || (v.quarter === 0 && current.quarter !== 0)) byIndex.set(i, v);
  }
  return fiscalQuartersBetween(from, to).map((quarter) => {
    const i = quarterIndex(quarter);
    return {
      quarter,
      label: fiscalQuarterShortLabel(quarter),
      actual: byIndex.get(i)?.value ?? null,
      expected: expectedValueAt(kpi, i),
    };
  });
}
