import { describe, expect, it } from 'vitest';
import { baselineLabel, baselineSentence, changesPlannedDates, changesTarget, isLateAgainst, planChanges, targetChanges, varianceAgainst } from '../../server/domain/baseline.ts';
import { endOfJapanDay } from '../../server/domain/dates.ts';

const open = { plannedDate: '2026-06-30', actualDate: null, status: 'in_progress' as const };
const done = (actualDate: string) => ({ plannedDate: '2026-12-31', actualDate, status: 'done' as const });

describe('variance against a baseline', () => {
  it('is the current-plan rule applied to the baseline date: days late when done late or overdue, 0 on time, null before due', () => {
    expect(varianceAgainst(open, '2026-03-31', '2026-11-23')).toBe(237);
    expect(varianceAgainst(open, '2026-12-31', '2026-11-23')).toBeNull();
    expect(varianceAgainst(done('2026-10-01'), '2026-09-30', '2026-11-23')).toBe(1);
    expect(varianceAgainst(done('2026-09-01'), '2026-09-30', '2026-11-23')).toBe(0);
    expect(varianceAgainst({ ...open, status: 'not_applicable' }, '2020-01-01', '2026-11-23')).toBeNull();
    expect(isLateAgainst(open, '2026-11-23', '2026-11-23')).toBe(false); // due today is not late
    expect(isLateAgainst(open, '2026-11-22', '2026-11-23')).toBe(true);
  });
});

describe('re-plans in versions', () => {
  const v = (at: string, plannedDate: string, reason = '', plannedStartDate: string | null = null) => ({ at, plannedDate, plannedStartDate, username: 'hq', reason });
  it('lists each version whose planned dates differ from the one before, with days moved', () => {
    expect(planChanges([v('a', '2026-09-30'), v('b', '2026-09-30'), v('c', '2026-12-25', 'x'), v('d', '2026-12-25', '', '2026-10-01'), v('e', '2026-12-01', 'y', '2026-10-01')])).toEqual([
      { at: 'c', fromStart: null, from: '2026-09-30', toStart: null, to: '2026-12-25', shiftDays: 86, username: 'hq', reason: 'x' },
      { at: 'd', fromStart: null, from: '2026-12-25', toStart: '2026-10-01', to: '2026-12-25', shiftDays: 0, username: 'hq', reason: '' },
      { at: 'e', fromStart: '2026-10-01', from: '2026-12-25', toStart: '2026-10-01', to: '2026-12-01', shiftDays: -24, username: 'hq', reason: 'y' },
    ]);
    expect(planChanges([])).toEqual([]);
    const t = (at: string, targetValue: number, targetFiscalYear = 2025) => ({ at, targetValue, targetFiscalYear, username: '', reason: '' });
    expect(targetChanges([t('a', 1), t('b', 1), t('c', 2), t('d', 2, 2026)]).map((c) => c.at)).toEqual(['c', 'd']);
  });

  it('knows which writes re-plan (and so need a reason)', () => {
    const cur = { plannedDate: '2026-06-30', plannedStartDate: null, targetValue: 5, targetFiscalYear: 2025 };
    expect(changesPlannedDates(cur, {})).toBe(false);
    expect(changesPlannedDates(cur, { plannedDate: '2026-06-30' })).toBe(false);
    expect(changesPlannedDates(cur, { plannedDate: '2026-07-01' })).toBe(true);
    expect(changesPlannedDates(cur, { plannedStartDate: '2026-04-01' })).toBe(true);
    expect(changesTarget(cur, { targetValue: 5 })).toBe(false);
    expect(changesTarget(cur, { targetFiscalYear: 2026 })).toBe(true);
  });
});

describe('words', () => {
  it('names baselines and says the counts in Japanese', () => {
    expect(baselineLabel({ kind: 'original', setOn: '2022-03-31' })).toBe('当初計画');
    expect(baselineLabel({ kind: 'revision', setOn: '2026-04-01' })).toBe('計画改定（2026年4月1日）');
    expect(baselineSentence({ label: '当初計画', setOn: '2022-03-31', lateMilestones: 3, lateMilestonesCurrent: 0, notInBaseline: 2 })).toBe(
      '当初計画（2022年3月31日）に対して遅れたマイルストーンは3件、現在の計画に対してはありません。基準計画になかった（後から追加した）マイルストーンは2件です。',
    );
    expect(baselineSentence(null)).toBe('基準計画（当初計画）は設定されていません。');
  });

  it('the end of a day in Japan is 14:59:59.999 UTC that day', () => {
    expect(endOfJapanDay('2021-06-30')).toBe('2021-06-30T14:59:59.999Z');
    expect(() => endOfJapanDay('2021-02-30')).toThrow(RangeError);
  });
});
