import { describe, expect, it } from 'vitest';
import { JUMP_FACTOR, kpiJumpQuestion, kpiValueProblem, kpiValueRange } from '../../server/domain/kpi-range.ts';
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
  it(`asks about a jump of more than ${JUMP_FACTOR}×`, () => {
    expect(kpiJumpQuestion(count, 16, 17)).toBeNull();
    expect(kpiJumpQuestion(count, 16, 160)).toBeNull();
    expect(kpiJumpQuestion(count, 16, 161)).toContain('10倍を超えて');
    expect(kpiJumpQuestion(count, 16, 1.5)).toContain('10倍を超えて');
    expect(kpiJumpQuestion(count, null, 1000)).toBeNull();
  });
});
