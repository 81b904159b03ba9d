/**
 * The check of an upload's rows (dry run and apply alike): every row compared with the database and
 * written through the same services and schemas as the API routes, inside one transaction that a dry
 * run always rolls back. Per row: an ID of another body is an error; a row whose version differs from
 * the file's 版 (or that was deleted) and that the file would change is a conflict, never overwritten;
 * the rights of every user the check is run for (the uploader, and at apply the applier too) are
 * checked with the route's own rule (exported next to the route: MILESTONE_ROUTES… in routes/, officerFields
 * included); schema and service rules
 * give errors. Rows are applied plan → items → milestones → KPI values, so new milestones can name
 * items created by the same file.
 *
 * Plain functions over a DB handle: no framework objects; they run in a worker thread (server/workers/).
 */
import { planEndedError } from '../auth/ended-plan.ts';
import type { ValidateFunction } from 'ajv';
import { allows, type Principal } from '../auth/policy.ts';
import type { RouteConfig } from '../auth/rules.ts';
import { ITEM_ROUTES } from '../routes/items.ts';
import { KPI_VALUE_ROUTES } from '../routes/kpi-values.ts';
import { MILESTONE_ROUTES } from '../routes/milestones.ts';
import { PLAN_ROUTES } from '../routes/plans.ts';
import { ScopeResolver } from '../auth/scope.ts';
import type { Db } from '../db/client.ts';
import type { Import } from '../db/schema.ts';
import { SHEET_STATUS_LABELS } from '../domain/sheet-cells.ts';
import type { MilestoneStatus } from '../domain/labels.ts';
import { AppError } from '../errors.ts';
import { getBody } from '../repositories/bodies.ts';
import { bodyLookups, currentRowQueries, deleteImportRows, itemTargetYears, kpiName, markApplied, rowChunkReader, type StoredRowData } from '../repositories/imports.ts';
import { validatorCompiler, toFieldErrors } from '../plugins/validation.ts';
import type { ImportChange, ImportCounts, ImportProblem } from '../schemas/imports.ts';
import { ItemCreate, ItemUpdate } from '../schemas/items.ts';
import { KpiValueCreate, KpiValueUpdate } from '../schemas/kpis.ts';
import { MilestoneCreate, MilestoneUpdate } from '../schemas/milestones.ts';
import { PlanCreate, PlanUpdate } from '../schemas/plans.ts';
import * as itemService from './items.ts';
import * as kpiService from './kpis.ts';
import { changesPlannedDates } from '../domain/baseline.ts';
import * as milestoneService from './milestones.ts';
import * as planService from './plans.ts';
import { ENTITY_ORDER, sheetByEntity, type Entity } from './workbook-layout.ts';

export const MAX_CHANGES = 200;
export const MAX_PROBLEMS = 500;
const CHUNK = 500;

/**
 * Whose rights a check is run with. At upload: the uploader. At apply: the uploader and the applier
 * (issue 14: an import is applied only as far as both may change every row). `role` names them in
 * the refusal message when they are different people.
 */
export interface Checked {
  principal: Principal;
  role: 'uploader' | 'applier' | null;
}

export interface Outcome {
  counts: ImportCounts;
  changes: ImportChange[];
  problems: ImportProblem[];
  truncated: { changes: boolean; problems: boolean };
  canApply: boolean;
  applied: boolean;
}

type Kind = ImportProblem['kind'];
class RowProblem {
  constructor(
    readonly kind: Kind,
    readonly field: string | null,
    readonly message: string,
  ) {}
}

/** Compiled once: the request schemas of the routes the rows stand for. */
const validators = new Map<unknown, ValidateFunction>();
function validate(schema: object, value: unknown): { field: string; message: string }[] {
  let v = validators.get(schema);
  if (!v) {
    v = validatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '' } as never) as ValidateFunction;
    validators.set(schema, v);
  }
  if (v(value)) return [];
  return toFieldErrors(v.errors ?? [], 'body').map((e) => ({ field: e.field, message: e.message }));
}

