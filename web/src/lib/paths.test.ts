import { describe, expect, it } from 'vitest';
import { bodyPath, nationalPath, parsePrefectureCode, pathWithQuery, prefecturePath, readPlanParam } from './paths.ts';
import { planOptions } from './plans.ts';

describe('national and prefecture paths', () => {
  it('keeps asOf and leaves empty values out', () => {
    expect(nationalPath()).toBe('/national');
    expect(nationalPath('2026-03-31', { sort: 'rate', dir: 'desc' })).toBe('/national?asOf=2026-03-31&sort=rate&dir=desc');
    expect(prefecturePath('43', null, { sort: null, page: 2 })).toBe('/prefectures/43?page=2');
    expect(pathWithQuery('/x', { a: '', b: undefined, c: 0 })).toBe('/x?c=0');
  });
  it('accepts only prefecture codes 01–47', () => {
    expect(parsePrefectureCode('01')).toBe('01');
    expect(parsePrefectureCode('47')).toBe('47');
    expect(parsePrefectureCode('48')).toBeNull();
    expect(parsePrefectureCode('1')).toBeNull();
    expect(parsePrefectureCode('00')).toBeNull();
    expect(parsePrefectureCode(undefined)).toBeNull();
  });
});

describe('plan periods (issue 20)', () => {
  it('keeps ?plan= on the pages of a plan only; a quarter wins over it', () => {
    expect(bodyPath(3, 'timeline', null, null, 4)).toBe('/bodies/3/timeline?plan=4');
    expect(bodyPath(3, 'overview', '2026-03-31', null, 4)).toBe('/bodies/3?plan=4');
    expect(bodyPath(3, 'updates', null, null, 4)).toBe('/bodies/3/updates');
    expect(bodyPath(3, 'kpis', null, '2026-2', 4)).toBe('/bodies/3/kpis?quarter=2026-2');
    expect(readPlanParam(new URLSearchParams('plan=12'))).toBe(12);
    expect(readPlanParam(new URLSearchParams('plan=x'))).toBeNull();
  });
  it('lists the current plan first, then the ended ones newest first, with their periods', () => {
    const plan = (id: number, start: number, endedOn: string | null) =>
      ({ id, bodyId: 1, title: `第${id}期`, startFiscalYear: start, endFiscalYear: start + 3, adoptedOn: null, sourceText: '', endedOn, version: 1, createdAt: '', updatedAt: '' });
    expect(planOptions([plan(1, 2018, '2022-03-31'), plan(2, 2022, '2026-03-31'), plan(3, 2026, null)])).toEqual([
      { value: '', label: '現行: 第3期 ― 2026年度（令和8年度）〜2029年度（令和11年度）' },
      { value: '2', label: '終了: 第2期 ― 2022年度（令和4年度）〜2025年度（令和7年度）' },
      { value: '1', label: '終了: 第1期 ― 2018年度（平成30年度）〜2021年度（令和3年度）' },
    ]);
  });
});
