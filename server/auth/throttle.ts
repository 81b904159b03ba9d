/**
 * Login throttling, persisted in SQLite so a restart does not reset it: at most 5 failures in 15
 * minutes per username + address, and 20 per address (staff share office proxies, so the per-address
 * limit is higher than the per-account one; keying on the account alone would let anyone lock a
 * colleague out). An attempt is recorded as a failure before the password is checked and cleared on
 * success, so parallel guesses count too.
 */
import { and, count, eq, gte, lt, min } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginFailures } from '../db/schema.ts';

export const THROTTLE = { windowMinutes: 15, perUserAndIp: 5, perIp: 20 } as const;

const since = (now: Date) => new Date(now.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();

/** Seconds to wait when a limit is reached, or null when the attempt may go ahead. */
export function throttled(db: Db, username: string, ip: string, now = new Date()): number | null {
  const from = since(now);
  const window = (cond: ReturnType<typeof and>) =>
    db.select({ n: count(), oldest: min(loginFailures.at) }).from(loginFailures).where(and(cond, gte(loginFailures.at, from))).get();
  const perUser = window(and(eq(loginFailures.username, username), eq(loginFailures.ip, ip)));
  const perIp = window(eq(loginFailures.ip, ip));
  const blocking = [
    (perUser?.n ?? 0) >= THROTTLE.perUserAndIp ? perUser?.oldest : null,
    (perIp?.n ?? 0) >= THROTTLE.perIp ? perIp?.oldest : null,
  ].filter((d): d is string => typeof d === 'string');
  if (blocking.length === 0) return null;
  // A slot frees when the oldest failure leaves the window.
  const leaves = Math.max(...blocking.map((d) => new Date(d).getTime() + THROTTLE.windowMinutes * 60_000));
  return Math.max(1, Math.ceil((leaves - now.getTime()) / 1000));
}

export function recordFailure(db: Db, username: string, ip: string, now = new Date()): number {
  db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - 86_400_000).toISOString())).run();
  return db.insert(loginFailures).values({ username, ip, at: now.toISOString() }).returning({ id: loginFailures.id }).get().id;
}

/** A successful login clears the account's failures from that address. */
export function clearFailures(db: Db, username: string, ip: string): void {
  db.delete(loginFailures).where(and(eq(loginFailures.username, username), eq(loginFailures.ip, ip))).run();
}
