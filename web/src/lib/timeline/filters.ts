// Filters of the timeline (state in the URL query: ?category=&section=&status=) and their select options.
// Dates are plain 'YYYY-MM-DD' calendar dates in Japan, shown through lib/format.ts; no DOM here (unit-tested).
import { ITEM_STATUSES } from '$domain/labels.ts';
import { STATUS_INFO } from '../format.ts';
import type { CategoryInfo, SectionInfo, TimelineRow } from '../timeline-types.ts';
import type { ItemStatus } from '../types.ts';

/** Item statuses worst first (as the server sorts them, server/domain/labels.ts): for selects, counts and summaries. */
export const STATUS_ORDER: readonly ItemStatus[] = ITEM_STATUSES;

export interface TimelineFilter {
  category: number | null;
  section: number | null;
  status: ItemStatus | null;
}

export const EMPTY_FILTER: TimelineFilter = { category: null, section: null, status: null };

function positiveInt(value: string | null): number | null {
  return value !== null && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}

/** Read the filter from a query string; unknown or malformed values are ignored. */
export function parseTimelineFilter(query: URLSearchParams): TimelineFilter {
  const status = query.get('status');
  return {
    category: positiveInt(query.get('category')),
    section: positiveInt(query.get('section')),
    status: status !== null && (ITEM_STATUSES as readonly string[]).includes(status) ? (status as ItemStatus) : null,
  };
}

/**
 * Write the filter into a query string, keeping any other parameters: '' when nothing is left,
 * otherwise '?category=1&status=delayed'.
 */
export function timelineFilterSearch(filter: TimelineFilter, base: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams(base);
  const set = (key: string, value: string | number | null) => {
    if (value === null) params.delete(key);
    else params.set(key, String(value));
  };
  set('category', filter.category);
  set('section', filter.section);
  set('status', filter.status);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export function isFilterActive(filter: TimelineFilter): boolean {
  return filter.category !== null || filter.section !== null || filter.status !== null;
}

/** A timeline row as drawn: depth counts only the ancestors that are still shown. */
export interface DisplayRow extends TimelineRow {
  displayDepth: number;
  /** True while the item is not finished: its actual bar runs to the reference date. */
  actualOpen: boolean;
}

/** Keep the rows matching every set criterion, in plan order (parents before children). */
export function filterTimelineRows(rows: readonly TimelineRow[], filter: TimelineFilter): DisplayRow[] {
  const kept = rows.filter(
    (r) =>
      (filter.category === null || r.categoryId === filter.category) &&
      (filter.section === null || r.sectionId === filter.section) &&
      (filter.status === null || r.status === filter.status),
  );
  const byId = new Map(rows.map((r) => [r.itemId, r]));
  const shown = new Set(kept.map((r) => r.itemId));
  return kept.map((row) => {
    let depth = 0;
    let parentId = row.parentId;
    const seen = new Set<number>([row.itemId]);
    while (parentId !== null && !seen.has(parentId)) {
      seen.add(parentId);
      if (shown.has(parentId)) depth += 1;
      parentId = byId.get(parentId)?.parentId ?? null;
    }
    return { ...row, displayDepth: depth, actualOpen: row.actualStart !== null && row.actualEnd === null };
  });
}

export interface FilterOption<V> {
  value: V;
  label: string;
  /** Rows with this value in the whole (unfiltered) timeline. */
  count: number;
}

export interface TimelineFilterOptions {
  categories: FilterOption<number>[];
  sections: FilterOption<number>[];
  statuses: FilterOption<ItemStatus>[];
}

/**
 * Choices for the three selects. Categories and sections come from the reference lists (in
 * their order) when given, else from the rows; values used by rows but missing from the lists
 * are appended, so a shared link never points at an option that is not there.
 */
export function timelineFilterOptions(
  rows: readonly TimelineRow[],
  categories: readonly CategoryInfo[] = [],
  sections: readonly Pick<SectionInfo, 'id' | 'name'>[] = [],
): TimelineFilterOptions {
  const count = <K>(key: (r: TimelineRow) => K) => {
    const m = new Map<K, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const catCounts = count((r) => r.categoryId);
  const secCounts = count((r) => r.sectionId);
  const statusCounts = count((r) => r.status);

  const cats: FilterOption<number>[] = [...categories]
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
    .map((c) => ({ value: c.id, label: c.name, count: catCounts.get(c.id) ?? 0 }));
  const secs: FilterOption<number>[] = sections.map((s) => ({ value: s.id, label: s.name, count: secCounts.get(s.id) ?? 0 }));
  for (const r of rows) {
    if (!cats.some((c) => c.value === r.categoryId)) {
      cats.push({ value: r.categoryId, label: r.categoryName, count: catCounts.get(r.categoryId) ?? 0 });
    }
    if (!secs.some((s) => s.value === r.sectionId)) {
      secs.push({ value: r.sectionId, label: r.sectionName, count: secCounts.get(r.sectionId) ?? 0 });
    }
  }
  const statuses = STATUS_ORDER.map((s) => ({ value: s, label: STATUS_INFO[s].label, count: statusCounts.get(s) ?? 0 }));
  return { categories: cats, sections: secs, statuses };
}

/** The chosen filter in words, for the summary: '分野「AI・RPA」、状況「遅延」'. */
export function describeFilter(filter: TimelineFilter, options: TimelineFilterOptions): string {
  const parts: string[] = [];
  const name = <V>(list: FilterOption<V>[], value: V) => list.find((o) => o.value === value)?.label ?? String(value);
  if (filter.category !== null) parts.push(`分野「${name(options.categories, filter.category)}」`);
  if (filter.section !== null) parts.push(`担当課「${name(options.sections, filter.section)}」`);
  if (filter.status !== null) parts.push(`状況「${STATUS_INFO[filter.status].label}」`);
  return parts.join('、');
}
