/**
 * Sessions stored in SQLite. The cookie holds a random 32-byte token; the table holds its SHA-256
 * only. A session ends at `expiresAt` (fixed at login: no sliding renewal, so reading never writes)
 * or when revoked (logout, or a new login from the same browser).
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { sessions, users, type Session, type User } from '../db/schema.ts';

export const SESSION_COOKIE = 'dx_session';
export const DEFAULT_SESSION_TTL_HOURS = 12;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export function createSession(db: Db, userId: number, meta: { ip: string; userAgent: string; ttlHours: number; now?: Date }) {
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
