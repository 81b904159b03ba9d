import { describe, expect, it } from 'vitest';
import {
  expectedValueAt,
  kpiQuarterSeries,
  kpiStatus,
  latestValue,
  periodIndex,
  type KpiLike,
  type KpiValueLike,
} from '../../server/domain/kpi-status.ts';
import { fiscalQuarterEnd, quarterIndex } from '../../server/domain/fiscal.ts';

// Online usage rate: 50% at end of FY2022 → 70% at end of FY2027 (20 quarters, +1 point per quarter).
const online: KpiLike = {
  direction: 'higher',
  baselineValue: 50,
  baselineFiscalYear: 2022,
  targetValue: 70,
  targetFiscalYear: 2027,
};
// IT running cost: 100 (index, FY2022) → 70 by end of FY2025 (−30%).
const cost: KpiLike = {
  direction: 'lower',
  baselineValue: 100,
  baselineFiscalYear: 2022,
  targetValue: 70,
  targetFiscalYear: 2025,
};
const q = (fiscalYear: number, quarter: 1 | 2 | 3 | 4) => quarterIndex({ fiscalYear, quarter });

describe('periodIndex', () => {
  it('places a whole-year value at the Q4 of its year', () => {
    expect(periodIndex({ fiscalYear: 2025, quarter: 0 })).toBe(q(2025, 4));
    expect(periodIndex({ fiscalYear: 2025, quarter: 2 })).toBe(q(2025, 2));
    expect(() => periodIndex({ fiscalYear: 2025, quarter: 5 })).toThrow(RangeError);
  });
});

describe('expectedValueAt', () => {
  it('is linear between the ends of the baseline and target years, clamped outside', () => {
    expect(expectedValueAt(online, q(2022, 4))).toBe(50);
    expect(expectedValueAt(online, q(2023, 4))).toBe(54);
    expect(expectedValueAt(online, q(2025, 2))).toBe(60);
    expect(expectedValueAt(online, q(2027, 4))).toBe(70);
    expect(expectedValueAt(online, q(2020, 1))).toBe(50);
    expect(expectedValueAt(online, q(2030, 1))).toBe(70);
    expect(expectedValueAt(cost, q(2024, 4))).toBe(80);
  });
  it('expects the target from the baseline year on when both years are equal', () => {
    const same = { ...online, targetFiscalYear: 2022 };
    expect(expectedValueAt(same, q(2022, 3))).toBe(50);
    expect(expectedValueAt(same, q(2022, 4))).toBe(70);
  });
});

describe('latestValue', () => {
  it('takes the highest period; the whole-year value wins a tie with Q4', () => {
    const fy = { fiscalYear: 2024, quarter: 0, value: 1 };
    const q4 = { fiscalYear: 2024, quarter: 4, value: 2 };
    const q3 = { fiscalYear: 2024, quarter: 3, value: 3 };
    expect(latestValue([q4, fy, q3])).toBe(fy);
    expect(latestValue([fy, q4])).toBe(fy);
    const nextQ1 = { fiscalYear: 2025, quarter: 1, value: 4 };
    expect(latestValue([fy, nextQ1, q3])).toBe(nextQ1);
    // A whole-year value is later than Q3 of the same year.
    expect(latestValue([q3, fy])).toBe(fy);
    expect(latestValue([])).toBeNull();
  });
});

/** Today just after the value's quarter: fresh, so only the comparison decides. */
const justAfter = (fy: number, quarter: number) => fiscalQuarterEnd(fy, (quarter === 0 ? 4 : quarter) as 1 | 2 | 3 | 4).replace(/-\d\d$/, '-28');

