import { describe, expect, it } from 'vitest';
import type { MilestoneLike } from '../../server/domain/adherence.ts';
import { adherenceByQuarter, rollupItems, standardizationCompletionRate } from '../../server/domain/rollup.ts';

const ms = (plannedDate: string, status: MilestoneLike['status'], actualDate: string | null = null): MilestoneLike => ({
  plannedDate,
  status,
  actualDate,
});

describe('rollupItems', () => {
  const today = '2026-04-01';
  const items = [
    {
      status: 'done' as const,
      milestones: [ms('2025-06-30', 'done', '2025-06-30'), ms('2025-09-30', 'done', '2025-10-15')],
    },
    {
      status: 'past_deadline' as const,
      milestones: [ms('2026-03-31', 'in_progress'), ms('2025-12-31', 'not_applicable'), ms('2026-04-01', 'not_started')],
    },
    { status: 'past_deadline' as const, milestones: [] },
    { status: 'on_track' as const, milestones: [ms('2026-06-30', 'not_started'), ms('2026-05-01', 'done', '2026-03-20')] },
  ];

  const roll = (list: typeof items) => rollupItems(list.map((i) => i.status), list.flatMap((i) => i.milestones), today);

  it('counts items per status with every key present', () => {
    const r = roll(items);
    expect(r.itemCount).toBe(4);
    expect(r.counts).toEqual({ past_deadline: 2, at_risk: 0, delayed: 0, start_late: 0, not_planned: 0, on_track: 1, done_late: 0, done: 1, not_applicable: 0 });
  });

  it('excludes 対象外 from progress and judges on-time only among due or done milestones', () => {
    const r = roll(items);
    expect(r.milestoneCount).toBe(7);
    expect(r.applicableMilestones).toBe(6);
    expect(r.doneMilestones).toBe(3);
    expect(r.progress).toBe(0.5);
    // on time: 2025-06-30, 2026-05-01 (early); late: 2025-09-30; overdue: 2026-03-31.
    // Due today (2026-04-01) and upcoming (2026-06-30) are not judged.
    expect(r).toMatchObject({ doneOnTime: 2, doneLate: 1, overdue: 1 });
    expect(r.onTimeRate).toBe(0.5);
  });

  it('returns null rates when there is nothing to measure', () => {
    const r = roll([]);
    expect(r.progress).toBeNull();
    expect(r.onTimeRate).toBeNull();
    expect(r.counts.on_track).toBe(0);
    const onlyNa = roll([{ status: 'not_applicable', milestones: [ms('2025-01-01', 'not_applicable')] }] as unknown as typeof items);
    expect(onlyNa.milestoneCount).toBe(1);
    expect(onlyNa.progress).toBeNull();
  });
});

describe('standardizationCompletionRate (ministry rule)', () => {
  it('counts 対象外 as complete, unlike milestone progress', () => {
    const statuses = ['done', 'not_applicable', 'in_progress', 'not_started'] as const;
    expect(standardizationCompletionRate([...statuses])).toBe(0.5);
    // The same steps as milestones: progress is 1 done of 3 applicable.
    const r = rollupItems(['delayed'], statuses.map((s) => ms('2030-01-01', s, s === 'done' ? '2025-01-01' : null)), '2026-01-01');
    expect(r.progress).toBeCloseTo(1 / 3, 10);
  });
  it('is 1 when every step is done or 対象外 and null without steps', () => {
    expect(standardizationCompletionRate(['done', 'not_applicable', 'not_applicable'])).toBe(1);
    expect(standardizationCompletionRate([])).toBeNull();
  });
});

describe('adherenceByQuarter', () => {
  const milestones = [
    ms('2024-12-15', 'done', '2025-01-10'), // before the range: planned FY2024 Q3, done FY2024 Q4
    ms('2025-06-30', 'done', '2025-06-30'), // FY2025 Q1 both
    ms('2025-09-30', 'done', '2026-01-05'), // planned Q2, done Q4 (calendar 2026)
    ms('2026-03-31', 'in_progress'), // planned FY2025 Q4
    ms('2026-04-01', 'not_started'), // planned FY2026 Q1
    ms('2025-08-01', 'not_applicable', null), // ignored
  ];
  const r = adherenceByQuarter(
    milestones,
    { fiscalYear: 2025, quarter: 1 },
    { fiscalYear: 2026, quarter: 2 },
    '2026-04-01',
  );

  it('has every quarter of the range, with labels', () => {
    expect(r.map((p) => p.label)).toEqual(['2025年度Q1', '2025年度Q2', '2025年度Q3', '2025年度Q4', '2026年度Q1', '2026年度Q2']);
  });

  it('counts per quarter and cumulatively from before the range', () => {
    expect(r.map((p) => p.plannedInQuarter)).toEqual([1, 1, 0, 1, 1, 0]);
    expect(r.map((p) => p.doneInQuarter)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(r.map((p) => p.plannedCumulative)).toEqual([2, 3, 3, 4, 5, 5]);
    expect(r.map((p) => p.actualCumulative)).toEqual([2, 2, 2, 3, 3, 3]);
  });

  it('marks quarters starting after today as future (the current one is not)', () => {
    expect(r.map((p) => p.isFuture)).toEqual([false, false, false, false, false, true]);
  });

  it('is empty for an inverted range', () => {
    expect(adherenceByQuarter(milestones, { fiscalYear: 2026, quarter: 1 }, { fiscalYear: 2025, quarter: 4 }, '2026-04-01')).toEqual([]);
  });
});
