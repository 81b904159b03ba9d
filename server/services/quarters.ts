/**
 * 四半期の締めとレビュー: closing a body's fiscal quarter freezes the plan as of the quarter's last day
 * (the dashboard, every item's status, milestone rows, KPI values) as JSON; later edits of the live
 * data never change it. Reopening (HQ, with a reason) keeps the frozen data readable and allows the
 * quarter to be closed again, which freezes it anew.
 *
 * Closing rule: a quarter can be closed only after its last day (today > last day, in Japan), so the
 * frozen data is the whole quarter; the current quarter is refused with 400 QUARTER_NOT_ENDED.
 *
 * "As of the last day" on live data: actual dates after that day are treated as not yet happened
 * (a milestone finished later counts as in progress, or not started), and KPI values of later
 * periods are left out. Planned dates can only be compared between snapshots: a slipped milestone
 * needs the previous quarter closed.
 */
import type { Db } from '../db/client.ts';
import type { QuarterSnapshot } from '../db/schema.ts';
import { addDays, compareIsoDates } from '../domain/dates.ts';
import { planChangesBetween } from './replans.ts';
import {
  fiscalQuarterEnd,
  fiscalQuarterStart,
  fiscalQuarterLabel,
  quarterFromIndex,
  quarterHasEnded,
  quarterIndex,
  type FiscalQuarter,
  type Quarter,
} from '../domain/fiscal.ts';
import { fiscalYearLabel } from '../domain/wareki.ts';
import { ITEM_STATUSES, ITEM_STATUS_LABELS, KPI_KIND_LABELS, MILESTONE_STATUS_LABELS } from '../domain/labels.ts';
import { quarterReview, type QuarterState } from '../domain/quarter-review.ts';
import { AppError, invalidField } from '../errors.ts';
import type { Principal } from '../auth/policy.ts';
import { loadBodyPlan, type BodyPlan } from '../repositories/body-plan.ts';
import { bodyPlanFor, planAsOf } from './as-of.ts';
import {
  closeSnapshot,
  closerDisplayName,
  deleteDecision,
  findSnapshot,
  listClosedSnapshots,
  listDecisions,
  listSnapshots,
  reopenSnapshot,
  saveDecision,
  snapshotPayload,
} from '../repositories/quarter-snapshots.ts';
import { bodyDashboard } from './dashboard.ts';
import { reportingStatus } from './updates.ts';

export { planAsOf } from './as-of.ts';

export function quarterLabels(fq: FiscalQuarter) {
  return {
    label: fiscalQuarterLabel(fq),
    fiscalYearLabel: fiscalYearLabel(fq.fiscalYear),
  };
}

/**
 * A quarter's data, judged as of its last day — or today, for a quarter not yet ended (never a day that has not
 * come). Without `plan`, a past quarter is read as known at the end of its last day (history, services/as-of.ts);
 * the close passes the live rows as of the last day (late reports of the quarter count) and freezes the result.
 */
