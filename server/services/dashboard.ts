/**
 * The body dashboard, chart-ready: the server does the arithmetic (statuses, rollups, quarterly
 * series with empty periods filled) so every client draws the same numbers.
 */
import { extensionScope } from '../domain/deadlines.ts';
import type { Db } from '../db/client.ts';
import { compareIsoDates, daysBetween, maxIsoDate, minIsoDate } from '../domain/dates.ts';
import { fiscalQuarterLabel, fiscalQuarterOf, fiscalYearOf } from '../domain/fiscal.ts';
import { ATTENTION_STATUSES, ITEM_STATUS_LABELS, itemStatusSeverity } from '../domain/labels.ts';
import { adherenceByQuarter, rollupItems, type ItemsRollup } from '../domain/rollup.ts';
import { loadBodyPlan, type BodyPlan } from '../repositories/body-plan.ts';
import { assessBodyPlan, type AssessedItem } from './assessment.ts';
import { presentDeadline, presentKpi, presentMilestone } from './present.ts';
import { baselineInForce, type BaselineView } from './baselines.ts';
import { isLateAgainst } from '../domain/baseline.ts';

/**
 * Counts by status over pieces of work (`countedStatus`: each leaf, and a parent's own steps, once; a
 * parent's rolled-up status is not counted again); milestone figures over every milestone once.
 */
export function rollupAssessed(items: AssessedItem[], today: string): ItemsRollup {
  return rollupItems(
    items.flatMap((a) => (a.countedStatus === null ? [] : [a.countedStatus])),
    items.flatMap((a) => a.milestones),
    today,
  );
}

/** Items that need someone to act, each problem once: the counted status (leaves, parents' own steps). */
export const needsAttention = (a: AssessedItem) => a.countedStatus !== null && ATTENTION_STATUSES.includes(a.countedStatus);

/** The earliest effective deadline still open among a category's milestones: what comes (or came) next. */
function nextDeadline(items: AssessedItem[], today: string) {
  const open = items
    .flatMap((a) => a.deadlines)
    .filter((d) => d.state !== 'met' && d.state !== 'missed')
    .sort((a, b) => compareIsoDates(a.effectiveDate, b.effectiveDate));
  const first = open[0];
  if (!first) return null;
  return {
    title: first.title,
    milestoneTitle: first.milestoneTitle,
    date: first.effectiveDate,
    originalDate: first.originalDate,
    daysLeft: daysBetween(today, first.effectiveDate),
    extended: first.extended,
  };
}

/** Parents first, then their children, each level in plan order: the 工程表's reading order. */
function treeOrder(items: AssessedItem[]): AssessedItem[] {
  const byParent = new Map<number | null, AssessedItem[]>();
  const ids = new Set(items.map((a) => a.item.id));
  for (const a of items) {
    const p = a.item.parentId !== null && ids.has(a.item.parentId) ? a.item.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), a]);
  }
  const out: AssessedItem[] = [];
  const visit = (p: number | null) => {
    for (const a of byParent.get(p) ?? []) {
      out.push(a);
      visit(a.item.id);
    }
  };
  visit(null);
  return out;
}

function descendantsMilestones(a: AssessedItem, all: Map<number, AssessedItem>): AssessedItem['milestones'] {
  return [...a.milestones, ...a.childIds.flatMap((id) => descendantsMilestones(all.get(id)!, all))];
}

