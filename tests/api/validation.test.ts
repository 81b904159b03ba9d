/**
 * Bad input never gives a 500 and never changes data: each request below is refused with a 4xx and
 * a Japanese message, and the database is byte-for-byte the same afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dumpTables } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let planId: number;
let itemId: number;
let itemVersion: number;

beforeAll(async () => {
  t = await createTestApp();
  const body = (
    await t.inject({
      method: 'POST',
      url: '/api/bodies',
      payload: { code: '131016', name: '千代田区', prefectureCode: '13', prefectureName: '東京都', kind: 'ward' },
    })
  ).json();
  const section = (await t.inject({ method: 'POST', url: `/api/bodies/${body.id}/sections`, payload: { name: '情報政策課' } })).json();
  planId = (
    await t.inject({ method: 'POST', url: `/api/bodies/${body.id}/plans`, payload: { title: '計画', startFiscalYear: 2022, endFiscalYear: 2025 } })
  ).json().id;
  const categoryId = (await t.inject({ url: '/api/categories' })).json()[0]?.id ?? 1;
  const item = await t.inject({
    method: 'POST',
    url: `/api/plans/${planId}/items`,
    payload: { title: '標準化', categoryId, sectionId: section.id, targetFiscalYear: 2025 },
  });
  expect(item.statusCode).toBe(201);
  itemId = item.json().id;
  itemVersion = item.json().version;
});
afterAll(async () => t.close());

const cases: [string, () => { method: 'POST' | 'PATCH' | 'GET' | 'DELETE'; url: string; payload?: string | Record<string, unknown>; headers?: Record<string, string> }, number, RegExp][] = [
  ['a wrong type (string for a number)', () => ({ method: 'PATCH', url: `/api/items/${itemId}`, payload: { version: itemVersion, targetFiscalYear: '2025' } }), 400, /目標年度.*整数/],
  ['a wrong type in the path', () => ({ method: 'GET', url: '/api/items/abc' }), 400, /取組.*整数/],
  ['an unknown id', () => ({ method: 'GET', url: '/api/items/999999' }), 404, /取組.*999999.*見つかりません/],
  ['an unknown id on update', () => ({ method: 'PATCH', url: '/api/items/999999', payload: { version: 1, title: 'x' } }), 404, /見つかりません/],
  ['an impossible date 2025-02-30', () => ({ method: 'POST', url: `/api/bodies/1/plans`, payload: { title: '計画', startFiscalYear: 2022, endFiscalYear: 2025, adoptedOn: '2025-02-30' } }), 400, /実在する日付/],
  ['fiscal year 1800', () => ({ method: 'PATCH', url: `/api/items/${itemId}`, payload: { version: itemVersion, targetFiscalYear: 1800 } }), 400, /2000以上/],
  ['a 1 MB title', () => ({ method: 'PATCH', url: `/api/items/${itemId}`, payload: { version: itemVersion, title: 'あ'.repeat(1_000_000) } }), 413, /大きすぎます/],
  ['a 300-character title', () => ({ method: 'PATCH', url: `/api/items/${itemId}`, payload: { version: itemVersion, title: 'あ'.repeat(300) } }), 400, /200文字以内/],
  ['an unknown field', () => ({ method: 'PATCH', url: `/api/items/${itemId}`, payload: { version: itemVersion, colour: 'red' } }), 400, /「colour」は受け付けられない項目/],
  ['a missing required field', () => ({ method: 'POST', url: `/api/plans/${planId}/items`, payload: { title: 'x' } }), 400, /必須/],
  ['an empty patch', () => ({ method: 'PATCH', url: `/api/items/${itemId}`, payload: { version: itemVersion } }), 400, /1つ以上/],
  ['a reference to an unknown category', () => ({ method: 'PATCH', url: `/api/items/${itemId}`, payload: { version: itemVersion, categoryId: 9999 } }), 400, /分野.*9999.*存在しません/],
  ['an unknown status filter', () => ({ method: 'GET', url: '/api/bodies/1/items?status=late' }), 400, /状況.*いずれか/],
  ['an unknown query parameter', () => ({ method: 'GET', url: '/api/bodies/1/items?colour=red' }), 400, /受け付けられない/],
  ['broken JSON', () => ({ method: 'POST', url: '/api/bodies', payload: '{"name":', headers: { 'content-type': 'application/json' } }), 400, /JSON/],
  ['a form-encoded body', () => ({ method: 'POST', url: '/api/bodies', payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, /application\/json/],
  ['a text body', () => ({ method: 'POST', url: '/api/bodies', payload: 'name=x', headers: { 'content-type': 'text/plain' } }), 400, /オブジェクト/],
  ['a stale version', () => ({ method: 'PATCH', url: `/api/items/${itemId}`, payload: { version: itemVersion + 5, title: '新しい名称' } }), 409, /他の利用者によって更新/],
  ['an unknown route', () => ({ method: 'GET', url: '/api/nothing-here' }), 404, /APIはありません/],
];

describe('bad input', () => {
  it.each(cases)('%s gets a clear 4xx and changes nothing', async (_name, req, status, message) => {
    const before = dumpTables(t.db);
    const res = await t.inject(req());
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.statusCode).toBe(status);
    expect(body.message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/SQLITE|sqlite|at .*\.ts:\d+/);
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('reports every invalid field at once, each with its own Japanese message', async () => {
    const res = await t.inject({
      method: 'POST',
      url: `/api/plans/${planId}/items`,
      payload: { title: '', categoryId: 'x', sectionId: 1, targetFiscalYear: 1800, extra: true },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['categoryId', 'extra', 'targetFiscalYear', 'title']);
  });

  it('a stale version answers with the current row so the client can merge', async () => {
    const res = await t.inject({ method: 'PATCH', url: `/api/items/${itemId}`, payload: { version: itemVersion + 5, title: 'x' } });
    expect(res.json().details.current).toMatchObject({ id: itemId, version: itemVersion, title: '標準化' });
  });
});
