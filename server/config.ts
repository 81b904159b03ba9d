/** Configuration from environment variables, read once at start-up. See README「設定」. */
import { DEFAULT_TIMEOUTS, type Timeouts } from './timeouts.ts';

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  logLevel: string;
  /** TRUST_PROXY: false (default), true, or the proxies' addresses/CIDRs (comma-separated). */
  trustProxy: boolean | string;
  /** SESSION_TTL_HOURS: login session lifetime (default 12). */
  sessionTtlHours: number;
  /** Limits by route cost (plugins/limits.ts): RATE_LIMIT_PER_MINUTE, EXPORT_LIMIT_PER_MINUTE, MAX_UPLOADS_PER_CLIENT, PUBLIC_LIMIT_PER_MINUTE. */
  limits: { heavyPerMinute: number; exportPerMinute: number; uploadsPerClient: number; publicPerMinute: number };
  /** Connection timeouts and the connection cap per client address (server/timeouts.ts). */
  timeouts: Timeouts;
  /** PUBLIC_URL: the address users open (scheme, host, port), or null. */
  publicUrl: string | null;
  /** ALLOWED_HOSTS plus PUBLIC_URL's host: the Host names served (empty: loopback names only). */
  allowedHosts: string[];
  /** MAX_SESSIONS_PER_USER: live sessions kept per user; a new login ends the oldest (default 10). */
  maxSessionsPerUser: number;
  /** LOGIN_LOG_RETENTION_DAYS: how long the login log is kept (default 365). */
  loginLogRetentionDays: number;
  /** SHUTDOWN_TIMEOUT_MS: how long SIGTERM waits for requests in flight before closing them (default 10 s). */
  shutdownTimeoutMs: number;
  /** IMPORT_WORK_DIR: where uploads are read (default: `<DATABASE_PATH>-imports`). */
  importWorkDir: string | undefined;
  /** IMPORT_RETENTION_DAYS: days an import's rows and preview are kept (default 30). */
  importRetentionDays: number;
  /** WORKER_THREADS: threads for imports and exports (default 1: on a 2-core machine the main thread, one heavy thread and the roll-up thread; each heavy thread adds ~100 MiB at work). */
  workerThreads: number;
  /** NODE_ENV=production: demo accounts are refused and a new database gets no demo data. */
  production: boolean;
  /** SMTP_URL and MAIL_FROM: the town hall's relay for reminder e-mails (null: no e-mail is sent). */
  mail: { smtpUrl: string; from: string } | null;
  /** PASSWORD_HELP: what the login page says about a forgotten password (who resets it in this deployment). */
  passwordHelp: string;
}

/** The login page's answer to a forgotten password when PASSWORD_HELP is not set. */
export const DEFAULT_PASSWORD_HELP =
  'パスワードを忘れた場合は、所属する団体のDX推進本部の事務局（システム管理者）にパスワードの再設定を依頼してください。ここから再設定することはできません。';

/**
 * TRUST_PROXY as Fastify's trustProxy: 'true' (trust every hop: only when the app is reachable through
 * the proxy alone), 'false', or the proxies' addresses / CIDRs. Hop counts are refused: Fastify 5
 * cannot check the immediate peer with them and trusts nothing.
 */
