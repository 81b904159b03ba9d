/**
 * The triggers that keep the standardization roll-ups (body_area_step_counts → body_step_counts and
 * prefecture_area_step_counts, see server/db/schema.ts) equal to what the base rows say, in the same
 * statement as every write. Committed as a custom drizzle migration (`*_rollup_triggers.sql`); print the
 * SQL with `npx tsx server/rollups/triggers.ts`. tests/rollups/triggers.test.ts checks that the installed
 * triggers are these, and the property test that the tables always equal a full recomputation.
 *
 * The chain:
 * - body_area_steps (insert / delete / status change) → the counts of its body area;
 * - body_business_areas (insert / delete / 特定移行支援 or body change) → creates, removes or moves that row;
 * - local_bodies (insert / delete / prefecture change; ids never change) → the body's row, and the prefecture of its areas;
 * - body_area_step_counts (any change) → subtracts the old row from its body and (prefecture, area), adds
 *   the new one. Rows deleted by ON DELETE CASCADE fire these triggers too (SQLite runs triggers for FK actions).
 */
import { fileURLToPath } from 'node:url';

const STATUSES = ['not_started', 'in_progress', 'done', 'not_applicable'] as const;

const complete = (x: string) => `(${x}.steps > 0 AND ${x}.done + ${x}.not_applicable = ${x}.steps)`;

/** `sign` = '+' or '-': the body's row gains or loses the area row `x` (OLD or NEW). */
function bodyDelta(x: string, sign: '+' | '-') {
  return `UPDATE body_step_counts SET
    areas = areas ${sign} 1,
    complete_areas = complete_areas ${sign} ${complete(x)},
    ms_areas = ms_areas ${sign} ${x}.migration_support,
    complete_ms_areas = complete_ms_areas ${sign} (${x}.migration_support AND ${complete(x)}),
    ${STATUSES.map((s) => `${s} = ${s} ${sign} ${x}.${s}`).join(',\n    ')},
    steps = steps ${sign} ${x}.steps
  WHERE body_id = ${x}.body_id;`;
}

