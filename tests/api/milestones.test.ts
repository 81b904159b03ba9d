/**
 * Milestones API: CRUD, the 完了⇔実績日 rule, date order and "not in the future" rules on the merged
 * row, optimistic concurrency, and proof that every rejected request leaves the database unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, localBodies, planItems, plans, sections } from '../../server/db/schema.ts';
import type { Db } from '../../server/db/client.ts';
import { createTestApp, dumpTables } from '../helpers/app.ts';

const TODAY = '2025-10-15';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
let t: TestApp;
let itemId: number;

/** A body, section, plan and item inserted directly, so these tests depend on no other resource's API. */
function insertItem(db: Db): number {
  const categoryId =
    db.select().from(categories).get()?.id ??
    db.insert(categories).values({ code: 'test_category', name: 'テスト分野' }).returning().get().id;
  const body = db
    .insert(localBodies)
    .values({ code: '999991', name: 'テスト市', prefectureCode: '99', prefectureName: 'テスト県', kind: 'city' })
    .returning()
    .get();
  const section = db.insert(sections).values({ bodyId: body.id, name: '情報政策課' }).returning().get();
  const plan = db
    .insert(plans)
    .values({ bodyId: body.id, title: 'テスト市DX推進計画', startFiscalYear: 2023, endFiscalYear: 2027 })
    .returning()
    .get();
  return db
    .insert(planItems)
    .values({ planId: plan.id, categoryId, sectionId: section.id, title: '基幹業務システムの標準化', targetFiscalYear: 2025 })
    .returning()
    .get().id;
}

const json = (res: { body: string }) => JSON.parse(res.body);

