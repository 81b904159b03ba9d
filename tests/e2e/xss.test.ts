/**
 * Stored XSS: as admin, markup is stored as item titles, item notes and milestone notes through the
 * API; the overview, the timeline and the item page show it as text and run nothing — no dialog, no
 * injected element, no request to the injected image, and no Content-Security-Policy violation (our
 * own code complies with `script-src 'self'; style-src 'self'`). The API docs work under the CSP too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, waitForSettled, type WatchedPage } from './browser.ts';
import { DEMO_AS_OF, startE2E, waitForCharts, type E2E } from './setup.ts';
import { login, type SignedIn } from '../helpers/server.ts';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '"><script>alert(1)</script>';

let e2e: E2E;
let admin: SignedIn;
let firstItemId: number;
let secondItemId: number;

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${e2e.base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

beforeAll(async () => {
  e2e = await startE2E();
  admin = await login(e2e.base, 'demo-admin');
  const dash = await e2e.dashboard();
  // An item the overview lists as needing attention (its title is on the overview), and another one.
  const attention = (dash.attention as any[])[0];
  if (!attention) throw new Error('the demo dashboard lists no item needing attention');
  firstItemId = attention.itemId ?? attention.id;
  const other = (dash.timeline as any[]).find((r) => r.itemId !== firstItemId && r.milestones?.length !== 0);
  secondItemId = other.itemId;
  for (const [itemId, title] of [
    [firstItemId, `${IMG} 標準化`],
    [secondItemId, `${SCRIPT} 窓口`],
  ] as const) {
    const item = await api('GET', `/api/items/${itemId}?asOf=${DEMO_AS_OF}`);
    await api('PATCH', `/api/items/${itemId}`, { version: item.version, title, notes: `${SCRIPT}${IMG}` });
    const milestones = await api('GET', `/api/items/${itemId}/milestones`);
    const list = (Array.isArray(milestones) ? milestones : milestones.items) as { id: number; version: number }[];
    for (const [i, m] of list.slice(0, 2).entries()) {
      await api('PATCH', `/api/milestones/${m.id}`, { version: m.version, note: i === 0 ? IMG : SCRIPT });
    }
  }
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

/** Page scripts as strings (tsconfig has no DOM types): record CSP violations; read them back. */
const RECORD_CSP_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);
  });`;
const READ_CSP_VIOLATIONS = 'window.__cspViolations';

interface Watched extends WatchedPage {
  dialogs: string[];
  injectedImageRequests: string[];
}

async function open(path: string): Promise<Watched> {
  const w = (await openPage(e2e.browser)) as Watched;
  w.dialogs = [];
  w.injectedImageRequests = [];
  w.page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  w.page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/x' || u.pathname.endsWith('/x')) w.injectedImageRequests.push(r.url());
  });
  // Init scripts run outside the page's CSP: record every violation the page reports.
  await w.page.addInitScript(RECORD_CSP_VIOLATIONS);
  await w.page.goto(e2e.base + path, { waitUntil: 'load' });
  await waitForSettled(w.page);
  await waitForCharts(w.page);
  return w;
}

async function openTables(page: Page) {
  const summaries = page.locator('details > summary', { hasText: '表で見る' });
  for (let i = 0; i < (await summaries.count()); i++) {
    const s = summaries.nth(i);
    if ((await s.locator('xpath=..').getAttribute('open')) === null) await s.click();
  }
}

async function expectNothingRan(w: Watched, what: string) {
  const { page } = w;
  expect(w.dialogs, `${what}: a dialog opened`).toEqual([]);
  expect(w.injectedImageRequests, `${what}: the injected <img> was loaded`).toEqual([]);
  expect(await page.locator('img[src="x"], img[onerror]').count(), `${what}: an <img> was injected`).toBe(0);
  const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => e.getAttribute('src') || e.textContent || ''));
  expect(scripts.filter((s) => s.includes('alert')), `${what}: a <script> was injected`).toEqual([]);
  expect(await page.evaluate(READ_CSP_VIOLATIONS), `${what}: CSP violations`).toEqual([]);
  expect(w.consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m)), `${what}: CSP console errors`).toEqual([]);
  expect(w.pageErrors, `${what}: page errors`).toEqual([]);
}

const text = (page: Page) => page.locator('body').innerText();

describe('stored markup is shown as text and runs nothing', { timeout: E2E_TIMEOUT }, () => {
  it('overview (概要)', async () => {
    const w = await open(`/bodies/${e2e.bodyId}`);
    try {
      await openTables(w.page);
      expect(await text(w.page)).toContain(`${IMG} 標準化`);
      await expectNothingRan(w, 'overview');
    } finally {
      await w.close();
    }
  });

  it('timeline (工程表)', async () => {
    const w = await open(`/bodies/${e2e.bodyId}/timeline`);
    try {
      await openTables(w.page);
      const body = await text(w.page);
      expect(body).toContain(`${IMG} 標準化`);
      expect(body).toContain(`${SCRIPT} 窓口`);
      await expectNothingRan(w, 'timeline');
    } finally {
      await w.close();
    }
  });

  it('item pages (title, notes and milestone notes)', async () => {
    for (const [itemId, title] of [
      [firstItemId, `${IMG} 標準化`],
      [secondItemId, `${SCRIPT} 窓口`],
    ] as const) {
      const w = await open(`/items/${itemId}`);
      try {
        await openTables(w.page);
        const body = await text(w.page);
        expect((await w.page.getByRole('heading', { level: 1 }).innerText())).toContain(title);
        expect(body, 'milestone note').toContain(IMG);
        expect(body, 'milestone note').toContain(SCRIPT);
        expect(await w.page.title()).toContain(title);
        await expectNothingRan(w, `item ${itemId}`);
      } finally {
        await w.close();
      }
    }
  });

  it('the API docs (/api/docs) render under the same policy', async () => {
    const w = (await openPage(e2e.browser)) as Watched;
    try {
      const violations: string[] = [];
      await w.page.addInitScript(RECORD_CSP_VIOLATIONS);
      const res = await w.page.goto(`${e2e.base}/api/docs`, { waitUntil: 'load' });
      expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
      await w.page.locator('.swagger-ui .info .title').waitFor({ state: 'visible', timeout: 20_000 });
      expect(await w.page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(10);
      violations.push(...((await w.page.evaluate(READ_CSP_VIOLATIONS)) as string[]));
      expect(violations.filter((v) => v.startsWith('script-src')), 'scripts blocked on /api/docs').toEqual([]);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
