import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { meOf } from '../auth/me.ts';
import { dummyHash, verifyPassword } from '../auth/passwords.ts';
import { recordLogin } from '../auth/login-log.ts';
import { createSession, DEVICE_COOKIE, DEVICE_TRUST_DAYS, findSession, revokeSession, SESSION_COOKIE, trustDevice, trustedDevice } from '../auth/sessions.ts';
import { japanTime, LoginLocked, LoginThrottle, waitInWords, type Attempt } from '../auth/throttle.ts';
import { changeOwnPassword, findUserByUsername, normalizeUsername, principalOf, UserInputError, WrongCurrentPassword } from '../auth/users.ts';
import type { User } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { LoginBody, LoginHelp, Me, PasswordChange } from '../schemas/auth.ts';
import { errorRef } from '../schemas/common.ts';
import { type RouteTable } from '../auth/rules.ts';

/** Anyone may try to log in (throttled, auth/throttle.ts); the session's own routes need one. (rules: auth/policy.ts; costs: auth/rules.ts) */
export const AUTH_ROUTES = {
  login: { rule: { access: 'public' }, cost: 'login' },
  loginHelp: { rule: { access: 'public' }, cost: 'public' },
  logout: { rule: { access: 'authenticated', beforePasswordChange: true }, cost: 'write' },
  me: { rule: { access: 'authenticated', beforePasswordChange: true }, cost: 'read' },
  changePassword: { rule: { access: 'authenticated', beforePasswordChange: true }, cost: 'login' },
} as const satisfies RouteTable;

/** The same answer for an unknown user, a wrong password and a disabled account. */
const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', 'ユーザー名またはパスワードが正しくありません。');

/** The 429 of a bucket that waits, saying when the next attempt is accepted and for whom. */
function lockedError(e: LoginLocked): AppError {
  const when = `${japanTime(e.until)}（${waitInWords(e.seconds)}）`;
  const message = e.bucket.startsWith('session:')
    ? `現在のパスワードの誤りが続いたため、${when}までパスワードの変更を止めています。`
    : e.bucket.startsWith('device:')
      ? `このブラウザーからのログインの失敗が続いたため、このユーザー名でのログインを${when}まで止めています。`
      : `このユーザー名でのログインの失敗が続いたため、${when}まで、このユーザー名でのログインを止めています。` +
        'このユーザー名で以前ログインしたことのあるブラウザーからは、引き続きログインできます。';
  return new AppError(429, 'TOO_MANY_ATTEMPTS', message);
}

const FAILURE_REASONS = { unknown: '存在しないユーザー名', wrong: 'パスワードの誤り', disabled: '利用停止中のアカウント' } as const;

