/**
 * Operations on the maintained roll-ups as a whole (standardization counts, triggers.ts; DX plan categories and last
 * reports, category-triggers.ts): recompute them from the base rows, and bulk loads with the per-row triggers off
 * (one recomputation at the end is much cheaper than ~4 trigger statements per step row for 1.4 million rows). Both
 * run inside the caller's transaction, so no reader ever sees the tables out of step with the base rows.
 */
import type Database from 'better-sqlite3';
import { PLAN_ROLLUP_RECOMPUTE_SQL, PLAN_ROLLUP_TRIGGERS } from './category-triggers.ts';
import { RECOMPUTE_SQL, ROLLUP_TRIGGERS } from './triggers.ts';

const ALL_TRIGGERS = [...ROLLUP_TRIGGERS, ...PLAN_ROLLUP_TRIGGERS];

export function recomputeRollups(sqlite: Database.Database): void {
  for (const sql of [...RECOMPUTE_SQL, ...PLAN_ROLLUP_RECOMPUTE_SQL]) sqlite.prepare(sql).run();
}

function createTriggers(sqlite: Database.Database): void {
  for (const t of ALL_TRIGGERS) for (const stmt of t.sql.split('--> statement-breakpoint')) sqlite.exec(stmt);
}

/**
 * Runs `load` with the roll-up triggers dropped, then recomputes the roll-ups and re-creates the
 * triggers. Must be called inside a transaction (DDL is transactional in SQLite): a failure rolls the
 * triggers back in with everything else.
 */
export function withRollupTriggersOff<T>(sqlite: Database.Database, load: () => T): T {
  if (!sqlite.inTransaction) throw new Error('withRollupTriggersOff: call it inside a transaction');
  for (const t of ALL_TRIGGERS) sqlite.exec(`DROP TRIGGER IF EXISTS ${t.name}`);
  const result = load();
  recomputeRollups(sqlite);
  createTriggers(sqlite);
  return result;
}
