/**
 * 公開ページとオープンデータ end to end (issue 21), real server + Chromium: HQ (demo-hq) publishes three items
 * of 上天草市 on 公開設定 and closes the last ended quarter; an anonymous browser (no cookie before or after) sees
 * exactly those three with their KPIs, A–D ratings and the quarter, an unpublished item is a 404 page, the page
 * works by keyboard and prints without the header; the CSV and JSON say what the page says; the static export
 * (`npm run public:export`) opened from a plain file server shows the same; axe clean on every page.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalQuarterLabel, fiscalQuarterOf, quarterFromIndex, quarterIndex } from '../../server/domain/fiscal.ts';
import { PUBLIC_TABLE_HEADERS } from '../../server/services/public-data.ts';
import { getJson, login, REPO_ROOT, type SignedIn } from '../helpers/server.ts';
import { parseCsv } from '../helpers/csv.ts';
import { axe, describeViolations, E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, screenshot, useSession, waitForSettled } from './browser.ts';
import { startE2E, type E2E } from './setup.ts';

let e2e: E2E;
let hq: SignedIn;
let code = '';
let quarterLabel = '';
/** The three items HQ publishes: the demo's items with KPIs (標準化, オンライン化, AI・RPA). */
let chosen: { itemId: number; title: string }[] = [];
let unpublishedId = 0;
let outDir = '';
let fileServer: Server | undefined;

async function expectAxeClean(page: Page, what: string) {
  const v = await axe(page);
  expect(v.length, `${what}: serious/critical axe violations:\n${describeViolations(v)}`).toBe(0);
}

/** A plain static file server (no API, no rewriting): what a town's CMS or web server does. */
function serveFolder(root: string): Promise<{ server: Server; base: string }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

beforeAll(async () => {
  e2e = await startE2E();
  hq = await login(e2e.base, 'demo-hq');
  const pub = await getJson<any>(`${e2e.base}/api/bodies/${e2e.bodyId}/publication`, hq.cookie);
  code = pub.bodyCode;
  const pick = (s: string) => pub.items.find((i: any) => i.title.includes(s) && i.kpis.length > 0);
  chosen = ['標準化', 'オンライン化', 'AI・RPA'].map(pick).map((i: any) => ({ itemId: i.itemId, title: i.title }));
  unpublishedId = pub.items.find((i: any) => !chosen.some((c) => c.itemId === i.itemId)).itemId;
  outDir = mkdtempSync(join(tmpdir(), 'dx-public-export-'));
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await new Promise((r) => (fileServer ? fileServer.close(r) : r(undefined)));
  await e2e?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}, E2E_HOOK_TIMEOUT);

