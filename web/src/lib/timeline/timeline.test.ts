import { describe, expect, it } from 'vitest';
import { formatDeadlineCountdown } from '../format.ts';
import { dateToTime, daysBetween, fiscalYearOf, fiscalYearStart, fiscalYearTicks, timeToDate, timelineFiscalRange } from './dates.ts';
import { formatDelayDays, formatMilestoneVariance, formatSignedDays, itemVariance, labelColumnChars, truncateLabel, wrapLabel } from './text.ts';
import { describeFilter, EMPTY_FILTER, filterTimelineRows, isFilterActive, parseTimelineFilter, timelineFilterOptions, timelineFilterSearch } from './filters.ts';
import { buildTimelineChart, fiscalYearTickLabel, milestoneTooltipLines, rowIndexOfElement, rowLabelChars, rowAxisLabel, rowPrintLabel, timelineChartHeight, TIMELINE_PRINT_ROW_HEIGHT, TIMELINE_ROW_HEIGHT, type MilestonePoint } from './chart.ts';
import { milestoneStatusText, timelineTableLines, timelineSummary } from './table.ts';
import { deadlineOutcome, deadlineViews } from './deadlines.ts';
import { milestoneRows } from './milestones.ts';
import type { AssessedMilestone, DeadlineLine, TimelineRow } from '../timeline-types.ts';

// ---- fixtures (shapes as sent by GET /api/bodies/3/dashboard) -------------------------------

function milestone(over: Partial<AssessedMilestone> & Pick<AssessedMilestone, 'id' | 'itemId'>): AssessedMilestone {
  return {
    title: `マイルストーン${over.id}`,
    plannedStartDate: null,
    plannedDate: '2025-03-31',
    actualStartDate: null,
    actualDate: null,
    status: 'not_started',
    statusLabel: '未着手',
    nationalDeadlineId: null,
    deadline: null,
    note: '',
    isSample: true,
    version: 1,
    adherence: { kind: 'upcoming', label: '予定', varianceDays: -10 },
    ...over,
  };
}

function row(over: Partial<TimelineRow> & Pick<TimelineRow, 'itemId'>): TimelineRow {
  return {
    parentId: null,
    depth: 0,
    isGroup: false,
    title: `取組${over.itemId}`,
    categoryId: 1,
    categoryName: '標準化・共通化',
    sectionId: 1,
    sectionName: '行革デジタル戦略課',
    status: 'on_track',
    statusLabel: '順調',
    plannedStart: '2021-04-01',
    plannedEnd: '2026-03-31',
    actualStart: null,
    actualEnd: null,
    forecastFinish: null,
    delayDays: 0,
    deadline: null,
    deadlines: [],
    countedStatus: over.isGroup ? null : (over.status ?? 'on_track'),
    milestones: [],
    ...over,
  };
}

const ROWS: TimelineRow[] = [
  row({
    itemId: 1,
    isGroup: true,
    title: '自治体情報システムの標準化・共通化',
    status: 'past_deadline',
    statusLabel: '期限超過',
    plannedEnd: '2030-12-27',
    actualStart: '2021-07-01',
    delayDays: 237,
    deadline: {
      id: 1,
      code: 'std_migration',
      title: '標準準拠システムへの移行',
      originalDate: '2026-03-31',
      effectiveDate: '2026-03-31',
      extended: false,
      extensionReason: null,
      daysLeft: -237,
      label: '国の期限',
      milestoneId: null,
      milestoneTitle: null,
      state: null,
      stateLabel: null,
    },
    milestones: [
      milestone({
        id: 1,
        itemId: 1,
        plannedDate: '2023-03-31',
        actualDate: '2023-03-24',
        status: 'done',
        statusLabel: '完了',
        adherence: { kind: 'done_on_time', label: '予定どおり完了', varianceDays: 0 },
      }),
      milestone({
        id: 2,
        itemId: 1,
        plannedDate: '2026-03-31',
        status: 'in_progress',
        statusLabel: '作業中',
        adherence: { kind: 'overdue', label: '期限超過（未完了）', varianceDays: 237 },
      }),
    ],
  }),
  row({
    itemId: 2,
    parentId: 1,
    depth: 1,
    title: 'ガバメントクラウドへ移行',
    categoryId: 2,
    categoryName: 'ガバメントクラウド移行',
    status: 'done',
    statusLabel: '完了',
    plannedStart: '2023-04-01',
    plannedEnd: '2025-03-31',
    actualStart: '2023-09-15',
    actualEnd: '2026-01-19',
    milestones: [
      milestone({
        id: 5,
        itemId: 2,
        plannedDate: '2025-03-31',
        actualDate: '2026-01-19',
        status: 'done',
        statusLabel: '完了',
        adherence: { kind: 'done_late', label: '遅れて完了', varianceDays: 294 },
      }),
      milestone({ id: 6, itemId: 2, status: 'not_applicable', statusLabel: '対象外', adherence: { kind: 'not_applicable', label: '対象外', varianceDays: 0 } }),
    ],
  }),
  row({
    itemId: 3,
    parentId: 1,
    depth: 1,
    title: '標準準拠システムへの移行（特定移行支援：介護保険・後期高齢者医療業務）',
    status: 'at_risk',
    statusLabel: '要注意',
    plannedStart: '2025-01-31',
    plannedEnd: '2030-12-27',
    actualStart: '2025-01-24',
    delayDays: 146,
  }),
  row({
    itemId: 7,
    title: 'テレワークの推進',
    categoryId: 5,
    categoryName: 'テレワーク',
    sectionId: 10,
    sectionName: '総務課',
    status: 'delayed',
    statusLabel: '遅延',
    plannedStart: null,
    plannedEnd: null,
  }),
];

