/**
 * Group commit: write requests that arrive together share one transaction, so one fsync acknowledges
 * all of them.
 *
 * With `synchronous=FULL` every commit waits for the disk, and better-sqlite3 waits on the only thread:
 * one commit per request capped audited updates at a few hundred a second. Here the first write of an
 * event-loop turn opens a transaction (`BEGIN IMMEDIATE`), each write request runs its handler in a
 * savepoint of it (an error rolls back that request's changes only), and the transaction commits at the end
 * of the turn (`setImmediate`). No response of a write is sent before the commit that holds its changes:
 * `settled()` is awaited in an onSend hook (plugins/group-commit.ts). If the commit fails, every request of
 * the group gets an error and nothing of it was acknowledged.
 *
 * Writes that a handler makes after an `await` land in whichever transaction is open then (or commit on
 * their own): `settled()` waits for the open one, so they are durable before the response too.
 */
import type Database from 'better-sqlite3';

export class GroupCommit {
  private open: { committed: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;
  /** Transactions committed, and write requests run in them (tests and the benchmark read these). */
  commits = 0;
  writes = 0;

  constructor(
    private readonly sqlite: Database.Database,
    /** Called when a group could not commit (caches built on its uncommitted data must go). */
    private readonly onRollback: () => void = () => undefined,
  ) {}

  /** Runs `handler` in a savepoint of the open group (opening one if needed). */
  run<T>(handler: () => T): T {
    if (!this.open) {
      if (this.sqlite.inTransaction) return handler(); // someone else's transaction: stay out of it
      this.begin();
    }
    this.writes++;
    this.sqlite.exec('SAVEPOINT group_commit_request');
    try {
      const result = handler();
      this.sqlite.exec('RELEASE group_commit_request');
      return result;
    } catch (err) {
      this.sqlite.exec('ROLLBACK TO group_commit_request');
      this.sqlite.exec('RELEASE group_commit_request');
      throw err;
    }
  }

  /** Resolves when the changes made so far are on disk; rejects if their group failed to commit. */
  settled(): Promise<void> {
    return this.open ? this.open.committed : Promise.resolve();
  }

  private begin() {
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const committed = new Promise<void>((ok, fail) => ((resolve = ok), (reject = fail)));
    committed.catch(() => undefined); // a group nobody waits on must not become an unhandled rejection
    this.sqlite.exec('BEGIN IMMEDIATE');
    this.open = { committed, resolve, reject };
    setImmediate(() => this.commit());
  }

  private commit() {
    const group = this.open!;
    this.open = null;
    try {
      this.sqlite.exec('COMMIT');
      this.commits++;
      group.resolve();
    } catch (err) {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      this.onRollback();
      group.reject(err);
    }
  }
}
