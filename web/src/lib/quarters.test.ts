import { describe, expect, it } from 'vitest';
import { formatValue } from './format.ts';
import {
  contentDispositionFileName,
  contentLength,
  downloadProgress,
  endedQuarters,
  formatBytes,
  formatDelta,
  parseQuarterParam,
  quarterParam,
  readQuarter,
} from './quarters.ts';

describe('quarter URL value', () => {
  it('parses YYYY-Q and round-trips', () => {
    expect(parseQuarterParam('2026-2')).toEqual({ fiscalYear: 2026, quarter: 2 });
    expect(quarterParam({ fiscalYear: 2026, quarter: 2 })).toBe('2026-2');
    expect(readQuarter(new URLSearchParams('quarter=2025-4&asOf=2026-01-01'))).toEqual({ fiscalYear: 2025, quarter: 4 });
  });
  it('rejects anything else', () => {
    for (const bad of [null, undefined, '', '2026-0', '2026-5', '2026', '26-2', '2026-2x', ' 2026-2', '1999-1', 'abcd-1']) {
      expect(parseQuarterParam(bad as string | null)).toBeNull();
    }
    expect(readQuarter(new URLSearchParams(''))).toBeNull();
  });
});

describe('ended quarters (the rule is server/domain/fiscal.ts)', () => {
  it('lists ended quarters, newest first, excluding the current one', () => {
    expect(endedQuarters('2026-11-23', 3)).toEqual([
      { fiscalYear: 2026, quarter: 2 },
      { fiscalYear: 2026, quarter: 1 },
      { fiscalYear: 2025, quarter: 4 },
    ]);
    // The day after a quarter's last day, that quarter can be closed.
    expect(endedQuarters('2026-10-01', 1)).toEqual([{ fiscalYear: 2026, quarter: 2 }]);
    expect(endedQuarters('2026-09-30', 1)).toEqual([{ fiscalYear: 2026, quarter: 1 }]);
    expect(endedQuarters('2027-04-01', 2)).toEqual([
      { fiscalYear: 2026, quarter: 4 },
      { fiscalYear: 2026, quarter: 3 },
    ]);
    expect(endedQuarters('nonsense')).toEqual([]);
  });
});

describe('contentDispositionFileName', () => {
  it('prefers the RFC 5987 UTF-8 name', () => {
    const name = '上天草市_2026年度第2四半期_議会報告.pdf';
    const header = `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`;
    expect(contentDispositionFileName(header)).toBe(name);
    expect(contentDispositionFileName(`attachment; filename*=utf-8''%E5%B8%82%28A%29.csv`)).toBe('市(A).csv');
  });
  it('falls back to filename= (quoted or not) and to null', () => {
    expect(contentDispositionFileName('attachment; filename="report.csv"')).toBe('report.csv');
    expect(contentDispositionFileName('attachment; filename=report.xlsx')).toBe('report.xlsx');
    expect(contentDispositionFileName(`attachment; filename="r.csv"; filename*=UTF-8''%E5%ZZ`)).toBe('r.csv');
    expect(contentDispositionFileName('attachment')).toBeNull();
    expect(contentDispositionFileName(null)).toBeNull();
  });
});

describe('download progress', () => {
  it('formats sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1,023 B');
    expect(formatBytes(15_360)).toBe('15.0 KB');
    expect(formatBytes(3_250_000)).toBe('3.1 MB');
    expect(formatBytes(-1)).toBe('—');
  });
  it('shows a percentage only when the size is known', () => {
    expect(downloadProgress(512, 1024)).toEqual({ text: '512 B / 1.0 KB（50%）', percent: 50 });
    expect(downloadProgress(2048, 1024).percent).toBe(100);
    expect(downloadProgress(2048, null)).toEqual({ text: '2.0 KB 受信', percent: null });
    expect(downloadProgress(10, 0).percent).toBeNull();
  });
  it('reads Content-Length', () => {
    expect(contentLength('1234')).toBe(1234);
    expect(contentLength(null)).toBeNull();
    expect(contentLength('12a')).toBeNull();
    expect(contentLength('')).toBeNull();
  });
});

describe('KPI moves', () => {
  it('formats signed deltas and values with at most one decimal', () => {
    expect(formatDelta(1.6000000000000014, '%')).toBe('+1.6%');
    expect(formatDelta(-0.4000000000000057)).toBe('−0.4');
    expect(formatDelta(1, '業務')).toBe('+1業務');
    expect(formatDelta(0)).toBe('±0');
    expect(formatValue(40.1, '%')).toBe('40.1%');
    expect(formatValue(1386)).toBe('1,386');
  });
});
