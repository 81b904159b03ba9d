/**
 * Everything one body's dashboard needs, in a fixed number of queries (one per table, never one per
 * item): the body's plans, items, milestones, the deadlines and extensions that apply, and KPIs.
 */
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  businessAreas,
  categories,
  deadlineExtensions,
  kpis,
  kpiValues,
  milestones,
  nationalDeadlines,
  nationalFigures,
  planItems,
  plans,
  sections,
} from '../db/schema.ts';
import { prepared } from '../db/prepared.ts';
import { getBody } from './bodies.ts';

const bodyId = sql.placeholder('bodyId');

// Each query is built once per connection (`prepared`): this loader runs on every dashboard request.
const q = {
  plans: (db: Db) => db.select().from(plans).where(eq(plans.bodyId, bodyId)).orderBy(asc(plans.startFiscalYear)).prepare(),
  items: (db: Db) =>
    db
      .select({ item: planItems })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .where(eq(plans.bodyId, bodyId))
      .orderBy(asc(planItems.sortOrder), asc(planItems.id))
      .prepare(),
  milestones: (db: Db) =>
    db
      .select({ m: milestones })
      .from(milestones)
      .innerJoin(planItems, eq(planItems.id, milestones.itemId))
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .where(eq(plans.bodyId, bodyId))
      .orderBy(asc(milestones.sortOrder), asc(milestones.plannedDate), asc(milestones.id))
      .prepare(),
  // Extensions for the whole body, or for one of its items.
  extensions: (db: Db) =>
    db
      .select()
      .from(deadlineExtensions)
      .where(
        or(
          eq(deadlineExtensions.bodyId, bodyId),
          inArray(
            deadlineExtensions.itemId,
            db.select({ id: planItems.id }).from(planItems).innerJoin(plans, eq(plans.id, planItems.planId)).where(eq(plans.bodyId, bodyId)),
          ),
        ),
      )
      .orderBy(asc(deadlineExtensions.id))
      .prepare(),
  kpis: (db: Db) => db.select().from(kpis).where(eq(kpis.bodyId, bodyId)).orderBy(asc(kpis.id)).prepare(),
  kpiValues: (db: Db) =>
    db
      .select({ v: kpiValues })
      .from(kpiValues)
      .innerJoin(kpis, eq(kpis.id, kpiValues.kpiId))
      .where(eq(kpis.bodyId, bodyId))
      .orderBy(asc(kpiValues.fiscalYear), asc(kpiValues.quarter))
      .prepare(),
  sections: (db: Db) => db.select().from(sections).where(eq(sections.bodyId, bodyId)).orderBy(asc(sections.id)).prepare(),
  categories: (db: Db) => db.select().from(categories).orderBy(asc(categories.sortOrder)).prepare(),
  deadlines: (db: Db) => db.select().from(nationalDeadlines).orderBy(asc(nationalDeadlines.dueDate)).prepare(),
  areas: (db: Db) => db.select({ id: businessAreas.id, name: businessAreas.name }).from(businessAreas).orderBy(asc(businessAreas.sortOrder)).prepare(),
  benchmarks: (db: Db) => db.select().from(nationalFigures).where(eq(nationalFigures.kind, 'benchmark')).prepare(),
};

/** What a body's plan is judged with besides its own rows: the body, plans, sections, reference data. */
export function loadBodyContext(db: Db, id: number) {
  const body = getBody(db, id);
  const args = { bodyId: id };
  return {
    body,
    plans: prepared(db, q.plans).all(args),
    sections: prepared(db, q.sections).all(args),
    categories: prepared(db, q.categories).all(),
    deadlines: prepared(db, q.deadlines).all(),
    extensions: prepared(db, q.extensions).all(args),
    /** National benchmark series (KPIs name the one they are compared with). */
    benchmarks: prepared(db, q.benchmarks).all(),
    /** Business area names (extensions of one system name their area). */
    areas: prepared(db, q.areas).all(),
  };
}

export function loadBodyPlan(db: Db, id: number) {
  const args = { bodyId: id };
  return {
    ...loadBodyContext(db, id),
    items: prepared(db, q.items).all(args).map((r) => r.item),
    milestones: prepared(db, q.milestones).all(args).map((r) => r.m),
    kpis: prepared(db, q.kpis).all(args),
    kpiValues: prepared(db, q.kpiValues).all(args).map((r) => r.v),
  };
}

export type BodyPlan = ReturnType<typeof loadBodyPlan>;
