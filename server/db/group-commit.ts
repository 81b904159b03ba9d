/**
 * Group commit: write requests that arrive together share one transaction, so one fsync acknowledges
 * all of them. It is also **the one writer** of the database: a worker thread's write transaction
 * (an import's check or apply, server/workers/) runs only while this class has lent it the write lock.
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
 *
 * Lending (issue 16): SQLite has one write lock per file. A worker's connection that waited for it
 * would be harmless, but this connection waiting for a worker's (busy_timeout) would stop the event loop.
 * So a worker asks for the lock first (`lend()`): it is granted between two groups (the open group
 * commits first); while it is lent, write requests wait — asynchronously, readers go on — in `write()`,
 * and run in the next group once it is returned. The worker's transaction and the API's groups never
 * overlap, so a version check made in either holds until its commit.
 */
import type Database from 'better-sqlite3';

export class GroupCommit {
  private open: { committed: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;
  /** Whether a worker holds the write lock now. */
  private lentOut = false;
  /** Workers waiting for the lock, in order. */
  private readonly borrowers: (() => void)[] = [];
  /** Writes waiting for the lock to come back. */
  private readonly waiting: (() => void)[] = [];
  /** Transactions committed, and write requests run in them (tests and the benchmark read these). */
  commits = 0;
  writes = 0;
  /** Times the lock was lent to a worker. */
  loans = 0;

  constructor(
    private readonly sqlite: Database.Database,
    /** Called when a group could not commit (caches built on its uncommitted data must go). */
    private readonly onRollback: () => void = () => undefined,
  ) {}

  /** True while a worker holds the write lock (or is next in line for it): writes must go through `write()`. */
  get lent(): boolean {
    return this.lentOut || this.borrowers.length > 0;
  }

  /**
   * Runs `handler` in a savepoint of the open group (opening one if needed). Synchronous: call it only
   * when the lock is not lent (`write()` waits for that).
   */
  run<T>(handler: () => T): T {
    if (!this.open) {
      if (this.sqlite.inTransaction) return handler(); // someone else's transaction: stay out of it
      if (this.lent) throw new Error('GroupCommit.run while the write lock is lent to a worker: use write()');
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

  /**
   * `run(handler)` as soon as the write lock is here: at once when it is, else after the worker holding
   * it (and those already waiting for it) returned it. The event loop is never blocked.
   */
  async write<T>(handler: () => T): Promise<Awaited<T>> {
    // Checked again after every wake-up: the check and run() are in one synchronous step.
    while (this.lent) await new Promise<void>((wake) => this.waiting.push(wake));
    return await this.run(handler);
  }

  /** Resolves when the changes made so far are on disk; rejects if their group failed to commit. */
  settled(): Promise<void> {
    return this.open ? this.open.committed : Promise.resolve();
  }

  /**
   * Lends the write lock to a worker: resolves once no group is open and the workers before it returned
   * it, with the function that returns it (call it once the worker's transaction ended, committed or not).
   */
  lend(): Promise<() => void> {
    return new Promise((granted) => {
      let returned = false;
      const give = () => {
        this.lentOut = true;
        this.loans++;
        granted(() => {
          if (returned) return;
          returned = true;
          this.lentOut = false;
          this.next();
        });
      };
      this.borrowers.push(give);
      if (this.borrowers.length === 1 && !this.lentOut && !this.open) this.next();
    });
  }

  /** The lock is free (no group, no loan): the next worker gets it, else the waiting writes run. */
  private next() {
    if (this.lentOut || this.open) return;
    const borrower = this.borrowers.shift();
    if (borrower) return borrower();
    for (const wake of this.waiting.splice(0)) wake();
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
    // A worker waiting for the lock gets it between this group and the next.
    if (this.borrowers.length) this.next();
  }
}
