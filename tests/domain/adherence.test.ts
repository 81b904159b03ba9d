import { describe, expect, it } from 'vitest';
import { milestoneAdherence } from '../../server/domain/adherence.ts';

const today = '2026-04-01';

describe('milestoneAdherence', () => {
  it('done on or before the planned date is on time', () => {
    expect(milestoneAdherence({ plannedDate: '2026-03-31', actualDate: '2026-03-31', status: 'done' }, today)).toEqual({
      kind: 'done_on_time',
    });
    expect(milestoneAdherence({ plannedDate: '2026-03-31', actualDate: '2026-02-01', status: 'done' }, today)).toEqual({
      kind: 'done_on_time',
    });
  });
  it('done after the planned date is late by the difference, across March 31 / April 1', () => {
    expect(milestoneAdherence({ plannedDate: '2026-03-31', actualDate: '2026-04-01', status: 'done' }, today)).toEqual({
      kind: 'done_late',
      daysLate: 1,
    });
  });
  it('due today is upcoming with 0 days left, not overdue', () => {
    expect(milestoneAdherence({ plannedDate: today, actualDate: null, status: 'in_progress' }, today)).toEqual({
      kind: 'upcoming',
      daysLeft: 0,
    });
  });
  it('open after the planned date is overdue', () => {
    expect(milestoneAdherence({ plannedDate: '2026-03-31', actualDate: null, status: 'not_started' }, today)).toEqual({
      kind: 'overdue',
      daysOverdue: 1,
    });
    expect(milestoneAdherence({ plannedDate: '2024-02-28', actualDate: null, status: 'in_progress' }, '2024-03-01')).toEqual({
      kind: 'overdue',
      daysOverdue: 2,
    });
  });
  it('upcoming counts days left', () => {
    expect(milestoneAdherence({ plannedDate: '2026-04-11', actualDate: null, status: 'not_started' }, today)).toEqual({
      kind: 'upcoming',
      daysLeft: 10,
    });
  });
  it('対象外 is excluded, even when its date has passed', () => {
    expect(milestoneAdherence({ plannedDate: '2020-01-01', actualDate: null, status: 'not_applicable' }, today)).toEqual({
      kind: 'not_applicable',
    });
  });
  it('done without an actual date is assumed done on the planned date', () => {
    expect(milestoneAdherence({ plannedDate: '2020-01-01', actualDate: null, status: 'done' }, today)).toEqual({
      kind: 'done_on_time',
    });
  });
});
