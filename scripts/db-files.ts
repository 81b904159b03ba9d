/**
 * Shared by `npm run backup` and `npm run restore`: consistent online copies of the SQLite file and the
 * checks a file must pass before it may become the service's database.
 */
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MIGRATIONS_FOLDER, openDatabase } from '../server/db/client.ts';

export const databasePathFromEnv = () => process.env.DATABASE_PATH ?? 'data/dx.sqlite';

/** fsync a file, or a directory (so a rename in it is durable). */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies `source` (an open connection; other connections and processes may keep writing) to `target`
 * with SQLite's online backup API. After the first step the rest is copied in one step, inside one
 * read transaction: the copy is the database as of one commit, and a busy writer cannot make the backup
 * start over and over. The copy is then made a self-contained file (journal_mode=DELETE), checked and
 * fsynced.
 */
export async function onlineCopy(source: Database.Database, target: string): Promise<void> {
  rmSync(target, { force: true });
  await source.backup(target, { progress: () => 0x7fffffff });
  const copy = new Database(target);
  try {
    copy.pragma('journal_mode = DELETE');
    const ok = copy.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error(`the copy failed its integrity check: ${String(ok)}`);
  } finally {
    copy.close();
  }
  fsyncPath(target);
}

/** Tables (and the migrations the code knows) of a database made by the current migrations. */
function expected(): { tables: string[]; migrations: number } {
  const db = openDatabase(':memory:');
  try {
    const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    return { tables: tables.map((t) => t.name), migrations: journal.entries.length };
  } finally {
    db.$client.close();
  }
}

export interface FileReport {
  tables: Record<string, number>;
  migrations: number;
}

/**
 * Refuses a file that is not a sound database of this service: unreadable or not SQLite, failing
 * `PRAGMA integrity_check` or `foreign_key_check`, without the migrations table, made by migrations newer
 * than this code, or missing a table. Returns the row count of every table.
 */
export function checkDatabaseFile(path: string): FileReport {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new Error(`${path}: cannot be opened as a SQLite database (${(err as Error).message})`, { cause: err });
  }
  try {
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
    } catch (err) {
      throw new Error(`${path}: is not a readable SQLite database (${(err as Error).message})`, { cause: err });
    }
    if (integrity !== 'ok') throw new Error(`${path}: PRAGMA integrity_check failed: ${String(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) throw new Error(`${path}: ${fk.length} rows break foreign keys`);
    const names = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!names.has('__drizzle_migrations')) throw new Error(`${path}: has no migrations table (__drizzle_migrations): not a database of this service`);
    const want = expected();
    const migrations = (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    if (migrations > want.migrations) {
      throw new Error(`${path}: was made by a newer version (${migrations} migrations applied, this code knows ${want.migrations}); update the code first`);
    }
    const missing = want.tables.filter((t) => !names.has(t));
    // An older file lacks the tables of later migrations: the server adds them at start-up.
    if (missing.length && migrations === want.migrations) throw new Error(`${path}: tables missing: ${missing.join(', ')}`);
    if (migrations === 0 || !names.has('local_bodies') || !names.has('audit_log')) throw new Error(`${path}: tables missing: ${missing.join(', ')}`);
    const tables: Record<string, number> = {};
    for (const name of [...names].filter((n) => !n.startsWith('sqlite_')).sort()) {
      tables[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    }
    return { tables, migrations };
  } finally {
    db.close();
  }
}

export const dirOf = (path: string) => dirname(path);