function timelineRow(a: AssessedItem, all: Map<number, AssessedItem>, today: string, baseline: BaselineView | null) {
  const ms = descendantsMilestones(a, all).filter((m) => m.status !== 'not_applicable');
  const inBaseline = ms.flatMap((m) => baseline?.milestones.get(m.id) ?? []);
  const s = a.assessment;
  return {
    itemId: a.item.id,
    parentId: a.item.parentId,
    depth: a.depth,
    isGroup: a.childIds.length > 0,
    title: a.item.title,
    categoryId: a.category.id,
    categoryName: a.category.name,
    sectionId: a.section.id,
    sectionName: a.section.name,
    status: s.status,
    statusLabel: ITEM_STATUS_LABELS[s.status],
    countedStatus: a.countedStatus,
    plannedStart: minIsoDate(...ms.map((m) => m.plannedStartDate ?? m.plannedDate)),
    plannedEnd: maxIsoDate(...ms.map((m) => m.plannedDate)),
    actualStart: minIsoDate(...ms.map((m) => m.actualStartDate ?? m.actualDate)),
    actualEnd: s.status === 'done' ? s.actualFinish : null,
    forecastFinish: s.forecastFinish,
    delayDays: s.delayDays,
    deadline: a.deadline ? presentDeadline(a.deadline, today) : null,
    deadlines: a.deadlines.map((d) => presentDeadline(d, today)),
    milestones: a.milestones.map((m) => presentMilestone(m, today, baseline)),
    baselineStart: minIsoDate(...inBaseline.map((b) => b.plannedStartDate ?? b.plannedDate)),
    baselineEnd: maxIsoDate(...inBaseline.map((b) => b.plannedDate)),
  };
}

/** The overview's counts against the baseline in force and against the current plan (each milestone once). */
function baselineSummary(items: AssessedItem[], baseline: BaselineView | null, today: string) {
  if (!baseline) return null;
  const ms = items.flatMap((a) => a.milestones).filter((m) => m.status !== 'not_applicable');
  const against = ms.flatMap((m) => {
    const b = baseline.milestones.get(m.id);
    return b ? [isLateAgainst(m, b.plannedDate, today)] : [];
  });
  return {
    ...baseline.baseline,
    lateMilestones: against.filter(Boolean).length,
    lateMilestonesCurrent: ms.filter((m) => isLateAgainst(m, m.plannedDate, today)).length,
    notInBaseline: ms.length - against.length,
  };
}

function deadlineLines(plan: BodyPlan, items: AssessedItem[]) {
  const titles = new Map(plan.items.map((i) => [i.id, i.title]));
  const areaNames = new Map(plan.areas.map((a) => [a.id, a.name]));
  const used = new Map<number, number[]>();
  const answering = new Map<number, { itemId: number; milestoneId: number; milestoneTitle: string }[]>();
  for (const a of items) {
    for (const d of a.deadlines) {
      if (!used.get(d.id)?.includes(a.item.id)) used.set(d.id, [...(used.get(d.id) ?? []), a.item.id]);
      answering.set(d.id, [...(answering.get(d.id) ?? []), { itemId: a.item.id, milestoneId: d.milestoneId, milestoneTitle: d.milestoneTitle }]);
    }
  }
  return plan.deadlines
    .filter((d) => used.has(d.id))
    .map((d) => ({
      id: d.id,
      code: d.code,
      title: d.title,
      originalDate: d.dueDate,
      needsVerification: d.needsVerification,
      datePrecision: d.datePrecision,
      note: d.sourceText,
      sources: (JSON.parse(d.sources) as { publisher: string; title: string; publishedOn: string | null; url: string | null; kind: string }[]).map((s) => ({
        publisher: s.publisher,
        title: s.title,
        publishedOn: s.publishedOn,
        url: s.url,
        kind: s.kind,
      })),
      extensions: plan.extensions
        .filter((e) => e.deadlineId === d.id)
        .map((e) => ({
          date: e.extendedDueDate,
          scope: extensionScope(e),
          itemId: e.itemId,
          itemTitle: e.itemId !== null ? (titles.get(e.itemId) ?? null) : null,
          areaId: e.areaId,
          areaName: e.areaId !== null ? (areaNames.get(e.areaId) ?? null) : null,
          reason: e.reason,
        })),
      itemIds: used.get(d.id)!,
      milestones: answering.get(d.id)!,
    }));
}

