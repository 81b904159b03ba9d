/**
 * Everything one body's dashboard needs, in a fixed number of queries (one per table, never one per
 * item): the body's current plan (`plans.ended_on IS NULL`, issue 20), its items, milestones, the deadlines and
 * extensions that apply, and KPIs (the body's own and those of the current plan's items). An ended plan is read
 * as it was at its end (`loadEndedPlan`).
 */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  endedPlanPayloads,
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
  plans: (db: Db) =>
    db
      .select()
      .from(plans)
      .where(and(eq(plans.bodyId, bodyId), isNull(plans.endedOn)))
      .orderBy(asc(plans.startFiscalYear))
      .prepare(),
  items: (db: Db) =>
    db
      .select({ item: planItems })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .where(and(eq(plans.bodyId, bodyId), isNull(plans.endedOn)))
      .orderBy(asc(planItems.sortOrder), asc(planItems.id))
      .prepare(),
  milestones: (db: Db) =>
    db
      .select({ m: milestones })
      .from(milestones)
      .innerJoin(planItems, eq(planItems.id, milestones.itemId))
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .where(and(eq(plans.bodyId, bodyId), isNull(plans.endedOn)))
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
  // The body's own KPIs (no item) and those of the current plan's items.
  kpis: (db: Db) =>
    db
      .select({ k: kpis })
      .from(kpis)
      .leftJoin(planItems, eq(planItems.id, kpis.itemId))
      .leftJoin(plans, eq(plans.id, planItems.planId))
      .where(and(eq(kpis.bodyId, bodyId), isNull(plans.endedOn)))
      .orderBy(asc(kpis.id))
      .prepare(),
  kpiValues: (db: Db) =>
    db
      .select({ v: kpiValues })
      .from(kpiValues)
      .innerJoin(kpis, eq(kpis.id, kpiValues.kpiId))
      .leftJoin(planItems, eq(planItems.id, kpis.itemId))
      .leftJoin(plans, eq(plans.id, planItems.planId))
      .where(and(eq(kpis.bodyId, bodyId), isNull(plans.endedOn)))
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
    kpis: prepared(db, q.kpis).all(args).map((r) => r.k),
    kpiValues: prepared(db, q.kpiValues).all(args).map((r) => r.v),
  };
}

export type BodyPlan = ReturnType<typeof loadBodyPlan>;

/** The rows an ended plan is read from: what `loadBodyPlan` gave for it on its last day (JSON in ended_plan_payloads). */
export type PlanRows = Pick<BodyPlan, 'items' | 'milestones' | 'kpis' | 'kpiValues'>;

export const planRowsOf = (p: BodyPlan): PlanRows => ({ items: p.items, milestones: p.milestones, kpis: p.kpis, kpiValues: p.kpiValues });

export const insertEndedPlanPayload = (db: Db, planId: number, rows: PlanRows) =>
  db.insert(endedPlanPayloads).values({ planId, payload: JSON.stringify(rows) }).run();

/** Which plan each of the body's items is in now (history reads keep the items of the plan asked for). */
export const itemPlansOfBody = (db: Db, id: number) =>
  new Map(
    db
      .select({ id: planItems.id, planId: planItems.planId })
      .from(planItems)
      .innerJoin(plans, eq(plans.id, planItems.planId))
      .where(eq(plans.bodyId, id))
      .all()
      .map((r) => [r.id, r.planId]),
  );

/**
 * An ended plan as it was at its end: the frozen copy written when HQ started the next plan, or — for a plan ended by the
 * migration (a body that already had several plans; nothing was carried then) — its own live rows, which can no longer change.
 */
export function loadEndedPlan(db: Db, plan: typeof plans.$inferSelect): BodyPlan {
  const context = { ...loadBodyContext(db, plan.bodyId), plans: [plan] };
  const frozen = db.select().from(endedPlanPayloads).where(eq(endedPlanPayloads.planId, plan.id)).get();
  let rows: PlanRows;
  if (frozen) rows = JSON.parse(frozen.payload) as PlanRows;
  else {
    const items = db.select().from(planItems).where(eq(planItems.planId, plan.id)).orderBy(asc(planItems.sortOrder), asc(planItems.id)).all();
    const ids = items.map((i) => i.id);
    const ms = ids.length
      ? db.select().from(milestones).where(inArray(milestones.itemId, ids)).orderBy(asc(milestones.sortOrder), asc(milestones.plannedDate), asc(milestones.id)).all()
      : [];
    const ks = ids.length ? db.select().from(kpis).where(inArray(kpis.itemId, ids)).orderBy(asc(kpis.id)).all() : [];
    const kIds = ks.map((k) => k.id);
    const vs = kIds.length
      ? db.select().from(kpiValues).where(inArray(kpiValues.kpiId, kIds)).orderBy(asc(kpiValues.fiscalYear), asc(kpiValues.quarter)).all()
      : [];
    rows = { items, milestones: ms, kpis: ks, kpiValues: vs };
  }
  const itemIds = new Set(rows.items.map((i) => i.id));
  return { ...context, ...rows, extensions: context.extensions.filter((e) => e.itemId === null || itemIds.has(e.itemId)) };
}
