/**
 * One test file = one real server (fresh demo database) + one Chromium. `startE2E()` in beforeAll,
 * `stop()` in afterAll. The demo body is 上天草市; pages are opened with `?asOf=DEMO_AS_OF`, signed in
 * as demo-admin (session cookie in every browser context and API call).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_AS_OF, getJson, login, startServer, type RunningServer, type StartOptions } from '../helpers/server.ts';
import {
  axe,
  describeViolations,
  launchBrowser,
  openPage,
  screenshot,
  useSession,
  waitForSettled,
  type AxeViolationSummary,
  type WatchedPage,
} from './browser.ts';

export { DEMO_AS_OF };

export const BODY_NAME = '上天草市';

export interface E2E {
  server: RunningServer;
  browser: Browser;
  base: string;
  /** id of 上天草市 (GET /api/bodies?q=上天草市) */
  bodyId: number;
  /** GET JSON from the API; `path` starts with /api/… */
  api: <T = any>(path: string) => Promise<T>;
  /** `/path?asOf=DEMO_AS_OF` (keeps an existing query) */
  at: (path: string) => string;
  /** The dashboard of 上天草市 as of DEMO_AS_OF. */
  dashboard: () => Promise<any>;
  stop: () => Promise<void>;
}

export function withAsOf(path: string): string {
  const [p, q = ''] = path.split('?') as [string, string?];
  const params = new URLSearchParams(q);
  if (!params.has('asOf')) params.set('asOf', DEMO_AS_OF);
  return `${p}?${params.toString()}`;
}

export async function startE2E(options: StartOptions = {}): Promise<E2E> {
  // Browser first: a missing Chromium fails at once with a clear message.
  const browser = await launchBrowser();
  let server: RunningServer;
  try {
    server = await startServer(options);
  } catch (err) {
    await browser.close();
    throw err;
  }
  const base = server.baseUrl;
  const stop = async () => {
    await browser.close().catch(() => undefined);
    await server.stop();
  };
  // The API needs a session: the pages and API calls of these tests are made as demo-admin.
  let cookie = '';
  const api = <T = any>(path: string) => getJson<T>(`${base}${path}`, cookie);
  let body: { id: number; name: string } | undefined;
  try {
    const signedIn = await login(base, 'demo-admin');
    cookie = signedIn.cookie;
    useSession(base, signedIn.token);
    const bodies = await api<{ items: { id: number; name: string }[] }>(`/api/bodies?q=${encodeURIComponent(BODY_NAME)}`);
    body = bodies.items.find((b) => b.name === BODY_NAME);
    if (!body) throw new Error(`demo body ${BODY_NAME} not found: ${JSON.stringify(bodies)}`);
  } catch (err) {
    await stop();
    throw err;
  }
  const bodyId = body.id;
  return {
    server,
    browser,
    base,
    bodyId,
    api,
    at: withAsOf,
    dashboard: () => api(`/api/bodies/${bodyId}/dashboard?asOf=${DEMO_AS_OF}`),
    stop,
  };
}

export interface PageCheck {
  watched: WatchedPage;
  violations: AxeViolationSummary[];
  screenshotPath: string;
}

/**
 * Waits until every chart of the page has drawn (ChartCanvas marks its canvas `data-drawn` once Chart.js
 * has made the chart; animation is off, so that is the first draw) or has shown its error.
 */
export async function waitForCharts(page: Page): Promise<void> {
  // A function, not a string (the page's CSP forbids eval); this file is type-checked without the DOM library.
  await page.waitForFunction(() => {
    const boxes: { querySelector: (s: string) => unknown }[] = [...(globalThis as any).document.querySelectorAll('.chart-canvas')];
    return boxes.every((c) => c.querySelector('canvas[data-drawn]') || c.querySelector('.chart-error'));
  });
}

/**
 * Opens `path` in a fresh page, waits for the data, keeps a screenshot, then opens every
 * 「表で見る」 table and runs axe (so the tables are checked too). The caller asserts and closes.
 */
export async function loadAndCheck(e2e: E2E, path: string, name: string): Promise<PageCheck> {
  const watched = await openPage(e2e.browser);
  const { page } = watched;
  await page.goto(e2e.base + path, { waitUntil: 'load' });
  await waitForSettled(page);
  await waitForCharts(page);
  const screenshotPath = await screenshot(page, name);
  const summaries = page.locator('details > summary', { hasText: '表で見る' });
  for (let i = 0; i < (await summaries.count()); i++) {
    const summary = summaries.nth(i);
    if ((await summary.locator('xpath=..').getAttribute('open')) === null) await summary.click();
  }
  const violations = await axe(page);
  return { watched, violations, screenshotPath };
}

