import { describe, expect, it } from 'vitest';
import { formatPointDiff, formatRank } from './format.ts';
import {
  BODY_COLUMNS,
  PREFECTURE_COLUMNS,
  byRankThenCode,
  byRateDesc,
  comparisonRows,
  nationalAreaFigure,
  pastDeadlineLabel,
  peerSummary,
  prefectureAreaFigure,
  prefectureRateFigure,
  stepCountRows,
} from './rollup-data.ts';
import { sortRows } from './table-sort.ts';
import type { AreaRollupRow, BodyPeers, BodyRollupRow, PrefectureAreaRow, PrefectureRollupRow, RollupTotals } from './types.ts';

function totals(done: number, na: number, steps: number, extra: Partial<RollupTotals> = {}): RollupTotals {
  return {
    bodies: 10,
    bodiesWithAreas: 10,
    completeBodies: 2,
    bodiesIncomplete: 8,
    bodiesPastDeadline: 5,
    migrationSupportBodies: 4,
    bodyAreas: 200,
    completeAreas: 150,
    migrationSupportAreas: 20,
    systemsPastDeadline: 12,
    extendedSystems: 20,
    steps,
    counts: { done, not_applicable: na, in_progress: 0, not_started: steps - done - na },
    completionRate: steps === 0 ? null : (done + na) / steps,
    ...extra,
  };
}

const pref = (code: string, name: string, done: number, steps: number, extra: Partial<RollupTotals> = {}): PrefectureRollupRow => ({
  prefectureCode: code,
  prefectureName: name,
  ...totals(done, 0, steps, extra),
});

const PREFS = [pref('01', '北海道', 50, 100), pref('13', '東京都', 80, 100), pref('43', '熊本県', 80, 100), pref('47', '沖縄県', 0, 0)];

describe('byRateDesc', () => {
  it('orders by rate, ties by code, no rate last', () => {
    expect(byRateDesc(PREFS).map((p) => p.prefectureCode)).toEqual(['13', '43', '01', '47']);
  });
});

describe('prefectureRateFigure', () => {
  const f = prefectureRateFigure(PREFS, 0.7);
  it('draws one bar per prefecture, best first, in percent', () => {
    expect(f.config.data.labels).toEqual(['東京都', '熊本県', '北海道', '沖縄県']);
    expect(f.config.data.datasets[0]!.data).toEqual([80, 80, 50, null]);
    expect(f.config.options?.indexAxis).toBe('y');
  });
  it('has a table with the same numbers, formatted with one decimal', () => {
    expect(f.table.rows.map((r) => [r.header, ...r.cells])).toEqual([
      ['東京都', '80.0%', '80', '100', '10'],
      ['熊本県', '80.0%', '80', '100', '10'],
      ['北海道', '50.0%', '50', '100', '10'],
      ['沖縄県', '—', '0', '0', '10'],
    ]);
  });
  it('says the best, the worst and how many are above the national rate', () => {
    expect(f.summary).toBe('4都道府県の完了率は、最も高い東京都が80.0%、最も低い北海道が50.0%です。全国の完了率は70.0%で、全国を上回るのは2都道府県です。');
    expect(f.label).toContain(f.summary);
    expect(f.height).toBeGreaterThan(4 * 19);
  });
});

describe('nationalAreaFigure and prefectureAreaFigure', () => {
  const area = (id: number, name: string, rate: number | null): AreaRollupRow => ({
    areaId: id,
    code: `a${id}`,
    name,
    bodyAreas: 10,
    completeAreas: 5,
    migrationSupportAreas: 1,
    systemsPastDeadline: 0,
    extendedSystems: 1,
    steps: rate === null ? 0 : 100,
    counts: { done: rate === null ? 0 : rate * 100, not_applicable: 0, in_progress: 0, not_started: 0 },
    completionRate: rate,
  });
  it('keeps the reference order of the areas', () => {
    const f = nationalAreaFigure([area(1, '住民基本台帳', 0.9), area(2, '戸籍', 0.4)], 0.65);
    expect(f.config.data.labels).toEqual(['住民基本台帳', '戸籍']);
    expect(f.config.data.datasets[0]!.data).toEqual([90, 40]);
    expect(f.summary).toBe('2業務のうち完了率が最も高いのは住民基本台帳（90.0%）、最も低いのは戸籍（40.0%）です。');
  });
  it('compares a prefecture with the nation per area', () => {
    const rows: PrefectureAreaRow[] = [
      { ...area(1, '住民基本台帳', 0.9), nationalCompletionRate: 0.8 },
      { ...area(2, '戸籍', 0.4), nationalCompletionRate: 0.55 },
    ];
    const f = prefectureAreaFigure(rows, '熊本県');
    expect(f.config.data.datasets.map((d) => d.label)).toEqual(['熊本県', '全国']);
    expect(f.config.data.datasets[1]!.data).toEqual([80, 55]);
    expect(f.table.rows[1]!.cells.slice(0, 3)).toEqual(['40.0%', '55.0%', '\u221215.0ポイント']);
    expect(f.summary).toBe('熊本県の完了率は、2業務中1業務で全国を上回っています。全国との差が最も大きく下回るのは戸籍（40.0%、全国55.0%、\u221215.0ポイント）です。');
  });
});

