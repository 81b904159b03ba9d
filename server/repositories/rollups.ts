/**
 * Reads of the maintained roll-up tables (server/rollups/triggers.ts, category-triggers.ts). None of these touches
 * body_area_steps, plan_items or milestones: the largest tables read are plan_category_counts (one row per plan and
 * category with items: 8,940 for the generated country), the rows of plan_category_dates on or after today, and
 * body_step_counts (one row per body, 1,788). Prepared once per connection.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import type { BodyKind } from '../domain/labels.ts';
import { currentPlanSql } from '../rollups/current-plan.ts';

export interface CountsRow {
  not_started: number;
  in_progress: number;
  done: number;
  not_applicable: number;
  steps: number;
}
export interface AreaCountsRow extends CountsRow {
  body_areas: number;
  complete_areas: number;
  ms_areas: number;
}
export interface PrefectureAreaRow extends AreaCountsRow {
  prefecture_code: string;
  area_id: number;
}
export interface PrefectureBodiesRow {
  prefecture_code: string;
  prefecture_name: string;
  bodies: number;
  bodies_with_areas: number;
  complete_bodies: number;
  incomplete: number;
  ms_bodies: number;
}
export interface BodyCountsRow extends CountsRow {
  body_id: number;
  code: string;
  name: string;
  /** local_bodies.kind: a drizzle enum column (BODY_KINDS), validated on every write. */
  kind: BodyKind;
  is_sample: number;
  prefecture_code: string;
  prefecture_name: string;
  areas: number;
  complete_areas: number;
  ms_areas: number;
}
export interface BodyAreaCountsRow extends CountsRow {
  area_id: number;
  migration_support: number;
}
export interface CategoryMilestonesRow {
  category_id: number;
  code: string;
  name: string;
  items: number;
  bodies: number;
  milestones: number;
  applicable: number;
  due: number;
  done: number;
  done_on_time: number;
  done_late: number;
  overdue: number;
  bodies_with_overdue: number;
}
export interface SystemRow {
  body_id: number;
  area_id: number;
  prefecture_code: string;
  complete: number;
}
export interface ExtensionRow {
  deadlineId: number;
  bodyId: number;
  itemId: null;
  areaId: number | null;
  extendedDueDate: string;
}

export interface AreaRef {
  id: number;
  code: string;
  name: string;
}

const SUMS = `sum(body_areas) AS body_areas, sum(complete_areas) AS complete_areas, sum(ms_areas) AS ms_areas,
  sum(not_started) AS not_started, sum(in_progress) AS in_progress, sum(done) AS done, sum(not_applicable) AS not_applicable, sum(steps) AS steps`;

const COMPLETE = '(c.steps > 0 AND c.done + c.not_applicable = c.steps)';


/**
 * The DX plan roll-ups read plan_category_counts (one row per plan × category) of the current plans of the bodies
 * counted. Overdue and due depend on @today, so they are the totals minus the rows of plan_category_dates on or after
 * today — open milestones, items whose earliest open milestone is due then, milestones not 対象外 due after today — by
 * the rules of domain/adherence.ts: an open milestone is overdue once today is after its planned date, due once today
 * reaches it. A plan ages, so the rows on or after today are the smaller part; the date index finds them.
 */
const FUTURE_COLS = `sum(CASE WHEN d.planned_date > @today THEN d.applicable ELSE 0 END) AS applicable, sum(d.open) AS open, sum(d.first_open_items) AS first_open_items`;
const OPEN = 'c.not_started + c.in_progress';
const APPLICABLE = 'c.not_started + c.in_progress + c.done';

/**
 * The current plans `p` of the bodies counted, with their rows of `table` as `alias`. The country: every row; a
 * prefecture: from its bodies `b` through their plans (index) to their rows (primary key) — CROSS JOIN keeps that order,
 * so a prefecture reads its own rows only.
 */
