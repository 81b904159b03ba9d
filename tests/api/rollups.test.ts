/**
 * Roll-up API on a small generated data set (3 prefectures, 4 municipalities each, scale-calibrated
 * 特定移行支援), with every expected number computed here independently by SQL over the base rows
 * (body_area_steps, body_business_areas, local_bodies), never from the roll-up tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNational } from '../../seed/national/generate.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { milestoneAdherence } from '../../server/domain/adherence.ts';
import { compareIsoDates } from '../../server/domain/dates.ts';
import { effectiveSystemDeadline, type ExtensionLike } from '../../server/domain/deadlines.ts';
import { MILESTONE_STATUS_LABELS } from '../../server/domain/labels.ts';
import { MILESTONE_EXPORT_HEADER } from '../../server/services/milestone-export.ts';
import { parseCsv } from '../helpers/csv.ts';

let t: TestApp;
const TODAY = '2026-11-23';

beforeAll(async () => {
  t = await createTestApp({ today: TODAY });
  generateNational(t.db, { seed: 7, scale: 12 * 47 / 1741 / 3, prefectures: 3 });
});
afterAll(async () => {
  await t?.close();
});

const all = <T>(sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).get(...args) as T;

/** Per body, from the base rows: steps, done+対象外, areas, complete areas, 特定移行支援 areas and the incomplete non-support ones. */
const BODY_SQL = `WITH a AS (
    SELECT ba.id, ba.body_id, ba.migration_support AS ms, count(s.step_id) AS steps,
      coalesce(sum(s.status IN ('done', 'not_applicable')), 0) AS ok,
      coalesce(sum(s.status = 'done'), 0) AS done, coalesce(sum(s.status = 'not_applicable'), 0) AS na,
      coalesce(sum(s.status = 'in_progress'), 0) AS ip, coalesce(sum(s.status = 'not_started'), 0) AS ns
    FROM body_business_areas ba LEFT JOIN body_area_steps s ON s.body_area_id = ba.id GROUP BY ba.id)
  SELECT b.id, b.code, b.prefecture_code AS pref, count(a.id) AS areas, coalesce(sum(a.steps), 0) AS steps, coalesce(sum(a.ok), 0) AS ok,
    coalesce(sum(a.done), 0) AS done, coalesce(sum(a.na), 0) AS na, coalesce(sum(a.ip), 0) AS ip, coalesce(sum(a.ns), 0) AS ns,
    coalesce(sum(a.steps > 0 AND a.ok = a.steps), 0) AS completeAreas, coalesce(sum(a.ms), 0) AS msAreas,
    coalesce(sum(a.ms = 0 AND NOT (a.steps > 0 AND a.ok = a.steps)), 0) AS openOrdinary
  FROM local_bodies b LEFT JOIN a ON a.body_id = b.id GROUP BY b.id ORDER BY b.id`;
interface B { id: number; code: string; pref: string; areas: number; steps: number; ok: number; done: number; na: number; ip: number; ns: number; completeAreas: number; msAreas: number; openOrdinary: number }

/**
 * Every system (body × business area) judged by the domain rule (effectiveSystemDeadline) over the base
 * rows — the SQL of the roll-ups must agree: past = not complete and today after its own deadline.
 */
function systemStates() {
  const std = one<{ id: number; dueDate: string }>("SELECT id, due_date AS dueDate FROM national_deadlines WHERE code = 'std_migration'");
  const exts = all<ExtensionLike>('SELECT deadline_id AS deadlineId, body_id AS bodyId, item_id AS itemId, area_id AS areaId, extended_due_date AS extendedDueDate FROM deadline_extensions');
  return all<{ body_id: number; area_id: number; pref: string; steps: number; ok: number }>(`SELECT ba.body_id, ba.area_id, b.prefecture_code AS pref,
      count(s.step_id) AS steps, coalesce(sum(s.status IN ('done', 'not_applicable')), 0) AS ok
    FROM body_business_areas ba JOIN local_bodies b ON b.id = ba.body_id LEFT JOIN body_area_steps s ON s.body_area_id = ba.id GROUP BY ba.id`).map((x) => {
    const e = effectiveSystemDeadline(std, exts, { bodyId: x.body_id, areaId: x.area_id });
    const complete = x.steps > 0 && x.ok === x.steps;
    return { ...x, past: !complete && compareIsoDates(TODAY, e.effectiveDate) > 0, extended: e.extended };
  });
}

