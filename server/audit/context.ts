/**
 * Who is writing: the audit trail's actor, carried through a request with AsyncLocalStorage and read
 * by the SQLite triggers through the `audit_context()` SQL function (registered on the connection by
 * `openDatabase`). The triggers record a change only when a context is set, which the auth plugin does
 * for every API request made with a session; seeding and migrations run without one and record nothing.
 *
 * better-sqlite3 is synchronous, so the function runs inside the very statement that writes the row,
 * in the async context of the request that issued it: two interleaved requests never swap actors.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

export interface AuditActor {
  userId: number;
  username: string;
  /** Why (optional): the `x-audit-note` header. */
  note: string;
  requestId: string;
  /**
   * The request's target as resolved for authorization. Used only as a fallback by DELETE triggers
   * whose parent row is already gone (rows deleted by ON DELETE CASCADE).
   */
  bodyId: number | null;
  itemId: number | null;
  sectionId: number | null;
}

const storage = new AsyncLocalStorage<{ actor: AuditActor; json: string; history: string }>();

/** Runs `fn` (and everything it starts) as `actor`: every audited write in it is attributed to them. */
export function runAsActor<T>(actor: AuditActor, fn: () => T): T {
  // Both JSON texts made once: the triggers ask for them several times per written row (an import writes 50,000).
  const history = JSON.stringify({ at: null, userId: actor.userId, username: actor.username, note: actor.note });
  return storage.run({ actor, json: JSON.stringify(actor), history }, fn);
}

export function currentActor(): AuditActor | undefined {
  return storage.getStore()?.actor;
}

/**
 * A recorded past (the demo seed, the bench's simulated quarters): writes in it are recorded by the history
 * triggers at `at` (an ISO instant), by `username`, with `note` as the reason — as if they had been made then.
 * Requests never run in one: their history is stamped with the real time and their actor.
 */
export interface RecordedWrite {
  at: string;
  username: string;
  note: string;
}

const recorded = new AsyncLocalStorage<string>();

/** Runs `fn` with its writes recorded in the history as made at `w.at` by `w.username` for `w.note`. */
export function runAsRecorded<T>(w: RecordedWrite, fn: () => T): T {
  return recorded.run(JSON.stringify({ at: w.at, userId: null, username: w.username, note: w.note }), fn);
}

/** The history triggers' context: the recorded past if any, else the request's actor with the real time, else NULL. */
function historyContext(): string | null {
  const past = recorded.getStore();
  if (past !== undefined) return past;
  return storage.getStore()?.history ?? null;
}

/**
 * A dry run (an import's check at upload, rolled back whatever it finds): its writes are never kept, so the
 * bookkeeping triggers — audit trail, history, the cache's data versions — have nothing to record. They skip
 * their work while `dry_run()` is 1 (the audit triggers through `audit_context()` being NULL); the triggers that
 * guard data (CHECKs, foreign keys, RAISE) run as always, so a dry run refuses exactly what the apply would.
 * A third of a 50,000-row check was these triggers (bench/README.md, issue 16).
 */
const dryRun = new AsyncLocalStorage<true>();

/** Runs `fn` (synchronous, inside a transaction that is rolled back) as a dry run: see `dryRun`. */
export function runAsDryRun<T>(fn: () => T): T {
  return dryRun.run(true, fn);
}

/**
 * Registers `audit_context()` (the current actor as JSON, or NULL), `history_context()` (when, who and why
 * for the history triggers, server/history/triggers.ts) and `dry_run()` (1 inside `runAsDryRun`) on a connection.
 */
export function registerAuditFunctions(sqlite: Database.Database): void {
  sqlite.function('audit_context', { deterministic: false, directOnly: false }, () => (dryRun.getStore() ? null : (storage.getStore()?.json ?? null)));
  sqlite.function('history_context', { deterministic: false, directOnly: false }, historyContext);
  sqlite.function('dry_run', { deterministic: false, directOnly: false }, () => (dryRun.getStore() ? 1 : 0));
}

/** Runs `fn` with no actor: its writes are not audited (an upload's provisional rows before it is known to be readable). */
export function runWithoutActor<T>(fn: () => T): T {
  return storage.exit(fn);
}
