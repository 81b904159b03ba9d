/**
 * Plausible KPI values: what an officer may enter as an actual value, checked in the browser first and again by
 * the API (services/kpis.ts, which the spreadsheet import also writes through).
 *
 * A KPI may declare its allowed range (`allowedMin` / `allowedMax`, 「許容範囲（下限）」「許容範囲（上限）」). When
 * either side is declared, the declared range is THE range: the side left empty is unbounded (the derived rule
 * below is not mixed in, so a body can lift the 100% cap or allow negative values by declaring a range).
 * Otherwise the range is derived: a count, an amount or a rate of a KPI whose baseline and target are not negative
 * cannot be negative; a percentage whose baseline and target are at most 100 cannot exceed 100.
 * A value more than JUMP_FACTOR times (or less than 1/JUMP_FACTOR of) the last one is allowed but asked about first.
 */
import { formatKpiValue } from './kpi-text.ts';

type KpiLike = {
  name: string;
  unit: string;
  baselineValue: number;
  targetValue: number;
  allowedMin?: number | null;
  allowedMax?: number | null;
};

export const JUMP_FACTOR = 10;

/** The allowed range of a KPI's values (null = unbounded on that side): the declared one, else the derived one. */
export function kpiValueRange(kpi: Omit<KpiLike, 'name'>): KpiRange {
  const allowedMin = kpi.allowedMin ?? null;
  const allowedMax = kpi.allowedMax ?? null;
  if (allowedMin !== null || allowedMax !== null) return { min: allowedMin, max: allowedMax };
  const min = kpi.baselineValue >= 0 && kpi.targetValue >= 0 ? 0 : null;
  const percent = kpi.unit === '%' || kpi.unit === '％';
  const max = percent && kpi.baselineValue <= 100 && kpi.targetValue <= 100 ? 100 : null;
  return { min, max };
}

export type KpiRange = { min: number | null; max: number | null };

/** A Japanese message when the value is outside `range` (as the API sends it to the browser), else null. */
export function valueOutsideRange(kpi: Pick<KpiLike, 'name' | 'unit'>, { min, max }: KpiRange, value: number): string | null {
  const outside = (min !== null && value < min) || (max !== null && value > max);
  if (outside && min !== null && max !== null) {
    return `${kpi.name}の実績値は${formatKpiValue(min, kpi.unit)}以上${formatKpiValue(max, kpi.unit)}以下で入力してください（入力: ${formatKpiValue(value, kpi.unit)}）。`;
  }
  if (min !== null && value < min) return `${kpi.name}の実績値は${formatKpiValue(min, kpi.unit)}以上で入力してください（入力: ${formatKpiValue(value, kpi.unit)}）。`;
  if (max !== null && value > max) return `${kpi.name}の実績値は${formatKpiValue(max, kpi.unit)}以下で入力してください（入力: ${formatKpiValue(value, kpi.unit)}）。`;
  return null;
}

/** A Japanese message when the value is outside the KPI's range, else null. */
export function kpiValueProblem(kpi: KpiLike, value: number): string | null {
  return valueOutsideRange(kpi, kpiValueRange(kpi), value);
}

/** 「許容範囲（下限）は許容範囲（上限）以下の値にしてください（…）。」 when a declared range is upside down, else null. */
export function allowedRangeProblem(unit: string, allowedMin: number | null | undefined, allowedMax: number | null | undefined): string | null {
  if (allowedMin === null || allowedMin === undefined || allowedMax === null || allowedMax === undefined) return null;
  if (allowedMin <= allowedMax) return null;
  return `許容範囲（下限）は許容範囲（上限）以下の値にしてください（下限: ${formatKpiValue(allowedMin, unit)}、上限: ${formatKpiValue(allowedMax, unit)}）。`;
}

/** A question when the value jumps more than JUMP_FACTOR× from the previous one (both positive), else null. */
export function kpiJumpQuestion(kpi: Pick<KpiLike, 'unit'>, previous: number | null, value: number): string | null {
  if (previous === null || previous <= 0 || value <= 0) return null;
  if (value <= previous * JUMP_FACTOR && value * JUMP_FACTOR >= previous) return null;
  return `前回の${formatKpiValue(previous, kpi.unit)}から${formatKpiValue(value, kpi.unit)}へ、${JUMP_FACTOR}倍を超えて変わります。この値で保存しますか？`;
}
