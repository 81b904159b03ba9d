/**
 * 団体一覧 (/) and 概要 (/bodies/:bodyId) of 上天草市 in a real Chromium against the real server.
 * Can a new user answer: which items are late, which will miss a deadline, how far behind this
 * quarter is the plan? Every number shown is compared with the API's answer for the same asOf.
 */
import { ITEM_STATUS_LABELS } from '../../server/domain/labels.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, waitForSettled } from './browser.ts';
import {
  BODY_NAME,
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

/** The one vocabulary (server/domain/labels.ts): the page must show exactly these words. */
const STATUS_LABEL: Record<string, string> = ITEM_STATUS_LABELS;

describe('団体一覧 /', { timeout: E2E_TIMEOUT }, () => {
  it('loads cleanly (no console errors, nothing from the internet, no serious axe violations)', async () => {
    const check = await loadAndCheck(e2e, e2e.at('/'), 'body-list');
    try {
      const { page } = check.watched;
      await expect(page.getByRole('heading', { level: 1, name: '団体一覧' }).isVisible()).resolves.toBe(true);
      expect(await page.title()).toContain('団体一覧');
      const table = page.getByRole('table', { name: /団体一覧/ });
      expect(await table.count()).toBe(1);
      expectCleanPage(check, '/');
    } finally {
      await check.watched.close();
    }
  });

  it('links 上天草市 to its overview; the link navigates in the app and moves focus to the <h1>', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + '/');
      await waitForSettled(page);
      const link = page.getByRole('link', { name: BODY_NAME, exact: true });
      expect(await link.getAttribute('href')).toBe(`/bodies/${e2e.bodyId}`);
      const documentsBefore = await page.evaluate('performance.getEntriesByType("navigation").length');
      await link.click();
      await page.waitForURL(`**/bodies/${e2e.bodyId}`);
      await waitForSettled(page);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(BODY_NAME);
      // Client-side navigation: still the same document, and focus is on the new page's heading.
      expect(await page.evaluate('performance.getEntriesByType("navigation").length')).toBe(documentsBefore);
      expect(await page.evaluate('document.activeElement && document.activeElement.tagName')).toBe('H1');
      expect(w.pageErrors).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('概要 /bodies/:bodyId?asOf=2026-11-23', { timeout: E2E_TIMEOUT }, () => {
  const overview = () => e2e.at(`/bodies/${e2e.bodyId}`);

  it('loads cleanly, passes asOf to the dashboard API, and keeps a screenshot', async () => {
    const check = await loadAndCheck(e2e, overview(), 'overview');
    try {
      const { page, apiRequests } = check.watched;
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(BODY_NAME);
      const dashboardCalls = apiRequests.filter((u) => new URL(u).pathname === `/api/bodies/${e2e.bodyId}/dashboard`);
      expect(dashboardCalls.length, `dashboard API calls: ${apiRequests.join(', ')}`).toBeGreaterThan(0);
      for (const u of dashboardCalls) {
        expect(new URL(u).searchParams.get('asOf'), `the page must pass ?asOf= through to ${u}`).toBe(DEMO_AS_OF);
      }
      // 基準日 shown is the asOf date.
      await expect(page.locator(`time[datetime="${DEMO_AS_OF}"]`).first().isVisible()).resolves.toBe(true);
      expectCleanPage(check, 'overview');
    } finally {
      await check.watched.close();
    }
  });

  it('分野別の進捗: one card per category with the API counts', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + overview());
      await waitForSettled(page);
      const section = page.getByRole('region', { name: '分野別の進捗' });
      for (const cat of dash.categories as any[]) {
        const card = section.getByRole('article', { name: cat.name, exact: true });
        expect(await card.count(), `card for ${cat.name}`).toBe(1);
        const counts = card.getByRole('list', { name: `${cat.name}の状況別件数` });
        for (const [status, n] of Object.entries(cat.counts as Record<string, number>)) {
          // By the status's own row (完了 is also inside 期限後完了), then its words and number.
          const li = counts.locator(`li.status-${status}`);
          expect(await li.count(), `${cat.name} ${status}`).toBe(1);
          const text = await li.innerText();
          expect(text, `${cat.name} ${status}`).toContain(STATUS_LABEL[status]!);
          expect(parseNumber(text), `${cat.name} ${STATUS_LABEL[status]}`).toBe(n);
        }
      }
    } finally {
      await w.close();
    }
  });

  it('要対応の取組: the 期限超過 standardization item and a 要注意 item, each with the API reasons', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + overview());
      await waitForSettled(page);
      const section = page.getByRole('region', { name: '要対応の取組' });
      expect(await section.count(), 'section 要対応の取組').toBe(1);

      const attention = dash.attention as any[];
      const late = attention.find((a) => a.title === '自治体情報システムの標準化・共通化');
      expect(late, 'API: 標準化 item in attention').toBeDefined();
      expect(late.status).toBe('past_deadline');
      const atRisk = attention.filter((a) => a.status === 'at_risk');
      expect(atRisk.length, 'API: at least one 要注意 item').toBeGreaterThan(0);

      for (const a of [late, ...atRisk, ...attention.filter((x) => x.status === 'delayed')]) {
        const item = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: a.title, exact: true }) });
        expect(await item.count(), `要対応 entry for ${a.title}`).toBe(1);
        // The title links to the item's page, keeping the reference date.
        const link = item.getByRole('heading', { name: a.title, exact: true }).getByRole('link');
        expect(await link.getAttribute('href'), `${a.title} link`).toBe(`/items/${a.itemId}?asOf=${DEMO_AS_OF}`);
        const text = (await item.innerText()).replace(/\s+/g, '');
        expect(text, `${a.title} shows its status label`).toContain(a.statusLabel);
        for (const reason of a.reasons as string[]) {
          expect(text, `${a.title} shows the reason from the API`).toContain(reason.replace(/\s+/g, ''));
        }
      }
      // Nothing that the API does not list.
      const headings = await section.getByRole('heading', { level: 3 }).allInnerTexts();
      expect(headings.map((h) => h.trim()).sort()).toEqual(attention.map((a) => a.title).sort());
    } finally {
      await w.close();
    }
  });

  it('schedule adherence: the chart is drawn and its 「表で見る」 table shows the API numbers', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + overview());
      await waitForSettled(page);
      const canvases = page.locator('canvas');
      expect(await canvases.count(), 'the overview has a schedule adherence chart (canvas)').toBeGreaterThan(0);
      for (let i = 0; i < (await canvases.count()); i++) await expectChartDrawn(canvases.nth(i));

      const adherence = dash.adherence as any[];
      expect(adherence.length).toBeGreaterThan(0);
      // The adherence chart: a figure in the section 「予定と実績の推移」 whose table has the quarters.
      const section = page.getByRole('region', { name: /予定と実績/ });
      expect(await section.count(), 'section 予定と実績の推移').toBe(1);
      const canvas = section.locator('canvas');
      expect(await canvas.count(), 'one adherence chart').toBe(1);
      const info = await expectChartDrawn(canvas);
      const table = await openChartTable(canvas);
      expect((await table.locator('caption').innerText()).trim()).not.toBe('');
      // The text alternatives say how far behind plan this quarter is.
      const summaryText = await section.innerText();
      const headers = await headerTexts(table);
      const plannedCol = headers.findIndex((h) => /(予定|計画).*累計|累計.*(予定|計画)/.test(h));
      const actualCol = headers.findIndex((h) => /実績.*累計|累計.*実績|完了.*累計|累計.*完了/.test(h));
      expect(plannedCol, `planned cumulative column in ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(0);
      expect(actualCol, `actual cumulative column in ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(0);

      const rows = table.locator('tbody tr');
      expect(await rows.count(), 'one table row per quarter').toBe(adherence.length);

      const rowFor = async (label: string) => {
        const row = rowByHeader(table, label, { prefix: true });
        expect(await row.count(), `row ${label}`).toBe(1);
        return rowCells(row);
      };
      // Last row (last quarter of the plan) and the current quarter ("how far behind this quarter").
      const last = adherence[adherence.length - 1];
      const lastCells = await rowCells(rows.last());
      expect(lastCells.join(' '), 'last row is the last quarter').toContain(last.label);
      expect(parseNumber(lastCells[plannedCol]!), `${last.label} planned cumulative`).toBe(last.plannedCumulative);
      if (!last.isFuture) expect(parseNumber(lastCells[actualCol]!), `${last.label} actual cumulative`).toBe(last.actualCumulative);

      const current = adherence.find((p) => p.fiscalYear === dash.fiscalQuarter.fiscalYear && p.quarter === dash.fiscalQuarter.quarter);
      expect(current, 'API: adherence has the current quarter').toBeDefined();
      const cur = await rowFor(current.label);
      expect(parseNumber(cur[plannedCol]!), `${current.label} planned cumulative`).toBe(current.plannedCumulative);
      expect(parseNumber(cur[actualCol]!), `${current.label} actual cumulative`).toBe(current.actualCumulative);
      // The demo is designed to be behind plan this quarter, and the chart's label and the summary
      // under it say so in words with the same numbers.
      expect(current.actualCumulative).toBeLessThan(current.plannedCumulative);
      for (const text of [info.label ?? '', summaryText]) {
        expect(text).toContain(current.label);
        expect(text).toContain(`予定${current.plannedCumulative}件`);
        expect(text).toContain(`完了${current.actualCumulative}件`);
      }
      // A middle row, too.
      const mid = adherence[Math.floor(adherence.length / 2)];
      const midCells = await rowFor(mid.label);
      expect(parseNumber(midCells[plannedCol]!), `${mid.label} planned cumulative`).toBe(mid.plannedCumulative);
    } finally {
      await w.close();
    }
  });
});

