/**
 * National → prefecture → body roll-ups of standardization, from the maintained count tables only.
 * Rates are the ministry's ((完了 + 対象外) / steps) weighted by steps: a prefecture's rate is its steps'
 * rate, not the mean of its bodies' rates, exactly as summing the ministry's per-step statuses would give.
 */
import type { Db } from '../db/client.ts';
import { compareIsoDates } from '../domain/dates.ts';
import { effectiveSystemDeadline } from '../domain/deadlines.ts';
import { notFound } from '../errors.ts';
import * as repo from '../repositories/rollups.ts';
import type { BodyPeers, BodyRollupRow, CategoryRollupRow, MunicipalityCategories, NationalRollup, PrefectureRollup, RollupTotals } from '../schemas/rollups.ts';

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function stepPart(r: repo.CountsRow) {
  const counts = { not_started: r.not_started, in_progress: r.in_progress, done: r.done, not_applicable: r.not_applicable };
  return { steps: r.steps, counts, completionRate: ratio(r.done + r.not_applicable, r.steps) };
}

/** Area counts plus, per system, whether it is past its own deadline (extensions included) or extended. */
type AreaCounts = repo.AreaCountsRow & { systems_past: number; extended: number };
type BodiesCounts = Omit<repo.PrefectureBodiesRow, 'prefecture_code' | 'prefecture_name'> & { past_bodies: number };

const areaPart = (r: AreaCounts) => ({
  bodyAreas: r.body_areas,
  completeAreas: r.complete_areas,
  migrationSupportAreas: r.ms_areas,
  systemsPastDeadline: r.systems_past,
  extendedSystems: r.extended,
});

const bodyPart = (r: BodiesCounts) => ({
  bodies: r.bodies,
  bodiesWithAreas: r.bodies_with_areas,
  completeBodies: r.complete_bodies,
  bodiesIncomplete: r.incomplete,
  bodiesPastDeadline: r.past_bodies,
  migrationSupportBodies: r.ms_bodies,
});

const ZERO_AREA: AreaCounts = { body_areas: 0, complete_areas: 0, ms_areas: 0, not_started: 0, in_progress: 0, done: 0, not_applicable: 0, steps: 0, systems_past: 0, extended: 0 };
const ZERO_BODIES: BodiesCounts = { bodies: 0, bodies_with_areas: 0, complete_bodies: 0, incomplete: 0, ms_bodies: 0, past_bodies: 0 };

function addAreas(a: AreaCounts, b: Partial<AreaCounts>): AreaCounts {
  return Object.fromEntries(Object.keys(ZERO_AREA).map((k) => [k, a[k as keyof AreaCounts] + (b[k as keyof AreaCounts] ?? 0)])) as unknown as AreaCounts;
}
function addBodies(a: BodiesCounts, b: BodiesCounts): BodiesCounts {
  return Object.fromEntries(Object.keys(ZERO_BODIES).map((k) => [k, a[k as keyof BodiesCounts] + b[k as keyof BodiesCounts]])) as BodiesCounts;
}

function totals(areas: AreaCounts, bodies: BodiesCounts): RollupTotals {
  return { ...bodyPart(bodies), ...areaPart(areas), ...stepPart(areas) };
}

function deadlineOf(db: Db, today: string) {
  const d = repo.findStandardizationDeadline(db);
  return d ? { ...d, passed: compareIsoDates(today, d.dueDate) > 0 } : null;
}

const areaKey = (prefectureCode: string, areaId: number) => `${prefectureCode}:${areaId}`;

interface SystemCounts {
  systems_past: number;
  extended: number;
}

/**
 * Every system (one body's business area) judged against its own deadline by the domain rule
 * (effectiveSystemDeadline: an extension of this body's area, else of the whole body, else std_migration),
 * summed per (prefecture, area) and per body. ~35,000 systems and their extensions, read once per answer
 * (answers are cached between writes).
 */
