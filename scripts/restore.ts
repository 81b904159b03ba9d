/**
 * `npm run restore -- <backup-file> [--yes]`
 *
 * Replaces the database at DATABASE_PATH (default data/dx.sqlite) with <backup-file>. **Stop the server
 * first**: the restore refuses while any process has the database open (it cannot take the file for
 * itself). Steps:
 *
 * 1. The backup is checked: it opens as SQLite, `PRAGMA integrity_check` is ok, no foreign key is broken,
 *    it has the migrations table, was not made by a newer version, and has the service's tables.
 * 2. The current database, if any, is taken exclusively (journal_mode=DELETE folds its WAL in; this fails
 *    while a server holds it) and kept as `<DATABASE_PATH>.before-restore-<time>`.
 * 3. The backup is copied next to DATABASE_PATH under a temporary name, checked again, fsynced, and
 *    renamed over DATABASE_PATH (atomic on one file system); stale -wal/-shm files are removed first.
 *
 * Without --yes it only checks the backup and says what it would do.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDatabaseFile, databasePathFromEnv, dirOf, fsyncPath, onlineCopy } from './db-files.ts';

const USAGE = 'usage: npm run restore -- <backup-file> --yes   (replaces DATABASE_PATH, default data/dx.sqlite; stop the server first)';

/** Takes the live file for ourselves: fails (SQLITE_BUSY) while another connection has it open. */
function takeExclusively(path: string): Database.Database {
  const db = new Database(path, { fileMustExist: true, timeout: 1000 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Leaving WAL needs every other connection closed; it also checkpoints the WAL into the file.
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new Error(`journal mode stayed ${String(mode)}`);
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    return db;
  } catch (err) {
    db.close();
    throw new Error(
      `${path} is in use (${(err as Error).message}): stop the server (and anything else using the database) before restoring`,
      { cause: err },
    );
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { yes: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const source = resolve(positionals[0]!);
  const target = resolve(databasePathFromEnv());
  if (source === target) {
    console.error('the backup file is the database itself');
    return 2;
  }
  let report;
  try {
    report = checkDatabaseFile(source);
  } catch (err) {
    console.error(`restore refused: ${(err as Error).message}`);
    return 1;
  }
  const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
  console.log(`backup ok: ${source} (${Object.keys(report.tables).length} tables, ${rows} rows, ${report.migrations} migrations)`);
  if (!values.yes) {
    console.log(`would replace ${target}; run again with --yes (after stopping the server)`);
    return 0;
  }

  let live: Database.Database | null = null;
  let kept: string | null = null;
  if (existsSync(target)) {
    try {
      live = takeExclusively(target);
    } catch (err) {
      console.error(`restore refused: ${(err as Error).message}`);
      return 1;
    }
    kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    copyFileSync(target, kept);
    fsyncPath(kept);
  }
  const tmp = `${target}.restore-${process.pid}.tmp`;
  try {
    const src = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await onlineCopy(src, tmp);
    } finally {
      src.close();
    }
    checkDatabaseFile(tmp);
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
    renameSync(tmp, target);
    fsyncPath(dirOf(target));
  } catch (err) {
    rmSync(tmp, { force: true });
    console.error(`restore failed, ${target} unchanged: ${(err as Error).message}`);
    return 1;
  } finally {
    live?.close();
  }
  console.log(`restored ${target} from ${source}${kept ? `; the previous database is kept as ${kept}` : ''}. Start the server.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
