/**
 * KPIs and their values: CRUD, the body/item ownership rule, baseline ≤ target fiscal year, one value
 * per period, optimistic concurrency, and proof that every rejected request leaves the database unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, localBodies, planItems, plans, sections } from '../../server/db/schema.ts';
import type { Db } from '../../server/db/client.ts';
import { createTestApp, dumpTables } from '../helpers/app.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let bodyId: number;
let itemId: number;
let otherBodyId: number;
let otherItemId: number;

/** A body with a section, a plan and one item, inserted directly (no dependency on other resources' APIs). */
function insertBodyWithItem(db: Db, code: string, name: string) {
  const categoryId =
    db.select().from(categories).get()?.id ??
    db.insert(categories).values({ code: 'test_category', name: 'テスト分野' }).returning().get().id;
  const body = db
    .insert(localBodies)
    .values({ code, name, prefectureCode: '99', prefectureName: 'テスト県', kind: 'city' })
    .returning()
    .get();
  const section = db.insert(sections).values({ bodyId: body.id, name: '情報政策課' }).returning().get();
  const plan = db
    .insert(plans)
    .values({ bodyId: body.id, title: `${name}DX推進計画`, startFiscalYear: 2023, endFiscalYear: 2027 })
    .returning()
    .get();
  const item = db
    .insert(planItems)
    .values({ planId: plan.id, categoryId, sectionId: section.id, title: '行政手続のオンライン化', targetFiscalYear: 2026 })
    .returning()
    .get();
  return { bodyId: body.id, itemId: item.id };
}

const json = (res: { body: string }) => JSON.parse(res.body);
const KPI = {
  name: 'オンライン申請率',
  unit: '%',
  direction: 'higher',
  baselineValue: 12.5,
  baselineFiscalYear: 2023,
  targetValue: 60,
  targetFiscalYear: 2027,
};

const postKpi = (body: unknown, body_ = bodyId) =>
  t.inject({ method: 'POST', url: `/api/bodies/${body_}/kpis`, payload: body as object });
const patchKpi = (id: number, body: unknown) => t.inject({ method: 'PATCH', url: `/api/kpis/${id}`, payload: body as object });
const postValue = (kpiId: number, body: unknown) =>
  t.inject({ method: 'POST', url: `/api/kpis/${kpiId}/values`, payload: body as object });
const patchValue = (id: number, body: unknown) =>
  t.inject({ method: 'PATCH', url: `/api/kpi-values/${id}`, payload: body as object });

