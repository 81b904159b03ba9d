/**
 * `npm run db:generate`: drizzle-kit's migration for the schema, then a custom migration for each set of
 * triggers (audit trail, roll-up counts, data versions) that no longer matches the code
 * (server/db/trigger-migrations.ts). `--check`: only say which sets are out of date (exit 1 if any).
 * Extra arguments go to drizzle-kit (e.g. `-- --name add_x`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedTriggers, migrationSqlFor, outdatedTriggerSets } from '../server/db/trigger-migrations.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const migrationsFolder = path.join(root, 'migrations');
const args = process.argv.slice(2);
const check = args.includes('--check');

function drizzleKit(extra: string[]): void {
  const kit = path.join(root, 'node_modules', '.bin', 'drizzle-kit');
  const run = spawnSync(kit, ['generate', ...extra], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

/** The newest migration file, from drizzle's journal. */
function newestMigration(): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.at(-1);
  if (!last) throw new Error('migrations/meta/_journal.json has no entries');
  return path.join(migrationsFolder, `${last.tag}.sql`);
}

if (!check) drizzleKit(args.filter((a) => a !== '--check'));

const installed = installedTriggers(migrationsFolder);
const outdated = outdatedTriggerSets(installed);
if (outdated.length === 0) {
  console.log('[db:generate] trigger migrations are up to date (audit, roll-ups, data versions).');
  process.exit(0);
}
if (check) {
  console.error(`[db:generate] out of date: ${outdated.map((s) => s.name).join(', ')} — run npm run db:generate`);
  process.exit(1);
}
for (const set of outdated) {
  drizzleKit(['--custom', '--name', set.name]);
  const file = newestMigration();
  writeFileSync(file, migrationSqlFor(set, installed));
  console.log(`[db:generate] wrote ${path.relative(root, file)} (${set.name}, generated from the code)`);
}
const still = outdatedTriggerSets(installedTriggers(migrationsFolder));
if (still.length > 0) {
  console.error(`[db:generate] still out of date after writing: ${still.map((s) => s.name).join(', ')}`);
  process.exit(1);
}
