/**
 * The triggers that keep the DX plan roll-ups (item_milestone_counts → plan_category_counts and plan_category_dates;
 * body_last_reports; see server/db/schema.ts) equal to what the base rows say, in the same statement as every write.
 * Committed as a custom drizzle migration (`*_plan_rollup_triggers.sql`, written by `npm run db:generate`); print the
 * SQL with `npx tsx server/rollups/category-triggers.ts`. tests/rollups/category-property.test.ts checks that the
 * tables always equal a full recomputation (EXPECTED_SQL) and that the migrations install these triggers.
 *
 * The chain (counted as domain/rollup.ts counts, the rule the per-request scan used):
 * - milestones (insert / delete / status, dates or item change) → the counts and earliest open date of its item's
 *   row, and its planned date's row of (plan, category);
 * - plan_items (insert / delete / plan or category change) → creates, removes or moves its row, and moves its
 *   milestones' dates;
 * - item_milestone_counts (any change) → one update of its (plan, category) row, or, when the item moved, subtracts
 *   the old row there and adds the new one here; its earliest open date moves between dated rows. Rows deleted by
 *   ON DELETE CASCADE fire these triggers too: a milestone deleted with its item finds its plan and category in the
 *   item's row, which the item's AFTER DELETE removes last.
 * - body_last_reports: raised by every insert and later update of the rows a report is made of (audit_log, plan
 *   items, milestones, KPI values of items, 「変更なし」); recomputed for the body when a row that held it is deleted,
 *   moved or set back (an item, a KPI or a plan always: their children go with them). Deleting a body deletes its row.
 * Plans and bodies carry no counts: a plan's body and a body's prefecture are joined at read time, so a body that
 * changes prefecture needs no trigger here (the cache's data version follows local_bodies).
 */
import { fileURLToPath } from 'node:url';

const OPEN = `('not_started', 'in_progress')`;
const MS_STATUSES = ['not_started', 'in_progress', 'done', 'not_applicable'] as const;
const onTime = (m: string) => `(${m}.status = 'done' AND coalesce(${m}.actual_date, ${m}.planned_date) <= ${m}.planned_date)`;
const late = (m: string) => `(${m}.status = 'done' AND coalesce(${m}.actual_date, ${m}.planned_date) > ${m}.planned_date)`;
/** Columns of a milestone count row, and a milestone `m`'s contribution to each. */
const MS_COLS: readonly [string, (m: string) => string][] = [
  ...MS_STATUSES.map((s) => [s, (m: string) => `(${m}.status = '${s}')`] as [string, (m: string) => string]),
  ['done_on_time', onTime],
  ['done_late', late],
];
const COUNT_COLS = MS_COLS.map(([c]) => c);
const firstOpenOf = (itemId: string) => `(SELECT min(planned_date) FROM milestones WHERE item_id = ${itemId} AND status IN ${OPEN})`;

/**
 * Every trigger skips its work in a dry run (an import's check, `runAsDryRun` in audit/context.ts): its writes are rolled
 * back, the tables with them, and nothing reads these tables inside it — like the audit, history and data-version triggers.
 */
function trigger(name: string, when: string, body: string): string {
  const [event, condition] = when.split(' WHEN ');
  const guarded = `${event} WHEN NOT dry_run()${condition ? ` AND (${condition})` : ''}`;
  return `DROP TRIGGER IF EXISTS ${name};
--> statement-breakpoint
CREATE TRIGGER ${name} ${guarded}
BEGIN
  ${body}
END;`;
}

// ---- milestones → item_milestone_counts, plan_category_dates ------------------------------------------------

/** The item's row gains / loses milestone `x`; its earliest open date is read again from the milestones. */
function itemDelta(changes: [string, '+' | '-'][], itemId: string, when = '') {
  return `UPDATE item_milestone_counts SET
    ${MS_COLS.map(([c, f]) => `${c} = ${c} ${changes.map(([x, sign]) => `${sign} ${f(x)}`).join(' ')}`).join(',\n    ')},
    first_open_date = ${firstOpenOf(itemId)}
  WHERE item_id = ${itemId}${when};`;
}