const DEADLINES: DeadlineLine[] = [
  {
    id: 1,
    code: 'std_migration',
    title: '標準準拠システムへの移行',
    originalDate: '2026-03-31',
    needsVerification: false,
    extensions: [
      { date: '2031-03-31', scope: 'item', itemId: 3, itemTitle: '特定移行支援', reason: '特定移行支援システムに該当' },
    ],
    itemIds: [1, 3],
    milestones: [],
  },
  {
    id: 3,
    code: 'gov_cloud',
    title: 'ガバメントクラウドへの移行',
    originalDate: '2026-03-31',
    needsVerification: false,
    extensions: [],
    itemIds: [2],
    milestones: [],
  },
  {
    id: 4,
    code: 'online_priority27',
    title: 'マイナポータルからのオンライン手続（27手続）',
    originalDate: '2023-03-31',
    needsVerification: true,
    extensions: [],
    itemIds: [99],
    milestones: [],
  },
];

const ASOF = '2026-11-23';

// ---- dates ----------------------------------------------------------------------------------

describe('dates', () => {
  it('turns a calendar date into the local-midnight timestamp of that day and back', () => {
    const t = dateToTime('2026-03-31');
    expect(t).toBe(new Date(2026, 2, 31).getTime());
    const d = new Date(t as number);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours()]).toEqual([2026, 3, 31, 0]);
    expect(timeToDate(t as number)).toBe('2026-03-31');
    expect(timeToDate(dateToTime('2019-05-01') as number)).toBe('2019-05-01');
  });

  it('rejects missing and impossible dates', () => {
    expect(dateToTime(null)).toBeNull();
    expect(dateToTime('')).toBeNull();
    expect(dateToTime('2026-02-30')).toBeNull();
    expect(dateToTime('2026/03/31')).toBeNull();
  });

  it('counts days between calendar dates, across leap days and DST-free', () => {
    expect(daysBetween('2026-11-23', '2026-03-31')).toBe(-237);
    expect(daysBetween('2026-11-23', '2031-03-31')).toBe(1589);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('x', '2026-01-01')).toBeNull();
  });

  it('puts dates in fiscal years starting on April 1', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2025-12-31')).toBe(2025);
    expect(fiscalYearOf('2019-04-30')).toBe(2019);
    expect(fiscalYearOf('nope')).toBeNull();
    expect(fiscalYearStart(2025)).toBe(new Date(2025, 3, 1).getTime());
  });
});

describe('fiscalYearTicks', () => {
  it('labels each fiscal year with the Western and Japanese-era year and closes the last year', () => {
    const ticks = fiscalYearTicks(2024, 2026);
    expect(ticks.map((t) => t.label)).toEqual(['2024年度（令和6年度）', '2025年度（令和7年度）', '2026年度（令和8年度）', '']);
    expect(ticks[1]?.lines).toEqual(['2025年度', '（令和7年度）']);
    expect(ticks.map((t) => timeToDate(t.value))).toEqual(['2024-04-01', '2025-04-01', '2026-04-01', '2027-04-01']);
    expect(ticks[3]).toMatchObject({ fiscalYear: null, lines: [] });
  });

  it('uses 令和元年度 for FY2019 and 平成 before', () => {
    const ticks = fiscalYearTicks(2018, 2019);
    expect(ticks[0]?.label).toBe('2018年度（平成30年度）');
    expect(ticks[1]?.label).toBe('2019年度（令和元年度）');
  });

  it('widens the plan range to every date drawn', () => {
    expect(timelineFiscalRange({ startFiscalYear: 2022, endFiscalYear: 2025 }, ROWS, DEADLINES, ASOF)).toEqual({
      startFiscalYear: 2021, // plannedStart 2021-04-01
      endFiscalYear: 2030, // plannedEnd 2030-12-27 and the extension 2031-03-31
    });
    expect(timelineFiscalRange({ startFiscalYear: 2026, endFiscalYear: 2026 }, [], [], '2027-05-01')).toEqual({
      startFiscalYear: 2026,
      endFiscalYear: 2027,
    });
  });
});