function systemCounts(db: Db, today: string): { byArea: Map<string, SystemCounts>; byBody: Map<number, SystemCounts & { prefecture_code: string }> } {
  const byArea = new Map<string, SystemCounts>();
  const byBody = new Map<number, SystemCounts & { prefecture_code: string }>();
  const deadline = repo.findStandardizationDeadlineRow(db);
  if (!deadline) return { byArea, byBody };
  const extensions = new Map<number, repo.ExtensionRow[]>();
  for (const e of repo.listBodyExtensions(db, deadline.id)) {
    const list = extensions.get(e.bodyId);
    if (list) list.push(e);
    else extensions.set(e.bodyId, [e]);
  }
  const originalPassed = compareIsoDates(today, deadline.dueDate) > 0;
  for (const s of repo.listSystems(db)) {
    const own = extensions.get(s.body_id);
    // Most bodies have no extension: their systems are due on the deadline itself.
    const e = own ? effectiveSystemDeadline(deadline, own, { bodyId: s.body_id, areaId: s.area_id }) : null;
    const passed = e ? compareIsoDates(today, e.effectiveDate) > 0 : originalPassed;
    const past = s.complete === 0 && passed ? 1 : 0;
    const extended = e?.extended ? 1 : 0;
    const k = areaKey(s.prefecture_code, s.area_id);
    let a = byArea.get(k);
    if (!a) byArea.set(k, (a = { systems_past: 0, extended: 0 }));
    a.systems_past += past;
    a.extended += extended;
    let b = byBody.get(s.body_id);
    if (!b) byBody.set(s.body_id, (b = { prefecture_code: s.prefecture_code, systems_past: 0, extended: 0 }));
    b.systems_past += past;
    b.extended += extended;
  }
  return { byArea, byBody };
}

/** Systems past their own deadline, per body (for comparing statuses before and after a data pack). */
export function systemsPastByBody(db: Db, today: string): Map<number, number> {
  return new Map([...systemCounts(db, today).byBody].map(([id, c]) => [id, c.systems_past]));
}

/** Per (prefecture, area): the maintained counts with the systems past their own deadline and the extended ones. */
function prefectureAreas(db: Db, systems: ReturnType<typeof systemCounts>): (AreaCounts & { prefecture_code: string; area_id: number })[] {
  return repo.listPrefectureAreas(db).map((r) => {
    const x = systems.byArea.get(areaKey(r.prefecture_code, r.area_id));
    return { ...r, systems_past: x?.systems_past ?? 0, extended: x?.extended ?? 0 };
  });
}

/** Per prefecture: its area counts summed, and its body counts. */
function prefectureTable(db: Db, systems: ReturnType<typeof systemCounts>, areaRows = prefectureAreas(db, systems)) {
  const areas = new Map<string, AreaCounts>();
  for (const r of areaRows) areas.set(r.prefecture_code, addAreas(areas.get(r.prefecture_code) ?? ZERO_AREA, r));
  const past = new Map<string, number>();
  for (const b of systems.byBody.values()) if (b.systems_past > 0) past.set(b.prefecture_code, (past.get(b.prefecture_code) ?? 0) + 1);
  return repo.listPrefectureBodies(db).map((b) => ({
    bodies: { ...b, past_bodies: past.get(b.prefecture_code) ?? 0 },
    areas: areas.get(b.prefecture_code) ?? ZERO_AREA,
  }));
}

/** Per area over some (prefecture, area) rows. */
function byArea(rows: (AreaCounts & { area_id: number })[]): Map<number, AreaCounts> {
  const m = new Map<number, AreaCounts>();
  for (const r of rows) m.set(r.area_id, addAreas(m.get(r.area_id) ?? ZERO_AREA, r));
  return m;
}

function nationalTotals(table: ReturnType<typeof prefectureTable>): RollupTotals {
  let areas = ZERO_AREA;
  let bodies = ZERO_BODIES;
  for (const p of table) {
    areas = addAreas(areas, p.areas);
    bodies = addBodies(bodies, p.bodies);
  }
  return totals(areas, bodies);
}

/** Milestones of the DX plan items by category (country or prefecture), with the dashboard's rates. */
export function categoryRollup(db: Db, today: string, prefectureCode: string | null): CategoryRollupRow[] {
  return repo
    .listCategoryMilestones(db, today, prefectureCode)
    .filter((r) => r.items > 0)
    .map((r) => ({
      categoryId: r.category_id,
      code: r.code,
      name: r.name,
      items: r.items,
      bodies: r.bodies,
      milestones: r.milestones,
      applicableMilestones: r.applicable,
      milestonesDue: r.due,
      milestonesDone: r.done,
      milestonesDoneOnTime: r.done_on_time,
      milestonesDoneLate: r.done_late,
      overdueMilestones: r.overdue,
      progress: ratio(r.done, r.applicable),
      onTimeRate: ratio(r.done_on_time, r.done_on_time + r.done_late + r.overdue),
      bodiesWithOverdue: r.bodies_with_overdue,
    }));
}

