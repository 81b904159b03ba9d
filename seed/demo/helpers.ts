/**
 * Shared helpers of the demo seed: fixed timestamps, a small seeded PRNG, the
 * ministry-style step-status generator and thin insert helpers that check the invariants the schema
 * cannot (dates in order, nothing reported after the demo's "today").
 *
 * Everything here is deterministic: no Math.random, no `new Date()`. Dates are plain `YYYY-MM-DD` strings
 * (calendar dates in Japan). Date, fiscal-year and local-government-code rules come from `server/domain/`:
 * the seed only calls them.
 */
import { asc, eq } from 'drizzle-orm';
import type { ReferencePack } from '../../server/schemas/reference-pack.ts';
import type { Db } from '../../server/db/client.ts';
import {
  referencePackContents,
  referencePacks,
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
  type KpiDirection,
  type KpiKind,
  type LocalBody,
  type MilestoneStatus,
} from '../../server/db/schema.ts';
import type { KpiPeriodEntry } from '../../server/domain/labels.ts';
import { addDays, compareIsoDates, isValidIsoDate, maxIsoDate } from '../../server/domain/dates.ts';
import { fiscalQuarterStart, quarterFromIndex, quarterIndex, type Quarter } from '../../server/domain/fiscal.ts';
import { periodIndex } from '../../server/domain/kpi-status.ts';
import { isValidLocalGovCode } from '../../server/domain/local-gov-code.ts';
import { runAsRecorded } from '../../server/audit/context.ts';

/** The demo's "today": every sample actual date is on or before it, and the states are designed for it. */
export const DEMO_AS_OF = '2026-11-23';

/** The synchronous transaction handle of `db.transaction`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// ---------------------------------------------------------------------------------------------------
// Fixed timestamps

/**
 * When a KPI value of (fy, q) was reported in the demo: the 15th of the month after the period ends. Quarter 0
 * (the whole year) ends with Q4, as in the domain's `periodIndex`.
 */
export function reportedOn(fy: number, q: number): string {
  const next = quarterFromIndex(periodIndex({ fiscalYear: fy, quarter: q }) + 1);
  return addDays(fiscalQuarterStart(next.fiscalYear, next.quarter), 14);
}

/** A fixed ISO-8601 UTC timestamp on a calendar date (09:00 UTC = 18:00 JST, same day in Japan). */
export function stamp(date: string): string {
  assertDate(date);
  return `${date}T09:00:00.000Z`;
}

function assertDate(date: string, what = 'date'): void {
  if (!isValidIsoDate(date)) throw new Error(`${what}: not a YYYY-MM-DD date: ${date}`);
}

// ---------------------------------------------------------------------------------------------------
// Seeded PRNG

/** mulberry32: a tiny 32-bit PRNG; the same seed always gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, to derive per-row PRNG seeds from stable codes. */
export function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// ---------------------------------------------------------------------------------------------------
// Ministry-style step statuses

/** Steps that a body may mark 対象外 (e.g. no joint WG, same vendor continues, no bylaw change). */
export const OPTIONAL_STEP_CODES: ReadonlySet<string> = new Set(['step14', 'step17', 'step18', 'step19', 'step30']);

/** Go-live steps done in every area counted as migrated (本番データ移行, 本稼働判定, 本稼働). */
export const LIVE_STEPS_DONE: Readonly<Record<string, MilestoneStatus>> = { step35: 'done', step36: 'done', step37: 'done' };

export interface AreaProgress {
  /** `'all'`: every step finished; otherwise the code of the first step not yet done (the frontier). */
  frontier: 'all' | string;
  /** Explicit statuses that win over the generated ones. */
  overrides?: Readonly<Record<string, MilestoneStatus>>;
}

/**
 * The statuses of the template steps of one business area, the way the ministry's dashboard shows them:
 * steps before the frontier done (optional ones sometimes 対象外), the frontier in progress, sometimes the
 * next one already started in parallel or an earlier one still open, the rest not started.
 */
