/**
 * A small world for authorization tests, inserted directly (no API, no audit): three bodies — A and C
 * in prefecture 43, B in prefecture 12 — each with two sections, a plan, one item per section with a
 * milestone, a KPI and a KPI value, two standardization business areas (one per section, every step
 * row) and deadline extensions; and one user per role for body A (the officer owns A's first section).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';
import {
  bodyAreaSteps,
  bodyBusinessAreas,
  businessAreas,
  categories,
  deadlineExtensions,
  kpis,
  kpiValues,
  localBodies,
  milestones,
  nationalDeadlines,
  planItems,
  plans,
  sections,
  standardizationSteps,
  users,
} from '../../server/db/schema.ts';
import type { TestApp } from './app.ts';

export interface SectionWorld {
  sectionId: number;
  itemId: number;
  milestoneId: number;
  kpiId: number;
  valueId: number;
  areaId: number;
  /** An extension granted to this item. */
  extensionId: number;
}

export interface BodyWorld {
  bodyId: number;
  prefectureCode: string;
  planId: number;
  /** A body-level extension. */
  extensionId: number;
  s1: SectionWorld;
  s2: SectionWorld;
}

export interface World {
  categoryId: number;
  deadlineId: number;
  deadlineDue: string;
  stepId: number;
  A: BodyWorld;
  B: BodyWorld;
  C: BodyWorld;
  users: Record<'admin' | 'hq' | 'officer' | 'viewer' | 'prefecture', { username: string; id: number }>;
}

let bodySeq = 0;

export function insertBody(db: Db, prefectureCode: string, name = `テスト団体${++bodySeq}`) {
  const code = String(900000 + ++bodySeq * 7).padStart(6, '0');
  return db
    .insert(localBodies)
    .values({ code, name, prefectureCode, prefectureName: prefectureCode === '43' ? '熊本県' : '千葉県', kind: 'city' })
    .returning()
    .get();
}

export function insertSectionWorld(db: Db, w: { categoryId: number; deadlineId: number; deadlineDue: string }, bodyId: number, planId: number, name: string, areaId: number): SectionWorld {
  const section = db.insert(sections).values({ bodyId, name }).returning().get();
  const item = db
    .insert(planItems)
    .values({ planId, categoryId: w.categoryId, sectionId: section.id, title: `${name}の取組`, targetFiscalYear: 2026 })
    .returning()
    .get();
  // The national deadline sits on the milestone that answers it.
  const milestone = db
    .insert(milestones)
    .values({ itemId: item.id, title: `${name}の工程`, plannedDate: '2026-12-31', nationalDeadlineId: w.deadlineId })
    .returning()
    .get();
  const kpi = db
    .insert(kpis)
    .values({
      bodyId,
      itemId: item.id,
      name: `${name}の指標`,
      unit: '%',
      direction: 'higher',
      baselineValue: 10,
      baselineFiscalYear: 2024,
      targetValue: 80,
      targetFiscalYear: 2027,
    })
    .returning()
    .get();
  const value = db.insert(kpiValues).values({ kpiId: kpi.id, fiscalYear: 2025, quarter: 1, value: 20 }).returning().get();
  const bodyArea = db.insert(bodyBusinessAreas).values({ bodyId, areaId, sectionId: section.id, itemId: item.id }).returning().get();
  for (const step of db.select().from(standardizationSteps).all()) {
    db.insert(bodyAreaSteps).values({ bodyAreaId: bodyArea.id, stepId: step.id }).run();
  }
  const extension = db
    .insert(deadlineExtensions)
    .values({ deadlineId: w.deadlineId, itemId: item.id, extendedDueDate: '2031-03-31', reason: 'テスト' })
    .returning()
    .get();
  return { sectionId: section.id, itemId: item.id, milestoneId: milestone.id, kpiId: kpi.id, valueId: value.id, areaId, extensionId: extension.id };
}

function insertBodyWorld(db: Db, base: { categoryId: number; deadlineId: number; deadlineDue: string; areaIds: [number, number] }, prefectureCode: string, name: string): BodyWorld {
  const body = insertBody(db, prefectureCode, name);
  const plan = db.insert(plans).values({ bodyId: body.id, title: `${name}DX推進計画`, startFiscalYear: 2024, endFiscalYear: 2027 }).returning().get();
  const extension = db
    .insert(deadlineExtensions)
    .values({ deadlineId: base.deadlineId, bodyId: body.id, extendedDueDate: '2030-03-31', reason: 'テスト' })
    .returning()
    .get();
  return {
    bodyId: body.id,
    prefectureCode,
    planId: plan.id,
    extensionId: extension.id,
    s1: insertSectionWorld(db, base, body.id, plan.id, '第一課', base.areaIds[0]),
    s2: insertSectionWorld(db, base, body.id, plan.id, '第二課', base.areaIds[1]),
  };
}

/** Builds the world and its users (password TEST_PASSWORD); the admin is the test app's own. */
export async function createWorld(t: TestApp): Promise<World> {
  const db = t.db;
  const category = db.select().from(categories).get()!;
  const deadline = db.select().from(nationalDeadlines).where(eq(nationalDeadlines.code, 'std_migration')).get() ?? db.select().from(nationalDeadlines).get()!;
  const areas = db.select().from(businessAreas).limit(2).all();
  const step = db.select().from(standardizationSteps).get()!;
  const base = { categoryId: category.id, deadlineId: deadline.id, deadlineDue: deadline.dueDate, areaIds: [areas[0]!.id, areas[1]!.id] as [number, number] };
  const A = insertBodyWorld(db, base, '43', 'テスト市A');
  const C = insertBodyWorld(db, base, '43', 'テスト町C');
  const B = insertBodyWorld(db, base, '12', 'テスト市B');
  const codeOf = (bodyId: number) => db.select().from(localBodies).where(eq(localBodies.id, bodyId)).get()!.code;
  const hq = await t.createUser({ username: 'test-hq', role: 'hq', bodyCode: codeOf(A.bodyId) });
  const officer = await t.createUser({ username: 'test-officer', role: 'officer', bodyCode: codeOf(A.bodyId), sectionNames: ['第一課'] });
  const viewer = await t.createUser({ username: 'test-viewer', role: 'viewer', bodyCode: codeOf(A.bodyId) });
  const pref = await t.createUser({ username: 'test-prefecture', role: 'prefecture', prefectureCode: '43' });
  const admin = db.select().from(users).where(eq(users.username, 'test-admin')).get()!;
  return {
    categoryId: category.id,
    deadlineId: deadline.id,
    deadlineDue: deadline.dueDate,
    stepId: step.id,
    A,
    B,
    C,
    users: {
      admin: { username: admin.username, id: admin.id },
      hq: { username: hq.username, id: hq.id },
      officer: { username: officer.username, id: officer.id },
      viewer: { username: viewer.username, id: viewer.id },
      prefecture: { username: pref.username, id: pref.id },
    },
  };
}
