// 計画期間 (issue 20 item 3): HQ starts the next plan from the current one — chosen items carried with their milestones,
// KPIs, values and history; the old plan ended, read-only and still readable as it was; a new 当初計画; roll-ups count
// each body's current plan only.
import { eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { milestones, planItems, plans } from '../../server/db/schema.ts';
import { createTestApp, dumpTables, type TestApp } from '../helpers/app.ts';
import { createWorld, type World } from '../helpers/world.ts';

let t: TestApp;
let w: World;

beforeEach(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  // The second section's item is finished: not preselected, and here not carried.
  t.db.update(milestones).set({ status: 'done', actualDate: '2026-06-30' }).where(eq(milestones.id, w.A.s2.milestoneId)).run();
});
afterEach(() => t.close());

const next = (carryItemIds: number[], over: Record<string, unknown> = {}) => ({
  method: 'POST' as const,
  url: `/api/plans/${w.A.planId}/next-plan`,
  payload: { version: 1, title: '第2期DX推進計画', startFiscalYear: 2026, endFiscalYear: 2030, adoptedOn: '2026-04-01', carryItemIds, ...over },
});
const nationalItems = async () => {
  const res = await t.inject('/api/rollups/national');
  expect(res.statusCode).toBe(200);
  return (res.json().categories as { items: number }[]).reduce((n, c) => n + c.items, 0);
};