async function post(body: unknown, item = itemId) {
  return t.inject({ method: 'POST', url: `/api/items/${item}/milestones`, payload: body as object });
}
async function patch(id: number, body: unknown) {
  return t.inject({ method: 'PATCH', url: `/api/milestones/${id}`, payload: body as object });
}
async function create(body: Record<string, unknown> = {}) {
  const res = await post({ title: 'テスト', plannedDate: '2025-12-31', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return json(res);
}

/** Sends a request that must be refused, and proves the database did not change. */
async function refused(send: () => Promise<{ statusCode: number; body: string }>, status: number) {
  const before = dumpTables(t.db);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(dumpTables(t.db)).toEqual(before);
  return json(res);
}

beforeAll(async () => {
  t = await createTestApp({ today: TODAY });
  itemId = insertItem(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe('creating milestones', () => {
  it('creates one with defaults and answers every column', async () => {
    const m = await create({ title: '要件定義', plannedDate: '2025-06-30' });
    expect(m).toEqual({
      id: expect.any(Number),
      itemId,
      title: '要件定義',
      plannedStartDate: null,
      plannedDate: '2025-06-30',
      actualStartDate: null,
      actualDate: null,
      status: 'not_started',
      nationalDeadlineId: null,
      note: '',
      sortOrder: 0,
      isSample: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('marks a milestone done when only actualDate is given', async () => {
    const m = await create({ plannedStartDate: '2025-04-01', actualStartDate: '2025-04-10', actualDate: '2025-09-30' });
    expect(m.status).toBe('done');
    expect(m.actualDate).toBe('2025-09-30');
  });

  it('accepts an actual date equal to today', async () => {
    expect((await create({ actualDate: TODAY })).status).toBe('done');
  });

  it('refuses done without actualDate', async () => {
    const err = await refused(() => post({ title: 'x', plannedDate: '2025-12-31', status: 'done' }), 400);
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.errors).toEqual([expect.objectContaining({ field: 'actualDate', code: 'requiredWhenDone' })]);
    expect(err.message).toContain('実績日');
  });

  it('refuses actualDate with a status other than done', async () => {
    const err = await refused(
      () => post({ title: 'x', plannedDate: '2025-12-31', status: 'in_progress', actualDate: '2025-10-01' }),
      400,
    );
    expect(err.errors[0]).toMatchObject({ field: 'actualDate', code: 'requiresDone' });
    expect(err.message).toContain('作業中');
  });

  it('refuses a planned start after the planned date, and an actual start after the actual date', async () => {
    const err = await refused(
      () =>
        post({
          title: 'x',
          plannedStartDate: '2026-01-01',
          plannedDate: '2025-12-31',
          actualStartDate: '2025-10-02',
          actualDate: '2025-10-01',
        }),
      400,
    );
    expect(err.errors.map((e: { field: string }) => e.field).sort()).toEqual(['actualStartDate', 'plannedStartDate']);
    expect(err.message).toContain('予定開始日');
    expect(err.message).toContain('実績開始日');
  });

  it('refuses actual dates in the future', async () => {
    const err = await refused(() => post({ title: 'x', plannedDate: '2025-12-31', actualDate: '2025-10-16' }), 400);
    expect(err.errors[0]).toMatchObject({ field: 'actualDate', code: 'future' });
    // Dates in messages are 和暦 (issue 19), never ISO.
    expect(err.message).toContain('今日（令和7年10月15日）');
    expect(err.message).not.toContain(TODAY);
    const start = await refused(
      () => post({ title: 'x', plannedDate: '2025-12-31', status: 'in_progress', actualStartDate: '2026-01-01' }),
      400,
    );
    expect(start.errors[0]).toMatchObject({ field: 'actualStartDate', code: 'future' });
  });

  it('refuses an impossible date with a Japanese message naming the field', async () => {
    const err = await refused(() => post({ title: 'x', plannedDate: '2025-02-30' }), 400);
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.errors[0].field).toBe('plannedDate');
    expect(err.message).toContain('予定日');
    expect(err.message).toContain('実在する日付');
    const nullable = await refused(() => post({ title: 'x', plannedDate: '2025-12-31', plannedStartDate: '2025-13-01' }), 400);
    expect(nullable.errors[0].field).toBe('plannedStartDate');
    expect(nullable.message).toContain('実在する日付');
  });

  it('refuses wrong types, unknown fields, unknown statuses and missing fields', async () => {
    const wrongType = await refused(() => post({ title: 'x', plannedDate: '2025-12-31', sortOrder: '12' }), 400);
    expect(wrongType.errors[0]).toMatchObject({ field: 'sortOrder', code: 'type' });
    const unknown = await refused(() => post({ title: 'x', plannedDate: '2025-12-31', owner: '山田' }), 400);
    expect(unknown.errors[0]).toMatchObject({ field: 'owner', code: 'additionalProperties' });
    const status = await refused(() => post({ title: 'x', plannedDate: '2025-12-31', status: 'finished' }), 400);
    expect(status.errors[0]).toMatchObject({ field: 'status', code: 'enum' });
    const missing = await refused(() => post({ title: 'x' }), 400);
    expect(missing.message).toContain('予定日は必須です');
    const empty = await refused(() => post({ title: '', plannedDate: '2025-12-31' }), 400);
    expect(empty.errors[0].field).toBe('title');
  });

  it('refuses oversized input', async () => {
    await refused(() => post({ title: 'あ'.repeat(201), plannedDate: '2025-12-31' }), 400);
    const huge = await refused(() => post({ title: 'a'.repeat(1024 * 1024), plannedDate: '2025-12-31' }), 413);
    expect(huge.message).toContain('大きすぎます');
  });

  it('answers 404 for an unknown item and 400 for a malformed id', async () => {
    const err = await refused(() => post({ title: 'x', plannedDate: '2025-12-31' }, 999_999), 404);
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('取組');
    expect((await t.inject({ method: 'GET', url: '/api/items/999999/milestones' })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/api/items/abc/milestones' })).statusCode).toBe(400);
  });
});

describe('reading milestones', () => {
  it('lists an item’s milestones by sortOrder, plannedDate, id', async () => {
    const fresh = insertItemForList();
    const c = await createFor(fresh, { title: 'C', plannedDate: '2025-05-01', sortOrder: 1 });
    const a = await createFor(fresh, { title: 'A', plannedDate: '2025-09-01' });
    const b = await createFor(fresh, { title: 'B', plannedDate: '2025-09-01' });
    const z = await createFor(fresh, { title: 'Z', plannedDate: '2025-01-01' });
    const res = await t.inject({ method: 'GET', url: `/api/items/${fresh}/milestones` });
    expect(res.statusCode).toBe(200);
    expect(json(res).map((m: { id: number }) => m.id)).toEqual([z.id, a.id, b.id, c.id]);
  });

  it('gets one milestone, and 404 for an unknown one', async () => {
    const m = await create({ title: '一件' });
    const res = await t.inject({ method: 'GET', url: `/api/milestones/${m.id}` });
    expect(json(res)).toEqual(m);
    const missing = await t.inject({ method: 'GET', url: '/api/milestones/999999' });
    expect(missing.statusCode).toBe(404);
    expect(json(missing).code).toBe('NOT_FOUND');
  });
});

let listItemSeq = 0;
function insertItemForList(): number {
  const base = t.db.select().from(planItems).get()!;
  return t.db
    .insert(planItems)
    .values({ ...base, id: undefined, title: `一覧用の取組${++listItemSeq}`, version: 1 })
    .returning()
    .get().id;
}
async function createFor(item: number, body: Record<string, unknown>) {
  const res = await post(body, item);
  expect(res.statusCode, res.body).toBe(201);
  return json(res);
}

describe('updating milestones', () => {
  it('updates fields, bumps the version and clears a date with null', async () => {
    const m = await create({ plannedStartDate: '2025-04-01' });
    const res = await patch(m.id, { version: 1, title: '設計', plannedStartDate: null, status: 'in_progress', note: 'メモ', replanReason: '開始日を未定に戻す' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ id: m.id, title: '設計', plannedStartDate: null, status: 'in_progress', note: 'メモ', version: 2 });
  });

  it('completes a milestone with status and actualDate together', async () => {
    const m = await create();
    const res = await patch(m.id, { version: 1, status: 'done', actualDate: '2025-10-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ status: 'done', actualDate: '2025-10-01', version: 2 });
  });

  it('refuses leaving done unless actualDate is cleared in the same request', async () => {
    const m = await create({ actualDate: '2025-09-30' });
    const err = await refused(() => patch(m.id, { version: 1, status: 'in_progress' }), 400);
    expect(err.errors[0]).toMatchObject({ field: 'actualDate', code: 'mustClear' });
    expect(err.message).toContain('null');
    const ok = await patch(m.id, { version: 1, status: 'in_progress', actualDate: null });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ status: 'in_progress', actualDate: null });
  });

  it('applies the rules to the merged row', async () => {
    const done = await create({ actualDate: '2025-09-30' });
    // Clearing the date of a done milestone, status untouched: done without actualDate.
    const noDate = await refused(() => patch(done.id, { version: 1, actualDate: null }), 400);
    expect(noDate.errors[0]).toMatchObject({ field: 'actualDate', code: 'requiredWhenDone' });
    // A status of done on a row without actualDate.
    const open = await create();
    const doneOnly = await refused(() => patch(open.id, { version: 1, status: 'done' }), 400);
    expect(doneOnly.errors[0].code).toBe('requiredWhenDone');
    // An actualDate alone on a row that is not done.
    const dateOnly = await refused(() => patch(open.id, { version: 1, actualDate: '2025-10-01' }), 400);
    expect(dateOnly.errors[0].code).toBe('requiresDone');
    // Moving the planned date before the stored planned start.
    const spanned = await create({ plannedStartDate: '2025-11-01' });
    const order = await refused(() => patch(spanned.id, { version: 1, plannedDate: '2025-10-31' }), 400);
    expect(order.errors[0]).toMatchObject({ field: 'plannedStartDate' });
    // Moving the actual date before the stored actual start.
    const started = await create({ actualStartDate: '2025-09-01', actualDate: '2025-09-30' });
    const actual = await refused(() => patch(started.id, { version: 1, actualDate: '2025-08-31' }), 400);
    // Reported on the field the request sent (issue 19: 実績開始日 is not on 今期の更新).
    expect(actual.errors[0]).toMatchObject({ field: 'actualDate', code: 'beforeStart' });
    // A future actual date.
    const future = await refused(() => patch(started.id, { version: 1, actualDate: '2099-01-01' }), 400);
    expect(future.errors[0]).toMatchObject({ field: 'actualDate', code: 'future' });
  });

  it('refuses a body with only the version, bad types, unknown fields and impossible dates', async () => {
    const m = await create();
    const onlyVersion = await refused(() => patch(m.id, { version: 1 }), 400);
    expect(onlyVersion.errors[0].code).toBe('minProperties');
    await refused(() => patch(m.id, { title: 'x' }), 400);
    await refused(() => patch(m.id, { version: '1', title: 'x' }), 400);
    await refused(() => patch(m.id, { version: 1, itemId: 5 }), 400);
    const date = await refused(() => patch(m.id, { version: 1, plannedDate: '2025-02-30' }), 400);
    expect(date.message).toContain('予定日');
    await refused(() => patch(m.id, { version: 1, title: 'a'.repeat(1024 * 1024) }), 413);
  });

  it('answers 409 with the current row to a stale version, even when the patch breaks a rule', async () => {
    const m = await create();
    const first = await patch(m.id, { version: 1, title: '先に保存' });
    expect(first.statusCode).toBe(200);
    const current = json(first);
    const err = await refused(() => patch(m.id, { version: 1, title: '後から保存' }), 409);
    expect(err.code).toBe('VERSION_CONFLICT');
    expect(err.details.current).toEqual(current);
    const invalid = await refused(() => patch(m.id, { version: 1, status: 'done' }), 409);
    expect(invalid.details.current.version).toBe(2);
  });

  it('answers 404 for an unknown milestone', async () => {
    const err = await refused(() => patch(999_999, { version: 1, title: 'x' }), 404);
    expect(err.message).toContain('マイルストーン');
  });
});

describe('deleting milestones', () => {
  it('deletes with the current version', async () => {
    const m = await create();
    const res = await t.inject({ method: 'DELETE', url: `/api/milestones/${m.id}?version=1` });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await t.inject({ method: 'GET', url: `/api/milestones/${m.id}` })).statusCode).toBe(404);
  });

  it('refuses a stale or missing version, and answers 404 for an unknown id', async () => {
    const m = await create();
    await patch(m.id, { version: 1, note: '更新' });
    const stale = await refused(() => t.inject({ method: 'DELETE', url: `/api/milestones/${m.id}?version=1` }), 409);
    expect(stale.details.current).toMatchObject({ id: m.id, version: 2 });
    const missing = await refused(() => t.inject({ method: 'DELETE', url: `/api/milestones/${m.id}` }), 400);
    expect(missing.message).toContain('バージョン');
    await refused(() => t.inject({ method: 'DELETE', url: `/api/milestones/${m.id}?version=2&force=1` }), 400);
    await refused(() => t.inject({ method: 'DELETE', url: '/api/milestones/999999?version=1' }), 404);
  });
});
