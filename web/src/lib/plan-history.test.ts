import { describe, expect, it } from 'vitest';
import { planHistoryRows, planHistorySummary } from './plan-history.ts';
import type { ItemPlanHistory } from './types.ts';

const change = (on: string, from: string, to: string, shiftDays: number, reason: string) => ({
  milestoneId: 5, milestoneTitle: '本稼働', itemId: 3, itemTitle: '移行', at: `${on}T09:00:00.000Z`, on, fromStart: null, from, toStart: null, to, shiftDays, username: 'demo-hq', reason,
});

const H: ItemPlanHistory = {
  baseline: { id: 1, planId: 1, kind: 'original', label: '当初計画', varianceLabel: '当初計画比', setOn: '2022-03-31', reason: '', approvedBy: '', username: '', createdAt: '' },
  milestones: [
    {
      milestoneId: 5,
      title: '本稼働',
      inBaseline: false,
      baseline: null,
      first: { on: '2026-04-01', plannedStartDate: null, plannedDate: '2026-09-30' },
      changes: [change('2026-08-28', '2026-09-30', '2026-12-25', 86, '不具合'), change('2026-11-13', '2026-12-25', '2027-01-29', 35, 'やり直し')],
    },
    { milestoneId: 6, title: '準備', inBaseline: true, baseline: { plannedStartDate: null, plannedDate: '2023-03-31' }, first: { on: '2022-03-31', plannedStartDate: null, plannedDate: '2023-03-31' }, changes: [] },
  ],
  kpis: [],
};

describe('計画変更の履歴', () => {
  it('shows 当初 → 変更1 → 変更2 with days moved and reasons, only for milestones that moved', () => {
    expect(planHistoryRows(H).map((r) => [r.version, r.planned, r.shift, r.reason])).toEqual([
      ['当初', '2026年9月30日', '', '基準計画になし（後から追加）'],
      ['変更1', '2026年12月25日', '+86日', '不具合'],
      ['変更2', '2027年1月29日', '+35日', 'やり直し'],
    ]);
    expect(planHistorySummary(H)).toBe('基準計画は当初計画（2022年3月31日）です。予定日を変更したマイルストーンは1件。基準計画になかった（後から追加した）マイルストーンは1件です。');
  });
});