/** API field names of errors → the sheet's field (references by name). */
const ERROR_FIELD: Record<string, string> = { categoryId: 'categoryName', sectionId: 'sectionName' };

interface Row extends StoredRowData {
  entity: Entity;
  sheet: string;
  row: number;
}

const ROLLBACK = Symbol('rollback');

/** Checks every row of `imp` with the rights of `as`; in 'apply' mode commits when nothing is wrong (else rolls back). */
export function checkImport(
  db: Db,
  imp: Import,
  as: readonly Checked[],
  today: string,
  mode: 'preview' | 'apply',
  /** Called after every chunk with the rows checked so far (the import page's progress). */
  onChecked: (rows: number) => void = () => undefined,
  /** The request's own note (x-audit-note of the upload, for the preview, or of the apply): the reason of re-plans whose row leaves 変更理由 empty. */
  note = '',
): Outcome {
  const o: Outcome = {
    counts: { create: 0, update: 0, unchanged: 0, conflict: 0, refused: 0, error: 0 },
    changes: [],
    problems: [],
    truncated: { changes: false, problems: false },
    canApply: false,
    applied: false,
  };
  const run = db.$client.transaction(() => {
    const checker = new Checker(db, imp, as, today, note);
    const chunkOf = rowChunkReader(db);
    let checked = 0;
    for (const entity of ENTITY_ORDER) {
      for (let after = 0; ; ) {
        const chunk = chunkOf(imp.id, entity, after, CHUNK);
        if (!chunk.length) break;
        after = chunk[chunk.length - 1]!.seq;
        for (const c of chunk) record(o, { ...c.data, entity, sheet: c.sheet, row: c.row }, checker);
        onChecked((checked += chunk.length));
      }
    }
    const c = o.counts;
    o.canApply = c.conflict + c.refused + c.error === 0 && c.create + c.update > 0;
    if (mode === 'preview' || !o.canApply) throw ROLLBACK;
    markApplied(db, imp.id, c);
    // The file's rows have done their work: the audit trail holds what they changed.
    deleteImportRows(db, imp.id);
    o.applied = true;
  });
  try {
    // IMMEDIATE: the write lock from the start (a worker's check holds it lent by the group commit, db/group-commit.ts).
    run.immediate();
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return o;
}

function record(o: Outcome, row: Row, checker: Checker) {
  const spec = sheetByEntity(row.entity);
  const problemOf = (p: RowProblem): ImportProblem => {
    const field = p.field === null ? null : (ERROR_FIELD[p.field] ?? p.field);
    const column = field === null ? null : (row.cols[field] ?? null);
    return {
      sheet: row.sheet,
      row: row.row,
      column,
      columnLabel: column === null ? null : (spec.columns.find((c) => c.field === field)?.header ?? null),
      kind: p.kind,
      message: p.message,
    };
  };
  let problems: RowProblem[] = row.errors.map((e) => new RowProblem('error', e.field, e.message));
  let result: ImportChange | 'unchanged' | null = null;
  if (!problems.length) {
    try {
      result = checker.check(row);
    } catch (e) {
      if (e instanceof RowProblems) problems = e.problems;
      else throw e;
    }
  }
  if (problems.length) {
    const worst = (['conflict', 'refused', 'error'] as const).find((k) => problems.some((p) => p.kind === k))!;
    o.counts[worst]++;
    for (const p of problems) {
      if (o.problems.length < MAX_PROBLEMS) o.problems.push(problemOf(p));
      else o.truncated.problems = true;
    }
    return;
  }
  if (result === 'unchanged' || result === null) {
    o.counts.unchanged++;
    return;
  }
  o.counts[result.kind]++;
  if (o.changes.length < MAX_CHANGES) o.changes.push(result);
  else o.truncated.changes = true;
}

class RowProblems extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('row problems');
  }
}
const fail = (kind: Kind, field: string | null, message: string): never => {
  throw new RowProblems([new RowProblem(kind, field, message)]);
};

