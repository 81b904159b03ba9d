import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { THROTTLE } from './bench/page-load.ts';
const dir = mkdtempSync(join(tmpdir(), 'wf-'));
const port = 3990;
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'dx.sqlite'), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' }, stdio: 'inherit' });
try {
  for (;;) { try { if ((await fetch(`${base}/api/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 100)); }
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-admin', password: 'demo-password' }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const bodies = (await (await fetch(`${base}/api/bodies?q=${encodeURIComponent('上天草市')}`, { headers: { cookie } })).json()) as any;
  const url = `${base}/bodies/${bodies.items[0].id}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  await context.addCookies(cookie.split('; ').map((c) => { const [n, ...r] = c.split('='); return { name: n!, value: r.join('='), url: base }; }));
  for (const run of ['cold', 'warm']) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: THROTTLE.latencyMs, downloadThroughput: THROTTLE.downloadBitsPerSecond / 8, uploadThroughput: THROTTLE.uploadBitsPerSecond / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpuRate });
    const reqs = new Map<string, any>();
    let t0 = 0;
    cdp.on('Network.requestWillBeSent', (e: any) => { if (!t0) t0 = e.timestamp; reqs.set(e.requestId, { url: e.request.url.replace(base, ''), start: e.timestamp }); });
    cdp.on('Network.loadingFinished', (e: any) => { const r = reqs.get(e.requestId); if (r) { r.end = e.timestamp; r.bytes = e.encodedDataLength; } });
    cdp.on('Network.requestServedFromCache', (e: any) => { const r = reqs.get(e.requestId); if (r) r.cache = true; });
    await page.addInitScript(`new MutationObserver((_, o) => { if (document.querySelector('canvas[data-drawn]')) { window.__drawnAt = performance.now(); o.disconnect(); } }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });`);
    await page.goto(url, { waitUntil: 'commit' });
    const h = await page.waitForFunction(() => (globalThis as any).__drawnAt ?? 0, null, { timeout: 60000 });
    const drawn = await h.jsonValue();
    await page.waitForLoadState('networkidle');
    const timing = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0]));
    console.log(`--- ${run}: drawn at ${Math.round(drawn as number)} ms`);
    const nav = JSON.parse(timing);
    console.log(`nav: responseEnd ${Math.round(nav.responseEnd)} domInteractive ${Math.round(nav.domInteractive)} domContentLoaded ${Math.round(nav.domContentLoadedEventEnd)}`);
    for (const r of [...reqs.values()].sort((a, b) => a.start - b.start)) console.log(`${String(Math.round((r.start - t0) * 1000)).padStart(5)} → ${String(Math.round(((r.end ?? r.start) - t0) * 1000)).padStart(5)} ${String(r.bytes ?? '').padStart(7)} ${r.cache ? 'cache' : ''} ${r.url.slice(0, 90)}`);
    await page.close();
  }
  await browser.close();
} finally { server.kill('SIGTERM'); setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500); }
