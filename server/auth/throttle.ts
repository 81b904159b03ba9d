/**
 * Login throttling that bounds password guessing without letting anyone lock an office out.
 *
 * Town-hall PCs reach the server through one NAT or proxy address, so nothing here refuses a correct
 * password because of failures from that address. Instead:
 *
 * 1. Per account, per *bucket* (OWASP "device cookies"): failures of one account are counted separately
 *    for each browser the account has logged in from before (`device:N`, its `dx_device` cookie,
 *    auth/sessions.ts) and together for every other browser (`account`). In a bucket the first
 *    ACCOUNT_FREE failures in the window are answered at once; after that each attempt waits a back-off
 *    (30 s, 1, 2, 4, 8 min after the latest failure) and at most ACCOUNT_MAX failures fit in any
 *    15 minutes. While a bucket waits, its attempts are refused (429) without checking the password, with
 *    the real time the next attempt is accepted. So guesses at one account are ≤ 10 per 15 minutes from
 *    browsers it never used (and ≤ 10 per trusted browser, which an attacker does not have), while the
 *    account's owner on their usual browser is never locked out by someone else's guesses. A success
 *    clears its bucket. Names that do not exist have buckets like real ones (no way to tell them apart).
 * 2. Per address: after ADDRESS_FREE failures in the window (any names: a mistyping script, made-up
 *    names), that address's *failures* are slowed: each failure answer is released at least ADDRESS_STEP
 *    after the previous one (waiting at most ADDRESS_MAX_WAIT). Successes are never delayed or refused.
 * 3. At most CHECKS_PER_ADDRESS password checks run at once per address (argon2id: ~20 MiB and tens of
 *    ms each); more wait their turn. Parallel correct logins therefore queue, never 429.
 *
 * Failures are durable (the login log, auth/login-log.ts): a restart forgets nothing. Attempts still
 * being checked count against their bucket, so parallel guesses cannot exceed the bound; an attempt that
 * would be one too many waits for them to finish (they may succeed) instead of being refused.
 */
import { and, count, eq, gt, inArray, max } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginLog } from '../db/schema.ts';

export const THROTTLE = {
  windowMinutes: 15,
  /** Failures of one account in one bucket answered without delay. */
  accountFree: 5,
  /** Failures of one account in one bucket in any window. */
  accountMax: 10,
  /** Back-off after the (accountFree + k)-th failure: base × 2^k. */
  backoffBaseSeconds: 30,
  /** Failures from one address in the window answered without delay. */
  addressFree: 20,
  /** After that, failure answers of the address are at least this far apart. */
  addressStepMs: 1000,
  /** … and none waits longer than this. */
  addressMaxWaitMs: 30_000,
  /** Password checks running at once per address. */
  checksPerAddress: 4,
} as const;

const WINDOW_MS = THROTTLE.windowMinutes * 60_000;
const FAILURES = ['login_failed'] as const;
const ADDRESS_FAILURES = ['login_failed', 'login_refused'] as const;

export interface Attempt {
  username: string;
  ip: string;
  bucket: string;
}

/** The bucket waits: no attempt before `until` (ms). */
export class LoginLocked extends Error {
  constructor(
    readonly until: number,
    readonly seconds: number,
    /** This refusal starts the wait (the failure that filled the bucket was just recorded). */
    readonly bucket: string,
  ) {
    super('login locked');
  }
}

export const backoffMs = (failures: number) =>
  failures < THROTTLE.accountFree ? 0 : Math.min(WINDOW_MS, THROTTLE.backoffBaseSeconds * 1000 * 2 ** (failures - THROTTLE.accountFree));

/** A counting semaphore with a FIFO queue. */
class Gate {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async enter(): Promise<void> {
    if (this.running < this.size) {
      this.running++;
      return;
    }
    await new Promise<void>((r) => this.queue.push(r));
  }
  leave(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }
  get idle() {
    return this.running === 0 && this.queue.length === 0;
  }
}

export class LoginThrottle {
  /** Attempts being checked, per bucket key, with a way to wait for one to finish. */
  private readonly inFlight = new Map<string, { n: number; waiters: (() => void)[] }>();
  private readonly gates = new Map<string, Gate>();
  /** When the next slowed failure answer of an address may go out (ms). */
  private readonly releaseAt = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  private key = (a: Attempt) => `${a.username}\u0000${a.bucket}`;

  /** Failures of the bucket in the window since its last success: count, latest and the oldest ones. */
  private bucketFailures(a: Attempt, now: number) {
    const since = new Date(now - WINDOW_MS).toISOString();
    // A success clears the bucket: only failures recorded after it count (by id: the clock may not move).
    const lastOk =
      this.db
        .select({ id: max(loginLog.id) })
        .from(loginLog)
        .where(and(eq(loginLog.username, a.username), eq(loginLog.bucket, a.bucket), eq(loginLog.event, 'login')))
        .get()?.id ?? 0;
    const rows = this.db
      .select({ at: loginLog.at })
      .from(loginLog)
      .where(and(eq(loginLog.username, a.username), eq(loginLog.bucket, a.bucket), inArray(loginLog.event, FAILURES), gt(loginLog.at, since), gt(loginLog.id, lastOk)))
      .orderBy(loginLog.at, loginLog.id)
      .all()
      .map((r) => Date.parse(r.at));
    return rows;
  }