const dateZeroDelete = (plan: string, category: string, date: string) =>
  `DELETE FROM plan_category_dates WHERE plan_id = ${plan} AND category_id = ${category} AND planned_date = ${date} AND applicable = 0 AND open = 0 AND first_open_items = 0;`;

/** Milestone `x`'s planned date row of its item's (plan, category): 対象外 is outside the schedule. */
function dateDelta(x: string, sign: '+' | '-') {
  const m = sign === '-' ? '-' : '';
  const upsert = `INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open)
  SELECT c.plan_id, c.category_id, ${x}.planned_date, ${m}1, ${m}(${x}.status IN ${OPEN}) FROM item_milestone_counts c
  WHERE c.item_id = ${x}.item_id AND ${x}.status <> 'not_applicable'
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET applicable = applicable + excluded.applicable, open = open + excluded.open;`;
  if (sign === '+') return upsert;
  return `${upsert}
  DELETE FROM plan_category_dates WHERE (plan_id, category_id) = (SELECT plan_id, category_id FROM item_milestone_counts WHERE item_id = ${x}.item_id)
    AND planned_date = ${x}.planned_date AND applicable = 0 AND open = 0 AND first_open_items = 0;`;
}

// ---- item_milestone_counts → plan_category_counts, plan_category_dates (earliest open date) -----------------