// ---- text -----------------------------------------------------------------------------------

describe('text helpers', () => {
  it('truncates by characters with an ellipsis', () => {
    expect(truncateLabel('ガバメントクラウドへ移行', 20)).toBe('ガバメントクラウドへ移行');
    expect(truncateLabel('標準準拠システムへの移行（特定移行支援）', 8)).toBe('標準準拠システ…');
    expect(Array.from(truncateLabel('𠮷野家𠮷野家𠮷野家', 4))).toHaveLength(4);
  });

  it('wraps a label onto lines instead of cutting it, breaking after punctuation when it can (issue 19, print)', () => {
    const long = '【第2弾】16件：「デジタルガバメント実行計画」で示された優先してオンライン化を推進すべき手続';
    const lines = wrapLabel(long, 24, 2);
    expect(lines).toHaveLength(2);
    expect(lines.join('')).toBe(long); // whole: nothing cut, nothing added
    expect(lines.some((l) => l.endsWith('…'))).toBe(false);
    expect(lines.every((l) => Array.from(l).length <= 24)).toBe(true);
    // After 「」 or ：, not in the middle of a word, when the break falls in the line's second half.
    expect(wrapLabel('標準準拠システムへの移行（特定移行支援：介護保険・後期高齢者医療業務）', 24, 2)).toEqual([
      '標準準拠システムへの移行（特定移行支援：',
      '介護保険・後期高齢者医療業務）',
    ]);
    // A line never starts with closing punctuation.
    expect(wrapLabel('あいうえおかきくけ、さしすせそ', 9, 2)[1]!.startsWith('、')).toBe(false);
    expect(wrapLabel('ガバメントクラウドへ移行', 24, 2)).toEqual(['ガバメントクラウドへ移行']);
    // Only a text longer than the lines can hold is cut, on its last line.
    expect(wrapLabel('あいうえおかきくけこさしすせそ', 5, 2)).toEqual(['あいうえお', 'かきくけ…']);
    expect(Array.from(wrapLabel('𠮷野家𠮷野家𠮷野家', 3, 3).join(''))).toHaveLength(9);
  });

  it('sizes a label column by the narrowest width that holds every label whole on two lines', () => {
    expect(labelColumnChars(['ガバメントクラウドへ移行'], 12, 24, 2)).toBe(12);
    expect(labelColumnChars(['あ'.repeat(30)], 12, 24, 2)).toBe(15);
    expect(labelColumnChars(['あ'.repeat(30), 'い'.repeat(40)], 12, 24, 2)).toBe(20);
    expect(labelColumnChars(['あ'.repeat(60)], 12, 24, 2)).toBe(24);
  });

  it('measures a finished item against its planned end, an open one by its delay', () => {
    const base = { status: 'done' as const, plannedEnd: '2025-03-31', delayDays: 0 };
    expect(itemVariance({ ...base, actualEnd: '2026-01-19' })).toEqual({ days: 294, text: '294日遅れて完了' });
    expect(itemVariance({ ...base, actualEnd: '2025-03-27' })).toEqual({ days: -4, text: '4日早く完了' });
    expect(itemVariance({ ...base, actualEnd: '2025-03-31' })).toEqual({ days: 0, text: '予定どおり完了' });
    expect(itemVariance({ ...base, plannedEnd: null, actualEnd: '2025-03-31' })).toEqual({ days: 0, text: '完了' });
    expect(itemVariance({ status: 'delayed', plannedEnd: '2025-03-31', actualEnd: null, delayDays: 602 })).toEqual({
      days: 602,
      text: '602日遅れ',
    });
    expect(itemVariance({ status: 'on_track', plannedEnd: '2027-03-31', actualEnd: null, delayDays: 0 }).text).toBe('遅れなし');
  });

  it('describes deadlines, delays and variances in words', () => {
    expect(formatDeadlineCountdown(12)).toBe('あと12日');
    expect(formatDeadlineCountdown(0)).toBe('本日が期限');
    expect(formatDeadlineCountdown(-237)).toBe('期限超過（237日）');
    expect(formatDeadlineCountdown(null)).toBe('—');
    expect(formatDelayDays(0)).toBe('遅れなし');
    expect(formatDelayDays(1234)).toBe('1,234日遅れ');
    expect(formatSignedDays(143)).toBe('+143');
    expect(formatSignedDays(-67)).toBe('−67');
    expect(formatSignedDays(0)).toBe('0');
    expect(formatMilestoneVariance({ kind: 'done_late', label: '遅れて完了', varianceDays: 143 })).toBe('143日遅れて完了');
    expect(formatMilestoneVariance({ kind: 'overdue', label: '期限超過（未完了）', varianceDays: 146 })).toBe(
      '予定日から146日超過（未完了）',
    );
    expect(formatMilestoneVariance({ kind: 'upcoming', label: '予定', varianceDays: -67 })).toBe('予定日まであと67日');
    expect(formatMilestoneVariance({ kind: 'done_on_time', label: '予定どおり完了', varianceDays: 0 })).toBe('予定どおり');
  });
});

