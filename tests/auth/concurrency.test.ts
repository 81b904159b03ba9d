/**
 * No silent overwrite: two officers of the same section edit the same milestone from the same version.
 * One wins, the other gets 409 with the current row (to merge), nothing is lost, and the audit trail
 * shows only what really happened: one update, then the merged one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { localBodies, milestones, planItems, sections } from '../../server/db/schema.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let milestoneId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await t.createUser({ username: 'officer-b', role: 'officer', bodyCode: KAMIAMAKUSA_CODE, sectionNames: ['市民課'] });
  // An open milestone of an item of 上天草市's 市民課 (both officers own that section).
  const row = t.db
    .select({ id: milestones.id })
    .from(milestones)
    .innerJoin(planItems, eq(planItems.id, milestones.itemId))
    .innerJoin(sections, eq(sections.id, planItems.sectionId))
    .innerJoin(localBodies, eq(localBodies.id, sections.bodyId))
    .where(and(eq(sections.name, '市民課'), eq(localBodies.code, KAMIAMAKUSA_CODE), ne(milestones.status, 'done')))
    .get();
  milestoneId = row!.id;
  await t.as('officer').login();
  await t.as('officer-b').login();
});
afterAll(async () => {
  await t?.close();
});

const updatesOf = (id: number) =>
  t.db.$client
    .prepare("SELECT username, before, after FROM audit_log WHERE entity = 'milestones' AND entity_id = ? AND action = 'update' ORDER BY id")
    .all(id) as { username: string; before: string; after: string }[];

describe('two officers edit the same milestone from the same version', () => {
  it('one wins, the other gets 409 with the current values, and the audit has exactly one update', async () => {
    const a = t.as('officer'); // demo-officer (行革デジタル戦略課・市民課)
    const b = t.as('officer-b'); // 市民課
    const [readA, readB] = await Promise.all([a.inject(`/api/milestones/${milestoneId}`), b.inject(`/api/milestones/${milestoneId}`)]);
    const read = readA.json();
    expect(readB.json().version).toBe(read.version);

    const [resA, resB] = await Promise.all([
      a.inject({ method: 'PATCH', url: `/api/milestones/${milestoneId}`, payload: { version: read.version, status: 'in_progress', note: 'Aの報告: 仕様確認中' } }),
      b.inject({ method: 'PATCH', url: `/api/milestones/${milestoneId}`, payload: { version: read.version, note: 'Bの報告: ベンダーと協議' } }),
    ]);
    const statuses = [resA.statusCode, resB.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const [winner, loser, loserClient, loserName, winnerName] =
      resA.statusCode === 200 ? [resA, resB, b, 'officer-b', 'demo-officer'] : [resB, resA, a, 'demo-officer', 'officer-b'];

    const conflict = loser.json();
    expect(conflict.code).toBe('VERSION_CONFLICT');
    expect(conflict.details.current).toMatchObject({ id: milestoneId, version: read.version + 1, note: winner.json().note });

    const stored = t.db.select().from(milestones).where(eq(milestones.id, milestoneId)).get()!;
    expect(stored.note).toBe(winner.json().note);
    expect(stored.version).toBe(read.version + 1);

    const once = updatesOf(milestoneId);
    expect(once).toHaveLength(1);
    expect(once[0]!.username).toBe(winnerName);
    expect(JSON.parse(once[0]!.before)).toMatchObject({ version: read.version, note: read.note });
    expect(JSON.parse(once[0]!.after)).toMatchObject({ version: read.version + 1, note: winner.json().note });

    // The loser merges with what they see in details.current and saves again: nothing is lost.
    const merged = `${conflict.details.current.note} / ${loserName}の追記`;
    const retry = await loserClient.inject({
      method: 'PATCH',
      url: `/api/milestones/${milestoneId}`,
      payload: { version: conflict.details.current.version, note: merged },
    });
    expect(retry.statusCode, retry.body).toBe(200);
    const twice = updatesOf(milestoneId);
    expect(twice.map((u) => u.username)).toEqual([winnerName, loserName]);
    expect(JSON.parse(twice[1]!.before).note).toBe(winner.json().note);
    expect(JSON.parse(twice[1]!.after).note).toBe(merged);
  });
});
