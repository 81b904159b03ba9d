// The national deadlines page (国の期限): each deadline with its extensions and the items answering to it.
// Dates are plain 'YYYY-MM-DD' calendar dates in Japan, shown through lib/format.ts; no DOM here (unit-tested).
import { formatDeadlineCountdown, formatInteger, PLACEHOLDER } from '../format.ts';
import type { DeadlineLine, IsoDate, TimelineRow } from '../timeline-types.ts';
import type { DatePrecision, FactSource, ItemStatus } from '../types.ts';
import { daysBetween } from './dates.ts';

export interface DeadlineExtensionView {
  date: IsoDate;
  daysLeft: number | null;
  scope: 'area' | 'item' | 'body';
  scopeLabel: string;
  itemId: number | null;
  itemTitle: string | null;
  areaName: string | null;
  reason: string;
}

/** Who an extension covers, in words: 業務（システム） / 取組 / 団体全体. */
export const EXTENSION_SCOPE_LABELS = { area: '業務（システム）', item: '取組', body: '団体' } as const;

export interface DeadlineItemView {
  itemId: number;
  title: string;
  sectionName: string;
  status: ItemStatus | null;
  statusLabel: string;
  /** The deadline this item must meet (extension applied). */
  effectiveDate: IsoDate;
  extended: boolean;
  daysLeft: number | null;
  /** Against the deadline: '期限内に完了', '期限後に完了（91日超過）', or days left / 期限超過 while open. */
  outcome: string;
}

/** How an item stands against its deadline: finished in time or late, or days left while open. */
export function deadlineOutcome(actualEnd: IsoDate | null, effectiveDate: IsoDate, daysLeft: number | null): string {
  if (actualEnd) {
    const late = daysBetween(effectiveDate, actualEnd);
    if (late !== null && late > 0) return `期限後に完了（${formatInteger(late)}日超過）`;
    return '期限内に完了';
  }
  return formatDeadlineCountdown(daysLeft);
}

export interface DeadlineView {
  id: number;
  code: string;
  title: string;
  originalDate: IsoDate;
  daysLeft: number | null;
  needsVerification: boolean;
  datePrecision: DatePrecision | undefined;
  note: string;
  sources: FactSource[];
  extensions: DeadlineExtensionView[];
  items: DeadlineItemView[];
}

/** Deadlines (earliest first) with days left from the reference date and the items answering to each. */
export function deadlineViews(deadlines: readonly DeadlineLine[], rows: readonly TimelineRow[], asOf: IsoDate): DeadlineView[] {
  const byId = new Map(rows.map((r) => [r.itemId, r]));
  return [...deadlines]
    .sort((a, b) => a.originalDate.localeCompare(b.originalDate) || a.id - b.id)
    .map((d) => ({
      id: d.id,
      code: d.code,
      title: d.title,
      originalDate: d.originalDate,
      daysLeft: daysBetween(asOf, d.originalDate),
      needsVerification: d.needsVerification,
      datePrecision: d.datePrecision,
      note: d.note ?? '',
      sources: d.sources ?? [],
      extensions: [...d.extensions]
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((e) => ({
          date: e.date,
          daysLeft: daysBetween(asOf, e.date),
          scope: e.scope,
          scopeLabel: EXTENSION_SCOPE_LABELS[e.scope],
          itemId: e.itemId,
          itemTitle: e.itemTitle,
          areaName: e.areaName ?? null,
          reason: e.reason,
        })),
      items: d.itemIds.map((itemId) => {
        const row = byId.get(itemId);
        const ref = row?.deadline && row.deadline.id === d.id ? row.deadline : null;
        const effectiveDate = ref?.effectiveDate ?? d.originalDate;
        const daysLeft = ref ? ref.daysLeft : daysBetween(asOf, effectiveDate);
        return {
          itemId,
          title: row?.title ?? `取組（番号 ${itemId}）`,
          sectionName: row?.sectionName ?? PLACEHOLDER,
          status: row?.status ?? null,
          statusLabel: row?.statusLabel ?? PLACEHOLDER,
          effectiveDate,
          extended: ref?.extended ?? false,
          daysLeft,
          outcome: deadlineOutcome(row?.status === 'done' ? (row.actualEnd ?? null) : null, effectiveDate, daysLeft),
        };
      }),
    }));
}
