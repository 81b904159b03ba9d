/**
 * Loading a national data pack (国の参照データ): validate it, show what it would change (facts added,
 * changed and removed, and whose statuses would change), apply it in one transaction, and roll back to the
 * previous pack. Shared by the admin API (routes/reference-packs.ts), `npm run reference:load` and the
 * first seeding of a database (seed/reference.ts).
 *
 * What a pack owns: the rows of the reference tables whose codes it lists (categories, national deadlines,
 * business areas, step template, national figures). What it never touches: municipal data — extensions,
 * plans, items, milestones, KPIs, step statuses. A fact an earlier pack put in and the new one leaves out is
 * deleted only when no municipal row refers to it; otherwise it is kept and the preview says so. Rows an
 * administrator added under other codes are left alone.
 *
 * The write runs in the caller's audit context (the admin's request, or the CLI's `--as` user): every row
 * changed is in the audit trail with the note 「国の参照データ <version> を適用」, and the load itself is a
 * `reference_packs` row.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import { currentActor, runAsActor } from '../audit/context.ts';
import {
  checkPack,
  compareVersions,
  diffFacts,
  emptyFactSet,
  managedCodes,
  packFacts,
  PACK_SECTION_LABELS,
  type FactChange,
  type FactSet,
  type PackSection,
} from '../domain/reference-pack.ts';
import { ITEM_STATUS_LABELS, type ItemStatus } from '../domain/labels.ts';
import { AppError } from '../errors.ts';
import { loadBodyPlan } from '../repositories/body-plan.ts';
import { systemsPastByBody } from './rollups.ts';
import { assessBodyPlan } from './assessment.ts';
import type { PackSource, ReferencePack } from '../schemas/reference-pack.ts';
import type { PackPreview, PackApplyResult, ReferencePackInfo } from '../schemas/reference-packs.ts';

const nowIso = () => new Date().toISOString();

// ---- reading what is there ------------------------------------------------------------------------

interface PackRow {
  id: number;
  version: string;
  title: string;
  published_on: string;
  status: 'active' | 'superseded' | 'rolled_back';
  previous_id: number | null;
  user_name: string;
  summary: string;
  created_at: string;
}

const info = (r: PackRow): ReferencePackInfo => ({
  id: r.id,
  version: r.version,
  title: r.title,
  publishedOn: r.published_on,
  status: r.status,
  previousId: r.previous_id,
  userName: r.user_name,
  summary: r.summary,
  loadedAt: r.created_at,
});

const activeRow = (sqlite: Database.Database) =>
  sqlite.prepare("SELECT * FROM reference_packs WHERE status = 'active' ORDER BY id DESC LIMIT 1").get() as PackRow | undefined;

function contentOf(sqlite: Database.Database, packId: number): ReferencePack {
  const row = sqlite.prepare('SELECT content FROM reference_pack_contents WHERE pack_id = ?').get(packId) as { content: string } | undefined;
  if (!row) throw new AppError(404, 'NOT_FOUND', `データパック（ID: ${packId}）の内容が見つかりません。`);
  return JSON.parse(row.content) as ReferencePack;
}

export function listPacks(db: Db): ReferencePackInfo[] {
  return (db.$client.prepare('SELECT * FROM reference_packs ORDER BY id DESC').all() as PackRow[]).map(info);
}

/** The active pack with its content (every fact with its sources), or null before any pack was loaded. */
export function activePack(db: Db): { info: ReferencePackInfo; pack: ReferencePack } | null {
  const row = activeRow(db.$client);
  return row ? { info: info(row), pack: contentOf(db.$client, row.id) } : null;
}

/**
 * The facts as the database holds them now, in the pack's comparable form. Extension rules and sources
 * live only in packs, so they come from the active pack.
 */
