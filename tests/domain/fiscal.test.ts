import { describe, expect, it } from 'vitest';
import {
  endedQuarters,
  fiscalQuarterEnd,
  fiscalQuarterLabel,
  fiscalQuarterOf,
  fiscalQuarterShortLabel,
  fiscalQuarterStart,
  fiscalQuartersBetween,
  fiscalYearEnd,
  fiscalYearOf,
  fiscalYearStart,
  quarterFromIndex,
  quarterHasEnded,
  quarterIndex,
} from '../../server/domain/fiscal.ts';

describe('fiscal year', () => {
  it('switches between March 31 and April 1', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2026-01-01')).toBe(2025);
    expect(fiscalYearOf('2025-12-31')).toBe(2025);
  });
  it('has start and end', () => {
    expect(fiscalYearStart(2025)).toBe('2025-04-01');
    expect(fiscalYearEnd(2025)).toBe('2026-03-31');
  });
});

describe('fiscal quarters', () => {
  it('puts January–March in Q4 of the previous fiscal year', () => {
    expect(fiscalQuarterOf('2026-01-15')).toEqual({ fiscalYear: 2025, quarter: 4 });
    expect(fiscalQuarterOf('2026-03-31')).toEqual({ fiscalYear: 2025, quarter: 4 });
    expect(fiscalQuarterOf('2026-04-01')).toEqual({ fiscalYear: 2026, quarter: 1 });
    expect(fiscalQuarterOf('2025-06-30')).toEqual({ fiscalYear: 2025, quarter: 1 });
    expect(fiscalQuarterOf('2025-07-01')).toEqual({ fiscalYear: 2025, quarter: 2 });
    expect(fiscalQuarterOf('2025-09-30')).toEqual({ fiscalYear: 2025, quarter: 2 });
    expect(fiscalQuarterOf('2025-10-01')).toEqual({ fiscalYear: 2025, quarter: 3 });
    expect(fiscalQuarterOf('2025-12-31')).toEqual({ fiscalYear: 2025, quarter: 3 });
  });
  it('has starts and ends, Q4 in the next calendar year', () => {
    expect(fiscalQuarterStart(2025, 1)).toBe('2025-04-01');
    expect(fiscalQuarterEnd(2025, 1)).toBe('2025-06-30');
    expect(fiscalQuarterStart(2025, 2)).toBe('2025-07-01');
    expect(fiscalQuarterEnd(2025, 2)).toBe('2025-09-30');
    expect(fiscalQuarterStart(2025, 3)).toBe('2025-10-01');
    expect(fiscalQuarterEnd(2025, 3)).toBe('2025-12-31');
    expect(fiscalQuarterStart(2025, 4)).toBe('2026-01-01');
    expect(fiscalQuarterEnd(2025, 4)).toBe('2026-03-31');
  });
  it('round-trips the quarter index', () => {
    expect(quarterIndex({ fiscalYear: 2025, quarter: 1 })).toBe(8100);
    expect(quarterIndex({ fiscalYear: 2025, quarter: 4 })).toBe(8103);
    expect(quarterFromIndex(8103)).toEqual({ fiscalYear: 2025, quarter: 4 });
    expect(quarterFromIndex(8104)).toEqual({ fiscalYear: 2026, quarter: 1 });
  });
  it('lists quarters inclusively across a year end', () => {
    expect(fiscalQuartersBetween({ fiscalYear: 2024, quarter: 3 }, { fiscalYear: 2025, quarter: 2 })).toEqual([
      { fiscalYear: 2024, quarter: 3 },
      { fiscalYear: 2024, quarter: 4 },
      { fiscalYear: 2025, quarter: 1 },
      { fiscalYear: 2025, quarter: 2 },
    ]);
    const one = { fiscalYear: 2025, quarter: 4 } as const;
    expect(fiscalQuartersBetween(one, one)).toEqual([one]);
    expect(fiscalQuartersBetween({ fiscalYear: 2026, quarter: 1 }, one)).toEqual([]);
  });
  it('labels', () => {
    expect(fiscalQuarterLabel({ fiscalYear: 2025, quarter: 1 })).toBe('2025年度 第1四半期');
    expect(fiscalQuarterShortLabel({ fiscalYear: 2025, quarter: 4 })).toBe('2025年度Q4');
  });
});

describe('ended quarters (四半期の締め)', () => {
  it('a quarter has ended from the day after its last day', () => {
    expect(quarterHasEnded({ fiscalYear: 2026, quarter: 2 }, '2026-09-30')).toBe(false);
    expect(quarterHasEnded({ fiscalYear: 2026, quarter: 2 }, '2026-10-01')).toBe(true);
    expect(quarterHasEnded({ fiscalYear: 2026, quarter: 4 }, '2027-03-31')).toBe(false);
    expect(quarterHasEnded({ fiscalYear: 2026, quarter: 4 }, '2027-04-01')).toBe(true);
  });
  it('lists the ended quarters newest first, across a fiscal year', () => {
    expect(endedQuarters('2026-11-23', 3)).toEqual([
      { fiscalYear: 2026, quarter: 2 },
      { fiscalYear: 2026, quarter: 1 },
      { fiscalYear: 2025, quarter: 4 },
    ]);
    expect(endedQuarters('2026-10-01', 1)).toEqual([{ fiscalYear: 2026, quarter: 2 }]);
    expect(endedQuarters('2026-09-30', 1)).toEqual([{ fiscalYear: 2026, quarter: 1 }]);
    for (const fq of endedQuarters('2027-04-01', 8)) expect(quarterHasEnded(fq, '2027-04-01')).toBe(true);
  });
});