describe('kpiStatus', () => {
  it('no values → no_data', () => {
    expect(kpiStatus(online, [], '2026-01-01')).toMatchObject({ status: 'no_data', latest: null, reading: null, expected: null, progressToTarget: null });
  });
  it('higher is better: on track, behind, achieved', () => {
    const onTrack = kpiStatus(online, [{ fiscalYear: 2025, quarter: 2, value: 60 }], justAfter(2025, 3));
    expect(onTrack).toMatchObject({ status: 'on_track', expected: 60, progressToTarget: 0.5, comparedWith: 'path' });
    const behind = kpiStatus(
      online,
      [
        { fiscalYear: 2025, quarter: 2, value: 59.5 },
        { fiscalYear: 2024, quarter: 0, value: 65 }, // older, ignored
      ],
      justAfter(2025, 3),
    );
    expect(behind).toMatchObject({ status: 'behind', expected: 60 });
    expect(behind.progressToTarget).toBeCloseTo(0.475, 10);
    expect(kpiStatus(online, [{ fiscalYear: 2024, quarter: 1, value: 71 }], justAfter(2024, 2)).status).toBe('achieved');
  });
  it('lower is better: below the path is on track, above is behind, at target is achieved', () => {
    const onTrack = kpiStatus(cost, [{ fiscalYear: 2024, quarter: 0, value: 78 }], '2025-05-01');
    expect(onTrack).toMatchObject({ status: 'on_track', expected: 80 });
    expect(onTrack.progressToTarget).toBeCloseTo(22 / 30, 10);
    expect(kpiStatus(cost, [{ fiscalYear: 2024, quarter: 0, value: 85 }], '2025-05-01').status).toBe('behind');
    expect(kpiStatus(cost, [{ fiscalYear: 2025, quarter: 0, value: 70 }], '2026-05-01').status).toBe('achieved');
    // Rising cost: negative progress.
    expect(kpiStatus(cost, [{ fiscalYear: 2023, quarter: 0, value: 106 }], '2024-05-01').progressToTarget).toBeCloseTo(-0.2, 10);
  });
  it('progress is null when target equals baseline (e.g. keep 0 incidents)', () => {
    const zero: KpiLike = { direction: 'lower', baselineValue: 0, baselineFiscalYear: 2022, targetValue: 0, targetFiscalYear: 2025 };
    expect(kpiStatus(zero, [{ fiscalYear: 2024, quarter: 0, value: 0 }], '2025-05-01')).toMatchObject({ status: 'achieved', progressToTarget: null });
    expect(kpiStatus(zero, [{ fiscalYear: 2024, quarter: 0, value: 1 }], '2025-05-01').status).toBe('behind');
  });
});

// 講習会: 25 a year, every year (期間値, entered year to date).
const classes: KpiLike = { direction: 'higher', baselineValue: 25, baselineFiscalYear: 2024, targetValue: 25, targetFiscalYear: 2027, valueKind: 'period' };
// RPA hours per year, 6,000 → 10,000 (期間値, entered per quarter).
const rpa: KpiLike = { direction: 'higher', baselineValue: 6000, baselineFiscalYear: 2024, targetValue: 10000, targetFiscalYear: 2028, valueKind: 'period', periodEntry: 'per_quarter' };
// Migrated systems, 0 → 20 (累計).
const migrated: KpiLike = { direction: 'higher', baselineValue: 0, baselineFiscalYear: 2021, targetValue: 20, targetFiscalYear: 2025, valueKind: 'cumulative' };
// Incidents, lower is better, keep at 0 (時点値).
const incidents: KpiLike = { direction: 'lower', baselineValue: 3, baselineFiscalYear: 2021, targetValue: 0, targetFiscalYear: 2027, valueKind: 'point' };

type KpiCase = { rule: string; kpi: KpiLike; values: KpiValueLike[]; today: string; status: string; expected?: number; value?: number };
const kpiCases: KpiCase[] = [
  // 期間値: like with like.
  { rule: '期間値 YTD: 14 by Q2 of 25 a year is on pace (12.5)', kpi: classes, values: [{ fiscalYear: 2026, quarter: 2, value: 14 }], today: '2026-11-23', status: 'on_track', expected: 12.5, value: 14 },
  { rule: '期間値 YTD: 10 by Q2 is behind 12.5', kpi: classes, values: [{ fiscalYear: 2026, quarter: 2, value: 10 }], today: '2026-11-23', status: 'behind', expected: 12.5 },
  { rule: '期間値 YTD: 25 already by Q3 reaches the annual target', kpi: classes, values: [{ fiscalYear: 2026, quarter: 3, value: 25 }], today: '2027-01-10', status: 'achieved' },
  {
    rule: '期間値 per quarter: the quarters are summed (1,500 + 1,600 vs 8,000 × 2/4)',
    kpi: rpa,
    values: [{ fiscalYear: 2026, quarter: 1, value: 1500 }, { fiscalYear: 2026, quarter: 2, value: 1600 }],
    today: '2026-11-23',
    status: 'behind',
    expected: 4000,
    value: 3100,
  },
  {
    rule: '期間値: an annual figure on quarter 0 stays annual (not pro-rated, not summed with Q4)',
    kpi: rpa,
    values: [{ fiscalYear: 2025, quarter: 4, value: 2000 }, { fiscalYear: 2025, quarter: 0, value: 7100 }],
    today: '2026-05-01',
    status: 'on_track',
    expected: 7000,
    value: 7100,
  },
  // 未更新 after one quarter's grace.
  // In Q4 the Q3 figure has a quarter's grace, so the latest value due is Q2's.
  { rule: 'a Q2 value is fresh until Q3 is due (end of Q4)', kpi: incidents, values: [{ fiscalYear: 2026, quarter: 2, value: 0 }], today: '2027-03-31', status: 'achieved' },
  { rule: 'and stale from then on (未更新), even at 0 incidents', kpi: incidents, values: [{ fiscalYear: 2026, quarter: 2, value: 0 }], today: '2027-04-01', status: 'stale' },
  { rule: 'a value last entered in FY2022 is 未更新 in FY2026', kpi: online, values: [{ fiscalYear: 2022, quarter: 4, value: 55 }], today: '2026-11-23', status: 'stale' },
  // A yearly figure (quarter 0) is due by the end of the next year's Q1: FY2024's by 2025-06-30.
  { rule: 'a FY2023 figure is enough until FY2024 is due', kpi: cost, values: [{ fiscalYear: 2023, quarter: 0, value: 88 }], today: '2025-06-30', status: 'on_track' },
  { rule: 'and stale once FY2024 is due and missing', kpi: cost, values: [{ fiscalYear: 2023, quarter: 0, value: 88 }], today: '2025-07-01', status: 'stale' },
  // 累計
  { rule: '累計 that reached the target stays 達成 (a running total does not go back)', kpi: migrated, values: [{ fiscalYear: 2024, quarter: 4, value: 20 }], today: '2026-11-23', status: 'achieved' },
  // After the target year: the target decides, final.
  { rule: 'target-year figure below target → 未達成', kpi: cost, values: [{ fiscalYear: 2025, quarter: 0, value: 75 }], today: '2026-11-23', status: 'missed', expected: 70 },
  { rule: 'a later reading above target → 達成', kpi: online, values: [{ fiscalYear: 2028, quarter: 1, value: 71 }], today: '2028-09-01', status: 'achieved', expected: 70 },
];

