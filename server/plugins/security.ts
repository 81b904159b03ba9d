/**
 * Web security of every answer, registered before every route:
 *
 * - helmet: a Content-Security-Policy that allows no inline script and no inline style (the built
 *   Svelte app loads only /assets/*.js and *.css; Chart.js styles its canvas through the CSSOM, which
 *   CSP allows), `frame-ancestors 'none'` (and X-Frame-Options DENY) against click-jacking, nosniff,
 *   no referrer to other sites. `upgrade-insecure-requests` is left out: on a closed LAN the service
 *   may be served over plain HTTP, where it would break every asset. HSTS is sent (browsers only honour
 *   it over HTTPS, i.e. behind a TLS-terminating proxy). The same headers are written on answers made
 *   before any hook runs (malformed requests, oversized headers: `clientErrorAnswer`).
 * - The API browser (/api/docs, swagger-ui 5) runs under the same policy: it loads its scripts from
 *   files (tests/e2e/xss.test.ts opens it in Chromium).
 * - Host names: only the names in ALLOWED_HOSTS / PUBLIC_URL (default: this machine's loopback names)
 *   are served; any other Host (DNS rebinding, a mistyped proxy) is refused with 400 before routing.
 * - Cache-Control: every API answer is `no-store` (personal data, CSRF tokens) unless its route chose
 *   otherwise — the dashboards and roll-ups are `private, no-cache` so the browser revalidates them with
 *   their ETag (304) — and the app's index.html is `no-cache`. Hashed /assets/* keep @fastify/static's.
 * - Per-user limits by route cost are in plugins/limits.ts; the login throttle in auth/throttle.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { Socket } from 'node:net';
import { sendError } from './errors.ts';

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
  /**
   * Host names (optionally with :port) this service answers to (ALLOWED_HOSTS, plus PUBLIC_URL's).
   * Empty: the loopback names only (localhost, 127.0.0.1, [::1]).
   */
  allowedHosts?: readonly string[];
}

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

/** "Example.lg.jp:443" → { name: "example.lg.jp", port: "443" }; IPv6 keeps its brackets. */
export function splitHost(host: string): { name: string; port: string | null } {
  const h = host.trim().toLowerCase();
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(h);
  return m ? { name: m[1]!, port: m[2] ?? null } : { name: h, port: null };
}

/** Whether `host` (a Host header) is one of `allowed` ("name" matches any port, "name:port" only that one). */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (!host) return false;
  const { name, port } = splitHost(host);
  return allowed.some((entry) => {
    const e = splitHost(entry);
    return e.name === name && (e.port === null || e.port === (port ?? null));
  });
}

/** The security headers of every answer, for answers written without Fastify (client errors). */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';connect-src 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/**
 * Fastify's clientErrorHandler: the answer to a request Node's parser refused (bad syntax, headers too
 * large → 431, a request that timed out → 408), written on the socket with the security headers and a
 * Japanese JSON body, then the connection is closed.
 */
export function clientErrorAnswer(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const code = err.code ?? '';
  const [status, text, message] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'ヘッダーが大きすぎます。Cookie を削除してからもう一度お試しください。']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', '要求の受信が時間内に終わりませんでした。もう一度お試しください。']
        : [400, 'Bad Request', '要求の形式が正しくありません。'];
  const body = JSON.stringify({ statusCode: status, code: status === 431 ? 'HEADERS_TOO_LARGE' : status === 408 ? 'REQUEST_TIMEOUT' : 'BAD_REQUEST', error: text, message });
  const headers = Object.entries({ ...STATIC_SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  socket.end(`HTTP/1.1 ${status} ${text}\r\n${headers}\r\n\r\n${body}`);
}

/**
 * Fastify's frameworkErrors: a URL it cannot decode, or a path parameter longer than maxParamLength, is
 * answered before any hook runs: with the security headers and a Japanese JSON body here.
 */
export function frameworkErrorAnswer(err: Error & { code?: string }, _req: FastifyRequest, reply: FastifyReply) {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  reply.headers(STATIC_SECURITY_HEADERS);
  return sendError(reply, tooLong ? 404 : 400, {
    statusCode: tooLong ? 404 : 400,
    code: tooLong ? 'ROUTE_NOT_FOUND' : 'BAD_URL',
    error: tooLong ? 'Not Found' : 'Bad Request',
    message: tooLong ? 'URL の項目が長すぎます。' : 'URL の形式が正しくありません。',
  });
}

async function securityPlugin(app: FastifyInstance, opts: SecurityOptions) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES as never },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false, preload: false },
  });

  const allowed = opts.allowedHosts?.length ? opts.allowedHosts : LOOPBACK_HOSTS;
  // After helmet's onRequest hook (hooks run in the order they were added): the refusal has the headers.
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (hostAllowed(req.host, allowed)) return;
    return sendError(reply, 400, {
      statusCode: 400,
      code: 'HOST_NOT_ALLOWED',
      error: 'Bad Request',
      message: 'このアドレス（ホスト名）ではサービスを利用できません。管理者は ALLOWED_HOSTS または PUBLIC_URL を設定してください。',
    });
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!reply.hasHeader('cache-control')) {
      if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
      else if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('cache-control', 'no-cache');
    }
    return payload;
  });
}

export default fp(securityPlugin, { name: 'security', dependencies: ['errors'] });
