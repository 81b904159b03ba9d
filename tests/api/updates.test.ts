/**
 * 今期の更新 on the demo data (today = 2026-11-23, FY2026 Q3): an officer's items and what is due,
 * 「変更なし」, HQ's reporting status per section; what an officer may change; and lists spanning
 * bodies show only what the user may read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { kpis, localBodies, planItems, sections } from '../../server/db/schema.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
const sectionId = (name: string) => t.db.select().from(sections).where(and(eq(sections.bodyId, bodyId), eq(sections.name, name))).get()!.id;
const itemOf = (section: string) => t.db.select().from(planItems).where(eq(planItems.sectionId, sectionId(section))).get()!;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('reporting status (HQ)', () => {
  it('shows which sections have reported this quarter, unreported first', async () => {
    expect((await t.as('officer').inject(`/api/bodies/${bodyId}/reporting-status`)).statusCode).toBe(403);
    const res = await t.as('hq').inject(`/api/bodies/${bodyId}/reporting-status`);
    expect(res.statusCode, res.body).toBe(200);
    const status = res.json();
    expect(status.period).toEqual({ fiscalYear: 2026, quarter: 3, label: '2026年度 第3四半期', startDate: '2026-10-01', endDate: '2026-12-31', dueDate: null });
    const by = Object.fromEntries(status.sections.map((s: { sectionName: string }) => [s.sectionName, s]));
    // The demo's story: 市民課 last reported in July (Q2); the DX section in November.
    expect(by['市民課']).toMatchObject({ reported: false, reviewedItems: 0 });
    expect(by['行革デジタル戦略課']).toMatchObject({ reported: true });
    expect(by['市民課'].officers.map((o: { username: string }) => o.username)).toContain('demo-officer');
    expect(status.sections[0].reported).toBe(false);
    expect(status.sectionCount).toBe(status.sections.length);

    const q2 = (await t.as('hq').inject(`/api/bodies/${bodyId}/reporting-status?fiscalYear=2026&quarter=2`)).json();
    expect(q2.sections.find((s: { sectionName: string }) => s.sectionName === '市民課').reported).toBe(true);
    expect((await t.as('hq').inject(`/api/bodies/${bodyId}/reporting-status?fiscalYear=2026`)).statusCode).toBe(400);
  });

  it('「変更なし」 by the officer marks the section reported, and is in the audit trail', async () => {
    const item = itemOf('市民課');
    const res = await t.as('officer').inject({ method: 'POST', url: `/api/items/${item.id}/reviews`, payload: { note: '今期は変更なし' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ itemId: item.id, fiscalYear: 2026, quarter: 3, username: 'demo-officer', note: '今期は変更なし' });
    const audit = (await t.as('hq').inject(`/api/items/${item.id}/audit`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'review', actionLabel: '確認（変更なし）', entity: 'item_reviews', username: 'demo-officer' });

    const status = (await t.as('hq').inject(`/api/bodies/${bodyId}/reporting-status`)).json();
    const citizen = status.sections.find((s: { sectionName: string }) => s.sectionName === '市民課');
    expect(citizen).toMatchObject({ reported: true, reviewedItems: 1, lastReportedBy: expect.any(String) });
    // Only officers of the owning section (and hq) may record it.
    const other = itemOf('税務課') ?? itemOf('子育て支援課');
    expect((await t.as('officer').inject({ method: 'POST', url: `/api/items/${other.id}/reviews`, payload: {} })).statusCode).toBe(403);
    expect((await t.as('viewer').inject({ method: 'POST', url: `/api/items/${item.id}/reviews`, payload: {} })).statusCode).toBe(403);
  });
});

describe('my updates (今期の更新)', () => {
  it('lists the officer’s sections’ items, those with overdue or due milestones first, with this quarter’s KPI values', async () => {
    const res = await t.as('officer').inject(`/api/bodies/${bodyId}/my-updates`);
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    expect(mine.period).toMatchObject({ fiscalYear: 2026, quarter: 3 });
    expect(mine.sections.map((s: { name: string }) => s.name).sort()).toEqual(['市民課', '行革デジタル戦略課'].sort());
    expect(mine.items.length).toBeGreaterThan(0);
    for (const i of mine.items) {
      expect(['市民課', '行革デジタル戦略課']).toContain(i.item.sectionName);
      expect(i.canEdit).toBe(true);
    }
    const rank = (i: { overdueCount: number; dueThisQuarterCount: number }) => (i.overdueCount > 0 ? 0 : i.dueThisQuarterCount > 0 ? 1 : 2);
    const ranks = mine.items.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(mine.summary.overdueMilestones + mine.summary.dueThisQuarter).toBeGreaterThan(0);
    for (const i of mine.items) {
      const order = ['overdue', 'due_this_quarter', 'upcoming', 'done', 'not_applicable'];
      const focus = i.milestones.map((m: { focus: string }) => order.indexOf(m.focus));
      expect(focus).toEqual([...focus].sort((a: number, b: number) => a - b));
      for (const m of i.milestones.filter((x: { focus: string }) => x.focus === 'overdue')) {
        expect(m.plannedDate < '2026-11-23').toBe(true);
        expect(m.status).not.toBe('done');
      }
    }
    const reviewed = mine.items.find((i: { lastReview: unknown }) => i.lastReview !== null);
    expect(reviewed.lastReview).toMatchObject({ username: 'demo-officer', quarter: 3 });
    expect(mine.summary.reportedItems).toBeGreaterThanOrEqual(1);

    // The demo has no value for this quarter yet: enter one, and the list shows it as this quarter's.
    const kpi = mine.items.flatMap((i: { kpis: { id: number }[] }) => i.kpis)[0];
    expect(kpi, 'a KPI of the officer’s items').toBeDefined();
    const entered = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${kpi.id}/values`, payload: { fiscalYear: 2026, quarter: 3, value: 12.5 } });
    expect(entered.statusCode, entered.body).toBe(201);
    const after = (await t.as('officer').inject(`/api/bodies/${bodyId}/my-updates`)).json();
    // Yearly KPIs show their 年間値 of the last ended year (issue 19): only quarterly ones ask for this quarter.
    const values = after.items
      .flatMap((i: { kpis: { thisQuarter: { quarter: number } | null }[] }) => i.kpis.map((k) => k.thisQuarter))
      .filter((v: { quarter: number } | null) => v !== null && v.quarter !== 0);
    expect(values).toEqual([expect.objectContaining({ kpiId: kpi.id, fiscalYear: 2026, quarter: 3, value: 12.5 })]);
  });

  it('shows hq every section, can be narrowed by section, and is not for viewers or the prefecture', async () => {
    const hq = (await t.as('hq').inject(`/api/bodies/${bodyId}/my-updates`)).json();
    expect(hq.sections.length).toBe(t.db.select().from(sections).where(eq(sections.bodyId, bodyId)).all().length);
    const one = (await t.as('hq').inject(`/api/bodies/${bodyId}/my-updates?sectionId=${sectionId('税務課')}`)).json();
    expect(one.sections.map((s: { name: string }) => s.name)).toEqual(['税務課']);
    expect((await t.as('viewer').inject(`/api/bodies/${bodyId}/my-updates`)).statusCode).toBe(403);
    expect((await t.as('prefecture').inject(`/api/bodies/${bodyId}/my-updates`)).statusCode).toBe(403);
  });
});

describe('what an officer may change', () => {
  it('updates progress fields of its sections’ milestones, not planned dates or titles', async () => {
    const item = itemOf('行革デジタル戦略課');
    const detail = (await t.as('officer').inject(`/api/items/${item.id}`)).json();
    const m = detail.milestones[0];
    const replan = await t.as('officer').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, plannedDate: '2030-03-31' } });
    expect(replan.statusCode).toBe(403);
    expect(replan.json().details).toEqual({ fields: ['plannedDate'], allowedFields: ['status', 'actualStartDate', 'actualDate', 'note'] });
    const retitle = await t.as('officer').inject({ method: 'PATCH', url: `/api/items/${item.id}`, payload: { version: item.version, title: '別名' } });
    expect(retitle.statusCode).toBe(403);
    const notes = await t.as('officer').inject({ method: 'PATCH', url: `/api/items/${item.id}`, payload: { version: item.version, notes: '担当課の備考' } });
    expect(notes.statusCode, notes.body).toBe(200);
    // hq may re-plan.
    const hq = await t.as('hq').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, plannedDate: m.plannedDate } });
    expect(hq.statusCode, hq.body).toBe(200);
  });

  it('enters KPI values of its sections’ items only', async () => {
    const own = t.db.select().from(kpis).all().find((k) => k.itemId !== null && [sectionId('行革デジタル戦略課'), sectionId('市民課')].includes(t.db.select().from(planItems).where(eq(planItems.id, k.itemId!)).get()!.sectionId));
    expect(own).toBeDefined();
    // A KPI of another section's item, set up by hq.
    const created = await t.as('hq').inject({
      method: 'POST',
      url: `/api/bodies/${bodyId}/kpis`,
      payload: { name: '子育て手続のオンライン利用率', unit: '%', direction: 'higher', baselineValue: 10, baselineFiscalYear: 2024, targetValue: 50, targetFiscalYear: 2027, itemId: itemOf('子育て支援課').id },
    });
    expect(created.statusCode, created.body).toBe(201);
    const other = created.json();
    const res = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${own!.id}/values`, payload: { fiscalYear: 2026, quarter: 4, value: 42 } });
    expect(res.statusCode, res.body).toBe(201);
    const refused = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${other.id}/values`, payload: { fiscalYear: 2026, quarter: 4, value: 1 } });
    expect(refused.statusCode).toBe(403);
  });
});

describe('lists spanning bodies show only readable bodies', () => {
  const names = (page: { items: { name: string }[] }) => page.items.map((b) => b.name).sort();

  it('bodies', async () => {
    expect(names((await t.as('officer').inject('/api/bodies')).json())).toEqual(['上天草市']);
    expect(names((await t.as('viewer').inject('/api/bodies')).json())).toEqual(['上天草市']);
    expect(names((await t.as('prefecture').inject('/api/bodies')).json())).toEqual(['上天草市', '熊本県'].sort());
    expect((await t.inject('/api/bodies')).json().total).toBe(5);
  });

  it('the standardization comparison', async () => {
    const pref = (await t.as('prefecture').inject('/api/standardization/summary')).json();
    expect(pref.map((r: { name: string }) => r.name).sort()).toEqual(['上天草市', '熊本県'].sort());
    const viewer = (await t.as('viewer').inject('/api/standardization/summary')).json();
    expect(viewer.map((r: { name: string }) => r.name)).toEqual(['上天草市']);
  });

  it('the extensions listed with national deadlines', async () => {
    const count = (list: { extensions: unknown[] }[]) => list.reduce((n, d) => n + d.extensions.length, 0);
    const all = (await t.inject('/api/national-deadlines')).json();
    const kumamoto = (await t.as('prefecture').inject('/api/national-deadlines')).json();
    const viewer = (await t.as('viewer').inject('/api/national-deadlines')).json();
    // 上天草市: an item and its two 特定移行支援 systems; 袖ケ浦市: the whole body; 松戸市: two systems.
    expect(count(all)).toBe(6);
    expect(count(kumamoto)).toBe(3);
    expect(count(viewer)).toBe(3);
    for (const d of viewer) for (const e of d.extensions) expect(e.bodyName ?? '上天草市').toBe('上天草市');
  });
});
