/**
 * Login throttling (server/auth/throttle.ts) and the login log (server/auth/login-log.ts) on the real app,
 * with the app's clock moved by the test (no sleeps): guesses at one account stay bounded (≤ 10 in any
 * 15 minutes, with back-off) and every 429 tells the truth about when the next attempt is accepted; the
 * owner's usual browser is never locked out by other people's failures; an address's failures are slowed,
 * its correct passwords are not; every login, failure, lock, refusal and logout is recorded, readable by
 * admin (all) and hq (its body's users), and deleted after the retention period.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepLoginLog } from '../../server/auth/login-log.ts';
import { DEVICE_COOKIE, SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { THROTTLE } from '../../server/auth/throttle.ts';
import { loginLog } from '../../server/db/schema.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let clock = Date.now();
let bodyId: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true, now: () => clock });
  bodyId = (await t.inject(`/api/bodies?q=${encodeURIComponent('上天草市')}`)).json().items[0].id;
  for (const name of ['guarded', 'owner', 'parallel', 'office-user', 'logged']) await t.createUser({ username: name, role: 'viewer', bodyCode: '432121' });
});
afterAll(async () => t?.close());

const login = (username: string, password: string, remoteAddress: string, cookie = '') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers: cookie ? { cookie } : {} });

const failuresOf = (username: string) =>
  t.db
    .select({ at: loginLog.at })
    .from(loginLog)
    .where(and(eq(loginLog.username, username), eq(loginLog.event, 'login_failed')))
    .all()
    .map((r) => Date.parse(r.at));

describe('guesses at one account', () => {
  it('stay ≤ 10 in any 15 minutes with back-off, over an hour of guessing from many addresses, and every 429 says when to retry', async () => {
    const start = clock;
    const retries: number[] = [];
    let n = 0;
    while (clock < start + 60 * 60_000) {
      const res = await login('guarded', `wrong-${n}`, `10.30.${n % 200}.1`); // a new address each time
      n++;
      if (res.statusCode === 429) {
        const wait = Number(res.headers['retry-after']);
        expect(res.json().code).toBe('TOO_MANY_ATTEMPTS');
        expect(res.json().message).toMatch(/\d{2}:\d{2}（約\d+(秒|分)後）まで/);
        retries.push(wait);
        // One second early: still refused. On time: accepted (the message told the truth).
        clock += (wait - 1) * 1000;
        expect((await login('guarded', 'wrong-early', '10.31.0.1')).statusCode).toBe(429);
        clock += 1000;
      } else {
        expect(res.statusCode).toBe(401);
        clock += 1000;
      }
    }
    const failures = failuresOf('guarded').filter((at) => at >= start);
    const window = THROTTLE.windowMinutes * 60_000;
    const worst = Math.max(...failures.map((a) => failures.filter((b) => b >= a && b < a + window).length));
    expect(worst).toBeLessThanOrEqual(THROTTLE.accountMax);
    expect(failures.length).toBeGreaterThanOrEqual(THROTTLE.accountMax); // it was really tried
    // Back-off after the latest failure (a second before): 30 s, then doubling.
    expect(retries.slice(0, 3)).toEqual([29, 59, 119]);
    console.log(`one hour of guessing at one account: ${failures.length} password checks, at most ${worst} in any ${THROTTLE.windowMinutes} minutes`);
  });

  it('never lock its owner out of the browser they logged in from before; a new browser waits', async () => {
    const first = await login('owner', TEST_PASSWORD, '10.32.0.1');
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === DEVICE_COOKIE)!;
    expect(device).toMatchObject({ httpOnly: true, path: '/api/auth' });
    // Someone else guesses until the account is refused from browsers it never used.
    for (let i = 0; i < THROTTLE.accountFree; i++) expect((await login('owner', `guess-${i}`, '10.33.0.1')).statusCode).toBe(401);
    expect((await login('owner', TEST_PASSWORD, '10.33.0.2')).statusCode).toBe(429);
    // The owner, with their browser's cookie, from the same office address as the guesser: in.
    const back = await login('owner', TEST_PASSWORD, '10.33.0.1', `${DEVICE_COOKIE}=${device.value}`);
    expect(back.statusCode, back.body).toBe(200);
    // A planted cookie value is not a trusted browser.
    expect((await login('owner', TEST_PASSWORD, '10.33.0.3', `${DEVICE_COOKIE}=made-up-token`)).statusCode).toBe(429);
    clock += 60_000;
  });

  it('parallel correct logins while the account has failures: all 200, none 429', async () => {
    for (let i = 0; i < THROTTLE.accountFree - 1; i++) expect((await login('parallel', 'wrong', '10.34.0.1')).statusCode).toBe(401);
    const answers = await Promise.all(Array.from({ length: 10 }, () => login('parallel', TEST_PASSWORD, '10.34.0.1')));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
  });
});

describe('one address', () => {
  it('made-up names slow down its failures (≥ 1 s each after 20) but never refuse or slow a correct password', { timeout: 60_000 }, async () => {
    const office = '10.35.0.1';
    for (let i = 0; i < THROTTLE.addressFree; i++) expect((await login(`nobody-${i}`, 'x', office)).statusCode).toBe(401);
    const started = performance.now();
    expect((await login('nobody-21', 'x', office)).statusCode).toBe(401);
    const slowed = performance.now() - started;
    expect(slowed).toBeGreaterThanOrEqual(THROTTLE.addressStepMs - 50);
    const ok = await login('office-user', TEST_PASSWORD, office);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('the login log', () => {
  it('records logins, failures, locks, refusals and logouts with user, address and time', async () => {
    const ip = '10.36.0.1';
    const ok = await login('logged', TEST_PASSWORD, ip);
    const cookie = `${SESSION_COOKIE}=${ok.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', remoteAddress: ip, headers: { cookie, 'x-csrf-token': ok.json().csrfToken } });
    for (let i = 0; i < THROTTLE.accountFree; i++) await login('logged', 'wrong', ip);
    expect((await login('logged', 'wrong', ip)).statusCode).toBe(429);
    await login('made-up-name', 'x', ip);

    const hq = (await t.as('hq').inject(`/api/bodies/${bodyId}/login-log?username=logged&pageSize=50`)).json();
    const events = hq.items.map((e: { event: string }) => e.event).reverse();
    expect(events).toEqual(['login', 'logout', 'login_failed', 'login_failed', 'login_failed', 'login_failed', 'login_failed', 'lock', 'login_refused']);
    expect(hq.items[0]).toMatchObject({ username: 'logged', ip, eventLabel: 'ロック中のため拒否', displayName: 'logged' });
    expect(hq.items.find((e: { event: string }) => e.event === 'login_failed').detail).toBe('パスワードの誤り');
    // HQ reads its body's users only: not names that do not exist, not other bodies' users.
    expect((await t.as('hq').inject(`/api/bodies/${bodyId}/login-log?username=made-up`)).json().total).toBe(0);
    const admin = (await t.inject('/api/login-log?username=made-up-name')).json();
    expect(admin.items[0]).toMatchObject({ event: 'login_failed', detail: '存在しないユーザー名', userId: null });
    expect((await t.as('viewer').inject(`/api/bodies/${bodyId}/login-log`)).statusCode).toBe(403);
    expect((await t.as('viewer').inject('/api/login-log')).statusCode).toBe(403);
    // The password is never recorded.
    expect(JSON.stringify(t.db.select().from(loginLog).all())).not.toContain(TEST_PASSWORD);
  });

  it('keeps records for the retention period only', async () => {
    const old = new Date(clock - 400 * 86_400_000).toISOString();
    const recent = new Date(clock - 300 * 86_400_000).toISOString();
    t.db.insert(loginLog).values([{ at: old, event: 'login', username: 'ancient' }, { at: recent, event: 'login', username: 'ancient' }]).run();
    expect(sweepLoginLog(t.db, 365, new Date(clock))).toBe(1);
    expect(t.db.select().from(loginLog).where(eq(loginLog.username, 'ancient')).all().map((r) => r.at)).toEqual([recent]);

    // A shorter period (LOGIN_LOG_RETENTION_DAYS) is enforced when the app starts.
    const short = await createTestApp({ loginLogRetentionDays: 30 });
    try {
      short.db.insert(loginLog).values({ at: new Date(Date.now() - 31 * 86_400_000).toISOString(), event: 'login', username: 'old' }).run();
      const again = await createTestApp({ loginLogRetentionDays: 30 });
      await again.close();
      expect(short.db.select().from(loginLog).where(eq(loginLog.username, 'old')).all()).toHaveLength(1); // another file: untouched
      expect(sweepLoginLog(short.db, 30)).toBe(1);
    } finally {
      await short.close();
    }
  });
});