const display = (field: string, v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (field === 'status') return SHEET_STATUS_LABELS[v as MilestoneStatus] ?? String(v);
  return String(v);
};

/** Fields of `values` (present in the file) that differ from `current`. */
function diff(values: Record<string, unknown>, current: Record<string, unknown>, fields: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f in values)) continue;
    const a = values[f] ?? null;
    const b = current[f] ?? null;
    if (a !== b) out[f] = a;
  }
  return out;
}

const PLAN_FIELDS = ['title', 'startFiscalYear', 'endFiscalYear', 'adoptedOn'] as const;
const ITEM_FIELDS = ['title', 'categoryId', 'sectionId', 'targetFiscalYear', 'notes'] as const;
const MILESTONE_FIELDS = ['title', 'plannedDate', 'plannedStartDate', 'actualDate', 'actualStartDate', 'status', 'note'] as const;
const KPI_VALUE_FIELDS = ['value', 'note'] as const;

/** Checks (and writes, inside the caller's transaction) one row at a time. */
class Checker {
  private readonly resolver: ScopeResolver;
  private readonly bodyName: string;
  private readonly sectionsByName: Map<string, number>;
  private readonly sectionNames: Map<number, string>;
  private readonly categoriesByName: Map<string, number>;
  private readonly categoryNames: Map<number, string>;
  /** Items of the body by title (ids; several when titles repeat), new ones added as they are created. */
  private readonly itemsByTitle = new Map<string, number[]>();
  private readonly kpisByName = new Map<string, number[]>();
  private plansOfBody: number[];
  private newPlanId: number | null = null;
  /** One savepoint per row (made once: better-sqlite3 prepares its statements when a transaction function is made). */
  private readonly savepoint: (fn: () => unknown) => unknown;
  /** The current rows, by prepared queries (the same drizzle selects, built once). */
  private readonly current: ReturnType<typeof currentRowQueries>;

  constructor(
    private readonly db: Db,
    private readonly imp: Import,
    private readonly as: readonly Checked[],
    private readonly today: string,
    /** The request's note: the reason of a re-plan whose row has no 変更理由. */
    private readonly note: string,
  ) {
    this.resolver = new ScopeResolver(db);
    this.savepoint = db.$client.transaction((fn: () => unknown) => fn());
    this.current = currentRowQueries(db);
    this.bodyName = getBody(db, imp.bodyId).name;
    const lookups = bodyLookups(db, imp.bodyId);
    this.sectionsByName = new Map(lookups.sections.map((s) => [s.name, s.id]));
    this.sectionNames = new Map(lookups.sections.map((s) => [s.id, s.name]));
    this.categoriesByName = new Map([...lookups.categories.map((c) => [c.code, c.id] as const), ...lookups.categories.map((c) => [c.name, c.id] as const)]);
    this.categoryNames = new Map(lookups.categories.map((c) => [c.id, c.name]));
    this.plansOfBody = lookups.planIds;
    for (const i of lookups.items) this.itemsByTitle.set(i.title, [...(this.itemsByTitle.get(i.title) ?? []), i.id]);
    for (const k of lookups.kpis) this.kpisByName.set(k.name, [...(this.kpisByName.get(k.name) ?? []), k.id]);
  }

  check(row: Row): ImportChange | 'unchanged' {
    switch (row.entity) {
      case 'plan':
        return this.plan(row);
      case 'item':
        return this.item(row);
      case 'milestone':
        return this.milestone(row);
      case 'kpiValue':
        return this.kpiValue(row);
    }
  }

  // -- shared rules --

  /** The row's target in the database must belong to the import's body. */
  private ownTarget(param: string, id: number, what: string) {
    let targets;
    try {
      targets = this.resolver.resolve({ [param]: id }, undefined, false);
    } catch (e) {
      if (e instanceof AppError && e.statusCode === 404) return null;
      throw e;
    }
    if (!targets.every((t) => t.bodyId === this.imp.bodyId)) fail('error', 'id', `ID ${id} の${what}はこの団体（${this.bodyName}）のものではありません。`);
    return targets;
  }

