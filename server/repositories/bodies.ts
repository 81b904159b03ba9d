import { and, asc, count, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { localBodies, plans, type LocalBody } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { BodyCreate, BodyListQuery, BodyUpdate } from '../schemas/bodies.ts';
import { offsetOf, pageOf } from './pagination.ts';
import { nowIso } from './versioned.ts';

/** `readable`: only these bodies (the user's), or null for every body. */
export function listBodies(db: Db, q: BodyListQuery, readable: Set<number> | null = null) {
  const where: SQL[] = [];
  if (readable !== null) where.push(inArray(localBodies.id, [...readable]));
  if (q.prefectureCode) where.push(eq(localBodies.prefectureCode, q.prefectureCode));
  if (q.kind) where.push(eq(localBodies.kind, q.kind));
  if (q.q) where.push(like(localBodies.name, `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const cond = where.length ? and(...where) : undefined;
  const total = db.select({ n: count() }).from(localBodies).where(cond).get()?.n ?? 0;
  const items = db
    .select()
    .from(localBodies)
    .where(cond)
    .orderBy(asc(localBodies.code))
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .all();
  return pageOf(items, total, q);
}

const bodyById = (db: Db) => db.select().from(localBodies).where(eq(localBodies.id, sql.placeholder('id'))).prepare();

export function findBody(db: Db, id: number): LocalBody | undefined {
  return prepared(db, bodyById).get({ id });
}

export function getBody(db: Db, id: number): LocalBody {
  const body = findBody(db, id);
  if (!body) throw notFound('団体', id);
  return body;
}

export function insertBody(db: Db, input: BodyCreate): LocalBody {
  return db.insert(localBodies).values(input).returning().get();
}

export function updateBody(db: Db, id: number, patch: BodyUpdate): LocalBody {
  const row = db
    .update(localBodies)
    .set({ ...patch, updatedAt: nowIso() })
    .where(eq(localBodies.id, id))
    .returning()
    .get();
  if (!row) throw notFound('団体', id);
  return row;
}

export function countPlansOfBody(db: Db, bodyId: number): number {
  return db.select({ n: count() }).from(plans).where(eq(plans.bodyId, bodyId)).get()?.n ?? 0;
}

export function deleteBody(db: Db, id: number): void {
  db.delete(localBodies).where(eq(localBodies.id, id)).run();
}

export const findBodyByCode = (db: Db, code: string) => db.select({ id: localBodies.id }).from(localBodies).where(eq(localBodies.code, code)).get();
