/**
 * Turns assessed rows into the API's response shapes, with Japanese labels beside every code.
 * One place, so the items list, item detail and dashboard always agree.
 */
import type { Adherence } from '../domain/adherence.ts';
import { isLateAgainst, varianceAgainst } from '../domain/baseline.ts';
import type { BaselineView } from './baselines.ts';
import { daysBetween } from '../domain/dates.ts';
import { fiscalQuarterOf } from '../domain/fiscal.ts';
import { kpiQuarterSeries, kpiStatus } from '../domain/kpi-status.ts';
import {
  deadlineWord,
  ITEM_STATUS_LABELS,
  KPI_DIRECTION_LABELS,
  KPI_KIND_LABELS,
  KPI_STATUS_LABELS,
  ADHERENCE_LABELS,
  MILESTONE_STATUS_LABELS,
} from '../domain/labels.ts';
import { kpiExpectedCaption, kpiPeriodLabel, kpiSummaryText } from '../domain/kpi-text.ts';
import { fiscalYearLabel } from '../domain/wareki.ts';
import type { Kpi, KpiValue, NationalFigure } from '../db/schema.ts';
import type { AssessedItem, AssessedMilestone, ItemDeadline, MilestoneDeadlineRef } from './assessment.ts';


export function presentAdherence(a: Adherence) {
  const varianceDays =
    a.kind === 'done_late' ? a.daysLate : a.kind === 'overdue' ? a.daysOverdue : a.kind === 'upcoming' ? -a.daysLeft : 0;
  return { kind: a.kind, label: ADHERENCE_LABELS[a.kind], varianceDays };
}

/** A milestone against the baseline in force: null without one, or when the milestone was added after it. */
export function presentMilestoneBaseline(m: AssessedMilestone, today: string, baseline: BaselineView | null | undefined) {
  const b = baseline?.milestones.get(m.id);
  if (!b) return null;
  return {
    plannedStartDate: b.plannedStartDate,
    plannedDate: b.plannedDate,
    varianceDays: varianceAgainst(m, b.plannedDate, today),
    late: isLateAgainst(m, b.plannedDate, today),
  };
}

export function presentMilestone(m: AssessedMilestone, today: string, baseline?: BaselineView | null) {
  return {
    id: m.id,
    itemId: m.itemId,
    title: m.title,
    plannedStartDate: m.plannedStartDate,
    plannedDate: m.plannedDate,
    actualStartDate: m.actualStartDate,
    actualDate: m.actualDate,
    status: m.status,
    statusLabel: MILESTONE_STATUS_LABELS[m.status],
    nationalDeadlineId: m.nationalDeadlineId,
    deadline: m.deadline ? presentDeadline(m.deadline, today) : null,
    note: m.note,
    isSample: m.isSample,
    version: m.version,
    adherence: presentAdherence(m.adherence),
    baseline: presentMilestoneBaseline(m, today, baseline),
  };
}

const DEADLINE_STATE_LABELS: Record<ItemDeadline['state'], string> = {
  met: '期限内に完了',
  missed: '期限後に完了',
  passed: '期限超過',
  at_risk: '期限に間に合わない見込み',
  open: '期限まで余裕あり',
};

/** A deadline as the API sends it; on an item it also names the milestone that answers it. */
export function presentDeadline(d: MilestoneDeadlineRef | ItemDeadline, today: string) {
  return {
    id: d.id,
    code: d.code,
    title: d.title,
    originalDate: d.originalDate,
    effectiveDate: d.effectiveDate,
    extended: d.extended,
    label: deadlineWord(d.extended),
    extensionReason: d.extension && 'reason' in d.extension ? String(d.extension.reason) : null,
    daysLeft: daysBetween(today, d.effectiveDate),
    milestoneId: 'milestoneId' in d ? d.milestoneId : null,
    milestoneTitle: 'milestoneTitle' in d ? d.milestoneTitle : null,
    state: 'state' in d ? d.state : null,
    stateLabel: 'state' in d ? DEADLINE_STATE_LABELS[d.state] : null,
  };
}