  /**
   * Everyone the check is run for may do what the route does (its rule, exported next to the route), on
   * these targets, changing these fields (access and officerFields).
   */
  private permit({ rule }: RouteConfig, entity: Entity, params: Record<string, number>, bodyIds: Record<string, number>, changed: string[], what: string) {
    const targets = this.resolver.resolve(params, bodyIds, true);
    const ended = targets.find((t) => t.endedPlanId);
    if (ended) fail('refused', null, planEndedError(this.db, ended.endedPlanId!).message);
    for (const { principal: p, role } of this.as) {
      const who = role === null ? '' : `${role === 'uploader' ? '取り込んだ人' : '反映する人'}（${p.displayName}）: `;
      if (!allows(p, rule.access, targets)) {
        const section = targets.map((t) => (t.sectionId === null ? null : this.sectionNames.get(t.sectionId))).find((s) => s);
        fail(
          'refused',
          null,
          p.role === 'officer' && rule.access !== 'bodySection'
            ? `${who}${what}はDX推進本部が行います。DX推進員は担当課の取組の進捗（状況・実績日・備考・指標の値など）だけを変更できます。`
            : `${who}${what}を行う権限がありません${section ? `（担当課: ${section}）` : ''}。DX推進員は担当課の取組だけを変更できます。`,
        );
      }
      if (p.role === 'officer' && rule.officerFields) {
        const allowed = new Set(rule.officerFields);
        const refused = changed.filter((f) => !allowed.has(f));
        if (refused.length) {
          const label = (f: string) => this.labelOf(entity, f);
          fail(
            'refused',
            refused[0]!,
            `${who}DX推進員は「${refused.map(label).join('」「')}」を変更できません（変更できるのは「${rule.officerFields.map(label).join('」「')}」です）。`,
          );
        }
      }
    }
    if (this.imp.sectionId !== null && targets.some((t) => t.sectionId !== this.imp.sectionId)) {
      fail('refused', null, `この取込は「${this.sectionNames.get(this.imp.sectionId) ?? this.imp.sectionId}」の取組に限って取り込む設定です。`);
    }
  }

  private labelOf(entity: Entity, field: string): string {
    const f = ERROR_FIELD[field] ?? field;
    return sheetByEntity(entity).columns.find((c) => c.field === f)?.header ?? field;
  }

  /** Version check of an existing row the file would change. */
  private checkVersion(row: Row, current: { version: number }) {
    if (row.version === null) fail('error', 'version', '版が空欄です。出力したファイルの「版」の列を変えずに取り込んでください。');
    if (row.version !== current.version) {
      fail(
        'conflict',
        'version',
        `この行はファイルを出力した後に、アプリで更新されています（出力時の版 ${row.version}、現在の版 ${current.version}）。上書きしないため、最新の内容を出力し直してから編集してください。`,
      );
    }
  }

