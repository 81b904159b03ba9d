/**
 * The body dashboard, chart-ready: the server does the arithmetic (statuses, rollups, quarterly
 * series with empty periods filled) so every client draws the same numbers.
 */
import { extensionScope } from '../domain/deadlines.ts';
import type { Db } from '../db/client.ts';
import { compareIsoDates, maxIsoDate, minIsoDate } from '../domain/dates.ts';
import { fiscalQuarterLabel, fiscalQuarterOf, fiscalYearOf } from '../domain/fiscal.ts';
import { ITEM_STATUS_LABELS, itemStatusSeverity } from '../domain/labels.ts';
import { adherenceByQuarter, rollupItems, type ItemsRollup } from '../domain/rollup.ts';
import { loadBodyPlan, type BodyPlan } from '../repositories/body-plan.ts';
import { assessBodyPlan, countsInRollup, type AssessedItem } from './assessment.ts';
import { presentDeadline, presentKpi, presentMilestone } from './present.ts';

/** Rollup over pieces of work: each item and each milestone counted once (see assessment.ts). */
export function rollupAssessed(items: AssessedItem[], today: string): ItemsRollup {
  return rollupItems(
    items.filter(countsInRollup).map((a) => ({ status: a.assessment.status, milestones: a.milestones })),
    today,
  );
}

/** The earliest effective deadline among the open items of a category: what comes (or came) next. */
function nextDeadline(items: AssessedItem[]) {
  const open = items.filter((a) => a.deadline && a.assessment.status !== 'done' && a.assessment.status !== 'not_applicable');
  open.sort((a, b) => compareIsoDates(a.deadline!.effectiveDate, b.deadline!.effectiveDate));
  const first = open[0];
  if (!first?.deadline) return null;
  return {
    title: first.deadline.title,
    date: first.deadline.effectiveDate,
    originalDate: first.deadline.originalDate,
    daysLeft: first.assessment.daysToDeadline ?? 0,
    extended: first.deadline.extended,
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

function timelineRow(a: AssessedItem, all: Map<number, AssessedItem>, today: string) {
  const ms = descendantsMilestones(a, all).filter((m) => m.status !== 'not_applicable');
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
    plannedStart: minIsoDate(...ms.map((m) => m.plannedStartDate ?? m.plannedDate)),
    plannedEnd: maxIsoDate(...ms.map((m) => m.plannedDate)),
    actualStart: minIsoDate(...ms.map((m) => m.actualStartDate ?? m.actualDate)),
    actualEnd: s.status === 'done' ? s.actualFinish : null,
    forecastFinish: s.forecastFinish,
    delayDays: s.delayDays,
    deadline: presentDeadline(a, today),
    milestones: a.milestones.map(presentMilestone),
  };
}

function deadlineLines(plan: BodyPlan, items: AssessedItem[]) {
  const titles = new Map(plan.items.map((i) => [i.id, i.title]));
  const areaNames = new Map(plan.areas.map((a) => [a.id, a.name]));
  const used = new Map<number, number[]>();
  for (const a of items) if (a.deadline) used.set(a.deadline.id, [...(used.get(a.deadline.id) ?? []), a.item.id]);
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
    }));
}

/** `plan` defaults to the live plan; a quarter snapshot passes the plan as of the quarter's last day. */
export function bodyDashboard(db: Db, bodyId: number, today: string, plan: BodyPlan = loadBodyPlan(db, bodyId)) {
  const assessed = assessBodyPlan(plan, today);
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
      nextDeadline: nextDeadline(items),
    }));

  const attention = assessed
    .filter((a) => countsInRollup(a) && ['past_deadline', 'at_risk', 'delayed'].includes(a.assessment.status))
    .sort(
      (a, b) =>
        itemStatusSeverity(a.assessment.status) - itemStatusSeverity(b.assessment.status) ||
        (a.assessment.daysToDeadline ?? Infinity) - (b.assessment.daysToDeadline ?? Infinity) ||
        b.assessment.delayDays - a.assessment.delayDays,
    )
    .map((a) => ({
      itemId: a.item.id,
      title: a.item.title,
      categoryName: a.category.name,
      sectionName: a.section.name,
      status: a.assessment.status,
      statusLabel: ITEM_STATUS_LABELS[a.assessment.status],
      reasons: a.assessment.reasons,
      deadlineDate: a.assessment.deadlineDate,
      daysToDeadline: a.assessment.daysToDeadline,
      delayDays: a.assessment.delayDays,
      forecastFinish: a.assessment.forecastFinish,
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
    timeline: treeOrder(assessed).map((a) => timelineRow(a, byId, today)),
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
  };
}