export function nationalRollup(db: Db, today: string): NationalRollup {
  const systems = systemCounts(db, today);
  const areaRows = prefectureAreas(db, systems);
  const table = prefectureTable(db, systems, areaRows);
  const t = nationalTotals(table);
  const national = byArea(areaRows);
  return {
    asOf: today,
    deadline: deadlineOf(db, today),
    totals: t,
    migrationSupport: {
      bodies: t.migrationSupportBodies,
      bodyShare: ratio(t.migrationSupportBodies, t.bodies),
      systems: t.migrationSupportAreas,
      systemShare: ratio(t.migrationSupportAreas, t.bodyAreas),
    },
    prefectures: table.map(({ bodies, areas }) => ({
      prefectureCode: bodies.prefecture_code,
      prefectureName: bodies.prefecture_name,
      ...bodyPart(bodies),
      ...areaPart(areas),
      ...stepPart(areas),
    })),
    areas: repo.listAreas(db).map((a) => {
      const r = national.get(a.id) ?? ZERO_AREA;
      return { areaId: a.id, code: a.code, name: a.name, ...areaPart(r), ...stepPart(r) };
    }),
    categories: categoryRollup(db, today, null),
  };
}

const completeOf = (r: repo.CountsRow) => r.done + r.not_applicable;

/** Bodies by rate, best first (ties by code); equal rates share a rank (1, 2, 2, 4); no steps: no rank. */
export function rankBodies(rows: repo.BodyCountsRow[], systems: Map<number, SystemCounts> = new Map()): BodyRollupRow[] {
  const sorted = [...rows].sort((a, b) => {
    if ((a.steps === 0) !== (b.steps === 0)) return a.steps === 0 ? 1 : -1;
    // a's rate > b's rate ⇔ ca·sb > cb·sa (integers, no rounding)
    const diff = completeOf(b) * a.steps - completeOf(a) * b.steps;
    return diff !== 0 ? diff : a.code.localeCompare(b.code);
  });
  let rank = 0;
  return sorted.map((r, i) => {
    const prev = sorted[i - 1];
    if (r.steps > 0 && !(prev && prev.steps > 0 && completeOf(prev) * r.steps === completeOf(r) * prev.steps)) rank = i + 1;
    const complete = r.steps > 0 && completeOf(r) === r.steps;
    return {
      bodyId: r.body_id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      isSample: r.is_sample === 1,
      areas: r.areas,
      completeAreas: r.complete_areas,
      migrationSupportAreas: r.ms_areas,
      ...stepPart(r),
      complete,
      pastDeadline: (systems.get(r.body_id)?.systems_past ?? 0) > 0,
      systemsPastDeadline: systems.get(r.body_id)?.systems_past ?? 0,
      extendedSystems: systems.get(r.body_id)?.extended ?? 0,
      rank: r.steps > 0 ? rank : null,
    };
  });
}

export function prefectureRollup(db: Db, prefectureCode: string, today: string): PrefectureRollup {
  const systems = systemCounts(db, today);
  const areaRows = prefectureAreas(db, systems);
  const table = prefectureTable(db, systems, areaRows);
  const mine = table.find((p) => p.bodies.prefecture_code === prefectureCode);
  if (!mine) throw notFound('都道府県', prefectureCode);
  const national = byArea(areaRows);
  const own = byArea(areaRows.filter((r) => r.prefecture_code === prefectureCode));
  return {
    asOf: today,
    deadline: deadlineOf(db, today),
    prefectureCode,
    prefectureName: mine.bodies.prefecture_name,
    totals: totals(mine.areas, mine.bodies),
    national: nationalTotals(table),
    bodies: rankBodies(repo.listBodiesOf(db, prefectureCode), systems.byBody),
    areas: repo.listAreas(db).map((a) => {
      const r = own.get(a.id) ?? ZERO_AREA;
      const n = national.get(a.id) ?? ZERO_AREA;
      return { areaId: a.id, code: a.code, name: a.name, ...areaPart(r), ...stepPart(r), nationalCompletionRate: ratio(completeOf(n), n.steps) };
    }),
    categories: categoryRollup(db, today, prefectureCode),
    municipalityCategories: municipalityCategories(db, today, prefectureCode),
  };
}