async function createKpi(extra: Record<string, unknown> = {}) {
  const res = await postKpi({ ...KPI, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return json(res);
}
async function createValue(kpiId: number, body: Record<string, unknown>) {
  const res = await postValue(kpiId, body);
  expect(res.statusCode, res.body).toBe(201);
  return json(res);
}

async function refused(send: () => Promise<{ statusCode: number; body: string }>, status: number) {
  const before = dumpTables(t.db);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(dumpTables(t.db)).toEqual(before);
  return json(res);
}

beforeAll(async () => {
  t = await createTestApp({ today: '2025-10-15' });
  ({ bodyId, itemId } = insertBodyWithItem(t.db, '999991', 'テスト市'));
  ({ bodyId: otherBodyId, itemId: otherItemId } = insertBodyWithItem(t.db, '999992', '別の町'));
});
afterAll(async () => {
  await t?.close();
});

describe('KPIs', () => {
  it('creates a KPI attached to an item and answers every column', async () => {
    const k = await createKpi({ itemId, benchmarkValue: 45.2, benchmarkLabel: '全国平均', notes: '窓口申請を含む' });
    expect(k).toEqual({
      id: expect.any(Number),
      bodyId,
      itemId,
      ...KPI,
      valueKind: 'point',
      periodEntry: 'year_to_date',
      benchmarkValue: 45.2,
      benchmarkLabel: '全国平均',
      benchmarkCode: null,
      allowedMin: null,
      allowedMax: null,
      notes: '窓口申請を含む',
      isSample: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await t.inject({ method: 'GET', url: `/api/kpis/${k.id}` })).body).toBe(JSON.stringify(k));
  });

  it('creates a KPI without an item, with defaults', async () => {
    const k = await createKpi({ direction: 'lower', baselineFiscalYear: 2025, targetFiscalYear: 2025 });
    expect(k).toMatchObject({ itemId: null, benchmarkValue: null, benchmarkLabel: '', notes: '', direction: 'lower' });
  });

  it('lists a body’s KPIs with paging and an item filter', async () => {
    const { bodyId: b, itemId: i } = insertBodyWithItem(t.db, '999993', '一覧村');
    const ids: number[] = [];
    for (const extra of [{ itemId: i }, {}, { itemId: i }]) {
      const res = await postKpi({ ...KPI, ...extra }, b);
      expect(res.statusCode, res.body).toBe(201);
      ids.push(json(res).id);
    }
    const all = json(await t.inject({ method: 'GET', url: `/api/bodies/${b}/kpis` }));
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(all.items.map((k: { id: number }) => k.id)).toEqual(ids);
    const page2 = json(await t.inject({ method: 'GET', url: `/api/bodies/${b}/kpis?page=2&pageSize=2` }));
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((k: { id: number }) => k.id)).toEqual([ids[2]]);
    const byItem = json(await t.inject({ method: 'GET', url: `/api/bodies/${b}/kpis?itemId=${i}` }));
    expect(byItem.items.map((k: { id: number }) => k.id)).toEqual([ids[0], ids[2]]);
    expect((await t.inject({ method: 'GET', url: `/api/bodies/${b}/kpis?sort=name` })).statusCode).toBe(400);
    expect((await t.inject({ method: 'GET', url: `/api/bodies/${b}/kpis?pageSize=0` })).statusCode).toBe(400);
    expect((await t.inject({ method: 'GET', url: '/api/bodies/999999/kpis' })).statusCode).toBe(404);
  });

  it('refuses an item of another body, or an unknown item', async () => {
    const other = await refused(() => postKpi({ ...KPI, itemId: otherItemId }), 400);
    expect(other.errors[0]).toMatchObject({ field: 'itemId' });
    expect(other.message).toContain('この団体の取組ではありません');
    const unknown = await refused(() => postKpi({ ...KPI, itemId: 999_999 }), 400);
    expect(unknown.errors[0]).toMatchObject({ field: 'itemId' });
    const k = await createKpi();
    await refused(() => patchKpi(k.id, { version: 1, itemId: otherItemId }), 400);
    // The same item is accepted for the other body.
    expect((await postKpi({ ...KPI, itemId: otherItemId }, otherBodyId)).statusCode).toBe(201);
  });

  it('refuses a baseline fiscal year after the target fiscal year, also on the merged row', async () => {
    const err = await refused(() => postKpi({ ...KPI, baselineFiscalYear: 2028, targetFiscalYear: 2027 }), 400);
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.errors[0]).toMatchObject({ field: 'targetFiscalYear' });
    expect(err.message).toContain('基準年度');
    const k = await createKpi();
    await refused(() => patchKpi(k.id, { version: 1, targetFiscalYear: 2022 }), 400);
    await refused(() => patchKpi(k.id, { version: 1, baselineFiscalYear: 2030 }), 400);
  });

  it('refuses invalid input with per-field Japanese messages', async () => {
    const year = await refused(() => postKpi({ ...KPI, baselineFiscalYear: 1800 }), 400);
    expect(year.errors[0]).toMatchObject({ field: 'baselineFiscalYear', code: 'minimum' });
    expect(year.message).toContain('基準年度');
    const type = await refused(() => postKpi({ ...KPI, baselineValue: '12' }), 400);
    expect(type.errors[0]).toMatchObject({ field: 'baselineValue', code: 'type' });
    expect(type.message).toContain('数値');
    const nullableType = await refused(() => postKpi({ ...KPI, benchmarkValue: '12' }), 400);
    expect(nullableType.errors[0]).toMatchObject({ field: 'benchmarkValue', code: 'type' });
    await refused(() => postKpi({ ...KPI, targetValue: 1e13 }), 400);
    await refused(
      () =>
        t.inject({
          method: 'POST',
          url: `/api/bodies/${bodyId}/kpis`,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(KPI).replace('"targetValue":60', '"targetValue":1e400'),
        }),
      400,
    );
    const unknown = await refused(() => postKpi({ ...KPI, owner: '情報政策課' }), 400);
    expect(unknown.errors[0]).toMatchObject({ field: 'owner', code: 'additionalProperties' });
    await refused(() => postKpi({ ...KPI, direction: 'up' }), 400);
    const { name: _omit, ...noName } = KPI;
    await refused(() => postKpi(noName), 400);
    await refused(() => postKpi({ ...KPI, name: 'a'.repeat(1024 * 1024) }), 413);
    await refused(() => postKpi(KPI, 999_999), 404);
  });

  it('updates with the read version, clears nullable fields, and answers 409 to a stale one', async () => {
    const k = await createKpi({ itemId, benchmarkValue: 50 });
    const res = await patchKpi(k.id, { version: 1, targetValue: 70, benchmarkValue: null, itemId: null, replanReason: '目標の見直し' });
    expect(res.statusCode, res.body).toBe(200);
    const updated = json(res);
    expect(updated).toMatchObject({ targetValue: 70, benchmarkValue: null, itemId: null, version: 2 });
    const stale = await refused(() => patchKpi(k.id, { version: 1, targetValue: 80 }), 409);
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect(stale.details.current).toEqual(updated);
    await refused(() => patchKpi(k.id, { version: 2 }), 400);
    await refused(() => patchKpi(k.id, { version: 2, bodyId: otherBodyId }), 400);
    await refused(() => patchKpi(999_999, { version: 1, name: 'x' }), 404);
  });

  it('deletes with the version, together with its values', async () => {
    const k = await createKpi();
    await createValue(k.id, { fiscalYear: 2024, quarter: 0, value: 20 });
    await refused(() => t.inject({ method: 'DELETE', url: `/api/kpis/${k.id}?version=2` }), 409);
    await refused(() => t.inject({ method: 'DELETE', url: `/api/kpis/${k.id}` }), 400);
    await refused(() => t.inject({ method: 'DELETE', url: '/api/kpis/999999?version=1' }), 404);
    const res = await t.inject({ method: 'DELETE', url: `/api/kpis/${k.id}?version=1` });
    expect(res.statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url: `/api/kpis/${k.id}` })).statusCode).toBe(404);
    expect(t.db.$client.prepare('SELECT count(*) AS n FROM kpi_values WHERE kpi_id = ?').get(k.id)).toEqual({ n: 0 });
  });
});