// ---- filters --------------------------------------------------------------------------------

describe('filters', () => {
  it('reads the filter from the URL query and ignores junk', () => {
    expect(parseTimelineFilter(new URLSearchParams('category=2&section=10&status=delayed'))).toEqual({
      category: 2,
      section: 10,
      status: 'delayed',
    });
    expect(parseTimelineFilter(new URLSearchParams('category=0&section=abc&status=bogus'))).toEqual(EMPTY_FILTER);
    expect(parseTimelineFilter(new URLSearchParams(''))).toEqual(EMPTY_FILTER);
  });

  it('writes the filter back, keeping other parameters such as asOf', () => {
    expect(timelineFilterSearch(EMPTY_FILTER)).toBe('');
    expect(timelineFilterSearch({ category: 1, section: null, status: 'at_risk' })).toBe('?category=1&status=at_risk');
    expect(
      timelineFilterSearch({ category: null, section: 3, status: null }, new URLSearchParams('asOf=2026-03-31&category=9')),
    ).toBe('?asOf=2026-03-31&section=3');
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, status: 'done' })).toBe(true);
  });

  it('keeps matching rows in plan order and indents children only under a shown parent', () => {
    const all = filterTimelineRows(ROWS, EMPTY_FILTER);
    expect(all.map((r) => [r.itemId, r.displayDepth])).toEqual([
      [1, 0],
      [2, 1],
      [3, 1],
      [7, 0],
    ]);
    expect(all.map((r) => r.actualOpen)).toEqual([true, false, true, false]);

    const cat1 = filterTimelineRows(ROWS, { ...EMPTY_FILTER, category: 1 });
    expect(cat1.map((r) => [r.itemId, r.displayDepth])).toEqual([
      [1, 0],
      [3, 1],
    ]);
    const done = filterTimelineRows(ROWS, { ...EMPTY_FILTER, status: 'done' });
    expect(done.map((r) => [r.itemId, r.displayDepth])).toEqual([[2, 0]]);
    expect(filterTimelineRows(ROWS, { category: 1, section: 10, status: null })).toEqual([]);
  });

  it('offers every category and section with counts, plus values only the rows know', () => {
    const options = timelineFilterOptions(
      ROWS,
      [
        { id: 2, code: 'gov_cloud', name: 'ガバメントクラウド移行', description: '', isCore: true, sortOrder: 20 },
        { id: 1, code: 'standardization', name: '標準化・共通化', description: '', isCore: true, sortOrder: 10 },
        { id: 4, code: 'ai_rpa', name: 'AI・RPA', description: '', isCore: true, sortOrder: 40 },
      ],
      [{ id: 1, name: '行革デジタル戦略課' }],
    );
    expect(options.categories.map((o) => [o.value, o.label, o.count])).toEqual([
      [1, '標準化・共通化', 2],
      [2, 'ガバメントクラウド移行', 1],
      [4, 'AI・RPA', 0],
      [5, 'テレワーク', 1],
    ]);
    expect(options.sections.map((o) => [o.value, o.label, o.count])).toEqual([
      [1, '行革デジタル戦略課', 3],
      [10, '総務課', 1],
    ]);
    expect(options.statuses.find((o) => o.value === 'past_deadline')).toEqual({ value: 'past_deadline', label: '期限超過', count: 1 });
    expect(options.statuses).toHaveLength(9);
    expect(describeFilter({ category: 5, section: null, status: 'delayed' }, options)).toBe('分野「テレワーク」、状況「遅延」');
  });
});

// ---- chart ----------------------------------------------------------------------------------