/** Text of every cell of a table row (th and td), trimmed, whitespace collapsed. */
export async function rowCells(row: Locator): Promise<string[]> {
  const texts = await row.locator('th, td').allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

/**
 * Numbers as the page shows them: "1,386" → 1386, "40.1%" → 40.1, "−67" (U+2212) → -67, "+237" → 237;
 * null when the cell has no number.
 */
export function parseNumber(text: string): number | null {
  const m = text
    .replace(/[,，]/g, '')
    .replace(/[\u2212\uFF0D\u2012\u2013]/g, '-')
    .match(/-?\d+(?:\.\d+)?/);
  return m ? Number(m[0]) : null;
}

export interface ChartInfo {
  role: string | null;
  label: string | null;
  width: number;
  height: number;
  /** Sampled pixels that are not fully transparent (0 = nothing drawn). */
  paintedPixels: number;
}

/** Role, label, size and whether anything was drawn on a chart canvas. */
export async function chartInfo(canvas: Locator): Promise<ChartInfo> {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const paintedPixels = await canvas.evaluate((c: any) => {
    const ctx = c.getContext('2d');
    if (!ctx || !c.width || !c.height) return 0;
    const data: Uint8ClampedArray = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i] !== 0) n++;
    return n;
  });
  return {
    role: await canvas.getAttribute('role'),
    label: await canvas.getAttribute('aria-label'),
    width: box?.width ?? 0,
    height: box?.height ?? 0,
    paintedPixels,
  };
}

/** Asserts that a chart canvas is drawn and labelled; returns its info. */
export async function expectChartDrawn(canvas: Locator): Promise<ChartInfo> {
  const info = await chartInfo(canvas);
  expect(info.role, 'chart canvas must have role="img"').toBe('img');
  expect((info.label ?? '').trim(), 'chart canvas must have a non-empty aria-label').not.toBe('');
  expect(info.width, `chart "${info.label}" has no width`).toBeGreaterThan(0);
  expect(info.height, `chart "${info.label}" has no height`).toBeGreaterThan(0);
  expect(info.paintedPixels, `chart "${info.label}" is blank (nothing drawn on the canvas)`).toBeGreaterThan(0);
  return info;
}

/**
 * The 「表で見る」 table that belongs to a chart: the first <details> after the canvas in
 * document order (they are siblings in a figure/chart component). Opens it and returns the table.
 */
export async function openChartTable(canvas: Locator): Promise<Locator> {
  const details = canvas.locator('xpath=following::details[summary[contains(normalize-space(.), "表で見る")]][1]');
  const summary = details.locator('summary').first();
  if ((await details.getAttribute('open')) === null) await summary.click();
  const table = details.locator('table').first();
  await table.waitFor({ state: 'visible' });
  return table;
}

/** Header texts of a table (first header row), whitespace collapsed. */
export async function headerTexts(table: Locator): Promise<string[]> {
  const texts = await table.locator('thead tr').first().locator('th, td').allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

/** No external request, no console error, no page error, no serious/critical axe violation. */
export function expectCleanPage(check: PageCheck, what: string): void {
  const { watched, violations } = check;
  expect(watched.externalRequests, `${what}: requests to the internet`).toEqual([]);
  expect(watched.pageErrors, `${what}: uncaught exceptions`).toEqual([]);
  expect(watched.consoleErrors, `${what}: console errors`).toEqual([]);
  expect(violations.length, `${what}: serious/critical axe violations:\n${describeViolations(violations)}`).toBe(0);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The body row of `table` whose row header (<th>) reads exactly `label` — or starts with it when
 * `prefix` is set (e.g. 「2026年度Q3（基準日時点）」).
 */
export function rowByHeader(table: Locator, label: string, options: { prefix?: boolean } = {}): Locator {
  const re = new RegExp(`^\\s*${escapeRegExp(label)}${options.prefix ? '' : '\\s*$'}`);
  return table.locator('tbody tr').filter({ has: table.page().locator('th').filter({ hasText: re }) });
}