function planCategoryDelta(x: string, sign: '+' | '-') {
  const m = sign === '-' ? '-' : '';
  const cols = ['items', 'open_items', ...COUNT_COLS];
  const vals = ['1', `(${x}.first_open_date IS NOT NULL)`, ...COUNT_COLS.map((c) => `${x}.${c}`)];
  const upsert = `INSERT INTO plan_category_counts (plan_id, category_id, ${cols.join(', ')})
  VALUES (${x}.plan_id, ${x}.category_id, ${vals.map((v) => `${m}${v}`).join(', ')})
  ON CONFLICT (plan_id, category_id) DO UPDATE SET ${cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
  // The earliest open date of the (plan, category) is read again from its items' rows (indexed): a minimum cannot be subtracted.
  const first = `UPDATE plan_category_counts SET first_open_date = (SELECT min(first_open_date) FROM item_milestone_counts
    WHERE plan_id = ${x}.plan_id AND category_id = ${x}.category_id) WHERE plan_id = ${x}.plan_id AND category_id = ${x}.category_id;`;
  if (sign === '+') return `${upsert}\n  ${first}`;
  return `${upsert}
  DELETE FROM plan_category_counts WHERE plan_id = ${x}.plan_id AND category_id = ${x}.category_id AND items = 0;
  ${first}`;
}

/** An item's row changed within its (plan, category): one update of that row. */
const sameKeyDelta = `UPDATE plan_category_counts SET
    open_items = open_items - (OLD.first_open_date IS NOT NULL) + (NEW.first_open_date IS NOT NULL),
    ${COUNT_COLS.map((c) => `${c} = ${c} - OLD.${c} + NEW.${c}`).join(',\n    ')}
  WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id;
  UPDATE plan_category_counts SET first_open_date = (SELECT min(first_open_date) FROM item_milestone_counts
    WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id) WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id
    AND OLD.first_open_date IS NOT NEW.first_open_date;`;

function firstOpenDelta(x: string, sign: '+' | '-') {
  const m = sign === '-' ? '-' : '';
  const upsert = `INSERT INTO plan_category_dates (plan_id, category_id, planned_date, first_open_items)
  SELECT ${x}.plan_id, ${x}.category_id, ${x}.first_open_date, ${m}1 WHERE ${x}.first_open_date IS NOT NULL
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET first_open_items = first_open_items + excluded.first_open_items;`;
  if (sign === '+') return upsert;
  return `${upsert}
  ${dateZeroDelete(`${x}.plan_id`, `${x}.category_id`, `${x}.first_open_date`)}`;
}

// ---- plan_items: move its milestones' dates -------------------------------------------------------------------

function itemDatesDelta(plan: string, category: string, itemId: string, sign: '+' | '-') {
  const m = sign === '-' ? '-' : '';
  const upsert = `INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open)
  SELECT ${plan}, ${category}, m.planned_date, ${m}count(*), ${m}sum(m.status IN ${OPEN}) FROM milestones m
  WHERE m.item_id = ${itemId} AND m.status <> 'not_applicable' GROUP BY m.planned_date
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET applicable = applicable + excluded.applicable, open = open + excluded.open;`;
  if (sign === '+') return upsert;
  return `${upsert}
  DELETE FROM plan_category_dates WHERE plan_id = ${plan} AND category_id = ${category} AND applicable = 0 AND open = 0 AND first_open_items = 0;`;
}

// ---- body_last_reports ----------------------------------------------------------------------------------------

const bodyOfPlan = (planId: string) => `(SELECT body_id FROM plans WHERE id = ${planId})`;
const bodyOfItem = (itemId: string) => `(SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = ${itemId})`;
const bodyOfKpi = (kpiId: string) =>
  `(SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = ${kpiId})`;

/** The body's last report from the base rows (the rule of the former per-request scan), or NULL. */
const lastAtOf = (b: string) => {
  const items = `plans p JOIN plan_items i ON i.plan_id = p.id`;
  return `nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = ${b}), ''),
      coalesce((SELECT max(i.updated_at) FROM ${items} WHERE p.body_id = ${b}), ''),
      coalesce((SELECT max(m.updated_at) FROM ${items} JOIN milestones m ON m.item_id = i.id WHERE p.body_id = ${b}), ''),
      coalesce((SELECT max(v.updated_at) FROM ${items} JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = ${b}), ''),
      coalesce((SELECT max(r.created_at) FROM ${items} JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = ${b}), '')), '')`;
};

/** Only for a body that still exists (a body's deletion writes audit rows after its own row is gone); rewritten only when later. */
const raise = (body: string, at: string) => `INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT ${body} AS b, ${at} AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;`;

/**
 * The body's last report read again from the base rows. `held`: the time of the row that went away or back — when it
 * is earlier than the body's last report, another row holds that and nothing changes (no recomputation).
 */
const recompute = (body: string, held?: string) => {
  const guard = held ? ` AND ${held} >= coalesce((SELECT at FROM body_last_reports WHERE body_id = ${body}), '')` : '';
  return `DELETE FROM body_last_reports WHERE body_id = ${body}${guard} AND ${lastAtOf(body)} IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, ${lastAtOf('t.b')} AS a FROM (SELECT ${body} AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)${guard.replaceAll(body, 'b')}
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;`;
};

/**
 * Last-report triggers of a table whose rows carry a time (`at`) and belong to a body through `ref` (`bodyOf(x.ref)`):
 * an insert or a later time raises the body's; an earlier time, a delete or a move recomputes the old body's if that row
 * held it, and a moved row raises its new body's. A row with `children` (an item: its milestones, KPI values and
 * 「変更なし」 go or move with it) is recomputed whenever it goes or moves, on both sides.
 */
function reportTriggers(table: string, short: string, at: string, ref: string, bodyOf: (x: string) => string, children = false): [string, string, string][] {
  const held = children ? undefined : `OLD.${at}`;
  return [
    [`plan_rollup_report_${short}_insert`, `AFTER INSERT ON ${table}`, raise(bodyOf(`NEW.${ref}`), `NEW.${at}`)],
    [
      `plan_rollup_report_${short}_later`,
      `AFTER UPDATE OF ${at} ON ${table} WHEN NEW.${ref} IS OLD.${ref} AND NEW.${at} > OLD.${at}`,
      raise(bodyOf(`NEW.${ref}`), `NEW.${at}`),
    ],
    [
      `plan_rollup_report_${short}_earlier`,
      `AFTER UPDATE OF ${at} ON ${table} WHEN NEW.${ref} IS OLD.${ref} AND NEW.${at} < OLD.${at}`,
      recompute(bodyOf(`OLD.${ref}`), `OLD.${at}`),
    ],
    [
      `plan_rollup_report_${short}_moved`,
      `AFTER UPDATE OF ${ref} ON ${table} WHEN NEW.${ref} IS NOT OLD.${ref}`,
      `${recompute(bodyOf(`OLD.${ref}`), held)}\n  ${children ? recompute(bodyOf(`NEW.${ref}`)) : raise(bodyOf(`NEW.${ref}`), `NEW.${at}`)}`,
    ],
    [`plan_rollup_report_${short}_delete`, `AFTER DELETE ON ${table}`, recompute(bodyOf(`OLD.${ref}`), held)],
  ];
}

const MILESTONE_CHANGE = ['status', 'planned_date', 'actual_date', 'item_id'];

export const PLAN_ROLLUP_TRIGGERS: ReadonlyArray<{ name: string; sql: string }> = (
  [
    ['plan_rollup_milestones_insert', 'AFTER INSERT ON milestones', `${itemDelta([['NEW', '+']], 'NEW.item_id')}\n  ${dateDelta('NEW', '+')}`],
    ['plan_rollup_milestones_delete', 'AFTER DELETE ON milestones', `${itemDelta([['OLD', '-']], 'OLD.item_id')}\n  ${dateDelta('OLD', '-')}`],
    [
      'plan_rollup_milestones_update',
      `AFTER UPDATE OF ${MILESTONE_CHANGE.join(', ')} ON milestones WHEN ${MILESTONE_CHANGE.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}`,
      // One update of the item's row when the milestone stays on its item; else the old item loses it, the new gains it.
      `${itemDelta([['OLD', '-'], ['NEW', '+']], 'NEW.item_id', ' AND NEW.item_id IS OLD.item_id')}
  ${itemDelta([['OLD', '-']], 'OLD.item_id', ' AND NEW.item_id IS NOT OLD.item_id')}
  ${itemDelta([['NEW', '+']], 'NEW.item_id', ' AND NEW.item_id IS NOT OLD.item_id')}`,
    ],
    [
      // Its dated row changes only when the day, the item, or whether it is open or 対象外 changes (未着手 → 進行中 does not).
      'plan_rollup_milestones_dates',
      `AFTER UPDATE OF status, planned_date, item_id ON milestones WHEN OLD.item_id IS NOT NEW.item_id OR OLD.planned_date IS NOT NEW.planned_date
    OR (OLD.status IN ${OPEN}) IS NOT (NEW.status IN ${OPEN}) OR (OLD.status = 'not_applicable') IS NOT (NEW.status = 'not_applicable')`,
      `${dateDelta('OLD', '-')}\n  ${dateDelta('NEW', '+')}`,
    ],
    [
      'plan_rollup_items_insert',
      'AFTER INSERT ON plan_items',
      'INSERT INTO item_milestone_counts (item_id, plan_id, category_id) VALUES (NEW.id, NEW.plan_id, NEW.category_id);',
    ],
    ['plan_rollup_items_delete', 'AFTER DELETE ON plan_items', 'DELETE FROM item_milestone_counts WHERE item_id = OLD.id;'],
    [
      'plan_rollup_items_update',
      'AFTER UPDATE OF plan_id, category_id ON plan_items WHEN OLD.plan_id IS NOT NEW.plan_id OR OLD.category_id IS NOT NEW.category_id',
      `${itemDatesDelta('OLD.plan_id', 'OLD.category_id', 'OLD.id', '-')}
  ${itemDatesDelta('NEW.plan_id', 'NEW.category_id', 'NEW.id', '+')}
  UPDATE item_milestone_counts SET plan_id = NEW.plan_id, category_id = NEW.category_id WHERE item_id = NEW.id;`,
    ],
    ['plan_rollup_item_counts_insert', 'AFTER INSERT ON item_milestone_counts', `${planCategoryDelta('NEW', '+')}\n  ${firstOpenDelta('NEW', '+')}`],
    ['plan_rollup_item_counts_delete', 'AFTER DELETE ON item_milestone_counts', `${planCategoryDelta('OLD', '-')}\n  ${firstOpenDelta('OLD', '-')}`],
    [
      'plan_rollup_item_counts_update',
      `AFTER UPDATE ON item_milestone_counts WHEN OLD.plan_id = NEW.plan_id AND OLD.category_id = NEW.category_id
    AND (${['first_open_date', ...COUNT_COLS].map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')})`,
      sameKeyDelta,
    ],
    [
      'plan_rollup_item_counts_moved',
      'AFTER UPDATE OF plan_id, category_id ON item_milestone_counts WHEN OLD.plan_id IS NOT NEW.plan_id OR OLD.category_id IS NOT NEW.category_id',
      `${planCategoryDelta('OLD', '-')}\n  ${planCategoryDelta('NEW', '+')}`,
    ],
    [
      'plan_rollup_item_counts_first_open',
      'AFTER UPDATE OF plan_id, category_id, first_open_date ON item_milestone_counts WHEN OLD.plan_id IS NOT NEW.plan_id OR OLD.category_id IS NOT NEW.category_id OR OLD.first_open_date IS NOT NEW.first_open_date',
      `${firstOpenDelta('OLD', '-')}\n  ${firstOpenDelta('NEW', '+')}`,
    ],
    // The last report of each body.
    ['plan_rollup_report_audit_insert', 'AFTER INSERT ON audit_log', raise('NEW.body_id', 'NEW.at')],
    ...reportTriggers('plan_items', 'items', 'updated_at', 'plan_id', bodyOfPlan, true),
    ...reportTriggers('milestones', 'milestones', 'updated_at', 'item_id', bodyOfItem),
    ...reportTriggers('kpi_values', 'kpi_values', 'updated_at', 'kpi_id', bodyOfKpi),
    ...reportTriggers('item_reviews', 'reviews', 'created_at', 'item_id', bodyOfItem),
    [
      'plan_rollup_report_kpis_moved',
      'AFTER UPDATE OF item_id ON kpis WHEN NEW.item_id IS NOT OLD.item_id',
      `${recompute(bodyOfItem('OLD.item_id'))}\n  ${recompute(bodyOfItem('NEW.item_id'))}`,
    ],
    ['plan_rollup_report_kpis_delete', 'AFTER DELETE ON kpis', recompute(bodyOfItem('OLD.item_id'))],
    [
      'plan_rollup_report_plans_moved',
      'AFTER UPDATE OF body_id ON plans WHEN NEW.body_id IS NOT OLD.body_id',
      `${recompute('OLD.body_id')}\n  ${recompute('NEW.body_id')}`,
    ],
    ['plan_rollup_report_plans_delete', 'AFTER DELETE ON plans', recompute('OLD.body_id')],
    ['plan_rollup_report_bodies_delete', 'AFTER DELETE ON local_bodies', 'DELETE FROM body_last_reports WHERE body_id = OLD.id;'],
  ] as [string, string, string][]
).map(([name, when, body]) => ({ name, sql: trigger(name, when, body) }));