describe('公開ページ (issue 21)', { timeout: E2E_TIMEOUT }, () => {
  it('HQ publishes three items on 公開設定 and closes the last ended quarter', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}`);
      await waitForSettled(page);
      await page.getByRole('navigation', { name: '団体のページ' }).getByRole('link', { name: '公開設定' }).click();
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}/publication`);
      await waitForSettled(page);
      expect(await page.getByText('まだ締めた四半期がないため、公開ページはありません。').count()).toBe(1);
      await expectAxeClean(page, '公開設定');
      for (const [n, c] of chosen.entries()) {
        const form = page.locator(`form[data-item-id="${c.itemId}"]`);
        await form.getByLabel('公開する').check();
        await form.getByLabel(/公開用の説明・実績/).fill(`${c.title}の取組を進めています（住民向けの説明${n + 1}）。`);
        await form.getByRole('button', { name: 'この取組の公開設定を保存' }).click();
        await form.getByRole('status').filter({ hasText: '公開設定を保存しました' }).waitFor();
        expect(await form.getByText('公開中').count()).toBe(1);
      }
      await screenshot(page, 'public-settings');
      expect(w.pageErrors).toEqual([]);
      expect(w.externalRequests).toEqual([]);
    } finally {
      await w.close();
    }
    const today = (await getJson<{ today: string }>(`${e2e.base}/api/health`)).today;
    const fq = quarterFromIndex(quarterIndex(fiscalQuarterOf(today)) - 1);
    quarterLabel = fiscalQuarterLabel(fq);
    const res = await fetch(`${e2e.base}/api/bodies/${e2e.bodyId}/quarters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: hq.cookie, 'x-csrf-token': hq.csrfToken, origin: e2e.base },
      body: JSON.stringify({ fiscalYear: fq.fiscalYear, quarter: fq.quarter }),
    });
    expect(res.status, await res.text()).toBe(201);
  });

  it('an anonymous browser sees exactly the three, with KPIs, A–D ratings and the quarter; no cookie; keyboard; print; axe', async () => {
    useSession(e2e.base, null);
    const w = await openPage(e2e.browser);
    try {
      const { page, context } = w;
      await page.goto(`${e2e.base}/public/${code}`);
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('上天草市 DX推進計画の進捗');
      expect(await page.getByText(quarterLabel).first().isVisible()).toBe(true);
      expect(await page.getByText(/に締められました/).count()).toBe(1);
      const titles = (await page.locator('article.item h3').allInnerTexts()).map((t) => t.trim());
      expect(titles.sort()).toEqual(chosen.map((c) => c.title).sort());
      const ratings = await page.locator('article.item td.rating').allInnerTexts();
      expect(ratings.length).toBeGreaterThanOrEqual(3);
      for (const r of ratings) expect(r).toMatch(/^([ABCD]|－（評価なし）)$/);
      expect(await page.getByRole('table', { name: '評価の区分' }).count()).toBe(1);
      await expectAxeClean(page, 'public index');
      await screenshot(page, 'public-index');

      // Keyboard: the skip link first, then the links in reading order; Enter opens the first item.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('本文へスキップ');
      const firstItem = page.locator('article.item h3 a').first();
      await firstItem.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname.startsWith(`/public/${code}/items/`));
      expect(await page.locator('svg.kpi-chart[role="img"]').count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByRole('table', { name: /の推移（表）$/ }).count()).toBe(await page.locator('svg.kpi-chart').count());
      await expectAxeClean(page, 'public item');
      await screenshot(page, 'public-item');

      // Print: the site header is hidden; the content stays.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.site').isVisible()).toBe(false);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      // Not published: a 404 page, in Japanese.
      const missing = await page.goto(`${e2e.base}/public/${code}/items/${unpublishedId}`);
      expect(missing?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('ページが見つかりません');

      expect(await context.cookies()).toEqual([]);
      expect(w.externalRequests).toEqual([]);
      expect(w.pageErrors).toEqual([]);
      expect(w.consoleErrors.filter((e) => !e.includes('404'))).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('the CSV and the JSON say what the page says', async () => {
    useSession(e2e.base, null);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/public/${code}`);
      const pageKpis = await page.locator('article.item table.kpis tbody tr').evaluateAll((rows) =>
        rows.map((r) => ({ name: r.querySelector('th')!.textContent!.trim(), rating: r.querySelector('td.rating')!.getAttribute('data-rating') })),
      );
      // The open-data links of the page itself.
      const jsonHref = await page.getByRole('link', { name: 'すべての内容（JSON）' }).getAttribute('href');
      const csvHref = await page.getByRole('link', { name: '指標（CSV）' }).getAttribute('href');
      const json: any = await (await fetch(`${e2e.base}${jsonHref}`)).json();
      expect(json.quarter.label).toBe(quarterLabel);
      expect(json.items.map((i: any) => i.title).sort()).toEqual(chosen.map((c) => c.title).sort());
      const jsonKpis = json.items.flatMap((i: any) => i.kpis.map((k: any) => ({ name: k.name, rating: k.rating ?? '' })));
      expect(pageKpis).toEqual(jsonKpis);
      // fetch's text() drops a BOM: look at the bytes.
      const bytes = Buffer.from(await (await fetch(`${e2e.base}${csvHref}`)).arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
      expect(header).toEqual(PUBLIC_TABLE_HEADERS.kpis);
      const col = (name: string) => header!.indexOf(name);
      expect(rows.map((r) => ({ name: r[col('指標')], rating: r[col('評価')] === '－' ? '' : r[col('評価')] }))).toEqual(jsonKpis);
      for (const r of rows) expect(r[col('四半期')]).toBe(quarterLabel);
    } finally {
      await w.close();
    }
  });

  it('the static export opens from a plain file server, with the same content; axe clean', async () => {
    const run = spawnSync('npm', ['run', '--silent', 'public:export', '--', '--body', code, '--out', outDir], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_PATH: e2e.server.databasePath },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain('書き出しました');
    const served = await serveFolder(outDir);
    fileServer = served.server;
    useSession(e2e.base, null);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(r.url());
      });
      await page.goto(`${served.base}/`);
      const titles = (await page.locator('article.item h3').allInnerTexts()).map((t) => t.trim());
      expect(titles.sort()).toEqual(chosen.map((c) => c.title).sort());
      expect(await page.getByText(quarterLabel).first().isVisible()).toBe(true);
      // The stylesheet was loaded (a relative link): the skip link is off-screen until focused.
      expect(await page.locator('a.skip').evaluate((a) => (globalThis as any).getComputedStyle(a).position)).toBe('absolute');
      await expectAxeClean(page, 'static index');
      await page.locator('article.item h3 a').first().click();
      await page.waitForURL((u) => u.pathname.startsWith('/items/') && u.pathname.endsWith('.html'));
      expect(await page.locator('svg.kpi-chart').count()).toBeGreaterThanOrEqual(1);
      await expectAxeClean(page, 'static item');
      await page.getByRole('link', { name: '取組の一覧へ戻る' }).click();
      await page.waitForURL((u) => u.pathname === '/index.html');
      const csv = Buffer.from(await (await fetch(`${served.base}/data/kpis.csv`)).arrayBuffer());
      const live = Buffer.from(await (await fetch(`${e2e.base}/api/public/${code}/kpis.csv`)).arrayBuffer());
      expect(csv.equals(live)).toBe(true);
      const json = await (await fetch(`${served.base}/data/public.json`)).json();
      expect(json).toEqual(await (await fetch(`${e2e.base}/api/public/${code}/public.json`)).json());
      expect(failed).toEqual([]);
      expect(w.externalRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
