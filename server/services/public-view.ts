/**
 * 公開ページ (issue 21): what residents see of a body, assembled from two sources only —
 *
 * - the **frozen payload of the body's latest closed quarter** (quarter_snapshot_payloads): statuses, dates,
 *   deadlines and KPI values exactly as they were when HQ closed the quarter, so a half-entered quarter is
 *   never public (a reopened quarter is not "closed": the latest quarter still closed is shown);
 * - HQ's **publication** (public_settings, item_publications), read live so that unpublishing takes effect
 *   at once: an item is public when its own choice, else the body's default, says so; its hidden milestones
 *   and KPIs are left out; its public text (公開用の説明・実績) is the only text of it shown.
 *
 * Everything is copied field by field into the public shapes (schemas/public.ts): no internal note, reason,
 * 対応方針, user name or audit data can pass. A body without settings, a closed quarter or a published item
 * has no public page (404), and an item that is not published is a 404 exactly like one that does not exist.
 */
import type { Static } from '@sinclair/typebox';
import type { Db } from '../db/client.ts';
import type { ItemPublication, PublicSettings, QuarterSnapshot } from '../db/schema.ts';
import { todayInJapan } from '../domain/dates.ts';
import type { Quarter } from '../domain/fiscal.ts';
import { planPeriodLabel } from '../domain/wareki.ts';
import { ITEM_STATUSES, ITEM_STATUS_LABELS } from '../domain/labels.ts';
import { kpiAchievement, kpiRating } from '../domain/kpi-rating.ts';
import { roundKpiValue } from '../domain/kpi-text.ts';
import { AppError } from '../errors.ts';
import { listPlans } from '../repositories/plans.ts';
import { findPublicSettings, listItemPublications, publicSourceRow } from '../repositories/publication.ts';
import { listClosedSnapshots, snapshotPayload } from '../repositories/quarter-snapshots.ts';
import type { PublicItem, PublicKpi, PublicView } from '../schemas/public.ts';
import { quarterLabels, upgradePayload, type QuarterData } from './quarters.ts';

export type PublicViewData = Static<typeof PublicView>;
export type PublicItemData = Static<typeof PublicItem>;
type PublicKpiData = Static<typeof PublicKpi>;

export const noPublicPage = () => new AppError(404, 'NOT_FOUND', 'この団体の公開ページはありません。');
export const itemNotPublic = (itemId: number) => new AppError(404, 'NOT_FOUND', `指定された取組（ID: ${itemId}）は公開されていません。`);

/** The latest quarter whose status is closed (a reopened one is being corrected: not public). */
export function latestClosedSnapshot(db: Db, bodyId: number): QuarterSnapshot | null {
  const closed = listClosedSnapshots(db, bodyId);
  closed.sort((a, b) => b.fiscalYear * 4 + b.quarter - (a.fiscalYear * 4 + a.quarter));
  return closed[0] ?? null;
}

export const closedOn = (s: Pick<QuarterSnapshot, 'closedAt'>) => todayInJapan(new Date(s.closedAt));

/** The licence of open data until HQ sets one (the default of `public_settings.licence`). */
export const DEFAULT_LICENCE = 'CC BY 4.0';

/** Whether an item is public: its own choice, else the body's default (off until HQ turns it on). */
export const isPublished = (settings: Pick<PublicSettings, 'defaultPublished'> | undefined, pub: Pick<ItemPublication, 'published'> | undefined) =>
  pub?.published ?? settings?.defaultPublished ?? false;

export interface PublicSource {
  bodyId: number;
  snapshot: Pick<QuarterSnapshot, 'id' | 'fiscalYear' | 'quarter' | 'asOf' | 'closedAt'>;
  /** The cache version of every public answer of the body: the snapshot as closed and the publication. */
  version: string;
}

/** The body behind a code and what its public answers are made of, or 404. One prepared query: run on every request. */
export function publicSource(db: Db, bodyCode: string): PublicSource {
  const row = publicSourceRow(db, bodyCode);
  if (!row || row.snapshotId === null) throw noPublicPage();
  const snapshot = { id: row.snapshotId, fiscalYear: row.fiscalYear!, quarter: row.quarter as Quarter, asOf: row.asOf!, closedAt: row.closedAt! };
  return { bodyId: row.bodyId, snapshot, version: `${snapshot.id}.${snapshot.closedAt}.${row.fingerprint}` };
}