const auth: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['auth'];
  const throttle = new LoginThrottle(db, () => app.now());
  // Writes made after an await (password hashing) wait while a worker holds the write lock (db/group-commit.ts).
  const write = <T>(fn: () => T) => app.groupCommit.write(fn);
  await dummyHash(); // computed once now, so the first unknown-user login takes no longer than the others

  const sessionCookie = (req: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: req.protocol === 'https' });

  /**
   * Runs a password check under the throttle and records its outcome in the login log while the
   * attempt still counts as running (so parallel attempts see it). Failures are answered late when the
   * address has failed often (THROTTLE.addressFree); a waiting bucket is a 429 with its end.
   */
  async function checked(req: FastifyRequest, reply: FastifyReply, attempt: Attempt, user: User | null, check: () => Promise<string | null>) {
    const at = () => new Date(app.now());
    const base = { username: attempt.username, user, ip: attempt.ip, userAgent: String(req.headers['user-agent'] ?? ''), bucket: attempt.bucket };
    let failure: string | null = null;
    try {
      await throttle.attempt(attempt, async () => {
        failure = await check();
        if (failure === null) return true;
        const reason = failure;
        await write(() => {
          recordLogin(db, { ...base, event: 'login_failed', detail: reason, at: at() });
          const lock = throttle.lockAfterFailure(attempt);
          if (lock) recordLogin(db, { ...base, event: 'lock', detail: `${japanTime(lock.until)} まで停止`, at: at() });
        });
        return false;
      });
    } catch (e) {
      if (!(e instanceof LoginLocked)) throw e;
      await write(() => recordLogin(db, { ...base, event: 'login_refused', detail: `${japanTime(e.until)} まで停止中`, at: at() }));
      await slowDown(throttle.failureDelay(attempt.ip));
      reply.header('retry-after', String(e.seconds));
      throw lockedError(e);
    }
    if (failure !== null) await slowDown(throttle.failureDelay(attempt.ip));
    return failure;
  }

  /** A new session (and trusted browser) for `user` on this browser: cookies set, /auth/me's answer returned. */
  function signIn(req: FastifyRequest, reply: FastifyReply, user: User) {
    const now = new Date(app.now());
    const { token, session } = createSession(db, user.id, {
      ip: req.ip,
      userAgent: String(req.headers['user-agent'] ?? ''),
      ttlHours: app.authOptions.sessionTtlHours,
      maxPerUser: app.authOptions.maxSessionsPerUser,
      now,
    });
    const device = trustDevice(db, req.cookies[DEVICE_COOKIE], user.id, now);
    reply.setCookie(SESSION_COOKIE, token, { ...sessionCookie(req), expires: new Date(session.expiresAt) });
    // Sent back only to the login routes: it says "this browser logged in as … before" (auth/throttle.ts).
    reply.setCookie(DEVICE_COOKIE, device, { ...sessionCookie(req), path: '/api/auth', maxAge: DEVICE_TRUST_DAYS * 86_400 });
    return meOf(db, principalOf(db, user), session);
  }

  app.get('/auth/login-help', {
    config: AUTH_ROUTES.loginHelp,
    schema: {
      tags,
      summary: 'ログイン画面の案内（パスワードを忘れた場合に誰が再設定するか。設定 PASSWORD_HELP）',
      response: { 200: LoginHelp },
    },
    handler: async () => ({ passwordHelp: app.passwordHelp }),
  });

  /** National and prefecture readers are about to want a roll-up: its thread starts now (server/workers/pool.ts). */
  const warmRollups = (role: string) => {
    if (role === 'admin' || role === 'prefecture') app.workers.warm();
  };

  app.post('/auth/login', {
    config: AUTH_ROUTES.login,
    schema: {
      tags,
      summary: 'ログイン',
      description:
        'セッションCookie（HttpOnly, SameSite=Lax, HTTPS では Secure）を発行し、利用者・権限・CSRFトークンを返します。' +
        '同じユーザー名の失敗が15分に5回を超えると、30秒から倍々に待ち時間が必要になり、15分に10回までです（429、Retry-After）。' +
        'この制限は、そのユーザー名で以前ログインしたブラウザーごとに別に数えます。同じ接続元からの失敗が15分に20回を超えると、' +
        'その接続元の失敗の応答は1秒ずつ遅くなります（正しいパスワードは遅らせず、拒否もしません）。すべて「ログイン記録」に残ります。',
      body: LoginBody,
      response: { 200: Me, 400: errorRef, 401: errorRef, 403: errorRef, 429: errorRef },
    },
    handler: async (req, reply) => {
      const username = normalizeUsername(req.body.username).slice(0, 100);
      const user = findUserByUsername(db, username) ?? null;
      const device = user ? trustedDevice(db, req.cookies[DEVICE_COOKIE], user.id, new Date(app.now())) : null;
      const attempt = { username, ip: req.ip, bucket: device ? `device:${device.id}` : 'account' };
      const failure = await checked(req, reply, attempt, user, async () => {
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), req.body.password);
        if (!user) return FAILURE_REASONS.unknown;
        if (!ok) return FAILURE_REASONS.wrong;
        if (user.disabled) return FAILURE_REASONS.disabled;
        // Recorded while the attempt still counts: a success clears its bucket for those waiting.
        await write(() =>
          recordLogin(db, { event: 'login', username, user, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), bucket: attempt.bucket, at: new Date(app.now()) }),
        );
        return null;
      });
      if (failure !== null) throw invalidCredentials();

      warmRollups(user!.role);
      // A new login gets a new token (no session fixation); the browser's previous session ends.
      const previous = req.cookies[SESSION_COOKIE];
      return write(() => {
        const old = previous ? findSession(db, previous) : null;
        if (old) revokeSession(db, old.session.id);
        return signIn(req, reply, user!);
      });
    },
  });

  app.post('/auth/logout', {
    config: AUTH_ROUTES.logout,
    schema: { tags, summary: 'ログアウト（セッションを無効にします）', response: { 204: Type.Null(), 401: errorRef, 403: errorRef } },
    handler: async (req, reply) => {
      const p = req.principal!;
      recordLogin(db, { event: 'logout', username: p.username, user: { id: p.id, bodyId: p.bodyId }, ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), at: new Date(app.now()) });
      revokeSession(db, req.session!.id);
      reply.clearCookie(SESSION_COOKIE, sessionCookie(req));
      return reply.status(204).send(null);
    },
  });

  app.get('/auth/me', {
    config: AUTH_ROUTES.me,
    schema: { tags, summary: 'ログイン中の利用者・所属・担当課・権限・CSRFトークン', response: { 200: Me, 401: errorRef } },
    handler: async (req) => {
      warmRollups(req.principal!.role);
      return meOf(db, req.principal!, req.session!);
    },
  });

  app.post('/auth/password', {
    config: AUTH_ROUTES.changePassword,
    schema: {
      tags,
      summary: '自分のパスワードの変更',
      description:
        '現在のパスワードと新しいパスワード（12文字以上、ユーザー名を含まない、よく使われるものでない）を送信します。' +
        '変更すると、この利用者のすべてのセッション（ほかの端末のログインを含む）が終わり、このブラウザーには新しいセッションが発行されます' +
        '（応答は GET /api/auth/me と同じ形で、新しい CSRF トークンを含みます）。',
      body: PasswordChange,
      response: { 200: Me, 400: errorRef, 401: errorRef, 403: errorRef, 429: errorRef },
    },
    handler: async (req, reply) => {
      const p = req.principal!;
      const user = findUserByUsername(db, p.username)!;
      const attempt = { username: p.username, ip: req.ip, bucket: `session:${req.session!.id}` };
      const source = { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), now: new Date(app.now()) };
      let problem: string | null = null;
      const failure = await checked(req, reply, attempt, user, async () => {
        try {
          await changeOwnPassword(db, p.id, req.body.currentPassword, req.body.newPassword, { ...source, write });
          return null;
        } catch (e) {
          if (e instanceof WrongCurrentPassword) return 'パスワード変更時の現在のパスワードの誤り';
          if (e instanceof UserInputError) {
            problem = e.message; // the current password was right: not a failed guess
            return null;
          }
          throw e;
        }
      });
      if (failure !== null) {
        throw new AppError(400, 'WRONG_PASSWORD', '現在のパスワードが正しくありません。', [
          { field: 'currentPassword', code: 'wrongPassword', message: '現在のパスワードが正しくありません。' },
        ]);
      }
      if (problem !== null) throw new AppError(400, 'VALIDATION_ERROR', problem, [{ field: 'newPassword', code: 'passwordRule', message: problem }]);
      // Every session of the user ended with the change (credentials trigger): this browser gets a new one.
      return write(() => signIn(req, reply, findUserByUsername(db, p.username)!));
    },
  });
};

const slowDown = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

export default auth;
