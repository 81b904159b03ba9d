import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bodyAreaSteps,
  bodyBusinessAreas,
  businessAreas,
  categories,
  localBodies,
  milestones,
  nationalDeadlines,
  planItems,
  plans,
  sections,
  standardizationSteps,
  type MilestoneStatus,
} from '../../server/db/schema.ts';
import { createTestApp, dumpTables } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let n: number; // steps in the template
let stepIds: number[];
let areaIds: number[]; // business areas by sort order
let bodyA: number;
let bodyB: number;
let bodyEmpty: number;
let bodyAreaA1: number;
let itemId: number;

/**
 * Fixture statuses, by position in the template:
 * body A, area 1: 10 done, 5 対象外, 5 in progress, the rest (n - 20) not started → (10 + 5) / n
 * body A, area 2: 10 done, 10 対象外, the rest not started                         → 20 / n
 * body B, area 1: all not started                                                  → 0
 */
function statusesA1(i: number): MilestoneStatus {
  return i < 10 ? 'done' : i < 15 ? 'not_applicable' : i < 20 ? 'in_progress' : 'not_started';
}
function statusesA2(i: number): MilestoneStatus {
  return i < 10 ? 'done' : i < 20 ? 'not_applicable' : 'not_started';
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db;
  stepIds = db.select().from(standardizationSteps).orderBy(standardizationSteps.sortOrder).all().map((s) => s.id);
  n = stepIds.length;
  areaIds = db.select().from(businessAreas).orderBy(businessAreas.sortOrder).all().map((a) => a.id);

  const insertBody = (code: string, name: string, prefectureCode: string, prefectureName: string) =>
    db.insert(localBodies).values({ code, name, prefectureCode, prefectureName, kind: 'city' }).returning().get().id;
  bodyA = insertBody('432121', '上天草市', '43', '熊本県');
  bodyB = insertBody('122033', '市川市', '12', '千葉県');
  bodyEmpty = insertBody('122041', '船橋市', '12', '千葉県');

  const sectionId = db.insert(sections).values({ bodyId: bodyA, name: '市民課' }).returning().get().id;
  const planId = db
    .insert(plans)
    .values({ bodyId: bodyA, title: '上天草版DX推進計画', startFiscalYear: 2022, endFiscalYear: 2025 })
    .returning()
    .get().id;
  const std = db.select().from(categories).where(eq(categories.code, 'standardization')).get()!;
  const deadline = db.select().from(nationalDeadlines).where(eq(nationalDeadlines.code, 'std_migration')).get()!;
  itemId = db
    .insert(planItems)
    .values({ planId, categoryId: std.id, sectionId, title: '住民記録システムの標準化', targetFiscalYear: 2025 })
    .returning()
    .get().id;
  // The national deadline sits on the milestone that answers it.
  db.insert(milestones).values({ itemId, title: '標準準拠システムへの移行', plannedDate: '2026-03-31', nationalDeadlineId: deadline.id }).run();

  const addArea = (bodyId: number, areaId: number, status: (i: number) => MilestoneStatus, extra = {}) => {
    const id = db.insert(bodyBusinessAreas).values({ bodyId, areaId, ...extra }).returning().get().id;
    db.insert(bodyAreaSteps)
      .values(stepIds.map((stepId, i) => ({ bodyAreaId: id, stepId, status: status(i) })))
      .run();
    return id;
  };
  // Area 2 first, so that only the area's sort order can put area 1 first in the answer.
  addArea(bodyA, areaIds[1]!, statusesA2);
  bodyAreaA1 = addArea(bodyA, areaIds[0]!, statusesA1, { sectionId, itemId, migrationSupport: true });
  addArea(bodyB, areaIds[0]!, () => 'not_started');
});
afterAll(async () => t.close());

const stdUrl = (bodyId: number) => `/api/bodies/${bodyId}/standardization`;
const stepUrl = (bodyId: number, areaId: number, stepId: number) => `/api/bodies/${bodyId}/standardization/${areaId}/steps/${stepId}`;