function publicKpi(k: QuarterData['dashboard']['kpis'][number], itemId: number): PublicKpiData {
  const latest = k.latest ? { value: k.latest.value, quarter: k.latest.quarter, yearToDate: k.latest.yearToDate } : null;
  const rating = { valueKind: k.valueKind, baselineValue: k.baselineValue, targetValue: k.targetValue, latest };
  return {
    id: k.id,
    itemId,
    name: k.name,
    unit: k.unit,
    kindLabel: k.kindLabel,
    directionLabel: k.directionLabel,
    baselineValue: k.baselineValue,
    baselineFiscalYear: k.baselineFiscalYear,
    targetValue: k.targetValue,
    targetFiscalYear: k.targetFiscalYear,
    latestValue: k.latest?.value ?? null,
    latestLabel: k.latest?.label ?? null,
    status: k.status,
    statusLabel: k.statusLabel,
    achievement: kpiAchievement(rating),
    rating: kpiRating(rating),
    // The plan line at the unit's precision (15.833333333333332 is noise in open data), as every table shows it.
    series: k.series.map((p) => ({ fiscalYear: p.fiscalYear, quarter: p.quarter, label: p.label, actual: p.actual, expected: roundKpiValue(p.expected, k.unit) })),
  };
}

/** The public view of a body (see the file comment). Throws 404 when nothing is published. */
export function buildPublicView(db: Db, src: PublicSource): PublicViewData {
  const data = upgradePayload(JSON.parse(snapshotPayload(db, src.snapshot.id)) as QuarterData);
  // Undefined until HQ saves the body's settings: the defaults apply (nothing public by default).
  const settings = findPublicSettings(db, src.bodyId);
  const pubs = new Map(listItemPublications(db, src.bodyId).map((p) => [p.itemId, p]));
  const dash = data.dashboard;
  const items: PublicItemData[] = [];
  // Counted as the dashboard counts (each piece of work once: a parent's rolled-up status is not counted again).
  const counts = new Map<string, number>();
  for (const row of dash.timeline) {
    const pub = pubs.get(row.itemId);
    if (!isPublished(settings, pub)) continue;
    const hiddenMs = new Set(pub?.hiddenMilestoneIds ?? []);
    const hiddenKpis = new Set(pub?.hiddenKpiIds ?? []);
    const milestones = row.milestones.filter((m) => !hiddenMs.has(m.id));
    if (row.countedStatus !== null) counts.set(row.countedStatus, (counts.get(row.countedStatus) ?? 0) + 1);
    items.push({
      id: row.itemId,
      title: row.title,
      categoryName: row.categoryName,
      sectionName: row.sectionName,
      status: row.status,
      statusLabel: row.statusLabel,
      plannedStart: row.plannedStart,
      plannedEnd: row.plannedEnd,
      actualStart: row.actualStart,
      actualEnd: row.actualEnd,
      deadlines: row.deadlines
        .filter((d) => d.milestoneId === null || !hiddenMs.has(d.milestoneId))
        .map((d) => ({ title: d.title, label: d.label, date: d.effectiveDate, milestoneTitle: d.milestoneTitle ?? '' })),
      publicText: pub?.publicText ?? '',
      milestones: milestones.map((m) => ({
        id: m.id,
        title: m.title,
        plannedStartDate: m.plannedStartDate,
        plannedDate: m.plannedDate,
        actualStartDate: m.actualStartDate,
        actualDate: m.actualDate,
        status: m.status,
        statusLabel: m.statusLabel,
        deadline: m.deadline ? { title: m.deadline.title, label: m.deadline.label, date: m.deadline.effectiveDate, milestoneTitle: m.title } : null,
      })),
      kpis: dash.kpis.filter((k) => k.itemId === row.itemId && !hiddenKpis.has(k.id)).map((k) => publicKpi(k, row.itemId)),
    });
  }
  if (items.length === 0) throw noPublicPage();

  // Counts and categories are over the published items only (an unpublished item is not even counted).
  const categories = new Map<string, number>();
  for (const i of items) categories.set(i.categoryName, (categories.get(i.categoryName) ?? 0) + 1);

  const fq = { fiscalYear: src.snapshot.fiscalYear, quarter: src.snapshot.quarter };
  return {
    body: { code: dash.body.code, name: dash.body.name, prefectureName: dash.body.prefectureName },
    plans: listPlans(db, src.bodyId).map((p) => ({
      title: p.title,
      startFiscalYear: p.startFiscalYear,
      endFiscalYear: p.endFiscalYear,
      periodLabel: planPeriodLabel(p.startFiscalYear, p.endFiscalYear),
    })),
    quarter: { ...fq, label: quarterLabels(fq).label, asOf: src.snapshot.asOf, closedOn: closedOn(src.snapshot) },
    licence: settings?.licence ?? DEFAULT_LICENCE,
    statusCounts: ITEM_STATUSES.filter((s) => counts.has(s)).map((s) => ({ status: s, label: ITEM_STATUS_LABELS[s], count: counts.get(s)! })),
    categories: [...categories].map(([name, itemCount]) => ({ name, itemCount })),
    items,
  };
}

export function publicItem(view: PublicViewData, itemId: number): PublicItemData {
  const item = view.items.find((i) => i.id === itemId);
  if (!item) throw itemNotPublic(itemId);
  return item;
}