describe('buildTimelineChart', () => {
  const rows = filterTimelineRows(ROWS, EMPTY_FILTER);
  const model = buildTimelineChart({ rows, deadlines: DEADLINES, asOf: ASOF, range: { startFiscalYear: 2022, endFiscalYear: 2025 } });
  const { config } = model;
  const datasets = config.data.datasets;

  it('grows with the rows (plus a label band above and below)', () => {
    expect(model.height).toBe(timelineChartHeight(4));
    expect(timelineChartHeight(60) - timelineChartHeight(59)).toBe(TIMELINE_ROW_HEIGHT);
    expect(config.data.labels).toEqual(['', ...ROWS.map((r) => r.title), '']);
    expect(model.fiscalYearCount).toBe(10);
  });

  it('draws planned and actual spans as floating bars, open work up to the reference date', () => {
    expect(datasets[0]?.label).toBe('計画');
    expect(datasets[1]?.label).toBe('実績');
    const planned = datasets[0]?.data as ([number, number] | null)[];
    const actual = datasets[1]?.data as ([number, number] | null)[];
    expect(planned).toHaveLength(6);
    expect(planned[0]).toBeNull();
    expect(planned[1]).toEqual([dateToTime('2021-04-01'), dateToTime('2030-12-27')]);
    expect(planned[4]).toBeNull(); // no planned dates
    expect(actual[1]).toEqual([dateToTime('2021-07-01'), dateToTime(ASOF)]); // open → 基準日
    expect(actual[2]).toEqual([dateToTime('2023-09-15'), dateToTime('2026-01-19')]); // done
    expect(actual[4]).toBeNull(); // not started
    expect(planned[5]).toBeNull();
    // Actual bars are coloured by status (status is also in the axis label marker).
    expect((datasets[1]?.backgroundColor as (string | null)[])[3]).toBe('#a3141a');
  });

  it('draws milestones as points on their bars, split by adherence, skipping 対象外', () => {
    const points = (i: number) => datasets[i]?.data as unknown as MilestonePoint[];
    expect(datasets.slice(2).map((d) => d.label)).toEqual([
      '予定のマイルストーン',
      '予定日を過ぎて未完了のマイルストーン',
      '完了したマイルストーン（予定どおり）',
      '完了したマイルストーン（遅れ）',
    ]);
    expect(points(2).map((p) => [p.milestone.id, p.x, p.y])).toEqual([
      [1, dateToTime('2023-03-31'), 0.8],
      [5, dateToTime('2025-03-31'), 1.8],
    ]);
    expect(points(3).map((p) => [p.milestone.id, p.y])).toEqual([[2, 0.8]]);
    expect(points(4).map((p) => [p.milestone.id, p.x, p.y])).toEqual([[1, dateToTime('2023-03-24'), 1.2]]);
    expect(points(5).map((p) => [p.milestone.id, p.y])).toEqual([[5, 2.2]]);
  });

  it('puts fiscal-year ticks on the time axis, from April 1 of the first year to the end of the last', () => {
    const x = config.options?.scales?.x as { min: number; max: number; type: string };
    expect(x.type).toBe('time');
    expect(timeToDate(x.min)).toBe('2021-04-01');
    expect(timeToDate(x.max)).toBe('2031-04-01');
    expect(model.ticks[4]?.label).toBe('2025年度（令和7年度）');
  });

  it('draws deadlines, dashed 「延長」 extensions and the reference date as vertical lines', () => {
    const annotations = config.options?.plugins?.annotation?.annotations as Record<
      string,
      { value: number; borderDash: number[]; label: { content: string } }
    >;
    const lines = Object.values(annotations).map((a) => [timeToDate(a.value), a.label.content, a.borderDash.length > 0]);
    expect(lines).toEqual([
      ['2023-03-31', '国の期限', false],
      ['2026-03-31', '国の期限', false], // two deadlines on one date: one line
      ['2031-03-31', '延長', true],
      ['2026-11-23', '基準日', true],
    ]);
    expect(model.markers[1]?.description).toBe('国の期限 2026年3月31日：標準準拠システムへの移行、ガバメントクラウドへの移行');
    expect(model.markers[2]?.description).toBe('延長後の期限 2031年3月31日：標準準拠システムへの移行（取組「特定移行支援」）');
  });

  it('labels rows with the status marker, indentation and a truncated title', () => {
    expect(rowAxisLabel(rows[0]!)).toBe('× 自治体情報システムの標準化・共…');
    expect(rowAxisLabel(rows[1]!)).toBe('✓ └ ガバメントクラウドへ移行');
    expect(rowAxisLabel({ ...rows[1]!, displayDepth: 2 })).toBe('✓ 　└ ガバメントクラウドへ移行');
    expect(rowLabelChars(1100)).toBe(16);
    expect(rowLabelChars(330)).toBe(6);
    expect(rowLabelChars(600)).toBe(12);
    expect(rowAxisLabel(rows[0]!, rowLabelChars(330))).toBe('× 自治体情報…');
  });

  it('on paper, labels rows with the whole title over two lines and draws shorter rows', () => {
    const paper = buildTimelineChart({ rows, deadlines: DEADLINES, asOf: ASOF, range: { startFiscalYear: 2022, endFiscalYear: 2025 }, forPaper: true });
    const long = { ...rows[0]!, title: '標準準拠システムへの移行（特定移行支援：介護保険・後期高齢者医療業務）' };
    expect(rowPrintLabel(long, 24)).toEqual(['× 標準準拠システムへの移行（特定移行支援：', '介護保険・後期高齢者医療業務）']);
    expect(rowPrintLabel(rows[1]!, 24)).toEqual(['✓ └ ガバメントクラウドへ移行']);
    const yTicks = (paper.config.options?.scales?.y as { ticks: { callback: (this: unknown, v: unknown, i: number) => unknown } }).ticks;
    const label = yTicks.callback.call({ chart: { width: 680 } }, 0, 1) as string[];
    expect(label.join('').replace(/^× /, '')).toBe(rows[0]!.title);
    expect(paper.height).toBe(timelineChartHeight(rows.length, TIMELINE_PRINT_ROW_HEIGHT));
    expect(paper.height).toBeLessThan(model.height);
  });

  it('gives full titles and spans in tooltips', () => {
    const cb = config.options?.plugins?.tooltip?.callbacks as unknown as {
      title: (items: unknown[]) => string;
      label: (item: unknown) => string | string[];
      afterBody: (items: unknown[]) => string[];
    };
    const barItem = { datasetIndex: 1, dataIndex: 3, raw: [0, 1] };
    expect(cb.title([barItem])).toBe('標準準拠システムへの移行（特定移行支援：介護保険・後期高齢者医療業務）');
    expect(cb.label(barItem)).toBe('実績：2025年1月24日〜作業中（基準日 2026年11月23日 まで表示）');
    expect(cb.label({ ...barItem, datasetIndex: 0 })).toBe('計画：2025年1月31日〜2030年12月27日');
    expect(cb.afterBody([barItem])).toEqual(['状況：！ 要注意（146日遅れ）']);

    const pointItem = { datasetIndex: 5, dataIndex: 0, raw: (datasets[5]?.data as unknown as MilestonePoint[])[0] };
    expect(cb.title([pointItem])).toBe('◇ マイルストーン5');
    expect(cb.label(pointItem)).toEqual(['予定：2025年3月31日', '実績：2026年1月19日', '差異：294日遅れて完了']);
    expect(cb.afterBody([pointItem])).toEqual(['取組：ガバメントクラウドへ移行', '状況：✓ 完了（294日遅れて完了）']);
  });
});