function databaseFacts(sqlite: Database.Database, active: ReferencePack | null): FactSet {
  const facts = emptyFactSet();
  const activeFacts = active ? packFacts(active) : emptyFactSet();
  facts.extensionRules = activeFacts.extensionRules;
  facts.sources = activeFacts.sources;
  const cats = sqlite.prepare('SELECT id, code, name, description, is_core FROM categories ORDER BY sort_order, id').all() as { id: number; code: string; name: string; description: string; is_core: number }[];
  const catCode = new Map(cats.map((c) => [c.id, c.code]));
  cats.forEach((c, i) => facts.categories.set(c.code, { title: c.name, fields: { name: c.name, description: c.description, isCore: String(c.is_core === 1), order: String(i + 1) } }));
  (sqlite.prepare('SELECT code, name FROM business_areas ORDER BY sort_order, id').all() as { code: string; name: string }[]).forEach((a, i) =>
    facts.businessAreas.set(a.code, { title: a.name, fields: { name: a.name, order: String(i + 1) } }),
  );
  for (const d of sqlite.prepare('SELECT * FROM national_deadlines ORDER BY due_date, id').all() as {
    code: string; title: string; due_date: string; date_precision: string; category_id: number | null; needs_verification: number; source_text: string; sources: string;
  }[]) {
    const sources = (JSON.parse(d.sources) as { code?: string }[]).map((s) => s.code ?? '').join(', ');
    facts.deadlines.set(d.code, {
      title: d.title,
      fields: {
        title: d.title, dueDate: d.due_date, datePrecision: d.date_precision, category: d.category_id === null ? '' : (catCode.get(d.category_id) ?? ''),
        status: d.needs_verification ? '要確認' : '確認済み', note: d.source_text, sources,
      },
    });
  }
  (sqlite.prepare('SELECT code, phase, name FROM standardization_steps ORDER BY sort_order, id').all() as { code: string; phase: string; name: string }[]).forEach((s, i) =>
    facts.steps.set(s.code, { title: s.name, fields: { phase: s.phase, name: s.name, order: String(i + 1) } }),
  );
  for (const f of sqlite.prepare('SELECT * FROM national_figures ORDER BY sort_order, id').all() as {
    code: string; kind: string; title: string; definition: string; value: number; unit: string; as_of: string | null; fiscal_year: number | null; needs_verification: number; note: string; sources: string;
  }[]) {
    facts.figures.set(f.code, {
      title: f.title,
      fields: {
        kind: f.kind, title: f.title, definition: f.definition, value: String(f.value), unit: f.unit, asOf: f.as_of ?? '', fiscalYear: f.fiscal_year === null ? '' : String(f.fiscal_year),
        status: f.needs_verification ? '要確認' : '確認済み', note: f.note, sources: (JSON.parse(f.sources) as { code?: string }[]).map((s) => s.code ?? '').join(', '),
      },
    });
  }
  return facts;
}

// ---- who would be affected ------------------------------------------------------------------------

interface BodySnapshot {
  items: Map<number, { title: string; status: ItemStatus }>;
  systemsPast: number;
}

