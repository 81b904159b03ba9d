/**
 * Parents roll up (server/domain/item-rollup.ts): a table of cases, then a property test over random
 * plans — an item's status is never better than its worst child's or than any deadline-bearing
 * milestone below it, and counts at every level add up to the pieces of work (leaves, and a parent's
 * own steps) with nothing counted twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../server/domain/dates.ts';
import { countedStatus, leafIds, rollUpItems, shortItemTitle, type RollupNode } from '../../server/domain/item-rollup.ts';
import { DEADLINE_CHECK_STATUS, itemStatus, type StatusMilestone } from '../../server/domain/item-status.ts';
import { ITEM_STATUSES, itemStatusSeverity, type ItemStatus, type MilestoneStatus } from '../../server/domain/labels.ts';
import { rollupItems } from '../../server/domain/rollup.ts';

const TODAY = '2026-11-23';
const ms = (title: string, plannedDate: string, status: MilestoneStatus, actual: string | null = null): StatusMilestone => ({
  title,
  plannedDate,
  status,
  actualDate: actual,
});
const node = (id: number, title: string, parentId: number | null, milestones: StatusMilestone[]): RollupNode => ({
  id,
  title,
  parentId,
  own: itemStatus(milestones, TODAY),
  hasMilestones: milestones.length > 0,
});

describe('rollUpItems: a table of cases', () => {
  it('a done parent with late children is not 完了: the worst child decides, and is named', () => {
    const r = rollUpItems(
      [
        node(1, '自治体の行政手続のオンライン化', null, [ms('優先的にオンライン化', '2026-03-31', 'done', '2026-03-31')]),
        node(2, '【第2弾】16件：優先手続', 1, [ms('運用開始', '2025-03-31', 'in_progress')]),
        node(3, '【第3弾】1,386件：その他', 1, [ms('運用開始（随時）', '2026-03-31', 'in_progress')]),
      ],
      TODAY,
    );
    expect(r.get(1)!.status).toBe('delayed');
    expect(r.get(1)!.reasons.slice(0, 2)).toEqual(['【第2弾】が602日遅延', '【第3弾】が237日遅延']);
    expect(r.get(1)!.delayDays).toBe(602);
    expect(r.get(1)!.actualFinish).toBeNull();
  });
  it('a heading without milestones is judged on its children alone (not 未計画)', () => {
    const r = rollUpItems([node(1, '見出し', null, []), node(2, '子', 1, [ms('a', '2027-01-01', 'in_progress')])], TODAY);
    expect(r.get(1)!.status).toBe('on_track');
  });
  it('finished when every part is: 期限後完了 if any part is, 対象外 parts ignored', () => {
    const r = rollUpItems(
      [
        node(1, '親', null, []),
        node(2, '子A', 1, [ms('a', '2025-01-01', 'done', '2025-01-01')]),
        node(3, '子B', 1, [ms('b', '2025-01-01', 'not_applicable')]),
      ],
      TODAY,
    );
    expect(r.get(1)!.status).toBe('done');
    expect(r.get(1)!.actualFinish).toBe('2025-01-01');
  });
  it('a child without a schedule makes the parent 未計画, named', () => {
    const r = rollUpItems([node(1, '親', null, [ms('a', '2025-01-01', 'done', '2025-01-01')]), node(2, '子：詳細', 1, [])], TODAY);
    expect(r.get(1)!.status).toBe('not_planned');
    expect(r.get(1)!.reasons[0]).toBe('子が未計画（スケジュール未登録）');
  });
  it('a cycle in parent links does not loop', () => {
    const r = rollUpItems([node(1, 'A', 2, []), node(2, 'B', 1, [ms('b', '2027-01-01', 'in_progress')])], TODAY);
    expect(r.size).toBe(2);
  });
  it.each([
    ['【第2弾】16件：「デジタルガバメント実行計画」で示された手続', '【第2弾】'],
    ['標準準拠システムへの移行（特定移行支援：介護保険・後期高齢者医療業務）', '標準準拠システムへの移行'],
    ['ガバメントクラウドへ移行', 'ガバメントクラウドへ移行'],
  ])('names a child briefly: %s → %s', (title, short) => expect(shortItemTitle(title)).toBe(short));
});

// ---- property test --------------------------------------------------------------------------------

const STATUSES: MilestoneStatus[] = ['not_started', 'in_progress', 'done', 'not_applicable'];
const day = (n: number) => addDays('2024-01-01', n);

const milestoneArb = fc
  .record({
    planned: fc.integer({ min: 0, max: 1600 }),
    status: fc.constantFrom(...STATUSES),
    actualShift: fc.integer({ min: -60, max: 300 }),
    start: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    deadline: fc.option(fc.record({ due: fc.integer({ min: 0, max: 1800 }), extension: fc.option(fc.integer({ min: 1, max: 900 }), { nil: null }) }), { nil: null }),
  })
  .map((m): StatusMilestone => ({
    title: `M${m.planned}`,
    plannedDate: day(m.planned),
    plannedStartDate: m.start === null ? null : day(Math.max(0, m.planned - m.start)),
    status: m.status,
    actualDate: m.status === 'done' ? day(m.planned + m.actualShift) : null,
    note: m.status === 'not_applicable' ? '理由' : '',
    deadline:
      m.deadline === null
        ? null
        : {
            title: '国の期限',
            originalDate: day(m.deadline.due),
            effectiveDate: day(m.deadline.due + (m.deadline.extension ?? 0)),
            extended: m.deadline.extension !== null,
          },
  }));

const planArb = fc.record({
  today: fc.integer({ min: 0, max: 1800 }).map(day),
  items: fc.array(
    fc.record({
      parent: fc.option(fc.nat(), { nil: null }),
      category: fc.integer({ min: 0, max: 2 }),
      milestones: fc.array(milestoneArb, { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 14 },
  ),
});

describe('rollUpItems: property over random plans', () => {
  it('never better than the worst child or any deadline-bearing milestone below; counts add up to the pieces of work', () => {
    fc.assert(
      fc.property(planArb, ({ today, items }) => {
        // Parents are earlier items only, so a plan is a forest.
        const plan = items.map((it, i) => ({
          id: i + 1,
          parentId: it.parent === null || i === 0 ? null : (it.parent % i) + 1,
          category: it.category,
          milestones: it.milestones,
        }));
        const nodes: RollupNode[] = plan.map((p) => ({
          id: p.id,
          title: `取組${p.id}`,
          parentId: p.parentId,
          own: itemStatus(p.milestones, today),
          hasMilestones: p.milestones.length > 0,
        }));
        const rolled = rollUpItems(nodes, today);
        const children = (id: number) => plan.filter((p) => p.parentId === id);
        const subtree = (id: number): typeof plan => [plan[id - 1]!, ...children(id).flatMap((c) => subtree(c.id))];
        const worse = (a: ItemStatus, b: ItemStatus) => itemStatusSeverity(a) <= itemStatusSeverity(b);

        for (const p of plan) {
          const s = rolled.get(p.id)!.status;
          for (const c of children(p.id)) expect(worse(s, rolled.get(c.id)!.status)).toBe(true);
          if (p.milestones.length > 0) expect(worse(s, nodes[p.id - 1]!.own.status)).toBe(true);
          for (const q of subtree(p.id)) {
            for (const check of itemStatus(q.milestones, today).deadlines) expect(worse(s, DEADLINE_CHECK_STATUS[check.state])).toBe(true);
          }
        }

        // Counts: body = sum over categories; every level = its pieces of work, each once.
        const leaves = leafIds(plan);
        const counted = plan.map((p) => ({
          category: p.category,
          status: countedStatus({ isLeaf: leaves.has(p.id), hasMilestones: p.milestones.length > 0, own: nodes[p.id - 1]!.own }),
        }));
        const pieces = counted.filter((c) => c.status !== null);
        const body = rollupItems(pieces.map((c) => c.status!), [], today);
        expect(body.itemCount).toBe(leaves.size + plan.filter((p) => !leaves.has(p.id) && p.milestones.length > 0).length);
        expect(Object.values(body.counts).reduce((a, b) => a + b, 0)).toBe(body.itemCount);
        for (const s of ITEM_STATUSES) {
          const byCategory = [0, 1, 2]
            .map((cat) => rollupItems(pieces.filter((c) => c.category === cat).map((c) => c.status!), [], today).counts[s])
            .reduce((a, b) => a + b, 0);
          expect(byCategory).toBe(body.counts[s]);
        }
        // Milestones counted once each, whatever the nesting.
        const all = rollupItems([], plan.flatMap((p) => p.milestones), today);
        expect(all.milestoneCount).toBe(plan.reduce((n, p) => n + p.milestones.length, 0));
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
