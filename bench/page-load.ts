/**
 * The page on a town-hall PC: a body's 概要 opened in Debian Chromium with the CPU slowed 4× and a
 * 10 Mbps / 40 ms link (an older PC on LGWAN), timed from navigation start until its chart is drawn
 * (`canvas[data-drawn]`, set by ChartCanvas once Chart.js has painted). Cold = a new browser profile (empty
 * cache); warm = the same page opened again in that profile. Bytes are what crossed the network (encoded,
 * headers included) as Chromium's DevTools protocol reports them.
 *
 * `npm run bench` runs it on the national data; `npm run bench:page` runs it alone on the demo data
 * (its own server, signed in as demo-admin).
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_ARGS } from '../server/launch.ts';
import { japaneseFontEnv } from './japanese-fonts.ts';

export const THROTTLE = { cpuRate: 4, downloadBitsPerSecond: 10_000_000, uploadBitsPerSecond: 10_000_000, latencyMs: 40 } as const;
export const PAGE_TARGETS = { coldMs: 700, warmMs: 400, coldKB: 200 } as const;

export interface PageLoad {
  path: string;
  runs: number;
  cold: { medianMs: number; allMs: number[]; transferKB: number; requests: number };
  warm: { medianMs: number; allMs: number[]; transferKB: number; requests: number };
  unthrottledColdMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** One navigation: ms from navigation start to the chart drawn, and the bytes/requests it took. */
async function open(context: BrowserContext, url: string, throttled: boolean) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: THROTTLE.latencyMs,
      downloadThroughput: THROTTLE.downloadBitsPerSecond / 8,
      uploadThroughput: THROTTLE.uploadBitsPerSecond / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpuRate });
  }
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  // A MutationObserver installed before the page's own scripts notes the moment the chart is drawn;
  // performance.now() counts from this navigation's start.
  await page.addInitScript(`
    new MutationObserver((_, observer) => {
      if (document.querySelector('canvas[data-drawn]')) {
        window.__drawnAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
  `);
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => (globalThis as { __drawnAt?: number }).__drawnAt ?? 0, null, { timeout: 60_000 });
  const ms = Math.round((await handle.jsonValue()) as number);
  // Let late requests (none expected) finish being counted.
  await page.waitForLoadState('networkidle');
  await page.close();
  return { ms, bytes, requests };
}

export async function measurePageLoad(options: { base: string; cookie: string; path: string; runs?: number; chromiumPath?: string }): Promise<PageLoad> {
  const runs = options.runs ?? 5;
  const fontDir = mkdtempSync(join(tmpdir(), 'dx-bench-fonts-'));
  const browser = await chromium.launch({
    env: japaneseFontEnv(fontDir),
    executablePath: options.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const url = new URL(options.path, options.base).toString();
  const cookies = options.cookie.split('; ').map((c) => {
    const [name, ...rest] = c.split('=');
    return { name: name!, value: rest.join('='), url: options.base };
  });
  try {
    const cold: Awaited<ReturnType<typeof open>>[] = [];
    const warm: Awaited<ReturnType<typeof open>>[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
      await context.addCookies(cookies);
      cold.push(await open(context, url, true));
      warm.push(await open(context, url, true));
      await context.close();
    }
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addCookies(cookies);
    const unthrottled = await open(context, url, false);
    await context.close();
    const summary = (xs: typeof cold) => ({
      medianMs: median(xs.map((x) => x.ms)),
      allMs: xs.map((x) => x.ms),
      transferKB: Math.round(median(xs.map((x) => x.bytes)) / 102.4) / 10,
      requests: median(xs.map((x) => x.requests)),
    });
    return { path: options.path, runs, cold: summary(cold), warm: summary(warm), unthrottledColdMs: unthrottled.ms };
  } finally {
    await browser.close();
    rmSync(fontDir, { recursive: true, force: true });
  }
}

export function pageLoadMarkdown(p: PageLoad): string[] {
  const ok = (b: boolean) => (b ? '✅' : '❌');
  return [
    `| 概要 (${p.path}) with its chart drawn, CPU ×${THROTTLE.cpuRate}, ${THROTTLE.downloadBitsPerSecond / 1e6} Mbps / ${THROTTLE.latencyMs} ms, median of ${p.runs} | ms | transferred | requests | target | met |`,
    '|---|---:|---:|---:|---|---|',
    `| cold cache (new profile) | ${p.cold.medianMs} (${p.cold.allMs.join(', ')}) | ${p.cold.transferKB} KB | ${p.cold.requests} | ≤ ${PAGE_TARGETS.coldMs} ms, ≤ ${PAGE_TARGETS.coldKB} KB | ${ok(p.cold.medianMs <= PAGE_TARGETS.coldMs && p.cold.transferKB <= PAGE_TARGETS.coldKB)} |`,
    `| warm cache (same profile, opened again) | ${p.warm.medianMs} (${p.warm.allMs.join(', ')}) | ${p.warm.transferKB} KB | ${p.warm.requests} | ≤ ${PAGE_TARGETS.warmMs} ms | ${ok(p.warm.medianMs <= PAGE_TARGETS.warmMs)} |`,
    `| cold cache, no throttling (reference) | ${p.unthrottledColdMs} | | | | |`,
    '',
  ];
}

// ---- `npm run bench:page`: the demo data on a server of its own -----------------------------------
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
  const dir = mkdtempSync(join(tmpdir(), 'dx-bench-page-'));
  const port = 3950 + Math.floor(Math.random() * 40);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [...SERVER_ARGS], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'dx.sqlite'), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
    stdio: 'inherit',
  });
  const stop = () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        if (i > 600) throw new Error('the server did not start');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-admin', password: 'demo-password' }) });
    if (!login.ok) throw new Error(`login: ${login.status}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const bodies = (await (await fetch(`${base}/api/bodies?q=${encodeURIComponent('上天草市')}`, { headers: { cookie } })).json()) as { items: { id: number }[] };
    const result = await measurePageLoad({ base, cookie, path: `/bodies/${bodies.items[0]!.id}` });
    console.log(JSON.stringify(result, null, 2));
    console.log(pageLoadMarkdown(result).join('\n'));
  } finally {
    stop();
  }
}
