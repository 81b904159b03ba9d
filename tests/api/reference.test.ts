import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyBusinessAreas, businessAreas, categories, localBodies, milestones, nationalDeadlines, planItems, plans, sections } from '../../server/db/schema.ts';
import { createTestApp, dumpTables } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let bodyId: number;
let otherBodyId: number;
let itemId: number;
let deadline: { id: number; dueDate: string; updatedAt: string };

/** DOMAIN.md, "Standardization in detail": the 20 business areas in the brief's order. */
const AREAS = [
  '住民基本台帳', '選挙人名簿管理', '固定資産税', '個人住民税', '法人住民税', '軽自動車税', '戸籍', '戸籍の附票',
  '印鑑登録', '国民健康保険', '国民年金', '障害者福祉', '後期高齢者医療', '介護保険', '児童手当', '生活保護',
  '健康管理', '就学', '児童扶養手当', '子ども・子育て支援',
];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db;
  bodyId = db
    .insert(localBodies)
    .values({ code: '432121', name: '上天草市', prefectureCode: '43', prefectureName: '熊本県', kind: 'city' })
    .returning()
    .get().id;
  otherBodyId = db
    .insert(localBodies)
    .values({ code: '131016', name: '千代田区', prefectureCode: '13', prefectureName: '東京都', kind: 'ward' })
    .returning()
    .get().id;
  const sectionId = db.insert(sections).values({ bodyId, name: 'デジタル推進課' }).returning().get().id;
  const planId = db
    .insert(plans)
    .values({ bodyId, title: '上天草版DX推進計画', startFiscalYear: 2022, endFiscalYear: 2025 })
    .returning()
    .get().id;
  const std = db.select().from(categories).where(eq(categories.code, 'standardization')).get()!;
  const row = db.select().from(nationalDeadlines).where(eq(nationalDeadlines.code, 'std_migration')).get()!;
  deadline = { id: row.id, dueDate: row.dueDate, updatedAt: row.updatedAt };
  itemId = db
    .insert(planItems)
    .values({ planId, categoryId: std.id, sectionId, title: '基幹系システムの標準化', targetFiscalYear: 2025 })
    .returning()
    .get().id;
  // The national deadline sits on the milestone that answers it.
  db.insert(milestones).values({ itemId, title: '標準準拠システムへの移行', plannedDate: '2026-03-31', nationalDeadlineId: row.id }).run();
});
afterAll(async () => t.close());

