import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { planItems, sections, type Section } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { nowIso } from './versioned.ts';

export const listSections = (db: Db, bodyId: number) =>
  db.select().from(sections).where(eq(sections.bodyId, bodyId)).orderBy(asc(sections.id)).all();

export function getSection(db: Db, id: number): Section {
  const row = db.select().from(sections).where(eq(sections.id, id)).get();
  if (!row) throw notFound('課', id);
  return row;
}

export const findSectionByName = (db: Db, bodyId: number, name: string) =>
  db.select().from(sections).where(and(eq(sections.bodyId, bodyId), eq(sections.name, name))).get();

export const insertSection = (db: Db, bodyId: number, name: string) =>
  db.insert(sections).values({ bodyId, name }).returning().get();

export const renameSection = (db: Db, id: number, name: string) =>
  db.update(sections).set({ name, updatedAt: nowIso() }).where(eq(sections.id, id)).returning().get();

export const countItemsOfSection = (db: Db, id: number) =>
  db.select({ n: count() }).from(planItems).where(eq(planItems.sectionId, id)).get()?.n ?? 0;

export const deleteSection = (db: Db, id: number) => db.delete(sections).where(eq(sections.id, id)).run();

/**
 * The section's name on a date (YYYY-MM-DD in Japan) as SQL: its earlier name valid then (section_names),
 * else its current name. `sectionId` and `date` are SQL expressions (columns or parameters).
 */
export const sectionNameAtSql = (sectionId: string, date: string) =>
  `COALESCE((SELECT n.name FROM section_names n WHERE n.section_id = ${sectionId} AND n.valid_until >= ${date} ORDER BY n.valid_until LIMIT 1),
    (SELECT s.name FROM sections s WHERE s.id = ${sectionId}))`;

/** Names of the body's sections on a date (earlier names where they were renamed since). */
export const sectionNamesAt = (db: Db, bodyId: number, date: string) =>
  new Map(
    (
      db.$client.prepare(`SELECT id, ${sectionNameAtSql('sections.id', '@date')} AS name FROM sections WHERE body_id = @bodyId`).all({ bodyId, date }) as {
        id: number;
        name: string;
      }[]
    ).map((r) => [r.id, r.name]),
  );
