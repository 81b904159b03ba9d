/**
 * Web security on the real app (app.inject): security headers and the Content-Security-Policy on
 * API, SPA and docs responses, no stack trace or SQL in a 500, login throttling, and the rate limit of
 * expensive reads (per user + address, Japanese 429 in the usual error shape).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { createTestApp, createTestDb, DEMO_AS_OF, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true, limits: { heavyPerMinute: 5 } });
  bodyId = (await t.inject(`/api/bodies?q=${encodeURIComponent('上天草市')}`)).json().items[0].id;
});
afterAll(async () => t?.close());

function cspOf(header: string | string[] | number | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of String(header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values.join(' '));
  }
  return map;
}

function expectSecureHeaders(headers: Record<string, unknown>, what: string) {
  const csp = cspOf(headers['content-security-policy'] as string);
  expect(csp.get('script-src'), `${what}: script-src`).toBe("'self'");
  expect(csp.get('style-src'), `${what}: style-src`).toBe("'self'");
  expect(csp.get('script-src-attr'), `${what}: script-src-attr`).toBe("'none'");
  expect(csp.get('frame-ancestors'), `${what}: frame-ancestors`).toBe("'none'");
  expect(csp.get('object-src'), `${what}: object-src`).toBe("'none'");
  expect(csp.get('default-src'), `${what}: default-src`).toBe("'self'");
  expect(csp.has('upgrade-insecure-requests'), `${what}: no upgrade-insecure-requests (plain HTTP on a LAN)`).toBe(false);
  for (const [name, value] of csp) expect(value, `${what}: ${name} must not allow inline code`).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('same-origin');
  expect(headers['x-powered-by'], what).toBeUndefined();
}

describe('security headers', () => {
  it('on API responses, errors included', async () => {
    expectSecureHeaders((await t.inject('/api/bodies')).headers, 'GET /api/bodies');
    expectSecureHeaders((await t.inject('/api/items/999999')).headers, '404');
    expectSecureHeaders((await t.app.inject('/api/health')).headers, 'public health');
    expectSecureHeaders((await t.app.inject('/api/bodies')).headers, '401');
    expectSecureHeaders((await t.app.inject('/api/nothing')).headers, 'unknown route');
  });

  it('on the SPA (index.html and assets) and the API docs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dx-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title><script type="module" src="/assets/a.js"></script>');
    writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
    const db = createTestDb();
    const app = await buildApp({ db: db.db, webRoot: dir });
    try {
      const index = await app.inject({ url: '/bodies/1', headers: { accept: 'text/html' } });
      expect(index.statusCode).toBe(200);
      expectSecureHeaders(index.headers, 'SPA fallback');
      expectSecureHeaders((await app.inject('/')).headers, 'index.html');
      expectSecureHeaders((await app.inject('/assets/a.js')).headers, 'asset');
      const docs = await app.inject('/api/docs');
      expect(docs.statusCode).toBe(200);
      expectSecureHeaders(docs.headers, 'API docs');
      // The docs page loads its scripts from files, with no inline code the CSP would block.
      expect(docs.body).toContain('swagger-initializer.js');
      expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)|<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    } finally {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the session cookie is HttpOnly and SameSite, and Secure behind a trusted TLS proxy', async () => {
    const p = await createTestApp({ trustProxy: '127.0.0.1' });
    try {
      const login = (headers: Record<string, string>) =>
        p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'test-admin', password: 'test-password-123' }, headers });
      const sessionCookie = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat(res.headers['set-cookie'] as string | string[]).find((c) => c.startsWith('dx_session='))!;
      const plain = sessionCookie(await login({}));
      expect(plain).toMatch(/HttpOnly/);
      expect(plain).toMatch(/SameSite=Lax/);
      expect(plain).not.toMatch(/Secure/);
      const tls = sessionCookie(await login({ 'x-forwarded-proto': 'https' }));
      expect(tls).toMatch(/; Secure/);
    } finally {
      await p.close();
    }
  });
});

describe('errors leak nothing', () => {
  it('a 500 from a failing SQL statement has no stack trace, SQL or table name', async () => {
    const db = createTestDb({ demo: true });
    const app = await buildApp({ db: db.db, webRoot: false });
    app.get('/boom', async () => {
      db.db.$client.prepare('SELECT secret_column FROM missing_table WHERE id = 1').get();
      return {};
    });
    try {
      const res = await app.inject('/boom');
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        error: 'Internal Server Error',
        message: expect.stringMatching(/サーバー内部でエラー/),
      });
      expect(res.body).not.toMatch(/missing_table|secret_column|SELECT|SqliteError|\.ts:\d+|at \w+ \(/);
    } finally {
      await app.close();
      db.close();
    }
  });

  it('an API route whose table is gone answers 500 without SQL', async () => {
    const db = t.db.$client;
    db.exec('ALTER TABLE plan_items RENAME TO plan_items_gone');
    try {
      const res = await t.inject(`/api/bodies/${bodyId}/items`);
      expect(res.statusCode).toBe(500);
      expect(res.json().message).toMatch(/サーバー内部でエラー/);
      expect(res.body).not.toMatch(/plan_items|SELECT|from|Sqlite|stack|\.ts/i);
    } finally {
      db.exec('ALTER TABLE plan_items_gone RENAME TO plan_items');
    }
    expect((await t.inject(`/api/bodies/${bodyId}/items`)).statusCode).toBe(200);
  });
});

describe('rate limits', () => {
  it('logins: the 6th failure of one user from one address in 15 minutes is a 429 in Japanese', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'no-such-user', password: 'wrong-password-x' } });
      codes.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/ログイン/) });
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('heavy reads: limited per user with a Japanese 429; other users and cheap routes unaffected', async () => {
    const url = `/api/bodies/${bodyId}/dashboard?asOf=${DEMO_AS_OF}`;
    const hq = t.as('hq');
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await hq.inject(url)).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const res = await hq.inject(url);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      error: 'Too Many Requests',
      message: expect.stringMatching(/^短時間に多くの要求があったため.*秒後にもう一度お試しください。$/),
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expectSecureHeaders(res.headers, '429');
    // Another user from the same address still gets through, and cheap reads are not limited.
    expect((await t.as('viewer').inject(url)).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await hq.inject(`/api/bodies/${bodyId}`)).statusCode).toBe(200);
    // Per user, not per address: another address does not give the same user a new allowance.
    expect((await hq.inject({ url, remoteAddress: '10.0.0.9' })).statusCode).toBe(429);
  });

  it('every route declares a cost; dashboards, summaries, reviews, audit lists and roll-ups are heavy, files are exports', () => {
    const costOf = new Map(t.app.apiRoutes.map((r) => [`${r.method} ${r.url}`, r.cost]));
    for (const r of t.app.apiRoutes) {
      const key = `${r.method} ${r.url}`;
      expect(r.cost, key).toMatch(/^(public|publicRead|login|read|heavy|export|write|upload)$/);
      // The residents' public data (issue 21), and only it, is limited per address: no session, read-only.
      expect(r.cost === 'publicRead', key).toBe(r.url.startsWith('/api/public/'));
      if (r.cost === 'publicRead') {
        expect(['GET', 'HEAD'], key).toContain(r.method);
        expect(r.rule.access, key).toBe('public');
      } else if (r.method === 'GET' && /\.(csv|xlsx|pdf)$/.test(r.url)) expect(r.cost, key).toBe('export');
      else if (r.method === 'GET' && /\/(dashboard|summary|review|standardization|audit|rollups|peers|my-updates|reporting-status|login-log)(\/|$)/.test(r.url)) {
        expect(r.cost, key).toBe('heavy');
      }
      // A POST that only computes (a dry run such as the data pack's preview, rolled back) is a heavy read.
      if (r.method !== 'GET' && r.method !== 'HEAD') expect(r.url.endsWith('/preview') ? ['heavy'] : ['write', 'upload', 'login'], key).toContain(r.cost);
    }
    expect(costOf.get('GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/review')).toBe('heavy');
    expect(costOf.get('GET /api/bodies/:bodyId/standardization')).toBe('heavy');
  });
});
