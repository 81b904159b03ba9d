/**
 * The dashboard of 上天草市 on the demo data returns the states the seed set up (see
 * seed/demo/kamiamakusa.ts), computed by the real rules through the real app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_AS_OF } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let dash: any;
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = (await t.inject({ url: `/api/bodies?q=${encodeURIComponent('上天草市')}` })).json().items[0].id;
  const res = await t.inject({ url: `/api/bodies/${bodyId}/dashboard` });
  expect(res.statusCode).toBe(200);
  dash = res.json();
});
afterAll(async () => t.close());

const row = (title: string) => dash.timeline.find((r: { title: string }) => r.title.startsWith(title));

describe('GET /api/bodies/:id/dashboard for 上天草市', () => {
  it('is as of the fixed demo date, in fiscal quarter terms', () => {
    expect(dash.asOf).toBe(DEMO_AS_OF);
    expect(dash.fiscalQuarter).toEqual({ fiscalYear: 2026, quarter: 3, label: '2026年度 第3四半期' });
    expect(dash.body).toMatchObject({ name: '上天草市', code: '432121' });
    // A real city with invented progress: the UI must say so.
    expect(dash.containsSampleData).toBe(true);
  });

  it('shows every item state: 完了, 期限後完了, 順調, 遅延, 期限超過 and 要注意; a parent rolls up, counted once', () => {
    // Counted: the 10 leaves and the own steps of the 2 parents with milestones (標準化, オンライン化).
    expect(dash.totals.counts).toMatchObject({ past_deadline: 1, at_risk: 1, delayed: 2, on_track: 2, done_late: 2, done: 4, not_planned: 0, start_late: 0 });
    expect(dash.totals.itemCount).toBe(12);
    expect(row('自治体の行政手続のオンライン化')).toMatchObject({ status: 'delayed', countedStatus: 'done' });
    expect(row('【第1弾】').status).toBe('done_late');
    expect(row('マイナンバーカードの普及促進').status).toBe('done_late');
    expect(row('自治体情報システムの標準化・共通化').status).toBe('past_deadline');
    expect(row('ガバメントクラウドへ移行').status).toBe('done');
    expect(row('テレワークの推進').status).toBe('on_track');
    expect(row('【第2弾】').status).toBe('delayed');
  });

  it('charts an extended deadline next to the original, and judges the item against the extension', () => {
    const special = row('標準準拠システムへの移行（特定移行支援');
    expect(special.status).toBe('at_risk');
    expect(special.deadline).toMatchObject({ originalDate: '2026-03-31', effectiveDate: '2031-03-31', extended: true });
    const line = dash.deadlines.find((d: { code: string }) => d.code === 'std_migration');
    expect(line.originalDate).toBe('2026-03-31');
    expect(line.extensions).toContainEqual(expect.objectContaining({ date: '2031-03-31', scope: 'item', itemId: special.itemId }));
    // The two 特定移行支援 systems are extended one by one (their business areas), not the whole body.
    const systems = line.extensions.filter((e: { scope: string }) => e.scope === 'area');
    expect(systems.map((e: { areaName: string }) => e.areaName).sort()).toEqual(['介護保険', '後期高齢者医療']);
    expect(line.extensions.filter((e: { scope: string }) => e.scope === 'body')).toEqual([]);
    // The deadline carries its sources and status for the page to show.
    expect(line).toMatchObject({ needsVerification: false, datePrecision: 'fiscal_year' });
    expect(line.sources.length).toBeGreaterThan(0);
  });

  it('lists items needing attention worst first, each with its reasons and owner section', () => {
    expect(dash.attention.map((a: { status: string }) => a.status)).toEqual(['past_deadline', 'at_risk', 'delayed', 'delayed']);
    const [first] = dash.attention;
    expect(first.reasons[0]).toBe('「標準準拠システムへ移行」が未完了のまま国の期限（2026年3月31日）を237日超過');
    expect(first.sectionName).toBeTruthy();
  });

  it('has milestones done on time, done late, overdue and upcoming, with variance in days', () => {
    const kinds = new Set(dash.timeline.flatMap((r: { milestones: { adherence: { kind: string } }[] }) => r.milestones.map((m) => m.adherence.kind)));
    expect([...kinds].sort()).toEqual(['done_late', 'done_on_time', 'not_applicable', 'overdue', 'upcoming']);
    const gov = row('ガバメントクラウドへ移行').milestones.at(-1);
    expect(gov.adherence).toMatchObject({ kind: 'done_late', varianceDays: 294 });
  });

  it('rolls up categories with progress, on-time rate and the next national deadline', () => {
    const std = dash.categories.find((c: { code: string }) => c.code === 'standardization');
    expect(std.nextDeadline).toMatchObject({ date: '2026-03-31', daysLeft: -237 });
    expect(std.itemCount).toBe(2);
    for (const c of dash.categories) {
      if (c.progress !== null) expect(c.progress).toBeGreaterThanOrEqual(0);
      expect(Object.values(c.counts).reduce((a: number, b) => a + (b as number), 0)).toBe(c.itemCount);
    }
  });

  it('gives a schedule-adherence series with every fiscal quarter present', () => {
    const labels = dash.adherence.map((p: { label: string }) => p.label);
    expect(labels[0]).toBe(`${dash.range.startFiscalYear}年度Q1`);
    expect(labels).toHaveLength((dash.range.endFiscalYear - dash.range.startFiscalYear + 1) * 4);
    const last = dash.adherence.at(-1);
    expect(last.plannedCumulative).toBe(dash.totals.applicableMilestones);
    const current = dash.adherence.find((p: { fiscalYear: number; quarter: number }) => p.fiscalYear === 2026 && p.quarter === 3);
    expect(current.isFuture).toBe(false);
    expect(current.actualCumulative).toBe(dash.totals.doneMilestones);
  });

  it('gives KPI series with target path, empty quarters filled, and statuses by kind (達成, 順調, 未達成 after the target year)', () => {
    const statuses = new Set(dash.kpis.map((k: { status: string }) => k.status));
    expect([...statuses].sort()).toEqual(['achieved', 'missed', 'on_track']);
    const online = dash.kpis.find((k: { name: string }) => k.name === 'オンライン申請利用率');
    // No national number: no national series has this KPI's definition (issue 18).
    expect(online).toMatchObject({ status: 'missed', statusLabel: '未達成', expectedLabel: '目標値', targetValue: 70, benchmarkValue: null, nationalBenchmark: null, valueKind: 'point' });
    const rpa = dash.kpis.find((k: { name: string }) => k.name === 'RPAによる削減時間');
    expect(rpa).toMatchObject({ status: 'on_track', valueKind: 'period', kindLabel: '期間値', latest: { label: '2025年度の年間値', value: 6100, yearToDate: false } });
    const years = online.targetFiscalYear >= 2026 ? online.targetFiscalYear : 2026;
    expect(online.series).toHaveLength((years - online.baselineFiscalYear + 1) * 4);
    expect(online.series.some((p: { actual: number | null }) => p.actual === null)).toBe(true);
    expect(online.series.at(-1).expected).toBe(70);
  });

  it('answers as of another day with ?asOf=, and 404 / 400 for an unknown body or a bad date', async () => {
    const earlier = (await t.inject({ url: `/api/bodies/${bodyId}/dashboard?asOf=2025-06-30` })).json();
    expect(earlier.fiscalQuarter.label).toBe('2025年度 第1四半期');
    expect(earlier.totals.counts.past_deadline).toBe(0);
    const std = row('自治体情報システムの標準化・共通化');
    const item = (await t.inject({ url: `/api/items/${std.itemId}?asOf=2025-06-30` })).json();
    expect(item.status).not.toBe('past_deadline');
    expect(item.deadline.daysLeft).toBe(274);
    const listed = (await t.inject({ url: `/api/bodies/${bodyId}/items?asOf=2025-06-30&status=past_deadline` })).json();
    expect(listed.total).toBe(0);
    expect((await t.inject({ url: '/api/bodies/99999/dashboard' })).statusCode).toBe(404);
    const bad = await t.inject({ url: `/api/bodies/${bodyId}/dashboard?asOf=2025-02-30` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('基準日');
  });
});
