/**
 * 課の再編 (issue 20 item 2) on the demo database: HQ renames, merges, splits and retires sections from a date;
 * items and officers follow; 変更履歴 names the section as it was called when the change was made; refused
 * requests change nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, planItems, sections, users, userSections } from '../../server/db/schema.ts';
import { createTestApp, dumpTables, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
const sectionNamed = (name: string) => t.db.select().from(sections).where(eq(sections.name, name)).all().find((s) => s.bodyId === bodyId)!;
const itemsOf = (sectionId: number) => t.db.select().from(planItems).where(eq(planItems.sectionId, sectionId)).all();
const officerSections = (username: string) => {
  const u = t.db.select().from(users).where(eq(users.username, username)).get()!;
  return t.db.select().from(userSections).where(eq(userSections.userId, u.id)).all().map((r) => r.sectionId).sort((a, b) => a - b);
};
const reorganize = (payload: object, who: 'hq' | 'officer' = 'hq') =>
  t.as(who).inject({ method: 'POST', url: `/api/bodies/${bodyId}/sections/reorganize`, payload });

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = (await t.as('hq').inject('/api/auth/me')).json().body.id;
});
afterAll(async () => t?.close());

describe('課の再編', () => {
  it('merges two sections into a new one on April 1: items, officers follow; the old sections stay, retired', async () => {
    const a = sectionNamed('市民課');
    const b = sectionNamed('行革デジタル戦略課');
    const moving = [...itemsOf(a.id), ...itemsOf(b.id)].map((i) => i.id).sort((x, y) => x - y);
    expect(moving.length).toBeGreaterThan(0);
    expect(officerSections('demo-officer')).toEqual([a.id, b.id].sort((x, y) => x - y));

    const res = await reorganize({ kind: 'merge', sectionIds: [a.id, b.id], intoName: 'デジタル市民課', effectiveDate: '2027-04-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ movedItems: moving.length, movedOfficers: 1 });
    const merged = sectionNamed('デジタル市民課');
    expect(itemsOf(merged.id).map((i) => i.id).sort((x, y) => x - y)).toEqual(moving);
    expect(officerSections('demo-officer')).toEqual([merged.id]);
    expect(sectionNamed('市民課')).toMatchObject({ retiredOn: '2027-04-01', mergedIntoId: merged.id });
    // The officer still updates the moved items (their assignment followed the work).
    const item = itemsOf(merged.id)[0]!;
    const upd = await t.as('officer').inject({ method: 'PATCH', url: `/api/items/${item.id}`, payload: { version: item.version, notes: '再編後も更新できる' } });
    expect(upd.statusCode, upd.body).toBe(200);
    // Each moved item is an audited update by HQ.
    const moves = t.db.select().from(auditLog).where(eq(auditLog.entity, 'plan_items')).all().filter((r) => r.username === 'demo-hq');
    expect(moves.length).toBe(moving.length);
  });

  it('renames from a date: 変更履歴 shows the old name for changes made before it, the new one after', async () => {
    const s = sectionNamed('デジタル市民課');
    // A change made "before" the rename (the app's clock is the real one; the rename is dated in the future).
    const before = (await t.as('hq').inject(`/api/bodies/${bodyId}/audit?sectionId=${s.id}`)).json();
    expect(before.items.length).toBeGreaterThan(0);
    expect(before.items.every((e: { sectionName: string }) => e.sectionName === 'デジタル市民課')).toBe(true);
    const res = await reorganize({ kind: 'rename', sectionId: s.id, name: 'DX推進課', effectiveDate: '2099-04-01' });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await t.as('hq').inject(`/api/bodies/${bodyId}/audit?sectionId=${s.id}`)).json();
    // Entries made before 2099-04-01 keep the name of their day.
    expect(after.items.filter((e: { entity: string }) => e.entity === 'plan_items').every((e: { sectionName: string }) => e.sectionName === 'デジタル市民課')).toBe(true);
    const row = t.db.$client.prepare(`SELECT COALESCE((SELECT name FROM section_names WHERE section_id = ? AND valid_until >= '2099-04-01' LIMIT 1), 'current') AS n`).get(s.id) as { n: string };
    expect(row.n).toBe('current');
    expect(sectionNamed('DX推進課').id).toBe(s.id);
  });

  it('splits a section, choosing which items go where; the officers get the new sections', async () => {
    const s = sectionNamed('DX推進課');
    const items = itemsOf(s.id).map((i) => i.id);
    const res = await reorganize({
      kind: 'split',
      sectionId: s.id,
      parts: [
        { name: '情報政策課', itemIds: items.slice(0, 1) },
        { name: '窓口改革課', itemIds: items.slice(1) },
      ],
      effectiveDate: '2099-10-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(itemsOf(sectionNamed('情報政策課').id).map((i) => i.id)).toEqual(items.slice(0, 1));
    expect(itemsOf(sectionNamed('窓口改革課').id).map((i) => i.id)).toEqual(items.slice(1));
    expect(sectionNamed('DX推進課').retiredOn).toBe('2099-10-01');
    expect(officerSections('demo-officer')).toEqual([sectionNamed('情報政策課').id, sectionNamed('窓口改革課').id].sort((x, y) => x - y));
  });

  it('retires only a section without items; refusals are Japanese and change nothing', async () => {
    const owner = sectionNamed('情報政策課');
    const snapshot = dumpTables(t.db);
    const busy = await reorganize({ kind: 'retire', sectionId: owner.id, effectiveDate: '2099-10-01' });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toMatch(/^情報政策課は\d+件の取組を担当しています。/);
    const retired = await reorganize({ kind: 'merge', sectionIds: [sectionNamed('市民課').id], intoSectionId: owner.id, effectiveDate: '2099-10-01' });
    expect(retired.statusCode).toBe(400);
    expect(retired.json().message).toBe('市民課は2027年4月1日から再編で使われていません。');
    expect((await reorganize({ kind: 'merge', sectionIds: [owner.id], intoName: '窓口改革課', effectiveDate: '2099-10-01' })).statusCode).toBe(409);
    expect((await reorganize({ kind: 'retire', sectionId: owner.id, effectiveDate: '2099-10-01' }, 'officer')).statusCode).toBe(403);
    expect(dumpTables(t.db)).toEqual(snapshot);
    const empty = (await t.as('hq').inject({ method: 'POST', url: `/api/bodies/${bodyId}/sections`, payload: { name: '臨時課' } })).json();
    const ok = await reorganize({ kind: 'retire', sectionId: empty.id, effectiveDate: '2099-10-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().sections.find((s: { id: number }) => s.id === empty.id).retiredOn).toBe('2099-10-01');
  });
});