describe('GET /api/rollups/national', () => {
  it('equals the figures computed from the base rows', async () => {
    const res = await t.inject('/api/rollups/national');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const bodies = all<B>(BODY_SQL);
    expect(bodies.length).toBe(15);
    const sum = (f: (b: B) => number, list = bodies) => list.reduce((s, b) => s + f(b), 0);
    const complete = (b: B) => Number(b.steps > 0 && b.ok === b.steps);
    const systems = systemStates();
    const pastBodies = (list: B[]) => list.filter((b) => systems.some((x) => x.body_id === b.id && x.past)).length;
    expect(r.totals).toEqual({
      bodies: 15,
      bodiesWithAreas: sum((b) => Number(b.areas > 0)),
      completeBodies: sum(complete),
      bodiesIncomplete: sum((b) => Number(b.areas > 0 && !complete(b))),
      bodiesPastDeadline: pastBodies(bodies),
      migrationSupportBodies: sum((b) => Number(b.msAreas > 0)),
      bodyAreas: sum((b) => b.areas),
      completeAreas: sum((b) => b.completeAreas),
      migrationSupportAreas: sum((b) => b.msAreas),
      systemsPastDeadline: systems.filter((x) => x.past).length,
      extendedSystems: systems.filter((x) => x.extended).length,
      steps: sum((b) => b.steps),
      counts: { done: sum((b) => b.done), not_applicable: sum((b) => b.na), in_progress: sum((b) => b.ip), not_started: sum((b) => b.ns) },
      completionRate: sum((b) => b.ok) / sum((b) => b.steps),
    });
    // The generator's calibration: 36.0% of bodies, 10.9% of systems (rounded at this size).
    expect(r.migrationSupport.bodies).toBe(Math.round((643 / 1788) * 15));
    expect(r.migrationSupport.systems).toBe(Math.round((3770 / 34592) * r.totals.bodyAreas));
    expect(r.deadline).toMatchObject({ code: 'std_migration', dueDate: '2026-03-31', passed: true });

    expect(r.prefectures.map((p: { prefectureCode: string }) => p.prefectureCode)).toEqual(['01', '02', '03']);
    for (const p of r.prefectures) {
      const mine = bodies.filter((b) => b.pref === p.prefectureCode);
      expect(p.bodies).toBe(mine.length);
      expect(p.steps).toBe(sum((b) => b.steps, mine));
      expect(p.completionRate).toBeCloseTo(sum((b) => b.ok, mine) / sum((b) => b.steps, mine), 12);
      expect(p.bodiesIncomplete).toBe(sum((b) => Number(b.areas > 0 && !complete(b)), mine));
      expect(p.bodiesPastDeadline).toBe(pastBodies(mine));
      expect(p.systemsPastDeadline).toBe(systems.filter((x) => x.pref === p.prefectureCode && x.past).length);
      expect(p.migrationSupportAreas).toBe(sum((b) => b.msAreas, mine));
    }
    const areas = all<{ area_id: number; steps: number; ok: number; n: number; ms: number }>(`SELECT ba.area_id, count(s.step_id) AS steps,
      sum(s.status IN ('done','not_applicable')) AS ok, count(DISTINCT ba.id) AS n, count(DISTINCT CASE WHEN ba.migration_support THEN ba.id END) AS ms
      FROM body_business_areas ba JOIN body_area_steps s ON s.body_area_id = ba.id GROUP BY ba.area_id ORDER BY ba.area_id`);
    expect(r.areas).toHaveLength(20);
    for (const a of areas) {
      const row = r.areas.find((x: { areaId: number }) => x.areaId === a.area_id);
      expect(row).toMatchObject({
        steps: a.steps,
        bodyAreas: a.n,
        migrationSupportAreas: a.ms,
        systemsPastDeadline: systems.filter((x) => x.area_id === a.area_id && x.past).length,
        extendedSystems: systems.filter((x) => x.area_id === a.area_id && x.extended).length,
      });
      expect(row.completionRate).toBeCloseTo(a.ok / a.steps, 12);
    }
  });

  it('follows a step update through the API at once (same transaction)', async () => {
    const before = (await t.inject('/api/rollups/national')).json();
    const s = one<{ body_id: number; area_id: number; step_id: number; version: number }>(`SELECT ba.body_id, ba.area_id, s.step_id, s.version
      FROM body_area_steps s JOIN body_business_areas ba ON ba.id = s.body_area_id WHERE s.status = 'not_started' LIMIT 1`);
    const res = await t.inject({ method: 'PATCH', url: `/api/bodies/${s.body_id}/standardization/${s.area_id}/steps/${s.step_id}`, payload: { status: 'done', version: s.version } });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await t.inject('/api/rollups/national')).json();
    expect(after.totals.counts.done).toBe(before.totals.counts.done + 1);
    expect(after.totals.counts.not_started).toBe(before.totals.counts.not_started - 1);
  });
});

