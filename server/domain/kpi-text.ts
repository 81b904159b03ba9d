/**
 * Japanese text about KPIs, one rule for the API, the council exports and the web page:
 * - figures at the unit's sensible precision (% to 0.1; counts, hours and yen as whole numbers once they
 *   are 100 or more), never 「5,733.3時間/年」;
 * - periods as a council document writes them: 2025年度第2四半期, 2025年度の年間値 (no 「Q2」, no nested
 *   parentheses such as 「（2025年度（通年））」);
 * - sentences in です・ます; after the target year they speak of the target, never of 「この時点の期待値」.
 */
import type { KpiAssessment } from './kpi-status.ts';
import { KPI_STATUS_LABELS, type KpiDirection, type KpiKind } from './labels.ts';
import { KPI_DIRECTION_LABELS } from './labels.ts';

/** Decimal places a value of this unit is shown with. */
export function kpiFractionDigits(value: number, unit: string): number {
  if (unit.includes('%') || unit.includes('％')) return 1;
  const abs = Math.abs(value);
  if (abs >= 100) return 0;
  if (abs >= 10) return 1;
  return 2;
}

/** The value rounded to its unit's precision (for spreadsheet cells). */
export function roundKpiValue(value: number, unit: string): number {
  const f = 10 ** kpiFractionDigits(value, unit);
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** 6100, '時間/年' → 「6,100」; 5733.33 → 「5,733」; 40.06, '%' → 「40.1」 (without the unit). */
export function formatKpiNumber(value: number, unit: string): string {
  return roundKpiValue(value, unit).toLocaleString('ja-JP', { maximumFractionDigits: kpiFractionDigits(value, unit) });
}

/** 6100, '時間/年' → 「6,100時間/年」; 5733.33 → 「5,733時間/年」; 40.06, '%' → 「40.1%」. */
export function formatKpiValue(value: number, unit: string): string {
  return `${formatKpiNumber(value, unit)}${unit}`;
}

/** quarter 0 → 「2025年度の年間値」; 2 → 「2025年度第2四半期」. */
export function kpiPeriodLabel(fiscalYear: number, quarter: number): string {
  return quarter === 0 ? `${fiscalYear}年度の年間値` : `${fiscalYear}年度第${quarter}四半期`;
}

export type KpiTextInput = {
  unit: string;
  valueKind: KpiKind;
  direction: KpiDirection;
  baselineValue: number;
  baselineFiscalYear: number;
  targetValue: number;
  targetFiscalYear: number;
};

/** What `expected` is called in captions and tables: the path value, or the target once it applies. */
export function kpiExpectedCaption(kind: KpiKind, a: Pick<KpiAssessment, 'comparedWith' | 'reading'>): string {
  const proRated = kind === 'period' && a.reading !== null && a.reading.fraction < 1;
  if (a.comparedWith === 'target') return proRated ? '目標値の年度途中の按分' : '目標値';
  return proRated ? 'この時点の計画値（年度の計画値の按分）' : 'この時点の計画値';
}

/**
 * 「最新値は40.1%です（2026年度第2四半期）。目標は2025年度に70%で、状況は「未達成」です。…」
 * One paragraph, every sentence in です・ます. What the KPI is compared with (a national series or the body's own
 * value) is said by the page after it (web kpiComparison, issue 18's rules).
 */
export function kpiSummaryText(k: KpiTextInput, a: KpiAssessment): string {
  const v = (x: number) => formatKpiValue(x, k.unit);
  const target = `目標は${k.targetFiscalYear}年度に${v(k.targetValue)}`;
  const parts: string[] = [];
  const r = a.reading;
  if (r === null) {
    parts.push(`実績はまだ入力されていません。${target}、基準値は${k.baselineFiscalYear}年度の${v(k.baselineValue)}です。`);
  } else {
    const when = kpiPeriodLabel(r.fiscalYear, r.quarter);
    parts.push(
      k.valueKind === 'period' && r.fraction < 1
        ? `${when}までの年度累計は${v(r.value)}です。`
        : `最新値は${v(r.value)}です（${when}）。`,
    );
    const label = KPI_STATUS_LABELS[a.status];
    if (a.status === 'stale') {
      parts.push(`${target}です。その後の値が入力されていないため、状況は「${label}」です。`);
    } else if (a.comparedWith === 'target' || a.status === 'achieved' || a.expected === null) {
      parts.push(`${target}で、状況は「${label}」です。`);
    } else {
      parts.push(`${target}で、${kpiExpectedCaption(k.valueKind, a)}は${v(a.expected)}、状況は「${label}」です。`);
    }
  }
  parts.push(`${KPI_DIRECTION_LABELS[k.direction]}指標です。`);
  return parts.join('');
}
