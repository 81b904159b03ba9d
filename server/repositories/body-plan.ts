/**
 * Everything one body's dashboard needs, in a fixed number of queries (one per table, never one per
 * item): the body's plans, items, milestones, the deadlines and extensions that apply, and KPIs.
 */
import { asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  categories,
  deadlineExtensions,
  kpis,
  kpiValues,
  milestones,
  nationalDeadlines,
  planItems,
  plans,
  sections,
} from '../db/schema.ts';
import { getBody } from './bodies.ts';

export function loadBodyPlan(db: Db, bodyId: number) {
  const body = getBody(db, bodyId);
  const planRows = db.select().from(plans).where(eq(plans.bodyId, bodyId)).orderBy(asc(plans.startFiscalYear)).all();
  const itemRows = db
    .select({ item: planItems })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(eq(plans.bodyId, bodyId))
    .orderBy(asc(planItems.sortOrder), asc(planItems.id))
    .all()
    .map((r) => r.item);
  const milestoneRows = db
    .select({ m: milestones })
    .from(milestones)
    .innerJoin(planItems, eq(planItems.id, milestones.itemId))
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(eq(plans.bodyId, bodyId))
    .orderBy(asc(milestones.sortOrder), asc(milestones.plannedDate), asc(milestones.id))
    .all()
    .map((r) => r.m);
  const itemIds = itemRows.map((i) => i.id);
  const extensionRows = db
    .select()
    .from(deadlineExtensions)
    .where(
      itemIds.length
        ? or(eq(deadlineExtensions.bodyId, bodyId), inArray(deadlineExtensions.itemId, itemIds))
        : eq(deadlineExtensions.bodyId, bodyId),
    )
    .all();
  const kpiRows = db.select().from(kpis).where(eq(kpis.bodyId, bodyId)).orderBy(asc(kpis.id)).all();
  const kpiValueRows = db
    .select({ v: kpiValues })
    .from(kpiValues)
    .innerJoin(kpis, eq(kpis.id, kpiValues.kpiId))
    .where(eq(kpis.bodyId, bodyId))
    .orderBy(asc(kpiValues.fiscalYear), asc(kpiValues.quarter))
    .all()
    .map((r) => r.v);
  return {
    body,
    plans: planRows,
    sections: db.select().from(sections).where(eq(sections.bodyId, bodyId)).orderBy(asc(sections.id)).all(),
    categories: db.select().from(categories).orderBy(asc(categories.sortOrder)).all(),
    deadlines: db.select().from(nationalDeadlines).orderBy(asc(nationalDeadlines.dueDate)).all(),
    extensions: extensionRows,
    items: itemRows,
    milestones: milestoneRows,
    kpis: kpiRows,
    kpiValues: kpiValueRows,
  };
}

export type BodyPlan = ReturnType<typeof loadBodyPlan>;