describe('stepCountRows', () => {
  it('gives marker, label, count and share in a fixed order', () => {
    expect(stepCountRows({ done: 6, not_applicable: 1, in_progress: 1, not_started: 2 })).toEqual([
      { status: 'done', label: '完了', marker: '✓', count: 6, share: 0.6 },
      { status: 'not_applicable', label: '対象外', marker: '－', count: 1, share: 0.1 },
      { status: 'in_progress', label: '作業中', marker: '◐', count: 1, share: 0.1 },
      { status: 'not_started', label: '未着手', marker: '□', count: 2, share: 0.2 },
    ]);
    expect(stepCountRows({ done: 0, not_applicable: 0, in_progress: 0, not_started: 0 })[0]!.share).toBeNull();
  });
});

describe('comparisonRows / pastDeadlineLabel', () => {
  it('labels bodies by their systems past their own deadline, whether or not the migration deadline has passed', () => {
    expect(pastDeadlineLabel({ code: 'x', title: 't', dueDate: '2026-03-31', passed: true })).toBe('期限を過ぎて未完了のシステムがある');
    expect(pastDeadlineLabel(null)).toBe('期限を過ぎて未完了のシステムがある');
  });
  it('shows systems past their deadline and extended systems next to the nation', () => {
    const rows = comparisonRows(totals(60, 2, 100), totals(500, 20, 1000, { bodyAreas: 2000, systemsPastDeadline: 100 }), null);
    expect(rows.find((r) => r.label === '期限を過ぎて未完了のシステム（団体×業務）')).toEqual({ label: '期限を過ぎて未完了のシステム（団体×業務）', own: '12（6.0%）', national: '100（5.0%）' });
    expect(rows.find((r) => r.label === '期限が延長されたシステム（団体×業務）')?.own).toBe('20（10.0%）');
  });
  it('puts the prefecture next to the nation with counts and shares', () => {
    const rows = comparisonRows(totals(60, 2, 100), totals(500, 20, 1000, { bodies: 100, bodiesWithAreas: 100 }), null);
    expect(rows[0]).toEqual({ label: '完了率（総務省の定義）', own: '62.0%（62/100）', national: '52.0%（520/1,000）' });
    expect(rows[2]).toEqual({ label: '全業務が完了した団体', own: '2（20.0%）', national: '2（2.0%）' });
  });
});

describe('sortable columns', () => {
  it('sorts prefectures by rate with missing rates last', () => {
    const rate = PREFECTURE_COLUMNS.find((c) => c.key === 'rate')!;
    const byCode = (a: PrefectureRollupRow, b: PrefectureRollupRow) => a.prefectureCode.localeCompare(b.prefectureCode);
    expect(sortRows(PREFS, rate, 'asc', byCode).map((p) => p.prefectureCode)).toEqual(['01', '13', '43', '47']);
    expect(sortRows(PREFS, rate, 'desc', byCode).map((p) => p.prefectureCode)).toEqual(['13', '43', '01', '47']);
  });
  it('sorts bodies by rank (no rank last) and by the share of complete areas', () => {
    const body = (code: string, rank: number | null, completeAreas: number, areas: number): BodyRollupRow => ({
      bodyId: Number(code),
      code,
      name: `団体${code}`,
      kind: 'town',
      isSample: true,
      areas,
      completeAreas,
      migrationSupportAreas: 0,
      steps: areas * 10,
      counts: { done: 0, not_applicable: 0, in_progress: 0, not_started: 0 },
      completionRate: null,
      complete: false,
      pastDeadline: areas > 0,
      systemsPastDeadline: areas > 0 ? 1 : 0,
      extendedSystems: 0,
      rank,
    });
    const list = [body('3', null, 0, 0), body('2', 2, 5, 20), body('1', 1, 19, 20), body('4', 2, 10, 20)];
    const rank = BODY_COLUMNS.find((c) => c.key === 'rank')!;
    expect(sortRows(list, rank, 'asc', byRankThenCode).map((b) => b.code)).toEqual(['1', '2', '4', '3']);
    const areas = BODY_COLUMNS.find((c) => c.key === 'areas')!;
    expect(sortRows(list, areas, 'desc', byRankThenCode).map((b) => b.code)).toEqual(['1', '4', '2', '3']);
  });
});

describe('peerSummary and formats', () => {
  const peers: BodyPeers = {
    bodyId: 1,
    code: '432121',
    name: '上天草市',
    prefectureCode: '43',
    prefectureName: '熊本県',
    completionRate: 0.623,
    prefectureCompletionRate: 0.581,
    nationalCompletionRate: 0.644,
    rankInPrefecture: { rank: 3, of: 45 },
    rankNational: { rank: 1200, of: 1788 },
    areas: [],
  };
  it('compares the body with its prefecture and the nation and gives its ranks', () => {
    expect(peerSummary(peers)).toBe(
      '完了率は62.3%で、熊本県（58.1%）より4.2ポイント高く、全国（64.4%）より2.1ポイント低い。県内3位／45団体、全国1,200位／1,788団体です。',
    );
  });
  it('says so when the body has no steps', () => {
    expect(peerSummary({ ...peers, completionRate: null, rankInPrefecture: { rank: null, of: 45 } })).toBe(
      '上天草市には標準化の手順が登録されていないため、完了率と順位はありません。',
    );
  });
  it('formats point differences and ranks', () => {
    expect(formatPointDiff(0.623, 0.581)).toBe('+4.2ポイント');
    expect(formatPointDiff(0.5, 0.52)).toBe('\u22122.0ポイント');
    expect(formatPointDiff(0.5, 0.5)).toBe('±0.0ポイント');
    expect(formatPointDiff(null, 0.5)).toBe('—');
    expect(formatRank(3, 45)).toBe('3位／45団体');
    expect(formatRank(null, 45)).toBe('順位なし');
  });
});