export function quarterData(db: Db, bodyId: number, fq: FiscalQuarter, today: string, plan?: BodyPlan) {
  const end = fiscalQuarterEnd(fq.fiscalYear, fq.quarter);
  const asOf = compareIsoDates(end, today) < 0 ? end : today;
  const dashboard = bodyDashboard(db, bodyId, asOf, plan ?? bodyPlanFor(db, bodyId, asOf, today));
  // Every item; the review counts `countedStatus` as the dashboard does (a parent's rolled-up status is
  // shown, not counted again). Deadlines come from every item's own milestones (each milestone once).
  const items = dashboard.timeline.map((r) => ({
    itemId: r.itemId,
    title: r.title,
    categoryName: r.categoryName,
    sectionName: r.sectionName,
    status: r.status,
    statusLabel: r.statusLabel,
    delayDays: r.delayDays,
    plannedEnd: r.plannedEnd,
    actualEnd: r.actualEnd,
    forecastFinish: r.forecastFinish,
    deadlineTitle: r.deadline?.title ?? null,
    deadlineDate: r.deadline?.effectiveDate ?? null,
    countedStatus: r.countedStatus,
    deadlines: r.deadlines.map((d) => ({
      title: d.title,
      milestoneTitle: d.milestoneTitle ?? '',
      date: d.effectiveDate,
      extended: d.extended,
      open: d.state !== 'met' && d.state !== 'missed',
    })),
  }));
  const milestones = dashboard.timeline.flatMap((r) =>
    r.milestones.map((m) => ({
      id: m.id,
      itemId: r.itemId,
      itemTitle: r.title,
      categoryName: r.categoryName,
      sectionName: r.sectionName,
      title: m.title,
      plannedStartDate: m.plannedStartDate,
      plannedDate: m.plannedDate,
      actualStartDate: m.actualStartDate,
      actualDate: m.actualDate,
      status: m.status,
      statusLabel: MILESTONE_STATUS_LABELS[m.status],
      varianceDays: m.adherence.varianceDays,
      adherenceKind: m.adherence.kind,
      deadlineTitle: m.deadline?.title ?? null,
      deadlineLabel: m.deadline?.label ?? null,
      deadlineDate: m.deadline?.effectiveDate ?? null,
      inBaseline: m.baseline !== null,
      baselinePlannedDate: m.baseline?.plannedDate ?? null,
      baselineVarianceDays: m.baseline?.varianceDays ?? null,
    })),
  );
  const kpis = dashboard.kpis.map((k) => ({
    id: k.id,
    name: k.name,
    unit: k.unit,
    direction: k.direction,
    directionLabel: k.directionLabel,
    itemTitle: k.itemTitle,
    baselineValue: k.baselineValue,
    baselineFiscalYear: k.baselineFiscalYear,
    targetValue: k.targetValue,
    targetFiscalYear: k.targetFiscalYear,
    value: k.latest?.value ?? null,
    periodLabel: k.latest?.label ?? null,
    status: k.status,
    statusLabel: k.statusLabel,
  }));
  const reporting = reportingStatus(db, bodyId, { fiscalYear: fq.fiscalYear, quarter: fq.quarter }, today);
  const unreportedSections = reporting.sections.filter((s) => !s.reported).map((s) => ({ sectionId: s.sectionId, sectionName: s.sectionName }));
  return { fiscalYear: fq.fiscalYear, quarter: fq.quarter, ...quarterLabels(fq), asOf, dashboard, items, milestones, kpis, unreportedSections };
}
export type QuarterData = ReturnType<typeof quarterData>;

const stateOf = (d: QuarterData): QuarterState => ({
  fiscalYear: d.fiscalYear,
  quarter: d.quarter as Quarter,
  asOf: d.asOf,
  items: d.items,
  milestones: d.milestones,
  kpis: d.kpis,
});

const notClosed = (fq: FiscalQuarter) =>
  new AppError(404, 'NOT_FOUND', `${fiscalQuarterLabel(fq)}は締められていません。`);

function payloadOf(db: Db, snapshotId: number): QuarterData {
  return upgradePayload(JSON.parse(snapshotPayload(db, snapshotId)) as QuarterData);
}

/**
 * A snapshot closed before issue 12 (deadlines on milestones, roll-ups, KPI kinds) lacks the fields added
 * then. Frozen data is never recomputed: the missing fields are filled with what the old rules meant
 * (no new statuses, one deadline per item, 時点値 KPIs) so the old report is served as it was closed.
 */
export function upgradePayload(d: QuarterData): QuarterData {
  type Loose = Record<string, unknown>;
  const dash = d.dashboard as unknown as Loose;
  const zeroCounts = Object.fromEntries(ITEM_STATUSES.map((k) => [k, 0]));
  const counts = (r: Loose) => ({ ...r, counts: { ...zeroCounts, ...(r.counts as Loose) } });
  const deadlineRef = (x: Loose | null) =>
    x && { label: x.extended ? '延長後の期限' : '国の期限', milestoneId: null, milestoneTitle: null, state: null, stateLabel: null, ...x };
  dash.totals = counts(dash.totals as Loose);
  dash.categories = (dash.categories as Loose[]).map((c) => ({
    ...counts(c),
    nextDeadline: c.nextDeadline && { milestoneTitle: '', ...(c.nextDeadline as Loose) },
  }));
  dash.timeline = (dash.timeline as Loose[]).map((r) => ({
    countedStatus: r.isGroup && (r.milestones as unknown[]).length === 0 ? null : r.status,
    deadlines: r.deadline ? [deadlineRef(r.deadline as Loose)] : [],
    baselineStart: null,
    baselineEnd: null,
    ...r,
    deadline: deadlineRef(r.deadline as Loose | null),
    milestones: (r.milestones as Loose[]).map((m) => ({ nationalDeadlineId: null, deadline: null, baseline: null, ...m })),
  }));
  dash.baseline ??= null;
  dash.deadlines = (dash.deadlines as Loose[]).map((l) => ({ milestones: [], ...l }));
  dash.kpis = (dash.kpis as Loose[]).map((k) => ({
    valueKind: 'point',
    kindLabel: KPI_KIND_LABELS.point,
    periodEntry: 'year_to_date',
    expectedLabel: '',
    summary: '',
    ...k,
    latest: k.latest && { yearToDate: false, ...(k.latest as Loose) },
  }));
  return d;
}

