/**
 * An ended plan is read-only (issue 20): every write whose target — a path id, or an id named in the body (an item's
 * parent) — belongs to a plan that has ended is refused with 409 `PLAN_ENDED`, naming the plan. Applied to every write
 * route by the auth plugin (after the rule) and to every row of a spreadsheet import (services/import-check.ts), so no
 * write path can change the old plan; the move to the next plan (services/plan-periods.ts) runs before the plan ends.
 */
import type { Db } from '../db/client.ts';
import { formatOfficialDate, planPeriodLabel } from '../domain/wareki.ts';
import { AppError } from '../errors.ts';
import { getPlan } from '../repositories/plans.ts';
import type { Target } from './policy.ts';

export function planEndedError(db: Db, planId: number): AppError {
  const p = getPlan(db, planId);
  return new AppError(
    409,
    'PLAN_ENDED',
    `${planPeriodLabel(p.startFiscalYear, p.endFiscalYear)}の計画「${p.title}」は${p.endedOn ? formatOfficialDate(p.endedOn) : ''}に終了したため、変更できません（閲覧のみ）。変更は現行の計画で行ってください。`,
  );
}

/** Throws PLAN_ENDED when any target belongs to an ended plan. */
export function refuseEndedPlan(db: Db, targets: readonly Target[]): void {
  const ended = targets.find((t) => t.endedPlanId);
  if (ended) throw planEndedError(db, ended.endedPlanId!);
}