export function parseTrustProxy(value: string | undefined): boolean | string {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^[0-9]+$/.test(v)) {
    throw new Error(`TRUST_PROXY: hop counts are not supported; give true or the proxy's addresses/CIDRs (got "${value}")`);
  }
  // Addresses, CIDRs and proxy-addr's names (loopback, linklocal, uniquelocal), comma-separated.
  if (!/^[0-9A-Za-z:.,/\s]+$/.test(v)) {
    throw new Error(`TRUST_PROXY must be true, false, or comma-separated addresses/CIDRs (got "${value}")`);
  }
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535 (got "${env.PORT}")`);
  }
  const sessionTtlHours = Number(env.SESSION_TTL_HOURS ?? 12);
  if (!Number.isFinite(sessionTtlHours) || sessionTtlHours <= 0 || sessionTtlHours > 24 * 30) {
    throw new Error(`SESSION_TTL_HOURS must be a number of hours between 0 and 720 (got "${env.SESSION_TTL_HOURS}")`);
  }
  const limits = {
    heavyPerMinute: wholeNumber(env, 'RATE_LIMIT_PER_MINUTE', 120, 'requests per minute, 0 to turn the per-user limits off'),
    exportPerMinute: wholeNumber(env, 'EXPORT_LIMIT_PER_MINUTE', 20, 'exports per minute, 0 to turn it off'),
    publicPerMinute: wholeNumber(env, 'PUBLIC_LIMIT_PER_MINUTE', 120, 'public page requests per minute per address, 0 to turn it off'),
    uploadsPerClient: wholeNumber(env, 'MAX_UPLOADS_PER_CLIENT', 4, 'uploads at once, 0 to turn it off'),
  };
  const timeouts: Timeouts = {
    requestMs: wholeNumber(env, 'REQUEST_TIMEOUT_MS', DEFAULT_TIMEOUTS.requestMs, 'milliseconds', 1),
    headersMs: wholeNumber(env, 'HEADERS_TIMEOUT_MS', DEFAULT_TIMEOUTS.headersMs, 'milliseconds', 1),
    keepAliveMs: wholeNumber(env, 'KEEP_ALIVE_TIMEOUT_MS', DEFAULT_TIMEOUTS.keepAliveMs, 'milliseconds', 1),
    idleMs: wholeNumber(env, 'IDLE_TIMEOUT_MS', DEFAULT_TIMEOUTS.idleMs, 'milliseconds', 1),
    connectionsPerClient: wholeNumber(env, 'MAX_CONNECTIONS_PER_CLIENT', DEFAULT_TIMEOUTS.connectionsPerClient, 'connections, 0 to turn it off'),
  };
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new Error(`HEADERS_TIMEOUT_MS (${timeouts.headersMs}) must not be longer than REQUEST_TIMEOUT_MS (${timeouts.requestMs})`);
  }
  const publicUrl = parsePublicUrl(env.PUBLIC_URL);
  const allowedHosts = [
    ...(env.ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    ...(publicUrl ? [new URL(publicUrl).host] : []),
  ];
  for (const h of allowedHosts) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(h)) throw new Error(`ALLOWED_HOSTS: "${h}" is not a host name (optionally with :port)`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databasePath: env.DATABASE_PATH ?? 'data/dx.sqlite',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionTtlHours,
    limits,
    timeouts,
    publicUrl,
    allowedHosts,
    maxSessionsPerUser: wholeNumber(env, 'MAX_SESSIONS_PER_USER', 10, 'sessions', 1),
    loginLogRetentionDays: wholeNumber(env, 'LOGIN_LOG_RETENTION_DAYS', 365, 'days', 1),
    shutdownTimeoutMs: wholeNumber(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 'milliseconds'),
    importWorkDir: env.IMPORT_WORK_DIR || undefined,
    importRetentionDays: wholeNumber(env, 'IMPORT_RETENTION_DAYS', 30, 'days', 1),
    workerThreads: wholeNumber(env, 'WORKER_THREADS', 1, 'threads', 1),
    production: env.NODE_ENV === 'production',
    mail: parseMail(env),
    passwordHelp: passwordHelp(env.PASSWORD_HELP),
  };
}

/** SMTP_URL (smtp:// or smtps://) and MAIL_FROM go together; neither: no e-mail. */
export function parseMail(env: NodeJS.ProcessEnv): Config['mail'] {
  const smtpUrl = env.SMTP_URL?.trim() ?? '';
  const from = env.MAIL_FROM?.trim() ?? '';
  if (!smtpUrl && !from) return null;
  if (!smtpUrl || !from) throw new Error('SMTP_URL and MAIL_FROM must be set together (reminder e-mails), or neither');
  if (!/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) throw new Error(`SMTP_URL must be smtp://host:port or smtps://… (got "${smtpUrl}")`);
  return { smtpUrl, from };
}

function passwordHelp(value: string | undefined): string {
  const v = (value ?? '').trim();
  if (!v) return DEFAULT_PASSWORD_HELP;
  if (v.length > 500) throw new Error(`PASSWORD_HELP must be at most 500 characters (got ${v.length})`);
  return v;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, unit: string, min = 0): number {
  const raw = env[name];
  const value = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of ${unit}${min > 0 ? ` (at least ${min})` : ''} (got "${raw}")`);
  return value;
}

/** PUBLIC_URL: http(s)://host[:port] (a path is not supported: the app is served at /). */
export function parsePublicUrl(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new Error(`PUBLIC_URL must be an address such as https://dx.example.lg.jp (got "${value}")`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new Error(`PUBLIC_URL must be http(s)://host[:port] without a path (got "${value}")`);
  }
  return url.origin;
}
