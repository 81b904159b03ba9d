/**
 * The trigger migrations, generated from code: the audit trail (audit/triggers.ts), the roll-up counts
 * (rollups/triggers.ts, rollups/category-triggers.ts), the history of plan rows (history/triggers.ts) and the cache's data versions (cache/triggers.ts). `npm run db:generate`
 * (scripts/db-generate.ts) writes a custom migration for every set whose triggers, as the migrations
 * install them, differ from what the code generates now — nobody pastes trigger SQL by hand.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { registerAuditFunctions } from '../audit/context.ts';
import { auditMigrationSql } from '../audit/triggers.ts';
import { DATA_VERSION_TRIGGERS } from '../cache/triggers.ts';
import { historyMigrationSql } from '../history/triggers.ts';
import { planRollupMigrationSql } from '../rollups/category-triggers.ts';
import { rollupMigrationSql } from '../rollups/triggers.ts';

export const BREAKPOINT = '\n--> statement-breakpoint\n';

export interface TriggerSet {
  /** The migration's name (`NNNN_<name>.sql`). */
  name: string;
  /** Triggers of this set are named `<prefix>…`. */
  prefix: string;
  /** The migration file's text: statements separated by drizzle's breakpoint marker. */
  migrationSql: () => string;
}

export const TRIGGER_SETS: readonly TriggerSet[] = [
  { name: 'audit_triggers', prefix: 'audit_', migrationSql: auditMigrationSql },
  { name: 'rollup_triggers', prefix: 'rollup_', migrationSql: rollupMigrationSql },
  { name: 'plan_rollup_triggers', prefix: 'plan_rollup_', migrationSql: planRollupMigrationSql },
  { name: 'history_triggers', prefix: 'history_', migrationSql: historyMigrationSql },
  {
    name: 'data_version_triggers',
    prefix: 'data_version_',
    migrationSql: () => `${DATA_VERSION_TRIGGERS.map((t) => t.sql).join(BREAKPOINT)}\n`,
  },
];

/** name → SQL of each `CREATE TRIGGER` in a migration text, as sqlite_master stores it (no final `;`). */
export function createdTriggers(migrationSql: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of migrationSql.split('--> statement-breakpoint')) {
    const statement = raw.trim().replace(/;$/, '');
    const name = /^CREATE TRIGGER (\S+)/.exec(statement)?.[1];
    if (name) out.set(name, statement);
  }
  return out;
}

/** The triggers the migrations in `migrationsFolder` install (applied to a new in-memory database). */
export function installedTriggers(migrationsFolder: string): Map<string, string> {
  const sqlite = new Database(':memory:');
  // Data migrations that update audited tables fire the audit triggers, which call audit_context().
  registerAuditFunctions(sqlite);
  try {
    migrate(drizzle(sqlite), { migrationsFolder });
    const rows = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
    return new Map(rows.map((r) => [r.name, r.sql]));
  } finally {
    sqlite.close();
  }
}

/** The sets whose generated triggers differ from the installed ones (changed, missing or left over). */
export function outdatedTriggerSets(installed: ReadonlyMap<string, string>, sets: readonly TriggerSet[] = TRIGGER_SETS): TriggerSet[] {
  return sets.filter((set) => {
    const generated = createdTriggers(set.migrationSql());
    const mine = [...installed.keys()].filter((name) => name.startsWith(set.prefix));
    if (mine.length !== generated.size) return true;
    return [...generated].some(([name, sql]) => installed.get(name) !== sql);
  });
}

/** The migration for `set`: first drops its installed triggers that the code no longer makes, then the set's SQL. */
export function migrationSqlFor(set: TriggerSet, installed: ReadonlyMap<string, string>): string {
  const generated = createdTriggers(set.migrationSql());
  const leftovers = [...installed.keys()].filter((name) => name.startsWith(set.prefix) && !generated.has(name)).sort();
  return [...leftovers.map((name) => `DROP TRIGGER IF EXISTS ${name};`), set.migrationSql()].join(BREAKPOINT);
}