describe('reference lists', () => {
  it('lists categories by sort order', async () => {
    const res = await t.inject({ url: '/api/categories' });
    expect(res.statusCode).toBe(200);
    const list = res.json() as { name: string; sortOrder: number; isCore: boolean }[];
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(list.map((c) => c.sortOrder)).toEqual([...list.map((c) => c.sortOrder)].sort((a, b) => a - b));
    expect(list[0]).toMatchObject({ name: '標準化・共通化', isCore: true });
  });

  it('lists the 20 business areas in the order of the domain brief', async () => {
    const res = await t.inject({ url: '/api/business-areas' });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((a: { name: string }) => a.name)).toEqual(AREAS);
  });

  it('lists the step template by sort order', async () => {
    const list = (await t.inject({ url: '/api/standardization-steps' })).json() as { sortOrder: number; phase: string }[];
    expect(list.length).toBeGreaterThan(10);
    expect(list.map((s) => s.sortOrder)).toEqual([...list.map((s) => s.sortOrder)].sort((a, b) => a - b));
  });

  it('lists national deadlines with category names and extensions, filtered by category', async () => {
    const all = (await t.inject({ url: '/api/national-deadlines' })).json() as { code: string; category: string | null; extensions: unknown[]; dueDate: string }[];
    const std = all.find((d) => d.code === 'std_migration');
    expect(std).toMatchObject({ dueDate: '2026-03-31', category: '標準化・共通化', extensions: [] });
    expect(all.map((d) => d.dueDate)).toEqual([...all.map((d) => d.dueDate)].sort());

    const cats = (await t.inject({ url: '/api/categories' })).json() as { id: number; code: string }[];
    const stdCat = cats.find((c) => c.code === 'standardization')!;
    const filtered = (await t.inject({ url: `/api/national-deadlines?categoryId=${stdCat.id}` })).json() as { category: string }[];
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((d) => d.category === '標準化・共通化')).toBe(true);

    const bad = await t.inject({ url: '/api/national-deadlines?foo=1' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('deadline extensions', () => {
  it('adds an extension for a body and keeps the original due date', async () => {
    const res = await t.inject({
      method: 'POST',
      url: `/api/national-deadlines/${deadline.id}/extensions`,
      payload: { bodyId, extendedDueDate: '2031-03-31', reason: '特定移行支援システムに該当' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      deadlineId: deadline.id,
      bodyId,
      bodyName: '上天草市',
      itemId: null,
      itemTitle: null,
      extendedDueDate: '2031-03-31',
      reason: '特定移行支援システムに該当',
    });

    const one = (await t.inject({ url: `/api/national-deadlines/${deadline.id}` })).json();
    expect(one.dueDate).toBe('2026-03-31');
    expect(one.updatedAt).toBe(deadline.updatedAt);
    expect(one.extensions).toHaveLength(1);

    const list = (await t.inject({ url: '/api/national-deadlines' })).json() as { id: number; dueDate: string; extensions: { extendedDueDate: string; bodyName: string }[] }[];
    const inList = list.find((d) => d.id === deadline.id)!;
    expect(inList.dueDate).toBe('2026-03-31');
    expect(inList.extensions).toEqual([expect.objectContaining({ extendedDueDate: '2031-03-31', bodyName: '上天草市' })]);

    const row = t.db.select().from(nationalDeadlines).where(eq(nationalDeadlines.id, deadline.id)).get()!;
    expect(row.dueDate).toBe(deadline.dueDate);
    expect(row.updatedAt).toBe(deadline.updatedAt);
  });

  it('adds an extension for an item, shown with its title, and deletes it', async () => {
    const res = await t.inject({
      method: 'POST',
      url: `/api/national-deadlines/${deadline.id}/extensions`,
      payload: { bodyId, itemId, extendedDueDate: '2027-03-31' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ itemId, itemTitle: '基幹系システムの標準化', bodyName: '上天草市' });
    const id = res.json().id as number;
    const del = await t.inject({ method: 'DELETE', url: `/api/deadline-extensions/${id}` });
    expect(del.statusCode).toBe(204);
    const again = await t.inject({ method: 'DELETE', url: `/api/deadline-extensions/${id}` });
    expect(again.statusCode).toBe(404);
    expect(again.json().message).toMatch(/見つかりません/);
  });

  it('refuses an extension with neither body nor item, with a Japanese message, changing nothing', async () => {
    const before = dumpTables(t.db);
    for (const payload of [{ extendedDueDate: '2031-03-31' }, { bodyId: null, itemId: null, extendedDueDate: '2031-03-31' }]) {
      const res = await t.inject({ method: 'POST', url: `/api/national-deadlines/${deadline.id}/extensions`, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
      expect(res.json().message).toContain('団体または取組の少なくとも一方を指定してください');
    }
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('refuses unknown or inconsistent references and dates not after the original (400, not 500), changing nothing', async () => {
    const before = dumpTables(t.db);
    const url = `/api/national-deadlines/${deadline.id}/extensions`;
    const cases: [Record<string, unknown>, string][] = [
      [{ bodyId: 99999, extendedDueDate: '2031-03-31' }, 'bodyId'],
      [{ itemId: 99999, extendedDueDate: '2031-03-31' }, 'itemId'],
      [{ bodyId: otherBodyId, itemId, extendedDueDate: '2031-03-31' }, 'itemId'],
      [{ bodyId, extendedDueDate: '2026-03-31' }, 'extendedDueDate'],
      [{ bodyId, extendedDueDate: '2025-12-31' }, 'extendedDueDate'],
      [{ bodyId, extendedDueDate: '2031-02-30' }, 'extendedDueDate'],
      [{ bodyId, extendedDueDate: '2031-03-31', note: 'x' }, 'note'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.inject({ method: 'POST', url, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const unknownBody = await t.inject({ method: 'POST', url, payload: { bodyId: 99999, extendedDueDate: '2031-03-31' } });
    expect(unknownBody.json().message).toBe('団体（bodyId: 99999）は登録されていません。');

    const noDeadline = await t.inject({
      method: 'POST',
      url: '/api/national-deadlines/99999/extensions',
      payload: { bodyId, extendedDueDate: '2031-03-31' },
    });
    expect(noDeadline.statusCode).toBe(404);
    expect(dumpTables(t.db)).toEqual(before);
  });
});

describe('deadline extensions per business area (one system)', () => {
  it('extends one system of the body, with its scope and area name', async () => {
    const area = t.db.select().from(businessAreas).where(eq(businessAreas.code, 'area14')).get()!;
    t.db.insert(bodyBusinessAreas).values({ bodyId, areaId: area.id }).run();
    const res = await t.inject({
      method: 'POST',
      url: `/api/national-deadlines/${deadline.id}/extensions`,
      payload: { bodyId, areaId: area.id, extendedDueDate: '2033-03-31', reason: '特定移行支援システム' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ bodyId, areaId: area.id, areaName: '介護保険', itemId: null, scope: 'area' });
    // The body's plan item is not governed by it: a system's extension is not the body's.
    const item = (await t.inject(`/api/items/${itemId}`)).json();
    expect(item.deadline.effectiveDate).not.toBe('2033-03-31');
    expect(item.deadline.extensionReason).not.toBe('特定移行支援システム');
  });

  it('refuses an area without its body, with an item, or one the body does not have (400, Japanese)', async () => {
    const before = dumpTables(t.db);
    const other = t.db.select().from(businessAreas).where(eq(businessAreas.code, 'area01')).get()!;
    const post = (payload: object) => t.inject({ method: 'POST', url: `/api/national-deadlines/${deadline.id}/extensions`, payload: { extendedDueDate: '2031-03-31', ...payload } });
    const noBody = await post({ areaId: other.id });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().errors[0]).toMatchObject({ field: 'bodyId', message: expect.stringContaining('団体') });
    expect((await post({ bodyId, areaId: other.id, itemId })).json().errors[0].field).toBe('itemId');
    const notOwn = await post({ bodyId, areaId: other.id });
    expect(notOwn.statusCode).toBe(400);
    expect(notOwn.json().errors[0]).toMatchObject({ field: 'areaId', message: expect.stringContaining('登録されていません') });
    expect(dumpTables(t.db)).toEqual(before);
  });
});

describe('national deadlines', () => {
  it('creates, reads and updates a deadline', async () => {
    const created = await t.inject({
      method: 'POST',
      url: '/api/national-deadlines',
      payload: { code: 'test_deadline', title: 'テスト用の期限', dueDate: '2027-03-31', needsVerification: true },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'test_deadline', categoryId: null, category: null, needsVerification: true, sourceText: '', extensions: [] });
    const id = created.json().id as number;

    const cats = (await t.inject({ url: '/api/categories' })).json() as { id: number; name: string }[];
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/national-deadlines/${id}`,
      payload: { title: 'テスト用の期限（改）', categoryId: cats[1]!.id },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'テスト用の期限（改）', category: cats[1]!.name, dueDate: '2027-03-31' });
    expect((await t.inject({ url: `/api/national-deadlines/${id}` })).json().title).toBe('テスト用の期限（改）');
    expect((await t.inject({ url: '/api/national-deadlines/99999' })).statusCode).toBe(404);
  });

  it('refuses duplicates, unknown categories, empty patches and a due date past an extension, changing nothing', async () => {
    const before = dumpTables(t.db);
    const dup = await t.inject({
      method: 'POST',
      url: '/api/national-deadlines',
      payload: { code: 'std_migration', title: '重複', dueDate: '2027-03-31' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE');
    const badCat = await t.inject({
      method: 'POST',
      url: '/api/national-deadlines',
      payload: { code: 'x1', title: '分野なし', dueDate: '2027-03-31', categoryId: 99999 },
    });
    expect(badCat.statusCode).toBe(400);
    expect(badCat.json().errors[0].field).toBe('categoryId');
    const empty = await t.inject({ method: 'PATCH', url: `/api/national-deadlines/${deadline.id}`, payload: {} });
    expect(empty.statusCode).toBe(400);
    // std_migration has a body extension to 2031-03-31 (added above).
    const past = await t.inject({ method: 'PATCH', url: `/api/national-deadlines/${deadline.id}`, payload: { dueDate: '2031-03-31' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].field).toBe('dueDate');
    expect(dumpTables(t.db)).toEqual(before);
  });
});