/** The plan shown (the body's current one, or an ended one read as it was at its end). */
function shownPlan(plan: BodyPlan) {
  const p = plan.plans.at(-1);
  if (!p) return null;
  return { id: p.id, title: p.title, startFiscalYear: p.startFiscalYear, endFiscalYear: p.endFiscalYear, endedOn: p.endedOn, readOnly: p.endedOn !== null };
}

/**
 * `plan` defaults to the live plan; reads as of a past day pass the plan as known then (services/as-of.ts), a quarter
 * close the plan as of the quarter's last day. Variance is also given against the baseline in force on `today`.
 */
export function bodyDashboard(db: Db, bodyId: number, today: string, plan: BodyPlan = loadBodyPlan(db, bodyId)) {
  const assessed = assessBodyPlan(plan, today);
  const baseline = baselineInForce(db, plan.plans.map((p) => p.id), today);
  const byId = new Map(assessed.map((a) => [a.item.id, a]));
  const current = fiscalQuarterOf(today);

  const milestoneYears = plan.milestones.flatMap((m) => [fiscalYearOf(m.plannedStartDate ?? m.plannedDate), fiscalYearOf(m.plannedDate)]);
  const startFiscalYear = Math.min(...plan.plans.map((p) => p.startFiscalYear), ...milestoneYears, current.fiscalYear);
  const endFiscalYear = Math.max(...plan.plans.map((p) => p.endFiscalYear), ...milestoneYears, current.fiscalYear);

  const categories = plan.categories
    .map((c) => ({ c, items: assessed.filter((a) => a.category.id === c.id) }))
    .filter(({ items }) => items.length > 0)
    .map(({ c, items }) => ({
      ...rollupAssessed(items, today),
      categoryId: c.id,
      code: c.code,
      name: c.name,
      isCore: c.isCore,
      nextDeadline: nextDeadline(items, today),
    }));

  const attention = assessed
    .filter(needsAttention)
    .sort(
      (a, b) =>
        itemStatusSeverity(a.own.status) - itemStatusSeverity(b.own.status) ||
        (a.own.daysToDeadline ?? Infinity) - (b.own.daysToDeadline ?? Infinity) ||
        b.own.delayDays - a.own.delayDays,
    )
    .map((a) => ({
      itemId: a.item.id,
      title: a.item.title,
      categoryName: a.category.name,
      sectionName: a.section.name,
      status: a.own.status,
      statusLabel: ITEM_STATUS_LABELS[a.own.status],
      reasons: a.own.reasons,
      deadlineDate: a.own.deadlineDate,
      daysToDeadline: a.own.daysToDeadline,
      delayDays: a.own.delayDays,
      forecastFinish: a.own.forecastFinish,
    }));

  const titles = new Map(plan.items.map((i) => [i.id, i.title]));
  return {
    body: plan.body,
    asOf: today,
    containsSampleData:
      plan.body.isSample || [...plan.items, ...plan.milestones, ...plan.kpis, ...plan.kpiValues].some((r) => r.isSample),
    fiscalQuarter: { ...current, label: fiscalQuarterLabel(current) },
    range: { startFiscalYear, endFiscalYear },
    totals: rollupAssessed(assessed, today),
    categories,
    attention,
    adherence: adherenceByQuarter(
      plan.milestones,
      { fiscalYear: startFiscalYear, quarter: 1 },
      { fiscalYear: endFiscalYear, quarter: 4 },
      today,
    ).map((p) => ({ ...p, fiscalYear: p.quarter.fiscalYear, quarter: p.quarter.quarter })),
    timeline: treeOrder(assessed).map((a) => timelineRow(a, byId, today, baseline)),
    deadlines: deadlineLines(plan, assessed),
    kpis: plan.kpis.map((k) =>
      presentKpi(
        k,
        plan.kpiValues.filter((v) => v.kpiId === k.id),
        today,
        k.itemId !== null ? (titles.get(k.itemId) ?? null) : null,
        plan.benchmarks,
      ),
    ),
    baseline: baselineSummary(assessed, baseline, today),
    plan: shownPlan(plan),
  };
}