// ---- recomputation from the base rows --------------------------------------------------------------------------

const ITEM_SELECT = `SELECT i.id AS item_id, i.plan_id, i.category_id,
    ${MS_COLS.map(([c, f]) => `coalesce(sum(${f('m')}), 0) AS ${c}`).join(', ')},
    min(CASE WHEN m.status IN ${OPEN} THEN m.planned_date END) AS first_open_date
  FROM plan_items i LEFT JOIN milestones m ON m.item_id = i.id
  GROUP BY i.id`;

const PLAN_CATEGORY_SELECT = `SELECT x.plan_id, x.category_id, count(*) AS items, sum(x.first_open_date IS NOT NULL) AS open_items,
    ${COUNT_COLS.map((c) => `sum(x.${c}) AS ${c}`).join(', ')}, min(x.first_open_date) AS first_open_date
  FROM (${ITEM_SELECT}) x
  GROUP BY x.plan_id, x.category_id`;

const DATES_SELECT = `SELECT plan_id, category_id, planned_date, sum(applicable) AS applicable, sum(open) AS open, sum(first_open_items) AS first_open_items
  FROM (
    SELECT i.plan_id, i.category_id, m.planned_date, 1 AS applicable, (m.status IN ${OPEN}) AS open, 0 AS first_open_items
      FROM milestones m JOIN plan_items i ON i.id = m.item_id WHERE m.status <> 'not_applicable'
    UNION ALL
    SELECT x.plan_id, x.category_id, x.first_open_date, 0, 0, 1 FROM (${ITEM_SELECT}) x WHERE x.first_open_date IS NOT NULL)
  GROUP BY plan_id, category_id, planned_date`;