export function stepStatuses(
  steps: ReadonlyArray<{ code: string }>,
  progress: AreaProgress,
  rng: () => number,
  naRate = 0.35,
): MilestoneStatus[] {
  const idx = progress.frontier === 'all' ? steps.length : steps.findIndex((s) => s.code === progress.frontier);
  if (idx < 0) throw new Error(`stepStatuses: frontier ${progress.frontier} is not a template step`);
  return steps.map((s, i) => {
    // Draw the same number of values for every step so one step's branch never shifts another's.
    const rNa = rng();
    const rPar = rng();
    const optional = OPTIONAL_STEP_CODES.has(s.code);
    let status: MilestoneStatus;
    if (i < idx) {
      if (optional && rNa < naRate) status = 'not_applicable';
      // An earlier step left open while later ones go on; never when the whole area is finished.
      else if (progress.frontier !== 'all' && i >= idx - 3 && rPar < 0.25) status = 'in_progress';
      else status = 'done';
    } else if (i === idx) {
      status = 'in_progress';
    } else if (i === idx + 1 && rPar < 0.5) {
      status = 'in_progress';
    } else {
      status = optional && rNa < naRate / 2 ? 'not_applicable' : 'not_started';
    }
    return progress.overrides?.[s.code] ?? status;
  });
}

// ---------------------------------------------------------------------------------------------------
// Reference lookups

export interface Ref {
  category(code: string): number;
  deadline(code: string): number;
  areas: ReadonlyArray<{ id: number; code: string; name: string }>;
  area(name: string): number;
  steps: ReadonlyArray<{ id: number; code: string }>;
  /** The 特定移行支援 rule of the active national data pack: which deadline it extends, to when. */
  supportRule: { deadline: string; extendedDueDate: string } | null;
}

/** Reads the reference data the demo builds on; throws if seedReference has not run. */
export function loadRef(tx: Tx): Ref {
  const cats = new Map(tx.select({ id: categories.id, code: categories.code }).from(categories).all().map((r) => [r.code, r.id]));
  const dls = new Map(
    tx.select({ id: nationalDeadlines.id, code: nationalDeadlines.code }).from(nationalDeadlines).all().map((r) => [r.code, r.id]),
  );
  const areas = tx
    .select({ id: businessAreas.id, code: businessAreas.code, name: businessAreas.name })
    .from(businessAreas)
    .orderBy(asc(businessAreas.sortOrder), asc(businessAreas.id))
    .all();
  const steps = tx
    .select({ id: standardizationSteps.id, code: standardizationSteps.code })
    .from(standardizationSteps)
    .orderBy(asc(standardizationSteps.sortOrder), asc(standardizationSteps.id))
    .all();
  if (cats.size === 0 || areas.length === 0 || steps.length === 0) {
    throw new Error('seedDemo: reference data is missing; run seedReference(db) first');
  }
  const areaIds = new Map(areas.map((a) => [a.name, a.id]));
  return {
    category(code) {
      const id = cats.get(code);
      if (id === undefined) throw new Error(`seedDemo: unknown category code ${code}`);
      return id;
    },
    deadline(code) {
      const id = dls.get(code);
      if (id === undefined) throw new Error(`seedDemo: unknown national deadline code ${code}`);
      return id;
    },
    areas,
    area(name) {
      const id = areaIds.get(name);
      if (id === undefined) throw new Error(`seedDemo: unknown business area ${name}`);
      return id;
    },
    steps,
    supportRule: activeSupportRule(tx),
  };
}

/** The active pack's extension rule for 特定移行支援システム (per business area), if it has one. */
export function activeSupportRule(tx: Pick<Tx, 'select'>): Ref['supportRule'] {
  const row = tx
    .select({ content: referencePackContents.content })
    .from(referencePacks)
    .innerJoin(referencePackContents, eq(referencePackContents.packId, referencePacks.id))
    .where(eq(referencePacks.status, 'active'))
    .get();
  const rule = row ? (JSON.parse(row.content) as ReferencePack).extensionRules.find((r) => r.code === 'migration_support' && r.scope === 'area') : undefined;
  return rule ? { deadline: rule.deadline, extendedDueDate: rule.extendedDueDate } : null;
}

// ---------------------------------------------------------------------------------------------------
// Insert helpers

function must<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`seedDemo: insert of ${what} returned no row`);
  return row;
}

export type BodySpec = Pick<LocalBody, 'code' | 'name' | 'prefectureCode' | 'prefectureName' | 'kind' | 'population' | 'isSample'>;

