/**
 * A–D rating of a KPI against its target, for the public page and open data (issue 21), in the manner
 * of municipalities that publish their plan's progress (浜松市 rates each KPI A–D).
 *
 * 達成率 (achievement) = (reading − baseline) ÷ (target − baseline): the share of the way from the
 * baseline to the target covered by the latest reading (direction-aware: for lower-is-better KPIs the
 * target is below the baseline and the formula still gives 100 % at the target). A 期間値 (a total per
 * fiscal year) read part-way through a year (year-to-date after quarter q) is compared like with like:
 * baseline and target are pro-rated to q/4 of the year, as the status rule does (kpi-status.ts).
 *
 * Bands (the same text is shown on the page, `KPI_RATING_BANDS`):
 *   A — 100 % or more: the target is reached.
 *   B — 50 % or more: more than half of the way to the target.
 *   C — more than 0 %: improved on the baseline, less than half of the way.
 *   D — 0 % or less: no improvement on the baseline (or worse).
 *   — (評価なし) — no value yet, or baseline = target (nothing to measure).
 */
import type { KpiKind } from './labels.ts';

export const KPI_RATINGS = ['A', 'B', 'C', 'D'] as const;
export type KpiRating = (typeof KPI_RATINGS)[number];

/** The bands as shown to residents (page legend, README, open-data notes): one text for all. */
export const KPI_RATING_BANDS: readonly { rating: KpiRating | null; label: string; rule: string }[] = [
  { rating: 'A', label: 'A', rule: '達成率100%以上（目標値に到達）' },
  { rating: 'B', label: 'B', rule: '達成率50%以上100%未満（目標に向けて半分以上進んでいる）' },
  { rating: 'C', label: 'C', rule: '達成率0%超50%未満（基準値から改善しているが半分未満）' },
  { rating: 'D', label: 'D', rule: '達成率0%以下（基準値から改善していない）' },
  { rating: null, label: '－', rule: '評価なし（実績値がまだない、または基準値と目標値が同じ）' },
];

export const KPI_ACHIEVEMENT_RULE =
  '達成率 =（最新の実績値 − 基準値）÷（目標値 − 基準値）。年度の合計を測る指標（期間値）の年度途中の値は、基準値と目標値を経過した四半期の割合で按分して比べます。';

export interface RatingInput {
  valueKind: KpiKind;
  baselineValue: number;
  targetValue: number;
  /** The latest reading (as the status rule compares it), or null when there is none. */
  latest: { value: number; quarter: number; yearToDate: boolean } | null;
}

/** The achievement rate (1 = 100 %) or null when it cannot be measured. */
export function kpiAchievement(k: RatingInput): number | null {
  if (k.latest === null) return null;
  const partial = k.valueKind === 'period' && k.latest.yearToDate && k.latest.quarter >= 1 && k.latest.quarter <= 3;
  const f = partial ? k.latest.quarter / 4 : 1;
  const span = (k.targetValue - k.baselineValue) * f;
  if (span === 0) return null;
  return (k.latest.value - k.baselineValue * f) / span;
}

/** Ratio → band. A 1e-9 tolerance keeps rounding noise (0.1 + 0.2) from moving a KPI across a boundary. */
export function kpiRating(k: RatingInput): KpiRating | null {
  const a = kpiAchievement(k);
  if (a === null || !Number.isFinite(a)) return null;
  const eps = 1e-9;
  if (a >= 1 - eps) return 'A';
  if (a >= 0.5 - eps) return 'B';
  if (a > eps) return 'C';
  return 'D';
}
