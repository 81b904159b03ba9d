/** KPI text rules (server/domain/kpi-text.ts): precision by unit, council period names, one style, no 期待値 after the target year. */
import { describe, expect, it } from 'vitest';
import { kpiStatus, type KpiLike } from '../../server/domain/kpi-status.ts';
import { formatKpiValue, kpiExpectedCaption, kpiPeriodLabel, kpiSummaryText, roundKpiValue, type KpiTextInput } from '../../server/domain/kpi-text.ts';

describe('figures at the unit’s sensible precision', () => {
  it.each([
    [5733.333, '時間/年', '5,733時間/年'],
    [6100, '時間/年', '6,100時間/年'],
    [40.06, '%', '40.1%'],
    [70, '%', '70%'],
    [12.345, '回', '12.3回'],
    [0.1234, '件', '0.12件'],
    [-0.001, '件', '0件'],
    [206500, '千円', '206,500千円'],
  ])('%s %s → %s', (v, unit, text) => expect(formatKpiValue(v, unit)).toBe(text));
  it('rounds cells the same way', () => {
    expect(roundKpiValue(5733.333, '時間/年')).toBe(5733);
    expect(roundKpiValue(40.06, '%')).toBe(40.1);
  });
});

describe('periods', () => {
  it('第N四半期 and 年間値, never Q2 or （通年） inside parentheses', () => {
    expect(kpiPeriodLabel(2025, 2)).toBe('2025年度第2四半期');
    expect(kpiPeriodLabel(2025, 0)).toBe('2025年度の年間値');
  });
});

const base: KpiTextInput & KpiLike = {
  unit: '時間/年',
  valueKind: 'period',
  direction: 'higher',
  baselineValue: 1200,
  baselineFiscalYear: 2021,
  targetValue: 8000,
  targetFiscalYear: 2027,
};

describe('kpiSummaryText', () => {
  const sentences = (s: string) => s.split('。').filter(Boolean);
  it('before the target year: the plan value of the time, in です・ます', () => {
    const s = kpiSummaryText(base, kpiStatus(base, [{ fiscalYear: 2025, quarter: 0, value: 6100 }], '2026-11-23'));
    expect(s).toBe('最新値は6,100時間/年です（2025年度の年間値）。目標は2027年度に8,000時間/年で、この時点の計画値は5,733時間/年、状況は「順調」です。高いほど良い指標です。');
    for (const x of sentences(s)) expect(x).toMatch(/です(（[^（）]*）)?$/);
  });
  it('after the target year: the target, never 期待値; nested parentheses never', () => {
    const after = { ...base, valueKind: 'point' as const, unit: '%', baselineValue: 8.2, targetValue: 70, targetFiscalYear: 2025 };
    const s = kpiSummaryText(after, kpiStatus(after, [{ fiscalYear: 2026, quarter: 2, value: 40.1 }], '2026-11-23'));
    expect(s).toContain('目標は2025年度に70%で、状況は「未達成」です。');
    expect(s).not.toMatch(/期待値|計画値/);
    expect(s).not.toMatch(/（[^）]*（/);
  });
  it('year to date for 期間値 during the year, and 未更新 says why', () => {
    const ytd = kpiSummaryText(base, kpiStatus(base, [{ fiscalYear: 2026, quarter: 2, value: 3000 }], '2026-11-23'));
    expect(ytd).toContain('2026年度第2四半期までの年度累計は3,000時間/年です。');
    expect(ytd).toContain('この時点の計画値（年度の計画値の按分）');
    const stale = kpiSummaryText(base, kpiStatus(base, [{ fiscalYear: 2022, quarter: 0, value: 3000 }], '2026-11-23'));
    expect(stale).toContain('その後の値が入力されていないため、状況は「未更新」です。');
  });
  it('no values', () => {
    expect(kpiSummaryText(base, kpiStatus(base, [], '2026-11-23'))).toBe('実績はまだ入力されていません。目標は2027年度に8,000時間/年、基準値は2021年度の1,200時間/年です。高いほど良い指標です。');
  });
  it('captions', () => {
    expect(kpiExpectedCaption('point', { comparedWith: 'target', reading: null })).toBe('目標値');
    expect(kpiExpectedCaption('point', { comparedWith: 'path', reading: null })).toBe('この時点の計画値');
  });
});
