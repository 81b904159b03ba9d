/**
 * Opens the SQLite file, sets the pragmas the product relies on and applies the committed migrations.
 * Safe to call on every start: drizzle's migrator records what it applied and skips it next time.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';
import { registerAuditFunctions } from '../audit/context.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** `migrate: false` for a second connection to a file the app already opened (a worker thread's). */
export function openDatabase(path: string, options: { migrate?: boolean } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers (dashboards) run while a write commits. synchronous=FULL fsyncs the WAL on every
  // commit: an acknowledged update by a DX officer must survive a power cut, and our writes are small.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Statement journals in memory: a write that fires triggers (audit, history, roll-ups, data versions) keeps the
  // pages it changes in a statement journal, which spills to a temporary file past 64 KiB — about every audited
  // update did, and that file's I/O was half of its cost (~150 → ~70 µs per updated milestone; issue 16, bench/README).
  // Only statement-level undo lives there: commits still go through the WAL (durability unchanged). Not for a
  // transaction that keeps a savepoint open over many writes (the upload's dry run): see withFileTempStore.
  sqlite.pragma('temp_store = MEMORY');
  // The audit triggers call audit_context(): without it every write to an audited table would fail.
  registerAuditFunctions(sqlite);
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db as Db;
}

/**
 * Runs `fn` (which opens and ends its own transaction) with temporary storage in files. A savepoint held open over
 * many writes — an upload's dry run checks every row in a savepoint of its own inside the upload's transaction —
 * journals every page it changes; in memory that journal is a chain of chunks read by walking it (50,000 rows: 12 s
 * instead of 4 s, bench:import), in a file it is not. Inside a transaction already open it changes nothing: that
 * transaction's journals are already where they are.
 */
export function withFileTempStore<T>(sqlite: Database.Database, fn: () => T): T {
  if (sqlite.inTransaction) return fn();
  sqlite.pragma('temp_store = FILE');
  try {
    return fn();
  } finally {
    sqlite.pragma('temp_store = MEMORY');
  }
}