function prefectureDelta(x: string, sign: '+' | '-') {
  const m = sign === '-' ? '-' : '';
  const cols = ['body_areas', 'complete_areas', 'ms_areas', 'complete_ms_areas', ...STATUSES, 'steps'];
  const vals = ['1', complete(x), `${x}.migration_support`, `(${x}.migration_support AND ${complete(x)})`, ...STATUSES.map((s) => `${x}.${s}`), `${x}.steps`];
  const upsert = `INSERT INTO prefecture_area_step_counts (prefecture_code, area_id, ${cols.join(', ')})
  VALUES (${x}.prefecture_code, ${x}.area_id, ${vals.map((v) => `${m}${v}`).join(', ')})
  ON CONFLICT (prefecture_code, area_id) DO UPDATE SET ${cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
  if (sign === '+') return upsert;
  return `${upsert}
  DELETE FROM prefecture_area_step_counts WHERE prefecture_code = ${x}.prefecture_code AND area_id = ${x}.area_id AND body_areas = 0;`;
}

function stepDelta(x: string, sign: '+' | '-') {
  return `UPDATE body_area_step_counts SET
    ${STATUSES.map((s) => `${s} = ${s} ${sign} (${x}.status = '${s}')`).join(',\n    ')},
    steps = steps ${sign} 1
  WHERE body_area_id = ${x}.body_area_id;`;
}

const prefectureOf = (bodyId: string) => `(SELECT prefecture_code FROM local_bodies WHERE id = ${bodyId})`;

const trigger = (name: string, when: string, body: string) => `DROP TRIGGER IF EXISTS ${name};
--> statement-breakpoint
CREATE TRIGGER ${name} ${when}
BEGIN
  ${body}
END;`;

export const ROLLUP_TRIGGERS: ReadonlyArray<{ name: string; sql: string }> = [
  ['rollup_steps_insert', 'AFTER INSERT ON body_area_steps', stepDelta('NEW', '+')],
  ['rollup_steps_delete', 'AFTER DELETE ON body_area_steps', stepDelta('OLD', '-')],
  [
    'rollup_steps_update',
    'AFTER UPDATE OF status, body_area_id ON body_area_steps WHEN OLD.status IS NOT NEW.status OR OLD.body_area_id IS NOT NEW.body_area_id',
    `${stepDelta('OLD', '-')}\n  ${stepDelta('NEW', '+')}`,
  ],
  [
    'rollup_body_areas_insert',
    'AFTER INSERT ON body_business_areas',
    `INSERT INTO body_area_step_counts (body_area_id, body_id, area_id, prefecture_code, migration_support)
  VALUES (NEW.id, NEW.body_id, NEW.area_id, ${prefectureOf('NEW.body_id')}, NEW.migration_support);`,
  ],
  ['rollup_body_areas_delete', 'AFTER DELETE ON body_business_areas', 'DELETE FROM body_area_step_counts WHERE body_area_id = OLD.id;'],
  [
    'rollup_body_areas_update',
    'AFTER UPDATE OF body_id, area_id, migration_support ON body_business_areas',
    `UPDATE body_area_step_counts SET body_id = NEW.body_id, area_id = NEW.area_id,
    prefecture_code = ${prefectureOf('NEW.body_id')}, migration_support = NEW.migration_support
  WHERE body_area_id = OLD.id;`,
  ],
  ['rollup_bodies_insert', 'AFTER INSERT ON local_bodies', 'INSERT INTO body_step_counts (body_id, prefecture_code) VALUES (NEW.id, NEW.prefecture_code);'],
  ['rollup_bodies_delete', 'AFTER DELETE ON local_bodies', 'DELETE FROM body_step_counts WHERE body_id = OLD.id;'],
  [
    'rollup_bodies_update',
    'AFTER UPDATE OF prefecture_code ON local_bodies WHEN OLD.prefecture_code IS NOT NEW.prefecture_code',
    `UPDATE body_step_counts SET prefecture_code = NEW.prefecture_code WHERE body_id = NEW.id;
  UPDATE body_area_step_counts SET prefecture_code = NEW.prefecture_code WHERE body_id = NEW.id;`,
  ],
  ['rollup_area_counts_insert', 'AFTER INSERT ON body_area_step_counts', `${bodyDelta('NEW', '+')}\n  ${prefectureDelta('NEW', '+')}`],
  ['rollup_area_counts_delete', 'AFTER DELETE ON body_area_step_counts', `${bodyDelta('OLD', '-')}\n  ${prefectureDelta('OLD', '-')}`],
  [
    'rollup_area_counts_update',
    'AFTER UPDATE ON body_area_step_counts',
    `${bodyDelta('OLD', '-')}\n  ${prefectureDelta('OLD', '-')}\n  ${bodyDelta('NEW', '+')}\n  ${prefectureDelta('NEW', '+')}`,
  ],
].map(([name, when, body]) => ({ name: name!, sql: trigger(name!, when!, body!) }));

const AREA_SELECT = `SELECT ba.id AS body_area_id, ba.body_id, ba.area_id, b.prefecture_code, ba.migration_support,
    ${STATUSES.map((s) => `coalesce(sum(s.status = '${s}'), 0) AS ${s}`).join(', ')}, count(s.step_id) AS steps
  FROM body_business_areas ba JOIN local_bodies b ON b.id = ba.body_id
  LEFT JOIN body_area_steps s ON s.body_area_id = ba.id
  GROUP BY ba.id`;

const BODY_SELECT = `SELECT b.id AS body_id, b.prefecture_code, count(c.body_area_id) AS areas, coalesce(sum(${complete('c')}), 0) AS complete_areas,
    coalesce(sum(c.migration_support), 0) AS ms_areas, coalesce(sum(c.migration_support AND ${complete('c')}), 0) AS complete_ms_areas,
    ${STATUSES.map((s) => `coalesce(sum(c.${s}), 0) AS ${s}`).join(', ')}, coalesce(sum(c.steps), 0) AS steps
  FROM local_bodies b LEFT JOIN (${AREA_SELECT}) c ON c.body_id = b.id
  GROUP BY b.id`;

const PREFECTURE_SELECT = `SELECT c.prefecture_code, c.area_id, count(*) AS body_areas, sum(${complete('c')}) AS complete_areas,
    sum(c.migration_support) AS ms_areas, sum(c.migration_support AND ${complete('c')}) AS complete_ms_areas,
    ${STATUSES.map((s) => `sum(c.${s}) AS ${s}`).join(', ')}, sum(c.steps) AS steps
  FROM (${AREA_SELECT}) c
  GROUP BY c.prefecture_code, c.area_id`;

/**
 * The roll-up tables recomputed from the base rows alone (never from the roll-up tables): what the
 * triggers must always leave behind. The property test's oracle; ordered like the tables' keys.
 */
export const EXPECTED_SQL = {
  body_area_step_counts: `${AREA_SELECT} ORDER BY ba.id`,
  body_step_counts: `${BODY_SELECT} ORDER BY b.id`,
  prefecture_area_step_counts: `${PREFECTURE_SELECT} ORDER BY c.prefecture_code, c.area_id`,
} as const;

const AREA_COLS = `body_area_id, body_id, area_id, prefecture_code, migration_support, ${STATUSES.join(', ')}, steps`;
const BODY_COLS = `body_id, prefecture_code, areas, complete_areas, ms_areas, complete_ms_areas, ${STATUSES.join(', ')}, steps`;
const PREF_COLS = `prefecture_code, area_id, body_areas, complete_areas, ms_areas, complete_ms_areas, ${STATUSES.join(', ')}, steps`;

/**
 * Refills the roll-up tables from the base rows: when the migration runs on an existing database, and
 * after a bulk load with the triggers off (the national generator). The area rows' insert triggers add
 * to the other two tables, so those are emptied again before they are filled.
 */
export const RECOMPUTE_SQL: readonly string[] = [
  'DELETE FROM body_area_step_counts',
  `INSERT INTO body_area_step_counts (${AREA_COLS}) ${AREA_SELECT}`,
  'DELETE FROM body_step_counts',
  'DELETE FROM prefecture_area_step_counts',
  `INSERT INTO body_step_counts (${BODY_COLS}) ${BODY_SELECT}`,
  `INSERT INTO prefecture_area_step_counts (${PREF_COLS}) ${PREFECTURE_SELECT}`,
];

/** The migration's text: triggers, then the tables filled from the rows already there. */
export function rollupMigrationSql(): string {
  return [...ROLLUP_TRIGGERS.map((t) => t.sql), ...RECOMPUTE_SQL.map((s) => `${s};`)].join('\n--> statement-breakpoint\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(rollupMigrationSql());
