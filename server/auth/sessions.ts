/**
 * Sessions stored in SQLite. The cookie holds a random 32-byte token; the table holds its SHA-256
 * only. A session ends at `expiresAt` (fixed at login: no sliding renewal, so reading never writes)
 * or when revoked: logout, a new login from the same browser, the user's `maxPerUser`-th newer
 * session (the oldest live ones end first), and — by a database trigger (migration
 * `*_credential_triggers.sql`), whatever wrote the row — a changed password or a disabled account.
 * Revoked sessions never come back: re-enabling an account does not revive them.
 *
 * Trusted browsers (device cookies, see auth/throttle.ts) live here too: `dx_device` holds a random
 * token, `trusted_devices` its hash per user.
 */
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { sessions, trustedDevices, users, type Session, type User } from '../db/schema.ts';

export const SESSION_COOKIE = 'dx_session';
export const DEFAULT_SESSION_TTL_HOURS = 12;
/** Live sessions per user (MAX_SESSIONS_PER_USER): PC, laptop, a meeting-room PC, a few browsers. */
export const DEFAULT_MAX_SESSIONS_PER_USER = 10;
export const DEVICE_COOKIE = 'dx_device';
/** A trusted browser is forgotten after this many days without a login. */
export const DEVICE_TRUST_DAYS = 90;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export function createSession(db: Db, userId: number, meta: { ip: string; userAgent: string; ttlHours: number; maxPerUser?: number; now?: Date }) {
  const now = meta.now ?? new Date();
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + meta.ttlHours * 3_600_000).toISOString();
  // Expired and revoked sessions are of no use to anyone: drop them while we are writing anyway.
  db.delete(sessions)
    .where(or(lt(sessions.expiresAt, now.toISOString()), lt(sessions.revokedAt, new Date(now.getTime() - 86_400_000).toISOString())))
    .run();
  const row = db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      csrfToken,
      userId,
      createdAt: now.toISOString(),
      expiresAt,
      ip: meta.ip.slice(0, 100),
      userAgent: meta.userAgent.slice(0, 300),
    })
    .returning()
    .get();
  // At most maxPerUser live sessions: the oldest end first.
  const live = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString())))
    .orderBy(desc(sessions.id))
    .all();
  for (const old of live.slice(meta.maxPerUser ?? DEFAULT_MAX_SESSIONS_PER_USER)) revokeSession(db, old.id, now);
  return { token, session: row };
}

// Every request looks its session up: prepared once per connection.
const sessionByToken = (db: Db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt)))
    .prepare();

/** The live session of a token with its (enabled) user, or null. */
export function findSession(db: Db, token: string, now = new Date()): { session: Session; user: User } | null {
  if (!token || token.length > 100) return null;
  const row = prepared(db, sessionByToken).get({ tokenHash: hashToken(token) });
  if (!row || row.user.disabled || row.session.expiresAt <= now.toISOString()) return null;
  return row;
}

export function revokeSession(db: Db, sessionId: number, now = new Date()): void {
  db.update(sessions).set({ revokedAt: now.toISOString() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt))).run();
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The trusted-browser row of this cookie token for this user (still within DEVICE_TRUST_DAYS), or null. */
export function trustedDevice(db: Db, token: string | undefined, userId: number, now = new Date()): { id: number } | null {
  if (!token || token.length > 100) return null;
  const since = new Date(now.getTime() - DEVICE_TRUST_DAYS * 86_400_000).toISOString();
  return (
    db
      .select({ id: trustedDevices.id })
      .from(trustedDevices)
      .where(and(eq(trustedDevices.tokenHash, hashToken(token)), eq(trustedDevices.userId, userId), gt(trustedDevices.lastSeenAt, since)))
      .get() ?? null
  );
}

/**
 * After a successful login: this browser is trusted for this user (its token kept, or a new one made).
 * Returns the token for the cookie.
 */
export function trustDevice(db: Db, token: string | undefined, userId: number, now = new Date()): string {
  // Only a token this server issued is kept (a planted cookie value is replaced).
  const known = token && token.length <= 100 && db.select({ id: trustedDevices.id }).from(trustedDevices).where(eq(trustedDevices.tokenHash, hashToken(token))).get();
  const usable = known ? token! : newToken();
  const at = now.toISOString();
  db.insert(trustedDevices)
    .values({ tokenHash: hashToken(usable), userId, lastSeenAt: at })
    .onConflictDoUpdate({ target: [trustedDevices.tokenHash, trustedDevices.userId], set: { lastSeenAt: at } })
    .run();
  return usable;
}

/** Forgets browsers unused for DEVICE_TRUST_DAYS (the retention sweep, auth/login-log.ts). */
export function forgetOldDevices(db: Db, now = new Date()): void {
  db.delete(trustedDevices).where(lt(trustedDevices.lastSeenAt, new Date(now.getTime() - DEVICE_TRUST_DAYS * 86_400_000).toISOString())).run();
}