function decisionsOf(db: Db, snapshotId: number) {
  return listDecisions(db, snapshotId).map((d) => ({ itemId: d.itemId, decision: d.decision, username: d.username, updatedAt: d.updatedAt }));
}

function presentSnapshot(s: QuarterSnapshot) {
  const fq = { fiscalYear: s.fiscalYear, quarter: s.quarter as Quarter };
  return {
    id: s.id,
    bodyId: s.bodyId,
    fiscalYear: s.fiscalYear,
    quarter: s.quarter,
    ...quarterLabels(fq),
    asOf: s.asOf,
    status: s.status,
    statusLabel: s.status === 'closed' ? '締め済み' : '再開中',
    closedBy: s.closedByName,
    closedAt: s.closedAt,
    reopenedBy: s.reopenedByName,
    reopenedAt: s.reopenedAt,
    reopenReason: s.reopenReason,
  };
}

export function closeQuarter(db: Db, bodyId: number, fq: FiscalQuarter, user: Pick<Principal, 'id' | 'username'> | null, today: string) {
  const end = fiscalQuarterEnd(fq.fiscalYear, fq.quarter);
  if (!quarterHasEnded(fq, today)) {
    const message = `${fiscalQuarterLabel(fq)}はまだ終わっていません（最終日 ${end} の翌日から締められます）。`;
    throw new AppError(400, 'QUARTER_NOT_ENDED', message, [{ field: 'quarter', code: 'not_ended', message }]);
  }
  const data = quarterData(db, bodyId, fq, today, planAsOf(loadBodyPlan(db, bodyId), end));
  const payload = JSON.stringify(data);
  const now = new Date().toISOString();
  const values = { asOf: end, closedBy: user?.id ?? null, closedByName: user?.username ?? '', closedAt: now, updatedAt: now };
  const row = closeSnapshot(db, bodyId, fq, values, payload, (existing) => {
    if (existing?.status === 'closed') {
      throw new AppError(409, 'QUARTER_ALREADY_CLOSED', `${fiscalQuarterLabel(fq)}はすでに締められています（再開してから締め直してください）。`, undefined, {
        current: presentSnapshot(existing),
      });
    }
  });
  return presentSnapshot(row);
}

export function listQuarters(db: Db, bodyId: number) {
  return listSnapshots(db, bodyId).map(presentSnapshot);
}

export function getQuarter(db: Db, bodyId: number, fq: FiscalQuarter) {
  const s = findSnapshot(db, bodyId, fq);
  if (!s) throw notClosed(fq);
  return { ...presentSnapshot(s), data: payloadOf(db, s.id), decisions: decisionsOf(db, s.id) };
}

export function reopenQuarter(db: Db, bodyId: number, fq: FiscalQuarter, user: Principal, reason: string) {
  const s = findSnapshot(db, bodyId, fq);
  if (!s) throw notClosed(fq);
  if (s.status === 'reopened') throw new AppError(409, 'QUARTER_NOT_CLOSED', `${fiscalQuarterLabel(fq)}はすでに再開されています。`);
  const now = new Date().toISOString();
  const row = reopenSnapshot(db, s.id, { reopenedBy: user.id, reopenedByName: user.username, reopenedAt: now, reopenReason: reason, updatedAt: now });
  return presentSnapshot(row);
}

