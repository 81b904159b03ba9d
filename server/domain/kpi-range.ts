/**
 * Plausible KPI values: what an officer may enter as an actual value, checked in the browser first and again by
 * the API (services/kpis.ts). A count, an amount or a rate of a KPI whose baseline and target are not negative
 * cannot be negative; a percentage whose baseline and target are at most 100 cannot exceed 100. A value more than
 * JUMP_FACTOR times (or less than 1/JUMP_FACTOR of) the last one is allowed but asked about first.
 */
import { formatKpiValue } from './kpi-text.ts';

type KpiLike = { name: string; unit: string; baselineValue: number; targetValue: number };

export const JUMP_FACTOR = 10;

/** The allowed range of a KPI's values (null = unbounded on that side). */
export function kpiValueRange(kpi: Omit<KpiLike, 'name'>): KpiRange {
  const min = kpi.baselineValue >= 0 && kpi.targetValue >= 0 ? 0 : null;
  const percent = kpi.unit === '%' || kpi.unit === '％';
  const max = percent && kpi.baselineValue <= 100 && kpi.targetValue <= 100 ? 100 : null;
  return { min, max };
}

export type KpiRange = { min: number | null; max: number | null };

/** A Japanese message when the value is outside `range` (as the API sends it to the browser), else null. */
export function valueOutsideRange(kpi: Pick<KpiLike, 'name' | 'unit'>, { min, max }: KpiRange, value: number): string | null {
  if (min !== null && value < min) return `${kpi.name}の実績値は${formatKpiValue(min, kpi.unit)}以上で入力してください（入力: ${formatKpiValue(value, kpi.unit)}）。`;
  if (max !== null && value > max) return `${kpi.name}の実績値は${formatKpiValue(max, kpi.unit)}以下で入力してください（入力: ${formatKpiValue(value, kpi.unit)}）。`;
  return null;
}

/** A Japanese message when the value is outside the KPI's range, else null. */
export function kpiValueProblem(kpi: KpiLike, value: number): string | null {
  return valueOutsideRange(kpi, kpiValueRange(kpi), value);
}

/** A question when the value jumps more than JUMP_FACTOR× from the previous one (both positive), else null. */
export function kpiJumpQuestion(kpi: Pick<KpiLike, 'unit'>, previous: number | null, value: number): string | null {
  if (previous === null || previous <= 0 || value <= 0) return null;
  if (value <= previous * JUMP_FACTOR && value * JUMP_FACTOR >= previous) return null;
  return `前回の${formatKpiValue(previous, kpi.unit)}から${formatKpiValue(value, kpi.unit)}へ、${JUMP_FACTOR}倍を超えて変わります。この値で保存しますか？`;
}
