/**
 * Accounts and sessions: the same answer for an unknown user, a wrong password and a disabled
 * account; logout revokes; expiry; the cookie's
 * flags (Secure only behind TLS with TRUST_PROXY); only the token's hash is stored; /api/auth/me.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hashToken, SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { createUser } from '../../server/auth/users.ts';
import { sessions, users } from '../../server/db/schema.ts';
import { createTestApp, DEMO_PASSWORD, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';

let t: TestApp;

const login = (username: string, password: string, remoteAddress = '10.0.0.1', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });

beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

describe('login', () => {
  it('answers an unknown user, a wrong password and a disabled account the same way', async () => {
    await createUser(t.db, { username: 'disabled-one', role: 'viewer', bodyCode: '432121', password: TEST_PASSWORD });
    t.db.update(users).set({ disabled: true }).where(eq(users.username, 'disabled-one')).run();
    const answers = [
      await login('demo-officer', 'wrong-password', '10.1.0.1'),
      await login('no-such-user', DEMO_PASSWORD, '10.1.0.2'),
      await login('disabled-one', TEST_PASSWORD, '10.1.0.3'),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        statusCode: 401,
        code: 'INVALID_CREDENTIALS',
        error: 'Unauthorized',
        message: 'ユーザー名またはパスワードが正しくありません。',
      });
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    }
  });

  it('logs in with the demo password, sets an HttpOnly SameSite=Lax cookie, and stores only the token hash', async () => {
    const res = await login('ＤＥＭＯ-Officer', DEMO_PASSWORD, '10.2.0.1'); // full-width and capitals are the same name
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const stored = t.db.select().from(sessions).all();
    expect(JSON.stringify(stored)).not.toContain(cookie.value);
    expect(stored.some((s) => s.tokenHash === hashToken(cookie.value))).toBe(true);

    const me = res.json();
    expect(me.user).toMatchObject({ username: 'demo-officer', role: 'officer', roleLabel: 'DX推進員' });
    expect(me.body).toMatchObject({ code: '432121', name: '上天草市' });
    expect(me.sections.map((s: { name: string }) => s.name).sort()).toEqual(['市民課', '行革デジタル戦略課'].sort());
    expect(me.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(me.permissions).toMatchObject({
      readScope: { kind: 'body', bodyId: me.body.id },
      manageReferenceData: false,
      managePlan: false,
      editProgress: true,
      editableSectionIds: me.sections.map((s: { id: number }) => s.id),
      officerEditableFields: { item: ['notes'], milestone: ['status', 'actualStartDate', 'actualDate', 'note'] },
      viewAuditLog: false,
      viewReportingStatus: false,
      useMyUpdates: true,
    });
  });

  it('shapes /api/auth/me for every role', async () => {
    const hq = (await t.as('hq').inject('/api/auth/me')).json();
    expect(hq.permissions).toMatchObject({ managePlan: true, editableSectionIds: null, viewAuditLog: true, officerEditableFields: null });
    const pref = (await t.as('prefecture').inject('/api/auth/me')).json();
    expect(pref).toMatchObject({ body: null, prefecture: { code: '43', name: '熊本県' }, sections: [] });
    expect(pref.permissions).toMatchObject({ readScope: { kind: 'prefecture', prefectureCode: '43' }, editProgress: false, useMyUpdates: false });
    const viewer = (await t.as('viewer').inject('/api/auth/me')).json();
    expect(viewer.permissions).toMatchObject({ editProgress: false, managePlan: false, editableSectionIds: [] });
    const admin = (await t.inject('/api/auth/me')).json();
    expect(admin.permissions).toMatchObject({ readScope: { kind: 'all' }, manageReferenceData: true });
  });
  // Throttling and the login log: tests/auth/throttle.test.ts.
});

describe('sessions', () => {
  it('logout revokes the session: the cookie no longer works', async () => {
    const res = await login('demo-hq', DEMO_PASSWORD, '10.6.0.1');
    const cookie = `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
    const csrf = res.json().csrfToken;
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cleared.value).toBe('');
    const after = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'ログインしてください。' });
    const row = t.db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(cookie.split('=')[1]!))).get()!;
    expect(row.revokedAt).not.toBeNull();
  });

  it('refuses an expired session, a garbage cookie and a disabled user', async () => {
    const res = await login('demo-viewer', DEMO_PASSWORD, '10.7.0.1');
    const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const cookie = `${SESSION_COOKIE}=${token}`;
    t.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(eq(sessions.tokenHash, hashToken(token))).run();
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/bodies', headers: { cookie: `${SESSION_COOKIE}=garbage` } })).statusCode).toBe(401);

    await createUser(t.db, { username: 'soon-disabled', role: 'viewer', bodyCode: '432121', password: TEST_PASSWORD });
    const live = await login('soon-disabled', TEST_PASSWORD, '10.7.0.2');
    const liveCookie = `${SESSION_COOKIE}=${live.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: liveCookie } })).statusCode).toBe(200);
    t.db.update(users).set({ disabled: true }).where(eq(users.username, 'soon-disabled')).run();
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: liveCookie } })).statusCode).toBe(401);
  });

  it('a new login from the same browser ends its previous session', async () => {
    const first = await login('demo-officer', DEMO_PASSWORD, '10.8.0.1');
    const cookie = `${SESSION_COOKIE}=${first.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
    const second = await login('demo-officer', DEMO_PASSWORD, '10.8.0.1', { cookie });
    expect(second.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('sets the Secure flag behind TLS only when TRUST_PROXY lets the app believe X-Forwarded-Proto', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };
    const untrusted = await login('demo-admin', DEMO_PASSWORD, '10.9.0.1', forwarded);
    expect(untrusted.cookies.find((c) => c.name === SESSION_COOKIE)!.secure).toBeFalsy();

    const behindProxy = await createTestApp({ demo: true, trustProxy: true });
    try {
      const res = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'demo-admin', password: DEMO_PASSWORD },
        remoteAddress: '127.0.0.1',
        headers: forwarded,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)!.secure).toBe(true);
      // The client's address (for throttling) is the forwarded one.
      const session = behindProxy.db.select().from(sessions).orderBy(sessions.id).all().at(-1)!;
      expect(session.ip).toBe('203.0.113.9');
    } finally {
      await behindProxy.close();
    }
  });
});
