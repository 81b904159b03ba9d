import { describe, expect, it } from 'vitest';
import { ITEM_STATUSES } from '../../server/domain/labels.ts';
import { carriedItemIds, isUnfinishedItem } from '../../server/domain/plan-period.ts';
import { planPeriodLabel } from '../../server/domain/wareki.ts';

describe('isUnfinishedItem: what continues into the next plan by default', () => {
  it('is every open status, and none of 完了 / 期限後完了 / 対象外', () => {
    expect(ITEM_STATUSES.filter(isUnfinishedItem)).toEqual(['past_deadline', 'at_risk', 'delayed', 'start_late', 'not_planned', 'on_track']);
  });
});

describe('carriedItemIds: an item moves with its family line', () => {
  const items = [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 1 },
    { id: 4, parentId: 3 },
    { id: 5, parentId: null },
  ];
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  it('adds the sub-items of a chosen item and the headings above it', () => {
    expect(sorted(carriedItemIds(items, [3]))).toEqual([1, 3, 4]);
    expect(sorted(carriedItemIds(items, [4]))).toEqual([1, 3, 4]);
    expect(sorted(carriedItemIds(items, [1]))).toEqual([1, 2, 3, 4]);
  });
  it('ignores ids that are not items of the plan; nothing chosen moves nothing', () => {
    expect(sorted(carriedItemIds(items, [5, 99]))).toEqual([5]);
    expect(carriedItemIds(items, []).size).toBe(0);
  });
});

describe('planPeriodLabel', () => {
  it('names both years with their era', () => {
    expect(planPeriodLabel(2022, 2025)).toBe('2022年度（令和4年度）〜2025年度（令和7年度）');
  });
});