describe('概要 on a slow link (issue 16)', { timeout: E2E_TIMEOUT }, () => {
  it('asks for its data while its code is still arriving, once', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      const at: Record<string, number> = {};
      const t0 = Date.now();
      // The page's own chunk held back 1.5 s, as a dozen chunks over LGWAN would be.
      await page.route('**/assets/BodyPage-*.js', async (route) => {
        await new Promise((r) => setTimeout(r, 1_500));
        at.chunkSent = Date.now() - t0;
        await route.continue();
      });
      page.on('request', (r) => {
        if (/\/api\/bodies\/\d+\/dashboard/.test(r.url()) && at.dashboard === undefined) at.dashboard = Date.now() - t0;
      });
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}?asOf=${DEMO_AS_OF}`);
      await page.locator('canvas[data-drawn]').first().waitFor({ timeout: 60_000 });
      expect(at.chunkSent).toBeGreaterThan(0);
      // Before: the dashboard was asked for only once the page's code had arrived and run.
      expect(at.dashboard).toBeLessThan(at.chunkSent!);
      const dashboards = w.apiRequests.filter((u) => /\/api\/bodies\/\d+\/dashboard/.test(u));
      expect(dashboards).toEqual([`${e2e.base}/api/bodies/${e2e.bodyId}/dashboard?asOf=${DEMO_AS_OF}`]);
      expect(w.pageErrors).toEqual([]);
      expect(w.apiFailures).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