describe('timelineSummary', () => {
  const rows = filterTimelineRows(ROWS, EMPTY_FILTER);
  it('sums up statuses, open work, the worst delay and the deadlines', () => {
    expect(timelineSummary({ rows, total: 4, asOf: ASOF, deadlines: DEADLINES })).toBe(
      '基準日2026年11月23日時点の工程表。取組4件：期限超過1件、要注意1件、遅延1件、完了1件。作業中2件。' +
        '最も遅れているのは「自治体情報システムの標準化・共通化」（237日遅れ）。' +
        '国の期限：2023年3月31日、2026年3月31日。延長後の期限：2031年3月31日。',
    );
  });
  it('says when nothing matches the filter', () => {
    expect(timelineSummary({ rows: [], total: 4, asOf: ASOF, deadlines: [], filterText: '状況「対象外」' })).toBe(
      '状況「対象外」に合う取組はありません（全4件）。',
    );
  });
});

// ---- deadlines page -------------------------------------------------------------------------

describe('deadlineViews', () => {
  const views = deadlineViews(DEADLINES, ROWS, ASOF);
  it('orders deadlines by date and counts days from the reference date', () => {
    expect(views.map((v) => [v.code, v.daysLeft, v.needsVerification])).toEqual([
      ['online_priority27', -1333, true],
      ['std_migration', -237, false],
      ['gov_cloud', -237, false],
    ]);
  });
  it('lists extensions with their scope and the items with the deadline each must meet', () => {
    const std = views[1]!;
    expect(std.extensions).toEqual([
      {
        date: '2031-03-31',
        daysLeft: 1589,
        scope: 'item',
        scopeLabel: '取組',
        itemId: 3,
        itemTitle: '特定移行支援',
        areaName: null,
        reason: '特定移行支援システムに該当',
      },
    ]);
    expect(std.items.map((i) => [i.itemId, i.status, i.effectiveDate, i.daysLeft])).toEqual([
      [1, 'past_deadline', '2026-03-31', -237],
      [3, 'at_risk', '2026-03-31', -237], // the row fixture carries no deadline ref: original date applies
    ]);
  });
  it('says whether an item finished in time, late, or how many days are left', () => {
    expect(views[2]?.items[0]).toMatchObject({ itemId: 2, outcome: '期限内に完了' }); // 2026-01-19 ≤ 2026-03-31
    expect(views[1]?.items[0]?.outcome).toBe('期限超過（237日）'); // open
    expect(deadlineOutcome('2023-06-30', '2023-03-31', -1333)).toBe('期限後に完了（91日超過）');
    expect(deadlineOutcome('2023-03-31', '2023-03-31', -1333)).toBe('期限内に完了');
    expect(deadlineOutcome(null, '2031-03-31', 1589)).toBe('あと1,589日');
  });
  it('keeps items the timeline does not know, labelled by number', () => {
    expect(views[0]?.items[0]).toMatchObject({ itemId: 99, title: '取組（番号 99）', status: null, effectiveDate: '2023-03-31' });
  });
});