const countedPlans = (prefecture: boolean, table: string, alias: string) =>
  prefecture
    ? `local_bodies b CROSS JOIN plans p ON p.body_id = b.id CROSS JOIN ${table} ${alias} ON ${alias}.plan_id = p.id
      WHERE b.prefecture_code = @pref AND ${currentPlanSql('p')}`
    : `${table} ${alias} JOIN plans p ON p.id = ${alias}.plan_id WHERE ${currentPlanSql('p')}`;

/** Per category, for the country or (`prefecture`) the prefecture @pref. */
const categoriesSql = (prefecture: boolean) => `WITH totals AS (
      SELECT c.category_id, sum(c.items) AS items, count(DISTINCT p.body_id) AS bodies,
        sum(${APPLICABLE} + c.not_applicable) AS milestones, sum(${APPLICABLE}) AS applicable, sum(${OPEN}) AS open,
        sum(c.done) AS done, sum(c.done_on_time) AS done_on_time, sum(c.done_late) AS done_late,
        count(DISTINCT CASE WHEN c.first_open_date < @today THEN p.body_id END) AS bodies_with_overdue
      FROM ${countedPlans(prefecture, 'plan_category_counts', 'c')} GROUP BY c.category_id),
    future AS (
      SELECT d.category_id, ${FUTURE_COLS}
      FROM ${countedPlans(prefecture, 'plan_category_dates', 'd')} AND d.planned_date >= @today GROUP BY d.category_id)
    SELECT k.id AS category_id, k.code, k.name, coalesce(t.items, 0) AS items, coalesce(t.bodies, 0) AS bodies,
      coalesce(t.milestones, 0) AS milestones, coalesce(t.applicable, 0) AS applicable,
      coalesce(t.applicable, 0) - coalesce(f.applicable, 0) AS due, coalesce(t.done, 0) AS done,
      coalesce(t.done_on_time, 0) AS done_on_time, coalesce(t.done_late, 0) AS done_late,
      coalesce(t.open, 0) - coalesce(f.open, 0) AS overdue, coalesce(t.bodies_with_overdue, 0) AS bodies_with_overdue
    FROM categories k LEFT JOIN totals t ON t.category_id = k.id LEFT JOIN future f ON f.category_id = k.id
    ORDER BY k.sort_order, k.id`;

/** Per (body, category) of a prefecture's municipalities (its own body left out): each plan × category less its rows on or after today. */
const bodyCategoriesSql = `WITH future AS (
      SELECT d.plan_id, d.category_id, ${FUTURE_COLS}
      FROM ${countedPlans(true, 'plan_category_dates', 'd')} AND d.planned_date >= @today GROUP BY d.plan_id, d.category_id)
    SELECT p.body_id, c.category_id, sum(c.items) AS items,
      sum(c.open_items - coalesce(f.first_open_items, 0)) AS items_with_overdue, sum(${OPEN} - coalesce(f.open, 0)) AS overdue,
      sum(c.done_on_time) AS done_on_time, sum(c.done_late) AS done_late
    FROM local_bodies b CROSS JOIN plans p ON p.body_id = b.id CROSS JOIN plan_category_counts c ON c.plan_id = p.id
      LEFT JOIN future f ON f.plan_id = c.plan_id AND f.category_id = c.category_id
    WHERE b.prefecture_code = @pref AND b.kind <> 'prefecture' AND ${currentPlanSql('p')}
    GROUP BY p.body_id, c.category_id`;