/** Bodies whose statuses can change when these deadlines change: items answering to them, and (std_migration) every body with systems. */
function candidateBodies(sqlite: Database.Database, deadlineCodes: string[]): number[] {
  if (deadlineCodes.length === 0) return [];
  const marks = deadlineCodes.map(() => '?').join(', ');
  const rows = sqlite
    .prepare(
      // Deadlines sit on the milestones that answer them (issue 12).
      `SELECT DISTINCT p.body_id AS id FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id JOIN national_deadlines d ON d.id = m.national_deadline_id WHERE d.code IN (${marks})
       UNION SELECT DISTINCT body_id AS id FROM body_business_areas WHERE 'std_migration' IN (${marks})`,
    )
    .all(...deadlineCodes, ...deadlineCodes) as { id: number }[];
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

function snapshot(db: Db, bodyIds: number[], today: string): Map<number, BodySnapshot> {
  const systems = systemsPastByBody(db, today);
  const out = new Map<number, BodySnapshot>();
  for (const id of bodyIds) {
    const items = new Map<number, { title: string; status: ItemStatus }>();
    // Every item with its rolled-up status (a parent included: its status changes when a child's does).
    for (const a of assessBodyPlan(loadBodyPlan(db, id), today)) items.set(a.item.id, { title: a.item.title, status: a.assessment.status });
    out.set(id, { items, systemsPast: systems.get(id) ?? 0 });
  }
  return out;
}

const SHOWN_BODIES = 200;

function statusChanges(sqlite: Database.Database, before: Map<number, BodySnapshot>, after: Map<number, BodySnapshot>): PackPreview['statusChanges'] {
  const changed: PackPreview['statusChanges']['bodies'] = [];
  let items = 0;
  for (const [bodyId, b] of before) {
    const a = after.get(bodyId)!;
    const itemChanges = [...b.items]
      .filter(([id, x]) => a.items.get(id) && a.items.get(id)!.status !== x.status)
      .map(([id, x]) => ({ itemId: id, title: x.title, before: x.status, after: a.items.get(id)!.status, beforeLabel: ITEM_STATUS_LABELS[x.status], afterLabel: ITEM_STATUS_LABELS[a.items.get(id)!.status] }));
    if (itemChanges.length === 0 && a.systemsPast === b.systemsPast) continue;
    items += itemChanges.length;
    const body = sqlite.prepare('SELECT code, name FROM local_bodies WHERE id = ?').get(bodyId) as { code: string; name: string };
    changed.push({ bodyId, code: body.code, name: body.name, items: itemChanges, systemsPastDeadline: { before: b.systemsPast, after: a.systemsPast } });
  }
  return { bodyCount: changed.length, itemCount: items, bodies: changed.slice(0, SHOWN_BODIES), truncated: changed.length > SHOWN_BODIES };
}

// ---- writing --------------------------------------------------------------------------------------

interface Kept {
  section: PackSection;
  sectionLabel: string;
  code: string;
  title: string;
  reason: string;
}

const resolveSources = (pack: ReferencePack, codes: string[]): (PackSource & { code: string })[] =>
  codes.map((code) => ({ code, ...pack.sources[code]! }));

/** Is a pack-managed row still referred to by municipal data (or by users' KPIs)? Then it is kept. */
const REFERENCED: Partial<Record<PackSection, { table: string; sql: string; reason: string }>> = {
  categories: { table: 'categories', sql: 'SELECT 1 FROM plan_items i JOIN categories c ON c.id = i.category_id WHERE c.code = ? LIMIT 1', reason: '団体の取組がこの分野を使っているため削除せず残します。' },
  deadlines: {
    table: 'national_deadlines',
    sql: `SELECT 1 FROM national_deadlines d WHERE d.code = ? AND (EXISTS (SELECT 1 FROM milestones WHERE national_deadline_id = d.id) OR EXISTS (SELECT 1 FROM deadline_extensions WHERE deadline_id = d.id)) LIMIT 1`,
    reason: '団体の取組または期限の延長がこの期限を参照しているため削除せず残します。',
  },
  businessAreas: { table: 'business_areas', sql: 'SELECT 1 FROM body_business_areas ba JOIN business_areas a ON a.id = ba.area_id WHERE a.code = ? LIMIT 1', reason: '団体の標準化対象業務として使われているため削除せず残します。' },
  steps: { table: 'standardization_steps', sql: 'SELECT 1 FROM body_area_steps s JOIN standardization_steps t ON t.id = s.step_id WHERE t.code = ? LIMIT 1', reason: '団体の手順の状況が記録されているため削除せず残します。' },
  figures: { table: 'national_figures', sql: 'SELECT 1 FROM kpis WHERE benchmark_code = ? LIMIT 1', reason: '団体の指標がこの比較系列を参照しているため削除せず残します。' },
};

/** Upserts every fact of `pack` (changing only rows that differ) and removes what it no longer lists. */
function writeFacts(sqlite: Database.Database, pack: ReferencePack, removals: FactChange[]): Kept[] {
  pack.categories.forEach((c, i) => {
    sqlite
      .prepare(
        `INSERT INTO categories (code, name, description, is_core, sort_order) VALUES (@code, @name, @description, @isCore, @sortOrder)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, description = excluded.description, is_core = excluded.is_core, sort_order = excluded.sort_order
         WHERE name IS NOT excluded.name OR description IS NOT excluded.description OR is_core IS NOT excluded.is_core OR sort_order IS NOT excluded.sort_order`,
      )
      .run({ code: c.code, name: c.name, description: c.description, isCore: c.isCore ? 1 : 0, sortOrder: (i + 1) * 10 });
  });
  const categoryId = new Map((sqlite.prepare('SELECT code, id FROM categories').all() as { code: string; id: number }[]).map((r) => [r.code, r.id]));
  pack.businessAreas.forEach((a, i) => {
    sqlite
      .prepare(
        `INSERT INTO business_areas (code, name, sort_order) VALUES (@code, @name, @sortOrder)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order WHERE name IS NOT excluded.name OR sort_order IS NOT excluded.sort_order`,
      )
      .run({ code: a.code, name: a.name, sortOrder: i + 1 });
  });
  for (const d of pack.deadlines) {
    sqlite
      .prepare(
        `INSERT INTO national_deadlines (code, title, due_date, category_id, source_text, needs_verification, date_precision, sources)
         VALUES (@code, @title, @dueDate, @categoryId, @note, @unverified, @precision, @sources)
         ON CONFLICT (code) DO UPDATE SET title = excluded.title, due_date = excluded.due_date, category_id = excluded.category_id, source_text = excluded.source_text,
           needs_verification = excluded.needs_verification, date_precision = excluded.date_precision, sources = excluded.sources, updated_at = @now
         WHERE title IS NOT excluded.title OR due_date IS NOT excluded.due_date OR category_id IS NOT excluded.category_id OR source_text IS NOT excluded.source_text
           OR needs_verification IS NOT excluded.needs_verification OR date_precision IS NOT excluded.date_precision OR sources IS NOT excluded.sources`,
      )
      .run({
        code: d.code, title: d.title, dueDate: d.dueDate, categoryId: d.category === null ? null : categoryId.get(d.category)!, note: d.note ?? '',
        unverified: d.status === 'unverified' ? 1 : 0, precision: d.datePrecision, sources: JSON.stringify(resolveSources(pack, d.sources)), now: nowIso(),
      });
  }
  const existingSteps = new Set((sqlite.prepare('SELECT code FROM standardization_steps').all() as { code: string }[]).map((r) => r.code));
  pack.steps.items.forEach((s, i) => {
    const sortOrder = (i + 1) * 10;
    if (existingSteps.has(s.code)) {
      sqlite
        .prepare('UPDATE standardization_steps SET phase = ?, name = ?, sort_order = ? WHERE code = ? AND (phase IS NOT ? OR name IS NOT ? OR sort_order IS NOT ?)')
        .run(s.phase, s.name, sortOrder, s.code, s.phase, s.name, sortOrder);
      return;
    }
    // A new step: every body's every business area goes through it too, 未着手.
    const id = Number(sqlite.prepare('INSERT INTO standardization_steps (code, phase, name, sort_order) VALUES (?, ?, ?, ?)').run(s.code, s.phase, s.name, sortOrder).lastInsertRowid);
    sqlite.prepare(`INSERT INTO body_area_steps (body_area_id, step_id, status, version, updated_at) SELECT id, ?, 'not_started', 1, ? FROM body_business_areas`).run(id, nowIso());
  });
  pack.figures.forEach((f, i) => {
    sqlite
      .prepare(
        `INSERT INTO national_figures (code, kind, title, definition, value, unit, as_of, fiscal_year, needs_verification, sources, note, sort_order)
         VALUES (@code, @kind, @title, @definition, @value, @unit, @asOf, @fiscalYear, @unverified, @sources, @note, @sortOrder)
         ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, title = excluded.title, definition = excluded.definition, value = excluded.value, unit = excluded.unit,
           as_of = excluded.as_of, fiscal_year = excluded.fiscal_year, needs_verification = excluded.needs_verification, sources = excluded.sources, note = excluded.note, sort_order = excluded.sort_order
         WHERE kind IS NOT excluded.kind OR title IS NOT excluded.title OR definition IS NOT excluded.definition OR value IS NOT excluded.value OR unit IS NOT excluded.unit
           OR as_of IS NOT excluded.as_of OR fiscal_year IS NOT excluded.fiscal_year OR needs_verification IS NOT excluded.needs_verification OR sources IS NOT excluded.sources
           OR note IS NOT excluded.note OR sort_order IS NOT excluded.sort_order`,
      )
      .run({
        code: f.code, kind: f.kind, title: f.title, definition: f.definition, value: f.value, unit: f.unit, asOf: f.asOf, fiscalYear: f.fiscalYear,
        unverified: f.status === 'unverified' ? 1 : 0, sources: JSON.stringify(resolveSources(pack, f.sources)), note: f.note ?? '', sortOrder: (i + 1) * 10,
      });
  });

  const kept: Kept[] = [];
  for (const r of removals) {
    const ref = REFERENCED[r.section];
    if (!ref) continue; // extension rules and sources live in the pack only
    if (sqlite.prepare(ref.sql).get(r.code)) {
      kept.push({ section: r.section, sectionLabel: PACK_SECTION_LABELS[r.section], code: r.code, title: r.title, reason: ref.reason });
      continue;
    }
    sqlite.prepare(`DELETE FROM ${ref.table} WHERE code = ?`).run(r.code);
  }
  return kept;
}

// ---- preview, apply, roll back -------------------------------------------------------------------

function invalid(problems: { path: string; message: string }[]): AppError {
  return new AppError(
    400,
    'PACK_INVALID',
    `データパックに問題が${problems.length}件あります。内容を直してから読み込んでください。`,
    problems.map((p) => ({ field: p.path, code: 'pack', message: p.message })),
  );
}

const counts = (changes: FactChange[]) => ({
  added: changes.filter((c) => c.change === 'added').length,
  changed: changes.filter((c) => c.change === 'changed').length,
  removed: changes.filter((c) => c.change === 'removed').length,
});

const summaryOf = (c: ReturnType<typeof counts>, bodies: number) =>
  `追加 ${c.added}件・変更 ${c.changed}件・削除 ${c.removed}件、状況が変わる団体 ${bodies}`;

/**
 * Computes the preview, applying the facts on the way (inside the caller's transaction). Status changes
 * are measured only when `measure` (the first seeding of an empty database has no one to affect).
 */
function applyAndMeasure(db: Db, pack: ReferencePack, today: string, measure: boolean): Omit<PackPreview, 'newer'> & { kept: Kept[] } {
  const sqlite = db.$client;
  const problems = checkPack(pack);
  if (problems.length > 0) throw invalid(problems);
  const active = activeRow(sqlite);
  const activeContent = active ? contentOf(sqlite, active.id) : null;
  const current = databaseFacts(sqlite, activeContent);
  const changes = diffFacts(current, packFacts(pack), activeContent ? managedCodes(packFacts(activeContent)) : managedCodes(emptyFactSet()));
  const touched = changes.filter((c) => c.section === 'deadlines' && (c.change === 'removed' || c.fields.some((f) => f.field === 'dueDate'))).map((c) => c.code);
  const bodies = measure ? candidateBodies(sqlite, touched) : [];
  const before = snapshot(db, bodies, today);
  const kept = writeFacts(sqlite, pack, changes.filter((c) => c.change === 'removed'));
  const after = snapshot(db, bodies, today);
  return {
    version: pack.version,
    title: pack.title,
    publishedOn: pack.publishedOn,
    current: active ? info(active) : null,
    counts: counts(changes),
    changes: changes.map((c) => ({ ...c, sectionLabel: PACK_SECTION_LABELS[c.section] })),
    kept,
    statusChanges: statusChanges(sqlite, before, after),
  };
}

const ROLLBACK = Symbol('preview');

/** What loading `pack` would change; nothing is written (the work is done in a transaction rolled back). */
export function previewPack(db: Db, pack: ReferencePack, today: string): PackPreview {
  let result: PackPreview | undefined;
  try {
    db.$client.transaction(() => {
      const active = activeRow(db.$client);
      result = { ...applyAndMeasure(db, pack, today, true), newer: !active || compareVersions(pack.version, active.version) > 0 };
      throw ROLLBACK;
    })();
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  return result!;
}

function withNote<T>(note: string, fn: () => T): T {
  const actor = currentActor();
  return actor ? runAsActor({ ...actor, note: actor.note ? `${note}（${actor.note}）` : note }, fn) : fn();
}

function recordLoad(sqlite: Database.Database, pack: ReferencePack, previousId: number | null, summary: string): number {
  const actor = currentActor();
  const id = Number(
    sqlite
      .prepare(
        `INSERT INTO reference_packs (version, title, published_on, status, previous_id, user_id, user_name, summary, created_at)
         VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
      )
      .run(pack.version, pack.title, pack.publishedOn, previousId, actor?.userId ?? null, actor?.username ?? 'システム（初期データ）', summary, nowIso()).lastInsertRowid,
  );
  sqlite.prepare('INSERT INTO reference_pack_contents (pack_id, content) VALUES (?, ?)').run(id, JSON.stringify(pack));
  return id;
}

/**
 * Applies a pack newer than the active one, in one transaction: the facts, the previous pack marked
 * superseded, the new one recorded (with its content, for a later roll back). `measure: false` skips the
 * status comparison (first seeding).
 */
export function applyPack(db: Db, pack: ReferencePack, today: string, options: { measure?: boolean } = {}): PackApplyResult {
  const sqlite = db.$client;
  return withNote(`国の参照データ ${pack.version} を適用`, () =>
    sqlite.transaction(() => {
      const active = activeRow(sqlite);
      if (active && compareVersions(pack.version, active.version) <= 0) {
        throw new AppError(409, 'PACK_NOT_NEWER', `このデータパック（版 ${pack.version}）は、適用中の版 ${active.version} より新しくありません。前の版に戻すには「前の版に戻す」を使ってください。`);
      }
      const preview = applyAndMeasure(db, pack, today, options.measure ?? true);
      if (active) sqlite.prepare("UPDATE reference_packs SET status = 'superseded' WHERE id = ?").run(active.id);
      const id = recordLoad(sqlite, pack, active?.id ?? null, summaryOf(preview.counts, preview.statusChanges.bodyCount));
      return { ...preview, newer: true, pack: info(sqlite.prepare('SELECT * FROM reference_packs WHERE id = ?').get(id) as PackRow) };
    })(),
  );
}

/** Rolls the active pack back to the one before it (its content is re-applied); the rolled-back load stays in the history. */
export function rollbackPack(db: Db, packId: number, today: string): PackApplyResult {
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    if (!sqlite.prepare('SELECT 1 FROM reference_packs WHERE id = ?').get(packId)) throw new AppError(404, 'NOT_FOUND', `指定された国の参照データ（データパック）（ID: ${packId}）は見つかりません。`);
    const active = activeRow(sqlite);
    if (!active || active.id !== packId) {
      throw new AppError(409, 'PACK_NOT_ACTIVE', '適用中のデータパックだけを前の版に戻せます。一覧を読み込み直してください。');
    }
    if (active.previous_id === null) throw new AppError(409, 'PACK_NO_PREVIOUS', 'このデータパックの前の版がないため、戻せません。');
    const previous = contentOf(sqlite, active.previous_id);
    return withNote(`国の参照データを ${active.version} から ${previous.version} に戻す`, () => {
      const preview = applyAndMeasure(db, previous, today, true);
      sqlite.prepare("UPDATE reference_packs SET status = 'rolled_back' WHERE id = ?").run(active.id);
      sqlite.prepare("UPDATE reference_packs SET status = 'active' WHERE id = ?").run(active.previous_id);
      const row = sqlite.prepare('SELECT * FROM reference_packs WHERE id = ?').get(active.previous_id) as PackRow;
      return { ...preview, newer: false, pack: info(row) };
    });
  })();
}
