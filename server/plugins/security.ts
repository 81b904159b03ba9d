/**
 * Web security headers and rate limits, registered before every route.
 *
 * - helmet: a Content-Security-Policy that allows no inline script and no inline style (the built
 *   Svelte app loads only /assets/*.js and *.css; Chart.js styles its canvas through the CSSOM, which
 *   CSP allows), `frame-ancestors 'none'` (and X-Frame-Options DENY) against click-jacking, nosniff,
 *   no referrer to other sites. `upgrade-insecure-requests` is left out: on a closed LAN the service
 *   may be served over plain HTTP, where it would break every asset. HSTS is sent (browsers only honour
 *   it over HTTPS, i.e. behind a TLS-terminating proxy).
 * - The API browser (/api/docs, swagger-ui 5) runs under the same policy: it loads its scripts from
 *   files (tests/e2e/xss.test.ts opens it in Chromium).
 * - Rate limits on expensive reads (dashboards, roll-ups, summaries, exports, audit lists): per signed-in
 *   user + client address (staff share office proxies, so the address alone is not a person), generous
 *   enough that no one working normally meets them. Logins have their own throttle (auth/throttle.ts,
 *   persisted in SQLite). The 429 is the usual error body with a Japanese message.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '../errors.ts';

/** The CSP of every response (API and SPA). */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  upgradeInsecureRequests: null,
} as const;

export interface SecurityOptions {
  /** Requests per minute per user + address on an expensive route (default 120; 0 turns the limit off). */
  expensivePerMinute?: number;
}

/** Routes that assemble a lot (whole-body or national aggregates, exports, audit lists). */
export function isExpensiveRoute(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (!url.startsWith('/api/')) return false;
  return (
    /\/dashboard$/.test(url) ||
    /\/summary$/.test(url) ||
    /\/audit$/.test(url) ||
    /\/reporting-status$/.test(url) ||
    /\/(export|exports)(\/|$)/.test(url) ||
    /\.(csv|xlsx|pdf)$/.test(url) ||
    url.startsWith('/api/rollups/') ||
    /\/peers$/.test(url) ||
    (url.startsWith('/api/national') && /(rollup|roll-up|overview|dashboard)/.test(url))
  );
}

/** Key of a rate-limited request: the signed-in user (resolved by the auth plugin) and the address. */
function keyOf(req: FastifyRequest): string {
  const user = (req as { principal?: { id: number } | null }).principal;
  return `${user ? `u${user.id}` : 'anon'}|${req.ip}`;
}

export const rateLimited = (seconds: number) =>
  new AppError(
    429,
    'RATE_LIMITED',
    `短時間に多くの要求があったため、一時的に受け付けを停止しています。約${Math.max(1, seconds)}秒後にもう一度お試しください。`,
  );

async function securityPlugin(app: FastifyInstance, opts: SecurityOptions) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES as never },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false, preload: false },
  });

  const perMinute = opts.expensivePerMinute ?? 120;
  if (perMinute === 0) return;
  // Before @fastify/rate-limit's own onRoute hook (hooks run in the order they were added).
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((m) => isExpensiveRoute(m, route.url))) return;
    const config = (route.config ?? {}) as Record<string, unknown>;
    if (config.rateLimit !== undefined) return;
    route.config = { ...config, rateLimit: { max: perMinute, timeWindow: 60_000 } } as never;
  });
  await app.register(rateLimit, {
    global: false,
    // After authentication (onRequest) and authorization (preValidation): the key is the user.
    hook: 'preHandler',
    keyGenerator: keyOf,
    errorResponseBuilder: (_req, ctx) => rateLimited(Math.ceil(ctx.ttl / 1000)),
  });
}

export default fp(securityPlugin, { name: 'security', dependencies: ['errors'] });
