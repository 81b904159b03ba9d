/**
 * Cost-aware limits (server/plugins/limits.ts) and per-client bounds (server/timeouts.ts) on the real app:
 * heavy reads and exports are limited per user with a Retry-After that tells the truth; at most two
 * exports at once per user; at most N uploads being received at once per client address (each holds a
 * temp file); at most N connections per client address.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_CONCURRENCY, InFlight, TokenBuckets } from '../../server/plugins/limits.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let clock = Date.now();
let t: TestApp;
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true, now: () => clock, limits: { heavyPerMinute: 6, exportPerMinute: 3, uploadsPerClient: 2 }, timeouts: { connectionsPerClient: 5 } });
  bodyId = (await t.inject(`/api/bodies?q=${encodeURIComponent('上天草市')}`)).json().items[0].id;
});
afterAll(async () => t?.close());

describe('token buckets', () => {
  it('give `size` at once, refill `size` per minute, and say exactly when the next one is there', () => {
    let now = 0;
    const b = new TokenBuckets(6, () => now);
    for (let i = 0; i < 6; i++) expect(b.take('u1')).toBe(0);
    expect(b.take('u1')).toBe(10); // one every 10 s
    expect(b.take('u2')).toBe(0); // per key
    now += 9_999;
    expect(b.take('u1')).toBe(1);
    now += 1;
    expect(b.take('u1')).toBe(0);
  });

  it('in-flight counts refuse past the maximum and free on release', () => {
    const f = new InFlight(2);
    const a = f.acquire('k')!;
    f.acquire('k');
    expect(f.acquire('k')).toBeNull();
    a();
    a(); // twice is once
    expect(f.count('k')).toBe(1);
    expect(f.acquire('k')).not.toBeNull();
  });
});

describe('per user', () => {
  it('heavy reads: 429 with Retry-After, accepted again exactly then', async () => {
    const viewer = t.as('viewer');
    const url = `/api/bodies/${bodyId}/standardization`;
    for (let i = 0; i < 6; i++) expect((await viewer.inject(url)).statusCode).toBe(200);
    const limited = await viewer.inject(url);
    expect(limited.statusCode).toBe(429);
    const wait = Number(limited.headers['retry-after']);
    expect(wait).toBe(10);
    clock += (wait - 1) * 1000;
    expect((await viewer.inject(url)).statusCode).toBe(429);
    clock += 1000;
    expect((await viewer.inject(url)).statusCode).toBe(200);
    // Reads of one row are not limited.
    for (let i = 0; i < 20; i++) expect((await viewer.inject(`/api/bodies/${bodyId}`)).statusCode).toBe(200);
  });

  it('exports: limited per user', async () => {
    const hq = t.as('hq');
    const url = `/api/bodies/${bodyId}/workbook.csv`;
    for (let i = 0; i < 3; i++) expect((await hq.inject(url)).statusCode).toBe(200);
    const limited = await hq.inject(url);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBe(20);
    clock += 20_000;
  });
});

/** Opens a real connection and sends `head` (and no more). */
async function open(port: number, head: string): Promise<{ socket: Socket; answer: Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((r, j) => socket.once('connect', () => r()).once('error', j));
  let data = '';
  socket.on('data', (d) => (data += d));
  socket.on('error', () => undefined);
  const answer = new Promise<string>((r) => {
    socket.on('data', () => data.includes('\r\n\r\n') && r(data));
    socket.once('close', () => r(data));
  });
  socket.write(head);
  return { socket, answer };
}

describe('per client address (real sockets)', () => {
  it('uploads received at once per address are bounded: one of three gets 429 before anything is stored', { timeout: 60_000 }, async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    // Three users behind one address (one user may run only one upload at a time: 409 IMPORT_IN_PROGRESS).
    const head = async (who: string) => {
      const c = t.as(who);
      await c.login();
      return `POST /api/bodies/${bodyId}/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${c.cookie}\r\nX-CSRF-Token: ${c.csrfToken}\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nID,版`;
    };
    const uploads = [await open(port, await head('officer')), await open(port, await head('hq')), await open(port, await head('admin'))];
    // Two are being received (no answer until their body arrives); one is refused at once.
    const answer = await Promise.race(uploads.map((u) => u.answer));
    expect(answer).toMatch(/^HTTP\/1\.1 429/);
    expect(answer).toContain('TOO_MANY_UPLOADS');
    for (const u of uploads) u.socket.destroy();
    expect(EXPORT_CONCURRENCY).toBe(2);
  });

  it('connections per client address are bounded (MAX_CONNECTIONS_PER_CLIENT)', { timeout: 30_000 }, async () => {
    const { port } = t.app.server.address() as { port: number };
    const sockets: Socket[] = [];
    for (let i = 0; i < 5; i++) sockets.push((await open(port, '')).socket);
    const sixth = await open(port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await sixth.answer).toBe(''); // closed without an answer
    for (const s of sockets) s.destroy();
    // Once they are closed, the client is served again.
    let ok = '';
    for (let i = 0; i < 50 && !ok.startsWith('HTTP/1.1 200'); i++) ok = await (await open(port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).answer;
    expect(ok).toMatch(/^HTTP\/1\.1 200/);
  });
});
