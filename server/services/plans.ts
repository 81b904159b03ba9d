/** Rules for plans: a period runs forwards; a plan with items is not deleted (nothing is lost). */
import type { Db } from '../db/client.ts';
import { AppError, invalidField } from '../errors.ts';
import { getBody } from '../repositories/bodies.ts';
import * as repo from '../repositories/plans.ts';
import type { PlanCreate, PlanUpdate } from '../schemas/plans.ts';

function checkPeriod(start: number, end: number) {
  if (start > end) {
    throw invalidField('endFiscalYear', 'period', `終了年度（endFiscalYear: ${end}年度）は開始年度（${start}年度）以降にしてください。`);
  }
}

export function createPlan(db: Db, bodyId: number, input: PlanCreate) {
  getBody(db, bodyId);
  checkPeriod(input.startFiscalYear, input.endFiscalYear);
  // One current plan per body (issue 20): the next period starts from the current plan (services/plan-periods.ts).
  const current = repo.findCurrentPlan(db, bodyId);
  if (current) {
    throw new AppError(
      409,
      'CURRENT_PLAN_EXISTS',
      `この団体には現行の計画「${current.title}」があります。次の計画期間は、現行の計画の「次期計画の開始」から始めてください（未完了の取組を引き継げます）。`,
    );
  }
  return repo.insertPlan(db, { ...input, bodyId });
}

export { checkPeriod };

export function updatePlan(db: Db, id: number, { version, ...patch }: PlanUpdate) {
  const current = repo.getPlan(db, id);
  checkPeriod(patch.startFiscalYear ?? current.startFiscalYear, patch.endFiscalYear ?? current.endFiscalYear);
  return repo.updatePlan(db, id, version, patch);
}

export function deletePlan(db: Db, id: number, version: number) {
  repo.getPlan(db, id);
  const n = repo.countItemsOfPlan(db, id);
  if (n > 0) throw new AppError(409, 'IN_USE', `この計画には${n}件の取組が登録されているため削除できません。`);
  repo.deletePlan(db, id, version);
}
