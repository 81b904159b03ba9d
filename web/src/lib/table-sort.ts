// Sortable tables whose order lives in the URL (?sort=KEY&dir=asc|desc): pure helpers, no UI.
//
// A column sorts by one value (number, string or null). Nulls ("—") always go last, whichever the
// direction; equal values keep the table's own order (the tiebreak, e.g. by code) so the result is
// stable and the same for everyone who opens the same URL.

export type SortDir = 'asc' | 'desc';

export interface SortState {
  key: string;
  dir: SortDir;
}

export interface SortColumn<T> {
  key: string;
  /** Column header text. */
  label: string;
  value: (row: T) => number | string | null;
  /** Direction of the first click on this column (numbers: usually 'desc', names/codes 'asc'). */
  firstDir: SortDir;
  numeric?: boolean;
}

/** The sort state in `query` when it names a known column and a direction, else `fallback`. */
export function readSort(query: URLSearchParams, columns: readonly { key: string }[], fallback: SortState): SortState {
  const key = query.get('sort');
  const dir = query.get('dir');
  if (key === null || !columns.some((c) => c.key === key)) return fallback;
  return { key, dir: dir === 'asc' || dir === 'desc' ? dir : fallback.key === key ? fallback.dir : 'asc' };
}

/** Query values for a sort state: nothing when it is the default (clean URLs). */
export function sortQuery(state: SortState, fallback: SortState): { sort: string | null; dir: SortDir | null } {
  if (state.key === fallback.key && state.dir === fallback.dir) return { sort: null, dir: null };
  return { sort: state.key, dir: state.dir };
}

/** The state after activating a column's sort button: the same column flips, another starts at its firstDir. */
export function nextSort(state: SortState, column: { key: string; firstDir: SortDir }): SortState {
  if (state.key === column.key) return { key: column.key, dir: state.dir === 'asc' ? 'desc' : 'asc' };
  return { key: column.key, dir: column.firstDir };
}

/** aria-sort of a column header: only the sorted column has one. */
export function ariaSort(state: SortState, key: string): 'ascending' | 'descending' | undefined {
  if (state.key !== key) return undefined;
  return state.dir === 'asc' ? 'ascending' : 'descending';
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Rows sorted by `column` in `dir`; nulls (and NaN) last; ties by `tiebreak` (always ascending).
 * Returns a new array.
 */
export function sortRows<T>(
  rows: readonly T[],
  column: Pick<SortColumn<T>, 'value'>,
  dir: SortDir,
  tiebreak: (a: T, b: T) => number = () => 0,
): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  const isMissing = (v: number | string | null) => v === null || (typeof v === 'number' && Number.isNaN(v));
  return rows
    .map((row, index) => ({ row, index, value: column.value(row) }))
    .sort((a, b) => {
      const am = isMissing(a.value);
      const bm = isMissing(b.value);
      if (am !== bm) return am ? 1 : -1;
      const c = am ? 0 : sign * compareValues(a.value as number | string, b.value as number | string);
      if (c !== 0) return c;
      return tiebreak(a.row, b.row) || a.index - b.index;
    })
    .map((x) => x.row);
}

/** The page (1-based) in `query` (?page=N), clamped to 1…pageCount. */
export function readPage(query: URLSearchParams, total: number, pageSize: number): number {
  const pageCount = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  const n = Number(query.get('page') ?? '1');
  if (!Number.isInteger(n) || n < 1) return 1;
  return Math.min(n, pageCount);
}

/** Rows of one page. */
export function pageRows<T>(rows: readonly T[], page: number, pageSize: number): T[] {
  return rows.slice((page - 1) * pageSize, page * pageSize);
}