describe('timeline table and chart helpers', () => {
  const rows = filterTimelineRows(ROWS, EMPTY_FILTER);

  it('lists each item followed by its milestones with dates, variance and deadline', () => {
    const lines = timelineTableLines(rows);
    expect(lines.map((l) => [l.key, l.depth])).toEqual([
      ['item-1', 0],
      ['milestone-1-1', 1],
      ['milestone-1-2', 1],
      ['item-2', 1],
      ['milestone-2-5', 2],
      ['milestone-2-6', 2],
      ['item-3', 1],
      ['item-7', 0],
    ]);
    expect(lines[0]).toMatchObject({
      kind: 'item',
      title: '自治体情報システムの標準化・共通化',
      statusText: '× 期限超過',
      plannedStart: '2021年4月1日',
      plannedEnd: '2030年12月27日',
      actualStart: '2021年7月1日',
      actualEnd: '作業中',
      varianceDays: '+237',
      varianceText: '237日遅れ',
      deadline: { date: '2026年3月31日', original: null, days: '期限超過（237日）' },
    });
    expect(lines[2]).toMatchObject({
      kind: 'milestone',
      statusText: '× 期限超過（未完了）',
      progress: '作業中',
      plannedEnd: '2026年3月31日',
      actualEnd: '—',
      varianceDays: '+237',
      varianceText: '予定日から237日超過（未完了）',
    });
    expect(lines[3]).toMatchObject({ varianceDays: '+294', varianceText: '294日遅れて完了' }); // done 2026-01-19, planned 2025-03-31
    expect(lines[4]).toMatchObject({ statusText: '△ 遅れて完了', progress: '', varianceDays: '+294', actualEnd: '2026年1月19日' });
    expect(lines[5]).toMatchObject({ statusText: '－ 対象外', varianceDays: '—' });
    expect(lines[7]).toMatchObject({ actualStart: '未着手', actualEnd: '—', plannedStart: '—', varianceText: '遅れなし', deadline: null });
  });

  it('shows the extended deadline with the original one', () => {
    const extended = filterTimelineRows(
      [
        row({
          itemId: 3,
          deadline: {
            id: 1,
            code: 'std_migration',
            title: '標準準拠システムへの移行',
            originalDate: '2026-03-31',
            effectiveDate: '2031-03-31',
            extended: true,
            extensionReason: '特定移行支援',
            daysLeft: 1589,
            label: '国の期限',
            milestoneId: null,
            milestoneTitle: null,
            state: null,
            stateLabel: null,
          },
        }),
      ],
      EMPTY_FILTER,
    );
    expect(timelineTableLines(extended)[0]?.deadline).toEqual({ date: '2031年3月31日', original: '2026年3月31日', days: 'あと1,589日' });
    const doneLate = filterTimelineRows(
      [{ ...extended[0]!, status: 'done', actualStart: '2025-01-01', actualEnd: '2031-04-02' }],
      EMPTY_FILTER,
    );
    expect(timelineTableLines(doneLate)[0]?.deadline?.days).toBe('期限後に完了（2日超過）');
  });

  it('finds the row under a clicked bar or milestone', () => {
    const { config } = buildTimelineChart({ rows, deadlines: [], asOf: ASOF, range: { startFiscalYear: 2021, endFiscalYear: 2026 } });
    expect(rowIndexOfElement(config, { datasetIndex: 0, index: 1 })).toBe(0);
    expect(rowIndexOfElement(config, { datasetIndex: 1, index: 4 })).toBe(3);
    expect(rowIndexOfElement(config, { datasetIndex: 1, index: 0 })).toBeNull(); // label band
    expect(rowIndexOfElement(config, { datasetIndex: 1, index: 5 })).toBeNull(); // label band
    expect(rowIndexOfElement(config, { datasetIndex: 5, index: 0 })).toBe(1); // the late milestone of item 2
    expect(rowIndexOfElement(config, { datasetIndex: 9, index: 0 })).toBeNull();
  });

  it('shortens fiscal-year tick labels when a year is narrow', () => {
    expect(fiscalYearTickLabel(['2025年度', '（令和7年度）'], 120)).toEqual(['2025年度', '（令和7年度）']);
    expect(fiscalYearTickLabel(['2025年度', '（令和7年度）'], 76)).toEqual(['2025年度', '（令和7年度）']);
    expect(fiscalYearTickLabel(['2025年度', '（令和7年度）'], 70)).toBe('2025年度');
    expect(fiscalYearTickLabel(['2025年度', '（令和7年度）'], 40)).toBe("'25");
    expect(fiscalYearTickLabel([], 120)).toBe('');
  });

  it('describes a milestone state with its marker', () => {
    const m = ROWS[0]!.milestones[0]!;
    expect(milestoneStatusText(m)).toBe('✓ 予定どおり完了');
    expect(milestoneTooltipLines({ ...m, plannedStartDate: '2021-04-01' })).toEqual([
      '予定：2021年4月1日〜2023年3月31日',
      '実績：2023年3月24日',
      '差異：予定どおり',
    ]);
  });
});

