/**
 * Issue 14 item 7 on the real app: validation errors are capped (first 20, each once); API answers carry
 * `Cache-Control: no-store` (the versioned dashboards `private, no-cache`, still answering 304); every
 * answer has the security headers, framework errors included (400, 404, 413, 415, 431, and a request the
 * parser refused); other Host names are refused; the Origin of a write must match in scheme, host and port.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { createTestApp, createTestDb, DEMO_AS_OF, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
let milestone: { id: number; version: number };

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = (await t.inject(`/api/bodies?q=${encodeURIComponent('上天草市')}`)).json().items[0].id;
  const m = t.db.$client.prepare('SELECT id, version FROM milestones LIMIT 1').get() as { id: number; version: number };
  milestone = m;
});
afterAll(async () => t?.close());

function expectHeaders(headers: Record<string, unknown>, what: string) {
  expect(String(headers['content-security-policy']), what).toContain("script-src 'self'");
  expect(String(headers['content-security-policy']), what).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('same-origin');
}

/** A raw HTTP exchange on a real socket: the status line and headers of the answer. */
async function raw(port: number, request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const socket = connect(port, '127.0.0.1');
  let data = '';
  socket.on('data', (d) => (data += d));
  socket.on('error', () => undefined);
  socket.write(request);
  await new Promise<void>((r) => socket.once('close', () => r()));
  const [head = '', body = ''] = data.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('validation errors', () => {
  it('a PATCH with 20,000 unknown fields gets the first 20, each once, in a small answer', async () => {
    const payload: Record<string, unknown> = { version: milestone.version };
    for (let i = 0; i < 20_000; i++) payload[`k${i}`] = 0; // ~220 KB, under the 256 KiB body limit
    const res = await t.inject({ method: 'PATCH', url: `/api/milestones/${milestone.id}`, payload });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errors).toHaveLength(20);
    expect(new Set(body.errors.map((e: { field: string }) => e.field)).size).toBe(20);
    expect(body.message).toMatch(/ほか19,980件/);
    // Each error once: the message does not repeat the list.
    expect(body.message.split('「k1」').length - 1).toBeLessThanOrEqual(1);
    expect(res.body.length).toBeLessThan(8_000);
  });

  it('a single error keeps its own message', async () => {
    const res = await t.inject({ method: 'PATCH', url: `/api/milestones/${milestone.id}`, payload: { version: milestone.version, status: 'bogus' } });
    expect(res.statusCode).toBe(400);
    // Fields are named in Japanese only (issue 12); the id stays in errors[].field.
    expect(res.json().message).toMatch(/^状況は次のいずれかで指定してください/);
    expect(res.json().errors[0].field).toBe('status');
  });
});

describe('Cache-Control', () => {
  it('no-store on API answers with personal data or tokens, errors included', async () => {
    for (const url of ['/api/auth/me', `/api/bodies/${bodyId}`, `/api/bodies/${bodyId}/items`, '/api/items/99999999', '/api/nothing']) {
      expect((await t.inject(url)).headers['cache-control'], url).toBe('no-store');
    }
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-hq', password: 'demo-password' } });
    expect(login.headers['cache-control']).toBe('no-store');
    expect((await t.app.inject('/api/auth/me')).headers['cache-control']).toBe('no-store'); // 401
  });

  it('the dashboard stays revalidated with its ETag: private, no-cache, and 304', async () => {
    const url = `/api/bodies/${bodyId}/dashboard?asOf=${DEMO_AS_OF}`;
    const first = await t.inject(url);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await t.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe('private, no-cache');
  });
});

describe('security headers on framework errors', () => {
  it('400 (bad JSON), 404, 413, 415 through the app', async () => {
    const url = `/api/milestones/${milestone.id}`;
    const bad = await t.inject({ method: 'PATCH', url, payload: '{"version":', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expectHeaders(bad.headers, '400 bad JSON');
    const big = await t.inject({ method: 'PATCH', url, payload: JSON.stringify({ note: 'x'.repeat(300 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(big.statusCode).toBe(413);
    expectHeaders(big.headers, '413');
    const type = await t.inject({ method: 'PATCH', url, payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(type.statusCode).toBe(415);
    expectHeaders(type.headers, '415');
    const missing = await t.app.inject('/api/%E0%A4%A');
    expect(missing.statusCode).toBeGreaterThanOrEqual(400);
    expectHeaders(missing.headers, `${missing.statusCode} bad URL`);
  });

  it('431 (headers too large) and 400 (a request the parser refused) on a real socket', async () => {
    const db = createTestDb();
    const app = await buildApp({ db: db.db, webRoot: false });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const huge = await raw(port, `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(huge.status).toBe(431);
      expectHeaders(huge.headers, '431');
      expect(JSON.parse(huge.body).message).toMatch(/ヘッダーが大きすぎます/);
      const garbage = await raw(port, 'GARBAGE\r\n\r\n');
      expect(garbage.status).toBe(400);
      expectHeaders(garbage.headers, '400 parser');
    } finally {
      await app.close();
      db.close();
    }
  });
});

describe('Host and Origin', () => {
  it('refuses Host names that are not allowed (default: this machine’s loopback names)', async () => {
    const res = await t.app.inject({ url: '/api/health', headers: { host: 'evil.example' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    expectHeaders(res.headers, 'host refused');
    expect((await t.app.inject({ url: '/api/health', headers: { host: '127.0.0.1:3000' } })).statusCode).toBe(200);
  });

  it('serves ALLOWED_HOSTS / PUBLIC_URL names, and a write’s Origin must match scheme, host and port', async () => {
    const p = await createTestApp({ demo: true, security: { allowedHosts: ['dx.example.lg.jp', 'dx-internal:8080', 'localhost'] }, publicUrl: 'https://dx.example.lg.jp' });
    try {
      expect((await p.app.inject({ url: '/api/health', headers: { host: 'dx.example.lg.jp' } })).statusCode).toBe(200);
      expect((await p.app.inject({ url: '/api/health', headers: { host: 'dx-internal:8080' } })).statusCode).toBe(200);
      expect((await p.app.inject({ url: '/api/health', headers: { host: 'dx-internal:9090' } })).statusCode).toBe(400);
      expect((await p.app.inject({ url: '/api/health', headers: { host: 'other.example' } })).statusCode).toBe(400);
      const m = p.db.$client.prepare('SELECT id, version FROM milestones LIMIT 1').get() as { id: number; version: number };
      const hq = p.as('hq');
      const write = (origin: string, host = 'dx.example.lg.jp') =>
        hq.inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: 999, note: 'x' }, headers: { origin, host } });
      // Refused as CSRF (403) or accepted up to the version check (409).
      expect((await write('https://dx.example.lg.jp')).statusCode).toBe(409);
      expect((await write('http://dx.example.lg.jp')).statusCode).toBe(403); // scheme
      expect((await write('https://dx.example.lg.jp:8443')).statusCode).toBe(403); // port
      expect((await write('https://evil.example')).statusCode).toBe(403);
      expect((await write('http://dx-internal:8080', 'dx-internal:8080')).statusCode).toBe(409); // its own origin
    } finally {
      await p.close();
    }
  });

  it('without PUBLIC_URL, an https Origin is refused by a plain-HTTP app (scheme compared)', async () => {
    const hq = t.as('hq');
    const res = await hq.inject({ method: 'PATCH', url: `/api/milestones/${milestone.id}`, payload: { version: 999 }, headers: { origin: 'https://localhost', host: 'localhost' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_REJECTED');
  });
});
