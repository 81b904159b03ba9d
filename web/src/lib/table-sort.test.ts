import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, pageRows, readPage, readSort, sortQuery, sortRows } from './table-sort.ts';

const columns = [{ key: 'code' }, { key: 'rate' }];
const fallback = { key: 'code', dir: 'asc' as const };

describe('readSort', () => {
  it('reads a known column and direction from the query', () => {
    expect(readSort(new URLSearchParams('sort=rate&dir=desc'), columns, fallback)).toEqual({ key: 'rate', dir: 'desc' });
    expect(readSort(new URLSearchParams('sort=rate&dir=asc'), columns, fallback)).toEqual({ key: 'rate', dir: 'asc' });
  });
  it('falls back on an unknown or missing column', () => {
    expect(readSort(new URLSearchParams(''), columns, fallback)).toEqual(fallback);
    expect(readSort(new URLSearchParams('sort=__proto__&dir=desc'), columns, fallback)).toEqual(fallback);
  });
  it('defaults a missing or invalid direction', () => {
    expect(readSort(new URLSearchParams('sort=rate&dir=up'), columns, fallback)).toEqual({ key: 'rate', dir: 'asc' });
    expect(readSort(new URLSearchParams('sort=code'), columns, { key: 'code', dir: 'desc' })).toEqual({ key: 'code', dir: 'desc' });
  });
});

describe('sortQuery / nextSort / ariaSort', () => {
  it('leaves the default out of the URL', () => {
    expect(sortQuery(fallback, fallback)).toEqual({ sort: null, dir: null });
    expect(sortQuery({ key: 'code', dir: 'desc' }, fallback)).toEqual({ sort: 'code', dir: 'desc' });
  });
  it('flips the sorted column and starts another at its first direction', () => {
    expect(nextSort({ key: 'rate', dir: 'desc' }, { key: 'rate', firstDir: 'desc' })).toEqual({ key: 'rate', dir: 'asc' });
    expect(nextSort({ key: 'rate', dir: 'asc' }, { key: 'rate', firstDir: 'desc' })).toEqual({ key: 'rate', dir: 'desc' });
    expect(nextSort({ key: 'code', dir: 'asc' }, { key: 'rate', firstDir: 'desc' })).toEqual({ key: 'rate', dir: 'desc' });
  });
  it('gives aria-sort to the sorted column only', () => {
    expect(ariaSort({ key: 'rate', dir: 'desc' }, 'rate')).toBe('descending');
    expect(ariaSort({ key: 'rate', dir: 'asc' }, 'rate')).toBe('ascending');
    expect(ariaSort({ key: 'rate', dir: 'asc' }, 'code')).toBeUndefined();
  });
});

describe('sortRows', () => {
  const rows = [
    { code: 'b', rate: 0.5 },
    { code: 'a', rate: null },
    { code: 'c', rate: 0.9 },
    { code: 'd', rate: 0.5 },
    { code: 'e', rate: Number.NaN },
  ];
  const byRate = { value: (r: { rate: number | null }) => r.rate };
  const byCode = (x: { code: string }, y: { code: string }) => x.code.localeCompare(y.code);

  it('sorts numbers either way with missing values last and ties by the tiebreak', () => {
    expect(sortRows(rows, byRate, 'desc', byCode).map((r) => r.code)).toEqual(['c', 'b', 'd', 'a', 'e']);
    expect(sortRows(rows, byRate, 'asc', byCode).map((r) => r.code)).toEqual(['b', 'd', 'c', 'a', 'e']);
  });
  it('sorts strings and does not change its input', () => {
    const copy = [...rows];
    expect(sortRows(rows, { value: (r) => r.code }, 'desc').map((r) => r.code)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(rows).toEqual(copy);
  });
  it('keeps the input order for ties without a tiebreak (stable)', () => {
    const tied = [{ id: 3, v: 1 }, { id: 1, v: 1 }, { id: 2, v: 1 }];
    expect(sortRows(tied, { value: (r) => r.v }, 'desc').map((r) => r.id)).toEqual([3, 1, 2]);
  });
});

describe('readPage / pageRows', () => {
  it('clamps the page to the rows there are', () => {
    expect(readPage(new URLSearchParams('page=2'), 120, 50)).toBe(2);
    expect(readPage(new URLSearchParams('page=9'), 120, 50)).toBe(3);
    expect(readPage(new URLSearchParams('page=0'), 120, 50)).toBe(1);
    expect(readPage(new URLSearchParams('page=x'), 120, 50)).toBe(1);
    expect(readPage(new URLSearchParams(''), 0, 50)).toBe(1);
  });
  it('slices one page', () => {
    const list = Array.from({ length: 120 }, (_, i) => i);
    expect(pageRows(list, 3, 50)).toEqual(list.slice(100));
    expect(pageRows(list, 1, 50)).toHaveLength(50);
  });
});
