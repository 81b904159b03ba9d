/**
 * Keyboard use, error states and unknown paths in a real Chromium: the skip link comes first, then
 * the navigation; 「表で見る」 opens with Enter; an API failure shows a Japanese message (never a
 * blank page); an unknown SPA path shows 「ページが見つかりません」.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_HOOK_TIMEOUT, E2E_TIMEOUT, axe, describeViolations, openPage, screenshot, waitForSettled } from './browser.ts';
import { DEMO_AS_OF, startE2E, type E2E } from './setup.ts';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

interface Focused {
  tag: string;
  text: string;
  href: string | null;
  id: string;
  inHeader: boolean;
  inNav: boolean;
  inMain: boolean;
  isSummary: boolean;
  detailsOpen: boolean | null;
}

const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const details = el.tagName === 'SUMMARY' ? el.parentElement : null;
  return {
    tag: el.tagName,
    text: (el.textContent || '').replace(/\\s+/g, ' ').trim(),
    href: el.getAttribute('href'),
    id: el.id,
    inHeader: !!el.closest('header'),
    inNav: !!el.closest('nav'),
    inMain: !!el.closest('main'),
    isSummary: el.tagName === 'SUMMARY',
    detailsOpen: details && details.tagName === 'DETAILS' ? details.open : null,
  };
})()`;

const focused = (page: Page) => page.evaluate(FOCUSED) as Promise<Focused | null>;

/** Only the browser's own "Failed to load resource: … 404" lines for the expected failing calls. */
function unexpectedConsoleErrors(errors: string[]): string[] {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
}

describe('keyboard', { timeout: E2E_TIMEOUT }, () => {
  it('Tab from the top reaches the skip link first, then the site navigation, before the content', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(`/bodies/${e2e.bodyId}`));
      await waitForSettled(page);
      const seen: Focused[] = [];
      // Until the content is reached (the header has more links for some roles), at most 20 stops.
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (f) seen.push(f);
        if (f?.inMain) break;
      }
      expect(seen[0], 'first Tab').toMatchObject({ tag: 'A', text: '本文へスキップ', href: '#main' });
      const navIndex = seen.findIndex((f) => f.inNav && f.text === '団体一覧');
      const mainIndex = seen.findIndex((f) => f.inMain);
      expect(navIndex, `the nav link 団体一覧 is reached; focus order: ${JSON.stringify(seen.map((f) => f.text))}`).toBeGreaterThan(0);
      // Between the skip link and the nav there is only the header (product name link).
      for (const f of seen.slice(1, navIndex)) expect(f.inHeader, `focus stop before the nav: ${f.text}`).toBe(true);
      expect(mainIndex, `the content is reached after the nav; focus order: ${JSON.stringify(seen.map((f) => f.text))}`).toBeGreaterThan(navIndex);
    } finally {
      await w.close();
    }
  });

  it('the skip link moves focus to the main content', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(`/bodies/${e2e.bodyId}`));
      await waitForSettled(page);
      await page.keyboard.press('Tab');
      expect((await focused(page))?.text).toBe('本文へスキップ');
      // The skip link must be visible when focused (WCAG 2.4.7).
      expect(await page.getByRole('link', { name: '本文へスキップ' }).isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(`document.activeElement && !!document.activeElement.closest('main')`, undefined, { timeout: 5_000 });
      expect(new URL(page.url()).hash).toBe('#main');
      // The next Tab continues inside the content, not back in the header.
      await page.keyboard.press('Tab');
      const next = await focused(page);
      expect(next?.inMain, `after the skip link, Tab goes to ${JSON.stringify(next)}`).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('「表で見る」 is reachable with Tab on the overview and opens with Enter', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(`/bodies/${e2e.bodyId}`));
      await waitForSettled(page);
      const summaries = page.locator('summary', { hasText: '表で見る' });
      expect(await summaries.count(), 'the overview has a chart with a 「表で見る」 table').toBeGreaterThan(0);
      let f: Focused | null = null;
      for (let i = 0; i < 300; i++) {
        await page.keyboard.press('Tab');
        f = await focused(page);
        if (f?.isSummary && f.text.includes('表で見る')) break;
      }
      expect(f?.isSummary && f.text.includes('表で見る'), 'Tab reaches a 「表で見る」 summary').toBe(true);
      expect(f?.detailsOpen, 'closed at first').toBe(false);
      await page.keyboard.press('Enter');
      expect((await focused(page))?.detailsOpen, 'open after Enter').toBe(true);
      const table = page.locator('details[open] table').first();
      expect(await table.isVisible()).toBe(true);
      expect((await table.locator('caption').innerText()).trim()).not.toBe('');
      await page.keyboard.press('Enter');
      expect((await focused(page))?.detailsOpen, 'closed again after a second Enter').toBe(false);
    } finally {
      await w.close();
    }
  });
});

