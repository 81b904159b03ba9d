import { describe, expect, it } from 'vitest';
import { effectiveDeadline, type ExtensionLike } from '../../server/domain/deadlines.ts';

const standardization = { id: 1, dueDate: '2026-03-31' };
const scope = { bodyId: 10, itemId: 100 };

describe('effectiveDeadline', () => {
  it('is the original when there is no extension', () => {
    expect(effectiveDeadline(standardization, [], scope)).toEqual({
      originalDate: '2026-03-31',
      effectiveDate: '2026-03-31',
      extended: false,
      extension: null,
    });
  });
  it('applies a body-level extension and keeps the original', () => {
    const body: ExtensionLike = { deadlineId: 1, bodyId: 10, itemId: null, extendedDueDate: '2028-03-31' };
    expect(effectiveDeadline(standardization, [body], scope)).toEqual({
      originalDate: '2026-03-31',
      effectiveDate: '2028-03-31',
      extended: true,
      extension: body,
    });
  });
  it('prefers the item-level extension over the body-level one, even if earlier', () => {
    const body: ExtensionLike = { deadlineId: 1, bodyId: 10, itemId: null, extendedDueDate: '2031-03-31' };
    const item: ExtensionLike = { deadlineId: 1, bodyId: 10, itemId: 100, extendedDueDate: '2027-03-31' };
    const r = effectiveDeadline(standardization, [body, item], scope);
    expect(r.effectiveDate).toBe('2027-03-31');
    expect(r.extension).toBe(item);
    // An item extension may omit the body.
    const itemOnly: ExtensionLike = { deadlineId: 1, bodyId: null, itemId: 100, extendedDueDate: '2026-09-30' };
    expect(effectiveDeadline(standardization, [body, itemOnly], scope).effectiveDate).toBe('2026-09-30');
  });
  it('takes the latest date among extensions of the same scope', () => {
    const exts: ExtensionLike[] = [
      { deadlineId: 1, bodyId: 10, itemId: null, extendedDueDate: '2027-03-31' },
      { deadlineId: 1, bodyId: 10, itemId: null, extendedDueDate: '2029-03-31' },
      { deadlineId: 1, bodyId: 10, itemId: null, extendedDueDate: '2028-03-31' },
    ];
    expect(effectiveDeadline(standardization, exts, scope).effectiveDate).toBe('2029-03-31');
  });
  it('ignores other deadlines, bodies and items', () => {
    const exts: ExtensionLike[] = [
      { deadlineId: 2, bodyId: 10, itemId: 100, extendedDueDate: '2030-03-31' },
      { deadlineId: 1, bodyId: 11, itemId: null, extendedDueDate: '2030-03-31' },
      { deadlineId: 1, bodyId: 10, itemId: 101, extendedDueDate: '2030-03-31' },
      { deadlineId: 1, bodyId: 11, itemId: 100, extendedDueDate: '2030-03-31' },
    ];
    expect(effectiveDeadline(standardization, exts, scope)).toMatchObject({
      effectiveDate: '2026-03-31',
      extended: false,
      extension: null,
    });
  });
});
