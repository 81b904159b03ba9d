/**
 * 全国の状況 (/national), 都道府県の状況 (/prefectures/:code) and 県内・全国との比較 on a body's
 * overview, in a real Chromium against real servers:
 * - the demo database (startE2E): the comparison on 上天草市's overview, 熊本県 for demo-pref;
 * - a generated national database (seed/national at scale NATIONAL_E2E_SCALE, default 1 = 1,788 bodies,
 *   built in ~8 s: the generator spreads municipalities evenly, so only at full scale does the largest
 *   prefecture have more than one page (50) of bodies): the numbers of every chart table and table
 *   against the API, keyboard sorting kept in the URL, national → prefecture → body links and the back
 *   button, who sees what (admin, prefecture user, viewer), axe, no external requests, and how long
 *   the pages take to show their tables (logged).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNationalDatabase, NATIONAL_PASSWORD, NATIONAL_USERS, type NationalDatabase } from '../helpers/national-db.ts';
import { getJson, login, startServer, type RunningServer } from '../helpers/server.ts';
import { E2E_HOOK_TIMEOUT, E2E_TIMEOUT, axe, describeViolations, openPage, useSession, waitForSettled, type WatchedPage } from './browser.ts';
import { expectChartDrawn, openChartTable, rowCells, startE2E, type E2E } from './setup.ts';
import type { Browser } from 'playwright-core';

const SCALE = Number(process.env.NATIONAL_E2E_SCALE ?? '1');
/** The prefecture with the most bodies (the body table has more than one page); set in beforeAll. */
let PREF = '';
const RUNS = Number(process.env.NATIONAL_E2E_RUNS ?? '3');

const pct = (rate: number | null) => (rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);
const int = (n: number) => n.toLocaleString('ja-JP');

let demo: E2E;
let nat: NationalDatabase;
let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  demo = await startE2E();
  nat = await buildNationalDatabase({ scale: SCALE });
  PREF = nat.prefectureCode;
  server = await startServer({ env: { DATABASE_PATH: nat.path, RATE_LIMIT_PER_MINUTE: '0' } });
  browser = demo.browser;
  for (const [role, username] of Object.entries(NATIONAL_USERS)) {
    const s = await login(server.baseUrl, username, NATIONAL_PASSWORD);
    tokens[role] = s.token;
    cookies[role] = s.cookie;
  }
  console.log(`national e2e: scale ${SCALE}, ${nat.bodies} bodies, database built in ${nat.buildSeconds.toFixed(1)} s`);
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await server?.stop();
  nat?.remove();
  await demo?.stop();
}, E2E_HOOK_TIMEOUT);

const api = <T = any>(path: string, role: keyof typeof NATIONAL_USERS = 'admin') => getJson<T>(`${server.baseUrl}${path}`, cookies[role]);

/** A page on the national server signed in as `role`. */
async function open(role: keyof typeof NATIONAL_USERS, path: string): Promise<WatchedPage> {
  useSession(server.baseUrl, tokens[role]!);
  const w = await openPage(browser);
  await w.page.goto(server.baseUrl + path, { waitUntil: 'load' });
  await waitForSettled(w.page);
  return w;
}

async function expectClean(w: WatchedPage, what: string): Promise<void> {
  const summaries = w.page.locator('details > summary');
  for (let i = 0; i < (await summaries.count()); i++) {
    const s = summaries.nth(i);
    if ((await s.locator('xpath=..').getAttribute('open')) === null) await s.click();
  }
  const violations = await axe(w.page);
  expect(w.externalRequests, `${what}: requests to the internet`).toEqual([]);
  expect(w.pageErrors, `${what}: uncaught exceptions`).toEqual([]);
  expect(w.consoleErrors, `${what}: console errors`).toEqual([]);
  expect(violations.length, `${what}: serious/critical axe violations:\n${describeViolations(violations)}`).toBe(0);
}

