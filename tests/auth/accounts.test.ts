/**
 * Accounts (issue 14 item 5): changing one's own password (current one required; ≥ 12 characters; not the
 * user name; not a common password) ends every session of the user and gives this browser a new one;
 * resetting a password or disabling a user (the npm scripts) ends all its sessions, re-enabling revives
 * none; at most MAX_SESSIONS_PER_USER live sessions (the oldest end). Every change is in the login log.
 */
import { spawnSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblem, verifyPassword } from '../../server/auth/passwords.ts';
import { SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { loginLog, users } from '../../server/db/schema.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ demo: true, maxSessionsPerUser: 3 });
});
afterAll(async () => t?.close());

interface Signed {
  cookie: string;
  csrf: string;
}

async function login(username: string, password = TEST_PASSWORD, remoteAddress = '10.40.0.1'): Promise<Signed> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`, csrf: res.json().csrfToken };
}
const me = (s: Signed) => t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
const change = (s: Signed, currentPassword: string, newPassword: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword }, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, remoteAddress: '10.40.0.9' });

describe('password rules', () => {
  it('at least 12 characters, not the user name, not a common password (shipped list, with digits around, runs)', () => {
    expect(passwordProblem('short-pass', 'tanaka')).toMatch(/12文字以上/);
    expect(passwordProblem('tanaka-no-password', 'tanaka')).toMatch(/ユーザー名/);
    for (const p of ['password1234', 'qwertyuiop12', 'Sunshine2026!!', '123456789012', 'aaaaaaaaaaaa', 'demo-password', 'iloveyou1234567']) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    expect(passwordProblem('熊本城の石垣と天守閣を見に行く', 'tanaka')).toBeNull();
    expect(passwordProblem('kumamoto-castle-2026', 'tanaka')).toBeNull();
  });
});

describe('changing one’s own password', () => {
  it('needs the current password; refuses weak ones with a Japanese message on the field', async () => {
    await t.createUser({ username: 'changer', role: 'viewer', bodyCode: '432121' });
    const s = await login('changer');
    const wrong = await change(s, 'not-my-password', 'a-brand-new-passphrase');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'WRONG_PASSWORD', errors: [{ field: 'currentPassword' }] });
    for (const [next, message] of [
      ['short', /12文字以上/],
      ['changer-is-my-name', /ユーザー名/],
      ['password1234', /よく使われている/],
      [TEST_PASSWORD, /現在のパスワードと同じ/],
    ] as const) {
      const res = await change(s, TEST_PASSWORD, next);
      expect(res.statusCode, next).toBe(400);
      expect(res.json().message).toMatch(message);
      expect(res.json().errors[0].field).toBe('newPassword');
    }
    expect((await me(s)).statusCode).toBe(200); // nothing changed
  });

  it('ends every session of the user (other browsers too) and gives this browser a new one', async () => {
    await t.createUser({ username: 'rotator', role: 'viewer', bodyCode: '432121' });
    const here = await login('rotator');
    const elsewhere = await login('rotator', TEST_PASSWORD, '10.40.0.2');
    const res = await change(here, TEST_PASSWORD, 'kumamoto-castle-2026');
    expect(res.statusCode, res.body).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await me(here)).statusCode).toBe(401); // the old cookie of this browser too …
    const fresh = `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: fresh } })).json().csrfToken).toBe(res.json().csrfToken); // … it has a new one
    // The new password works, the old one does not.
    await login('rotator', 'kumamoto-castle-2026');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rotator', password: TEST_PASSWORD }, remoteAddress: '10.40.0.3' })).statusCode).toBe(401);
    const events = t.db.select({ event: loginLog.event }).from(loginLog).where(eq(loginLog.username, 'rotator')).all().map((e) => e.event);
    expect(events).toContain('password_changed');
  });

  it('a wrong current password is a counted failure: the sixth in a row waits', async () => {
    await t.createUser({ username: 'guessed', role: 'viewer', bodyCode: '432121' });
    const s = await login('guessed');
    for (let i = 0; i < 5; i++) expect((await change(s, `guess-${i}`, 'a-brand-new-passphrase')).statusCode).toBe(400);
    const locked = await change(s, TEST_PASSWORD, 'a-brand-new-passphrase');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toMatch(/パスワードの変更を止めています/);
  });
});

describe('sessions per user', () => {
  it('at most MAX_SESSIONS_PER_USER live sessions: a new login ends the oldest', async () => {
    await t.createUser({ username: 'many-pcs', role: 'viewer', bodyCode: '432121' });
    const sessions = [];
    for (let i = 0; i < 4; i++) sessions.push(await login('many-pcs', TEST_PASSWORD, `10.41.0.${i}`));
    const codes = await Promise.all(sessions.map(async (s) => (await me(s)).statusCode));
    expect(codes).toEqual([401, 200, 200, 200]);
  });
});

describe('npm run user:reset-password / user:disable / user:enable', () => {
  const run = (script: string, args: string[], input = '') =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-password.ts', script, ...args], { env: { ...process.env, DATABASE_PATH: t.path }, input, encoding: 'utf8' });

  it('reset-password sets the password from stdin, ends the sessions, and is logged', async () => {
    await t.createUser({ username: 'forgetful', role: 'viewer', bodyCode: '432121' });
    const s = await login('forgetful');
    const r = run('reset-password', ['--username', 'forgetful', '--password-stdin'], 'reset-by-the-admin-2026\n');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('every session of the user has ended');
    expect((await me(s)).statusCode).toBe(401);
    const row = t.db.select().from(users).where(eq(users.username, 'forgetful')).get()!;
    expect(await verifyPassword(row.passwordHash, 'reset-by-the-admin-2026')).toBe(true);
    expect(t.db.select().from(loginLog).where(eq(loginLog.username, 'forgetful')).orderBy(loginLog.id).all().at(-1)).toMatchObject({ event: 'password_reset', detail: 'npm run user:reset-password' });
    const weak = run('reset-password', ['--username', 'forgetful', '--password-stdin'], 'password1234\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/よく使われている/);
    const generated = run('reset-password', ['--username', 'forgetful']);
    expect(generated.stdout).toMatch(/password \(shown once, give it to the user\): [A-Za-z0-9_-]{24}/);
  });

  it('disable ends the sessions and refuses logins; enable lets the user log in again without reviving old sessions', async () => {
    await t.createUser({ username: 'leaver', role: 'viewer', bodyCode: '432121' });
    const s = await login('leaver');
    expect(run('disable', ['--username', 'leaver']).status).toBe(0);
    expect((await me(s)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leaver', password: TEST_PASSWORD }, remoteAddress: '10.42.0.1' })).statusCode).toBe(401);
    const enabled = run('enable', ['--username', 'leaver']);
    expect(enabled.status, enabled.stderr).toBe(0);
    expect((await me(s)).statusCode).toBe(401);
    await login('leaver', TEST_PASSWORD, '10.42.0.2');
    expect(run('disable', ['--username', 'nobody-here']).status).toBe(1);
    const events = t.db.select({ event: loginLog.event }).from(loginLog).where(eq(loginLog.username, 'leaver')).orderBy(loginLog.id).all().map((e) => e.event);
    expect(events).toEqual(['login', 'disabled', 'login_failed', 'enabled', 'login']);
  });
});
