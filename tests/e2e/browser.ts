/**
 * Browser fixtures for the end-to-end tests: Debian Chromium through playwright-core, pages that
 * record console errors, page errors, failed API calls and every request that leaves the machine,
 * an axe check (WCAG 2.0/2.1 A + AA, serious and critical only), and full-page screenshots kept in
 * tests/artifacts/.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/server.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests', 'artifacts');

/** Generous timeouts: CI machines have two cores and Chromium starts slowly there. */
export const E2E_TIMEOUT = 90_000;
export const E2E_HOOK_TIMEOUT = 180_000;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser tests need it: install it ` +
        '(Debian/Ubuntu: "apt-get install chromium") or set CHROMIUM_PATH to a Chromium/Chrome executable.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Requests to hosts other than 127.0.0.1/localhost (aborted, never sent). */
  externalRequests: string[];
  /** console.error messages, with their source URL. */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** /api responses with status >= 400 ("404 GET http://…"). */
  apiFailures: string[];
  /** Every /api URL the page requested (to check that asOf is passed through). */
  apiRequests: string[];
  close: () => Promise<void>;
}

function isLocal(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return true;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return LOCAL_HOSTS.has(u.hostname);
}

let session: { name: string; value: string; url: string } | null = null;

/**
 * Every page opened afterwards (in this test file) carries this session cookie: the API needs a
 * signed-in user. `startE2E` signs in as demo-admin.
 */
export function useSession(baseUrl: string, token: string | null): void {
  session = token === null ? null : { name: 'dx_session', value: token, url: baseUrl };
}

/** A fresh context (1366×768, ja-JP) and page that records everything the checks need. */
export async function openPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  if (session) await context.addCookies([session]);
  const watched: WatchedPage = {
    page: undefined as unknown as Page,
    context,
    externalRequests: [],
    consoleErrors: [],
    pageErrors: [],
    apiFailures: [],
    apiRequests: [],
    close: () => context.close(),
  };
  // Nothing may be loaded from the internet: record such requests and do not send them.
  await context.route(
    (url) => !isLocal(url.href),
    async (route) => {
      watched.externalRequests.push(`${route.request().method()} ${route.request().url()}`);
      await route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  watched.page = page;
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    watched.consoleErrors.push(`${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (err) => watched.pageErrors.push(err.stack ?? String(err)));
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.startsWith('/api/')) watched.apiRequests.push(req.url());
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && new URL(res.url()).pathname.startsWith('/api/')) {
      watched.apiFailures.push(`${res.status()} ${res.request().method()} ${res.url()}`);
    }
  });
  return watched;
}

export interface AxeViolationSummary {
  id: string;
  impact: string | null | undefined;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** axe with the WCAG 2.0/2.1 A and AA rules; returns only the serious and critical violations. */
export async function axe(page: Page): Promise<AxeViolationSummary[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target.map(String).join(' '),
        html: n.html.slice(0, 200),
        summary: (n.failureSummary ?? '').slice(0, 300),
      })),
    }));
}

/** Readable one-line-per-node description of axe violations, for assertion messages. */
export function describeViolations(violations: AxeViolationSummary[]): string {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    ${n.target}  ${n.html}\n      ${n.summary.replace(/\n/g, ' / ')}`).join('\n'),
    )
    .join('\n');
}

/** Full-page screenshot in tests/artifacts/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Waits until the page has finished loading its data: the <h1> is there and no
 * 「読み込み中…」 live region is left.
 */
export async function waitForSettled(page: Page, timeout = 20_000): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout });
  // A function, not a string: the app's CSP (script-src 'self') forbids evaluating strings, which
  // Playwright does when it has to poll (the session check comes before the page's data).
  await page.waitForFunction(
    () => {
      const doc = (globalThis as any).document;
      return (
        !Array.from(doc.querySelectorAll('[aria-busy="true"]')).length &&
        !Array.from(doc.querySelectorAll('[role="status"]')).some((e: any) => (e.textContent || '').includes('読み込み中'))
      );
    },
    undefined,
    { timeout },
  );
}
