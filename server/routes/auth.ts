import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { meOf } from '../auth/me.ts';
import { dummyHash, verifyPassword } from '../auth/passwords.ts';
import { createSession, findSession, revokeSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { clearFailures, recordFailure, throttled } from '../auth/throttle.ts';
import { findUserByUsername, normalizeUsername, principalOf } from '../auth/users.ts';
import { AppError } from '../errors.ts';
import { LoginBody, Me } from '../schemas/auth.ts';
import { errorRef } from '../schemas/common.ts';

/** The same answer for an unknown user, a wrong password and a disabled account. */
const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', 'ユーザー名またはパスワードが正しくありません。');

const auth: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['auth'];
  await dummyHash(); // computed once now, so the first unknown-user login takes no longer than the others

  app.post('/auth/login', {
    schema: {
      tags,
      summary: 'ログイン',
      description:
        'セッションCookie（HttpOnly, SameSite=Lax, HTTPS では Secure）を発行し、利用者・権限・CSRFトークンを返します。' +
        '失敗が同じユーザー名と接続元で15分に5回、同じ接続元で20回を超えると429になります。',
      body: LoginBody,
      response: { 200: Me, 400: errorRef, 401: errorRef, 403: errorRef, 429: errorRef },
    },
    handler: async (req, reply) => {
      const username = normalizeUsername(req.body.username);
      const ip = req.ip;
      const wait = throttled(db, username, ip);
      if (wait !== null) {
        reply.header('retry-after', String(wait));
        throw new AppError(
          429,
          'TOO_MANY_ATTEMPTS',
          `ログインの失敗が続いたため、一時的にログインを停止しています。約${Math.ceil(wait / 60)}分後にもう一度お試しください。`,
        );
      }
      // Counted before the (slow) check, so parallel guesses count; cleared below on success.
      recordFailure(db, username, ip);
      const user = findUserByUsername(db, username);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), req.body.password);
      if (!user || !ok || user.disabled) throw invalidCredentials();
      clearFailures(db, username, ip);

      // A new login gets a new token (no session fixation); the browser's previous session ends.
      const previous = req.cookies[SESSION_COOKIE];
      const old = previous ? findSession(db, previous) : null;
      if (old) revokeSession(db, old.session.id);
      const { token, session } = createSession(db, user.id, {
        ip,
        userAgent: req.headers['user-agent'] ?? '',
        ttlHours: app.authOptions.sessionTtlHours,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        expires: new Date(session.expiresAt),
      });
      return meOf(db, principalOf(db, user), session);
    },
  });

  app.post('/auth/logout', {
    schema: { tags, summary: 'ログアウト（セッションを無効にします）', response: { 204: Type.Null(), 401: errorRef, 403: errorRef } },
    handler: async (req, reply) => {
      revokeSession(db, req.session!.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
      return reply.status(204).send(null);
    },
  });

  app.get('/auth/me', {
    schema: { tags, summary: 'ログイン中の利用者・所属・担当課・権限・CSRFトークン', response: { 200: Me, 401: errorRef } },
    handler: async (req) => meOf(db, req.principal!, req.session!),
  });
};

export default auth;
