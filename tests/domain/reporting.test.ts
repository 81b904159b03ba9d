import { describe, expect, it } from 'vitest';
import { defaultDueDate, dueDateProblem, reminderOn, reportingDays, reportingQuarter } from '../../server/domain/reporting.ts';

describe('報告期限', () => {
  it('defaults to ten days after the quarter ends (Q4 into April of the next calendar year)', () => {
    expect(defaultDueDate({ fiscalYear: 2026, quarter: 2 })).toBe('2026-10-10');
    expect(defaultDueDate({ fiscalYear: 2025, quarter: 4 })).toBe('2026-04-10');
    expect(defaultDueDate({ fiscalYear: 2026, quarter: 3 }, 0)).toBe('2026-12-31');
  });

  it('refuses a due date before the quarter starts', () => {
    expect(dueDateProblem({ fiscalYear: 2026, quarter: 2 }, '2026-06-30')).toMatch(/初日以降/);
    expect(dueDateProblem({ fiscalYear: 2026, quarter: 2 }, '2026-07-01')).toBeNull();
  });

  it('counts the days up to the due date when it is after the quarter', () => {
    expect(reportingDays({ fiscalYear: 2025, quarter: 4 }, '2026-04-10')).toEqual({ startDate: '2026-01-01', endDate: '2026-04-10' });
    expect(reportingDays({ fiscalYear: 2025, quarter: 4 }, '2026-03-20')).toEqual({ startDate: '2026-01-01', endDate: '2026-03-31' });
    expect(reportingDays({ fiscalYear: 2025, quarter: 4 }, null)).toEqual({ startDate: '2026-01-01', endDate: '2026-03-31' });
  });

  it('asks for the quarter just ended until its due date, then for the current one', () => {
    const due = (fq: { fiscalYear: number; quarter: number }) => (fq.fiscalYear === 2026 && fq.quarter === 2 ? '2026-10-10' : null);
    expect(reportingQuarter('2026-10-10', due)).toEqual({ quarter: { fiscalYear: 2026, quarter: 2 }, dueDate: '2026-10-10' });
    expect(reportingQuarter('2026-10-11', due)).toEqual({ quarter: { fiscalYear: 2026, quarter: 3 }, dueDate: null });
    expect(reportingQuarter('2026-09-15', due)).toEqual({ quarter: { fiscalYear: 2026, quarter: 2 }, dueDate: '2026-10-10' });
    // Across the fiscal year: April asks for Q4 of the year before.
    expect(reportingQuarter('2026-04-03', (fq) => (fq.quarter === 4 ? '2026-04-10' : null)).quarter).toEqual({ fiscalYear: 2025, quarter: 4 });
  });

  it('reminds 7 and 1 days before, and sums up for HQ in the week after', () => {
    const days = ['2026-10-02', '2026-10-03', '2026-10-04', '2026-10-09', '2026-10-10', '2026-10-11', '2026-10-17', '2026-10-18'];
    expect(days.map((d) => reminderOn(d, '2026-10-10'))).toEqual([null, 'due_soon', null, 'due_soon', null, 'hq_summary', 'hq_summary', null]);
  });
});