export function insertBody(tx: Tx, b: BodySpec, createdOn: string): number {
  if (!isValidLocalGovCode(b.code)) throw new Error(`seedDemo: invalid local government code ${b.code} (${b.name})`);
  if (b.code.slice(0, 2) !== b.prefectureCode) throw new Error(`seedDemo: ${b.name}: code ${b.code} is not in prefecture ${b.prefectureCode}`);
  return must(
    tx
      .insert(localBodies)
      .values({ ...b, createdAt: stamp(createdOn), updatedAt: stamp(createdOn) })
      .returning({ id: localBodies.id })
      .get(),
    `body ${b.code}`,
  ).id;
}

export interface MilestoneSpec {
  title: string;
  /** Planned start (for spans such as 準備 FY2022–2023). */
  start?: string;
  /** Planned date: when it is due. */
  planned: string;
  actualStart?: string;
  /** Required exactly when status is 'done' (the schema checks it too). */
  actual?: string;
  status: MilestoneStatus;
  /** Required for 対象外 (its reason). */
  note?: string;
  /** Code of the national deadline this milestone must be done by (the step that answers it). */
  deadline?: string;
  /** Defaults to true: statuses and actual dates of the demo are sample values. */
  sample?: boolean;
  /** When the owner last reported on it (drives updated_at); defaults to the actual date or the section's date. */
  reportedOn?: string;
  /** When it was added (created_at); defaults to the item's. Milestones added after the plan was adopted set it. */
  createdOn?: string;
  /**
   * Re-plans (計画変更), oldest first: on `on` the planned date moved away from `from` (and the start from `fromStart`)
   * for `reason`. The milestone is created with the first `from`; the last re-plan moves it to `planned`.
   */
  replans?: ReadonlyArray<{ on: string; from: string; fromStart?: string | null; reason: string }>;
}

/** Who the demo's recorded history names (the plan's owner section). */
export const DEMO_RECORDER = '（デモ）行革デジタル戦略課';

/** Runs `fn` with its writes recorded in the history as made on `date` (server/audit/context.ts `runAsRecorded`). */
export function recordedOn<T>(date: string, fn: () => T, note = ''): T {
  return runAsRecorded({ at: stamp(date), username: DEMO_RECORDER, note }, fn);
}

export interface ItemSpec {
  title: string;
  category: string;
  section: string;
  parent?: number;
  targetFy: number;
  notes?: string;
  /** true for items invented for the demo; false for items taken from a real plan. */
  sample: boolean;
  /** When the item was added (created_at); defaults to the body's creation date (the plan's adoption). */
  createdOn?: string;
  milestones: readonly MilestoneSpec[];
}

export interface KpiSpec {
  name: string;
  unit: string;
  direction: KpiDirection;
  /** 累計 / 期間値 / 時点値 (defaults to 時点値). */
  kind?: KpiKind;
  /** 期間値: quarterly values are year-to-date (default) or per quarter. */
  periodEntry?: KpiPeriodEntry;
  item?: number;
  baseline: readonly [fy: number, value: number];
  target: readonly [fy: number, value: number];
  benchmark?: { value: number; label: string };
  notes?: string;
  values: ReadonlyArray<KpiValueSpec>;
  /** Target changes (目標値の変更), oldest first: on `on` the target moved away from `from` for `reason`. */
  retargets?: ReadonlyArray<{ on: string; from: readonly [fy: number, value: number]; reason: string }>;
}

export interface KpiValueSpec {
  fy: number;
  q: number;
  value: number;
  note?: string;
}

/** Consecutive quarterly values starting at (fy, q). */
export function quarterly(fy: number, q: Quarter, values: readonly number[]): KpiValueSpec[] {
  const first = quarterIndex({ fiscalYear: fy, quarter: q });
  return values.map((value, i) => {
    const { fiscalYear, quarter } = quarterFromIndex(first + i);
    return { fy: fiscalYear, q: quarter, value };
  });
}

/** Annual values (quarter 0) from fiscal year `fy` on. */
export function annual(fy: number, values: readonly number[]): KpiValueSpec[] {
  return values.map((value, i) => ({ fy: fy + i, q: 0, value }));
}

export interface AreaSpec {
  section: string;
  item: number;
  migrationSupport?: boolean;
  progress: AreaProgress;
}

/** Builds one body's demo data; the modules per municipality use it. */
export class BodyBuilder {
  readonly bodyId: number;
  private readonly sectionIds = new Map<string, number>();
  private planId: number | null = null;
  private itemOrder = 0;

