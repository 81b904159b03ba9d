import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { milestones, type Milestone } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { deleteVersioned, updateVersioned } from './versioned.ts';

export type NewMilestone = typeof milestones.$inferInsert;

const WHAT = 'マイルストーン';

export const listMilestones = (db: Db, itemId: number) =>
  db
    .select()
    .from(milestones)
    .where(eq(milestones.itemId, itemId))
    .orderBy(asc(milestones.sortOrder), asc(milestones.plannedDate), asc(milestones.id))
    .all();

const milestoneById = (db: Db) => db.select().from(milestones).where(eq(milestones.id, sql.placeholder('id'))).prepare();

export function getMilestone(db: Db, id: number): Milestone {
  const row = prepared(db, milestoneById).get({ id });
  if (!row) throw notFound(WHAT, id);
  return row;
}

export const insertMilestone = (db: Db, values: NewMilestone): Milestone =>
  db.insert(milestones).values(values).returning().get();

export const updateMilestone = (
  db: Db,
  id: number,
  version: number,
  patch: Partial<NewMilestone>,
): Milestone => updateVersioned(db, milestones, WHAT, id, version, patch);

export const deleteMilestone = (db: Db, id: number, version: number) => deleteVersioned(db, milestones, WHAT, id, version);