describe('body navigation', { timeout: E2E_TIMEOUT }, () => {
  it('概要・工程表・指標・国の期限: each link keeps ?asOf=, marks the current page and focuses the new <h1>', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(`/bodies/${e2e.bodyId}`));
      await waitForSettled(page);
      const nav = page.getByRole('navigation', { name: '団体のページ' });
      const sections: [string, string][] = [
        ['工程表', `/bodies/${e2e.bodyId}/timeline`],
        ['指標', `/bodies/${e2e.bodyId}/kpis`],
        ['国の期限', `/bodies/${e2e.bodyId}/deadlines`],
        ['概要', `/bodies/${e2e.bodyId}`],
      ];
      for (const [label, path] of sections) {
        const link = nav.getByRole('link', { name: label, exact: true });
        expect(await link.getAttribute('href'), `${label} link`).toBe(`${path}?asOf=${DEMO_AS_OF}`);
        await link.click();
        await page.waitForURL((u) => u.pathname === path);
        await waitForSettled(page);
        expect(new URL(page.url()).searchParams.get('asOf')).toBe(DEMO_AS_OF);
        expect(await nav.getByRole('link', { name: label, exact: true }).getAttribute('aria-current')).toBe('page');
        await page.waitForFunction(`document.activeElement && document.activeElement.tagName === 'H1'`, undefined, { timeout: 5_000 });
        expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).not.toBe('ページが見つかりません');
      }
      expect(w.pageErrors).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.externalRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('errors and unknown paths', { timeout: E2E_TIMEOUT }, () => {
  it('/bodies/999999 shows the server’s Japanese not-found message with a retry button, not a blank page', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at('/bodies/999999'));
      const alert = page.getByRole('alert');
      await alert.waitFor({ state: 'visible', timeout: 20_000 });
      const text = await alert.innerText();
      expect(text).toMatch(/見つかりません/);
      expect(text).toContain('999999');
      expect(await alert.getByRole('button', { name: '再読み込み' }).isVisible()).toBe(true);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      expect(await page.getByRole('navigation', { name: 'メインメニュー' }).isVisible()).toBe(true);
      await screenshot(page, 'error-body-not-found');
      expect(w.apiFailures.some((f) => f.startsWith('404 ') && f.includes('/api/bodies/999999'))).toBe(true);
      expect(w.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(w.consoleErrors)).toEqual([]);
      expect(w.externalRequests).toEqual([]);
      const violations = await axe(page);
      expect(violations.length, describeViolations(violations)).toBe(0);
    } finally {
      await w.close();
    }
  });

  it('when the API cannot be reached, the overview says 「サーバーに接続できません」 and retry works', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      let fail = true;
      await page.route('**/api/**', (route) => (fail ? route.abort('connectionrefused') : route.continue()));
      await page.goto(e2e.base + e2e.at(`/bodies/${e2e.bodyId}`));
      const alert = page.getByRole('alert');
      await alert.waitFor({ state: 'visible', timeout: 20_000 });
      expect(await alert.innerText()).toContain('サーバーに接続できません');
      await screenshot(page, 'error-api-unreachable');
      fail = false;
      await alert.getByRole('button', { name: '再読み込み' }).click();
      await page.getByRole('region', { name: '要対応の取組' }).waitFor({ state: 'visible', timeout: 20_000 });
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('an unknown path shows 「ページが見つかりません」 with a way back', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + '/no/such/page');
      await waitForSettled(page);
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('ページが見つかりません');
      expect(await page.title()).toContain('ページが見つかりません');
      const back = page.getByRole('link', { name: /団体一覧/ }).last();
      expect(await back.getAttribute('href')).toBe('/');
      await screenshot(page, 'not-found');
      expect(w.pageErrors).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      const violations = await axe(page);
      expect(violations.length, describeViolations(violations)).toBe(0);
    } finally {
      await w.close();
    }
  });

  it('a malformed body id (/bodies/abc) shows 「ページが見つかりません」 without calling the API', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + '/bodies/abc');
      await waitForSettled(page);
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('ページが見つかりません');
      expect(w.apiRequests.filter((u) => u.includes('/api/bodies/abc'))).toEqual([]);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
