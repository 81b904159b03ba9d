/**
 * 国の期限 (/bodies/:bodyId/deadlines) of 上天草市: one card per national deadline of the API, with
 * the original date, the extensions (date, reason) and the items answering to it with their status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, waitForSettled } from './browser.ts';
import { DEMO_AS_OF, expectCleanPage, loadAndCheck, rowByHeader, startE2E, type E2E } from './setup.ts';

let e2e: E2E;
let dash: any;

beforeAll(async () => {
  e2e = await startE2E();
  dash = await e2e.dashboard();
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

const deadlinesPath = () => `/bodies/${e2e.bodyId}/deadlines`;

function jaDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

describe('国の期限 /bodies/:bodyId/deadlines', { timeout: E2E_TIMEOUT }, () => {
  it('loads cleanly, passes asOf to the API, and keeps a screenshot', async () => {
    const check = await loadAndCheck(e2e, e2e.at(deadlinesPath()), 'deadlines');
    try {
      const { page, apiRequests } = check.watched;
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).not.toBe('ページが見つかりません');
      const calls = apiRequests.filter((u) => new URL(u).pathname === `/api/bodies/${e2e.bodyId}/dashboard`);
      expect(calls.length, `API calls: ${apiRequests.join(', ')}`).toBeGreaterThan(0);
      for (const u of calls) expect(new URL(u).searchParams.get('asOf'), u).toBe(DEMO_AS_OF);
      expectCleanPage(check, 'deadlines');
    } finally {
      await check.watched.close();
    }
  });

  it('one card per API deadline, with its original date, extensions and items with their status', async () => {
    const deadlines = dash.deadlines as any[];
    expect(deadlines.length).toBeGreaterThan(0);
    const byItem = new Map((dash.timeline as any[]).map((r) => [r.itemId, r]));
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(deadlinesPath()));
      await waitForSettled(page);
      expect(await page.locator('main article').count(), 'one card per deadline').toBe(deadlines.length);
      for (const d of deadlines) {
        const card = page.getByRole('article', { name: d.title, exact: true });
        expect(await card.count(), `card ${d.title}`).toBe(1);
        expect(await card.locator(`time[datetime="${d.originalDate}"]`).first().innerText()).toBe(jaDate(d.originalDate));

        if (d.extensions.length > 0) {
          const ext = card.getByRole('table', { name: `${d.title}の延長` });
          expect(await ext.locator('tbody tr').count(), `${d.title}: extensions`).toBe(d.extensions.length);
          for (const e of d.extensions) {
            // Several extensions may share a date (an item and two systems to 2031-03-31): one row each.
            const rows = rowByHeader(ext, jaDate(e.date));
            const sameDate = d.extensions.filter((x: { date: string }) => x.date === e.date).length;
            expect(await rows.count(), `${d.title}: extensions to ${e.date}`).toBe(sameDate);
            const what = e.scope === 'area' ? `業務（システム）：${e.areaName}` : (e.itemTitle ?? '団体全体');
            const row = rows.filter({ hasText: what });
            expect(await row.count(), `${d.title}: extension ${e.date} for ${what}`).toBeGreaterThanOrEqual(1);
            expect(await row.first().innerText()).toContain(e.reason);
          }
        } else {
          expect(await card.getByText('延長はありません。').count()).toBe(1);
        }

        const items = card.getByRole('table', { name: `${d.title}に対応する取組` });
        expect(await items.locator('tbody tr').count(), `${d.title}: items`).toBe(d.itemIds.length);
        for (const id of d.itemIds as number[]) {
          const r = byItem.get(id);
          expect(r, `API timeline has item ${id}`).toBeDefined();
          const row = items.locator('tbody tr').filter({ has: page.getByRole('link', { name: r.title, exact: true }) });
          expect(await row.count(), `${d.title}: item ${r.title}`).toBe(1);
          expect(await row.innerText(), `${r.title} status`).toContain(r.statusLabel);
          expect(await row.getByRole('link').getAttribute('href')).toBe(`/items/${id}?asOf=${DEMO_AS_OF}`);
        }
      }
      // The standardization deadline: passed, extended for one item, and its late item is 期限超過.
      const std = deadlines.find((d) => d.extensions.length > 0);
      expect(std, 'API: a deadline with an extension').toBeDefined();
      const stdCard = page.getByRole('article', { name: std.title, exact: true });
      expect(await stdCard.innerText()).toContain('延長あり');
    } finally {
      await w.close();
    }
  });
});
