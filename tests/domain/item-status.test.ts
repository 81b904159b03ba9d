/**
 * itemStatus (an item's own milestones and the deadlines they answer): a table of cases per rule of
 * server/domain/item-status.ts. Rows read: milestones (planned, status, actual, [start], [deadline]),
 * today → status, and the reasons or figures that must come with it.
 */
import { describe, expect, it } from 'vitest';
import { effectiveDeadline } from '../../server/domain/deadlines.ts';
import { itemStatus, type MilestoneDeadline, type StatusMilestone } from '../../server/domain/item-status.ts';
import type { ItemStatus, MilestoneStatus } from '../../server/domain/labels.ts';

const DEADLINE: MilestoneDeadline = { title: '標準準拠システムへの移行', originalDate: '2026-03-31', effectiveDate: '2026-03-31', extended: false };
const EXTENDED: MilestoneDeadline = { ...DEADLINE, effectiveDate: '2031-03-31', extended: true };

const ms = (
  title: string,
  plannedDate: string,
  status: MilestoneStatus,
  extra: { actual?: string; start?: string; deadline?: MilestoneDeadline; note?: string } = {},
): StatusMilestone => ({
  title,
  plannedDate,
  status,
  actualDate: extra.actual ?? null,
  plannedStartDate: extra.start ?? null,
  deadline: extra.deadline ?? null,
  note: extra.note ?? '',
});

type Case = { rule: string; milestones: StatusMilestone[]; today: string; status: ItemStatus; reasons?: string[]; has?: string };

const cases: Case[] = [
  // 未計画
  { rule: 'no milestones → 未計画', milestones: [], today: '2026-04-01', status: 'not_planned', reasons: ['マイルストーン未登録（スケジュールの登録が必要）'] },
  // 対象外
  {
    rule: 'every milestone 対象外 → 対象外, with each reason',
    milestones: [ms('RPA追加導入', '2026-03-31', 'not_applicable', { note: '選定の結果、導入不要' })],
    today: '2026-11-23',
    status: 'not_applicable',
    reasons: ['すべてのマイルストーンが対象外', '「RPA追加導入」は対象外：選定の結果、導入不要'],
  },
  // 順調
  {
    rule: 'open, nothing late, deadline ahead → 順調 with the days left',
    milestones: [ms('分析', '2025-06-30', 'done', { actual: '2025-06-20' }), ms('移行', '2026-03-01', 'in_progress', { deadline: DEADLINE })],
    today: '2025-11-01',
    status: 'on_track',
    reasons: ['「移行」は国の期限（2026年3月31日）まで残り150日'],
  },
  { rule: 'the deadline day itself is in time', milestones: [ms('移行', '2026-03-31', 'in_progress', { deadline: DEADLINE })], today: '2026-03-31', status: 'on_track' },
  { rule: 'due today is not late', milestones: [ms('設計', '2026-03-31', 'in_progress')], today: '2026-03-31', status: 'on_track', reasons: ['遅れているマイルストーンなし'] },
  // 着手遅れ
  {
    rule: '未着手 past its planned start → 着手遅れ',
    milestones: [ms('設計', '2027-03-31', 'not_started', { start: '2026-10-01' })],
    today: '2026-11-23',
    status: 'start_late',
    reasons: ['「設計」の着手が予定開始日（2026年10月1日）より53日遅れ'],
  },
  { rule: 'on the planned start day it is not late yet', milestones: [ms('設計', '2027-03-31', 'not_started', { start: '2026-11-23' })], today: '2026-11-23', status: 'on_track' },
  { rule: 'started (作業中) after its planned start is not 着手遅れ', milestones: [ms('設計', '2027-03-31', 'in_progress', { start: '2026-10-01' })], today: '2026-11-23', status: 'on_track' },
  // 遅延
  {
    rule: 'a milestone past its planned date → 遅延, slip carried forward',
    milestones: [ms('調達', '2025-09-30', 'in_progress'), ms('移行', '2025-12-31', 'not_started')],
    today: '2025-10-20',
    status: 'delayed',
    reasons: ['マイルストーン1件が予定日を過ぎて未完了（最大20日遅延）'],
  },
  // 要注意
  {
    rule: 'forecast of the deadline-bearing milestone passes its deadline → 要注意',
    milestones: [ms('調達', '2025-11-30', 'in_progress'), ms('構築', '2025-12-15', 'in_progress'), ms('移行', '2026-03-01', 'not_started', { deadline: DEADLINE })],
    today: '2026-01-14',
    status: 'at_risk',
    has: '「移行」の完了見込み（2026年4月15日）が国の期限（2026年3月31日）より15日後',
  },
  {
    rule: 'planned after the deadline (nothing late yet) → 要注意',
    milestones: [ms('移行', '2026-06-30', 'not_started', { deadline: DEADLINE })],
    today: '2025-06-01',
    status: 'at_risk',
  },
  // 期限超過
  {
    rule: 'deadline-bearing milestone open after its deadline → 期限超過',
    milestones: [ms('分析', '2025-12-31', 'done', { actual: '2026-01-10' }), ms('移行', '2026-03-31', 'in_progress', { deadline: DEADLINE })],
    today: '2026-11-23',
    status: 'past_deadline',
    has: '「移行」が未完了のまま国の期限（2026年3月31日）を237日超過',
  },
  // Problem 1: a deadline applies to its milestone only.
  {
    rule: 'a deadline met by its milestone does not make the rest of the plan late',
    milestones: [
      ms('ポリシー改正', '2022-03-31', 'done', { actual: '2021-09-30', deadline: { ...DEADLINE, effectiveDate: '2023-03-31', originalDate: '2023-03-31' } }),
      ms('対策の徹底', '2026-03-31', 'in_progress'),
    ],
    today: '2022-03-31',
    status: 'on_track',
    has: '「ポリシー改正」は国の期限（2023年3月31日）までに完了',
  },
  {
    rule: 'and once everything is done it is 完了, not late',
    milestones: [
      ms('ポリシー改正', '2022-03-31', 'done', { actual: '2021-09-30', deadline: { ...DEADLINE, effectiveDate: '2023-03-31', originalDate: '2023-03-31' } }),
      ms('対策の徹底', '2026-03-31', 'done', { actual: '2026-03-31' }),
    ],
    today: '2026-11-23',
    status: 'done',
  },
  // 完了 / 期限後完了
  {
    rule: 'done after the deadline → 期限後完了',
    milestones: [ms('運用開始', '2023-03-31', 'done', { actual: '2023-06-30', deadline: { ...DEADLINE, effectiveDate: '2023-03-31' } })],
    today: '2026-11-23',
    status: 'done_late',
    has: '「運用開始」は国の期限（2023年3月31日）より91日遅れて完了',
  },
  {
    rule: 'done late against the plan only (no deadline) stays 完了, with the reason',
    milestones: [ms('導入', '2023-03-31', 'done', { actual: '2023-07-31' }), ms('見直し', '2023-02-01', 'not_applicable', { note: '不要' })],
    today: '2026-11-23',
    status: 'done',
    has: '計画（2023年3月31日）より122日遅れて完了',
  },
  // Problem 6: the words for an extended deadline.
  {
    rule: 'an extended deadline is called 延長後の期限',
    milestones: [ms('調達', '2026-06-30', 'in_progress'), ms('本稼働', '2030-12-27', 'not_started', { deadline: EXTENDED })],
    today: '2026-11-23',
    status: 'at_risk',
    has: '「本稼働」の完了見込み（2031年5月22日）が延長後の期限（2031年3月31日）より52日後',
  },
];

