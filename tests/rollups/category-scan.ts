/**
 * The test oracle of the DX plan category roll-ups: the per-request scan of plan_items and milestones that the
 * roll-ups ran before the maintained tables (server/rollups/category-triggers.ts). Kept here only to compare the
 * maintained answers with (tests/rollups/category-property.test.ts, and the demo and national comparisons).
 */
import type Database from 'better-sqlite3';

  /**
   * The DX plan items and their milestones by category, for the country (@pref NULL) or a prefecture, as
   * of @today, by the rules of domain/adherence.ts and domain/rollup.ts: 対象外 is outside the schedule;
   * a done milestone is on time when finished (actual date, else planned) by its planned date; an open one
   * is overdue once @today is after its planned date. About 27,000 milestones for the country: the
   * answer is cached between writes (server/cache/), so this runs once per change, not per request.
   */
export const SCAN_SQL = {
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

export const scanCategories = (sqlite: Database.Database, today: string, pref: string | null) => sqlite.prepare(SCAN_SQL.categories).all({ today, pref });
export const scanBodyCategories = (sqlite: Database.Database, today: string, pref: string) =>
  sqlite.prepare(`${SCAN_SQL.bodyCategories} ORDER BY x.body_id, x.category_id`).all({ today, pref });
export const scanLastReports = (sqlite: Database.Database, pref: string) => sqlite.prepare(`${SCAN_SQL.lastReports} ORDER BY body_id`).all({ pref });