export function presentItem(a: AssessedItem, today: string) {
  const { item, assessment: s } = a;
  const { nationalDeadlineId: _retired, ...fields } = item;
  return {
    ...fields,
    depth: a.depth,
    isGroup: a.childIds.length > 0,
    categoryName: a.category.name,
    sectionName: a.section.name,
    targetFiscalYearLabel: fiscalYearLabel(item.targetFiscalYear),
    status: s.status,
    statusLabel: ITEM_STATUS_LABELS[s.status],
    reasons: s.reasons,
    plannedFinish: s.plannedFinish,
    forecastFinish: s.forecastFinish,
    actualFinish: s.actualFinish,
    delayDays: s.delayDays,
    milestoneCount: s.applicableCount,
    doneCount: s.doneCount,
    deadline: a.deadline ? presentDeadline(a.deadline, today) : null,
    deadlines: a.deadlines.map((d) => presentDeadline(d, today)),
  };
}

/**
 * A KPI with its status and a quarterly series from the baseline year to the later of the target
 * year and the current year, every quarter present (gaps are null), ready for a line chart.
 * `latest` is the reading the status compares (期間値: the year-to-date total).
 */
/**
 * The national series a KPI is compared with, named and defined, with its status and sources — only when
 * the KPI names one (its own definition matches the series'); null otherwise, never a bare number.
 */
export function presentBenchmark(kpi: Kpi, benchmarks: readonly NationalFigure[]) {
  const b = kpi.benchmarkCode === null ? undefined : benchmarks.find((x) => x.code === kpi.benchmarkCode);
  if (!b) return null;
  return {
    code: b.code,
    title: b.title,
    definition: b.definition,
    value: b.value,
    unit: b.unit,
    asOf: b.asOf,
    fiscalYear: b.fiscalYear,
    needsVerification: b.needsVerification,
    sources: JSON.parse(b.sources) as { publisher: string; title: string; publishedOn: string | null; url: string | null }[],
  };
}

export function presentKpi(kpi: Kpi, values: KpiValue[], today: string, itemTitle: string | null, benchmarks: readonly NationalFigure[] = []) {
  const result = kpiStatus(kpi, values, today);
  const current = fiscalQuarterOf(today);
  const lastYear = Math.max(kpi.targetFiscalYear, current.fiscalYear);
  const series = kpiQuarterSeries(kpi, values, { fiscalYear: kpi.baselineFiscalYear, quarter: 1 }, { fiscalYear: lastYear, quarter: 4 });
  const r = result.reading;
  return {
    id: kpi.id,
    itemId: kpi.itemId,
    itemTitle,
    name: kpi.name,
    unit: kpi.unit,
    valueKind: kpi.valueKind,
    kindLabel: KPI_KIND_LABELS[kpi.valueKind],
    periodEntry: kpi.periodEntry,
    direction: kpi.direction,
    directionLabel: KPI_DIRECTION_LABELS[kpi.direction],
    baselineValue: kpi.baselineValue,
    baselineFiscalYear: kpi.baselineFiscalYear,
    targetValue: kpi.targetValue,
    targetFiscalYear: kpi.targetFiscalYear,
    benchmarkValue: kpi.benchmarkValue,
    benchmarkLabel: kpi.benchmarkLabel,
    nationalBenchmark: presentBenchmark(kpi, benchmarks),
    isSample: kpi.isSample,
    version: kpi.version,
    status: result.status,
    statusLabel: KPI_STATUS_LABELS[result.status],
    latest: r
      ? {
          fiscalYear: r.fiscalYear,
          quarter: r.quarter,
          label: kpiPeriodLabel(r.fiscalYear, r.quarter),
          value: r.value,
          yearToDate: kpi.valueKind === 'period' && r.fraction < 1,
        }
      : null,
    expected: result.expected,
    expectedLabel: kpiExpectedCaption(kpi.valueKind, result),
    progressToTarget: result.progressToTarget,
    summary: kpiSummaryText(kpi, result),
    series: series.map((p) => ({
      fiscalYear: p.quarter.fiscalYear,
      quarter: p.quarter.quarter,
      label: p.label,
      actual: p.actual,
      expected: p.expected,
    })),
  };
}
