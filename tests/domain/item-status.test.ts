import { describe, expect, it } from 'vitest';
import type { MilestoneLike } from '../../server/domain/adherence.ts';
import { effectiveDeadline } from '../../server/domain/deadlines.ts';
import { itemStatus } from '../../server/domain/item-status.ts';

const ms = (plannedDate: string, status: MilestoneLike['status'], actualDate: string | null = null): MilestoneLike => ({
  plannedDate,
  status,
  actualDate,
});
const DEADLINE = '2026-03-31';

describe('itemStatus', () => {
  it('is on track when nothing is overdue and the forecast meets the deadline', () => {
    const r = itemStatus(
      [ms('2025-06-30', 'done', '2025-06-20'), ms('2025-12-31', 'in_progress'), ms('2026-03-01', 'not_started')],
      DEADLINE,
      '2025-11-01',
    );
    expect(r).toMatchObject({
      status: 'on_track',
      plannedFinish: '2026-03-01',
      forecastFinish: '2026-03-01',
      actualFinish: null,
      delayDays: 0,
      overdueCount: 0,
      doneCount: 1,
      applicableCount: 3,
      deadlineDate: DEADLINE,
      daysToDeadline: 150,
    });
  });

  it('is delayed when a milestone is overdue but the slip still fits before the deadline', () => {
    const r = itemStatus([ms('2025-09-30', 'in_progress'), ms('2025-12-31', 'not_started')], DEADLINE, '2025-10-20');
    expect(r.status).toBe('delayed');
    expect(r.delayDays).toBe(20);
    expect(r.overdueCount).toBe(1);
    expect(r.forecastFinish).toBe('2026-01-20');
    expect(r.reasons).toEqual(['マイルストーン1件が遅延（最大20日）']);
  });

  it('is at risk when the slip carries the forecast past the deadline', () => {
    const r = itemStatus(
      [ms('2025-11-30', 'in_progress'), ms('2025-12-15', 'in_progress'), ms('2026-03-01', 'not_started')],
      DEADLINE,
      '2026-01-14',
    );
    expect(r.status).toBe('at_risk');
    expect(r.delayDays).toBe(45);
    expect(r.overdueCount).toBe(2);
    expect(r.forecastFinish).toBe('2026-04-15');
    expect(r.reasons).toEqual([
      '完了見込み（2026年4月15日）が国の期限（2026年3月31日）より後',
      'マイルストーン2件が遅延（最大45日）',
    ]);
  });

  it('is past deadline once today is after the deadline and the item is open', () => {
    const milestones = [ms('2025-12-31', 'done', '2026-01-10'), ms('2026-03-31', 'in_progress')];
    const r = itemStatus(milestones, DEADLINE, '2026-11-23');
    expect(r.status).toBe('past_deadline');
    expect(r.daysToDeadline).toBe(-237);
    expect(r.reasons[0]).toBe('国の期限（2026年3月31日）を237日超過');
    expect(r.reasons[1]).toBe('マイルストーン1件が遅延（最大237日）');
  });

  it('is not past deadline on the deadline day itself', () => {
    const r = itemStatus([ms('2026-03-31', 'in_progress')], DEADLINE, DEADLINE);
    expect(r.status).toBe('on_track');
    expect(r.daysToDeadline).toBe(0);
    const next = itemStatus([ms('2026-03-31', 'in_progress')], DEADLINE, '2026-04-01');
    expect(next.status).toBe('past_deadline');
    expect(next.daysToDeadline).toBe(-1);
  });

  it('an extended deadline turns past_deadline into at_risk or on_track', () => {
    const milestones = [ms('2026-06-30', 'in_progress'), ms('2026-12-31', 'not_started')];
    const today = '2026-09-01';
    const deadline = { id: 1, dueDate: DEADLINE };
    const scope = { bodyId: 1, itemId: 7 };
    expect(itemStatus(milestones, effectiveDeadline(deadline, [], scope).effectiveDate, today).status).toBe(
      'past_deadline',
    );
    // Extended to end of 2026: open milestone is 63 days late, forecast 2027-03-04 > 2026-12-31.
    const short = effectiveDeadline(deadline, [{ deadlineId: 1, bodyId: 1, itemId: null, extendedDueDate: '2026-12-31' }], scope);
    const atRisk = itemStatus(milestones, short.effectiveDate, today);
    expect(atRisk.status).toBe('at_risk');
    expect(atRisk.forecastFinish).toBe('2027-03-04');
    // Extended for this item to end of FY2026: the forecast fits, but a milestone is late.
    const long = effectiveDeadline(deadline, [{ deadlineId: 1, bodyId: 1, itemId: 7, extendedDueDate: '2027-03-31' }], scope);
    expect(itemStatus(milestones, long.effectiveDate, today).status).toBe('delayed');
    // And with nothing late it is on track.
    expect(itemStatus([ms('2026-12-31', 'in_progress')], long.effectiveDate, today).status).toBe('on_track');
  });

  it('is done when all applicable milestones are done, even after the deadline, and says so', () => {
    const r = itemStatus(
      [ms('2026-01-31', 'done', '2026-01-20'), ms('2026-03-31', 'done', '2026-05-10'), ms('2026-02-01', 'not_applicable')],
      DEADLINE,
      '2026-11-01',
    );
    expect(r).toMatchObject({
      status: 'done',
      actualFinish: '2026-05-10',
      plannedFinish: '2026-03-31',
      doneCount: 2,
      applicableCount: 2,
      delayDays: 0,
    });
    expect(r.reasons).toContain('国の期限（2026年3月31日）より40日遅れて完了');
  });

  it('ignores 対象外 milestones; all 対象外 makes the item not applicable', () => {
    const r = itemStatus([ms('2025-01-01', 'not_applicable'), ms('2026-12-31', 'in_progress')], null, '2026-01-01');
    expect(r.status).toBe('on_track');
    expect(r.applicableCount).toBe(1);
    const na = itemStatus([ms('2025-01-01', 'not_applicable'), ms('2025-02-01', 'not_applicable')], DEADLINE, '2026-11-01');
    expect(na.status).toBe('not_applicable');
    expect(na.applicableCount).toBe(0);
  });

  it('without milestones: past_deadline if the deadline passed, else on_track', () => {
    expect(itemStatus([], DEADLINE, '2026-04-01').status).toBe('past_deadline');
    expect(itemStatus([], DEADLINE, '2026-03-31').status).toBe('on_track');
    const none = itemStatus([], null, '2026-04-01');
    expect(none).toMatchObject({ status: 'on_track', deadlineDate: null, daysToDeadline: null, plannedFinish: null });
  });

  it('without a deadline only delay matters', () => {
    const r = itemStatus([ms('2026-01-01', 'in_progress')], null, '2026-11-01');
    expect(r.status).toBe('delayed');
    expect(r.daysToDeadline).toBeNull();
  });
});
