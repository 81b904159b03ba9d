/**
 * Reads of the maintained roll-up tables (server/rollups/triggers.ts). None of these touches
 * body_area_steps: the largest table read is body_step_counts (one row per body, 1,788 for the country)
 * and prefecture_area_step_counts (47 × 20 rows). Prepared once per connection.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import type { BodyKind } from '../domain/labels.ts';

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
   * The DX plan items and their milestones by category, for the country (@pref NULL) or a prefecture, as
   * of @today, by the rules of domain/adherence.ts and domain/rollup.ts: 対象外 is outside the schedule;
   * a done milestone is on time when finished (actual date, else planned) by its planned date; an open one
   * is overdue once @today is after its planned date. About 27,000 milestones for the country: the
   * answer is cached between writes (server/cache/), so this runs once per change, not per request.
   */
  categories: `WITH per_item AS (
      SELECT i.id, i.category_id, p.body_id, count(m.id) AS milestones,
        coalesce(sum(m.status <> 'not_applicable'), 0) AS applicable,
        coalesce(sum(m.status <> 'not_applicable' AND m.planned_date <= @today), 0) AS due,
        coalesce(sum(m.status = 'done'), 0) AS done,
        coalesce(sum(m.status = 'done' AND coalesce(m.actual_date, m.planned_date) <= m.planned_date), 0) AS done_on_time,
        coalesce(sum(m.status = 'done' AND coalesce(m.actual_date, m.planned_date) > m.planned_date), 0) AS done_late,
        coalesce(sum(m.status IN ('not_started', 'in_progress') AND m.planned_date < @today), 0) AS overdue
      FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id
      LEFT JOIN milestones m ON m.item_id = i.id
      WHERE p.ended_on IS NULL AND (@pref IS NULL OR b.prefecture_code = @pref)
      GROUP BY i.id)
    SELECT c.id AS category_id, c.code, c.name, count(x.id) AS items, count(DISTINCT x.body_id) AS bodies,
      coalesce(sum(x.milestones), 0) AS milestones, coalesce(sum(x.applicable), 0) AS applicable, coalesce(sum(x.due), 0) AS due,
      coalesce(sum(x.done), 0) AS done, coalesce(sum(x.done_on_time), 0) AS done_on_time, coalesce(sum(x.done_late), 0) AS done_late,
      coalesce(sum(x.overdue), 0) AS overdue, count(DISTINCT CASE WHEN x.overdue > 0 THEN x.body_id END) AS bodies_with_overdue
    FROM categories c LEFT JOIN per_item x ON x.category_id = c.id
    GROUP BY c.id ORDER BY c.sort_order, c.id`,
  /**
   * The same per-item figures per (municipality, category) of one prefecture (its own body left out), with each
   * municipality's last recorded change or 「変更なし」 (the audit trail) as its last report.
   */
  bodyCategories: `WITH per_item AS (
      SELECT i.id, i.category_id, p.body_id,
        coalesce(sum(m.status = 'done' AND coalesce(m.actual_date, m.planned_date) <= m.planned_date), 0) AS done_on_time,
        coalesce(sum(m.status = 'done' AND coalesce(m.actual_date, m.planned_date) > m.planned_date), 0) AS done_late,
        coalesce(sum(m.status IN ('not_started', 'in_progress') AND m.planned_date < @today), 0) AS overdue
      FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id
      LEFT JOIN milestones m ON m.item_id = i.id
      WHERE p.ended_on IS NULL AND b.prefecture_code = @pref AND b.kind <> 'prefecture'
      GROUP BY i.id)
    SELECT x.body_id, x.category_id, count(x.id) AS items, sum(x.overdue > 0) AS items_with_overdue,
      sum(x.overdue) AS overdue, sum(x.done_on_time) AS done_on_time, sum(x.done_late) AS done_late
    FROM per_item x GROUP BY x.body_id, x.category_id`,
  /** Last change or 「変更なし」 per municipality: the audit trail, and rows last updated before it existed (demo data). */
  lastReports: `WITH bodies AS (SELECT id FROM local_bodies WHERE prefecture_code = @pref AND kind <> 'prefecture'),
    items AS (SELECT i.id, p.body_id, i.updated_at FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE p.body_id IN (SELECT id FROM bodies)),
    at(body_id, at) AS (
      SELECT body_id, at FROM audit_log WHERE body_id IN (SELECT id FROM bodies)
      UNION ALL SELECT body_id, updated_at FROM items
      UNION ALL SELECT x.body_id, m.updated_at FROM milestones m JOIN items x ON x.id = m.item_id
      UNION ALL SELECT x.body_id, v.updated_at FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id JOIN items x ON x.id = k.item_id
      UNION ALL SELECT x.body_id, r.created_at FROM item_reviews r JOIN items x ON x.id = r.item_id)
    SELECT body_id, max(at) AS at FROM at GROUP BY body_id`,
} as const;

type Statements = { [K in keyof typeof SQL]: Database.Statement };
const buildStatements = (db: Db) => Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.$client.prepare(sql)])) as Statements;
const statements = (db: Db): Statements => prepared(db, buildStatements);

export const listCategoryMilestones = (db: Db, today: string, prefectureCode: string | null) =>
  statements(db).categories.all({ today, pref: prefectureCode }) as CategoryMilestonesRow[];
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