  /**
   * ms until the bucket accepts an attempt (0: now), given its failures (oldest first): the earliest
   * moment at which fewer than accountMax failures are in the window and the back-off of the failures
   * then in the window has passed since the latest one. Exact, so the 429 can say when to come back.
   */
  private waitOf(failures: number[], now: number): number {
    const allowed = (t: number) => {
      const inWindow = failures.filter((f) => f > t - WINDOW_MS && f <= t);
      if (inWindow.length === 0) return true;
      return inWindow.length < THROTTLE.accountMax && t >= inWindow[inWindow.length - 1]! + backoffMs(inWindow.length);
    };
    if (allowed(now)) return 0;
    // The answer changes only when a failure leaves the window or a back-off ends.
    const latest = failures[failures.length - 1]!;
    const candidates = [...failures.map((f) => f + WINDOW_MS), ...failures.map((_, i) => latest + backoffMs(i + 1))]
      .filter((t) => t > now)
      .sort((a, b) => a - b);
    const at = candidates.find(allowed) ?? now + WINDOW_MS;
    return at - now;
  }

  /** Failures of the address in the window (any name). */
  private addressFailures(ip: string, now: number): number {
    const since = new Date(now - WINDOW_MS).toISOString();
    return (
      this.db
        .select({ n: count() })
        .from(loginLog)
        .where(and(eq(loginLog.ip, ip), inArray(loginLog.event, ADDRESS_FAILURES), gt(loginLog.at, since)))
        .get()?.n ?? 0
    );
  }

  /**
   * Runs `check` (the password check: true = success) under the throttle. Throws LoginLocked when the
   * bucket must wait (nothing checked). `onFailure` records the failure before the answer is slowed.
   */
  async attempt(a: Attempt, check: () => Promise<boolean>): Promise<boolean> {
    const gate = this.gates.get(a.ip) ?? new Gate(THROTTLE.checksPerAddress);
    this.gates.set(a.ip, gate);
    await gate.enter();
    const key = this.key(a);
    let entered = false;
    try {
      for (;;) {
        const now = this.now();
        const failures = this.bucketFailures(a, now);
        const wait = this.waitOf(failures, now);
        if (wait > 0) throw new LoginLocked(now + wait, Math.ceil(wait / 1000), a.bucket);
        const flight = this.inFlight.get(key) ?? { n: 0, waiters: [] };
        // Checks still running might all fail: start only if the bucket holds them and this one.
        if (flight.n > 0 && failures.length + flight.n >= THROTTLE.accountFree) {
          await new Promise<void>((r) => flight.waiters.push(r));
          continue;
        }
        flight.n++;
        this.inFlight.set(key, flight);
        entered = true;
        break;
      }
      return await check();
    } finally {
      if (entered) {
        const flight = this.inFlight.get(key)!;
        flight.n--;
        const waiters = flight.waiters.splice(0);
        if (flight.n === 0) this.inFlight.delete(key);
        for (const w of waiters) w();
      }
      gate.leave();
      if (gate.idle) this.gates.delete(a.ip);
    }
  }

  /** Whether this failure (just recorded) filled the bucket: the next attempt must wait. */
  lockAfterFailure(a: Attempt): { until: number } | null {
    const now = this.now();
    const wait = this.waitOf(this.bucketFailures(a, now), now);
    return wait > 0 ? { until: now + wait } : null;
  }

  /**
   * How long a failure answer to this address waits (ms): 0 until the address has ADDRESS_FREE failures
   * in the window, then each failure answer goes out ADDRESS_STEP after the previous one.
   */
  failureDelay(ip: string): number {
    const now = this.now();
    if (this.addressFailures(ip, now) <= THROTTLE.addressFree) return 0;
    const at = Math.max(now, this.releaseAt.get(ip) ?? 0) + THROTTLE.addressStepMs;
    const wait = Math.min(THROTTLE.addressMaxWaitMs, at - now);
    this.releaseAt.set(ip, now + wait);
    if (this.releaseAt.size > 10_000) for (const [k, v] of this.releaseAt) if (v < now) this.releaseAt.delete(k);
    return wait;
  }
}

/** 「12:34」 in Japan, for the retry message. */
export function japanTime(ms: number): string {
  return new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(new Date(ms));
}

/** 「約3分後」 / 「約40秒後」: the wait in words (rounded up). */
export function waitInWords(seconds: number): string {
  return seconds < 60 ? `約${Math.max(1, seconds)}秒後` : `約${Math.ceil(seconds / 60)}分後`;
}

