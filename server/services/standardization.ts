/**
 * Rules for standardization progress: the ministry's completion rate per area and per body, step
 * status updates with optimistic concurrency, and the step template that every area goes through.
 */
import type { Db } from '../db/client.ts';
import type { MilestoneStatus } from '../db/schema.ts';
import { effectiveDeadline } from '../domain/deadlines.ts';
import { MILESTONE_STATUSES } from '../domain/labels.ts';
import { standardizationCompletionRate } from '../domain/rollup.ts';
import { AppError, notFound } from '../errors.ts';
import { getBody } from '../repositories/bodies.ts';
import * as ref from '../repositories/reference.ts';
import * as repo from '../repositories/standardization.ts';
import type { StandardizationStepCreate, StandardizationStepUpdate } from '../schemas/reference.ts';
import type {
  BodyArea,
  BodyAreaStep,
  BodyAreaStepUpdate,
  BodyStandardization,
  StandardizationSummaryQuery,
  StandardizationSummaryRow,
  StepCounts,
} from '../schemas/standardization.ts';

function countStatuses(statuses: MilestoneStatus[]): StepCounts {
  const counts = Object.fromEntries(MILESTONE_STATUSES.map((s) => [s, 0])) as StepCounts;
  for (const s of statuses) counts[s]++;
  return counts;
}

/** A body's standardization: per area and overall, the ministry's rate over every step. */
export function bodyStandardization(db: Db, bodyId: number): BodyStandardization {
  getBody(db, bodyId);
  const areas = repo.listBodyAreas(db, bodyId);
  const stepsByArea = new Map<number, BodyAreaStep[]>();
  for (const { bodyAreaId, ...step } of repo.listBodyAreaSteps(db, bodyId)) {
    const list = stepsByArea.get(bodyAreaId);
    if (list) list.push(step);
    else stepsByArea.set(bodyAreaId, [step]);
  }

  // The national deadline each area's plan item answers to, with this body's or item's extension.
  const itemIds = areas.flatMap((a) => (a.itemId === null ? [] : [a.itemId]));
  const itemDeadlines = new Map(repo.listItemDeadlines(db, itemIds).map((d) => [d.itemId, d]));
  const extensions = ref.listExtensions(db, [...new Set([...itemDeadlines.values()].map((d) => d.deadlineId))]);

  const all: MilestoneStatus[] = [];
  const out: BodyArea[] = areas.map((area) => {
    const steps = stepsByArea.get(area.bodyAreaId) ?? [];
    const statuses = steps.map((s) => s.status);
    all.push(...statuses);
    const d = area.itemId === null ? undefined : itemDeadlines.get(area.itemId);
    let deadline: BodyArea['deadline'] = null;
    if (d && area.itemId !== null) {
      const e = effectiveDeadline({ id: d.deadlineId, dueDate: d.dueDate }, extensions, { bodyId, itemId: area.itemId });
      deadline = {
        deadlineId: d.deadlineId,
        code: d.code,
        title: d.title,
        originalDate: e.originalDate,
        effectiveDate: e.effectiveDate,
        extended: e.extended,
      };
    }
    return {
      ...area,
      deadline,
      completionRate: standardizationCompletionRate(statuses),
      counts: countStatuses(statuses),
      steps,
    };
  });

  return {
    bodyId,
    completionRate: standardizationCompletionRate(all),
    counts: countStatuses(all),
    stepCount: all.length,
    areas: out,
  };
}

/** Sets the status of one step of one of the body's business areas (409 when the version is stale). */
export function updateBodyAreaStep(db: Db, bodyId: number, areaId: number, stepId: number, input: BodyAreaStepUpdate): BodyAreaStep {
  getBody(db, bodyId);
  const bodyArea = repo.findBodyArea(db, bodyId, areaId);
  if (!bodyArea) throw notFound('団体の標準化対象業務', areaId);
  return repo.updateBodyAreaStep(db, bodyArea.id, stepId, input.version, { status: input.status });
}

/**
 * Every body (of a prefecture) with its ministry rate, from one aggregate query. The rate is the
 * same as `standardizationCompletionRate` over the body's steps: (done + 対象外) / steps, null if none.
 */
export function summary(db: Db, q: StandardizationSummaryQuery): StandardizationSummaryRow[] {
  return repo.summarizeBodies(db, q).map((r) => ({
    ...r,
    completionRate: r.stepCount === 0 ? null : r.doneOrNa / r.stepCount,
  }));
}

// ---- the step template -------------------------------------------------------------------------

function checkStepCodeFree(db: Db, code: string) {
  if (ref.findStepByCode(db, code)) {
    throw new AppError(409, 'DUPLICATE', `この手順コードはすでに登録されています（別のコードを指定してください）。`);
  }
}

/** Adds a template step (at the end unless a sort order is given) and a 未着手 row to every body area. */
export function createStep(db: Db, input: StandardizationStepCreate) {
  checkStepCodeFree(db, input.code);
  const sortOrder = input.sortOrder ?? (ref.maxStepSortOrder(db) ?? 0) + 10;
  return ref.insertStepForEveryBodyArea(db, { ...input, sortOrder });
}

export function updateStep(db: Db, id: number, patch: StandardizationStepUpdate) {
  ref.getStep(db, id);
  return ref.updateStep(db, id, patch);
}
