/**
 * The attacks of issue 14 that belong to the hardening branch (items 2, 3, 4, 5), each against the real
 * app: a test here failed before the fix (see the closing note of issue 14) and passes now.
 *
 * - 21 failed logins with made-up user names from one office address, then a correct login from it.
 * - 12 parallel correct logins of one account from one address.
 * - a viewer flooding the live quarterly review and the standardization matrix.
 * - a client that sends one byte of a promised 100 (a real socket).
 * - a session that outlives its password (hash replaced) or its disabling (re-enabled later).
 */
import { connect } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { users } from '../../server/db/schema.ts';
import { createTestApp, createTestDb, DEMO_PASSWORD, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = (await t.inject(`/api/bodies?q=${encodeURIComponent('上天草市')}`)).json().items[0].id;
});
afterAll(async () => t?.close());

const login = (username: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

const cookieOf = (res: { cookies: { name: string; value: string }[] }) => `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;

describe('an office cannot be locked out', () => {
  it('21 failed logins with made-up user names from one address, then a correct password from it: 200', { timeout: 120_000 }, async () => {
    const office = '10.20.0.1';
    for (let i = 0; i < 21; i++) {
      const res = await login(`made-up-${i}`, 'wrong-password', office);
      expect(res.statusCode, res.body).toBe(401);
    }
    const ok = await login('demo-hq', DEMO_PASSWORD, office);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('12 parallel correct logins of one account from one address: all 200, none 429', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => login('demo-viewer', DEMO_PASSWORD, '10.20.0.2')));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
  });
});

describe('costly reads are limited per user', () => {
  it('a viewer flooding the live quarterly review gets 429 with a truthful Retry-After; hq is not affected', async () => {
    const viewer = t.as('viewer');
    const url = `/api/bodies/${bodyId}/quarters/2026/2/review`;
    const codes: number[] = [];
    let limited: Awaited<ReturnType<typeof viewer.inject>> | null = null;
    for (let i = 0; i < 200 && !limited; i++) {
      const res = await viewer.inject(url);
      codes.push(res.statusCode);
      if (res.statusCode === 429) limited = res;
    }
    expect(limited, `no 429 after ${codes.length} reviews`).not.toBeNull();
    expect(limited!.json().code).toBe('RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.as('hq').inject(url)).statusCode).toBe(200);
  });

  it('a viewer flooding the standardization matrix gets 429', async () => {
    await t.createUser({ username: 'second-viewer', role: 'viewer', bodyCode: '432121' });
    const viewer = t.as('second-viewer');
    let limited = false;
    for (let i = 0; i < 200 && !limited; i++) limited = (await viewer.inject(`/api/bodies/${bodyId}/standardization`)).statusCode === 429;
    expect(limited).toBe(true);
  });
});

describe('slow clients are cut off', () => {
  it('a client that sends one byte of a promised 100 is disconnected', { timeout: 30_000 }, async () => {
    const db = createTestDb();
    const app = await buildApp({ db: db.db, webRoot: false, timeouts: { requestMs: 1000, headersMs: 1000, idleMs: 1000, keepAliveMs: 1000 } } as never);
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
      const started = Date.now();
      const closed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 10_000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
        socket.on('error', () => undefined);
        socket.resume();
      });
      socket.destroy();
      expect(closed, 'the server kept the connection for 10 s').toBe(true);
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      await app.close();
      db.close();
    }
  });
});

describe('sessions end with their credentials', () => {
  it('a session stops working when the password hash is replaced', async () => {
    await t.createUser({ username: 'pw-changed', role: 'viewer', bodyCode: '432121' });
    const cookie = cookieOf(await login('pw-changed', TEST_PASSWORD, '10.20.0.3'));
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    t.db.update(users).set({ passwordHash: await hashPassword('another-long-password-9') }).where(eq(users.username, 'pw-changed')).run();
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a disabled user’s session does not come back when the user is enabled again', async () => {
    await t.createUser({ username: 'was-disabled', role: 'viewer', bodyCode: '432121' });
    const cookie = cookieOf(await login('was-disabled', TEST_PASSWORD, '10.20.0.4'));
    t.db.update(users).set({ disabled: true }).where(eq(users.username, 'was-disabled')).run();
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    t.db.update(users).set({ disabled: false }).where(eq(users.username, 'was-disabled')).run();
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
