/**
 * "As known then" (issue 13): a read with ?asOf=D answers with what the records said at the end of day D, from the
 * history the triggers keep — not today's rows filtered by date. The defects reported in the issue, reproduced on
 * the demo (上天草市's plan adopted on 2022-03-31).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KAMIAMAKUSA_CODE, KAMIAMAKUSA_ITEM_TITLES } from '../../seed/demo.ts';
import { createTestApp, DEMO_AS_OF } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let bodyId: number;

const q = <T>(sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).get(...params) as T;

beforeAll(async () => {
  t = await createTestApp({ demo: true, limits: { heavyPerMinute: 0 } });
  bodyId = q<{ id: number }>('SELECT id FROM local_bodies WHERE code = ?', KAMIAMAKUSA_CODE).id;
});
afterAll(() => t?.close());

const dashboard = async (asOf?: string) => {
  const res = await t.inject(`/api/bodies/${bodyId}/dashboard${asOf ? `?asOf=${asOf}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('dashboard as of a past day', () => {
  it('answers with no item before the plan was adopted (was: 12 items, 26 done milestones on 2021-06-30)', async () => {
    const d = await dashboard('2021-06-30');
    expect(d.timeline).toEqual([]);
    expect(d.totals.itemCount).toBe(0);
    expect(d.totals.doneMilestones).toBe(0);
    expect(d.kpis).toEqual([]);
  });

  it('on the adoption day: the items adopted, none done after that day, no milestone added later', async () => {
    const d = await dashboard('2022-03-31');
    const live = await dashboard();
    expect(d.timeline.length).toBeGreaterThan(0);
    expect(d.timeline.length).toBeLessThan(live.timeline.length); // items added in FY2024–2026 are not there yet
    const ms = d.timeline.flatMap((r: { milestones: { actualDate: string | null; status: string }[] }) => r.milestones);
    for (const m of ms) if (m.actualDate !== null) expect(m.actualDate <= '2022-03-31').toBe(true);
    const titles = ms.map((m: { title?: string }) => m.title);
    expect(titles).not.toContain('残る業務（生活保護・健康管理）の標準準拠システムへの移行'); // created 2026-04-01
    expect(d.timeline.map((r: { title: string }) => r.title)).not.toContain(KAMIAMAKUSA_ITEM_TITLES.migrationSupport); // created 2025-01-24
  });

  it('shows values as recorded then: a KPI target changed on 2025-04-15, a milestone re-planned twice', async () => {
    const target = (d: { kpis: { name: string; targetValue: number }[] }) => d.kpis.find((k) => k.name === '情報システム運用経費')!.targetValue;
    expect(target(await dashboard('2025-03-31'))).toBe(158000);
    expect(target(await dashboard('2025-04-15'))).toBe(165000);
    const planned = (d: { timeline: { milestones: { title: string; plannedDate: string }[] }[] }) =>
      d.timeline.flatMap((r) => r.milestones).find((m) => m.title === '残る業務（生活保護・健康管理）の標準準拠システムへの移行')!.plannedDate;
    expect(planned(await dashboard('2026-06-30'))).toBe('2026-09-30');
    expect(planned(await dashboard('2026-09-30'))).toBe('2026-12-25');
    expect(planned(await dashboard(DEMO_AS_OF))).toBe('2027-01-29');
  });

  it('the item page and the list answer as known then too', async () => {
    const support = q<{ id: number }>('SELECT id FROM plan_items WHERE title = ?', KAMIAMAKUSA_ITEM_TITLES.migrationSupport).id;
    const before = await t.inject(`/api/items/${support}?asOf=2024-12-31`);
    expect(before.statusCode).toBe(404);
    expect(before.json().message).toContain('まだ登録されていませんでした');
    expect((await t.inject(`/api/items/${support}?asOf=2025-01-24`)).statusCode).toBe(200);
    const list = (await t.inject(`/api/bodies/${bodyId}/items?asOf=2021-06-30`)).json();
    expect(list.total ?? list.items?.length ?? list.length).toBe(0);
  });
});

describe('quarterly review as known then', () => {
  it('FY2021 Q1 of 上天草市 shows no item that did not exist then (was: 3 late items)', async () => {
    const res = await t.inject(`/api/bodies/${bodyId}/quarters/2021/1/review`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.numbers.lateNow).toBe(0);
    expect([...r.newlyLate, ...r.newlyDone, ...r.deadlinesPassed, ...r.deadlinesDueSoon]).toEqual([]);
  });

  it('the current quarter is judged as of today, never its last day (was: FY2026 Q3 as of 2026-12-31)', async () => {
    const r = (await t.inject(`/api/bodies/${bodyId}/quarters/2026/3/review`)).json();
    expect(r.quarter.asOf).toBe(DEMO_AS_OF);
    const live = await dashboard();
    expect(r.numbers.lateNow).toBe(
      live.timeline.filter((row: { countedStatus: string | null }) => ['past_deadline', 'at_risk', 'delayed', 'late_start', 'unplanned'].includes(row.countedStatus ?? '')).length,
    );
  });

  it('lists the quarter\'s re-plans with how many days and why (今期の計画変更)', async () => {
    const q3 = (await t.inject(`/api/bodies/${bodyId}/quarters/2026/3/review`)).json();
    expect(q3.planChanges).toEqual([
      expect.objectContaining({ milestoneTitle: '残る業務（生活保護・健康管理）の標準準拠システムへの移行', from: '2026-12-25', to: '2027-01-29', shiftDays: 35, on: '2026-11-13' }),
    ]);
    expect(q3.planChanges[0].reason).toContain('データ移行リハーサル');
    const q2 = (await t.inject(`/api/bodies/${bodyId}/quarters/2026/2/review`)).json();
    expect(q2.planChanges.map((c: { from: string; to: string }) => [c.from, c.to])).toEqual([['2026-09-30', '2026-12-25']]);
    const fy25q1 = (await t.inject(`/api/bodies/${bodyId}/quarters/2025/1/review`)).json();
    expect(fy25q1.targetChanges).toEqual([expect.objectContaining({ kpiName: '情報システム運用経費', fromValue: 158000, toValue: 165000 })]);
  });
});
