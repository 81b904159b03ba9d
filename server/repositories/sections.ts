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
