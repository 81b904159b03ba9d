/**
 * Issue 19: the prefecture page ranked 熊本県 itself among its municipalities (「対象業務なし」), and 県内 ranks
 * counted it. Demo data: 熊本県 (a prefecture body without systems) and 上天草市.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { localBodies } from '../../server/db/schema.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

describe('a prefecture is not one of its own municipalities', () => {
  it('the ranking of 熊本県 lists its municipalities only', async () => {
    const body = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!;
    const res = await t.inject(`/api/rollups/prefectures/${body.prefectureCode}`);
    expect(res.statusCode, res.body).toBe(200);
    const kinds = res.json().bodies.map((b: { kind: string; name: string }) => [b.name, b.kind]);
    expect(kinds.length).toBeGreaterThan(0);
    for (const [name, kind] of kinds) expect(kind, name).not.toBe('prefecture');
    const peers = (await t.inject(`/api/bodies/${body.id}/peers`)).json();
    expect(peers.rankInPrefecture.of).toBe(kinds.filter(([, k]: string[]) => k !== 'prefecture').length);
  });
});

describe('municipalities × DX plan categories (issue 19 item 6)', () => {
  it('one row per municipality, one cell per category; the cells add up to the prefecture’s category roll-up', async () => {
    const body = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!;
    const r = (await t.inject(`/api/rollups/prefectures/${body.prefectureCode}`)).json();
    const m = r.municipalityCategories;
    expect(m.bodies.map((b: { name: string }) => b.name)).toEqual(r.bodies.map((b: { name: string }) => b.name).sort());
    expect(m.categories.map((c: { categoryId: number }) => c.categoryId)).toEqual(r.categories.map((c: { categoryId: number }) => c.categoryId));
    m.categories.forEach((c: { categoryId: number; name: string }, i: number) => {
      const cells = m.bodies.map((b: { cells: { categoryId: number; items: number; overdueMilestones: number }[] }) => b.cells[i]!);
      for (const cell of cells) expect(cell.categoryId).toBe(c.categoryId);
      const rollup = r.categories.find((x: { categoryId: number }) => x.categoryId === c.categoryId);
      expect(cells.reduce((n: number, x: { items: number }) => n + x.items, 0), c.name).toBe(rollup.items);
      expect(cells.reduce((n: number, x: { overdueMilestones: number }) => n + x.overdueMilestones, 0), c.name).toBe(rollup.overdueMilestones);
    });
    const own = m.bodies.find((b: { bodyId: number }) => b.bodyId === body.id);
    expect(own.items).toBe(own.cells.reduce((n: number, x: { items: number }) => n + x.items, 0));
    expect(own.overdueMilestones).toBeGreaterThan(0);
    expect(own.lastReportedAt).toEqual(expect.any(String));
  });
});