export function setDecision(db: Db, bodyId: number, fq: FiscalQuarter, user: Principal, input: { itemId: number; decision: string }) {
  const s = findSnapshot(db, bodyId, fq);
  if (!s) throw notClosed(fq);
  const data = payloadOf(db, s.id);
  if (!data.items.some((i) => i.itemId === input.itemId)) {
    throw invalidField('itemId', 'not_in_snapshot', `取組（ID: ${input.itemId}）はこの四半期の締めに含まれていません。`);
  }
  const now = new Date().toISOString();
  if (input.decision.trim() === '') {
    deleteDecision(db, s.id, input.itemId);
    return { itemId: input.itemId, decision: '', username: user.username, updatedAt: now };
  }
  saveDecision(db, s.id, input.itemId, input.decision, user, now);
  return decisionsOf(db, s.id).find((d) => d.itemId === input.itemId)!;
}

/** The quarter's data: frozen when closed, otherwise computed live as of its last day. */
function dataFor(db: Db, bodyId: number, fq: FiscalQuarter, today: string) {
  const s = findSnapshot(db, bodyId, fq);
  if (s) return { source: s.status === 'closed' ? ('snapshot' as const) : ('reopened_snapshot' as const), snapshot: s, data: payloadOf(db, s.id) };
  return { source: 'live' as const, snapshot: null, data: quarterData(db, bodyId, fq, today) };
}

const SOURCE_LABELS = { snapshot: '締め済みのデータ', reopened_snapshot: '再開中（締めた時点のデータ）', live: '現在のデータから算出' } as const;

/** The review of a quarter against the previous one: the latest closed quarter before it, else the previous quarter computed live. */
export function quarterReviewOf(db: Db, bodyId: number, fq: FiscalQuarter, today: string) {
  const cur = dataFor(db, bodyId, fq, today);
  const earlier = listClosedSnapshots(db, bodyId)
    .filter((s) => quarterIndex({ fiscalYear: s.fiscalYear, quarter: s.quarter as Quarter }) < quarterIndex(fq))
    .sort((a, b) => quarterIndex(b) - quarterIndex(a))[0];
  const prevFq = earlier ? { fiscalYear: earlier.fiscalYear, quarter: earlier.quarter as Quarter } : quarterFromIndex(quarterIndex(fq) - 1);
  const prev = earlier
    ? { source: 'snapshot' as const, data: payloadOf(db, earlier.id) }
    : { source: 'live' as const, data: quarterData(db, bodyId, prevFq, today) };
  const review = quarterReview(stateOf(prev.data), stateOf(cur.data), cur.data.unreportedSections);
  const decisions = cur.snapshot ? decisionsOf(db, cur.snapshot.id) : [];
  // 今期の計画変更: from the history, which no later edit can change (the same whether the quarter is closed or not).
  const changes = planChangesBetween(db, bodyId, addDays(fiscalQuarterStart(fq.fiscalYear, fq.quarter), -1), cur.data.asOf, today);
  return {
    body: { id: cur.data.dashboard.body.id, name: cur.data.dashboard.body.name },
    quarter: { fiscalYear: fq.fiscalYear, quarter: fq.quarter, ...quarterLabels(fq), asOf: cur.data.asOf, source: cur.source, sourceLabel: SOURCE_LABELS[cur.source] },
    previous: { fiscalYear: prevFq.fiscalYear, quarter: prevFq.quarter, ...quarterLabels(prevFq), asOf: prev.data.asOf, source: prev.source, sourceLabel: SOURCE_LABELS[prev.source] },
    closed: cur.snapshot ? presentSnapshot(cur.snapshot) : null,
    ...review,
    planChanges: changes.milestones,
    targetChanges: changes.kpis,
    decisions,
  };
}
export type QuarterReviewResult = ReturnType<typeof quarterReviewOf>;

/** A closed (or reopened) quarter with its review, for the exports. */
export function reportOf(db: Db, bodyId: number, fq: FiscalQuarter, today: string) {
  const q = getQuarter(db, bodyId, fq);
  const review = quarterReviewOf(db, bodyId, fq, today);
  // The PDF names who closed the quarter as people read it (display name), not by login id.
  return { snapshot: q, review, itemStatusLabels: ITEM_STATUS_LABELS, closedByDisplayName: closerDisplayName(db, q.id) };
}
export type QuarterReport = ReturnType<typeof reportOf>;