describe('body standardization', () => {
  it('has a template of at least 20 steps (the fixtures need it)', () => {
    expect(n).toBeGreaterThanOrEqual(20);
    expect(areaIds).toHaveLength(20);
  });

  it("computes the ministry's rate (done + 対象外) / steps per area and per body", async () => {
    const res = await t.inject({ url: stdUrl(bodyA) });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.bodyId).toBe(bodyA);
    expect(s.stepCount).toBe(2 * n);
    expect(s.counts).toEqual({ done: 20, not_applicable: 15, in_progress: 5, not_started: 2 * n - 40 });
    expect(s.completionRate).toBe(35 / (2 * n));

    expect(s.areas.map((a: { areaId: number }) => a.areaId)).toEqual([areaIds[0], areaIds[1]]);
    const [a1, a2] = s.areas;
    expect(a1).toMatchObject({
      bodyAreaId: bodyAreaA1,
      name: '住民基本台帳',
      sectionName: '市民課',
      itemId,
      migrationSupport: true,
      completionRate: 15 / n,
      counts: { done: 10, not_applicable: 5, in_progress: 5, not_started: n - 20 },
      deadline: { originalDate: '2026-03-31', effectiveDate: '2026-03-31', extended: false },
    });
    expect(a1.steps).toHaveLength(n);
    expect(a1.steps[0]).toMatchObject({ stepId: stepIds[0], status: 'done', version: 1 });
    expect(a1.steps.map((x: { stepId: number }) => x.stepId)).toEqual(stepIds);
    expect(a2).toMatchObject({
      name: '選挙人名簿管理',
      sectionId: null,
      sectionName: null,
      itemId: null,
      migrationSupport: false,
      deadline: null,
      completionRate: 20 / n,
      counts: { done: 10, not_applicable: 10, in_progress: 0, not_started: n - 20 },
    });
    if (n === 40) {
      expect(a1.completionRate).toBe(0.375);
      expect(a2.completionRate).toBe(0.5);
      expect(s.completionRate).toBe(0.4375);
    }
  });

  it("shows the area's deadline as extended when the body has an extension", async () => {
    const deadline = t.db.select().from(nationalDeadlines).where(eq(nationalDeadlines.code, 'std_migration')).get()!;
    const ext = await t.inject({
      method: 'POST',
      url: `/api/national-deadlines/${deadline.id}/extensions`,
      payload: { bodyId: bodyA, extendedDueDate: '2031-03-31' },
    });
    expect(ext.statusCode).toBe(201);
    const a1 = (await t.inject({ url: stdUrl(bodyA) })).json().areas[0];
    expect(a1.deadline).toMatchObject({ code: 'std_migration', originalDate: '2026-03-31', effectiveDate: '2031-03-31', extended: true });
    await t.inject({ method: 'DELETE', url: `/api/deadline-extensions/${ext.json().id}` });
  });

  it('gives null rates for a body without business areas, and 404 for an unknown body', async () => {
    const empty = (await t.inject({ url: stdUrl(bodyEmpty) })).json();
    expect(empty).toEqual({
      bodyId: bodyEmpty,
      completionRate: null,
      counts: { not_started: 0, in_progress: 0, done: 0, not_applicable: 0 },
      stepCount: 0,
      areas: [],
    });
    const unknown = await t.inject({ url: stdUrl(99999) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
  });
});

describe('updating a step', () => {
  it('updates a status, bumps the version and moves the rate', async () => {
    const stepId = stepIds[n - 1]!; // not started in area 1
    const res = await t.inject({ method: 'PATCH', url: stepUrl(bodyA, areaIds[0]!, stepId), payload: { status: 'not_applicable', version: 1 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stepId, status: 'not_applicable', version: 2 });
    const a1 = (await t.inject({ url: stdUrl(bodyA) })).json().areas[0];
    expect(a1.completionRate).toBe(16 / n);
    expect(a1.counts.not_applicable).toBe(6);
  });

  it('refuses a stale version with 409 and the current step, changing nothing', async () => {
    const stepId = stepIds[n - 1]!;
    const before = dumpTables(t.db);
    const res = await t.inject({ method: 'PATCH', url: stepUrl(bodyA, areaIds[0]!, stepId), payload: { status: 'done', version: 1 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VERSION_CONFLICT');
    expect(res.json().details.current).toMatchObject({ stepId, status: 'not_applicable', version: 2 });
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('refuses bad input with 400 and unknown areas or steps with 404, changing nothing', async () => {
    const before = dumpTables(t.db);
    const url = stepUrl(bodyA, areaIds[0]!, stepIds[0]!);
    const bad = await t.inject({ method: 'PATCH', url, payload: { status: 'finished', version: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'status', code: 'enum' });
    expect(bad.json().message).toContain('状況');
    for (const payload of [{ status: 'done' }, { status: 'done', version: 1, note: 'x' }, { status: 'done', version: '1' }]) {
      expect((await t.inject({ method: 'PATCH', url, payload })).statusCode).toBe(400);
    }
    const notFound = [
      stepUrl(bodyA, areaIds[2]!, stepIds[0]!), // body A does not migrate area 3
      stepUrl(bodyA, areaIds[0]!, 99999),
      stepUrl(99999, areaIds[0]!, stepIds[0]!),
      stepUrl(bodyEmpty, areaIds[0]!, stepIds[0]!),
    ];
    for (const u of notFound) {
      const res = await t.inject({ method: 'PATCH', url: u, payload: { status: 'done', version: 1 } });
      expect(res.statusCode, u).toBe(404);
    }
    expect(dumpTables(t.db)).toEqual(before);
  });
});

describe('summary across bodies', () => {
  it('gives each body its rate from one aggregate, equal to the detailed rate', async () => {
    const res = await t.inject({ url: '/api/standardization/summary' });
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { bodyId: number; completionRate: number | null; stepCount: number; doneOrNa: number }[];
    const a = rows.find((r) => r.bodyId === bodyA)!;
    const detail = (await t.inject({ url: stdUrl(bodyA) })).json();
    expect(a).toMatchObject({ code: '432121', name: '上天草市', prefectureName: '熊本県', stepCount: 2 * n, doneOrNa: 36 });
    expect(a.completionRate).toBe(36 / (2 * n));
    expect(a.completionRate).toBe(detail.completionRate);
    expect(rows.find((r) => r.bodyId === bodyB)).toMatchObject({ stepCount: n, doneOrNa: 0, completionRate: 0 });
    expect(rows.find((r) => r.bodyId === bodyEmpty)).toMatchObject({ stepCount: 0, doneOrNa: 0, completionRate: null });
  });

  it('filters by prefecture and validates the query', async () => {
    const chiba = (await t.inject({ url: '/api/standardization/summary?prefectureCode=12' })).json() as { bodyId: number }[];
    expect(chiba.map((r) => r.bodyId).sort()).toEqual([bodyB, bodyEmpty].sort());
    expect((await t.inject({ url: '/api/standardization/summary?prefectureCode=x' })).statusCode).toBe(400);
    expect((await t.inject({ url: '/api/standardization/summary?foo=1' })).statusCode).toBe(400);
  });
});

describe('the step template', () => {
  it('adds a step to every business area of every body, not started, at the end', async () => {
    const bodyAreaIds = t.db.select({ id: bodyBusinessAreas.id }).from(bodyBusinessAreas).all().map((r) => r.id);
    const rowsBefore = t.db.select().from(bodyAreaSteps).all().length;
    const res = await t.inject({
      method: 'POST',
      url: '/api/standardization-steps',
      payload: { code: 'test_step', phase: '稼働後', name: '住民への周知' },
    });
    expect(res.statusCode).toBe(201);
    const step = res.json();
    expect(step).toMatchObject({ code: 'test_step', phase: '稼働後', name: '住民への周知' });
    const added = t.db.select().from(bodyAreaSteps).where(eq(bodyAreaSteps.stepId, step.id)).all();
    expect(added.map((r) => r.bodyAreaId).sort()).toEqual([...bodyAreaIds].sort());
    expect(added.every((r) => r.status === 'not_started' && r.version === 1)).toBe(true);
    expect(t.db.select().from(bodyAreaSteps).all()).toHaveLength(rowsBefore + bodyAreaIds.length);

    const template = (await t.inject({ url: '/api/standardization-steps' })).json() as { id: number }[];
    expect(template.at(-1)!.id).toBe(step.id);
    const s = (await t.inject({ url: stdUrl(bodyA) })).json();
    expect(s.stepCount).toBe(2 * (n + 1));
    expect(s.areas[0].steps.at(-1)).toMatchObject({ stepId: step.id, status: 'not_started', version: 1 });
    expect(s.completionRate).toBe(36 / (2 * (n + 1)));

    const patched = await t.inject({ method: 'PATCH', url: `/api/standardization-steps/${step.id}`, payload: { name: '住民・職員への周知', sortOrder: 5 } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: '住民・職員への周知', sortOrder: 5, code: 'test_step' });
    const first = (await t.inject({ url: '/api/standardization-steps' })).json()[0];
    expect(first.id).toBe(step.id);
  });

  it('refuses duplicate codes, bad input and unknown steps, changing nothing', async () => {
    const before = dumpTables(t.db);
    const dup = await t.inject({ method: 'POST', url: '/api/standardization-steps', payload: { code: 'test_step', phase: 'x', name: 'y' } });
    expect(dup.statusCode).toBe(409);
    const missing = await t.inject({ method: 'POST', url: '/api/standardization-steps', payload: { code: 'z', phase: 'x' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('name');
    const codeChange = await t.inject({ method: 'PATCH', url: `/api/standardization-steps/${stepIds[0]}`, payload: { code: 'other' } });
    expect(codeChange.statusCode).toBe(400);
    const unknown = await t.inject({ method: 'PATCH', url: '/api/standardization-steps/99999', payload: { name: 'x' } });
    expect(unknown.statusCode).toBe(404);
    expect(dumpTables(t.db)).toEqual(before);
    // A rejected step left no orphan rows behind.
    expect(t.db.select().from(bodyAreaSteps).where(inArray(bodyAreaSteps.stepId, [99999])).all()).toEqual([]);
    expect(t.db.select().from(bodyAreaSteps).where(and(eq(bodyAreaSteps.bodyAreaId, bodyAreaA1))).all()).toHaveLength(n + 1);
  });
});
