/**
 * 取組詳細 (/items/:itemId) opened directly by a deep link with ?asOf=: the milestones table
 * matches the API, the KPI charts are drawn with tables that match the API, and the status is
 * judged as of the same reference date as the other pages.
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
/** 「自治体情報システムの標準化・共通化」: 期限超過, with milestones and KPIs. */
let itemId: number;
let item: any;

const STD_TITLE = '自治体情報システムの標準化・共通化';

beforeAll(async () => {
  e2e = await startE2E();
  dash = await e2e.dashboard();
  const row = (dash.timeline as any[]).find((r) => r.title === STD_TITLE);
  if (!row) throw new Error(`${STD_TITLE} is not in the dashboard timeline`);
  itemId = row.itemId;
  item = await e2e.api(`/api/items/${itemId}?asOf=${DEMO_AS_OF}`);
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

/** 'YYYY-MM-DD' as the pages show it: 2026年3月31日 */
function jaDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const itemPath = () => `/items/${itemId}?asOf=${DEMO_AS_OF}`;

describe('取組詳細 /items/:itemId (deep link)', { timeout: E2E_TIMEOUT }, () => {
  it('opened directly: loads cleanly with the item title and status, and keeps a screenshot', async () => {
    const check = await loadAndCheck(e2e, itemPath(), 'item');
    try {
      const { page, apiRequests } = check.watched;
      const itemCalls = apiRequests.filter((u) => new URL(u).pathname === `/api/items/${itemId}`);
      expect(itemCalls.length, `API calls: ${apiRequests.join(', ')}`).toBeGreaterThan(0);
      for (const u of itemCalls) expect(new URL(u).searchParams.get('asOf'), `the page must pass ?asOf= to ${u}`).toBe(DEMO_AS_OF);
      const h1 = page.getByRole('heading', { level: 1 });
      expect((await h1.innerText()).replace(/\s+/g, '')).toContain(item.title.replace(/\s+/g, ''));
      expect(await h1.innerText()).toContain(item.statusLabel);
      expect(await page.title()).toContain(item.title);
      // Each reason from the API is shown.
      const reasons = page.getByRole('list', { name: '状況の理由' });
      for (const reason of item.reasons as string[]) {
        expect(await reasons.getByRole('listitem').filter({ hasText: reason }).count(), reason).toBe(1);
      }
      // Links back to the body's pages keep the reference date.
      const back = page.getByRole('link', { name: /工程表へ戻る/ });
      expect(await back.getAttribute('href')).toBe(`/bodies/${e2e.bodyId}/timeline?asOf=${DEMO_AS_OF}`);
      expectCleanPage(check, 'item');
    } finally {
      await check.watched.close();
    }
  });

  it('a parent rolls up and each deadline names the milestone that answers it, as the API says (issue 12)', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      // The standardization item: its deadline is answered by 「標準準拠システムへ移行」.
      await page.goto(e2e.base + itemPath());
      await waitForSettled(page);
      const deadlines = page.getByRole('region', { name: '国の期限' });
      const text = (await deadlines.innerText()).replace(/\s+/g, '');
      expect(item.deadlines.length).toBeGreaterThan(0);
      for (const d of item.deadlines as any[]) {
        expect(text, d.milestoneTitle).toContain(`この期限に答えるマイルストーン：「${d.milestoneTitle.replace(/\s+/g, '')}」`);
        expect(text).toContain(d.stateLabel);
      }
      // オンライン化: 完了 on its own step, but its children are late — the page says what the API says.
      const online = (dash.timeline as any[]).find((r) => r.title === '自治体の行政手続のオンライン化');
      const parent = await e2e.api(`/api/items/${online.itemId}?asOf=${DEMO_AS_OF}`);
      expect(parent.status).toBe('delayed');
      await page.goto(e2e.base + `/items/${online.itemId}?asOf=${DEMO_AS_OF}`);
      await waitForSettled(page);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(parent.statusLabel);
      const reasons = page.getByRole('list', { name: '状況の理由' });
      for (const reason of parent.reasons as string[]) {
        expect(await reasons.getByRole('listitem').filter({ hasText: reason }).count(), reason).toBe(1);
      }
      expect(parent.reasons).toContain('【第2弾】が602日遅延');
    } finally {
      await w.close();
    }
  });

  it('the milestones table matches the API (planned and actual dates, variance, state)', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + itemPath());
      await waitForSettled(page);
      const table = page.getByRole('table', { name: `${item.title}のマイルストーン` });
      expect(await table.count(), 'milestones table with caption 「…のマイルストーン」').toBe(1);
      const headers = await headerTexts(table);
      const col = (name: RegExp) => {
        const i = headers.findIndex((h) => name.test(h));
        expect(i, `column ${name} in ${JSON.stringify(headers)}`).toBeGreaterThan(0);
        return i;
      };
      const plannedCol = col(/^予定/);
      const actualCol = col(/^実績/);
      const varianceCol = col(/^差異/);
      const stateCol = col(/^状況/);

      const milestones = item.milestones as any[];
      expect(milestones.length).toBeGreaterThan(0);
      expect(await table.locator('tbody tr').count(), 'one row per milestone').toBe(milestones.length);
      for (const m of milestones) {
        const row = rowByHeader(table, m.title);
        expect(await row.count(), `row ${m.title}`).toBe(1);
        const cells = await rowCells(row);
        expect(cells[plannedCol], `${m.title} 予定`).toContain(jaDate(m.plannedDate));
        // 「開始〜予定日」 when the milestone has a planned start, the planned date alone otherwise.
        expect(cells[plannedCol], `${m.title} 予定`).toBe(m.plannedStartDate ? `${jaDate(m.plannedStartDate)}〜${jaDate(m.plannedDate)}` : jaDate(m.plannedDate));
        if (m.actualDate) expect(cells[actualCol], `${m.title} 実績`).toContain(jaDate(m.actualDate));
        else if (m.actualStartDate) expect(cells[actualCol], `${m.title} 実績（作業中）`).toContain(jaDate(m.actualStartDate));
        else expect(cells[actualCol], `${m.title} 実績（なし）`).toBe('—');
        // 差異（日） only for milestones due or done (issue 12); upcoming and 対象外 show 「—」.
        if (m.adherence.kind === 'upcoming') {
          expect(cells[varianceCol]!.trim().startsWith('—'), `${m.title} 差異（日）: ${cells[varianceCol]}`).toBe(true);
        } else if (m.adherence.kind !== 'not_applicable') {
          expect(parseNumber(cells[varianceCol]!), `${m.title} 差異（日）`).toBe(m.adherence.varianceDays);
        }
        expect(cells[stateCol], `${m.title} 状況`).toContain(m.adherence.label);
      }
      // The overdue milestone is visible as such.
      const overdue = milestones.find((m) => m.adherence.kind === 'overdue');
      expect(overdue, 'API: the 期限超過 item has an overdue milestone').toBeDefined();
      expect((await rowCells(rowByHeader(table, overdue.title)))[stateCol]).toContain('期限超過');
    } finally {
      await w.close();
    }
  });

  it('KPI charts of the item are drawn and their 「表で見る」 tables show the API latest values', async () => {
    const kpis = item.kpis as any[];
    expect(kpis.length, 'API: the item has KPIs').toBeGreaterThan(0);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + itemPath());
      await waitForSettled(page);
      const section = page.getByRole('region', { name: '指標（KPI）' });
      expect(await section.locator('canvas').count(), 'one chart per KPI').toBe(kpis.length);
      for (const kpi of kpis) {
        const card = section.getByRole('article', { name: kpi.name, exact: true });
        expect(await card.count(), `KPI card ${kpi.name}`).toBe(1);
        expect(await card.innerText()).toContain(kpi.statusLabel);
        const canvas = card.locator('canvas');
        await expectChartDrawn(canvas);
        const table = await openChartTable(canvas);
        const headers = await headerTexts(table);
        const actualCol = headers.indexOf('実績');
        expect(actualCol).toBeGreaterThan(0);
        expect(await table.locator('tbody tr').count()).toBe(kpi.series.length);
        if (kpi.latest) {
          const last = (kpi.series as any[]).filter((p) => p.actual !== null).at(-1);
          const cells = await rowCells(rowByHeader(table, last.label));
          expect(parseNumber(cells[actualCol]!), `${kpi.name} latest (${last.label})`).toBe(kpi.latest.value);
        }
      }
    } finally {
      await w.close();
    }
  });

  it('the item page judges status as of ?asOf=, like the overview and the timeline', async () => {
    // A reference date where the dashboard (which takes asOf) gives this item another status
    // than it has today: the item page must show the dashboard's status for that date.
    const otherAsOf = '2026-01-15';
    const then = await e2e.api(`/api/bodies/${e2e.bodyId}/dashboard?asOf=${otherAsOf}`);
    const row = (then.timeline as any[]).find((r) => r.itemId === itemId);
    expect(row.status, `precondition: status on ${otherAsOf} differs from ${DEMO_AS_OF}`).not.toBe(item.status);

    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/items/${itemId}?asOf=${otherAsOf}`);
      await waitForSettled(page);
      const itemCalls = w.apiRequests.filter((u) => new URL(u).pathname === `/api/items/${itemId}`);
      expect(itemCalls.length).toBeGreaterThan(0);
      for (const u of itemCalls) expect(new URL(u).searchParams.get('asOf'), `the page must pass ?asOf= to ${u}`).toBe(otherAsOf);
      const h1 = await page.getByRole('heading', { level: 1 }).innerText();
      expect(
        h1,
        `on /items/${itemId}?asOf=${otherAsOf} the status must be the one for ${otherAsOf} (「${row.statusLabel}」, as on the timeline); ` +
          `the page requested ${itemCalls.join(', ')}`,
      ).toContain(row.statusLabel);
    } finally {
      await w.close();
    }
  });

  it('an unknown item id shows the Japanese not-found message', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/items/999999?asOf=${DEMO_AS_OF}`);
      const alert = page.getByRole('alert');
      await alert.waitFor({ state: 'visible', timeout: 20_000 });
      expect(await alert.innerText()).toMatch(/見つかりません/);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
