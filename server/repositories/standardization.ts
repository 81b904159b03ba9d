/**
 * Standardization progress: each body's business areas and the status of every template step in
 * each of them (body_area_steps, versioned, keyed by body area and step rather than by an id).
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  bodyAreaSteps,
  bodyBusinessAreas,
  businessAreas,
  localBodies,
  milestones,
  nationalDeadlines,
  sections,
  standardizationSteps,
  type BodyBusinessArea,
  type MilestoneStatus,
} from '../db/schema.ts';
import { notFound, versionConflict } from '../errors.ts';
import type { BodyAreaStep } from '../schemas/standardization.ts';
import { nowIso } from './versioned.ts';

/** A body's business areas in the order of the 20 areas, with the owner section's name. */
export const listBodyAreas = (db: Db, bodyId: number) =>
  db
    .select({
      bodyAreaId: bodyBusinessAreas.id,
      areaId: businessAreas.id,
      code: businessAreas.code,
      name: businessAreas.name,
      sectionId: bodyBusinessAreas.sectionId,
      sectionName: sections.name,
      itemId: bodyBusinessAreas.itemId,
      migrationSupport: bodyBusinessAreas.migrationSupport,
    })
    .from(bodyBusinessAreas)
    .innerJoin(businessAreas, eq(businessAreas.id, bodyBusinessAreas.areaId))
    .leftJoin(sections, eq(sections.id, bodyBusinessAreas.sectionId))
    .where(eq(bodyBusinessAreas.bodyId, bodyId))
    .orderBy(asc(businessAreas.sortOrder), asc(businessAreas.id))
    .all();

const stepColumns = {
  stepId: standardizationSteps.id,
  code: standardizationSteps.code,
  phase: standardizationSteps.phase,
  name: standardizationSteps.name,
  status: bodyAreaSteps.status,
  version: bodyAreaSteps.version,
  updatedAt: bodyAreaSteps.updatedAt,
};

/** Every step of every business area of a body, in template order (one query). */
export const listBodyAreaSteps = (db: Db, bodyId: number): (BodyAreaStep & { bodyAreaId: number })[] =>
  db
    .select({ bodyAreaId: bodyAreaSteps.bodyAreaId, ...stepColumns })
    .from(bodyAreaSteps)
    .innerJoin(bodyBusinessAreas, eq(bodyBusinessAreas.id, bodyAreaSteps.bodyAreaId))
    .innerJoin(standardizationSteps, eq(standardizationSteps.id, bodyAreaSteps.stepId))
    .where(eq(bodyBusinessAreas.bodyId, bodyId))
    .orderBy(asc(standardizationSteps.sortOrder), asc(standardizationSteps.id))
    .all();

export const findBodyArea = (db: Db, bodyId: number, areaId: number): BodyBusinessArea | undefined =>
  db
    .select()
    .from(bodyBusinessAreas)
    .where(and(eq(bodyBusinessAreas.bodyId, bodyId), eq(bodyBusinessAreas.areaId, areaId)))
    .get();

export const findBodyAreaStep = (db: Db, bodyAreaId: number, stepId: number): BodyAreaStep | undefined =>
  db
    .select(stepColumns)
    .from(bodyAreaSteps)
    .innerJoin(standardizationSteps, eq(standardizationSteps.id, bodyAreaSteps.stepId))
    .where(and(eq(bodyAreaSteps.bodyAreaId, bodyAreaId), eq(bodyAreaSteps.stepId, stepId)))
    .get();

/**
 * Optimistic concurrency as in `updateVersioned`, for a row keyed by (body area, step): the update
 * names the version it read and bumps it; when it matches nothing the step is either missing (404)
 * or was saved by someone else first (409 with the current step).
 */
export function updateBodyAreaStep(
  db: Db,
  bodyAreaId: number,
  stepId: number,
  version: number,
  patch: { status: MilestoneStatus },
): BodyAreaStep {
  const updated = db
    .update(bodyAreaSteps)
    .set({ ...patch, version: sql`${bodyAreaSteps.version} + 1`, updatedAt: nowIso() })
    .where(and(eq(bodyAreaSteps.bodyAreaId, bodyAreaId), eq(bodyAreaSteps.stepId, stepId), eq(bodyAreaSteps.version, version)))
    .returning({ stepId: bodyAreaSteps.stepId })
    .get();
  const current = findBodyAreaStep(db, bodyAreaId, stepId);
  if (!current) throw notFound('手順', stepId);
  if (!updated) throw versionConflict('手順の状況', current);
  return current;
}

/**
 * For each item, the national deadline its milestones answer (deadlines sit on milestones, issue 12);
 * items without one are left out. An item answering several: the latest due date (the migration's).
 */
export function listItemDeadlines(db: Db, itemIds: number[]) {
  if (itemIds.length === 0) return [];
  const rows = db
    .selectDistinct({
      itemId: milestones.itemId,
      deadlineId: nationalDeadlines.id,
      code: nationalDeadlines.code,
      title: nationalDeadlines.title,
      dueDate: nationalDeadlines.dueDate,
    })
    .from(milestones)
    .innerJoin(nationalDeadlines, eq(nationalDeadlines.id, milestones.nationalDeadlineId))
    .where(inArray(milestones.itemId, itemIds))
    .orderBy(asc(milestones.itemId), desc(nationalDeadlines.dueDate), asc(nationalDeadlines.id))
    .all();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.itemId) && seen.add(r.itemId));
}

const doneOrNa = sql<number>`coalesce(sum(case when ${bodyAreaSteps.status} in ('done', 'not_applicable') then 1 else 0 end), 0)`;

/**
 * Per body, its step count and done-or-not-applicable count over all its business areas: one
 * GROUP BY query, so comparing every body of a prefecture (or the whole country) stays cheap.
 * Bodies without business areas are listed with zero steps.
 */
export function summarizeBodies(db: Db, q: { prefectureCode?: string | undefined }) {
  const where: SQL[] = [];
  if (q.prefectureCode) where.push(eq(localBodies.prefectureCode, q.prefectureCode));
  return db
    .select({
      bodyId: localBodies.id,
      code: localBodies.code,
      name: localBodies.name,
      prefectureName: localBodies.prefectureName,
      stepCount: count(bodyAreaSteps.stepId),
      doneOrNa: doneOrNa.mapWith(Number),
    })
    .from(localBodies)
    .leftJoin(bodyBusinessAreas, eq(bodyBusinessAreas.bodyId, localBodies.id))
    .leftJoin(bodyAreaSteps, eq(bodyAreaSteps.bodyAreaId, bodyBusinessAreas.id))
    .where(where.length ? and(...where) : undefined)
    .groupBy(localBodies.id)
    .orderBy(asc(localBodies.code))
    .all();
}
