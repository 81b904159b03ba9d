import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareIsoDates,
  daysBetween,
  formatJapaneseDate,
  isValidIsoDate,
  maxIsoDate,
  minIsoDate,
  todayInJapan,
} from '../../server/domain/dates.ts';

describe('isValidIsoDate', () => {
  it('accepts real dates including leap days', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('2026-03-31')).toBe(true);
    expect(isValidIsoDate('1900-01-01')).toBe(true);
    expect(isValidIsoDate('2200-12-31')).toBe(true);
  });
  it('rejects impossible dates, bad formats and years out of range', () => {
    for (const s of [
      '2023-02-29',
      '1900-02-29', // not a leap year (century rule)
      '2025-02-30',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-01-00',
      '2025-1-01',
      '2025-01-01T00:00:00Z',
      ' 2025-01-01',
      '20250101',
      '',
      '1899-12-31',
      '2201-01-01',
    ]) {
      expect(isValidIsoDate(s), s).toBe(false);
    }
  });
});

describe('daysBetween / addDays', () => {
  it('counts the fiscal-year boundary as one day', () => {
    expect(daysBetween('2025-03-31', '2025-04-01')).toBe(1);
    expect(daysBetween('2025-04-01', '2025-03-31')).toBe(-1);
    expect(daysBetween('2025-04-01', '2025-04-01')).toBe(0);
  });
  it('includes leap day 2024-02-29', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-04-01', '2026-03-31')).toBe(364);
  });
  it('adds across month, leap and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-31', 237)).toBe('2026-11-23');
  });
  it('throws on invalid input instead of guessing', () => {
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('compare / max / min', () => {
  it('compares', () => {
    expect(compareIsoDates('2025-03-31', '2025-04-01')).toBe(-1);
    expect(compareIsoDates('2025-04-01', '2025-04-01')).toBe(0);
    expect(compareIsoDates('2026-01-01', '2025-12-31')).toBe(1);
  });
  it('skips null and undefined', () => {
    expect(maxIsoDate('2025-04-01', null, '2026-03-31', undefined, '2025-12-31')).toBe('2026-03-31');
    expect(minIsoDate(undefined, '2025-04-01', null, '2026-03-31')).toBe('2025-04-01');
    expect(maxIsoDate()).toBeNull();
    expect(minIsoDate(null, undefined)).toBeNull();
  });
});

describe('todayInJapan', () => {
  it('is already the next day in Tokyo at 15:00 UTC', () => {
    expect(todayInJapan(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(todayInJapan(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(todayInJapan(new Date('2019-04-30T15:00:00Z'))).toBe('2019-05-01');
  });
});

describe('formatJapaneseDate', () => {
  it('writes a calendar date the Japanese way, without zero padding', () => {
    expect(formatJapaneseDate('2026-03-31')).toBe('2026年3月31日');
    expect(formatJapaneseDate('2024-02-29')).toBe('2024年2月29日');
    expect(() => formatJapaneseDate('2025-02-30')).toThrow(RangeError);
  });
});