  constructor(
    private readonly tx: Tx,
    readonly ref: Ref,
    body: BodySpec,
    /** When the body's rows were created in the demo (e.g. the plan's adoption date). */
    private readonly createdOn: string,
    /** When each section last reported on its open milestones (for "who has not reported"). */
    private readonly sectionReportedOn: Readonly<Record<string, string>> = {},
    private readonly defaultReportedOn = '2026-10-15',
  ) {
    this.bodyId = insertBody(tx, body, createdOn);
  }

  addSections(names: readonly string[]): void {
    for (const name of names) {
      const row = must(
        this.tx
          .insert(sections)
          .values({ bodyId: this.bodyId, name, createdAt: stamp(this.createdOn), updatedAt: stamp(this.createdOn) })
          .returning({ id: sections.id })
          .get(),
        `section ${name}`,
      );
      this.sectionIds.set(name, row.id);
    }
  }

  section(name: string): number {
    const id = this.sectionIds.get(name);
    if (id === undefined) throw new Error(`seedDemo: section ${name} not declared for body ${this.bodyId}`);
    return id;
  }

  addPlan(p: { title: string; startFy: number; endFy: number; adoptedOn: string | null; sourceText: string }): number {
    this.planId = must(
      this.tx
        .insert(plans)
        .values({
          bodyId: this.bodyId,
          title: p.title,
          startFiscalYear: p.startFy,
          endFiscalYear: p.endFy,
          adoptedOn: p.adoptedOn,
          sourceText: p.sourceText,
          createdAt: stamp(this.createdOn),
          updatedAt: stamp(this.createdOn),
        })
        .returning({ id: plans.id })
        .get(),
      `plan ${p.title}`,
    ).id;
    return this.planId;
  }

  addItem(spec: ItemSpec): number {
    if (this.planId === null) throw new Error('seedDemo: addPlan before addItem');
    this.itemOrder += 10;
    const sectionId = this.section(spec.section);
    const lastReport = this.sectionReportedOn[spec.section] ?? this.defaultReportedOn;
    const itemCreated = spec.createdOn ?? this.createdOn;
    assertDate(itemCreated, `${spec.title}: createdOn`);
    const planId = this.planId;
    const itemId = must(
      recordedOn(itemCreated, () => this.tx
        .insert(planItems)
        .values({
          planId,
          categoryId: this.ref.category(spec.category),
          sectionId,
          parentId: spec.parent ?? null,
          title: spec.title,
          targetFiscalYear: spec.targetFy,
          notes: spec.notes ?? '',
          sortOrder: this.itemOrder,
          isSample: spec.sample,
          createdAt: stamp(itemCreated),
          updatedAt: stamp(maxIsoDate(itemCreated, lastReport)!),
        })
        .returning({ id: planItems.id })
        .get()),
      `item ${spec.title}`,
    ).id;

    spec.milestones.forEach((m, i) => {
      checkMilestone(spec.title, m);
      const updated = m.reportedOn ?? (m.status === 'done' && m.actual ? m.actual : lastReport);
      const created = m.createdOn ?? itemCreated;
      this.recordMilestone(itemId, (i + 1) * 10, m, created, maxIsoDate(created, updated)!);
    });
    return itemId;
  }

