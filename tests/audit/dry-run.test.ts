/**
 * Issue 16: an import's check at upload is a dry run (`runAsDryRun`, server/audit/context.ts). Its writes are
 * rolled back, so the bookkeeping triggers — audit trail, history, the cache's data versions — skip their work;
 * everything that guards data (CHECK constraints, foreign keys) still refuses. Seen from inside the transaction,
 * before the rollback, on a database made by the real migrations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsActor, runAsDryRun } from '../../server/audit/context.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

const actor = { userId: 1, username: 'dry-run-test', note: '', requestId: 'dry-run', bodyId: null, itemId: null, sectionId: null };
const n = (sql: string, ...args: unknown[]) => (t.db.$client.prepare(sql).get(...args) as { n: number }).n;

/** Updates one milestone's note inside a transaction that is always rolled back; returns what the triggers wrote. */
function written(dry: boolean) {
  const s = t.db.$client;
  const m = s.prepare('SELECT id, item_id FROM milestones ORDER BY id LIMIT 1').get() as { id: number; item_id: number };
  const body = n('SELECT p.body_id AS n FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = ?', m.item_id);
  let seen = { audit: 0, versions: 0, dataVersion: 0 };
  const counts = () => ({
    audit: n("SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones' AND entity_id = ?", m.id),
    versions: n("SELECT count(*) AS n FROM row_versions WHERE entity = 'milestones' AND row_id = ?", m.id),
    dataVersion: n('SELECT coalesce(max(version), 0) AS n FROM data_versions WHERE scope = ?', body),
  });
  const before = counts();
  const run = () =>
    s.transaction(() => {
      s.prepare('UPDATE milestones SET note = ? WHERE id = ?').run(`dry ${dry} ${Date.now()}`, m.id);
      const after = counts();
      seen = { audit: after.audit - before.audit, versions: after.versions - before.versions, dataVersion: after.dataVersion - before.dataVersion };
      throw new Error('rollback');
    })();
  expect(() => runAsActor(actor, () => (dry ? runAsDryRun(run) : run()))).toThrow('rollback');
  expect(counts()).toEqual(before);
  return seen;
}

describe('runAsDryRun', () => {
  it('the same update records an audit entry, a version and a cache bump, except in a dry run', () => {
    const real = written(false);
    expect(real).toMatchObject({ audit: 1, versions: 1 });
    // (bumped for the old row, the new one, and the history rows the change wrote)
    expect(real.dataVersion).toBeGreaterThan(0);
    expect(written(true)).toEqual({ audit: 0, versions: 0, dataVersion: 0 });
  });

  it('a dry run still refuses what the tables refuse (CHECK, foreign key)', () => {
    const s = t.db.$client;
    const id = (s.prepare('SELECT id FROM milestones ORDER BY id LIMIT 1').get() as { id: number }).id;
    const inDryRun = (sql: string) => () => runAsActor(actor, () => runAsDryRun(() => s.transaction(() => s.prepare(sql).run(id))()));
    expect(inDryRun("UPDATE milestones SET status = 'done', actual_date = NULL WHERE id = ?")).toThrow(/CHECK constraint failed/);
    expect(inDryRun('UPDATE milestones SET item_id = 987654321 WHERE id = ?')).toThrow(/FOREIGN KEY constraint failed/);
  });
});
