/**
 * 工程表 (/bodies/:bodyId/timeline) of 上天草市: the Gantt chart is drawn, its 「表で見る」 table
 * lists the API's timeline, and the filters (分野・担当課・状況) live in the URL: choosing 遅延
 * shows exactly the API's delayed items; reload keeps the filter; Back restores the previous state.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, waitForSettled } from './browser.ts';
import { DEMO_AS_OF, expectChartDrawn, expectCleanPage, loadAndCheck, startE2E, type E2E } from './setup.ts';

let e2e: E2E;
let dash: any;

beforeAll(async () => {
  e2e = await startE2E();
  dash = await e2e.dashboard();
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

const TABLE_CAPTION = /工程表の一覧/;

const timelinePath = () => `/bodies/${e2e.bodyId}/timeline`;

/** The 工程表 table (opened): item rows are the rows whose header cell holds a link. */
async function shownItemTitles(page: Page): Promise<string[]> {
  const summary = page.locator('summary', { hasText: '表で見る' }).first();
  const details = summary.locator('xpath=..');
  if ((await details.getAttribute('open')) === null) await summary.click();
  const table = page.getByRole('table', { name: TABLE_CAPTION });
  await table.waitFor({ state: 'visible' });
  const links = table.locator('tbody tr > th a');
  return (await links.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

const statusSelect = (page: Page) => page.getByRole('combobox', { name: '状況' });
const categorySelect = (page: Page) => page.getByRole('combobox', { name: '分野' });

function query(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

describe('工程表 /bodies/:bodyId/timeline', { timeout: E2E_TIMEOUT }, () => {
  it('loads cleanly, passes asOf to the API, and keeps a screenshot', async () => {
    const check = await loadAndCheck(e2e, e2e.at(timelinePath()), 'timeline');
    try {
      const { page, apiRequests } = check.watched;
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).not.toBe('ページが見つかりません');
      const calls = apiRequests.filter((u) => new URL(u).pathname.startsWith(`/api/bodies/${e2e.bodyId}/dashboard`));
      expect(calls.length, `API calls: ${apiRequests.join(', ')}`).toBeGreaterThan(0);
      for (const u of calls) expect(new URL(u).searchParams.get('asOf'), u).toBe(DEMO_AS_OF);
      expectCleanPage(check, 'timeline');
    } finally {
      await check.watched.close();
    }
  });

  it('draws the chart and lists every item of the API timeline in the 「表で見る」 table, with status and dates', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(timelinePath()));
      await waitForSettled(page);
      const canvas = page.locator('canvas[role="img"]').first();
      const info = await expectChartDrawn(canvas);
      expect(info.label).toContain(`${dash.timeline.length}件`);
      const titles = await shownItemTitles(page);
      expect(titles).toEqual(dash.timeline.map((r: any) => r.title));

      // The row of the 期限超過 standardization item: status label, and the planned end date.
      const table = page.getByRole('table', { name: TABLE_CAPTION });
      const std = dash.timeline.find((r: any) => r.title === '自治体情報システムの標準化・共通化');
      const row = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: std.title, exact: true }) });
      const text = (await row.innerText()).replace(/\s+/g, '');
      expect(text).toContain(std.statusLabel);
      if (std.plannedEnd) {
        const [y, m, d] = std.plannedEnd.split('-').map(Number);
        expect(text).toContain(`${y}年${m}月${d}日`);
      }
      // Each item's link goes to its detail page (keeping asOf).
      const href = await row.getByRole('link', { name: std.title, exact: true }).getAttribute('href');
      expect(href).toMatch(new RegExp(`^/items/${std.itemId}(\\?|$)`));
    } finally {
      await w.close();
    }
  });

  it('filter by 状況 = 遅延: rows match the API, the URL carries it, reload keeps it, Back from an item restores it', async () => {
    const delayed = (dash.timeline as any[]).filter((r) => r.status === 'delayed');
    expect(delayed.length, 'the demo has delayed items').toBeGreaterThan(0);
    const all = (dash.timeline as any[]).map((r) => r.title);

    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(timelinePath()));
      await waitForSettled(page);
      expect(await shownItemTitles(page)).toEqual(all);

      // The option shows the number of items with that status.
      const select = statusSelect(page);
      const optionTexts = (await select.locator('option').allInnerTexts()).map((t) => t.trim());
      const option = optionTexts.find((t) => t.startsWith('遅延'));
      expect(option, `遅延 option among ${JSON.stringify(optionTexts)}`).toBeDefined();
      expect(option).toContain(`${delayed.length}件`);

      await select.selectOption({ label: option! });
      await page.waitForURL((u) => u.searchParams.get('status') === 'delayed');
      expect(query(page).get('asOf'), 'asOf stays in the URL').toBe(DEMO_AS_OF);
      await expect.poll(() => shownItemTitles(page)).toEqual(delayed.map((r) => r.title));
      expect(await page.getByRole('status').filter({ hasText: '件を表示' }).innerText()).toContain(`${delayed.length}件`);

      // Reload: same filter, same rows.
      await page.reload();
      await waitForSettled(page);
      expect(query(page).get('status')).toBe('delayed');
      expect(await statusSelect(page).inputValue()).toBe('delayed');
      expect(await shownItemTitles(page)).toEqual(delayed.map((r) => r.title));

      // Open an item from the filtered table, then Back: the filter is restored.
      // (Changing a select replaces the history entry, so Back leaves the page rather than
      // stepping through filter changes — by design, see TimelinePage.svelte.)
      const first = delayed[0];
      await page.getByRole('table', { name: TABLE_CAPTION }).getByRole('link', { name: first.title, exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/items/${first.itemId}`);
      await waitForSettled(page);
      await page.goBack();
      await page.waitForURL((u) => u.pathname === timelinePath() && u.searchParams.get('status') === 'delayed');
      await waitForSettled(page);
      expect(query(page).get('asOf')).toBe(DEMO_AS_OF);
      expect(await statusSelect(page).inputValue()).toBe('delayed');
      await expect.poll(() => shownItemTitles(page)).toEqual(delayed.map((r) => r.title));

      expect(w.pageErrors).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('two filters combine (分野 + 状況), 条件をクリア clears them, a shared link opens filtered', async () => {
    const online = (dash.timeline as any[]).find((r) => r.categoryName === '行政手続のオンライン化');
    expect(online).toBeDefined();
    const categoryId: number = online.categoryId;
    const inCategory = (dash.timeline as any[]).filter((r) => r.categoryId === categoryId);
    const inCategoryDelayed = inCategory.filter((r) => r.status === 'delayed');

    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(timelinePath()));
      await waitForSettled(page);
      await categorySelect(page).selectOption(String(categoryId));
      await page.waitForURL((u) => u.searchParams.get('category') === String(categoryId));
      await expect.poll(() => shownItemTitles(page)).toEqual(inCategory.map((r) => r.title));
      await statusSelect(page).selectOption('delayed');
      await page.waitForURL((u) => u.searchParams.get('status') === 'delayed');
      expect(query(page).get('category')).toBe(String(categoryId));
      await expect.poll(() => shownItemTitles(page)).toEqual(inCategoryDelayed.map((r) => r.title));

      // 条件をクリア
      await page.getByRole('button', { name: '条件をクリア' }).click();
      await page.waitForURL((u) => !u.searchParams.has('category') && !u.searchParams.has('status'));
      await expect.poll(() => shownItemTitles(page)).toEqual(dash.timeline.map((r: any) => r.title));

      // A link with the filter opened directly.
      await page.goto(`${e2e.base}${timelinePath()}?asOf=${DEMO_AS_OF}&status=past_deadline`);
      await waitForSettled(page);
      expect(await statusSelect(page).inputValue()).toBe('past_deadline');
      expect(await shownItemTitles(page)).toEqual(
        (dash.timeline as any[]).filter((r) => r.status === 'past_deadline').map((r) => r.title),
      );
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
