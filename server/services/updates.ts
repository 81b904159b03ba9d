/**
 * 今期の更新 (this quarter's updates): what an officer has to look at this fiscal quarter, the
 * 「変更なし」 review, and for HQ which sections have reported.
 *
 * A section has reported in a quarter when one of its items (the item, its milestones, KPIs, KPI
 * values, standardization steps) changed in the quarter — as recorded in the audit trail — or was
 * reviewed 「変更なし」 for the quarter. Rows last updated in the quarter before the audit trail existed
 * (the demo data) count as changes too. Quarter boundaries are calendar dates in Japan.
 */
import type { Db } from '../db/client.ts';
import type { KpiValue } from '../db/schema.ts';
import { addDays, compareIsoDates } from '../domain/dates.ts';
import { fiscalQuarterEnd, fiscalQuarterLabel, fiscalQuarterOf, fiscalQuarterStart, type Quarter } from '../domain/fiscal.ts';
import { periodIndex } from '../domain/kpi-status.ts';
import { reportingDays, reportingQuarter } from '../domain/reporting.ts';
import { dueDateOf } from '../repositories/reporting.ts';
import { sectionNamesAt } from '../repositories/sections.ts';
import { KPI_DIRECTION_LABELS, UPDATE_FOCUSES, type UpdateFocus } from '../domain/labels.ts';
import { kpiValueRange } from '../domain/kpi-range.ts';
import { kpiEntryPeriod, kpiNeedsWord, milestoneNeedsWord, updateFocus } from '../domain/quarter-word.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../auth/policy.ts';
import { loadBodyPlan } from '../repositories/body-plan.ts';
import * as repo from '../repositories/updates.ts';
import type { MyUpdatesQuery, ReportingStatusQuery, ReviewCreate } from '../schemas/updates.ts';
import { assessBodyPlan } from './assessment.ts';
import { startOfJapanDate } from './audit.ts';
import { presentItem, presentMilestone } from './present.ts';

/**
 * A fiscal quarter as the period its word is counted in: from its first day to its last, or to its due
 * date (報告期限, domain/reporting.ts) when HQ set a later one — what is done by then counts for the quarter.
 */
export function quarterPeriod(fiscalYear: number, quarter: Quarter, dueDate: string | null = null) {
  const startDate = fiscalQuarterStart(fiscalYear, quarter);
  const endDate = fiscalQuarterEnd(fiscalYear, quarter);
  const counted = reportingDays({ fiscalYear, quarter }, dueDate);
  return {
    fiscalYear,
    quarter,
    label: fiscalQuarterLabel({ fiscalYear, quarter }),
    startDate,
    endDate,
    dueDate,
    /** The counted days as instants (UTC ISO text, like audit rows): [from, to). */
    from: startOfJapanDate(counted.startDate),
    to: startOfJapanDate(addDays(counted.endDate, 1)),
  };
}
type Period = ReturnType<typeof quarterPeriod>;
const periodOut = ({ from: _f, to: _t, ...p }: Period) => p;

type Focus = UpdateFocus;
const FOCUS_ORDER: readonly Focus[] = UPDATE_FOCUSES;

/** The items of the user's sections (all sections for hq and admin), what is due first. */
export function myUpdates(db: Db, bodyId: number, user: Principal, q: MyUpdatesQuery, today: string) {
  const fq = fiscalQuarterOf(today);
  const period = quarterPeriod(fq.fiscalYear, fq.quarter);
  const plan = loadBodyPlan(db, bodyId);
  const mine = user.role === 'officer' ? new Set(user.sectionIds) : new Set(plan.sections.map((s) => s.id));
  const shown = plan.sections.filter((s) => mine.has(s.id) && (q.sectionId === undefined || s.id === q.sectionId));
  const shownIds = new Set(shown.map((s) => s.id));
  const assessed = assessBodyPlan(plan, today).filter((a) => shownIds.has(a.item.sectionId));
  const itemIds = assessed.map((a) => a.item.id);

  const reviews = new Map<number, ReturnType<typeof repo.reviewsOf>[number]>();
  for (const r of repo.reviewsOf(db, itemIds, period)) reviews.set(r.itemId, r); // ascending: the last one wins
  const changes = new Map<number, { at: string; username: string }>();
  if (itemIds.length) {
    for (const r of repo.lastItemChanges(db, bodyId, period)) changes.set(r.itemId, { at: r.at, username: r.username });
  }

  const items = assessed.map((a, order) => {
    const milestones = a.milestones
      .map((m) => ({ ...presentMilestone(m, today), focus: updateFocus(m, today), needsWord: milestoneNeedsWord(m, today) }))
      .sort((x, y) => FOCUS_ORDER.indexOf(x.focus) - FOCUS_ORDER.indexOf(y.focus) || compareIsoDates(x.plannedDate, y.plannedDate));
    const kpis = plan.kpis
      .filter((k) => k.itemId === a.item.id)
      .map((k) => {
        const values = plan.kpiValues.filter((v) => v.kpiId === k.id);
        const entryPeriod = kpiEntryPeriod(values, today);
        const thisQuarter = values.find((v) => v.fiscalYear === entryPeriod.fiscalYear && v.quarter === entryPeriod.quarter) ?? null;
        const entryIndex = periodIndex(entryPeriod);
        const earlier = values.filter((v) => periodIndex(v) < entryIndex || (periodIndex(v) === entryIndex && v.quarter !== entryPeriod.quarter && v.quarter !== 0));
        const previous: KpiValue | null = earlier.length ? earlier[earlier.length - 1]! : null;
        return {
          id: k.id,
          name: k.name,
          unit: k.unit,
          direction: k.direction,
          directionLabel: KPI_DIRECTION_LABELS[k.direction],
          targetValue: k.targetValue,
          targetFiscalYear: k.targetFiscalYear,
          version: k.version,
          entryPeriod,
          range: kpiValueRange(k),
          needsWord: kpiNeedsWord(values, today),
          thisQuarter,
          previous,
        };
      });
    const overdueCount = milestones.filter((m) => m.focus === 'overdue').length;
    const dueThisQuarterCount = milestones.filter((m) => m.focus === 'due_this_quarter').length;
    const lastReview = reviews.get(a.item.id) ?? null;
    const lastChange = changes.get(a.item.id) ?? null;
    return {
      order,
      item: presentItem(a, today),
      canEdit: user.role !== 'officer' || user.sectionIds.includes(a.item.sectionId),
      milestones,
      kpis,
      overdueCount,
      dueThisQuarterCount,
      lastReview,
      lastChange,
      needsWord: milestones.some((m) => m.needsWord) || kpis.some((k) => k.needsWord),
      reported: lastReview !== null || lastChange !== null,
    };
  });
  const rank = (i: (typeof items)[number]) => (i.overdueCount > 0 ? 0 : i.dueThisQuarterCount > 0 ? 1 : i.needsWord ? 2 : 3);
  items.sort((x, y) => rank(x) - rank(y) || x.order - y.order);

  return {
    asOf: today,
    period: periodOut(period),
    sections: shown.map((s) => ({ id: s.id, name: s.name })),
    items: items.map(({ order: _o, ...i }) => i),
    summary: {
      items: items.length,
      overdueMilestones: items.reduce((n, i) => n + i.overdueCount, 0),
      dueThisQuarter: items.reduce((n, i) => n + i.dueThisQuarterCount, 0),
      reportedItems: items.filter((i) => i.reported).length,
      needsWordItems: items.filter((i) => i.needsWord).length,
    },
  };
}