describe('GET /api/rollups/prefectures/:prefectureCode', () => {
  it('ranks the bodies by the rate from the base rows and compares with the country', async () => {
    const res = await t.inject('/api/rollups/prefectures/02');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // Its municipalities: the prefecture's own body is not ranked among them (issue 19).
    const kinds = new Map(all<{ id: number; kind: string }>('SELECT id, kind FROM local_bodies').map((b) => [b.id, b.kind]));
    const mine = all<B>(BODY_SQL).filter((b) => b.pref === '02' && kinds.get(b.id) !== 'prefecture');
    expect(mine.length).toBeGreaterThan(0);
    const rate = (b: B) => (b.steps === 0 ? -1 : b.ok / b.steps);
    const sorted = [...mine].sort((a, b) => rate(b) - rate(a) || a.code.localeCompare(b.code));
    expect(r.bodies.map((b: { code: string }) => b.code)).toEqual(sorted.map((b) => b.code));
    sorted.forEach((b, i) => {
      const row = r.bodies[i];
      expect(row.rank).toBe(1 + sorted.filter((o) => rate(o) > rate(b)).length);
      expect(row.steps).toBe(b.steps);
      expect(row.completionRate).toBeCloseTo(b.ok / b.steps, 12);
      const own = systemStates().filter((x) => x.body_id === b.id);
      expect(row.pastDeadline).toBe(own.some((x) => x.past));
      expect(row.systemsPastDeadline).toBe(own.filter((x) => x.past).length);
      expect(row.extendedSystems).toBe(own.filter((x) => x.extended).length);
    });
    const all15 = all<B>(BODY_SQL);
    expect(r.national.completionRate).toBeCloseTo(all15.reduce((s, b) => s + b.ok, 0) / all15.reduce((s, b) => s + b.steps, 0), 12);
    expect(r.prefectureName).toBe('青森県');
    expect(r.areas).toHaveLength(20);
  });

  it('404 for a prefecture without bodies, 400 for a malformed code', async () => {
    expect((await t.inject('/api/rollups/prefectures/13')).statusCode).toBe(404);
    expect((await t.inject('/api/rollups/prefectures/99')).statusCode).toBe(400);
  });
});

