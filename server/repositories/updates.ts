/**
 * Queries of 今期の更新 and 報告状況 (services/updates.ts): 「変更なし」 reviews, and what changed in a
 * quarter per item and per section, read from the audit trail and the rows' own update times.
 * A period is `{ from, to }` as UTC ISO instants (like audit rows), `to` excluded.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { itemReviews, sections, users, userSections } from '../db/schema.ts';

/** Bound parameters of the per-section queries. */
export interface SectionRange {
  b: number;
  from: string;
  to: string;
  fy: number;
  q: number;
}

/** 「変更なし」 reviews of the items in a fiscal quarter, oldest first, with the reviewer's user name. */
export function reviewsOf(db: Db, itemIds: number[], p: { fiscalYear: number; quarter: number }) {
  if (itemIds.length === 0) return [];
  return db
    .select({ review: itemReviews, username: users.username })
    .from(itemReviews)
    .leftJoin(users, eq(users.id, itemReviews.userId))
    .where(and(inArray(itemReviews.itemId, itemIds), eq(itemReviews.fiscalYear, p.fiscalYear), eq(itemReviews.quarter, p.quarter)))
    .orderBy(asc(itemReviews.id))
    .all()
    .map((r) => ({ ...r.review, username: r.username }));
}

export const insertReview = (db: Db, values: typeof itemReviews.$inferInsert) => db.insert(itemReviews).values(values).returning().get();

/** The last audited change (not a review) of each item of the body in the period. */
export const lastItemChanges = (db: Db, bodyId: number, period: { from: string; to: string }) =>
  db.$client
    .prepare(
      `SELECT a.item_id AS itemId, a.at, a.username FROM audit_log a
       JOIN (SELECT item_id, max(id) AS id FROM audit_log
             WHERE body_id = ? AND at >= ? AND at < ? AND action <> 'review' AND item_id IS NOT NULL GROUP BY item_id) m ON m.id = a.id`,
    )
    .all(bodyId, period.from, period.to) as { itemId: number; at: string; username: string }[];

/** Sections of the body that own items of the current plan, with how many. */
export const sectionsOwningItems = (db: Db, bodyId: number) =>
  db.$client
    .prepare(
      `SELECT s.id AS sectionId, s.name AS sectionName, count(i.id) AS itemCount
       FROM sections s JOIN plan_items i ON i.section_id = s.id JOIN plans p ON p.id = i.plan_id
       WHERE s.body_id = ? AND p.ended_on IS NULL GROUP BY s.id ORDER BY s.id`,
    )
    .all(bodyId) as { sectionId: number; sectionName: string; itemCount: number }[];

/**
 * Items changed in the period (item_id, section_id, at): audited changes, and rows last updated in the period
 * before the audit trail existed (the demo data). Shared by both per-section counts so they add up.
 */
const CHANGED_ITEMS = `body_items AS (
         SELECT i.id, i.section_id, i.updated_at FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE p.body_id = @b AND p.ended_on IS NULL
       ), changed(section_id, item_id, at) AS (
         SELECT section_id, item_id, at FROM audit_log
           WHERE body_id = @b AND at >= @from AND at < @to AND action <> 'review' AND section_id IS NOT NULL
         UNION ALL SELECT section_id, id, updated_at FROM body_items WHERE updated_at >= @from AND updated_at < @to
         UNION ALL SELECT bi.section_id, bi.id, m.updated_at FROM milestones m JOIN body_items bi ON bi.id = m.item_id
           WHERE m.updated_at >= @from AND m.updated_at < @to
         UNION ALL SELECT bi.section_id, bi.id, v.updated_at FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id JOIN body_items bi ON bi.id = k.item_id
           WHERE v.updated_at >= @from AND v.updated_at < @to
       )`;

/** Items changed in the period, per section (「変更した取組」). */
export const changedItemsBySection = (db: Db, range: SectionRange) =>
  db.$client
    .prepare(`WITH ${CHANGED_ITEMS} SELECT section_id AS sectionId, count(DISTINCT item_id) AS items, max(at) AS lastAt FROM changed GROUP BY section_id`)
    .all(range) as { sectionId: number; items: number; lastAt: string }[];

/**
 * Items reviewed 「変更なし」 for the quarter and not changed in it, per section (「変更なしの取組」): an item counts
 * once, so 変更した + 変更なし never exceeds the section's items.
 */
export const reviewedItemsBySection = (db: Db, range: SectionRange) =>
  db.$client
    .prepare(
      `WITH ${CHANGED_ITEMS}
       SELECT i.section_id AS sectionId, count(DISTINCT r.item_id) AS items, max(r.created_at) AS lastAt
       FROM item_reviews r JOIN plan_items i ON i.id = r.item_id JOIN plans p ON p.id = i.plan_id
       WHERE p.body_id = @b AND p.ended_on IS NULL AND r.fiscal_year = @fy AND r.quarter = @q AND r.item_id NOT IN (SELECT item_id FROM changed WHERE item_id IS NOT NULL)
       GROUP BY i.section_id`,
    )
    .all(range) as { sectionId: number; items: number; lastAt: string }[];

/** The last audit entry of each section in the period: when and by whom. */
export const lastChangeBySection = (db: Db, range: SectionRange) =>
  db.$client
    .prepare(
      `SELECT section_id AS sectionId, at, username FROM audit_log WHERE id IN (
         SELECT max(id) FROM audit_log WHERE body_id = @b AND at >= @from AND at < @to AND section_id IS NOT NULL GROUP BY section_id)`,
    )
    .all(range) as { sectionId: number; at: string; username: string }[];

/** Enabled officers of the body's sections, by user name. */
export const officersOf = (db: Db, bodyId: number) =>
  db
    .select({ sectionId: sections.id, id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .innerJoin(userSections, eq(userSections.userId, users.id))
    .innerJoin(sections, eq(sections.id, userSections.sectionId))
    .where(and(eq(sections.bodyId, bodyId), eq(users.disabled, false)))
    .orderBy(asc(users.username))
    .all();
