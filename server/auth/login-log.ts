/**
 * ログイン記録: a durable record of every login, failed login, lock, refused attempt, logout and account
 * change (password set or reset, disabled, enabled): who (the user, or the name that was tried), from
 * where (address, browser), when, and what happened. The login throttle counts its failures from here
 * (auth/throttle.ts). Admin reads every record, hq the records of its body's users (routes/login-log.ts).
 * Kept for LOGIN_LOG_RETENTION_DAYS (default 365; the security policy guideline asks for access logs),
 * then deleted by `sweepLoginLog` (at start-up and every hour).
 */
import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginLog, users, type LoginEvent, type User } from '../db/schema.ts';
import { addDays } from '../domain/dates.ts';
import { LOGIN_EVENT_LABELS } from '../domain/labels.ts';
import { offsetOf, pageOf } from '../repositories/pagination.ts';
import type { LoginLogEntry, LoginLogQuery } from '../schemas/login-log.ts';
import { forgetOldDevices } from './sessions.ts';

export const DEFAULT_LOGIN_LOG_RETENTION_DAYS = 365;

export interface LoginRecord {
  event: LoginEvent;
  /** The account's name, or the name that was tried. */
  username: string;
  user?: Pick<User, 'id' | 'bodyId'> | null;
  ip?: string;
  userAgent?: string;
  bucket?: string;
  detail?: string;
  at?: Date;
}

export function recordLogin(db: Db, r: LoginRecord): void {
  db.insert(loginLog)
    .values({
      at: (r.at ?? new Date()).toISOString(),
      event: r.event,
      username: r.username.slice(0, 100),
      userId: r.user?.id ?? null,
      bodyId: r.user?.bodyId ?? null,
      ip: (r.ip ?? '').slice(0, 100),
      userAgent: (r.userAgent ?? '').slice(0, 300),
      bucket: r.bucket ?? '',
      detail: (r.detail ?? '').slice(0, 300),
    })
    .run();
}

/** Deletes records older than the retention period (and browsers unused for 90 days). Returns how many records went. */
export function sweepLoginLog(db: Db, retentionDays: number, now = new Date()): number {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const removed = db.delete(loginLog).where(lt(loginLog.at, cutoff)).run().changes;
  forgetOldDevices(db, now);
  return removed;
}

const startOfJapanDate = (date: string) => new Date(`${date}T00:00:00+09:00`).toISOString();

/** Records, newest first; `bodyId` limits them to the users of one body (hq), null reads all (admin). */
export function listLoginLog(db: Db, bodyId: number | null, q: LoginLogQuery) {
  const where: SQL[] = [];
  if (bodyId !== null) where.push(eq(loginLog.bodyId, bodyId));
  if (q.event) where.push(eq(loginLog.event, q.event));
  if (q.username) where.push(sql`${loginLog.username} LIKE ${`${q.username.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`);
  if (q.ip) where.push(eq(loginLog.ip, q.ip));
  if (q.from) where.push(gte(loginLog.at, startOfJapanDate(q.from)));
  if (q.to) where.push(lt(loginLog.at, startOfJapanDate(addDays(q.to, 1))));
  const cond = where.length ? and(...where) : undefined;
  const total = db.select({ n: count() }).from(loginLog).where(cond).get()?.n ?? 0;
  const rows = db
    .select({ l: loginLog, displayName: users.displayName })
    .from(loginLog)
    .leftJoin(users, eq(users.id, loginLog.userId))
    .where(cond)
    .orderBy(desc(loginLog.at), desc(loginLog.id))
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .all();
  const items: LoginLogEntry[] = rows.map(({ l, displayName }) => ({
    id: l.id,
    at: l.at,
    event: l.event,
    eventLabel: LOGIN_EVENT_LABELS[l.event],
    username: l.username,
    userId: l.userId,
    displayName: displayName ?? null,
    ip: l.ip,
    userAgent: l.userAgent,
    detail: l.detail,
  }));
  return pageOf(items, total, q);
}