describe('GET /api/bodies/:bodyId/peers', () => {
  it('compares a body with its prefecture and the country', async () => {
    const bodies = all<B>(BODY_SQL);
    const b = bodies.find((x) => x.pref === '03' && x.msAreas > 0) ?? bodies.find((x) => x.pref === '03')!;
    const res = await t.inject(`/api/bodies/${b.id}/peers`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const rate = (x: B) => x.ok / x.steps;
    const pref = bodies.filter((x) => x.pref === '03');
    expect(r.completionRate).toBeCloseTo(rate(b), 12);
    expect(r.prefectureCompletionRate).toBeCloseTo(pref.reduce((s, x) => s + x.ok, 0) / pref.reduce((s, x) => s + x.steps, 0), 12);
    // 県内: among the prefecture's municipalities (the prefecture's own body is not one of them).
    const kinds = new Map(all<{ id: number; kind: string }>('SELECT id, kind FROM local_bodies').map((x) => [x.id, x.kind]));
    const municipalities = pref.filter((x) => kinds.get(x.id) !== 'prefecture' && x.steps > 0);
    expect(r.rankInPrefecture).toEqual({ rank: 1 + municipalities.filter((x) => rate(x) > rate(b)).length, of: municipalities.length });
    expect(r.rankNational).toEqual({ rank: 1 + bodies.filter((x) => x.steps > 0 && rate(x) > rate(b)).length, of: bodies.filter((x) => x.steps > 0).length });
    expect(r.areas.filter((a: { migrationSupport: boolean }) => a.migrationSupport)).toHaveLength(b.msAreas);
  });
});

describe('who may read roll-ups', () => {
  it('national: admin only; prefecture: its own prefecture; peers: body readers', async () => {
    const body = one<{ id: number; code: string; other: number }>(`SELECT (SELECT code FROM local_bodies WHERE code LIKE '01%' AND kind != 'prefecture' LIMIT 1) AS code, (SELECT id FROM local_bodies WHERE code LIKE '01%' AND kind != 'prefecture' LIMIT 1) AS id,
      (SELECT id FROM local_bodies WHERE code LIKE '02%' LIMIT 1) AS other`);
    await t.createUser({ username: 'pref01', role: 'prefecture', prefectureCode: '01' });
    await t.createUser({ username: 'hq01', role: 'hq', bodyCode: body.code });
    const pref = t.as('pref01');
    const hq = t.as('hq01');
    expect((await pref.inject('/api/rollups/national')).statusCode).toBe(403);
    expect((await pref.inject('/api/rollups/prefectures/01')).statusCode).toBe(200);
    expect((await pref.inject('/api/rollups/prefectures/02')).statusCode).toBe(403);
    expect((await pref.inject(`/api/bodies/${body.id}/peers`)).statusCode).toBe(200);
    expect((await hq.inject('/api/rollups/prefectures/01')).statusCode).toBe(403);
    expect((await hq.inject(`/api/bodies/${body.id}/peers`)).statusCode).toBe(200);
    expect((await hq.inject(`/api/bodies/${body.other}/peers`)).statusCode).toBe(403);
  });
});

describe('categories in the national and prefecture roll-ups', () => {
  /** Expected from the base rows with the domain's own adherence rule, in JS (not the roll-up SQL). */
  function expectedCategories(pref: string | null) {
    const rows = all<{ categoryId: number; code: string; name: string; itemId: number; bodyId: number; plannedDate: string | null; actualDate: string | null; status: string | null }>(
      `SELECT c.id AS categoryId, c.code, c.name, i.id AS itemId, p.body_id AS bodyId, m.planned_date AS plannedDate, m.actual_date AS actualDate, m.status
       FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id JOIN categories c ON c.id = i.category_id
       LEFT JOIN milestones m ON m.item_id = i.id WHERE ? IS NULL OR b.prefecture_code = ? ORDER BY c.sort_order, c.id`,
      pref,
      pref,
    );
    const out = new Map<number, any>();
    for (const r of rows) {
      const c =
        out.get(r.categoryId) ??
        out.set(r.categoryId, { categoryId: r.categoryId, code: r.code, name: r.name, items: new Set(), bodies: new Set(), milestones: 0, applicable: 0, due: 0, done: 0, onTime: 0, late: 0, overdue: 0, overdueBodies: new Set() }).get(r.categoryId);
      c.items.add(r.itemId);
      c.bodies.add(r.bodyId);
      if (r.status === null) continue;
      c.milestones++;
      const a = milestoneAdherence({ plannedDate: r.plannedDate!, actualDate: r.actualDate, status: r.status as any }, TODAY);
      if (a.kind === 'not_applicable') continue;
      c.applicable++;
      if (r.plannedDate! <= TODAY) c.due++;
      if (r.status === 'done') c.done++;
      if (a.kind === 'done_on_time') c.onTime++;
      if (a.kind === 'done_late') c.late++;
      if (a.kind === 'overdue') {
        c.overdue++;
        c.overdueBodies.add(r.bodyId);
      }
    }
    const rate = (a: number, b: number) => (b === 0 ? null : a / b);
    return [...out.values()].map((c) => ({
      categoryId: c.categoryId,
      code: c.code,
      name: c.name,
      items: c.items.size,
      bodies: c.bodies.size,
      milestones: c.milestones,
      applicableMilestones: c.applicable,
      milestonesDue: c.due,
      milestonesDone: c.done,
      milestonesDoneOnTime: c.onTime,
      milestonesDoneLate: c.late,
      overdueMilestones: c.overdue,
      progress: rate(c.done, c.applicable),
      onTimeRate: rate(c.onTime, c.onTime + c.late + c.overdue),
      bodiesWithOverdue: c.overdueBodies.size,
    }));
  }

  it('count items and milestones by category with the dashboard rules (country and prefecture)', async () => {
    const national = (await t.inject('/api/rollups/national')).json();
    const expected = expectedCategories(null);
    expect(expected.length).toBeGreaterThan(2);
    expect(expected.some((c) => c.overdueMilestones > 0)).toBe(true);
    expect(national.categories).toEqual(expected);
    const pref = national.prefectures[1].prefectureCode as string;
    const prefecture = (await t.inject(`/api/rollups/prefectures/${pref}`)).json();
    expect(prefecture.categories).toEqual(expectedCategories(pref));
  });

  it('follow a milestone marked done at once (the cached answer is replaced)', async () => {
    const before = (await t.inject('/api/rollups/national')).json();
    const m = one<{ id: number; version: number }>("SELECT id, version FROM milestones WHERE status <> 'done' AND status <> 'not_applicable' AND planned_date < ? ORDER BY id LIMIT 1", TODAY);
    const res = await t.inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, status: 'done', actualDate: TODAY } });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await t.inject('/api/rollups/national')).json();
    const done = (r: any) => r.categories.reduce((s: number, c: any) => s + c.milestonesDone, 0);
    expect(done(after)).toBe(done(before) + 1);
    expect(after.categories).toEqual(expectedCategories(null));
  });
});