const section = (page: Page, id: string) => page.locator(`section[aria-labelledby="${id}-heading"]`);
const bodyRows = (table: Locator) => table.locator('tbody tr');
/** The text of every cell of every body row, in one round trip (whitespace collapsed). */
const allRowCells = (table: Locator): Promise<string[][]> =>
  table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r: any) => Array.from(r.querySelectorAll('th, td')).map((c: any) => String(c.innerText).replace(/\s+/g, ' ').trim())));
/** Breadcrumbs joined with ›, as they read (the separators are CSS). */
const crumbs = async (page: Page) => (await page.locator('nav[aria-label="パンくずリスト"] li').allInnerTexts()).map((t) => t.trim()).join('›');
const h1 = (page: Page) => page.locator('h1').first().innerText();

describe('全国の状況 on the national database', { timeout: E2E_TIMEOUT }, () => {
  it('shows the totals, the charts and tables with the API numbers, and is clean', async () => {
    const data = await api('/api/rollups/national');
    const w = await open('admin', '/national');
    try {
      const { page } = w;
      expect(await h1(page)).toBe('全国の状況');
      const totals = section(page, 'totals');
      await expect.poll(() => totals.innerText()).toContain(pct(data.totals.completionRate));
      const totalsText = (await totals.innerText()).replace(/\s+/g, '');
      expect(totalsText).toContain(`${int(data.totals.completeBodies)}団体`);
      expect(totalsText).toContain(`${int(data.totals.bodiesPastDeadline)}団体`);
      expect(totalsText).toContain(`${int(data.migrationSupport.systems)}システム`);
      expect(totalsText).toContain(`${int(data.migrationSupport.bodies)}団体`);
      expect(totalsText).toContain(pct(data.migrationSupport.systemShare));
      expect(totalsText).toContain(pct(data.migrationSupport.bodyShare));

      // Completion rate by prefecture: 47 bars, table = API sorted by rate (ties by code).
      const prefSection = section(page, 'prefectures');
      const canvas = prefSection.locator('canvas').first();
      await expectChartDrawn(canvas);
      const chartTable = await openChartTable(canvas);
      const sorted = [...data.prefectures].sort(
        (a: any, b: any) => (b.completionRate ?? -1) - (a.completionRate ?? -1) || a.prefectureCode.localeCompare(b.prefectureCode),
      );
      expect(await allRowCells(chartTable)).toEqual(
        sorted.map((p: any) => [p.prefectureName, pct(p.completionRate), int(p.counts.done + p.counts.not_applicable), int(p.steps), int(p.bodies)]),
      );
      expect(sorted.length).toBe(47);

      // The prefecture table (default: by code) with links to every prefecture page.
      const table = prefSection.locator('table').filter({ has: page.locator('caption', { hasText: '都道府県別の状況' }) });
      const byCode = [...data.prefectures].sort((a: any, b: any) => a.prefectureCode.localeCompare(b.prefectureCode));
      expect(await allRowCells(table)).toEqual(
        byCode.map((p: any) => [
          `${p.prefectureCode} ${p.prefectureName}`,
          int(p.bodies),
          pct(p.completionRate),
          int(p.completeBodies),
          int(p.bodiesPastDeadline),
          int(p.migrationSupportBodies),
          int(p.migrationSupportAreas),
        ]),
      );
      expect(await table.locator('tbody a').evaluateAll((as) => as.map((a: any) => a.getAttribute('href')))).toEqual(
        byCode.map((p: any) => `/prefectures/${p.prefectureCode}`),
      );

      // Business areas: chart drawn, table = API in reference order.
      const areaCanvas = section(page, 'areas').locator('canvas').first();
      await expectChartDrawn(areaCanvas);
      const areaTable = await openChartTable(areaCanvas);
      expect(data.areas.length).toBe(20);
      expect(await allRowCells(areaTable)).toEqual(
        data.areas.map((a: any) => [a.name, pct(a.completionRate), int(a.completeAreas), int(a.bodyAreas), int(a.migrationSupportAreas)]),
      );

      // Steps by status: marker + label + count.
      const steps = await bodyRows(section(page, 'steps').locator('table')).all();
      const expected = [
        ['✓', '完了', data.totals.counts.done],
        ['－', '対象外', data.totals.counts.not_applicable],
        ['◐', '作業中', data.totals.counts.in_progress],
        ['□', '未着手', data.totals.counts.not_started],
      ] as const;
      for (let i = 0; i < 4; i++) {
        const [marker, label, n] = expected[i]!;
        const cells = await rowCells(steps[i]!);
        expect(cells[0]).toBe(`${marker}${label}`);
        expect(cells[1]).toBe(int(n));
      }
      // 分野別の工程（マイルストーン）: one row per category, as the API says; the CSV link.
      expect(data.categories.length).toBeGreaterThan(0);
      const categories = section(page, 'categories');
      expect(await allRowCells(categories.locator('table'))).toEqual(
        data.categories.map((c: any) => [
          c.name,
          int(c.items),
          int(c.bodies),
          int(c.applicableMilestones),
          int(c.milestonesDone),
          pct(c.progress),
          pct(c.onTimeRate),
          `${c.overdueMilestones > 0 ? '×' : ''}${int(c.overdueMilestones)}`,
          int(c.bodiesWithOverdue),
        ]),
      );
      const csv = await categories.locator('a', { hasText: 'CSV' }).getAttribute('href');
      expect(csv).toBe('/api/rollups/national/milestones.csv');
      const csvRes = await fetch(server.baseUrl + csv!, { headers: { cookie: cookies.admin! } });
      expect(csvRes.status).toBe(200);
      expect(csvRes.headers.get('content-type')).toContain('text/csv');
      await csvRes.body?.cancel();

      await expectClean(w, '/national');
    } finally {
      await w.close();
    }
  });

  it('sorts the prefecture table from the keyboard, keeps the order in the URL and the focus on the button', async () => {
    const data = await api('/api/rollups/national');
    const w = await open('admin', '/national');
    try {
      const { page } = w;
      const table = section(page, 'prefectures').locator('table').filter({ has: page.locator('caption', { hasText: '都道府県別の状況' }) });
      const header = table.locator('thead th', { hasText: '完了率' });
      const button = header.locator('button');
      expect(await table.locator('thead th[aria-sort]').count()).toBe(1);
      expect(await table.locator('thead th', { hasText: '都道府県' }).getAttribute('aria-sort')).toBe('ascending');

      await button.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
      expect(new URL(page.url()).search).toBe('?sort=rate&dir=desc');
      const rates = (rows: any[]) => rows.map((p) => p.prefectureName);
      const desc = [...data.prefectures].sort((a: any, b: any) => b.completionRate - a.completionRate || a.prefectureCode.localeCompare(b.prefectureCode));
      const names = async () => (await table.locator('tbody th a').allInnerTexts()).map((t) => t.trim());
      expect(await names()).toEqual(rates(desc));
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.closest('th')?.innerText ?? '')).toContain('完了率');

      await page.keyboard.press(' ');
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
      expect(new URL(page.url()).search).toBe('?sort=rate&dir=asc');
      const asc = [...data.prefectures].sort((a: any, b: any) => a.completionRate - b.completionRate || a.prefectureCode.localeCompare(b.prefectureCode));
      expect(await names()).toEqual(rates(asc));

      // The order is in the URL: a reload shows the same order.
      await page.reload({ waitUntil: 'load' });
      await waitForSettled(page);
      expect(await table.locator('thead th', { hasText: '完了率' }).getAttribute('aria-sort')).toBe('ascending');
      expect(await names()).toEqual(rates(asc));
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('links national → prefecture → body, with breadcrumbs, pages of bodies and a working back button', async () => {
    const pref = await api(`/api/rollups/prefectures/${PREF}`);
    expect(pref.bodies.length, 'the test prefecture needs more than one page of bodies').toBeGreaterThan(50);
    const w = await open('admin', '/national?sort=rate&dir=desc');
    try {
      const { page } = w;
      await section(page, 'prefectures').locator('table a', { hasText: pref.prefectureName }).click();
      await expect.poll(() => h1(page)).toBe(`${pref.prefectureName}の状況`);
      await waitForSettled(page);
      expect(new URL(page.url()).pathname).toBe(`/prefectures/${PREF}`);
      expect(await crumbs(page)).toBe(`全国›${pref.prefectureName}`);

      // Bodies ranked: the first page equals the API's first 50, with rank, code, name, rate.
      const table = section(page, 'bodies').locator('table');
      const cells = await allRowCells(table);
      expect(cells.map((c) => [c[0], c[1], c[2], c[4], c[5]])).toEqual(
        pref.bodies
          .slice(0, 50)
          .map((b: any) => [b.rank === null ? '—' : `${int(b.rank)}位`, b.code, `${b.name}${b.isSample ? ' サンプル' : ''}`, pct(b.completionRate), `${int(b.completeAreas)}/${int(b.areas)}`]),
      );
      expect(await table.locator('caption').innerText()).toContain(`全${int(pref.bodies.length)}団体中 1〜50件目`);
      // Areas: the prefecture next to the nation, as the API says.
      const areaTable = await openChartTable(section(page, 'areas').locator('canvas').first());
      expect((await allRowCells(areaTable)).map((c) => c.slice(0, 3))).toEqual(
        pref.areas.map((a: any) => [a.name, pct(a.completionRate), pct(a.nationalCompletionRate)]),
      );
      expect((await allRowCells(section(page, 'categories').locator('table'))).map((c) => [c[0], c[1], c[5], c[6]])).toEqual(
        pref.categories.map((c: any) => [c.name, int(c.items), pct(c.progress), pct(c.onTimeRate)]),
      );
      expect(await section(page, 'categories').locator('a', { hasText: 'CSV' }).getAttribute('href')).toBe(`/api/rollups/prefectures/${PREF}/milestones.csv`);
      await expectClean(w, `/prefectures/${PREF}`);

      // Next page of bodies.
      await section(page, 'bodies').locator('a[rel="next"]').click();
      await expect.poll(() => new URL(page.url()).search).toBe('?page=2');
      const second = await bodyRows(section(page, 'bodies').locator('table')).all();
      expect((await rowCells(second[0]!))[1]).toBe(pref.bodies[50].code);

      // A body: its overview with the comparison.
      const target = pref.bodies[50];
      await section(page, 'bodies').locator('table a', { hasText: target.name }).first().click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/bodies/${target.bodyId}`);
      await waitForSettled(page);
      const peers = await api(`/api/bodies/${target.bodyId}/peers`);
      const peerSection = section(page, 'peers');
      await expect.poll(() => peerSection.innerText()).toContain(`県内 ${int(peers.rankInPrefecture.rank)}位／${int(peers.rankInPrefecture.of)}団体`);
      const peerText = await peerSection.innerText();
      expect(peerText).toContain(`全国 ${int(peers.rankNational.rank)}位／${int(peers.rankNational.of)}団体`);
      expect(peerText).toContain(pct(peers.completionRate));
      expect(peerText).toContain(pct(peers.prefectureCompletionRate));
      expect(peerText).toContain(pct(peers.nationalCompletionRate));
      expect(await crumbs(page)).toBe(`全国›${pref.prefectureName}›${target.name}`);
      await peerSection.locator('summary').click();
      const own = peers.areas.filter((a: any) => a.hasArea);
      expect((await allRowCells(peerSection.locator('table'))).map((c) => c.slice(0, 4))).toEqual(
        own.map((a: any) => [a.name, pct(a.completionRate), pct(a.prefectureCompletionRate), pct(a.nationalCompletionRate)]),
      );
      await expectClean(w, `/bodies/${target.bodyId}`);

      // Back: page 2 of the prefecture, page 1, then the national page with its sort.
      await page.goBack();
      await expect.poll(() => new URL(page.url()).search).toBe('?page=2');
      await expect.poll(() => h1(page)).toBe(`${pref.prefectureName}の状況`);
      await page.goBack();
      await page.goBack();
      await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/national?sort=rate&dir=desc');
      await expect.poll(() => h1(page)).toBe('全国の状況');
      await waitForSettled(page);
      const prefTable = section(page, 'prefectures').locator('table').filter({ has: page.locator('caption', { hasText: '都道府県別の状況' }) });
      expect(await prefTable.locator('thead th', { hasText: '完了率' }).getAttribute('aria-sort')).toBe('descending');
    } finally {
      await w.close();
    }
  });

  it('sorts the bodies of a prefecture and resets to the first page', async () => {
    const pref = await api(`/api/rollups/prefectures/${PREF}`);
    const w = await open('admin', `/prefectures/${PREF}?page=2`);
    try {
      const { page } = w;
      const table = section(page, 'bodies').locator('table');
      const header = table.locator('thead th', { hasText: '団体コード' });
      await header.locator('button').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
      expect(new URL(page.url()).search).toBe('?sort=code&dir=asc');
      const codes = [...pref.bodies].map((b: any) => b.code).sort();
      expect(await table.locator('tbody td.code').allInnerTexts()).toEqual(codes.slice(0, 50));
    } finally {
      await w.close();
    }
  });

  it('gives a prefecture user their prefecture (not the country, not another prefecture)', async () => {
    const w = await open('prefecture', `/prefectures/${PREF}`);
    try {
      const { page } = w;
      const nav = page.locator('nav[aria-label="メインメニュー"]');
      const pref = await api(`/api/rollups/prefectures/${PREF}`, 'prefecture');
      expect(await nav.locator('a').allInnerTexts()).toEqual(['団体一覧', pref.prefectureName, 'アカウント', '国の参照データ']);
      expect(await h1(page)).toBe(`${pref.prefectureName}の状況`);
      expect(await crumbs(page)).toBe(pref.prefectureName);
      expect(await section(page, 'bodies').locator('tbody a[href^="/bodies/"]').count()).toBe(50);
      await expectClean(w, `/prefectures/${PREF} as a prefecture user`);

      // The country and other prefectures: the server's Japanese 403 message, no page error.
      for (const path of ['/national', `/prefectures/${PREF === '13' ? '14' : '13'}`]) {
        await page.goto(server.baseUrl + path, { waitUntil: 'load' });
        await waitForSettled(page);
        await expect.poll(() => page.locator('[role="alert"]').innerText()).toMatch(/権限|閲覧/);
      }
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('shows a viewer the comparison of their own body without links to the roll-ups', async () => {
    const id = nat.viewerBody.id;
    const w = await open('viewer', `/bodies/${id}`);
    try {
      const { page } = w;
      const peers = await api(`/api/bodies/${id}/peers`, 'viewer');
      const peerSection = section(page, 'peers');
      await expect.poll(() => peerSection.innerText()).toContain(`県内 ${int(peers.rankInPrefecture.rank)}位／${int(peers.rankInPrefecture.of)}団体`);
      expect(await peerSection.locator('a').count()).toBe(0);
      expect(await page.locator('nav[aria-label="メインメニュー"] a', { hasText: '全国' }).count()).toBe(0);
      expect(await crumbs(page)).toBe(`団体一覧›${nat.viewerBody.name}`);
      await expectClean(w, `/bodies/${id} as a viewer`);
    } finally {
      await w.close();
    }
  });

  it('shows the national and prefecture tables quickly (navigation start → table visible, median)', async () => {
    const tableShown = (page: Page, caption: string) =>
      page
        .waitForFunction(
          (text) => {
            const doc = (globalThis as any).document;
            const found = Array.from(doc.querySelectorAll('table caption')).find((c: any) => (c.textContent || '').startsWith(text)) as any;
            return found && found.closest('table').querySelector('tbody tr') ? (globalThis as any).performance.now() : false;
          },
          caption,
          { polling: 'raf', timeout: 30_000 },
        )
        .then((h) => h.jsonValue() as Promise<number>);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    useSession(server.baseUrl, tokens.admin!);
    const w = await openPage(browser);
    try {
      const { page } = w;
      const national: number[] = [];
      const prefecture: number[] = [];
      const inApp: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto(`${server.baseUrl}/national`, { waitUntil: 'commit' });
        national.push(await tableShown(page, '都道府県別の状況'));
        await page.goto(`${server.baseUrl}/prefectures/${PREF}`, { waitUntil: 'commit' });
        prefecture.push(await tableShown(page, '団体別の状況'));
        // In the app: national page → click a prefecture → its table.
        await page.goto(`${server.baseUrl}/national`, { waitUntil: 'commit' });
        await tableShown(page, '都道府県別の状況');
        const start = await page.evaluate(() => (globalThis as any).performance.now() as number);
        await section(page, 'prefectures').locator(`table a[href="/prefectures/${PREF}"]`).click();
        inApp.push((await tableShown(page, '団体別の状況')) - start);
      }
      const f = (xs: number[]) => `median ${Math.round(median(xs))} ms (${xs.map((x) => Math.round(x)).join(', ')})`;
      console.log(
        `national e2e timing (scale ${SCALE}, ${nat.bodies} bodies): /national ${f(national)}; /prefectures/${PREF} ${f(prefecture)}; ` +
          `national → prefecture in the app ${f(inApp)}`,
      );
      // Generous bounds for a loaded 2-core CI machine; the figures themselves are in the log.
      expect(median(national)).toBeLessThan(5000);
      expect(median(prefecture)).toBeLessThan(5000);
      expect(median(inApp)).toBeLessThan(3000);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('県内・全国との比較 on the demo database', { timeout: E2E_TIMEOUT }, () => {
  it('shows 上天草市 against 熊本県 and the country, as the API says', async () => {
    const peers = await demo.api(`/api/bodies/${demo.bodyId}/peers`);
    useSession(demo.base, (await login(demo.base, 'demo-admin')).token);
    const w = await openPage(demo.browser);
    try {
      const { page } = w;
      await page.goto(demo.base + demo.at(`/bodies/${demo.bodyId}`), { waitUntil: 'load' });
      await waitForSettled(page);
      const peerSection = section(page, 'peers');
      const rank = peers.rankInPrefecture.rank === null ? '順位なし' : `${int(peers.rankInPrefecture.rank)}位／${int(peers.rankInPrefecture.of)}団体`;
      await expect.poll(() => peerSection.innerText()).toContain(`県内 ${rank}`);
      expect(await peerSection.innerText()).toContain(pct(peers.completionRate));
      // Admin: 全国 › 熊本県 › 上天草市, the prefecture link keeps asOf.
      expect(await crumbs(page)).toBe(`全国›${peers.prefectureName}›上天草市`);
      const href = await peerSection.locator('a', { hasText: `${peers.prefectureName}の状況` }).getAttribute('href');
      expect(href).toBe(demo.at(`/prefectures/${peers.prefectureCode}`));
      await expectClean(w, 'demo overview with peers');
    } finally {
      await w.close();
    }
  });

  it('gives demo-pref the 熊本県 page from the header and links from the body list', async () => {
    const s = await login(demo.base, 'demo-pref');
    useSession(demo.base, s.token);
    const w = await openPage(demo.browser);
    try {
      const { page } = w;
      await page.goto(`${demo.base}/`, { waitUntil: 'load' });
      await waitForSettled(page);
      const list = page.locator('main table');
      const prefLinks = list.locator('a[href="/prefectures/43"]');
      expect(await prefLinks.count()).toBeGreaterThan(0);
      await page.locator('nav[aria-label="メインメニュー"] a', { hasText: '熊本県' }).click();
      await expect.poll(() => h1(page)).toBe('熊本県の状況');
      await waitForSettled(page);
      const data = await getJson(`${demo.base}/api/rollups/prefectures/43`, s.cookie);
      const rows = await bodyRows(section(page, 'bodies').locator('table')).all();
      expect(rows.length).toBe(data.bodies.length);
      expect(await page.locator('nav[aria-label="メインメニュー"] a[aria-current="page"]').innerText()).toBe('熊本県');
      await expectClean(w, '/prefectures/43 as demo-pref');
    } finally {
      await w.close();
      useSession(demo.base, null);
    }
  });
});