describe('計画期間: the next plan started from the current one', () => {
  it('lists the current plan’s items with the unfinished ones preselected', async () => {
    const res = await t.as('hq').inject(`/api/plans/${w.A.planId}/next-plan`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { itemId: number; unfinished: boolean; statusLabel: string; milestones: number; kpis: number }[];
    expect(items.map((i) => [i.itemId, i.unfinished])).toEqual([
      [w.A.s1.itemId, true],
      [w.A.s2.itemId, false],
    ]);
    expect(items[0]).toMatchObject({ milestones: 1, kpis: 1 });
  });

  it('carries the chosen items with milestones, KPIs, values and history; ends the old plan; sets the new 当初計画', async () => {
    const before = await nationalItems();
    const prefBefore = (await t.inject(`/api/rollups/prefectures/${w.A.prefectureCode}`)).json();
    expect(prefBefore.municipalityCategories.bodies.find((b: { bodyId: number }) => b.bodyId === w.A.bodyId).items).toBe(2);
    const res = await t.as('hq').inject(next([w.A.s1.itemId]));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.endedPlan).toMatchObject({ id: w.A.planId, endedOn: '2026-11-23', version: 2 });
    expect(body.plan).toMatchObject({ title: '第2期DX推進計画', endedOn: null, startFiscalYear: 2026, endFiscalYear: 2030 });
    expect(body.carriedItems).toBe(1);
    expect(body.baseline).toMatchObject({ planId: body.plan.id, kind: 'original', setOn: '2026-04-01', milestones: 1, kpis: 1 });

    // Same ids, in the new plan; the finished item stays in the ended plan.
    const item = (id: number) => t.db.select().from(planItems).where(eq(planItems.id, id)).get()!;
    expect(item(w.A.s1.itemId).planId).toBe(body.plan.id);
    expect(item(w.A.s2.itemId).planId).toBe(w.A.planId);
    // History follows the id: the item's versions before and after the move.
    const versions = t.db.$client
      .prepare("SELECT json_extract(data, '$.planId') AS planId FROM row_versions WHERE entity = 'plan_items' AND row_id = ? ORDER BY id")
      .all(w.A.s1.itemId) as { planId: number }[];
    expect(versions.map((v) => v.planId)).toEqual([w.A.planId, body.plan.id]);
    const history = await t.as('hq').inject(`/api/items/${w.A.s1.itemId}/plan-history`);
    expect(history.statusCode).toBe(200);

    // The current dashboard shows the new plan: the carried item with its milestone and KPI value.
    const dash = (await t.as('viewer').inject(`/api/bodies/${w.A.bodyId}/dashboard`)).json();
    expect(dash.plan).toMatchObject({ id: body.plan.id, readOnly: false });
    expect(dash.timeline.map((r: { itemId: number }) => r.itemId)).toEqual([w.A.s1.itemId]);
    expect(dash.timeline[0].milestones.map((m: { id: number }) => m.id)).toEqual([w.A.s1.milestoneId]);
    expect(dash.kpis.map((k: { id: number }) => k.id)).toEqual([w.A.s1.kpiId]);
    expect(dash.baseline).toMatchObject({ kind: 'original', setOn: '2026-04-01' });

    // National roll-ups count each body's current plan only: the item left in the ended plan is no longer counted…
    expect(await nationalItems()).toBe(before - 1);
    // …and so do the prefecture's (municipalities × categories, and its milestone CSV).
    const pref = (await t.inject(`/api/rollups/prefectures/${w.A.prefectureCode}`)).json();
    expect(pref.municipalityCategories.bodies.find((b: { bodyId: number }) => b.bodyId === w.A.bodyId).items).toBe(1);
    const csv = (await t.inject(`/api/rollups/prefectures/${w.A.prefectureCode}/milestones.csv`)).body;
    const rowsOfA = csv.split(/\r?\n/).filter((l) => l.includes('テスト市A'));
    expect(rowsOfA.map((l) => l.includes('第一課の工程'))).toEqual([true]);
    const plansList = (await t.as('viewer').inject(`/api/bodies/${w.A.bodyId}/plans`)).json() as { id: number; endedOn: string | null }[];
    expect(plansList.map((p) => [p.id, p.endedOn])).toEqual([
      [w.A.planId, '2026-11-23'],
      [body.plan.id, null],
    ]);
  });

  it('the old plan still reads as it was at its end, read-only, after the carried items change', async () => {
    expect((await t.as('hq').inject(next([w.A.s1.itemId]))).statusCode).toBe(201);
    // Progress on the carried item in the new plan…
    const m = t.db.select().from(milestones).where(eq(milestones.id, w.A.s1.milestoneId)).get()!;
    const patch = await t.as('hq').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, status: 'done', actualDate: '2026-11-20' } });
    expect(patch.statusCode, patch.body).toBe(200);
    // …does not change the ended plan, shown as it was on its last day.
    const old = await t.as('viewer').inject(`/api/bodies/${w.A.bodyId}/dashboard?planId=${w.A.planId}`);
    expect(old.statusCode).toBe(200);
    const d = old.json();
    expect(d.plan).toMatchObject({ id: w.A.planId, readOnly: true, endedOn: '2026-11-23' });
    expect(d.asOf).toBe('2026-11-23');
    expect(d.timeline.map((r: { itemId: number }) => r.itemId)).toEqual([w.A.s1.itemId, w.A.s2.itemId]);
    const s1 = d.timeline.find((r: { itemId: number }) => r.itemId === w.A.s1.itemId);
    expect(s1.milestones[0]).toMatchObject({ id: w.A.s1.milestoneId, status: 'not_started' });
    expect(d.kpis.map((k: { id: number }) => k.id)).toEqual([w.A.s1.kpiId, w.A.s2.kpiId]);
    // An item left in the ended plan reads as it was then, saying which plan; a carried one is the live item.
    const left = (await t.as('viewer').inject(`/api/items/${w.A.s2.itemId}`)).json();
    expect(left.endedPlan).toMatchObject({ id: w.A.planId, endedOn: '2026-11-23' });
    expect(left.milestones.map((x: { id: number }) => x.id)).toEqual([w.A.s2.milestoneId]);
    const carried = (await t.as('viewer').inject(`/api/items/${w.A.s1.itemId}`)).json();
    expect(carried.endedPlan).toBeNull();
    expect(carried.milestones[0]).toMatchObject({ status: 'done', actualDate: '2026-11-20' });
    // A plan of another body is a 404.
    expect((await t.as('viewer').inject(`/api/bodies/${w.A.bodyId}/dashboard?planId=${w.B.planId}`)).statusCode).toBe(404);
  });

  it('refuses every write to the ended plan’s items, milestones, KPIs and values (409, naming the plan), changing nothing', async () => {
    expect((await t.as('hq').inject(next([w.A.s1.itemId]))).statusCode).toBe(201);
    await t.as('officer').login();
    const before = dumpTables(t.db);
    const s2 = w.A.s2;
    const writes = [
      { who: 'hq', method: 'PATCH', url: `/api/milestones/${s2.milestoneId}`, payload: { version: 2, note: '変更' } },
      { who: 'officer', method: 'PATCH', url: `/api/milestones/${w.A.s1.milestoneId}`, payload: { version: 1, note: '新計画では変更できる' }, ok: true },
      { who: 'hq', method: 'PATCH', url: `/api/items/${s2.itemId}`, payload: { version: 1, title: '変更' } },
      { who: 'hq', method: 'POST', url: `/api/items/${s2.itemId}/milestones`, payload: { title: '追加', plannedDate: '2027-03-31' } },
      { who: 'hq', method: 'POST', url: `/api/kpis/${s2.kpiId}/values`, payload: { fiscalYear: 2025, quarter: 2, value: 30 } },
      { who: 'hq', method: 'DELETE', url: `/api/kpi-values/${s2.valueId}?version=1` },
      { who: 'hq', method: 'PATCH', url: `/api/plans/${w.A.planId}`, payload: { version: 2, title: '変更' } },
      { who: 'hq', method: 'POST', url: `/api/plans/${w.A.planId}/items`, payload: { title: '追加', categoryId: w.categoryId, sectionId: s2.sectionId, targetFiscalYear: 2026 } },
    ] as const;
    for (const x of writes) {
      if ('ok' in x) continue;
      const res = await t.as(x.who).inject({ method: x.method, url: x.url, ...('payload' in x ? { payload: x.payload } : {}) });
      expect(res.statusCode, `${x.method} ${x.url}: ${res.body}`).toBe(409);
      expect(res.json()).toMatchObject({ code: 'PLAN_ENDED' });
      expect(res.json().message).toBe(
        '2024年度（令和6年度）〜2027年度（令和9年度）の計画「テスト市ADX推進計画」は令和8年（2026年）11月23日に終了したため、変更できません（閲覧のみ）。変更は現行の計画で行ってください。',
      );
    }
    const after = dumpTables(t.db);
    for (const table of Object.keys(before).filter((n) => !['audit_log', 'sessions', 'data_versions', 'login_log'].includes(n))) {
      expect(after[table], table).toEqual(before[table]);
    }
    // Starting another period from the ended plan is refused the same way.
    expect((await t.as('hq').inject(next([], { version: 2 }))).json()).toMatchObject({ code: 'PLAN_ENDED' });
  });

  it('a stale version is a 409 and a refused request changes nothing', async () => {
    await t.as('hq').login();
    const before = dumpTables(t.db);
    const stale = await t.as('hq').inject(next([w.A.s1.itemId], { version: 7 }));
    expect(stale.statusCode).toBe(409);
    const future = await t.as('hq').inject(next([w.A.s1.itemId], { adoptedOn: '2027-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('策定日');
    const foreign = await t.as('hq').inject(next([w.B.s1.itemId]));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toContain('現行の計画「テスト市ADX推進計画」の取組ではありません');
    const after = dumpTables(t.db);
    for (const table of Object.keys(before).filter((n) => !['audit_log', 'sessions', 'data_versions', 'login_log'].includes(n))) {
      expect(after[table], table).toEqual(before[table]);
    }
    expect(t.db.select().from(plans).where(eq(plans.bodyId, w.A.bodyId)).all()).toHaveLength(1);
  });

  it('is audited as the HQ user; a second current plan cannot be created beside it', async () => {
    expect((await t.as('hq').inject(next([w.A.s1.itemId]))).statusCode).toBe(201);
    const rows = t.db.$client
      .prepare("SELECT entity AS tableName, action, username FROM audit_log WHERE entity IN ('plans', 'plan_items', 'baselines') ORDER BY id")
      .all() as { tableName: string; action: string; username: string }[];
    expect(rows).toEqual(
      expect.arrayContaining([
        { tableName: 'plans', action: 'update', username: 'test-hq' },
        { tableName: 'plans', action: 'create', username: 'test-hq' },
        { tableName: 'plan_items', action: 'update', username: 'test-hq' },
        { tableName: 'baselines', action: 'create', username: 'test-hq' },
      ]),
    );
    const create = await t.as('hq').inject({ method: 'POST', url: `/api/bodies/${w.A.bodyId}/plans`, payload: { title: '別の計画', startFiscalYear: 2026, endFiscalYear: 2030 } });
    expect(create.statusCode).toBe(409);
    expect(create.json()).toMatchObject({ code: 'CURRENT_PLAN_EXISTS' });
  });

  it('refuses an import row that changes the ended plan (the file exported before its end)', async () => {
    const hq = t.as('hq');
    const csv = await hq.inject(`/api/bodies/${w.A.bodyId}/workbook.csv?sheet=milestones`);
    expect(csv.statusCode).toBe(200);
    const records = parse(csv.body.replace(/^\uFEFF/, '')) as string[][];
    expect((await hq.inject(next([w.A.s1.itemId]))).statusCode).toBe(201);
    // The row of the milestone left in the ended plan, its 備考 edited.
    const row = records.findIndex((r) => r[0] === String(w.A.s2.milestoneId));
    expect(row).toBeGreaterThan(0);
    const edited = records.filter((_, i) => i === 0 || i === row).map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 8 ? '終了後の取込' : c))));
    const res = await hq.inject({
      method: 'POST',
      url: `/api/bodies/${w.A.bodyId}/imports`,
      payload: Buffer.from(stringify(edited), 'utf8'),
      headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('ms.csv') },
    });
    expect(res.statusCode, res.body).toBe(201);
    const preview = res.json();
    expect(preview.counts).toMatchObject({ update: 0, refused: 1 });
    expect(preview.problems[0].message).toContain('に終了したため、変更できません');
  });
});