describe('milestone CSV exports (streamed)', () => {
  const expectedRows = (pref: string | null) =>
    all<Record<string, string | null>>(
      `SELECT b.code, b.prefecture_name, b.name, c.name AS category, i.title, s.name AS section, m.title AS milestone, m.planned_date, m.actual_date, m.status
       FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id
       JOIN categories c ON c.id = i.category_id JOIN sections s ON s.id = i.section_id
       WHERE ? IS NULL OR b.prefecture_code = ? ORDER BY b.code, p.id, i.sort_order, i.id, m.sort_order, m.id`,
      pref,
      pref,
    ).map((r) => {
      const a = milestoneAdherence({ plannedDate: r.planned_date!, actualDate: r.actual_date ?? null, status: r.status as any }, TODAY);
      const label = { done_on_time: '予定どおり完了', done_late: '遅れて完了', overdue: '期限超過', upcoming: '予定', not_applicable: '対象外' }[a.kind];
      return [r.code, r.prefecture_name, r.name, r.category, r.title, r.section, r.milestone, r.planned_date, r.actual_date ?? '', MILESTONE_STATUS_LABELS[r.status as 'done'], label];
    });

  it('national: BOM, Japanese header, one row per milestone equal to the base rows, with adherence as of today', async () => {
    const res = await t.inject('/api/rollups/national/milestones.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(res.rawPayload.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual([...MILESTONE_EXPORT_HEADER]);
    const expected = expectedRows(null);
    expect(expected.length).toBeGreaterThan(100);
    expect(rows.slice(1)).toEqual(expected);
  });

  it('prefecture: only its bodies; refused to a prefecture user of another prefecture', async () => {
    const prefs = all<{ c: string }>('SELECT DISTINCT prefecture_code AS c FROM local_bodies ORDER BY 1').map((r) => r.c);
    const res = await t.inject(`/api/rollups/prefectures/${prefs[0]}/milestones.csv`);
    const rows = parseCsv(res.rawPayload.subarray(3).toString('utf8'));
    expect(rows.slice(1)).toEqual(expectedRows(prefs[0]!));
    await t.createUser({ username: 'pref-user-csv', role: 'prefecture', prefectureCode: prefs[1] } as any);
    const other = await t.as('pref-user-csv').inject(`/api/rollups/prefectures/${prefs[0]}/milestones.csv`);
    expect(other.statusCode).toBe(403);
    const national = await t.as('pref-user-csv').inject('/api/rollups/national/milestones.csv');
    expect(national.statusCode).toBe(403);
  });
});

describe('extensions per system (issue 18)', () => {
  it('the generator extends each 特定移行支援システム alone, never a whole body', () => {
    const exts = all<{ body_id: number; area_id: number | null; item_id: number | null; d: string }>(
      'SELECT e.body_id, e.area_id, e.item_id, e.extended_due_date AS d FROM deadline_extensions e',
    );
    expect(exts.length).toBeGreaterThan(0);
    expect(exts.filter((e) => e.area_id === null)).toEqual([]);
    const support = all<{ body_id: number; area_id: number }>('SELECT body_id, area_id FROM body_business_areas WHERE migration_support = 1 ORDER BY body_id, area_id');
    expect(exts.map((e) => ({ body_id: e.body_id, area_id: e.area_id })).sort((a, b) => a.body_id - b.body_id || a.area_id! - b.area_id!)).toEqual(support);
    expect(new Set(exts.map((e) => e.d))).toEqual(new Set(['2031-03-31']));
  });

  it('a system open after 2026-03-31 without an extension is past the deadline, even in a body with extended systems', async () => {
    // A body with both: extended 特定移行支援 systems, and an ordinary system still open.
    const row = one<{ body_id: number; area_id: number } | undefined>(`SELECT ba.body_id, ba.area_id FROM body_business_areas ba
      WHERE ba.migration_support = 0 AND EXISTS (SELECT 1 FROM body_business_areas o WHERE o.body_id = ba.body_id AND o.migration_support = 1)
      ORDER BY ba.body_id, ba.area_id LIMIT 1`)!;
    // Make sure that ordinary system is open (a step back to 作業中).
    const step = one<{ step_id: number; version: number }>(`SELECT s.step_id, s.version FROM body_area_steps s JOIN body_business_areas ba ON ba.id = s.body_area_id
      WHERE ba.body_id = ? AND ba.area_id = ? ORDER BY s.step_id DESC LIMIT 1`, row.body_id, row.area_id);
    const patch = await t.inject({ method: 'PATCH', url: `/api/bodies/${row.body_id}/standardization/${row.area_id}/steps/${step.step_id}`, payload: { status: 'in_progress', version: step.version } });
    expect(patch.statusCode, patch.body).toBe(200);
    const pref = one<{ p: string }>('SELECT prefecture_code AS p FROM local_bodies WHERE id = ?', row.body_id).p;
    const body = (await t.inject(`/api/rollups/prefectures/${pref}`)).json().bodies.find((b: { bodyId: number }) => b.bodyId === row.body_id);
    expect(body.extendedSystems).toBeGreaterThan(0);
    expect(body.systemsPastDeadline).toBeGreaterThanOrEqual(1);
    expect(body.pastDeadline).toBe(true);
    // The body's plan item for standardization answers to the original deadline (no whole-body extension):
    // with its migration milestone still open it is 期限超過.
    // (The deadline sits on the milestone that answers it: issue 12.)
    const m = one<{ id: number; version: number }>(`SELECT m.id, m.version FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id
      JOIN national_deadlines d ON d.id = m.national_deadline_id WHERE p.body_id = ? AND d.code = 'std_migration' ORDER BY m.planned_date DESC LIMIT 1`, row.body_id);
    const reopen = await t.inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { status: 'in_progress', actualDate: null, version: m.version } });
    expect(reopen.statusCode, reopen.body).toBe(200);
    const items = (await t.inject(`/api/bodies/${row.body_id}/items?pageSize=100`)).json().items;
    const std = items.find((i: { deadline: { code: string } | null }) => i.deadline?.code === 'std_migration');
    expect(std.deadline).toMatchObject({ effectiveDate: '2026-03-31', extended: false });
    expect(std.status).toBe('past_deadline');
  });
});