const SQL = {
  areas: 'SELECT id, code, name FROM business_areas ORDER BY sort_order, id',
  prefectureAreas: `SELECT prefecture_code, area_id, body_areas, complete_areas, ms_areas, not_started, in_progress, done, not_applicable, steps
    FROM prefecture_area_step_counts`,
  prefectureAreasOf: `SELECT prefecture_code, area_id, body_areas, complete_areas, ms_areas, not_started, in_progress, done, not_applicable, steps
    FROM prefecture_area_step_counts WHERE prefecture_code = ?`,
  nationalAreas: `SELECT area_id, ${SUMS} FROM prefecture_area_step_counts GROUP BY area_id`,
  prefectureBodies: `SELECT c.prefecture_code, (SELECT prefecture_name FROM local_bodies WHERE prefecture_code = c.prefecture_code LIMIT 1) AS prefecture_name,
    count(*) AS bodies, sum(c.areas > 0) AS bodies_with_areas, sum(${COMPLETE}) AS complete_bodies,
    sum(c.areas > 0 AND NOT ${COMPLETE}) AS incomplete,
    sum(c.ms_areas > 0) AS ms_bodies
    FROM body_step_counts c GROUP BY c.prefecture_code ORDER BY c.prefecture_code`,
  /** The prefecture's municipalities for its ranking: the prefecture's own body is not ranked among them (issue 19). */
  bodiesOf: `SELECT b.id AS body_id, b.code, b.name, b.kind, b.is_sample, b.prefecture_code, b.prefecture_name,
    c.areas, c.complete_areas, c.ms_areas, c.not_started, c.in_progress, c.done, c.not_applicable, c.steps
    FROM local_bodies b JOIN body_step_counts c ON c.body_id = b.id WHERE b.prefecture_code = ? AND b.kind <> 'prefecture' ORDER BY b.code`,
  body: `SELECT b.id AS body_id, b.code, b.name, b.kind, b.is_sample, b.prefecture_code, b.prefecture_name,
    c.areas, c.complete_areas, c.ms_areas, c.not_started, c.in_progress, c.done, c.not_applicable, c.steps
    FROM local_bodies b JOIN body_step_counts c ON c.body_id = b.id WHERE b.id = ?`,
  bodyAreas: `SELECT area_id, migration_support, not_started, in_progress, done, not_applicable, steps FROM body_area_step_counts WHERE body_id = ?`,
  /** Bodies with steps whose rate (a / b) is above x / y, compared as integers: a·y > x·b. */
  /** Among the prefecture's municipalities with steps (the prefecture's own body is not one of them). */
  higherInPrefecture: `SELECT count(*) AS higher,
      (SELECT count(*) FROM body_step_counts c JOIN local_bodies b ON b.id = c.body_id WHERE c.prefecture_code = @pref AND c.steps > 0 AND b.kind <> 'prefecture') AS of
    FROM body_step_counts c JOIN local_bodies b ON b.id = c.body_id
    WHERE c.prefecture_code = @pref AND c.steps > 0 AND b.kind <> 'prefecture' AND (c.done + c.not_applicable) * @steps > @complete * c.steps`,
  higherNational: `SELECT count(*) AS higher, (SELECT count(*) FROM body_step_counts WHERE steps > 0) AS of
    FROM body_step_counts WHERE steps > 0 AND (done + not_applicable) * @steps > @complete * steps`,
  deadline: `SELECT code, title, due_date AS dueDate FROM national_deadlines WHERE code = 'std_migration'`,
  /** Every system (one body's business area) and whether all its steps are complete: ~35,000 rows for the country. */
  systems: `SELECT c.body_id, c.area_id, c.prefecture_code, ${COMPLETE} AS complete FROM body_area_step_counts c`,
  /** Extensions of a deadline that can cover systems (a body's area, or the whole body). */
  bodyExtensions: `SELECT deadline_id AS deadlineId, body_id AS bodyId, item_id AS itemId, area_id AS areaId, extended_due_date AS extendedDueDate
    FROM deadline_extensions WHERE deadline_id = ? AND body_id IS NOT NULL AND item_id IS NULL`,
  deadlineRow: `SELECT id, due_date AS dueDate FROM national_deadlines WHERE code = 'std_migration'`,
  /**
   * The DX plan items and their milestones by category, for the country (@pref NULL) or a prefecture, as of @today,
   * from the maintained tables (server/rollups/category-triggers.ts): never the milestones themselves.
   */
  nationalCategories: categoriesSql(false),
  prefectureCategories: categoriesSql(true),
  /** The same figures per (municipality, category) of one prefecture (its own body left out). */
  bodyCategories: bodyCategoriesSql,
  categoryRefs: 'SELECT id AS categoryId, code, name FROM categories ORDER BY sort_order, id',
  /** Each municipality's last recorded change or 「変更なし」 (maintained in body_last_reports). */
  lastReports: `SELECT r.body_id, r.at FROM body_last_reports r JOIN local_bodies b ON b.id = r.body_id
    WHERE b.prefecture_code = @pref AND b.kind <> 'prefecture'`,
} as const;

