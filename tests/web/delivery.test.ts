/**
 * How the page reaches a town-hall PC: hashed assets pre-compressed at build and cached for a year,
 * index.html revalidated, JSON answers compressed (and cached answers compressed once). Runs on the real
 * build (`npm test` builds web/dist first; `node scripts/ensure-web-build.mjs` when run alone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { IMMUTABLE, REVALIDATE } from '../../server/plugins/web.ts';
import { negotiateEncoding } from '../../server/plugins/compression.ts';
import { createTestApp, createTestDb } from '../helpers/app.ts';
import { REPO_ROOT } from '../helpers/server.ts';

const dist = join(REPO_ROOT, 'web', 'dist');

describe('web assets', () => {
  const db = createTestDb();
  let app: Awaited<ReturnType<typeof buildApp>>;
  let assets: string[];

  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html'))) execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { cwd: REPO_ROOT });
    assets = readdirSync(join(dist, 'assets'));
    app = await buildApp({ db: db.db, webRoot: dist });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app.close();
    db.close();
  });

  it('the build writes .br and .gz beside every script and stylesheet of 1 KiB or more', () => {
    const texts = assets.filter((f) => /\.(js|css)$/.test(f));
    expect(texts.length).toBeGreaterThan(10);
    for (const f of texts) {
      const raw = readFileSync(join(dist, 'assets', f));
      if (raw.length < 1024) continue;
      expect(assets, f).toContain(`${f}.br`);
      expect(assets, f).toContain(`${f}.gz`);
      expect(brotliDecompressSync(readFileSync(join(dist, 'assets', `${f}.br`))).equals(raw), `${f}.br`).toBe(true);
      expect(gunzipSync(readFileSync(join(dist, 'assets', `${f}.gz`))).equals(raw), `${f}.gz`).toBe(true);
    }
  });

  it('a hashed asset is sent pre-compressed and immutable for a year', async () => {
    const largest = assets
      .filter((f) => f.endsWith('.js'))
      .map((f) => ({ f, size: readFileSync(join(dist, 'assets', f)).length }))
      .sort((a, b) => b.size - a.size)[0]!;
    const raw = readFileSync(join(dist, 'assets', largest.f));

    const br = await app.inject({ url: `/assets/${largest.f}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(raw.length / 2);
    expect(brotliDecompressSync(br.rawPayload).equals(raw)).toBe(true);

    const gz = await app.inject({ url: `/assets/${largest.f}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(raw)).toBe(true);

    const plain = await app.inject({ url: `/assets/${largest.f}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.rawPayload.equals(raw)).toBe(true);
  });

  it('index.html and the SPA fallback are revalidated on every load', async () => {
    const index = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe(REVALIDATE);
    const fallback = await app.inject({ url: '/bodies/3/timeline', headers: { accept: 'text/html' } });
    expect(fallback.statusCode).toBe(200);
    expect(fallback.headers['cache-control']).toBe(REVALIDATE);
    expect(fallback.body).toContain('<div id="app"');
    const etag = String(index.headers.etag ?? index.headers['last-modified']);
    expect(etag.length).toBeGreaterThan(0);
  });
});

describe('JSON answers', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let bodyId: number;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    const bodies = (await t.inject('/api/bodies?q=上天草市')).json();
    bodyId = bodies.items[0].id;
  });
  afterAll(() => t.close());

  it('Accept-Encoding is negotiated: brotli first, q=0 refused, * honoured', () => {
    expect(negotiateEncoding(undefined)).toBe(null);
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBe(null);
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0')).toBe(null);
  });

  it('the dashboard is compressed for browsers that accept it and equals the plain answer', async () => {
    const url = `/api/bodies/${bodyId}/dashboard`;
    const plain = await t.inject(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const br = await t.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());

    // A cache hit sends the same compressed bytes (compressed once, remembered with the cached answer).
    const again = await t.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(again.rawPayload.equals(br.rawPayload)).toBe(true);

    const gz = await t.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());

    // Revalidation still answers 304 without a body.
    const etag = String(br.headers.etag);
    const notModified = await t.inject({ url, headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.rawPayload.length).toBe(0);
  });

  it('answers computed per request (not cached) are compressed too; small ones are not', async () => {
    const items = await t.inject({ url: `/api/bodies/${bodyId}/items`, headers: { 'accept-encoding': 'gzip' } });
    expect(items.statusCode).toBe(200);
    expect(items.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(items.rawPayload).toString('utf8'))).toEqual((await t.inject(`/api/bodies/${bodyId}/items`)).json());

    const health = await t.app.inject({ url: '/api/health', headers: { 'accept-encoding': 'gzip, br' } });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
