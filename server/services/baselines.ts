/**
 * 基準計画（ベースライン）: setting one — 当初計画 when a plan is adopted, 計画改定 at a formal revision (date, reason, who
 * approved it) — and reading the one in force for variance. Reusable by any caller that adopts a plan (the demo seed,
 * a new plan period): `setBaseline(db, planId, input, actor, at?)` copies every milestone's planned dates and every
 * KPI's target as they were at instant `at` (from the history; default: now, the live rows).
 */
import type { Db } from '../db/client.ts';
import type { Baseline } from '../db/schema.ts';
import { baselineLabel, baselineVarianceLabel, type BaselineKind } from '../domain/baseline.ts';
import { compareIsoDates } from '../domain/dates.ts';
import { AppError, type FieldError } from '../errors.ts';
import * as repo from '../repositories/baselines.ts';
import { rowsAt } from '../repositories/history.ts';
import { getPlan } from '../repositories/plans.ts';
import { loadBodyPlan } from '../repositories/body-plan.ts';

export interface BaselineInput {
  kind: BaselineKind;
  setOn: string;
  reason: string;
  approvedBy: string;
}

export function presentBaseline(b: Baseline) {
  return {
    id: b.id,
    planId: b.planId,
    kind: b.kind,
    label: baselineLabel(b),
    varianceLabel: baselineVarianceLabel(b),
    setOn: b.setOn,
    reason: b.reason,
    approvedBy: b.approvedBy,
    username: b.username,
    createdAt: b.createdAt,
  };
}

export function listBaselines(db: Db, planId: number) {
  getPlan(db, planId);
  return repo.listBaselines(db, planId).map(presentBaseline);
}

/** Sets a baseline of a plan: its milestones' planned dates and KPIs' targets as at `at` (ISO instant; default now). */
export function setBaseline(db: Db, planId: number, input: BaselineInput, actor: { id: number; username: string } | null, today: string, at?: string) {
  const plan = getPlan(db, planId);
  const existing = repo.listBaselines(db, planId);
  const problems: FieldError[] = [];
  const add = (field: string, code: string, message: string) => problems.push({ field, code, message });
  if (compareIsoDates(input.setOn, today) > 0) add('setOn', 'future', `基準日${input.setOn}は未来の日付です。今日（${today}）以前の日付にしてください。`);
  if (input.kind === 'original' && existing.length > 0) {
    throw new AppError(409, 'BASELINE_EXISTS', 'この計画の当初計画はすでに設定されています。変更は計画改定として登録してください。');
  }
  if (input.kind === 'revision') {
    if (existing.length === 0) add('kind', 'noOriginal', '当初計画が設定されていません。先に当初計画を設定してください。');
    const last = existing.at(-1);
    if (last && compareIsoDates(input.setOn, last.setOn) < 0) add('setOn', 'beforeLast', `改定日${input.setOn}は前回の基準計画（${last.setOn}）以降の日付にしてください。`);
    if (input.reason.trim() === '') add('reason', 'required', '計画改定の理由を入力してください。');
    if (input.approvedBy.trim() === '') add('approvedBy', 'required', '計画改定を承認した者（決裁者・会議）を入力してください。');
  }
  if (problems.length) throw new AppError(400, 'VALIDATION_ERROR', problems.map((p) => p.message).join(' '), problems);

  const rows = at === undefined ? loadBodyPlan(db, plan.bodyId) : null;
  const items = rows ? rows.items : rowsAt(db, plan.bodyId, 'plan_items', at!);
  const itemIds = new Set(items.filter((i) => i.planId === planId).map((i) => i.id));
  const milestones = (rows ? rows.milestones : rowsAt(db, plan.bodyId, 'milestones', at!)).filter((m) => itemIds.has(m.itemId));
  const kpis = (rows ? rows.kpis : rowsAt(db, plan.bodyId, 'kpis', at!)).filter((k) => k.itemId === null || itemIds.has(k.itemId));
  const b = repo.insertBaseline(
    db,
    { planId, kind: input.kind, setOn: input.setOn, reason: input.reason, approvedBy: input.approvedBy, userId: actor?.id ?? null, username: actor?.username ?? '' },
    milestones.map((m) => ({ milestoneId: m.id, plannedStartDate: m.plannedStartDate, plannedDate: m.plannedDate })),
    kpis.map((k) => ({ kpiId: k.id, targetValue: k.targetValue, targetFiscalYear: k.targetFiscalYear })),
  );
  return { ...presentBaseline(b), milestones: milestones.length, kpis: kpis.length };
}

export interface BaselineView {
  baseline: ReturnType<typeof presentBaseline>;
  milestones: Map<number, { plannedStartDate: string | null; plannedDate: string }>;
  kpis: Map<number, { targetValue: number; targetFiscalYear: number }>;
}

/** The baseline in force on `date` for a body's plans (each plan its own; one body has one plan in practice). */
export function baselineInForce(db: Db, planIds: number[], date: string): BaselineView | null {
  const found = repo.baselinesInForce(db, planIds, date);
  const first = found[0];
  if (!first) return null;
  const ids = found.map((b) => b.id);
  return {
    baseline: presentBaseline(first),
    milestones: new Map(repo.milestonesOf(db, ids).map((m) => [m.milestoneId, { plannedStartDate: m.plannedStartDate, plannedDate: m.plannedDate }])),
    kpis: new Map(repo.kpisOf(db, ids).map((k) => [k.kpiId, { targetValue: k.targetValue, targetFiscalYear: k.targetFiscalYear }])),
  };
}