type Statements = { [K in keyof typeof SQL]: Database.Statement };
const buildStatements = (db: Db) => Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.$client.prepare(sql)])) as Statements;
const statements = (db: Db): Statements => prepared(db, buildStatements);

export const listCategoryMilestones = (db: Db, today: string, prefectureCode: string | null) =>
  (prefectureCode === null ? statements(db).nationalCategories.all({ today }) : statements(db).prefectureCategories.all({ today, pref: prefectureCode })) as CategoryMilestonesRow[];
export const listAreas = (db: Db) => statements(db).areas.all() as AreaRef[];
export interface BodyCategoryRow {
  body_id: number;
  category_id: number;
  items: number;
  items_with_overdue: number;
  overdue: number;
  done_on_time: number;
  done_late: number;
}
export const listBodyCategories = (db: Db, today: string, prefectureCode: string) =>
  statements(db).bodyCategories.all({ today, pref: prefectureCode }) as BodyCategoryRow[];
export const listCategoryRefs = (db: Db) => statements(db).categoryRefs.all() as { categoryId: number; code: string; name: string }[];
export const listLastReports = (db: Db, prefectureCode: string) => statements(db).lastReports.all({ pref: prefectureCode }) as { body_id: number; at: string }[];

export const listPrefectureAreas = (db: Db) => statements(db).prefectureAreas.all() as PrefectureAreaRow[];
export const listPrefectureAreasOf = (db: Db, prefectureCode: string) => statements(db).prefectureAreasOf.all(prefectureCode) as PrefectureAreaRow[];
export const listNationalAreas = (db: Db) => statements(db).nationalAreas.all() as (AreaCountsRow & { area_id: number })[];
export const listPrefectureBodies = (db: Db) => statements(db).prefectureBodies.all() as PrefectureBodiesRow[];
export const listBodiesOf = (db: Db, prefectureCode: string) => statements(db).bodiesOf.all(prefectureCode) as BodyCountsRow[];
export const findBody = (db: Db, bodyId: number) => statements(db).body.get(bodyId) as BodyCountsRow | undefined;
export const listBodyAreaCounts = (db: Db, bodyId: number) => statements(db).bodyAreas.all(bodyId) as BodyAreaCountsRow[];
export const rankInPrefecture = (db: Db, prefectureCode: string, complete: number, steps: number) =>
  statements(db).higherInPrefecture.get({ pref: prefectureCode, complete, steps }) as { higher: number; of: number };
export const rankNational = (db: Db, complete: number, steps: number) =>
  statements(db).higherNational.get({ complete, steps }) as { higher: number; of: number };
export const listSystems = (db: Db) => statements(db).systems.all() as SystemRow[];
export const listBodyExtensions = (db: Db, deadlineId: number) => statements(db).bodyExtensions.all(deadlineId) as ExtensionRow[];
export const findStandardizationDeadlineRow = (db: Db) => statements(db).deadlineRow.get() as { id: number; dueDate: string } | undefined;
export const findStandardizationDeadline = (db: Db) =>
  statements(db).deadline.get() as { code: string; title: string; dueDate: string } | undefined;
