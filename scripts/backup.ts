/**
 * `npm run backup -- <file> [--force]`
 *
 * Copies the database at DATABASE_PATH (default data/dx.sqlite) to <file> with SQLite's online backup
 * API: safe while the server is running and serving writes (it keeps working; the copy is the database
 * as of one commit). The copy is written next to <file> under a temporary name, checked
 * (integrity_check, migrations, tables), fsynced and renamed into place; an existing <file> is
 * refused unless --force. The result is a single self-contained SQLite file (no -wal/-shm).
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDatabaseFile, databasePathFromEnv, dirOf, fsyncPath, onlineCopy } from './db-files.ts';

const USAGE = 'usage: npm run backup -- <backup-file> [--force]   (copies DATABASE_PATH, default data/dx.sqlite)';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const source = resolve(databasePathFromEnv());
  const target = resolve(positionals[0]!);
  if (!existsSync(source)) {
    console.error(`no database at ${source} (set DATABASE_PATH)`);
    return 1;
  }
  if (target === source) {
    console.error('the backup file must not be the database itself');
    return 2;
  }
  if (existsSync(target) && !values.force) {
    console.error(`${target} exists: choose another name or add --force`);
    return 1;
  }
  const started = Date.now();
  const db = new Database(source, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    await onlineCopy(db, tmp);
    const report = checkDatabaseFile(tmp);
    renameSync(tmp, target);
    fsyncPath(dirOf(target));
    const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
    console.log(
      `backup written: ${target} (${(statSync(target).size / 1024).toFixed(0)} KiB, ${Object.keys(report.tables).length} tables, ${rows} rows, ` +
        `${report.migrations} migrations) in ${Date.now() - started} ms`,
    );
    return 0;
  } catch (err) {
    rmSync(tmp, { force: true });
    console.error(`backup failed: ${(err as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
