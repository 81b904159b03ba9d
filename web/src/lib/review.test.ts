import { describe, expect, it } from 'vitest';
import { decisionTargets, reviewTables } from './review.ts';
import type { QuarterReview } from './types.ts';

const ref = (q: 1 | 2 | 3 | 4) => ({
  fiscalYear: 2026,
  quarter: q,
  label: `2026年度 第${q}四半期`,
  fiscalYearLabel: '2026年度（令和8年度）',
  asOf: q === 2 ? '2026-09-30' : '2026-06-30',
  source: 'live' as const,
  sourceLabel: '現在のデータから算出',
});
const item = (itemId: number, title: string) => ({
  itemId,
  title,
  categoryName: '標準化・共通化',
  sectionName: '行革デジタル戦略課',
  status: 'delayed',
  statusLabel: '遅延',
  deadlineTitle: '標準準拠システムへの移行',
  deadlineDate: '2031-03-31',
});

function review(over: Partial<QuarterReview> = {}): QuarterReview {
  return {
    body: { id: 3, name: '上天草市' },
    quarter: ref(2),
    previous: ref(1),
    closed: null,
    newlyLate: [],
    newlyDone: [],
    recovered: [],
    slippedMilestones: [],
    kpiMoves: [],
    deadlinesPassed: [],
    deadlinesDueSoon: [],
    horizonEnd: '2027-03-31',
    unreportedSections: [],
    numbers: { lateChange: 0, lateNow: 0, lateChangeByCategory: [], newlyDone: 0, newlyDoneLate: 0, pastDeadline: 0, dueSoon: 0, unreportedSections: 0 },
    summary: '',
    planChanges: [],
    targetChanges: [],
    decisions: [],
    ...over,
  };
}

describe('reviewTables', () => {
  it('has every list, in order, with captions naming the comparison', () => {
    const tables = reviewTables(review());
    expect(tables.map((t) => t.id)).toEqual(['newly-late', 'newly-done', 'recovered', 'slipped', 'plan-changes', 'target-changes', 'kpi-moves', 'deadlines-passed', 'deadlines-soon', 'unreported']);
    expect(tables[0]!.caption).toBe('新たに要対応になった取組（2026年度 第1四半期との比較）');
    expect(tables.every((t) => t.rows.length === 0)).toBe(true);
    expect(tables[8]!.caption).toContain('2027年3月31日まで');
  });

  it('formats rows: items with deadlines, slips in days, KPI moves with direction against target', () => {
    const tables = reviewTables(
      review({
        newlyLate: [item(3, '標準準拠システムへの移行')],
        slippedMilestones: [{ id: 9, itemId: 3, itemTitle: '標準準拠システムへの移行', title: '本番移行', previousPlannedDate: '2026-06-30', plannedDate: '2026-09-30', slipDays: 92, status: 'not_started' }],
        kpiMoves: [
          { kpiId: 1, name: 'オンライン申請利用率', unit: '%', direction: 'higher', before: 38.5, after: 40.1, delta: 1.6000000000000014, movement: 'improved', movementLabel: '改善', targetValue: 70, reached: false, remainingToTarget: 29.9 },
          { kpiId: 2, name: '紙の申請件数', unit: '件', direction: 'lower', before: 100, after: 120, delta: 20, movement: 'worsened', movementLabel: '悪化', targetValue: 50, reached: false, remainingToTarget: 70 },
        ],
        deadlinesPassed: [{ itemId: 1, title: '標準化', categoryName: '標準化・共通化', statusLabel: '期限超過', milestoneTitle: '標準準拠システムへ移行', deadlineTitle: '標準準拠システムへの移行', deadlineLabel: '国の期限', deadlineDate: '2026-03-31', daysLeft: -183 }],
        unreportedSections: [{ sectionId: 8, sectionName: '子育て支援課' }],
      }),
    );
    const byId = Object.fromEntries(tables.map((t) => [t.id, t]));
    expect(byId['newly-late']!.rows[0]).toEqual({
      header: '標準準拠システムへの移行',
      itemId: 3,
      cells: ['標準化・共通化', '行革デジタル戦略課', '遅延', '標準準拠システムへの移行（2031年3月31日）'],
    });
    expect(byId['slipped']!.rows[0]!.cells).toEqual(['標準準拠システムへの移行', '2026年6月30日', '2026年9月30日', '92日']);
    expect(byId['kpi-moves']!.rows[0]!.cells).toEqual(['38.5%', '40.1%', '+1.6%', '↑ 改善', '70%', 'あと29.9%']);
    expect(byId['kpi-moves']!.rows[1]!.cells.slice(2, 4)).toEqual(['+20件', '↓ 悪化']);
    expect(byId['deadlines-passed']!.rows[0]!.cells).toEqual(['標準準拠システムへ移行', '標準準拠システムへの移行', '国の期限 2026年3月31日', '183日超過', '期限超過']);
    expect(byId['unreported']!.rows).toEqual([{ header: '子育て支援課', cells: [] }]);
  });
});

