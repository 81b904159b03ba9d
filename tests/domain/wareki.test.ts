import { describe, expect, it } from 'vitest';
import { addDays } from '../../server/domain/dates.ts';
import { eraOfDate, fiscalYearLabel, fiscalYearWareki, formatOfficialDate, formatWarekiDate, officialDateNumFmt, parseWarekiDate, westernYearOf } from '../../server/domain/wareki.ts';

describe('eraOfDate', () => {
  it('switches to 令和 on 2019-05-01', () => {
    expect(eraOfDate('2019-04-30')).toEqual({ era: '平成', year: 31, label: '平成31年' });
    expect(eraOfDate('2019-05-01')).toEqual({ era: '令和', year: 1, label: '令和元年' });
    expect(eraOfDate('2020-01-01')).toEqual({ era: '令和', year: 2, label: '令和2年' });
  });
  it('switches to 平成 on 1989-01-08', () => {
    expect(eraOfDate('1989-01-07')).toEqual({ era: '昭和', year: 64, label: '昭和64年' });
    expect(eraOfDate('1989-01-08')).toEqual({ era: '平成', year: 1, label: '平成元年' });
  });
  it('covers 昭和 from 1926-12-25 and older dates', () => {
    expect(eraOfDate('1926-12-25').label).toBe('昭和元年');
    expect(eraOfDate('1926-12-24').label).toBe('大正15年');
    expect(eraOfDate('1900-01-01').label).toBe('明治33年');
  });
  it('agrees with Intl (ICU) around every era change', () => {
    const intl = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      timeZone: 'Asia/Tokyo',
    });
    for (const edge of ['1912-07-30', '1926-12-25', '1989-01-08', '2019-05-01']) {
      for (const d of [addDays(edge, -1), edge, addDays(edge, 1)]) {
        const parts = intl.formatToParts(new Date(`${d}T12:00:00+09:00`));
        const era = parts.find((p) => p.type === 'era')?.value;
        const yearText = parts.find((p) => p.type === 'year')?.value;
        // ICU itself writes the first year as 元 when the pattern contains 年.
        const year = yearText === '元' ? 1 : Number(yearText);
        expect({ d, era, year }).toEqual({ d, era: eraOfDate(d).era, year: eraOfDate(d).year });
      }
    }
  });
});

describe('formatWarekiDate', () => {
  it('writes 元年 and no zero padding', () => {
    expect(formatWarekiDate('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWarekiDate('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWarekiDate('2026-03-31')).toBe('令和8年3月31日');
  });
});

describe('fiscalYearWareki (policy: era in force on Dec 31 of the starting year)', () => {
  it('names FY2019 令和元年度 although it began under 平成', () => {
    expect(fiscalYearWareki(2019)).toBe('令和元年度');
  });
  it('names FY1988 昭和63年度 and FY1989 平成元年度', () => {
    expect(fiscalYearWareki(1988)).toBe('昭和63年度');
    expect(fiscalYearWareki(1989)).toBe('平成元年度');
  });
  it('names ordinary years', () => {
    expect(fiscalYearWareki(2018)).toBe('平成30年度');
    expect(fiscalYearWareki(2020)).toBe('令和2年度');
    expect(fiscalYearWareki(2025)).toBe('令和7年度');
  });
  it('labels with the Western year and full-width parentheses', () => {
    expect(fiscalYearLabel(2025)).toBe('2025年度（令和7年度）');
    expect(fiscalYearLabel(2019)).toBe('2019年度（令和元年度）');
  });
});

describe('formatOfficialDate / officialDateNumFmt: the one date style of council documents', () => {
  it('writes 和暦 with the Western year in parentheses, 元年 as 元年', () => {
    expect(formatOfficialDate('2026-09-30')).toBe('令和8年（2026年）9月30日');
    expect(formatOfficialDate('2019-05-01')).toBe('令和元年（2019年）5月1日');
    expect(formatOfficialDate('2019-04-30')).toBe('平成31年（2019年）4月30日');
  });
  it('gives Excel the era format, and the 元年 as literal text (Excel and LibreOffice would show 令和1年)', () => {
    expect(officialDateNumFmt('2026-09-30')).toBe('[$-411]ggge"年（"yyyy"年）"m"月"d"日"');
    expect(officialDateNumFmt(null)).toBe('[$-411]ggge"年（"yyyy"年）"m"月"d"日"');
    expect(officialDateNumFmt('2019-05-01')).toBe('"令和元年（"yyyy"年）"m"月"d"日"');
    expect(officialDateNumFmt('1989-01-08')).toBe('"平成元年（"yyyy"年）"m"月"d"日"');
    expect(officialDateNumFmt('2019-04-30')).toBe('[$-411]ggge"年（"yyyy"年）"m"月"d"日"');
  });
  it('is read back by parseWarekiDate (what Excel or LibreOffice writes to a CSV "as shown")', () => {
    for (const d of ['2026-09-30', '2019-05-01', '2019-04-30', '1989-01-07']) expect(parseWarekiDate(formatOfficialDate(d))).toBe(d);
    expect(parseWarekiDate('令和8年(2026年)9月30日')).toBe('2026-09-30');
    expect(parseWarekiDate('令和8年9月30日（2026年）')).toBe('2026-09-30');
    expect(parseWarekiDate('令和8年（2025年）9月30日')).toBeNull();
  });
});

describe('parseWarekiDate / westernYearOf', () => {
  it('reads 和暦 dates as typed, and refuses dates outside their era', () => {
    expect(parseWarekiDate('令和7年4月1日')).toBe('2025-04-01');
    expect(parseWarekiDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseWarekiDate('H31/4/30')).toBe('2019-04-30');
    expect(parseWarekiDate('昭和64年1月7日')).toBe('1989-01-07');
    expect(parseWarekiDate('平成元年1月8日')).toBe('1989-01-08');
    expect(parseWarekiDate('平成31年5月1日')).toBeNull();
    expect(parseWarekiDate('昭和64年1月8日')).toBeNull();
    expect(parseWarekiDate('令和7年2月29日')).toBeNull();
    expect(parseWarekiDate('2025/4/1')).toBeNull();
    expect(westernYearOf('令和', 8)).toBe(2026);
    expect(westernYearOf('平成', 32)).toBeNull();
    expect(westernYearOf('慶応', 1)).toBeNull();
  });
});