describe('KPI values', () => {
  it('registers values and lists them by fiscal year and quarter', async () => {
    const k = await createKpi();
    const q2 = await createValue(k.id, { fiscalYear: 2025, quarter: 2, value: 30.5, note: '速報値' });
    expect(q2).toEqual({
      id: expect.any(Number),
      kpiId: k.id,
      fiscalYear: 2025,
      quarter: 2,
      value: 30.5,
      note: '速報値',
      isSample: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const year = await createValue(k.id, { fiscalYear: 2024, quarter: 0, value: 20 });
    const q1 = await createValue(k.id, { fiscalYear: 2025, quarter: 1, value: 3 });
    const list = json(await t.inject({ method: 'GET', url: `/api/kpis/${k.id}/values` }));
    expect(list.map((v: { id: number }) => v.id)).toEqual([year.id, q1.id, q2.id]);
    expect((await t.inject({ method: 'GET', url: '/api/kpis/999999/values' })).statusCode).toBe(404);
  });

  it('refuses a second value for the same period with 409 and the existing value', async () => {
    const k = await createKpi();
    const first = await createValue(k.id, { fiscalYear: 2025, quarter: 2, value: 1 });
    const dup = await refused(() => postValue(k.id, { fiscalYear: 2025, quarter: 2, value: 2 }), 409);
    expect(dup.code).toBe('DUPLICATE');
    expect(dup.message).toBe('2025年度第2四半期の値はすでに登録されています。更新してください。');
    expect(dup.details.current).toEqual(first);
    await createValue(k.id, { fiscalYear: 2025, quarter: 0, value: 3 });
    const year = await refused(() => postValue(k.id, { fiscalYear: 2025, quarter: 0, value: 4 }), 409);
    expect(year.message).toContain('2025年度の年間値はすでに登録');
  });

  it('refuses invalid values', async () => {
    const k = await createKpi();
    const old = await refused(() => postValue(k.id, { fiscalYear: 1800, quarter: 1, value: 1 }), 400);
    expect(old.errors[0]).toMatchObject({ field: 'fiscalYear' });
    expect(old.message).toContain('年度');
    const quarter = await refused(() => postValue(k.id, { fiscalYear: 2025, quarter: 5, value: 1 }), 400);
    expect(quarter.errors[0]).toMatchObject({ field: 'quarter', code: 'maximum' });
    await refused(() => postValue(k.id, { fiscalYear: 2025, quarter: 1.5, value: 1 }), 400);
    const type = await refused(() => postValue(k.id, { fiscalYear: 2025, quarter: 1, value: '12' }), 400);
    expect(type.errors[0]).toMatchObject({ field: 'value', code: 'type' });
    await refused(() => postValue(k.id, { fiscalYear: 2025, quarter: 1, value: -1e13 }), 400);
    await refused(() => postValue(k.id, { fiscalYear: 2025, quarter: 1, value: 1, kpiId: k.id }), 400);
    await refused(() => postValue(k.id, { fiscalYear: 2025, quarter: 1, value: 1, note: 'a'.repeat(1024 * 1024) }), 413);
    await refused(() => postValue(999_999, { fiscalYear: 2025, quarter: 1, value: 1 }), 404);
  });

  it('updates value and note with the version; the period cannot be changed', async () => {
    const k = await createKpi();
    const v = await createValue(k.id, { fiscalYear: 2025, quarter: 1, value: 10 });
    const res = await patchValue(v.id, { version: 1, value: 11, note: '確定値' });
    expect(res.statusCode, res.body).toBe(200);
    const updated = json(res);
    expect(updated).toMatchObject({ value: 11, note: '確定値', version: 2, fiscalYear: 2025, quarter: 1 });
    const stale = await refused(() => patchValue(v.id, { version: 1, value: 12 }), 409);
    expect(stale.details.current).toEqual(updated);
    await refused(() => patchValue(v.id, { version: 2, quarter: 2 }), 400);
    await refused(() => patchValue(v.id, { version: 2 }), 400);
    await refused(() => patchValue(v.id, { version: 2, value: '12' }), 400);
    await refused(() => patchValue(999_999, { version: 1, value: 1 }), 404);
  });

  it('deletes with the version', async () => {
    const k = await createKpi();
    const v = await createValue(k.id, { fiscalYear: 2025, quarter: 1, value: 10 });
    await refused(() => t.inject({ method: 'DELETE', url: `/api/kpi-values/${v.id}?version=2` }), 409);
    await refused(() => t.inject({ method: 'DELETE', url: `/api/kpi-values/${v.id}` }), 400);
    await refused(() => t.inject({ method: 'DELETE', url: '/api/kpi-values/999999?version=1' }), 404);
    expect((await t.inject({ method: 'DELETE', url: `/api/kpi-values/${v.id}?version=1` })).statusCode).toBe(204);
    expect(json(await t.inject({ method: 'GET', url: `/api/kpis/${k.id}/values` }))).toEqual([]);
  });
});