  /** Runs the schema and the service in a savepoint; their errors become the row's problems. */
  private write<T>(schema: object, input: Record<string, unknown>, fn: () => T): T {
    const errors = validate(schema, input);
    if (errors.length) throw new RowProblems(errors.map((e) => new RowProblem('error', e.field || null, e.message)));
    try {
      return this.savepoint(fn) as T;
    } catch (e) {
      if (e instanceof AppError) {
        if (e.code === 'VERSION_CONFLICT') fail('conflict', 'version', 'この行はアプリで更新されています。最新の内容を出力し直してください。');
        if (e.errors?.length) throw new RowProblems(e.errors.map((x) => new RowProblem('error', x.field, x.message)));
        fail('error', null, e.message);
      }
      const code = (e as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CONSTRAINT')) fail('error', null, '入力内容が登録ルールに合いません。');
      throw e;
    }
  }

  private changeOf(row: Row, kind: 'create' | 'update', id: number | null, label: string, from: Record<string, unknown>, to: Record<string, unknown>): ImportChange {
    const spec = sheetByEntity(row.entity);
    const fields = Object.keys(to).map((field) => {
      const sheetField = ERROR_FIELD[field] ?? field;
      const show = (v: unknown) =>
        field === 'categoryId' ? (this.categoryNames.get(v as number) ?? display(field, v)) : field === 'sectionId' ? (this.sectionNames.get(v as number) ?? display(field, v)) : display(field, v);
      return { field, label: spec.columns.find((c) => c.field === sheetField)?.header ?? field, from: kind === 'create' ? null : show(from[field]), to: show(to[field]) };
    });
    return { sheet: row.sheet, row: row.row, kind, entity: row.entity, id, label, fields };
  }

  /** Optional values of a new row: empty cells are left to the defaults. */
  private present(values: Record<string, unknown>, fields: readonly string[]) {
    const out: Record<string, unknown> = {};
    for (const f of fields) if (values[f] !== undefined && values[f] !== null) out[f] = values[f];
    return out;
  }

  // -- 計画 --

  private plan(row: Row): ImportChange | 'unchanged' {
    const v = row.values;
    if (row.id !== null) {
      const id = row.id;
      if (!this.ownTarget('planId', id, '計画')) fail('conflict', 'id', `この計画（ID ${id}）はファイルを出力した後に削除されています。`);
      const current = this.current.plan.get({ id })!;
      const patch = diff(v, current, PLAN_FIELDS);
      if (!Object.keys(patch).length) return 'unchanged';
      this.checkVersion(row, current);
      this.permit(PLAN_ROUTES.update, 'plan', { planId: id }, {}, Object.keys(patch), '計画の変更');
      this.write(PlanUpdate, { version: current.version, ...patch }, () => planService.updatePlan(this.db, id, { version: current.version, ...patch } as never));
      return this.changeOf(row, 'update', id, current.title, current, patch);
    }
    this.permit(PLAN_ROUTES.create, 'plan', { bodyId: this.imp.bodyId }, {}, [], '計画の登録');
    const input = { title: v.title ?? '', ...this.present(v, ['startFiscalYear', 'endFiscalYear', 'adoptedOn']) };
    const created = this.write(PlanCreate, input, () => planService.createPlan(this.db, this.imp.bodyId, input as never));
    this.newPlanId = created.id;
    this.plansOfBody.push(created.id);
    return this.changeOf(row, 'create', null, created.title, {}, input);
  }

  // -- 取組 --

  private refs(row: Row): Record<string, unknown> {
    const v = { ...row.values };
    const problems: RowProblem[] = [];
    if ('categoryName' in v) {
      const name = String(v.categoryName ?? '').trim();
      const id = this.categoriesByName.get(name);
      if (name && id === undefined) problems.push(new RowProblem('error', 'categoryName', `区分「${name}」はありません。一覧から選んでください。`));
      if (!name) problems.push(new RowProblem('error', 'categoryName', '区分を選んでください。'));
      v.categoryId = id;
    }
    if ('sectionName' in v) {
      const name = String(v.sectionName ?? '').trim();
      const id = this.sectionsByName.get(name);
      if (!name) problems.push(new RowProblem('error', 'sectionName', '担当課を入力してください。'));
      else if (id === undefined) problems.push(new RowProblem('error', 'sectionName', `担当課「${name}」はこの団体（${this.bodyName}）の課ではありません。登録済みの課の名前を入力してください。`));
      v.sectionId = id;
    }
    if (problems.length) throw new RowProblems(problems);
    return v;
  }

  private defaultPlanId(row: Row): number {
    if (row.values.planId != null) {
      const id = row.values.planId as number;
      if (!this.ownTarget('planId', id, '計画')) fail('error', 'planId', `計画ID ${id} の計画はありません。`);
      return id;
    }
    if (this.newPlanId !== null) return this.newPlanId;
    if (this.plansOfBody.length === 1) return this.plansOfBody[0]!;
    if (this.plansOfBody.length > 1) return fail('error', 'planId', `この団体には計画が${this.plansOfBody.length}件あります。計画IDを入力してください。`);
    // A body without a plan: the plan is made from the items' target years (or the 計画 sheet, read first).
    this.permit(PLAN_ROUTES.create, 'plan', { bodyId: this.imp.bodyId }, {}, [], '計画の登録');
    const years = itemTargetYears(this.db, this.imp.id);
    const fy = Number(this.today.slice(0, 4));
    const input = { title: `${this.bodyName} DX推進計画`, startFiscalYear: years.lo ?? fy, endFiscalYear: years.hi ?? fy };
    const created = this.write(PlanCreate, input, () => planService.createPlan(this.db, this.imp.bodyId, input));
    this.newPlanId = created.id;
    this.plansOfBody.push(created.id);
    return created.id;
  }

  private item(row: Row): ImportChange | 'unchanged' {
    const v = this.refs(row);
    if (row.id !== null) {
      const id = row.id;
      if (!this.ownTarget('itemId', id, '取組')) fail('conflict', 'id', `この取組（ID ${id}）はファイルを出力した後に削除されています。`);
      const current = this.current.item.get({ id })!;
      const patch = diff(v, current, ITEM_FIELDS);
      if (!Object.keys(patch).length) return 'unchanged';
      this.checkVersion(row, current);
      this.permit(ITEM_ROUTES.update, 'item', { itemId: id }, 'sectionId' in patch ? { sectionId: patch.sectionId as number } : {}, Object.keys(patch), '取組の変更');
      const input = { version: current.version, ...patch };
      this.write(ItemUpdate, input, () => itemService.updateItem(this.db, id, input as never));
      if ('title' in patch) this.itemsByTitle.set(patch.title as string, [...(this.itemsByTitle.get(patch.title as string) ?? []), id]);
      return this.changeOf(row, 'update', id, current.title, current, patch);
    }
    const planId = this.defaultPlanId(row);
    const input: Record<string, unknown> = { title: v.title ?? '', ...this.present(v, ['categoryId', 'sectionId', 'targetFiscalYear', 'notes']) };
    this.permit(ITEM_ROUTES.create, 'item', { planId }, input.sectionId ? { sectionId: input.sectionId as number } : {}, [], '新しい取組の登録');
    const id = this.write(ItemCreate, input, () => itemService.createItem(this.db, planId, input as never));
    this.itemsByTitle.set(input.title as string, [...(this.itemsByTitle.get(input.title as string) ?? []), id]);
    return this.changeOf(row, 'create', null, input.title as string, {}, input);
  }

  // -- マイルストーン --

  private milestone(row: Row): ImportChange | 'unchanged' {
    const v = row.values;
    if (row.id !== null) {
      const id = row.id;
      if ('status' in v && v.status === null) fail('error', 'status', '状況を選んでください（未着手・進行中・完了・対象外）。');
      if (!this.ownTarget('milestoneId', id, 'マイルストーン')) fail('conflict', 'id', `このマイルストーン（ID ${id}）はファイルを出力した後に削除されています。`);
      const current = this.current.milestone.get({ id })!;
      const patch = diff(v, current, MILESTONE_FIELDS);
      if (!Object.keys(patch).length) return 'unchanged';
      this.checkVersion(row, current);
      this.permit(MILESTONE_ROUTES.update, 'milestone', { milestoneId: id }, {}, Object.keys(patch), 'マイルストーンの変更');
      // A re-plan needs its reason: the row's 変更理由, else the request's note (server/history/reason.ts).
      const reason = typeof v.replanReason === 'string' && v.replanReason.trim() ? v.replanReason : this.note;
      const input = { version: current.version, ...patch, ...(changesPlannedDates(current, patch) ? { replanReason: reason } : {}) };
      this.write(MilestoneUpdate, input, () => milestoneService.updateMilestone(this.db, id, input as never, this.today));
      return this.changeOf(row, 'update', id, current.title, current, patch);
    }
    const itemId = this.itemOf(row);
    const input = { title: v.title ?? '', ...this.present(v, ['plannedDate', 'plannedStartDate', 'actualDate', 'actualStartDate', 'status', 'note']) };
    this.permit(MILESTONE_ROUTES.create, 'milestone', { itemId }, {}, [], '新しいマイルストーンの登録');
    this.write(MilestoneCreate, input, () => milestoneService.createMilestone(this.db, itemId, input as never, this.today));
    return this.changeOf(row, 'create', null, input.title as string, {}, input);
  }

  private itemOf(row: Row): number {
    const v = row.values;
    if (v.itemId != null) {
      const id = v.itemId as number;
      if (!this.ownTarget('itemId', id, '取組')) fail('error', 'itemId', `取組ID ${id} の取組はありません。`);
      return id;
    }
    const title = String(v.itemTitle ?? '').trim();
    if (!title) return fail('error', 'itemId', '新しいマイルストーンの取組を、取組IDか取組名で指定してください。');
    const ids = this.itemsByTitle.get(title) ?? [];
    if (ids.length === 0) return fail('error', 'itemTitle', `取組「${title}」が見つかりません（取組シートの取組名と同じにしてください）。`);
    if (ids.length > 1) return fail('error', 'itemTitle', `取組「${title}」が${ids.length}件あります。取組IDで指定してください。`);
    return ids[0]!;
  }

  // -- 指標値 --

  private kpiValue(row: Row): ImportChange | 'unchanged' {
    const v = row.values;
    if (row.id !== null) {
      const id = row.id;
      if ('value' in v && v.value === null) fail('error', 'value', '値を入力してください（登録済みの値は取込では削除できません）。');
      if (!this.ownTarget('valueId', id, '指標の値')) fail('conflict', 'id', `この指標の値（ID ${id}）はファイルを出力した後に削除されています。`);
      const current = this.current.kpiValue.get({ id })!;
      const patch = diff(v, current, KPI_VALUE_FIELDS);
      if (!Object.keys(patch).length) return 'unchanged';
      this.checkVersion(row, current);
      this.permit(KPI_VALUE_ROUTES.update, 'kpiValue', { valueId: id }, {}, Object.keys(patch), '指標の値の変更');
      const input = { version: current.version, ...patch };
      this.write(KpiValueUpdate, input, () => kpiService.updateKpiValue(this.db, id, input as never));
      return this.changeOf(row, 'update', id, `${this.kpiLabel(current.kpiId)} ${kpiService.periodLabel(current.fiscalYear, current.quarter)}`, current, patch);
    }
    const kpiId = this.kpiOf(row);
    const input = { ...this.present(v, ['fiscalYear', 'quarter', 'value', 'note']) };
    this.permit(KPI_VALUE_ROUTES.create, 'kpiValue', { kpiId }, {}, [], '指標の値の登録');
    this.write(KpiValueCreate, input, () => kpiService.createKpiValue(this.db, kpiId, input as never));
    return this.changeOf(row, 'create', null, `${this.kpiLabel(kpiId)} ${kpiService.periodLabel(input.fiscalYear as number, input.quarter as number)}`, {}, input);
  }

  private kpiLabel(kpiId: number) {
    return kpiName(this.db, kpiId) ?? `指標${kpiId}`;
  }

  private kpiOf(row: Row): number {
    const v = row.values;
    if (v.kpiId != null) {
      const id = v.kpiId as number;
      if (!this.ownTarget('kpiId', id, '指標')) fail('error', 'kpiId', `指標ID ${id} の指標はありません。`);
      return id;
    }
    const name = String(v.kpiName ?? '').trim();
    const ids = this.kpisByName.get(name) ?? [];
    if (!name) return fail('error', 'kpiId', '新しい値の指標を、指標IDか指標名で指定してください。');
    if (ids.length !== 1) return fail('error', 'kpiName', ids.length ? `指標「${name}」が${ids.length}件あります。指標IDで指定してください。` : `指標「${name}」が見つかりません。`);
    return ids[0]!;
  }
}

