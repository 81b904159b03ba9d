/**
 * 計画期間 (issue 20): HQ starts the next plan from the current one.
 *
 * - **Move, not copy**: the items chosen to continue (with their sub-items and the headings above them,
 *   `domain/plan-period.ts`) move to the new plan keeping their ids. Their milestones, KPIs and KPI values are
 *   theirs by id, so they follow with their history (`row_versions`), audit trail, 「変更なし」 reviews, publication
 *   settings and item-level extensions; a stale edit of a moved item meets its new version (409).
 * - **The old plan stays readable as it was at its end**: its rows as the dashboard loaded them just before the move are
 *   kept as JSON (`ended_plan_payloads`), and `ended_on` makes it read-only (auth/ended-plan.ts refuses every write).
 * - **当初計画 of the new plan**: `setBaseline(original, adoptedOn)` with the carried milestones and KPIs.
 *
 * All in the caller's transaction: a refusal anywhere changes nothing.
 */
import type { Db } from '../db/client.ts';
import { compareIsoDates } from '../domain/dates.ts';
import { ITEM_STATUS_LABELS } from '../domain/labels.ts';
import { carriedItemIds, isUnfinishedItem } from '../domain/plan-period.ts';
import { AppError, invalidField } from '../errors.ts';
import { insertEndedPlanPayload, loadBodyPlan, planRowsOf } from '../repositories/body-plan.ts';
import * as repo from '../repositories/plans.ts';
import { nowIso } from '../repositories/versioned.ts';
import type { NextPlanCreate } from '../schemas/plan-periods.ts';
import { assessBodyPlan } from './assessment.ts';
import { setBaseline } from './baselines.ts';
import { planEndedError } from '../auth/ended-plan.ts';
import { checkPeriod } from './plans.ts';

/** The current plan of the body `planId` belongs to, or a refusal naming the ended plan. */
function currentPlan(db: Db, planId: number) {
  const plan = repo.getPlan(db, planId);
  if (plan.endedOn !== null) throw planEndedError(db, planId);
  return plan;
}

/** The 次期計画 page: the current plan's items in 工程表 order, each with its status and whether it is unfinished. */
export function nextPlanDraft(db: Db, planId: number, today: string) {
  const plan = currentPlan(db, planId);
  const live = loadBodyPlan(db, plan.bodyId);
  const assessed = assessBodyPlan(live, today);
  const byParent = new Map<number | null, typeof assessed>();
  const ids = new Set(assessed.map((a) => a.item.id));
  for (const a of assessed) {
    const p = a.item.parentId !== null && ids.has(a.item.parentId) ? a.item.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), a]);
  }
  const ordered: typeof assessed = [];
  const visit = (p: number | null) => {
    for (const a of byParent.get(p) ?? []) {
      ordered.push(a);
      visit(a.item.id);
    }
  };
  visit(null);
  const kpiCount = (itemId: number) => live.kpis.filter((k) => k.itemId === itemId).length;
  return {
    plan,
    items: ordered.map((a) => ({
      itemId: a.item.id,
      parentId: a.item.parentId,
      depth: a.depth,
      title: a.item.title,
      sectionName: a.section.name,
      categoryName: a.category.name,
      status: a.assessment.status,
      statusLabel: ITEM_STATUS_LABELS[a.assessment.status],
      unfinished: isUnfinishedItem(a.assessment.status),
      milestones: a.milestones.length,
      kpis: kpiCount(a.item.id),
    })),
  };
}

export function startNextPlan(db: Db, planId: number, input: NextPlanCreate, actor: { id: number; username: string } | null, today: string) {
  const old = currentPlan(db, planId);
  checkPeriod(input.startFiscalYear, input.endFiscalYear);
  if (input.startFiscalYear < old.startFiscalYear) {
    throw invalidField(
      'startFiscalYear',
      'beforeCurrent',
      `開始年度（${input.startFiscalYear}年度）は現行の計画の開始年度（${old.startFiscalYear}年度）以降にしてください。`,
    );
  }
  if (compareIsoDates(input.adoptedOn, today) > 0) {
    throw invalidField('adoptedOn', 'future', `策定日（${input.adoptedOn}）は未来の日付です。今日（${today}）以前の日付にしてください。`);
  }
  const live = loadBodyPlan(db, old.bodyId);
  const unknown = input.carryItemIds.filter((id) => !live.items.some((i) => i.id === id));
  if (unknown.length) {
    throw invalidField('carryItemIds', 'notInPlan', `引き継ぐ取組（ID ${unknown.join('、')}）は現行の計画「${old.title}」の取組ではありません。`);
  }
  const carried = [...carriedItemIds(live.items, input.carryItemIds)];

  // The old plan as it was at its end, then it ends (stale version → 409), then the new plan and the move.
  insertEndedPlanPayload(db, old.id, planRowsOf(live));
  const endedPlan = repo.updatePlan(db, old.id, input.version, { endedOn: today });
  const plan = repo.insertPlan(db, {
    bodyId: old.bodyId,
    title: input.title,
    startFiscalYear: input.startFiscalYear,
    endFiscalYear: input.endFiscalYear,
    adoptedOn: input.adoptedOn,
    sourceText: input.sourceText ?? '',
  });
  const moved = repo.moveItemsToPlan(db, carried, plan.id, nowIso());
  if (moved !== carried.length) throw new AppError(409, 'CONFLICT', '引き継ぐ取組が他の操作で変更されました。画面を読み込み直してください。');
  const baseline = setBaseline(db, plan.id, { kind: 'original', setOn: input.adoptedOn, reason: '', approvedBy: '' }, actor, today);
  return { plan, endedPlan, carriedItems: moved, baseline };
}
