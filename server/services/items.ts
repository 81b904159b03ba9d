/**
 * Plan items: listing with computed status, detail with milestones and KPIs, and the rules that keep
 * an item consistent (its section and parent belong to the same body and plan; no parent cycles).
 */
import type { Db } from '../db/client.ts';
import { AppError, type FieldError } from '../errors.ts';
import { bodyPlanFor } from './as-of.ts';
import { loadEndedPlan } from '../repositories/body-plan.ts';
import { baselineInForce } from './baselines.ts';
import * as repo from '../repositories/items.ts';
import { getPlan } from '../repositories/plans.ts';
import { pageArray } from '../repositories/pagination.ts';
import type { ItemCreate, ItemListQuery, ItemUpdate } from '../schemas/items.ts';
import { assessBodyPlan } from './assessment.ts';
import { presentItem, presentKpi, presentMilestone } from './present.ts';

/** `asOf`: the day judged (a past day as known then, services/as-of.ts); `today`: the real today. */
export function listItems(db: Db, bodyId: number, q: ItemListQuery, asOf: string, today: string = asOf) {
  const assessed = assessBodyPlan(bodyPlanFor(db, bodyId, asOf, today), asOf).filter(
    (a) =>
      (q.categoryId === undefined || a.item.categoryId === q.categoryId) &&
      (q.sectionId === undefined || a.item.sectionId === q.sectionId) &&
      (q.status === undefined || a.assessment.status === q.status),
  );
  return pageArray(
    assessed.map((a) => presentItem(a, asOf)),
    q,
  );
}

export function itemDetail(db: Db, itemId: number, asOfAsked: string, today: string = asOfAsked) {
  // An item of an ended plan (issue 20) is shown as it was at the plan's end, read-only.
  const ended = endedPlanOfItem(db, itemId);
  const asOf = ended?.endedOn ?? asOfAsked;
  const plan = ended ? loadEndedPlan(db, ended) : bodyPlanFor(db, repo.bodyIdOfItem(db, itemId), asOf, today);
  const assessed = assessBodyPlan(plan, asOf);
  const self = assessed.find((a) => a.item.id === itemId);
  if (!self) throw new AppError(404, 'NOT_FOUND', `取組（ID: ${itemId}）は${asOf}の時点ではまだ登録されていませんでした。`);
  const childIds = new Set(self.childIds);
  const baseline = baselineInForce(db, plan.plans.map((p) => p.id), asOf);
  const today_ = asOf;
  return {
    ...presentItem(self, today_),
    milestones: self.milestones.map((m) => presentMilestone(m, today_, baseline)),
    children: assessed.filter((a) => childIds.has(a.item.id)).map((a) => presentItem(a, today_)),
    kpis: plan.kpis
      .filter((k) => k.itemId === itemId)
      .map((k) => presentKpi(k, plan.kpiValues.filter((v) => v.kpiId === k.id), today_, self.item.title, plan.benchmarks)),
    endedPlan: ended
      ? { id: ended.id, title: ended.title, startFiscalYear: ended.startFiscalYear, endFiscalYear: ended.endFiscalYear, endedOn: ended.endedOn }
      : null,
  };
}

/** The plan of a live item when that plan has ended. */
function endedPlanOfItem(db: Db, itemId: number) {
  const item = repo.findItem(db, itemId);
  if (!item) return null;
  const p = getPlan(db, item.planId);
  return p.endedOn === null ? null : p;
}

type ItemFields = Omit<ItemCreate, 'parentId'> & { parentId?: number | null };

/** Checks references of a (merged) item and reports every problem at once, in Japanese. */
function checkReferences(db: Db, planId: number, fields: ItemFields, selfId?: number) {
  const plan = getPlan(db, planId);
  const problems: FieldError[] = [];
  if (!repo.categoryExists(db, fields.categoryId)) {
    problems.push({ field: 'categoryId', code: 'unknownReference', message: `分野（ID: ${fields.categoryId}）は存在しません。` });
  }
  const section = repo.findSection(db, fields.sectionId);
  if (!section || section.bodyId !== plan.bodyId) {
    problems.push({ field: 'sectionId', code: 'unknownReference', message: `担当課（ID: ${fields.sectionId}）はこの団体の課ではありません。` });
  }
  if (fields.parentId != null) {
    const parent = repo.findItem(db, fields.parentId);
    if (!parent || parent.planId !== planId) {
      problems.push({ field: 'parentId', code: 'unknownReference', message: `親の取組（ID: ${fields.parentId}）は同じ計画の取組ではありません。` });
    } else if (selfId !== undefined && createsCycle(db, selfId, fields.parentId)) {
      problems.push({ field: 'parentId', code: 'cycle', message: '親の取組に自分自身やその子孫は指定できません。' });
    }
  }
  if (problems.length) throw new AppError(400, 'VALIDATION_ERROR', problems.map((p) => p.message).join(' '), problems);
}

function createsCycle(db: Db, selfId: number, parentId: number): boolean {
  for (let p: number | null = parentId, guard = 0; p !== null && guard < 1000; guard++) {
    if (p === selfId) return true;
    p = repo.findItem(db, p)?.parentId ?? null;
  }
  return false;
}

export function createItem(db: Db, planId: number, input: ItemCreate) {
  checkReferences(db, planId, input);
  return repo.insertItem(db, { ...input, planId }).id;
}

export function updateItem(db: Db, id: number, { version, ...patch }: ItemUpdate) {
  const current = repo.getItem(db, id);
  checkReferences(db, current.planId, { ...current, ...patch }, id);
  repo.updateItem(db, id, version, patch);
}

export function deleteItem(db: Db, id: number, version: number) {
  const item = repo.getItem(db, id);
  const n = repo.countChildren(db, id);
  if (n > 0) throw new AppError(409, 'IN_USE', `「${item.title}」には子の取組が${n}件あるため削除できません。先に子の取組を削除してください。`);
  repo.deleteItem(db, id, version);
}
