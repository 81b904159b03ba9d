/**
 * Cost-aware limits: every API route declares its cost next to its rule (`config.cost`, see
 * auth/rules.ts), and the cost decides the limit, attached when the route is registered:
 *
 * - heavy reads: a token bucket per user of `heavyPerMinute` requests that refills at the same rate
 *   (default 120: two a second, and 120 at once after a quiet minute). On the demo body the heaviest read
 *   costs ~40 ms, so one user flooding gets at most ~8 % of one core once their burst is spent.
 * - exports: a bucket per user of `exportPerMinute` (default 20), and at most EXPORT_CONCURRENCY files
 *   being built or streamed at once per user (a national CSV streams for seconds).
 * - uploads: at most `uploadsPerClient` uploads being received at once per client address (default 4):
 *   each holds a temp file and a descriptor until it is read.
 * - publicRead (the residents' public pages and open data, issue 21): a token bucket per client address of
 *   `publicPerMinute` (default 120), whoever is signed in — the pages are the same for everyone. Applied to the
 *   HTML pages under /public/ too (they declare the same cost).
 * - read, write, public: not limited here (writes are validated and group-committed; login has its own
 *   throttle, auth/throttle.ts).
 *
 * Limits are checked in preHandler: after authentication (the key is the user), authorization and
 * schema validation (a refused or malformed request spends nothing), before the handler does any work.
 * A refusal is a 429 in the usual error shape with a Japanese message and, for the buckets, a
 * Retry-After that says when the next request will be accepted. State is in memory (one process).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { routeConfigOf, type RouteCost } from '../auth/rules.ts';
import { AppError } from '../errors.ts';

export interface LimitOptions {
  /** Heavy reads per user per minute (bucket size and refill per minute); 0 turns every per-user limit off. */
  heavyPerMinute?: number;
  /** Exports per user per minute (bucket size and refill per minute); 0 turns the export limit off. */
  exportPerMinute?: number;
  /** Uploads received at once per client address; 0 turns it off. */
  uploadsPerClient?: number;
  /** Public pages and open data per client address per minute (bucket); 0 turns it off. */
  publicPerMinute?: number;
  /** The clock (ms), for tests. */
  now?: () => number;
}

export const DEFAULT_LIMITS = { heavyPerMinute: 120, exportPerMinute: 20, uploadsPerClient: 4, publicPerMinute: 120 } as const;
/** Exports being built or streamed at once per user. */
export const EXPORT_CONCURRENCY = 2;

export const rateLimited = (seconds: number) =>
  new AppError(
    429,
    'RATE_LIMITED',
    `短時間に多くの要求があったため、一時的に受け付けを停止しています。約${Math.max(1, seconds)}秒後にもう一度お試しください。`,
  );

/**
 * Token buckets: `size` requests at once, refilled continuously at `size` per minute. `take` spends one
 * and answers 0, or answers the whole seconds until one will be there (nothing spent).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly size: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): number {
    const now = this.now();
    const perMs = this.size / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.size, at: now };
    b.tokens = Math.min(this.size, b.tokens + (now - b.at) * perMs);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      if (this.buckets.size > 10_000) this.prune(now);
      return 0;
    }
    this.buckets.set(key, b);
    return Math.ceil((1 - b.tokens) / perMs / 1000);
  }

  /** Full buckets carry no state: forget them. */
  private prune(now: number) {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * (this.size / 60_000) >= this.size) this.buckets.delete(key);
  }
}

/** How many of something each key has running; `acquire` refuses past `max`. */
export class InFlight {
  private readonly counts = new Map<string, number>();
  constructor(private readonly max: number) {}
  acquire(key: string): (() => void) | null {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.max) return null;
    this.counts.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
  }
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

const userKey = (req: FastifyRequest) => (req.principal ? `u${req.principal.id}` : `ip${req.ip}`);

/** Releases when the response is finished or the connection is gone, whichever comes first. */
function releaseWhenDone(reply: FastifyReply, release: () => void) {
  reply.raw.once('close', release);
  reply.raw.once('finish', release);
}

async function limitsPlugin(app: FastifyInstance, opts: LimitOptions) {
  const now = opts.now ?? Date.now;
  const heavyPerMinute = opts.heavyPerMinute ?? DEFAULT_LIMITS.heavyPerMinute;
  const off = heavyPerMinute === 0;
  const exportPerMinute = off ? 0 : (opts.exportPerMinute ?? DEFAULT_LIMITS.exportPerMinute);
  const uploadsPerClient = opts.uploadsPerClient ?? DEFAULT_LIMITS.uploadsPerClient;

  const heavy = off ? null : new TokenBuckets(heavyPerMinute, now);
  const exportsBucket = exportPerMinute === 0 ? null : new TokenBuckets(exportPerMinute, now);
  const exportsRunning = exportPerMinute === 0 ? null : new InFlight(EXPORT_CONCURRENCY);
  const uploads = uploadsPerClient === 0 ? null : new InFlight(uploadsPerClient);
  const publicPerMinute = opts.publicPerMinute ?? DEFAULT_LIMITS.publicPerMinute;
  const publicReads = publicPerMinute === 0 ? null : new TokenBuckets(publicPerMinute, now);

  const bucketCheck = (buckets: TokenBuckets, keyOf: (req: FastifyRequest) => string = userKey) =>
    async function costLimit(req: FastifyRequest, reply: FastifyReply) {
      const wait = buckets.take(keyOf(req));
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw rateLimited(wait);
      }
    };

  const checks: Partial<Record<RouteCost, ((req: FastifyRequest, reply: FastifyReply) => Promise<void>)[]>> = {
    heavy: heavy ? [bucketCheck(heavy)] : [],
    publicRead: publicReads ? [bucketCheck(publicReads, (req) => `ip${req.ip}`)] : [],
    export: [
      ...(exportsBucket ? [bucketCheck(exportsBucket)] : []),
      ...(exportsRunning
        ? [
            async function exportConcurrency(req: FastifyRequest, reply: FastifyReply) {
              const release = exportsRunning.acquire(userKey(req));
              if (!release) {
                throw new AppError(
                  429,
                  'TOO_MANY_EXPORTS',
                  `同時に作成できるファイルは${EXPORT_CONCURRENCY}件までです。作成中のファイルのダウンロードが終わってから、もう一度お試しください。`,
                );
              }
              releaseWhenDone(reply, release);
            },
          ]
        : []),
    ],
    upload: uploads
      ? [
          async function uploadConcurrency(req: FastifyRequest, reply: FastifyReply) {
            const release = uploads.acquire(req.ip);
            if (!release) {
              throw new AppError(
                429,
                'TOO_MANY_UPLOADS',
                `同じ接続元から同時に送信できるファイルは${uploadsPerClient}件までです。送信中のファイルの確認が終わってから、もう一度お試しください。`,
              );
            }
            releaseWhenDone(reply, release);
          },
        ]
      : [],
  };

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') && !route.url.startsWith('/public/')) return;
    const { cost } = routeConfigOf(route.url, route.config);
    const added = cost ? (checks[cost] ?? []) : [];
    if (added.length === 0) return;
    const existing = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    route.preHandler = [...added, ...existing] as never;
  });
}

export default fp(limitsPlugin, { name: 'limits', dependencies: ['errors'] });
