import { describe, expect, it } from 'vitest';
import { formatAuditValue, formatDateTime, milestoneChanges } from './updates.ts';

describe('milestoneChanges', () => {
  const base = { status: 'in_progress' as const, actualDate: null, note: '' };
  it('returns only the changed fields', () => {
    expect(milestoneChanges(base, { status: 'in_progress', actualDate: '', note: '' })).toEqual({});
    expect(milestoneChanges(base, { status: 'done', actualDate: '2026-01-05', note: 'x' })).toEqual({
      status: 'done',
      actualDate: '2026-01-05',
      note: 'x',
    });
  });
  it('clears the actual date when leaving 完了', () => {
    const done = { status: 'done' as const, actualDate: '2026-01-05', note: '' };
    expect(milestoneChanges(done, { status: 'in_progress', actualDate: '2026-01-05', note: '' })).toEqual({
      status: 'in_progress',
      actualDate: null,
    });
  });
});

describe('formatDateTime', () => {
  it('shows Japan time', () => {
    expect(formatDateTime('2026-01-05T16:02:03.000Z')).toBe('2026年1月6日 01:02');
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('formatAuditValue', () => {
  it('formats statuses, dates and empty values', () => {
    expect(formatAuditValue('status', 'done')).toBe('完了');
    expect(formatAuditValue('actualDate', '2026-03-31')).toBe('2026年3月31日');
    expect(formatAuditValue('note', '')).toBe('（なし）');
    expect(formatAuditValue('value', 1234.5)).toBe('1,234.5');
  });
});
