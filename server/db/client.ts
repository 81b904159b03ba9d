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
  // The audit triggers call audit_context(): without it every write to an audited table would fail.
  registerAuditFunctions(sqlite);
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db as Db;
}
