/** 公開設定 (issue 21): a body's public settings and its items' publications. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { itemPublications, kpis, localBodies, milestones, planItems, plans, publicSettings, type ItemPublication, type PublicSettings } from '../db/schema.ts';

export const findPublicSettings = (db: Db, bodyId: number): PublicSettings | undefined =>
  db.select().from(publicSettings).where(eq(publicSettings.bodyId, bodyId)).get();

export const findBodyRowByCode = (db: Db, code: string) => db.select().from(localBodies).where(eq(localBodies.code, code)).get();

/** The publications of a body's items (rows exist only for items HQ set). */
export const listItemPublications = (db: Db, bodyId: number): ItemPublication[] =>
  db
    .select({ p: itemPublications })
    .from(itemPublications)
    .innerJoin(planItems, eq(planItems.id, itemPublications.itemId))
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(eq(plans.bodyId, bodyId))
    .all()
    .map((r) => r.p);

export const findItemPublication = (db: Db, itemId: number): ItemPublication | undefined =>
  db.select().from(itemPublications).where(eq(itemPublications.itemId, itemId)).get();

export interface PublicSourceRow {
  bodyId: number;
  /** The latest quarter still closed (a reopened one is being corrected), or nulls. */
  snapshotId: number | null;
  fiscalYear: number | null;
  quarter: number | null;
  asOf: string | null;
  closedAt: string | null;
  /**
   * What the public answers depend on besides the frozen snapshot: changes whenever a setting or an item's
   * publication is written, added or removed (with its item).
   */
  fingerprint: string;
}

const SOURCE_SQL = `
  SELECT b.id AS bodyId, s.id AS snapshotId, s.fiscal_year AS fiscalYear, s.quarter AS quarter, s.as_of AS asOf, s.closed_at AS closedAt,
    (SELECT coalesce(max(version), 0) || ':' || coalesce(max(updated_at), '') FROM public_settings WHERE body_id = b.id) || '/' ||
    (SELECT count(*) || ':' || coalesce(sum(ip.version), 0) || ':' || coalesce(max(ip.updated_at), '')
       FROM item_publications ip JOIN plan_items i ON i.id = ip.item_id JOIN plans p ON p.id = i.plan_id WHERE p.body_id = b.id) AS fingerprint
  FROM local_bodies b
  LEFT JOIN quarter_snapshots s ON s.id = (
    SELECT id FROM quarter_snapshots WHERE body_id = b.id AND status = 'closed' ORDER BY fiscal_year DESC, quarter DESC LIMIT 1)
  WHERE b.code = ?`;

/** Everything a public request needs to find its cached answer: one prepared statement (it runs on every request). */
export const publicSourceRow = (db: Db, code: string): PublicSourceRow | undefined =>
  prepared(db, (d) => d.$client.prepare(SOURCE_SQL), 'publicSourceRow').get(code) as PublicSourceRow | undefined;

export function saveSettings(db: Db, bodyId: number, values: { defaultPublished: boolean; licence: string }, existing: PublicSettings | undefined, now: string): PublicSettings {
  if (existing) {
    return db
      .update(publicSettings)
      .set({ ...values, version: sql`${publicSettings.version} + 1`, updatedAt: now })
      .where(and(eq(publicSettings.id, existing.id), eq(publicSettings.version, existing.version)))
      .returning()
      .get();
  }
  return db.insert(publicSettings).values({ bodyId, ...values }).returning().get();
}

export function saveItemPublication(
  db: Db,
  itemId: number,
  values: Pick<ItemPublication, 'published' | 'publicText' | 'hiddenMilestoneIds' | 'hiddenKpiIds'>,
  existing: ItemPublication | undefined,
  now: string,
): ItemPublication {
  if (existing) {
    return db
      .update(itemPublications)
      .set({ ...values, version: sql`${itemPublications.version} + 1`, updatedAt: now })
      .where(and(eq(itemPublications.id, existing.id), eq(itemPublications.version, existing.version)))
      .returning()
      .get();
  }
  return db.insert(itemPublications).values({ itemId, ...values }).returning().get();
}

/** The live items of a body with their milestones and KPIs (ids and names), for HQ's publication page. */
export function liveItemsForPublication(db: Db, bodyId: number) {
  const items = db.$client
    .prepare(
      `SELECT i.id AS itemId, i.title, c.name AS categoryName, s.name AS sectionName
         FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN categories c ON c.id = i.category_id JOIN sections s ON s.id = i.section_id
        WHERE p.body_id = ? ORDER BY p.id, i.sort_order, i.id`,
    )
    .all(bodyId) as { itemId: number; title: string; categoryName: string; sectionName: string }[];
  const ids = items.map((i) => i.itemId);
  const ms = ids.length ? db.select({ id: milestones.id, itemId: milestones.itemId, title: milestones.title }).from(milestones).where(inArray(milestones.itemId, ids)).orderBy(milestones.sortOrder, milestones.plannedDate, milestones.id).all() : [];
  const ks = ids.length ? db.select({ id: kpis.id, itemId: kpis.itemId, name: kpis.name }).from(kpis).where(inArray(kpis.itemId, ids)).orderBy(kpis.id).all() : [];
  return { items, milestones: ms, kpis: ks };
}

/** The body of a live item (the route has already checked it exists). */
export const scopeOfItem = (db: Db, itemId: number): number =>
  (db.$client.prepare('SELECT p.body_id AS bodyId FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = ?').get(itemId) as { bodyId: number }).bodyId;