  /**
   * A milestone's life as the history records it (server/history/): created with its first planned dates and the
   * progress reported by then, started on its actual start, re-planned on each re-plan's day (with the reason), and
   * given its last state on `finalOn` — each write made through the history triggers as of its day.
   */
  private recordMilestone(itemId: number, sortOrder: number, m: MilestoneSpec, created: string, finalOn: string): void {
    const replans = m.replans ?? [];
    const plannedAt = (k: number) => (k < replans.length ? { plannedDate: replans[k]!.from, plannedStartDate: replans[k]!.fromStart ?? m.start ?? null } : { plannedDate: m.planned, plannedStartDate: m.start ?? null });
    const started = m.actualStart !== undefined && compareIsoDates(m.actualStart, finalOn) < 0 ? m.actualStart : undefined;
    // Progress by day: not started, then started (in progress), then the final state.
    const progressOn = (date: string) => {
      if (compareIsoDates(date, finalOn) >= 0 || m.status === 'not_applicable' || (m.status === 'in_progress' && started === undefined)) {
        return { status: m.status, actualStartDate: m.actualStart ?? null, actualDate: m.actual ?? null };
      }
      if (started !== undefined && compareIsoDates(date, started) >= 0) return { status: 'in_progress' as const, actualStartDate: started, actualDate: null };
      return { status: 'not_started' as const, actualStartDate: null, actualDate: null };
    };
    const id = must(
      recordedOn(created, () =>
        this.tx
          .insert(milestones)
          .values({
            itemId,
            title: m.title,
            ...plannedAt(replans.filter((r) => compareIsoDates(r.on, created) <= 0).length),
            ...progressOn(created),
            nationalDeadlineId: m.deadline === undefined ? null : this.ref.deadline(m.deadline),
            note: m.note ?? '',
            sortOrder,
            isSample: m.sample ?? true,
            createdAt: stamp(created),
            updatedAt: stamp(created),
          })
          .returning({ id: milestones.id })
          .get(),
      ),
      `milestone ${m.title}`,
    ).id;
    const events: { on: string; note: string; replanned: number }[] = [
      ...(started !== undefined ? [{ on: started, note: '', replanned: -1 }] : []),
      ...replans.map((r, k) => ({ on: r.on, note: r.reason, replanned: k + 1 })),
      { on: finalOn, note: '', replanned: -1 },
    ]
      .filter((e) => compareIsoDates(e.on, created) > 0)
      .sort((a, b) => compareIsoDates(a.on, b.on));
    for (const e of events) {
      const replannedSoFar = replans.filter((r) => compareIsoDates(r.on, e.on) <= 0).length;
      recordedOn(
        e.on,
        () => this.tx.update(milestones).set({ ...plannedAt(replannedSoFar), ...progressOn(e.on), updatedAt: stamp(e.on) }).where(eq(milestones.id, id)).run(),
        e.note,
      );
    }
  }

  addKpi(k: KpiSpec): number {
    if (k.baseline[0] > k.target[0]) throw new Error(`seedDemo: KPI ${k.name}: baseline after target`);
    const retargets = k.retargets ?? [];
    const target = (n: number) => (n < retargets.length ? retargets[n]!.from : k.target);
    const kpiId = must(
      recordedOn(this.createdOn, () => this.tx
        .insert(kpis)
        .values({
          bodyId: this.bodyId,
          itemId: k.item ?? null,
          name: k.name,
          unit: k.unit,
          direction: k.direction,
          valueKind: k.kind ?? 'point',
          periodEntry: k.periodEntry ?? 'year_to_date',
          baselineValue: k.baseline[1],
          baselineFiscalYear: k.baseline[0],
          targetValue: target(0)[1],
          targetFiscalYear: target(0)[0],
          benchmarkValue: k.benchmark?.value ?? null,
          benchmarkLabel: k.benchmark?.label ?? '',
          notes: k.notes ?? '',
          isSample: true,
          createdAt: stamp(this.createdOn),
          updatedAt: stamp(this.createdOn),
        })
        .returning({ id: kpis.id })
        .get()),
      `kpi ${k.name}`,
    ).id;
    retargets.forEach((r, n) =>
      recordedOn(
        r.on,
        () => this.tx.update(kpis).set({ targetValue: target(n + 1)[1], targetFiscalYear: target(n + 1)[0], updatedAt: stamp(r.on) }).where(eq(kpis.id, kpiId)).run(),
        r.reason,
      ),
    );
    for (const v of k.values) {
      const on = reportedOn(v.fy, v.q);
      if (compareIsoDates(on, DEMO_AS_OF) > 0) throw new Error(`seedDemo: KPI ${k.name}: value for FY${v.fy} Q${v.q} would be reported after ${DEMO_AS_OF}`);
      recordedOn(on, () => this.tx
        .insert(kpiValues)
        .values({
          kpiId,
          fiscalYear: v.fy,
          quarter: v.q,
          value: v.value,
          note: v.note ?? '',
          isSample: true,
          createdAt: stamp(on),
          updatedAt: stamp(on),
        })
        .run());
    }
    return kpiId;
  }