describe('itemStatus: a table of cases per rule', () => {
  it.each(cases)('$rule', ({ milestones, today, status, reasons, has }) => {
    const r = itemStatus(milestones, today);
    expect(r.status).toBe(status);
    if (reasons) expect(r.reasons).toEqual(reasons);
    if (has) expect(r.reasons).toContain(has);
    expect(r.reasons.join('')).not.toMatch(/国の期限（2031/);
  });
});

describe('itemStatus: figures', () => {
  it('counts, finishes and the most pressing deadline', () => {
    const r = itemStatus(
      [ms('分析', '2025-06-30', 'done', { actual: '2025-06-20' }), ms('構築', '2025-12-31', 'in_progress'), ms('移行', '2026-03-01', 'not_started', { deadline: DEADLINE })],
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
      deadlineDate: '2026-03-31',
      daysToDeadline: 150,
    });
    expect(r.deadlines).toEqual([expect.objectContaining({ milestoneTitle: '移行', state: 'open', days: 150 })]);
  });
  it('an extension (deadlines.ts) turns 期限超過 into 要注意 or 遅延', () => {
    const deadline = { id: 1, dueDate: '2026-03-31' };
    const scope = { bodyId: 1, itemId: 7 };
    const on = (ext: { extendedDueDate: string; itemId: number | null }[]) => {
      const e = effectiveDeadline(deadline, ext.map((x) => ({ deadlineId: 1, bodyId: 1, ...x })), scope);
      const d = { title: '移行', originalDate: e.originalDate, effectiveDate: e.effectiveDate, extended: e.extended };
      return itemStatus([ms('構築', '2026-06-30', 'in_progress'), ms('移行', '2026-12-31', 'not_started', { deadline: d })], '2026-09-01').status;
    };
    expect(on([])).toBe('past_deadline');
    expect(on([{ extendedDueDate: '2026-12-31', itemId: null }])).toBe('at_risk');
    expect(on([{ extendedDueDate: '2027-03-31', itemId: 7 }])).toBe('delayed');
  });
  it('several deadlines on one item: each judged on its own milestone', () => {
    const early = { ...DEADLINE, title: '27手続', effectiveDate: '2023-03-31', originalDate: '2023-03-31' };
    const r = itemStatus(
      [ms('27手続', '2023-03-31', 'done', { actual: '2023-03-15', deadline: early }), ms('移行', '2026-03-31', 'in_progress', { deadline: DEADLINE })],
      '2026-11-23',
    );
    expect(r.status).toBe('past_deadline');
    expect(r.deadlines.map((d) => d.state)).toEqual(['met', 'passed']);
    expect(r.deadlineDate).toBe('2026-03-31');
  });
});
