import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dumpTables } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const chiyoda = { code: '131016', name: '千代田区', prefectureCode: '13', prefectureName: '東京都', kind: 'ward', population: 67000 };

describe('bodies', () => {
  it('creates, reads, lists, filters and updates a body', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/bodies', payload: chiyoda });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ ...chiyoda, isSample: false });

    const got = await t.inject({ url: `/api/bodies/${body.id}` });
    expect(got.json().name).toBe('千代田区');

    await t.inject({
      method: 'POST',
      url: '/api/bodies',
      payload: { code: '011002', name: '札幌市', prefectureCode: '01', prefectureName: '北海道', kind: 'designated_city' },
    });
    const list = await t.inject({ url: '/api/bodies?prefectureCode=13&pageSize=10' });
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(list.json().items.map((b: { code: string }) => b.code)).toEqual(['131016']);
    const byName = await t.inject({ url: `/api/bodies?q=${encodeURIComponent('札幌')}` });
    expect(byName.json().items.map((b: { name: string }) => b.name)).toEqual(['札幌市']);

    const patched = await t.inject({ method: 'PATCH', url: `/api/bodies/${body.id}`, payload: { population: 68000 } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().population).toBe(68000);
  });

  it('refuses a code with a wrong check digit, and a duplicate code, changing nothing', async () => {
    const before = dumpTables(t.db);
    const wrong = await t.inject({ method: 'POST', url: '/api/bodies', payload: { ...chiyoda, code: '131017' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'code' });
    expect(wrong.json().message).toContain('検査数字');
    const dup = await t.inject({ method: 'POST', url: '/api/bodies', payload: chiyoda });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE' });
    expect(dup.json().message).toContain('131016');
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('does not delete a body that has a plan, and deletes one that has none', async () => {
    const list = await t.inject({ url: '/api/bodies?prefectureCode=13' });
    const id = list.json().items[0].id;
    const plan = await t.inject({
      method: 'POST',
      url: `/api/bodies/${id}/plans`,
      payload: { title: '千代田区DX推進計画', startFiscalYear: 2022, endFiscalYear: 2025 },
    });
    expect(plan.statusCode).toBe(201);
    const refused = await t.inject({ method: 'DELETE', url: `/api/bodies/${id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('計画');

    const sapporo = (await t.inject({ url: '/api/bodies?prefectureCode=01' })).json().items[0];
    const del = await t.inject({ method: 'DELETE', url: `/api/bodies/${sapporo.id}` });
    expect(del.statusCode).toBe(204);
    expect((await t.inject({ url: `/api/bodies/${sapporo.id}` })).statusCode).toBe(404);
  });
});