const LAST_REPORT_SELECT = `SELECT body_id, at FROM (SELECT b.id AS body_id, ${lastAtOf('b.id')} AS at FROM local_bodies b) WHERE at IS NOT NULL`;

/**
 * The maintained tables recomputed from the base rows alone (never from the maintained tables): what the triggers
 * must always leave behind. The property test's oracle; ordered like the tables' keys.
 */
export const PLAN_ROLLUP_EXPECTED_SQL = {
  item_milestone_counts: `${ITEM_SELECT} ORDER BY i.id`,
  plan_category_counts: `${PLAN_CATEGORY_SELECT} ORDER BY x.plan_id, x.category_id`,
  plan_category_dates: `${DATES_SELECT} ORDER BY plan_id, category_id, planned_date`,
  body_last_reports: `${LAST_REPORT_SELECT} ORDER BY body_id`,
} as const;

const ITEM_COLS = `item_id, plan_id, category_id, ${COUNT_COLS.join(', ')}, first_open_date`;
const PLAN_CATEGORY_COLS = `plan_id, category_id, items, open_items, ${COUNT_COLS.join(', ')}, first_open_date`;

/**
 * Refills the tables from the base rows: when the migration runs on an existing database, and after a bulk load
 * with the triggers off (the national generator). The item rows' insert triggers add to the (plan, category)
 * tables, so those are emptied again before they are filled.
 */
export const PLAN_ROLLUP_RECOMPUTE_SQL: readonly string[] = [
  'DELETE FROM item_milestone_counts',
  `INSERT INTO item_milestone_counts (${ITEM_COLS}) ${ITEM_SELECT}`,
  'DELETE FROM plan_category_counts',
  'DELETE FROM plan_category_dates',
  `INSERT INTO plan_category_counts (${PLAN_CATEGORY_COLS}) ${PLAN_CATEGORY_SELECT}`,
  `INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open, first_open_items) ${DATES_SELECT}`,
  'DELETE FROM body_last_reports',
  `INSERT INTO body_last_reports (body_id, at) ${LAST_REPORT_SELECT}`,
];

/** The migration's text: triggers, then the tables filled from the rows already there. */
export function planRollupMigrationSql(): string {
  return [...PLAN_ROLLUP_TRIGGERS.map((t) => t.sql), ...PLAN_ROLLUP_RECOMPUTE_SQL.map((s) => `${s};`)].join('\n--> statement-breakpoint\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(planRollupMigrationSql());
