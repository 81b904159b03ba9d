import { describe, expect, it } from 'vitest';
import { effectiveDeadline, effectiveSystemDeadline, extensionScope, type ExtensionLike } from '../../server/domain/deadlines.ts';

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

describe('extensions per system (issue 18)', () => {
  const std = { id: 1, dueDate: '2026-03-31' };
  const area = (areaId: number, date = '2031-03-31'): ExtensionLike => ({ deadlineId: 1, bodyId: 10, itemId: null, areaId, extendedDueDate: date });

  it('an extension of one business area does not extend the body’s plan items', () => {
    const r = effectiveDeadline(std, [area(14)], { bodyId: 10, itemId: 100 });
    expect(r.effectiveDate).toBe('2026-03-31');
    expect(r.extended).toBe(false);
  });

  it('covers that system only: the body’s other systems keep the original deadline', () => {
    expect(effectiveSystemDeadline(std, [area(14)], { bodyId: 10, areaId: 14 }).effectiveDate).toBe('2031-03-31');
    expect(effectiveSystemDeadline(std, [area(14)], { bodyId: 10, areaId: 1 }).effectiveDate).toBe('2026-03-31');
    expect(effectiveSystemDeadline(std, [area(14)], { bodyId: 11, areaId: 14 }).effectiveDate).toBe('2026-03-31');
  });

  it('a whole-body extension covers every system; an area’s own extension wins over it', () => {
    const body: ExtensionLike = { deadlineId: 1, bodyId: 10, itemId: null, extendedDueDate: '2027-03-31' };
    expect(effectiveSystemDeadline(std, [body], { bodyId: 10, areaId: 1 }).effectiveDate).toBe('2027-03-31');
    expect(effectiveSystemDeadline(std, [body, area(1, '2029-03-31')], { bodyId: 10, areaId: 1 }).effectiveDate).toBe('2029-03-31');
    expect(extensionScope(body)).toBe('body');
    expect(extensionScope(area(1))).toBe('area');
  });

  it('item extensions govern items, not systems', () => {
    const item: ExtensionLike = { deadlineId: 1, bodyId: 10, itemId: 100, extendedDueDate: '2031-03-31' };
    expect(effectiveSystemDeadline(std, [item], { bodyId: 10, areaId: 1 }).extended).toBe(false);
    expect(extensionScope(item)).toBe('item');
  });
});
