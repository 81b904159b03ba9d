/** Reading spreadsheet cells the way people fill them in (server/domain/sheet-cells.ts). */
import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  DATE_MESSAGE,
  headerKey,
  readDate,
  readFiscalYear,
  readId,
  readNumber,
  readQuarter,
  readStatus,
  readText,
} from '../../server/domain/sheet-cells.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? r.value : `ERROR: ${r.message}`);

describe('readDate', () => {
  it.each([
    [new Date(Date.UTC(2025, 3, 1)), '2025-04-01'],
    [new Date(Date.UTC(2025, 3, 1) + 3), '2025-04-01'],
    [45748, '2025-04-01'],
    ['2025-04-01', '2025-04-01'],
    ['2025/4/1', '2025-04-01'],
    ['２０２５／０４／０１', '2025-04-01'],
    ['2025年4月1日', '2025-04-01'],
    ['2025/04/01 0:00:00', '2025-04-01'],
    ['令和7年4月1日', '2025-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['R7.4.1', '2025-04-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['2024-02-29', '2024-02-29'],
    [null, null],
    ['  ', null],
    // The calendar day written in the cell: time of day dropped, never rounded (issue 12, problem 8).
    [new Date(Date.UTC(2026, 2, 31, 15, 0)), '2026-03-31'],
    [new Date(Date.UTC(2026, 2, 31, 23, 59, 59)), '2026-03-31'],
    [new Date(Date.UTC(2026, 2, 31, 12, 0)), '2026-03-31'],
    [new Date(Date.UTC(2026, 3, 1) - 3), '2026-04-01'], // float noise just below midnight is that midnight
    [46112, '2026-03-31'],
    [46112.5, '2026-03-31'],
    [46112.999, '2026-03-31'],
    [46112.9999999, '2026-04-01'], // a few ms short of midnight: serial noise
    ['2026/3/31 15:00', '2026-03-31'],
    ['2026-03-31 23:59:59', '2026-03-31'],
    ['2026-03-31T15:00', '2026-03-31'],
  ])('%s → %s', (input, expected) => expect(value(readDate(input as never))).toBe(expected));

  it.each(['2025-02-30', '2025-02-29', '2025-13-01', '令和7年2月30日', '平成31年5月1日', '令和0年1月1日', 'あした', '20250401x', true])(
    '%s is refused with the Japanese message',
    (input) => {
      const r = readDate(input as never);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toBe(DATE_MESSAGE);
    },
  );
});

describe('other cells', () => {
  it('status by label (進行中 and the app’s 作業中), code, or an error naming the choices', () => {
    expect(value(readStatus('進行中'))).toBe('in_progress');
    expect(value(readStatus('作業中'))).toBe('in_progress');
    expect(value(readStatus(' 完了 '))).toBe('done');
    expect(value(readStatus('not_applicable'))).toBe('not_applicable');
    expect(value(readStatus(''))).toBe(null);
    expect(value(readStatus('やりかけ'))).toBe('ERROR: 状況「やりかけ」は使えません。未着手・進行中・完了・対象外 のいずれかを選んでください。');
  });

  it('fiscal years, quarters, ids, numbers, text', () => {
    expect([2025, '2025', '2025年度', '令和7年度', 'R7', '2025年度（令和7年度）'].map((v) => value(readFiscalYear(v)))).toEqual([2025, 2025, 2025, 2025, 2025, 2025]);
    expect(value(readFiscalYear('来年度'))).toMatch(/^ERROR/);
    expect(['0', 2, '第3四半期', 'Q4', '通年'].map((v) => value(readQuarter(v)))).toEqual([0, 2, 3, 4, 0]);
    expect(value(readQuarter(5))).toMatch(/^ERROR/);
    expect([12, '１２', null].map((v) => value(readId(v, 'ID')))).toEqual([12, 12, null]);
    expect(value(readId('12a', 'ID'))).toBe('ERROR: IDは正の整数で入力してください（空欄は新しい行）。');
    expect(value(readId(0, 'ID'))).toMatch(/^ERROR/);
    expect(['1,234.5', '５０％', -3, '1e3'].map((v) => value(readNumber(v)))).toEqual([1234.5, 50, -3, 1000]);
    expect(value(readNumber('多い'))).toMatch(/^ERROR/);
    expect(["'=SUM(A1)", "'-x", "it's", 12, null].map((v) => value(readText(v)))).toEqual(['=SUM(A1)', '-x', "it's", '12', '']);
  });

  it('column letters and header keys', () => {
    expect([1, 8, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'H', 'Z', 'AA', 'AZ', 'AAA']);
    expect(headerKey(' 予定 日 ')).toBe('予定日');
    expect(headerKey('ＩＤ')).toBe('ID');
  });
});