describe('milestoneRows', () => {
  it('orders milestones by planned date and formats spans, variance and state', () => {
    const rows = milestoneRows([
      milestone({
        id: 9,
        itemId: 3,
        title: 'データ移行・運用テスト',
        plannedStartDate: '2029-04-01',
        plannedDate: '2030-09-30',
        adherence: { kind: 'upcoming', label: '予定', varianceDays: -1407 },
      }),
      milestone({
        id: 8,
        itemId: 3,
        title: 'ベンダ選定・調達',
        plannedStartDate: '2026-04-01',
        plannedDate: '2026-06-30',
        actualStartDate: '2026-04-01',
        status: 'in_progress',
        statusLabel: '作業中',
        note: '応札者がなく再公告。',
        adherence: { kind: 'overdue', label: '期限超過（未完了）', varianceDays: 146 },
      }),
      milestone({
        id: 7,
        itemId: 3,
        plannedDate: '2025-09-30',
        actualDate: '2026-02-20',
        status: 'done',
        statusLabel: '完了',
        adherence: { kind: 'done_late', label: '遅れて完了', varianceDays: 143 },
      }),
    ]);
    expect(rows.map((r) => r.id)).toEqual([7, 8, 9]);
    expect(rows[0]).toMatchObject({ planned: '2025年9月30日', actual: '2026年2月20日', varianceDays: '+143', statusText: '△ 遅れて完了', progress: '' });
    expect(rows[1]).toMatchObject({
      planned: '2026年4月1日〜2026年6月30日',
      actual: '2026年4月1日〜（作業中）',
      varianceDays: '+146',
      varianceText: '予定日から146日超過（未完了）',
      statusText: '× 期限超過（未完了）',
      progress: '作業中',
      note: '応札者がなく再公告。',
    });
    // 差異（日） is shown only for milestones due or done (issue 12): a step not yet due has none.
    expect(rows[2]).toMatchObject({ actual: '—', varianceDays: '—', varianceText: '予定日まであと1,407日', progress: '未着手' });
  });
});

describe('the baseline on the timeline (issue 13)', () => {
  const moved = milestone({ id: 71, itemId: 7, plannedDate: '2027-01-29', baseline: { plannedStartDate: null, plannedDate: '2026-09-30', varianceDays: 54, late: true } });
  const added = milestone({ id: 72, itemId: 7, plannedDate: '2027-03-31', baseline: null });
  const rows = filterTimelineRows([row({ itemId: 7, baselineStart: '2026-04-01', baselineEnd: '2026-09-30', milestones: [moved, added] })], EMPTY_FILTER);
  const input = { rows, deadlines: [], asOf: '2026-11-23', range: { startFiscalYear: 2026, endFiscalYear: 2027 } };

  it('draws a dashed ghost bar and the moved planned date only when switched on', () => {
    const on = buildTimelineChart({ ...input, baselineLabel: '当初計画' });
    const box = (on.config.options?.plugins?.annotation as { annotations: Record<string, { type: string; xMin: number; xMax: number; borderDash: number[] }> }).annotations['baseline-7']!;
    expect(box).toMatchObject({ type: 'box', xMin: dateToTime('2026-04-01'), xMax: dateToTime('2026-09-30'), borderDash: [5, 3] });
    const points = on.config.data.datasets.find((d) => d.label === '当初計画の予定日（変更前）')!.data as unknown as MilestonePoint[];
    expect(points.map((p) => p.milestone.id)).toEqual([71]); // the added milestone has no baseline date
    const off = buildTimelineChart({ ...input, baselineLabel: null });
    expect(Object.keys((off.config.options?.plugins?.annotation as { annotations: object }).annotations).some((k) => k.startsWith('baseline'))).toBe(false);
    expect(off.config.data.datasets.some((d) => String(d.label).includes('当初計画'))).toBe(false);
    expect(milestoneTooltipLines(moved)).toContain('基準計画の予定：2026年9月30日（基準計画比 +54日）');
  });

  it('gives the table the baseline date and variance, and names milestones added later', () => {
    const lines = timelineTableLines(rows, true).filter((l) => l.kind === 'milestone');
    expect(lines.map((l) => [l.baselineEnd, l.baselineVariance])).toEqual([
      ['2026年9月30日', '+54日'],
      ['基準計画になし（後から追加）', ''],
    ]);
    expect(timelineTableLines(rows, false).every((l) => l.baselineEnd === '' && l.baselineVariance === '')).toBe(true);
    // The item page's milestone table says the same.
    expect(milestoneRows([moved, added], true).map((r) => [r.baselinePlanned, r.baselineVariance])).toEqual([
      ['2026年9月30日', '+54日'],
      ['基準計画になし（後から追加）', ''],
    ]);
  });
});
