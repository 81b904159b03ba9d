import { describe, expect, it } from 'vitest';
import { DATE_MESSAGE } from '../../server/domain/sheet-cells.ts';
import { futureDateMessage, readTypedDate } from '../../server/domain/typed-dates.ts';
import { formatWarekiDateWithWeekday } from '../../server/domain/wareki.ts';

describe('readTypedDate: dates as staff type them (the import’s reader)', () => {
  it.each(['令和8年11月20日', 'R8.11.20', 'r8/11/20', '2026/11/20', '2026-11-20', '２０２６／１１／２０', '2026年11月20日', '令和8年11月20日（金）'])('%s', (text) => {
    expect(readTypedDate(text)).toEqual({ ok: true, value: '2026-11-20', display: '令和8年11月20日（金）' });
  });
  it('empty is no date; nonsense and impossible dates get the import’s message', () => {
    expect(readTypedDate('  ')).toEqual({ ok: true, value: null, display: '' });
    expect(readTypedDate('令和8年13月1日')).toEqual({ ok: false, message: DATE_MESSAGE });
    expect(readTypedDate('平成31年5月1日')).toEqual({ ok: false, message: DATE_MESSAGE });
    expect(readTypedDate('あした')).toEqual({ ok: false, message: DATE_MESSAGE });
  });
  it('weekday display', () => {
    expect(formatWarekiDateWithWeekday('2019-05-01')).toBe('令和元年5月1日（水）');
    expect(formatWarekiDateWithWeekday('2026-03-31')).toBe('令和8年3月31日（火）');
  });
});

describe('futureDateMessage', () => {
  it('today is allowed, tomorrow is not, in 和暦', () => {
    expect(futureDateMessage('実績日', '2026-11-23', '2026-11-23')).toBeNull();
    expect(futureDateMessage('実績日', '2026-11-24', '2026-11-23')).toBe('実績日（令和8年11月24日）は未来の日付です。今日（令和8年11月23日）以前の日付を入力してください。');
  });
});