const onTime = (r: { done_on_time: number; done_late: number; overdue: number }) => ratio(r.done_on_time, r.done_on_time + r.done_late + r.overdue);

/** The prefecture's municipalities (not the prefecture itself) × the DX plan categories they have items in. */
export function municipalityCategories(db: Db, today: string, prefectureCode: string): MunicipalityCategories {
  const rows = repo.listBodyCategories(db, today, prefectureCode);
  const used = new Set(rows.map((r) => r.category_id));
  const categories = repo.listCategoryRefs(db).filter((c) => used.has(c.categoryId));
  const last = new Map(repo.listLastReports(db, prefectureCode).map((r) => [r.body_id, r.at]));
  const bodies = repo.listBodiesOf(db, prefectureCode).map((b) => {
    const own = rows.filter((r) => r.body_id === b.body_id);
    const sum = (k: 'items' | 'overdue' | 'done_on_time' | 'done_late') => own.reduce((n, r) => n + r[k], 0);
    return {
      bodyId: b.body_id,
      code: b.code,
      name: b.name,
      items: sum('items'),
      overdueMilestones: sum('overdue'),
      onTimeRate: onTime({ done_on_time: sum('done_on_time'), done_late: sum('done_late'), overdue: sum('overdue') }),
      lastReportedAt: last.get(b.body_id) ?? null,
      cells: categories.map((c) => {
        const r = own.find((x) => x.category_id === c.categoryId);
        return {
          categoryId: c.categoryId,
          items: r?.items ?? 0,
          itemsWithOverdue: r?.items_with_overdue ?? 0,
          overdueMilestones: r?.overdue ?? 0,
          onTimeRate: r ? onTime(r) : null,
        };
      }),
    };
  });
  return { categories, bodies };
}

export function bodyPeers(db: Db, bodyId: number): BodyPeers {
  const body = repo.findBody(db, bodyId);
  if (!body) throw notFound('団体', bodyId);
  const mine = new Map(repo.listBodyAreaCounts(db, bodyId).map((r) => [r.area_id, r]));
  const pref = new Map(repo.listPrefectureAreasOf(db, body.prefecture_code).map((r) => [r.area_id, r]));
  const national = new Map(repo.listNationalAreas(db).map((r) => [r.area_id, r]));
  const sum = (m: Map<number, repo.CountsRow>) => {
    let c = 0;
    let s = 0;
    for (const r of m.values()) {
      c += completeOf(r);
      s += r.steps;
    }
    return ratio(c, s);
  };
  const rank = (r: { higher: number; of: number }) => ({ rank: body.steps > 0 ? r.higher + 1 : null, of: r.of });
  return {
    bodyId,
    code: body.code,
    name: body.name,
    prefectureCode: body.prefecture_code,
    prefectureName: body.prefecture_name,
    completionRate: ratio(completeOf(body), body.steps),
    prefectureCompletionRate: sum(pref),
    nationalCompletionRate: sum(national),
    rankInPrefecture: rank(repo.rankInPrefecture(db, body.prefecture_code, completeOf(body), body.steps)),
    rankNational: rank(repo.rankNational(db, completeOf(body), body.steps)),
    areas: repo.listAreas(db).map((a) => {
      const m = mine.get(a.id);
      const p = pref.get(a.id);
      const n = national.get(a.id);
      return {
        areaId: a.id,
        code: a.code,
        name: a.name,
        hasArea: m !== undefined,
        migrationSupport: m?.migration_support === 1,
        completionRate: m ? ratio(completeOf(m), m.steps) : null,
        prefectureCompletionRate: p ? ratio(completeOf(p), p.steps) : null,
        nationalCompletionRate: n ? ratio(completeOf(n), n.steps) : null,
      };
    }),
  };
}
