/**
 * The triggers that bump `data_versions` (server/db/schema.ts) in the same statement as every write to
 * data that a cached answer is made of. Committed as a custom drizzle migration (`*_data_version_triggers.sql`);
 * print the SQL with `npx tsx server/cache/triggers.ts`. tests/cache/triggers.test.ts checks that the
 * installed triggers are these and that every table the cached answers read is covered.
 *
 * Scopes: a body's id — its dashboard (server/repositories/body-plan.ts reads plans, sections, items,
 * milestones, KPIs, KPI values of the body; as of a past day, their versions in row_versions; the baselines); SHARED (0) — data every body's answers use (categories,
 * national deadlines and their extensions, business areas, steps, body names and prefectures); ROLLUPS (-1)
 * — the national and prefecture roll-ups (the step counts, and the plan items and milestones they count).
 * A row whose body cannot be found any more (a cascade deleting the parent first) bumps SHARED: when in
 * doubt, everything is invalidated.
 */
import { fileURLToPath } from 'node:url';

export const SHARED_SCOPE = 0;
export const ROLLUP_SCOPE = -1;

const bump = (scope: string) => {
  const s = /^-?\d+$/.test(scope) ? scope : `coalesce(${scope}, ${SHARED_SCOPE})`;
  return `INSERT INTO data_versions (scope, version) VALUES (${s}, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;`;
};

/** SQL giving the body of a row (`x` = OLD or NEW), per table. */
const BODY_OF: Record<string, (x: string) => string> = {
  plans: (x) => `${x}.body_id`,
  sections: (x) => `${x}.body_id`,
  kpis: (x) => `${x}.body_id`,
  plan_items: (x) => `(SELECT body_id FROM plans WHERE id = ${x}.plan_id)`,
  milestones: (x) => `(SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = ${x}.item_id)`,
  kpi_values: (x) => `(SELECT body_id FROM kpis WHERE id = ${x}.kpi_id)`,
  // History (answers as of a past day) and baselines (variance against 当初計画).
  row_versions: (x) => `${x}.body_id`,
  baselines: (x) => `(SELECT body_id FROM plans WHERE id = ${x}.plan_id)`,
  baseline_milestones: (x) => `(SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = ${x}.baseline_id)`,
  baseline_kpis: (x) => `(SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = ${x}.baseline_id)`,
  // An ended plan as it was at its end (issue 20): the dashboard of that plan reads it.
  ended_plan_payloads: (x) => `(SELECT body_id FROM plans WHERE id = ${x}.plan_id)`,
};

/** Tables whose changes invalidate every cached answer. */
const SHARED_TABLES = ['local_bodies', 'categories', 'national_deadlines', 'deadline_extensions', 'business_areas', 'standardization_steps', 'national_figures'];

/**
 * Tables the roll-ups read (besides the shared ones): the maintained counts (server/rollups/) and plans. The DX plan
 * tables by category (plan_category_counts, plan_category_dates) change only inside a write of plan_items or milestones,
 * which bumps the roll-up version in the same statement, so they need no trigger of their own (one bump per write, not
 * one per derived row); each body's last report also follows audit_log, KPI values and 「変更なし」, so it has its own.
 */
const ROLLUP_COUNT_TABLES = ['body_step_counts', 'body_last_reports'];
const ROLLUP_TABLES = new Set([...ROLLUP_COUNT_TABLES, 'plans', 'plan_items', 'milestones']);

const trigger = (name: string, when: string, body: string) => `DROP TRIGGER IF EXISTS ${name};
--> statement-breakpoint
CREATE TRIGGER ${name} ${when}
BEGIN
  ${body}
END;`;

function triggersFor(table: string): { name: string; sql: string }[] {
  const body = BODY_OF[table];
  const rollup = ROLLUP_TABLES.has(table) ? [bump(String(ROLLUP_SCOPE))] : [];
  const ops: [string, string[]][] = [
    ['insert', body ? [bump(body('NEW'))] : []],
    ['update', body ? [bump(body('OLD')), bump(body('NEW'))] : []],
    ['delete', body ? [bump(body('OLD'))] : []],
  ];
  return ops.map(([op, stmts]) => {
    const all = SHARED_TABLES.includes(table) ? [bump(String(SHARED_SCOPE))] : [...stmts, ...rollup];
    const name = `data_version_${table}_${op}`;
    // A dry run's writes are rolled back (an import's check, `runAsDryRun` in audit/context.ts): no cached answer goes stale.
    return { name, sql: trigger(name, `AFTER ${op.toUpperCase()} ON ${table} WHEN NOT dry_run()`, all.join('\n  ')) };
  });
}

/** Every table a cached answer reads. */
export const VERSIONED_TABLES = [...SHARED_TABLES, ...Object.keys(BODY_OF), ...ROLLUP_COUNT_TABLES];

export const DATA_VERSION_TRIGGERS: ReadonlyArray<{ name: string; sql: string }> = VERSIONED_TABLES.flatMap(triggersFor);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(DATA_VERSION_TRIGGERS.map((t) => t.sql).join('\n--> statement-breakpoint\n'));
}
