/**
 * 指標 (/bodies/:bodyId/kpis) of 上天草市: is 「オンライン申請利用率」 on track? (No: 未達成 — the target year is over.) Every KPI
 * chart is drawn and its 「表で見る」 table shows the API's series (latest value, target).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, waitForSettled } from './browser.ts';
import {
  DEMO_AS_OF,
  expectChartDrawn,
  expectCleanPage,
  headerTexts,
  loadAndCheck,
  openChartTable,
  parseNumber,
  rowByHeader,
  rowCells,
  startE2E,
  type E2E,
} from './setup.ts';

let e2e: E2E;
let dash: any;

beforeAll(async () => {
  e2e = await startE2E();
  dash = await e2e.dashboard();
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

const kpisPath = () => `/bodies/${e2e.bodyId}/kpis`;
const ONLINE_KPI = 'オンライン申請利用率';

describe('指標 /bodies/:bodyId/kpis', { timeout: E2E_TIMEOUT }, () => {
  it('loads cleanly, passes asOf to the API, and keeps a screenshot', async () => {
    const check = await loadAndCheck(e2e, e2e.at(kpisPath()), 'kpis');
    try {
      const { page, apiRequests } = check.watched;
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).not.toBe('ページが見つかりません');
      const calls = apiRequests.filter((u) => new URL(u).pathname === `/api/bodies/${e2e.bodyId}/dashboard`);
      expect(calls.length, `API calls: ${apiRequests.join(', ')}`).toBeGreaterThan(0);
      for (const u of calls) expect(new URL(u).searchParams.get('asOf'), u).toBe(DEMO_AS_OF);
      expectCleanPage(check, 'kpis');
    } finally {
      await check.watched.close();
    }
  });

  it(`「${ONLINE_KPI}」 is shown as 未達成 after its target year, with the API's latest value, target and sentence`, async () => {
    const kpi = (dash.kpis as any[]).find((k) => k.name === ONLINE_KPI);
    expect(kpi, `API: KPI ${ONLINE_KPI}`).toBeDefined();
    expect(kpi.status).toBe('missed');
    expect(kpi.latest).not.toBeNull();

    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(kpisPath()));
      await waitForSettled(page);
      const card = page.getByRole('article', { name: ONLINE_KPI, exact: true });
      expect(await card.count(), `card of ${ONLINE_KPI}`).toBe(1);
      const text = (await card.innerText()).replace(/\s+/g, '');
      expect(text, 'status label').toContain('未達成');
      expect(text).toContain(kpi.statusLabel);
      expect(text, 'no 期待値 after the target year').not.toContain('期待値');
      // 最新値 and 目標値 as numbers next to their labels.
      const fact = async (label: string) => (await card.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').innerText()).trim();
      expect(parseNumber(await fact('最新値')), '最新値').toBe(kpi.latest.value);
      expect(await fact('最新値')).toContain(kpi.latest.label);
      expect(parseNumber(await fact('目標値')), '目標値').toBe(kpi.targetValue);
    } finally {
      await w.close();
    }
  });

  it('counts KPIs by status like the API', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(kpisPath()));
      await waitForSettled(page);
      const counts = page.getByRole('list', { name: '指標の状況別件数' });
      const byLabel = new Map<string, number>();
      for (const k of dash.kpis as any[]) byLabel.set(k.statusLabel, (byLabel.get(k.statusLabel) ?? 0) + 1);
      for (const k of dash.kpis as any[]) {
        // By the status's own row (達成 is also inside 未達成), then its words and number.
        const li = counts.locator(`li.kpi-status-${k.status}`);
        expect(await li.count(), k.status).toBe(1);
        const text = await li.innerText();
        expect(text).toContain(k.statusLabel);
        expect(parseNumber(text), `${k.statusLabel} count`).toBe(byLabel.get(k.statusLabel));
      }
    } finally {
      await w.close();
    }
  });

  it('every KPI chart is drawn and its 「表で見る」 table matches the API series', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(kpisPath()));
      await waitForSettled(page);
      expect(await page.locator('canvas').count(), 'one chart per KPI').toBe(dash.kpis.length);
      for (const kpi of dash.kpis as any[]) {
        const card = page.getByRole('article', { name: kpi.name, exact: true });
        const canvas = card.locator('canvas');
        const info = await expectChartDrawn(canvas);
        expect(info.label).toContain(kpi.name);
        const table = await openChartTable(canvas);
        expect((await table.locator('caption').innerText()).trim()).toContain(kpi.name);
        const headers = await headerTexts(table);
        const actualCol = headers.findIndex((h) => h === '実績');
        const targetCol = headers.findIndex((h) => h.startsWith('目標'));
        expect(actualCol, `実績 column in ${JSON.stringify(headers)}`).toBeGreaterThan(0);
        const rows = table.locator('tbody tr');
        expect(await rows.count(), `${kpi.name}: one row per series point`).toBe(kpi.series.length);
        if (kpi.latest) {
          // The latest value is the last point of the series with an actual value (annual values
          // sit on Q4 of their fiscal year: latest.label 「2025年度（通年）」 → row 「2025年度Q4」).
          const last = (kpi.series as any[]).filter((p) => p.actual !== null).at(-1);
          expect(last?.actual, `${kpi.name}: latest = last actual of the series`).toBe(kpi.latest.value);
          const row = rowByHeader(table, last.label);
          expect(await row.count(), `${kpi.name}: row ${last.label}`).toBe(1);
          const cells = await rowCells(row);
          expect(parseNumber(cells[actualCol]!), `${kpi.name} ${last.label} 実績`).toBe(kpi.latest.value);
          expect(targetCol, `目標 column in ${JSON.stringify(headers)}`).toBeGreaterThan(0);
          expect(parseNumber(cells[targetCol]!), `${kpi.name} 目標値`).toBe(kpi.targetValue);
        }
        // Every point with an actual value appears in the table.
        for (const p of (kpi.series as any[]).filter((x) => x.actual !== null)) {
          const row = rowByHeader(table, p.label);
          expect(await row.count(), `${kpi.name}: row ${p.label}`).toBe(1);
          const cells = await rowCells(row);
          expect(parseNumber(cells[actualCol]!), `${kpi.name} ${p.label} 実績`).toBeCloseTo(p.actual, 1);
        }
      }
    } finally {
      await w.close();
    }
  });
});