describe('decisionTargets', () => {
  it('lists each item once with every reason, and attaches saved decisions', () => {
    const targets = decisionTargets(
      review({
        newlyLate: [item(3, 'A')],
        deadlinesPassed: [{ itemId: 3, title: 'A', categoryName: 'c', statusLabel: '期限超過', milestoneTitle: 'm', deadlineTitle: 'd', deadlineLabel: '国の期限', deadlineDate: '2026-03-31', daysLeft: -1 }],
        newlyDone: [item(5, 'B')],
        decisions: [
          { itemId: 5, decision: '議会に報告', username: 'demo-hq', updatedAt: '2026-11-23T00:00:00.000Z' },
          { itemId: 7, decision: '継続', username: 'demo-hq', updatedAt: '2026-11-23T00:00:00.000Z' },
        ],
      }),
    );
    expect(targets.map((t) => [t.itemId, t.reasons])).toEqual([
      [3, ['新たに要対応', '国の期限超過']],
      [5, ['新たに完了']],
      [7, ['対応方針を記録済み']],
    ]);
    expect(targets[0]!.decision).toBeNull();
    expect(targets[1]!.decision?.decision).toBe('議会に報告');
  });

  it('gives every 要対応 item of the closed quarter a box (the council PDF lists them all), continuing delays included', () => {
    const targets = decisionTargets(review({ newlyLate: [item(3, 'A')] }), [
      { itemId: 3, title: 'A' },
      { itemId: 9, title: '継続して遅延' },
    ]);
    expect(targets.map((t) => [t.itemId, t.reasons])).toEqual([
      [3, ['新たに要対応']],
      [9, ['要対応（前の四半期から継続）']],
    ]);
  });
});

describe('今期の計画変更', () => {
  it('lists each re-plan with its days and reason, and the item gets a 対応方針', () => {
    const r = review({
      planChanges: [
        { milestoneId: 5, milestoneTitle: '本稼働', itemId: 3, itemTitle: '標準準拠システムへの移行', at: '2026-11-13T09:00:00.000Z', on: '2026-11-13', fromStart: null, from: '2026-12-25', toStart: null, to: '2027-01-29', shiftDays: 35, username: 'demo-hq', reason: 'データ移行のやり直し' },
      ],
    });
    const table = reviewTables(r).find((t) => t.id === 'plan-changes')!;
    expect(table.caption).toContain('今期の計画変更');
    expect(table.rows).toEqual([{ header: '本稼働', itemId: 3, cells: ['標準準拠システムへの移行', '2026年11月13日', '2026年12月25日', '2027年1月29日', '+35日', 'データ移行のやり直し', 'demo-hq'] }]);
    expect(decisionTargets(r).find((d) => d.itemId === 3)!.reasons).toContain('今期に計画変更');
  });
});