/**
 * 「変更なし」: records that the item was checked for the quarter whose word is asked for today — the quarter
 * just ended while its 報告期限 has not passed, else the current one (audited as a review).
 */
export function createReview(db: Db, itemId: number, bodyId: number, user: Principal, input: ReviewCreate, today: string) {
  const fq = reportingQuarter(today, dueDateOf(db, bodyId)).quarter;
  const row = repo.insertReview(db, { itemId, fiscalYear: fq.fiscalYear, quarter: fq.quarter, userId: user.id, note: input.note ?? '' });
  return { ...row, username: user.username };
}

/** Per section owning items: has it reported in the quarter, when and by whom. Unreported first. */
export function reportingStatus(db: Db, bodyId: number, q: ReportingStatusQuery, today: string) {
  if ((q.fiscalYear === undefined) !== (q.quarter === undefined)) {
    const message = '年度と四半期は両方指定するか、両方省略してください（省略すると今期）。';
    throw new AppError(400, 'VALIDATION_ERROR', message, [{ field: q.fiscalYear === undefined ? 'fiscalYear' : 'quarter', code: 'pair', message }]);
  }
  const asked = reportingQuarter(today, dueDateOf(db, bodyId));
  const fq = q.fiscalYear !== undefined ? { fiscalYear: q.fiscalYear, quarter: q.quarter as Quarter } : asked.quarter;
  const dueDate = dueDateOf(db, bodyId)(fq);
  const period = quarterPeriod(fq.fiscalYear, fq.quarter, dueDate);
  const overdue = dueDate !== null && compareIsoDates(today, dueDate) > 0;
  const range = { b: bodyId, from: period.from, to: period.to, fy: period.fiscalYear, q: period.quarter };
  // Named as on the quarter's last day (課の再編: a section renamed since keeps its old name for earlier quarters).
  const names = sectionNamesAt(db, bodyId, period.endDate);
  const owning = repo.sectionsOwningItems(db, bodyId).map((s) => ({ ...s, sectionName: names.get(s.sectionId) ?? s.sectionName }));
  const changed = repo.changedItemsBySection(db, range);
  const reviewed = repo.reviewedItemsBySection(db, range);
  const lastBy = repo.lastChangeBySection(db, range);
  const officers = repo.officersOf(db, bodyId);

  const byId = <T extends { sectionId: number }>(rows: T[]) => new Map(rows.map((r) => [r.sectionId, r]));
  const c = byId(changed);
  const r = byId(reviewed);
  const l = byId(lastBy);
  const out = owning.map((s) => {
    const ch = c.get(s.sectionId);
    const rv = r.get(s.sectionId);
    const last = l.get(s.sectionId);
    const candidates = [ch?.lastAt, rv?.lastAt, last?.at].filter((d): d is string => typeof d === 'string').sort();
    const lastReportedAt = candidates.length ? candidates[candidates.length - 1]! : null;
    return {
      ...s,
      reported: (ch?.items ?? 0) > 0 || (rv?.items ?? 0) > 0,
      late: overdue && !((ch?.items ?? 0) > 0 || (rv?.items ?? 0) > 0),
      changedItems: ch?.items ?? 0,
      reviewedItems: rv?.items ?? 0,
      lastReportedAt,
      lastReportedBy: last?.username ?? null,
      officers: officers.filter((o) => o.sectionId === s.sectionId).map(({ sectionId: _s, ...o }) => o),
    };
  });
  out.sort((a, b) => Number(a.reported) - Number(b.reported) || a.sectionId - b.sectionId);
  return {
    period: periodOut(period),
    overdue,
    sections: out,
    reportedCount: out.filter((s) => s.reported).length,
    sectionCount: out.length,
    lateCount: out.filter((s) => s.late).length,
  };
}