describe('kpiStatus by kind: a table of cases', () => {
  it.each(kpiCases)('$rule', ({ kpi, values, today, status, expected, value }) => {
    const a = kpiStatus(kpi, values, today);
    expect(a.status).toBe(status);
    if (expected !== undefined) expect(a.expected).toBeCloseTo(expected, 9);
    if (value !== undefined) expect(a.reading?.value).toBe(value);
  });
  it('after the target year, the comparison is with the target', () => {
    expect(kpiStatus(cost, [{ fiscalYear: 2025, quarter: 0, value: 75 }], '2026-11-23').comparedWith).toBe('target');
  });
});

describe('kpiQuarterSeries', () => {
  it('fills empty quarters with null and shows whole-year values at Q4', () => {
    const s = kpiQuarterSeries(
      online,
      [
        { fiscalYear: 2023, quarter: 0, value: 53 },
        { fiscalYear: 2024, quarter: 2, value: 57 },
        { fiscalYear: 2024, quarter: 4, value: 58 },
        { fiscalYear: 2024, quarter: 0, value: 58.5 },
        { fiscalYear: 2030, quarter: 1, value: 99 }, // outside the range
      ],
      { fiscalYear: 2023, quarter: 3 },
      { fiscalYear: 2025, quarter: 1 },
    );
    expect(s.map((p) => p.label)).toEqual([
      '2023年度Q3',
      '2023年度Q4',
      '2024年度Q1',
      '2024年度Q2',
      '2024年度Q3',
      '2024年度Q4',
      '2025年度Q1',
    ]);
    expect(s.map((p) => p.actual)).toEqual([null, 53, null, 57, null, 58.5, null]);
    expect(s.map((p) => p.expected)).toEqual([53, 54, 55, 56, 57, 58, 59]);
  });
});

describe('kpiQuarterSeries by kind', () => {
  const cost: KpiLike = { direction: 'lower', baselineValue: 100, baselineFiscalYear: 2022, targetValue: 60, targetFiscalYear: 2026, valueKind: 'period' };
  it('期間値 entered per year: each quarter shows the year’s value (no dip), actual at Q4', () => {
    const s = kpiQuarterSeries(cost, [{ fiscalYear: 2023, quarter: 0, value: 95 }], { fiscalYear: 2023, quarter: 1 }, { fiscalYear: 2023, quarter: 4 });
    expect(s.map((p) => p.expected)).toEqual([90, 90, 90, 90]);
    expect(s.map((p) => p.actual)).toEqual([null, null, null, 95]);
  });
  it('期間値 entered per quarter: year-to-date actuals against the pro-rated year', () => {
    const perQuarter = { ...cost, periodEntry: 'per_quarter' as const };
    const s = kpiQuarterSeries(
      perQuarter,
      [{ fiscalYear: 2023, quarter: 1, value: 20 }, { fiscalYear: 2023, quarter: 2, value: 25 }],
      { fiscalYear: 2023, quarter: 1 },
      { fiscalYear: 2023, quarter: 4 },
    );
    expect(s.map((p) => p.expected)).toEqual([22.5, 45, 67.5, 90]);
    expect(s.map((p) => p.actual)).toEqual([20, 45, null, null]);
  });
});
