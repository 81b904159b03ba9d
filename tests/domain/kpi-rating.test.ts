import { describe, expect, it } from 'vitest';
import { KPI_RATING_BANDS, kpiAchievement, kpiRating, type RatingInput } from '../../server/domain/kpi-rating.ts';

const point = (baselineValue: number, targetValue: number, value: number | null): RatingInput => ({
  valueKind: 'point',
  baselineValue,
  targetValue,
  latest: value === null ? null : { value, quarter: 4, yearToDate: false },
});

describe('kpiRating (A–D against the target)', () => {
  it('bands on the achievement rate, boundaries included in the better band', () => {
    expect(kpiRating(point(0, 100, 100))).toBe('A');
    expect(kpiRating(point(0, 100, 130))).toBe('A');
    expect(kpiRating(point(0, 100, 99.9))).toBe('B');
    expect(kpiRating(point(0, 100, 50))).toBe('B');
    expect(kpiRating(point(0, 100, 49.9))).toBe('C');
    expect(kpiRating(point(0, 100, 0.1))).toBe('C');
    expect(kpiRating(point(0, 100, 0))).toBe('D');
    expect(kpiRating(point(10, 100, 5))).toBe('D');
  });

  it('lower-is-better KPIs: the target below the baseline', () => {
    expect(kpiRating(point(100, 40, 40))).toBe('A');
    expect(kpiRating(point(100, 40, 70))).toBe('B');
    expect(kpiRating(point(100, 40, 90))).toBe('C');
    expect(kpiRating(point(100, 40, 120))).toBe('D');
    expect(kpiAchievement(point(100, 40, 70))).toBeCloseTo(0.5);
  });

  it('no value or nothing to measure: no rating', () => {
    expect(kpiRating(point(0, 100, null))).toBeNull();
    expect(kpiRating(point(50, 50, 60))).toBeNull();
  });

  it('rounding noise does not move a KPI across a boundary', () => {
    expect(kpiRating(point(0, 0.3, 0.1 + 0.2))).toBe('A');
  });

  it('a 期間値 read year-to-date is compared with the pro-rated baseline and target', () => {
    // 1,000 a year is the target from 800; after Q1, 250 year-to-date is on the way (250 vs 200…250).
    const ytd = { valueKind: 'period' as const, baselineValue: 800, targetValue: 1000, latest: { value: 250, quarter: 1, yearToDate: true } };
    expect(kpiAchievement(ytd)).toBeCloseTo(1);
    expect(kpiRating(ytd)).toBe('A');
    expect(kpiRating({ ...ytd, latest: { value: 210, quarter: 1, yearToDate: true } })).toBe('C');
    // A whole-year figure is compared as it is.
    expect(kpiRating({ ...ytd, latest: { value: 900, quarter: 0, yearToDate: false } })).toBe('B');
  });

  it('the legend names every band once', () => {
    expect(KPI_RATING_BANDS.map((b) => b.label)).toEqual(['A', 'B', 'C', 'D', '－']);
  });
});
