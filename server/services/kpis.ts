/**
 * Rules for KPIs and their values: a KPI's item belongs to the same body (item → plan → body), the
 * baseline year is not after the target year, a declared allowed range is not upside down, a period (fiscal year +
 * quarter) has one value, and a value lies in the KPI's range (domain/kpi-range.ts: the declared one, else no negative
 * count, no percentage above 100).
 */
import { allowedRangeProblem, kpiValueProblem } from '../domain/kpi-range.ts';
import { kpiPeriodLabel } from '../domain/kpi-text.ts';
import type { Db } from '../db/client.ts';
import { changesTarget, RETARGET_REASON_MESSAGE } from '../domain/baseline.ts';
import { withReplanReason } from '../history/reason.ts';
import type { Kpi } from '../db/schema.ts';
import { AppError, invalidField, versionConflict } from '../errors.ts';
import { getBody } from '../repositories/bodies.ts';
import * as repo from '../repositories/kpis.ts';
import type { KpiCreate, KpiListQuery, KpiUpdate, KpiValueCreate, KpiValueUpdate } from '../schemas/kpis.ts';

type Period = Pick<Kpi, 'baselineFiscalYear' | 'targetFiscalYear'>;

function checkPeriod({ baselineFiscalYear, targetFiscalYear }: Period) {
  if (baselineFiscalYear > targetFiscalYear) {
    throw invalidField(
      'targetFiscalYear',
      'period',
      `目標年度（targetFiscalYear: ${targetFiscalYear}年度）は基準年度（baselineFiscalYear: ${baselineFiscalYear}年度）以降にしてください。`,
    );
  }
}

/** 許容範囲（下限） ≤ 許容範囲（上限）, both as they will be after the write. */
function checkAllowedRange({ unit, allowedMin, allowedMax }: Pick<Kpi, 'unit' | 'allowedMin' | 'allowedMax'>) {
  const message = allowedRangeProblem(unit, allowedMin, allowedMax);
  if (message) throw invalidField('allowedMax', 'range', message);
}

function checkItem(db: Db, bodyId: number, itemId: number | null | undefined) {
  if (itemId == null) return;
  const owner = repo.findBodyIdOfItem(db, itemId);
  if (owner === undefined) {
    throw invalidField('itemId', 'unknownReference', `取組（ID: ${itemId}）は存在しません。`);
  }
  if (owner !== bodyId) {
    throw invalidField('itemId', 'unknownReference', `取組（ID: ${itemId}）はこの団体の取組ではありません。指標と同じ団体の計画の取組を指定してください。`);
  }
}

export function listKpis(db: Db, bodyId: number, query: KpiListQuery) {
  getBody(db, bodyId);
  return repo.listKpis(db, bodyId, query);
}

/** A national comparison must be a benchmark series of the national data pack. */
function checkBenchmark(db: Db, code: string | null | undefined) {
  if (code == null) return;
  const row = db.$client.prepare("SELECT 1 FROM national_figures WHERE code = ? AND kind = 'benchmark'").get(code);
  if (!row) throw invalidField('benchmarkCode', 'unknownReference', `全国の比較系列「${code}」は国の参照データにありません。`);
}

export function createKpi(db: Db, bodyId: number, input: KpiCreate) {
  getBody(db, bodyId);
  checkItem(db, bodyId, input.itemId);
  checkBenchmark(db, input.benchmarkCode);
  checkPeriod(input);
  checkAllowedRange({ unit: input.unit, allowedMin: input.allowedMin ?? null, allowedMax: input.allowedMax ?? null });
  return repo.insertKpi(db, { ...input, bodyId });
}

export function updateKpi(db: Db, id: number, input: KpiUpdate) {
  const { version, replanReason, ...patch } = input;
  const current = repo.getKpi(db, id);
  if (current.version !== version) throw versionConflict('指標', current);
  if (patch.itemId !== undefined && patch.itemId !== current.itemId) checkItem(db, current.bodyId, patch.itemId);
  if (patch.benchmarkCode !== undefined && patch.benchmarkCode !== current.benchmarkCode) checkBenchmark(db, patch.benchmarkCode);
  checkPeriod({ ...current, ...patch });
  checkAllowedRange({ ...current, ...patch });
  return withReplanReason(changesTarget(current, patch), replanReason, RETARGET_REASON_MESSAGE, () => repo.updateKpi(db, id, version, patch));
}

export function deleteKpi(db: Db, id: number, version: number) {
  repo.deleteKpi(db, id, version);
}

/** '2025年度第2四半期', or '2025年度の年間値' for quarter 0 (server/domain/kpi-text.ts). */
export const periodLabel = kpiPeriodLabel;

export function listKpiValues(db: Db, kpiId: number) {
  repo.getKpi(db, kpiId);
  return repo.listKpiValues(db, kpiId);
}

/** A value outside the KPI's plausible range (domain/kpi-range.ts) is refused, naming the KPI. */
function checkValue(kpi: Kpi, value: number | undefined) {
  if (value === undefined) return;
  const message = kpiValueProblem(kpi, value);
  if (message) throw invalidField('value', 'outOfRange', message);
}

export function createKpiValue(db: Db, kpiId: number, input: KpiValueCreate) {
  checkValue(repo.getKpi(db, kpiId), input.value);
  const existing = repo.findKpiValueOfPeriod(db, kpiId, input.fiscalYear, input.quarter);
  if (existing) {
    // The existing row lets the UI offer to update it instead.
    throw new AppError(
      409,
      'DUPLICATE',
      `${periodLabel(input.fiscalYear, input.quarter)}${input.quarter === 0 ? "" : "の値"}はすでに登録されています。更新してください。`,
      undefined,
      { current: existing },
    );
  }
  return repo.insertKpiValue(db, { ...input, kpiId });
}

export function updateKpiValue(db: Db, id: number, input: KpiValueUpdate) {
  const { version, ...patch } = input;
  if (patch.value !== undefined) checkValue(repo.getKpi(db, repo.getKpiValue(db, id).kpiId), patch.value);
  return repo.updateKpiValue(db, id, version, patch);
}

export function deleteKpiValue(db: Db, id: number, version: number) {
  repo.deleteKpiValue(db, id, version);
}
