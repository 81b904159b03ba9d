import { describe, expect, it } from 'vitest';
import { allowedRangeProblem, JUMP_FACTOR, kpiJumpQuestion, kpiValueProblem, kpiValueRange } from '../../server/domain/kpi-range.ts';
import { kpiEntryPeriod, kpiNeedsWord, milestoneNeedsWord, reportedCountText, updateFocus } from '../../server/domain/quarter-word.ts';

const today = '2026-11-23'; // FY2026 Q3 (Oct–Dec)

describe('updateFocus / milestoneNeedsWord', () => {
  it.each([
    [{ status: 'in_progress', plannedDate: '2026-11-22' }, 'overdue', true],
    [{ status: 'not_started', plannedDate: '2026-11-23' }, 'due_this_quarter', true], // due today is not late
    [{ status: 'not_started', plannedDate: '2026-12-31' }, 'due_this_quarter', true],
    [{ status: 'not_started', plannedDate: '2027-01-01' }, 'upcoming', false],
    [{ status: 'in_progress', plannedDate: '2027-03-31' }, 'upcoming', true],
    [{ status: 'done', plannedDate: '2020-03-31' }, 'done', false],
    [{ status: 'not_applicable', plannedDate: '2020-03-31' }, 'not_applicable', false],
  ] as const)('%o → %s, needs a word: %s', (m, focus, needs) => {
    expect(updateFocus(m, today)).toBe(focus);
    expect(milestoneNeedsWord(m, today)).toBe(needs);
  });
});

describe('kpiEntryPeriod / kpiNeedsWord', () => {
  it('a quarterly KPI asks for this quarter', () => {
    const values = [{ fiscalYear: 2026, quarter: 2 }];
    expect(kpiEntryPeriod(values, today)).toEqual({ fiscalYear: 2026, quarter: 3, label: '2026年度第3四半期' });
    expect(kpiNeedsWord(values, today)).toBe(true);
    expect(kpiNeedsWord([...values, { fiscalYear: 2026, quarter: 3 }], today)).toBe(false);
    expect(kpiEntryPeriod([], today).quarter).toBe(3);
  });
  it('a yearly KPI asks for the last ended fiscal year’s 年間値', () => {
    const values = [{ fiscalYear: 2024, quarter: 0 }, { fiscalYear: 2025, quarter: 0 }];
    expect(kpiEntryPeriod(values, today)).toEqual({ fiscalYear: 2025, quarter: 0, label: '2025年度の年間値' });
    expect(kpiNeedsWord(values, today)).toBe(false);
    expect(kpiNeedsWord(values.slice(0, 1), today)).toBe(true);
    // In Q1 of FY2027 the FY2026 figure is due.
    expect(kpiEntryPeriod(values, '2027-05-01').fiscalYear).toBe(2026);
  });
  it('counter text', () => expect(reportedCountText(7, 10)).toBe('10件中7件 報告済み'));
});

describe('kpi-range', () => {
  const count = { name: '移行済み業務数', unit: '業務', baselineValue: 0, targetValue: 20 };
  it('a count cannot be negative; a percentage cannot exceed 100', () => {
    expect(kpiValueProblem(count, -5)).toBe('移行済み業務数の実績値は0業務以上で入力してください（入力: -5業務）。');
    expect(kpiValueProblem(count, 0)).toBeNull();
    expect(kpiValueProblem({ ...count, unit: '%', targetValue: 80 }, 100.5)).toContain('100%以下');
    expect(kpiValueRange({ unit: '%', baselineValue: 120, targetValue: 150 })).toEqual({ min: 0, max: null });
    expect(kpiValueRange({ unit: '℃', baselineValue: -3, targetValue: 2 })).toEqual({ min: null, max: null });
  });
  it('a declared range replaces the derived one (an empty side is unbounded)', () => {
    const percent = { ...count, unit: '%', targetValue: 80 };
    expect(kpiValueRange({ ...percent, allowedMin: 10, allowedMax: 90 })).toEqual({ min: 10, max: 90 });
    // Declared: the derived 0% floor and 100% cap are not mixed in.
    expect(kpiValueRange({ ...percent, allowedMin: -20, allowedMax: null })).toEqual({ min: -20, max: null });
    expect(kpiValueRange({ ...percent, allowedMin: null, allowedMax: 150 })).toEqual({ min: null, max: 150 });
    expect(kpiValueProblem({ ...percent, allowedMax: 150 }, 120)).toBeNull();
    expect(kpiValueProblem({ ...percent, allowedMin: -20 }, -10)).toBeNull();
    // Nothing declared (null or absent): the derived range.
    expect(kpiValueRange({ ...percent, allowedMin: null, allowedMax: null })).toEqual({ min: 0, max: 100 });
    // Outside a two-sided range: the message names the whole range.
    expect(kpiValueProblem({ ...count, allowedMin: 5, allowedMax: 30 }, 31)).toBe('移行済み業務数の実績値は5業務以上30業務以下で入力してください（入力: 31業務）。');
    expect(kpiValueProblem({ ...count, allowedMin: 5, allowedMax: 30 }, 4)).toContain('5業務以上30業務以下');
    expect(kpiValueProblem({ ...count, allowedMin: 5, allowedMax: 30 }, 30)).toBeNull();
  });
  it('a declared range must not be upside down', () => {
    expect(allowedRangeProblem('業務', 10, 5)).toBe('許容範囲（下限）は許容範囲（上限）以下の値にしてください（下限: 10業務、上限: 5業務）。');
    expect(allowedRangeProblem('業務', 5, 5)).toBeNull();
    expect(allowedRangeProblem('業務', 5, null)).toBeNull();
    expect(allowedRangeProblem('業務', undefined, 3)).toBeNull();
  });
  it(`asks about a jump of more than ${JUMP_FACTOR}×`, () => {
    expect(kpiJumpQuestion(count, 16, 17)).toBeNull();
    expect(kpiJumpQuestion(count, 16, 160)).toBeNull();
    expect(kpiJumpQuestion(count, 16, 161)).toContain('10倍を超えて');
    expect(kpiJumpQuestion(count, 16, 1.5)).toContain('10倍を超えて');
    expect(kpiJumpQuestion(count, null, 1000)).toBeNull();
  });
});
