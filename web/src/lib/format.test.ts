import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDaysLeft,
  formatDeadlineCountdown,
  formatFiscalQuarter,
  formatFiscalYear,
  formatInteger,
  formatPercent,
  formatPopulation,
} from './format.ts';

describe('formatPercent', () => {
  it('formats a ratio with one decimal', () => {
    expect(formatPercent(0.8234)).toBe('82.3%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(0.00049)).toBe('0.0%');
    expect(formatPercent(0.12345, 2)).toBe('12.35%');
  });
  it('shows a dash for missing values', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});

describe('fiscal year labels', () => {
  it('shows the Western year with the era year', () => {
    expect(formatFiscalYear(2025)).toBe('2025年度（令和7年度）');
    expect(formatFiscalYear(2019)).toBe('2019年度（令和元年度）');
    expect(formatFiscalYear(2018)).toBe('2018年度（平成30年度）');
    expect(formatFiscalYear(1899)).toBe('1899年度');
  });
  it('labels fiscal quarters', () => {
    expect(formatFiscalQuarter(2026, 3)).toBe('2026年度（令和8年度）第3四半期');
  });
});

describe('formatDate', () => {
  it('formats calendar dates without time-zone shifts', () => {
    expect(formatDate('2026-03-31')).toBe('2026年3月31日');
    expect(formatDate('2019-05-01')).toBe('2019年5月1日');
    expect(formatDate('2024-02-29')).toBe('2024年2月29日');
  });
  it('handles missing and invalid values', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('2025-02-29')).toBe('2025-02-29');
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('numbers and days', () => {
  it('formats integers and population', () => {
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatPopulation(25000)).toBe('25,000人');
    expect(formatPopulation(null)).toBe('—');
  });
  it('formats days to a deadline', () => {
    expect(formatDaysLeft(12)).toBe('あと12日');
    expect(formatDaysLeft(0)).toBe('本日が期限');
    expect(formatDaysLeft(-3)).toBe('3日超過');
    expect(formatDaysLeft(null)).toBe('—');
  });
});

describe('formatDeadlineCountdown', () => {
  it('counts down, and says 期限超過 with the days once past', () => {
    expect(formatDeadlineCountdown(12)).toBe('あと12日');
    expect(formatDeadlineCountdown(1589)).toBe('あと1,589日');
    expect(formatDeadlineCountdown(0)).toBe('本日が期限');
    expect(formatDeadlineCountdown(-237)).toBe('期限超過（237日）');
    expect(formatDeadlineCountdown(null)).toBe('—');
  });
});

describe('national deadline dates as precise as their source', () => {
  it('shows a month as a month, a fiscal year’s end with the fiscal year', async () => {
    const { formatDeadlineDate, formatPublishedOn } = await import('./format.ts');
    expect(formatDeadlineDate('2026-09-30', 'month')).toBe('2026年9月');
    expect(formatDeadlineDate('2026-03-31', 'fiscal_year')).toBe('2026年3月31日（2025年度末）');
    expect(formatDeadlineDate('2026-03-31', 'day')).toBe('2026年3月31日');
    expect(formatDeadlineDate('2026-03-31', undefined)).toBe('2026年3月31日');
    expect(formatPublishedOn('2024-02-05')).toBe('2024年2月5日');
    expect(formatPublishedOn('2024-02')).toBe('2024年2月');
    expect(formatPublishedOn('2020')).toBe('2020年');
    expect(formatPublishedOn(null)).toBe('公表日不明');
  });
});
