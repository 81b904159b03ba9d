import { describe, expect, it } from 'vitest';
import { nationalPath, parsePrefectureCode, pathWithQuery, prefecturePath } from './paths.ts';

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
