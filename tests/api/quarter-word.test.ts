/**
 * Issue 19: what needs this quarter's word on 今期の更新 (demo data, today 2026-11-23 = FY2026 Q3), and the defects
 * reported about it: a yearly KPI asked for 「第0四半期」 of the current quarter, a KPI value of −5 業務 saved,
 * 報告状況 counting an item both as changed and as 変更なし (「変更あり 8 / 変更なし 6」 on 8 items), and errors with
 * ISO dates or naming a field that is not on the page (実績開始日).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { localBodies, milestones, planItems, sections } from '../../server/db/schema.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
});
afterAll(async () => {
  await t?.close();
});

type Ms = { id: number; title: string; status: string; focus: string; needsWord: boolean; version: number; plannedDate: string };
type Kpi = { id: number; name: string; unit: string; entryPeriod: { fiscalYear: number; quarter: number; label: string }; needsWord: boolean; previous: { quarter: number } | null; thisQuarter: unknown };
type Entry = { item: { id: number; title: string }; milestones: Ms[]; kpis: Kpi[]; needsWord: boolean; reported: boolean };
const mine = async () => (await t.as('officer').inject(`/api/bodies/${bodyId}/my-updates`)).json() as { items: Entry[]; summary: Record<string, number> };

describe('what needs this quarter’s word', () => {
  it('marks overdue, due and in-progress milestones and KPIs without a value for their entry period; done and future ones do not', async () => {
    const data = await mine();
    for (const i of data.items) {
      for (const m of i.milestones) {
        const open = m.focus === 'overdue' || m.focus === 'due_this_quarter' || (m.focus === 'upcoming' && m.status === 'in_progress');
        expect(m.needsWord, `${m.title} (${m.focus}, ${m.status})`).toBe(open);
      }
      expect(i.needsWord).toBe(i.milestones.some((m) => m.needsWord) || i.kpis.some((k) => k.needsWord));
    }
    expect(data.items.some((i) => !i.needsWord), 'the demo has items with nothing to report').toBe(true);
    expect(data.summary.needsWordItems).toBe(data.items.filter((i) => i.needsWord).length);
    // Items needing a word come before those that do not.
    const flags = data.items.map((i) => (i.needsWord ? 0 : 1));
    expect(flags).toEqual([...flags].sort());
  });

  it('asks a yearly KPI for the last ended fiscal year’s 年間値, never 「第0四半期」 of this quarter', async () => {
    const kpis = (await mine()).items.flatMap((i) => i.kpis);
    const yearly = kpis.filter((k) => k.previous?.quarter === 0 || k.entryPeriod.quarter === 0);
    expect(yearly.length, 'the demo has yearly KPIs').toBeGreaterThan(0);
    for (const k of yearly) {
      expect(k.entryPeriod).toEqual({ fiscalYear: 2025, quarter: 0, label: '2025年度の年間値' });
      expect(k.needsWord, `${k.name}: FY2025 is entered`).toBe(k.thisQuarter === null);
    }
    const quarterly = kpis.filter((k) => !yearly.includes(k));
    for (const k of quarterly) expect(k.entryPeriod).toEqual({ fiscalYear: 2026, quarter: 3, label: '2026年度第3四半期' });
  });
});

describe('KPI values outside their range are refused', () => {
  it('−5 業務 is refused (400, Japanese, naming the KPI), nothing is saved; 0 is accepted', async () => {
    const kpi = (await mine()).items.flatMap((i) => i.kpis).find((k) => k.unit === '業務')!;
    expect(kpi).toBeDefined();
    const before = (await t.as('officer').inject(`/api/kpis/${kpi.id}/values`)).json();
    const res = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${kpi.id}/values`, payload: { fiscalYear: 2026, quarter: 3, value: -5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(`${kpi.name}の実績値は0業務以上で入力してください（入力: -5業務）。`);
    expect(res.json().message).not.toMatch(/value/);
    expect((await t.as('officer').inject(`/api/kpis/${kpi.id}/values`)).json()).toEqual(before);
    const ok = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${kpi.id}/values`, payload: { fiscalYear: 2026, quarter: 3, value: 0 } });
    expect(ok.statusCode, ok.body).toBe(201);
    const patch = await t.as('officer').inject({ method: 'PATCH', url: `/api/kpi-values/${ok.json().id}`, payload: { version: ok.json().version, value: -1 } });
    expect(patch.statusCode).toBe(400);
  });

  it('a percentage above 100 is refused', async () => {
    const kpi = (await mine()).items.flatMap((i) => i.kpis).find((k) => k.unit === '%')!;
    const res = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${kpi.id}/values`, payload: { fiscalYear: 2026, quarter: 3, value: 140 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('100%以下');
  });
});

describe('a KPI can declare its allowed range (許容範囲)', () => {
  type Range = { min: number | null; max: number | null };
  const kpiOf = async (unit: string) => (await mine()).items.flatMap((i) => i.kpis as (Kpi & { range: Range })[]).find((k) => k.unit === unit)!;
  const current = async (id: number) => (await t.as('hq').inject(`/api/kpis/${id}`)).json();

  it('min > max is refused in Japanese on 許容範囲, nothing changes', async () => {
    const kpi = await kpiOf('業務');
    const before = await current(kpi.id);
    const res = await t.as('hq').inject({ method: 'PATCH', url: `/api/kpis/${kpi.id}`, payload: { version: before.version, allowedMin: 30, allowedMax: 2 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('許容範囲（下限）は許容範囲（上限）以下の値にしてください（下限: 30業務、上限: 2業務）。');
    expect(await current(kpi.id)).toEqual(before);
    // Half of a pair against the stored other half is checked too.
    const ok = await t.as('hq').inject({ method: 'PATCH', url: `/api/kpis/${kpi.id}`, payload: { version: before.version, allowedMax: 10 } });
    expect(ok.statusCode, ok.body).toBe(200);
    const half = await t.as('hq').inject({ method: 'PATCH', url: `/api/kpis/${kpi.id}`, payload: { version: ok.json().version, allowedMin: 11 } });
    expect(half.statusCode).toBe(400);
    const reset = await t.as('hq').inject({ method: 'PATCH', url: `/api/kpis/${kpi.id}`, payload: { version: ok.json().version, allowedMax: null } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ allowedMin: null, allowedMax: null });
  });

  it('a value that is not a number is refused naming 許容範囲（下限）', async () => {
    const kpi = await kpiOf('業務');
    const before = await current(kpi.id);
    const res = await t.as('hq').inject({ method: 'PATCH', url: `/api/kpis/${kpi.id}`, payload: { version: before.version, allowedMin: 'ten' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('許容範囲（下限）');
    expect(res.json().message).not.toMatch(/allowedMin/);
  });

  it('the declared range replaces the derived one: a value outside it is refused with the range, nothing saved', async () => {
    const kpi = await kpiOf('業務');
    const before = await current(kpi.id);
    const set = await t.as('hq').inject({ method: 'PATCH', url: `/api/kpis/${kpi.id}`, payload: { version: before.version, allowedMin: 2, allowedMax: 30 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ allowedMin: 2, allowedMax: 30 });
    // 今期の更新 gets the declared range for its browser check.
    expect((await kpiOf('業務')).range).toEqual({ min: 2, max: 30 });
    const values = (await t.as('officer').inject(`/api/kpis/${kpi.id}/values`)).json();
    for (const value of [31, 1]) {
      const res = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${kpi.id}/values`, payload: { fiscalYear: 2026, quarter: 4, value } });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe(`${kpi.name}の実績値は2業務以上30業務以下で入力してください（入力: ${value}業務）。`);
    }
    expect((await t.as('officer').inject(`/api/kpis/${kpi.id}/values`)).json()).toEqual(values);
    const ok = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${kpi.id}/values`, payload: { fiscalYear: 2026, quarter: 4, value: 30 } });
    expect(ok.statusCode, ok.body).toBe(201);
    const patch = await t.as('officer').inject({ method: 'PATCH', url: `/api/kpi-values/${ok.json().id}`, payload: { version: ok.json().version, value: 0 } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().message).toContain('2業務以上30業務以下');
    await t.as('officer').inject({ method: 'DELETE', url: `/api/kpi-values/${ok.json().id}`, payload: { version: ok.json().version } });
  });

  it('a declared range lifts the derived 100% cap of a percentage', async () => {
    const kpi = await kpiOf('%');
    const before = await current(kpi.id);
    const refused = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${kpi.id}/values`, payload: { fiscalYear: 2026, quarter: 3, value: 120 } });
    expect(refused.statusCode).toBe(400);
    const set = await t.as('hq').inject({ method: 'PATCH', url: `/api/kpis/${kpi.id}`, payload: { version: before.version, allowedMax: 150 } });
    expect(set.statusCode, set.body).toBe(200);
    const ok = await t.as('officer').inject({ method: 'POST', url: `/api/kpis/${kpi.id}/values`, payload: { fiscalYear: 2026, quarter: 3, value: 120 } });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('milestone errors name what is on the page, with 和暦 dates', () => {
  it('a future 実績日 says 令和, not an ISO date', async () => {
    const m = (await mine()).items.flatMap((i) => i.milestones).find((x) => x.needsWord)!;
    const res = await t.as('officer').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, status: 'done', actualDate: '2026-12-10' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('実績日（令和8年12月10日）は未来の日付です。今日（令和8年11月23日）以前の日付を入力してください。');
  });

  it('an 実績日 before a recorded 実績開始日 is reported on 実績日 (the field sent), not on 実績開始日', async () => {
    const m = (await mine()).items.flatMap((i) => i.milestones).find((x) => x.needsWord && x.status === 'in_progress')!;
    t.db.update(milestones).set({ actualStartDate: '2026-10-01' }).where(eq(milestones.id, m.id)).run();
    const fresh = (await t.as('officer').inject(`/api/milestones/${m.id}`)).json();
    const res = await t.as('officer').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: fresh.version, status: 'done', actualDate: '2026-09-01' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['actualDate']);
    expect(res.json().message).toBe('実績日（令和8年9月1日）は、記録済みの実績開始日（令和8年10月1日）以降の日付にしてください。');
  });
});

describe('報告状況 adds up', () => {
  it('an item both changed and reviewed 「変更なし」 counts once, as changed', async () => {
    const citizen = t.db.select().from(sections).where(and(eq(sections.bodyId, bodyId), eq(sections.name, '市民課'))).get()!;
    const items = t.db.select().from(planItems).where(eq(planItems.sectionId, citizen.id)).all();
    for (const item of items) {
      const r = await t.as('officer').inject({ method: 'POST', url: `/api/items/${item.id}/reviews`, payload: {} });
      expect(r.statusCode, r.body).toBe(201);
    }
    const item = items[0]!;
    const fresh = (await t.as('officer').inject(`/api/items/${item.id}`)).json();
    const notes = await t.as('officer').inject({ method: 'PATCH', url: `/api/items/${item.id}`, payload: { version: fresh.version, notes: '今期の備考' } });
    expect(notes.statusCode, notes.body).toBe(200);
    const status = (await t.as('hq').inject(`/api/bodies/${bodyId}/reporting-status`)).json();
    for (const s of status.sections) expect(s.changedItems + s.reviewedItems, s.sectionName).toBeLessThanOrEqual(s.itemCount);
    const row = status.sections.find((s: { sectionName: string }) => s.sectionName === '市民課');
    expect(row).toMatchObject({ itemCount: items.length, changedItems: 1, reviewedItems: items.length - 1 });
  });
});
