/**
 * Issue 12, 「Statuses a council can trust」: each of the nine reported problems, reproduced through
 * the real API on a real SQLite file (the demo's 上天草市, as of DEMO_AS_OF = 2026-11-23, or a plan built
 * through the API) or, for the cell reader and the summary sentence, through the one function that
 * does the work. Every test here failed on the code before the fix (see the report of issue 12).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { localBodies } from '../../server/db/schema.ts';
import { readDate } from '../../server/domain/sheet-cells.ts';
import { reviewSummary } from '../../server/domain/quarter-review.ts';
import { KAMIAMAKUSA_CODE, KAMIAMAKUSA_ITEM_TITLES as T } from '../../seed/demo.ts';
import { createTestApp, DEMO_AS_OF, type TestApp } from '../helpers/app.ts';

type Item = { id: number; title: string; status: string; statusLabel: string; reasons: string[] };
type Dashboard = {
  totals: { counts: Record<string, number>; itemCount: number };
  attention: { title: string; status: string }[];
  kpis: { id: number; name: string; status: string; statusLabel: string; summary?: string }[];
};

let demo: TestApp;
let demoBodyId: number;
let t: TestApp;
let bodyId: number;
let planId: number;
let sectionId: number;
let categoryId: number;

const demoItems = async (asOf = DEMO_AS_OF): Promise<Item[]> =>
  (await demo.inject(`/api/bodies/${demoBodyId}/items?asOf=${asOf}&pageSize=200`)).json().items;
const demoItem = async (title: string, asOf = DEMO_AS_OF) => (await demoItems(asOf)).find((i) => i.title === title)!;
const dashboard = async (app: TestApp, id: number, asOf = DEMO_AS_OF): Promise<Dashboard> =>
  (await app.inject(`/api/bodies/${id}/dashboard?asOf=${asOf}`)).json();

beforeAll(async () => {
  demo = await createTestApp({ demo: true });
  demoBodyId = demo.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
  t = await createTestApp({ today: DEMO_AS_OF });
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.inject({ method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  bodyId = (await post('/api/bodies', { code: '131016', name: '千代田区', prefectureCode: '13', prefectureName: '東京都', kind: 'ward' })).id;
  sectionId = (await post(`/api/bodies/${bodyId}/sections`, { name: '情報政策課' })).id;
  planId = (await post(`/api/bodies/${bodyId}/plans`, { title: '計画', startFiscalYear: 2022, endFiscalYear: 2027 })).id;
  categoryId = (await t.inject({ url: '/api/categories' })).json()[0].id;
});
afterAll(async () => {
  await demo?.close();
  await t?.close();
});

async function newItem(title: string, milestones: Record<string, unknown>[]): Promise<Item> {
  const res = await t.inject({ method: 'POST', url: `/api/plans/${planId}/items`, payload: { title, categoryId, sectionId, targetFiscalYear: 2026 } });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  for (const m of milestones) {
    const r = await t.inject({ method: 'POST', url: `/api/items/${id}/milestones`, payload: m });
    expect(r.statusCode, r.body).toBe(201);
  }
  return (await t.inject(`/api/items/${id}`)).json();
}

async function newKpi(fields: Record<string, unknown>, values: [number, number, number][]): Promise<number> {
  const res = await t.inject({
    method: 'POST',
    url: `/api/bodies/${bodyId}/kpis`,
    payload: { unit: '回', direction: 'higher', ...fields },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  for (const [fiscalYear, quarter, value] of values) {
    const r = await t.inject({ method: 'POST', url: `/api/kpis/${id}/values`, payload: { fiscalYear, quarter, value } });
    expect(r.statusCode, r.body).toBe(201);
  }
  return id;
}
const kpiOf = async (id: number) => (await dashboard(t, bodyId)).kpis.find((k) => k.id === id)!;

describe('1. a national deadline applies to the milestone that answers it, not to the whole item', () => {
  it('セキュリティ対策の徹底: the policy was revised in September 2021, before the deadline — 完了, not late', async () => {
    const item = await demoItem(T.security);
    expect(item.status).toBe('done');
    expect(item.reasons.join('\n')).not.toMatch(/国の期限.*遅れて完了/);
    expect(item.reasons).toContain('「上天草市セキュリティポリシーの改正」は国の期限（2023年3月31日）までに完了');
  });
  it('and the closed FY2021 Q4 does not count it 要注意: its plan runs past the deadline, its answering step does not', async () => {
    const base = `/api/bodies/${demoBodyId}/quarters`;
    const closed = await demo.as('hq').inject({ method: 'POST', url: base, payload: { fiscalYear: 2021, quarter: 4 } });
    expect(closed.statusCode, closed.body).toBe(201);
    const q = (await demo.as('viewer').inject(`${base}/2021/4`)).json();
    const security = q.data.items.find((i: { title: string }) => i.title === T.security);
    expect(security.status).toBe('on_track');
    expect(q.data.dashboard.attention.map((a: { title: string }) => a.title)).not.toContain(T.security);
  });
});

describe('2. a parent is never 完了 while its children are late', () => {
  it('自治体の行政手続のオンライン化 takes the worst of its own milestone and its children, and names the child', async () => {
    const parent = await demoItem(T.online);
    expect(parent.status).toBe('delayed');
    expect(parent.reasons).toContain('【第2弾】が602日遅延');
  });
});

describe('3. not started past the planned start is 着手遅れ', () => {
  it('a 未着手 milestone whose planned start has passed', async () => {
    const item = await newItem('着手が遅れている取組', [{ title: '設計', plannedStartDate: '2026-10-01', plannedDate: '2027-03-31' }]);
    expect(item).toMatchObject({ status: 'start_late', statusLabel: '着手遅れ' });
    expect(item.reasons).toContain('「設計」の着手が予定開始日（2026年10月1日）より53日遅れ');
  });
});

describe('4. an item without milestones is 未計画, not 順調', () => {
  it('is listed as needing a schedule', async () => {
    const item = await newItem('予定のない取組', []);
    expect(item).toMatchObject({ status: 'not_planned', statusLabel: '未計画' });
    const d = await dashboard(t, bodyId);
    expect(d.totals.counts.not_planned).toBeGreaterThanOrEqual(1);
    expect(d.attention.map((a) => a.title)).toContain('予定のない取組');
  });
});

describe('5. done after the deadline is 期限後完了, counted apart from 完了', () => {
  it('【第1弾】: 運用開始 on 2023-06-30, after the 2023-03-31 deadline', async () => {
    const item = await demoItem(T.online1);
    expect(item).toMatchObject({ status: 'done_late', statusLabel: '期限後完了' });
    const d = await dashboard(demo, demoBodyId);
    expect(d.totals.counts.done_late).toBeGreaterThanOrEqual(1);
  });
});

describe('6. an extended deadline is called 延長後の期限', () => {
  it('特定移行支援: 「延長後の期限（2031年3月31日）」, never 「国の期限（2031年3月31日）」', async () => {
    const item = await demoItem(T.migrationSupport);
    const text = item.reasons.join('\n');
    expect(text).toContain('延長後の期限（2031年3月31日）');
    expect(text).not.toContain('国の期限（2031年3月31日）');
  });
});

describe('7. KPI status knows the KPI kind', () => {
  it('a per-year count entered year-to-date (14 by the end of Q2 of 25 a year) is 順調, not 遅れ', async () => {
    const id = await newKpi({ name: '講習会の開催回数', valueKind: 'period', baselineValue: 25, baselineFiscalYear: 2024, targetValue: 25, targetFiscalYear: 2027 }, [[2026, 2, 14]]);
    expect((await kpiOf(id)).status).toBe('on_track');
  });
  it("a quarter's own hours (per-quarter entry) are compared with the quarter's share of the annual path", async () => {
    const id = await newKpi(
      { name: 'RPA削減時間', unit: '時間', valueKind: 'period', periodEntry: 'per_quarter', baselineValue: 6000, baselineFiscalYear: 2024, targetValue: 6000, targetFiscalYear: 2027 },
      [[2026, 1, 1500], [2026, 2, 1600]],
    );
    expect((await kpiOf(id)).status).toBe('on_track');
  });
  it('a value last entered in FY2022 reads 未更新 in FY2026, not 順調', async () => {
    const id = await newKpi({ name: '利用率', unit: '%', baselineValue: 50, baselineFiscalYear: 2021, targetValue: 70, targetFiscalYear: 2027 }, [[2022, 4, 60]]);
    expect(await kpiOf(id)).toMatchObject({ status: 'stale', statusLabel: '未更新' });
  });
  it('a single reading of 0 incidents is not 達成 forever', async () => {
    const id = await newKpi(
      { name: 'セキュリティ事故件数', unit: '件', direction: 'lower', baselineValue: 3, baselineFiscalYear: 2021, targetValue: 0, targetFiscalYear: 2027 },
      [[2022, 1, 0]],
    );
    expect((await kpiOf(id)).status).toBe('stale');
  });
  it('after the target year the words speak of the target, not of an 「期待値」', async () => {
    const d = await dashboard(demo, demoBodyId);
    const online = d.kpis.find((k) => k.name === 'オンライン申請利用率')!;
    expect(online.summary).toBeDefined();
    expect(online.summary).toContain('目標は2025年度に70%');
    expect(online.summary).not.toContain('期待値');
  });
});

describe('8. spreadsheet date-times keep their calendar day', () => {
  it('2026/3/31 15:00 is 2026-03-31 as a date cell, a serial and text', () => {
    expect(readDate(new Date(Date.UTC(2026, 2, 31, 15, 0)))).toEqual({ ok: true, value: '2026-03-31' });
    expect(readDate(46112.625)).toEqual({ ok: true, value: '2026-03-31' });
    expect(readDate('2026/3/31 15:00')).toEqual({ ok: true, value: '2026-03-31' });
  });
});

describe('9. generated Japanese', () => {
  it('the review summary is one style (です・ます), says 要対応 not 遅延 for the sum, and says 「ありません」 for zero', () => {
    const s = reviewSummary({
      lateChange: 0,
      lateNow: 4,
      lateChangeByCategory: [],
      newlyDone: 0,
      newlyDoneLate: 0,
      pastDeadline: 1,
      dueSoon: 0,
      unreportedSections: 0,
    });
    expect(s).not.toContain('遅延の件数');
    expect(s).toContain('要対応');
    expect(s).toContain('新たに完了した取組はありません。');
    for (const sentence of s.split('。').filter(Boolean)) expect(sentence).toMatch(/(です|ました|ません)$/);
  });
  it('validation messages name fields in Japanese only', async () => {
    const item = await newItem('日付の確認', []);
    const res = await t.inject({
      method: 'POST',
      url: `/api/items/${item.id}/milestones`,
      payload: { title: '順序が逆', plannedStartDate: '2027-04-01', plannedDate: '2027-03-31' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('予定開始日');
    expect(res.json().message).not.toMatch(/plannedStartDate|plannedDate/);
    const schema = await t.inject({ method: 'POST', url: `/api/plans/${planId}/items`, payload: { categoryId, sectionId, targetFiscalYear: 2026 } });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().message).not.toMatch(/[A-Za-z]{4,}/);
  });
  it('KPI text: 第N四半期, no nested parentheses, no false precision', async () => {
    const d = await dashboard(demo, demoBodyId);
    const text = d.kpis.map((k) => k.summary ?? '').join('\n');
    expect(text).toContain('2026年度第2四半期');
    expect(text).not.toMatch(/Q\d/);
    expect(text).not.toMatch(/（[^）]*（/);
    expect(text).not.toContain('5,733.3');
    expect(text).toContain('5,733時間/年');
  });
});
