/**
 * Group commit (server/db/group-commit.ts): concurrent write requests share one transaction, each in
 * its own savepoint; a refused request leaves the others intact; nothing is acknowledged before its
 * group is committed, and a group that cannot commit fails every request in it.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/db/group-commit.ts';
import { createTestApp } from '../helpers/app.ts';

describe('GroupCommit on a bare connection', () => {
  it('lends the write lock between two groups: the open group commits first, writes wait until it is returned', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const gc = new GroupCommit(db);
    const order: string[] = [];
    gc.run(() => db.prepare("INSERT INTO t (v) VALUES ('group 1')").run());
    const lent = gc.lend().then((giveBack) => {
      // Granted only after group 1 committed: no transaction of this connection is open.
      order.push(`lent (in transaction: ${db.inTransaction})`);
      return giveBack;
    });
    expect(gc.lent).toBe(true);
    // A write asked for while a worker waits for (or holds) the lock waits, and the direct call refuses.
    const waiting = gc.write(() => {
      order.push('write');
      db.prepare("INSERT INTO t (v) VALUES ('after the loan')").run();
    });
    const giveBack = await lent;
    expect(() => gc.run(() => undefined)).toThrow(/lent/);
    order.push('worker writes');
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['lent (in transaction: false)', 'worker writes']);
    giveBack();
    giveBack(); // twice is harmless
    await waiting;
    await gc.settled();
    expect(order).toEqual(['lent (in transaction: false)', 'worker writes', 'write']);
    expect(db.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['group 1', 'after the loan']);
    expect([gc.loans, gc.lent]).toEqual([1, false]);
  });

  it('lends to one worker at a time, in the order asked', async () => {
    const db = new Database(':memory:');
    const gc = new GroupCommit(db);
    const order: string[] = [];
    const first = gc.lend().then((back) => (order.push('first'), back));
    const second = gc.lend().then((back) => (order.push('second'), back));
    const back1 = await first;
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['first']);
    back1();
    (await second)();
    expect(order).toEqual(['first', 'second']);
    expect(gc.lent).toBe(false);
  });

  it('commits several runs of one turn together, rolls back only the run that threw', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const gc = new GroupCommit(db);
    gc.run(() => db.prepare("INSERT INTO t (v) VALUES ('a')").run());
    expect(() =>
      gc.run(() => {
        db.prepare("INSERT INTO t (v) VALUES ('b')").run();
        throw new Error('refused');
      }),
    ).toThrow('refused');
    gc.run(() => db.prepare("INSERT INTO t (v) VALUES ('c')").run());
    expect(db.inTransaction).toBe(true);
    await gc.settled();
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['a', 'c']);
    expect([gc.commits, gc.writes]).toEqual([1, 3]);
  });

  it('fails the whole group when the commit fails, and keeps nothing of it', async () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);`);
    let rolledBack = 0;
    const gc = new GroupCommit(db, () => rolledBack++);
    gc.run(() => db.prepare('INSERT INTO parent (id) VALUES (1)').run());
    gc.run(() => db.prepare('INSERT INTO child (parent_id) VALUES (99)').run()); // checked at COMMIT
    await expect(gc.settled()).rejects.toThrow(/FOREIGN KEY/);
    expect(rolledBack).toBe(1);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT count(*) FROM parent').pluck().get()).toBe(0);
    // The next group starts clean.
    gc.run(() => db.prepare('INSERT INTO parent (id) VALUES (2)').run());
    await gc.settled();
    expect(db.prepare('SELECT id FROM parent').pluck().all()).toEqual([2]);
  });
});

describe('group commit through the API', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => (t = await createTestApp({ demo: true })));
  afterAll(() => t?.close());

  it('applies and audits every one of many concurrent updates, in fewer commits; a stale one is refused alone', async () => {
    const ms = t.db.$client.prepare('SELECT id, version FROM milestones ORDER BY id LIMIT 12').all() as { id: number; version: number }[];
    const before = { commits: t.app.groupCommit.commits, writes: t.app.groupCommit.writes };
    const auditBefore = t.db.$client.prepare("SELECT count(*) FROM audit_log WHERE entity = 'milestones'").pluck().get() as number;
    const results = await Promise.all(
      ms.map((m, i) =>
        t.inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: i === 5 ? m.version + 7 : m.version, note: `同時更新 ${i}` } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(ms.map((_, i) => (i === 5 ? 409 : 200)));
    const notes = t.db.$client.prepare(`SELECT note FROM milestones WHERE id IN (${ms.map((m) => m.id).join(',')}) ORDER BY id`).pluck().all();
    expect(notes).toEqual(ms.map((m, i) => (i === 5 ? expect.not.stringContaining('同時更新') : `同時更新 ${i}`)));
    const auditAfter = t.db.$client.prepare("SELECT count(*) FROM audit_log WHERE entity = 'milestones'").pluck().get() as number;
    expect(auditAfter - auditBefore).toBe(11);
    const writes = t.app.groupCommit.writes - before.writes;
    const commits = t.app.groupCommit.commits - before.commits;
    expect(writes).toBe(12);
    expect(commits).toBeLessThan(writes);
  });
});