  /**
   * One body_business_areas row per area in `areas` (keyed by business area name) and one
   * body_area_steps row per template step. Throws unless all 20 areas are given.
   */
  addBusinessAreas(areas: Readonly<Record<string, AreaSpec>>, bodyCode: string, stepsUpdatedOn: string): void {
    const names = Object.keys(areas);
    for (const a of this.ref.areas) {
      if (!names.includes(a.name)) throw new Error(`seedDemo: body ${bodyCode}: business area ${a.name} missing`);
    }
    for (const a of this.ref.areas) {
      const spec = areas[a.name];
      if (spec === undefined) continue;
      const bodyAreaId = must(
        this.tx
          .insert(bodyBusinessAreas)
          .values({
            bodyId: this.bodyId,
            areaId: a.id,
            sectionId: this.section(spec.section),
            itemId: spec.item,
            migrationSupport: spec.migrationSupport ?? false,
            createdAt: stamp(this.createdOn),
          })
          .returning({ id: bodyBusinessAreas.id })
          .get(),
        `body area ${a.name}`,
      ).id;
      // A 特定移行支援システム has its deadline extended for this system only (the pack's rule), not for the body.
      if (spec.migrationSupport && this.ref.supportRule) {
        this.tx
          .insert(deadlineExtensions)
          .values({
            deadlineId: this.ref.deadline(this.ref.supportRule.deadline),
            bodyId: this.bodyId,
            areaId: a.id,
            extendedDueDate: this.ref.supportRule.extendedDueDate,
            reason: '（サンプル）特定移行支援システム（この業務のみの延長）',
            createdAt: stamp(this.createdOn),
          })
          .run();
      }
      const rng = mulberry32(hashSeed(`${bodyCode}:${a.code}`));
      const statuses = stepStatuses(this.ref.steps, spec.progress, rng);
      this.ref.steps.forEach((s, i) => {
        this.tx
          .insert(bodyAreaSteps)
          .values({
            bodyAreaId,
            stepId: s.id,
            status: statuses[i] ?? 'not_started',
            updatedAt: stamp(stepsUpdatedOn),
          })
          .run();
      });
    }
  }

  /** An extension of a national deadline for this body (itemId null) or for one of its items. */
  addExtension(e: { deadline: string; itemId?: number; extendedDueDate: string; reason: string; sourceText: string; createdOn: string }): void {
    assertDate(e.extendedDueDate, 'extendedDueDate');
    this.tx
      .insert(deadlineExtensions)
      .values({
        deadlineId: this.ref.deadline(e.deadline),
        // Item-scoped extensions name their item only: the body follows from it.
        bodyId: e.itemId === undefined ? this.bodyId : null,
        itemId: e.itemId ?? null,
        extendedDueDate: e.extendedDueDate,
        reason: e.reason,
        sourceText: e.sourceText,
        createdAt: stamp(e.createdOn),
      })
      .run();
  }
}

function checkMilestone(item: string, m: MilestoneSpec): void {
  const where = `${item} / ${m.title}`;
  assertDate(m.planned, `${where}: planned`);
  if (m.start !== undefined) {
    assertDate(m.start, `${where}: start`);
    if (compareIsoDates(m.start, m.planned) > 0) throw new Error(`${where}: planned start after planned date`);
  }
  if (m.status === 'not_applicable' && !m.note?.trim()) throw new Error(`${where}: 対象外 needs its reason in note`);
  if ((m.status === 'done') !== (m.actual !== undefined)) {
    throw new Error(`${where}: an actual date is required exactly when the status is done`);
  }
  for (const [k, d] of [
    ['actual', m.actual],
    ['actualStart', m.actualStart],
    ['reportedOn', m.reportedOn],
    ['createdOn', m.createdOn],
  ] as const) {
    if (d === undefined) continue;
    assertDate(d, `${where}: ${k}`);
    if (compareIsoDates(d, DEMO_AS_OF) > 0) throw new Error(`${where}: ${k} ${d} is after the demo date ${DEMO_AS_OF}`);
  }
  let last = m.createdOn ?? '1900-01-01';
  for (const r of m.replans ?? []) {
    assertDate(r.on, `${where}: replan`);
    if (compareIsoDates(r.on, last) < 0 || compareIsoDates(r.on, DEMO_AS_OF) > 0) throw new Error(`${where}: re-plans must be in order, after creation, not after ${DEMO_AS_OF}`);
    if (!r.reason.trim()) throw new Error(`${where}: a re-plan needs its reason`);
    last = r.on;
  }
}

/** Returns the ids of the bodies with these codes that already exist. */
export function existingBodyCodes(tx: Tx, codes: readonly string[]): string[] {
  return codes.filter(
    (code) => tx.select({ id: localBodies.id }).from(localBodies).where(eq(localBodies.code, code)).get() !== undefined,
  );
}
