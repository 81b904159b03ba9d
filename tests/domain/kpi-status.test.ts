import { describe, expect, it } from 'vitest';
import {
  expectedValueAt,
  kpiQuarterSeries,
  kpiStatus,
  latestValue,
  periodIndex,
  type KpiLike,
} from '../../server/domain/kpi-status.ts';
import { quarterIndex } from '../../server/domain/fiscal.ts';

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

describe('kpiStatus', () => {
  it('no values → no_data', () => {
    expect(kpiStatus(online, [])).toEqual({ status: 'no_data', latest: null, expected: null, progressToTarget: null });
  });
  it('higher is better: on track, behind, achieved', () => {
    const onTrack = kpiStatus(online, [{ fiscalYear: 2025, quarter: 2, value: 60 }]);
    expect(onTrack).toMatchObject({ status: 'on_track', expected: 60, progressToTarget: 0.5 });
    const behind = kpiStatus(online, [
      { fiscalYear: 2025, quarter: 2, value: 59.5 },
      { fiscalYear: 2024, quarter: 0, value: 65 }, // older, ignored
    ]);
    expect(behind).toMatchObject({ status: 'behind', expected: 60 });
    expect(behind.progressToTarget).toBeCloseTo(0.475, 10);
    expect(kpiStatus(online, [{ fiscalYear: 2024, quarter: 1, value: 71 }]).status).toBe('achieved');
  });
  it('lower is better: below the path is on track, above is behind, at target is achieved', () => {
    const onTrack = kpiStatus(cost, [{ fiscalYear: 2024, quarter: 0, value: 78 }]);
    expect(onTrack).toMatchObject({ status: 'on_track', expected: 80 });
    expect(onTrack.progressToTarget).toBeCloseTo(22 / 30, 10);
    expect(kpiStatus(cost, [{ fiscalYear: 2024, quarter: 0, value: 85 }]).status).toBe('behind');
    expect(kpiStatus(cost, [{ fiscalYear: 2025, quarter: 0, value: 70 }]).status).toBe('achieved');
    // Rising cost: negative progress.
    expect(kpiStatus(cost, [{ fiscalYear: 2023, quarter: 0, value: 106 }]).progressToTarget).toBeCloseTo(-0.2, 10);
  });
  it('progress is null when target equals baseline (e.g. keep 0 incidents)', () => {
    const zero: KpiLike = { direction: 'lower', baselineValue: 0, baselineFiscalYear: 2022, targetValue: 0, targetFiscalYear: 2025 };
    expect(kpiStatus(zero, [{ fiscalYear: 2024, quarter: 0, value: 0 }])).toMatchObject({
      status: 'achieved',
      progressToTarget: null,
    });
    expect(kpiStatus(zero, [{ fiscalYear: 2024, quarter: 0, value: 1 }]).status).toBe('behind');
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
