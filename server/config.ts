/** Configuration from environment variables, read once at start-up. See README「設定」. */
export interface Config {
  port: number;
  host: string;
  databasePath: string;
  logLevel: string;
  /** TRUST_PROXY: false (default), true, or the proxies' addresses/CIDRs (comma-separated). */
  trustProxy: boolean | string;
  /** SESSION_TTL_HOURS: login session lifetime (default 12). */
  sessionTtlHours: number;
  /** RATE_LIMIT_PER_MINUTE: requests per minute per user + address on expensive reads (default 120; 0 = off). */
  expensivePerMinute: number;
  /** IMPORT_WORK_DIR: where uploads are read (default: `<DATABASE_PATH>-imports`). */
  importWorkDir: string | undefined;
  /** IMPORT_RETENTION_DAYS: days an import's rows and preview are kept (default 30). */
  importRetentionDays: number;
  /** NODE_ENV=production: demo accounts are refused and a new database gets no demo data. */
  production: boolean;
}

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
  const expensivePerMinute = Number(env.RATE_LIMIT_PER_MINUTE ?? 120);
  if (!Number.isInteger(expensivePerMinute) || expensivePerMinute < 0) {
    throw new Error(`RATE_LIMIT_PER_MINUTE must be a whole number of requests per minute, 0 to turn it off (got "${env.RATE_LIMIT_PER_MINUTE}")`);
  }
  const importRetentionDays = Number(env.IMPORT_RETENTION_DAYS ?? 30);
  if (!Number.isInteger(importRetentionDays) || importRetentionDays < 1 || importRetentionDays > 3650) {
    throw new Error(`IMPORT_RETENTION_DAYS must be a whole number of days between 1 and 3650 (got "${env.IMPORT_RETENTION_DAYS}")`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databasePath: env.DATABASE_PATH ?? 'data/dx.sqlite',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionTtlHours,
    expensivePerMinute,
    importWorkDir: env.IMPORT_WORK_DIR || undefined,
    importRetentionDays,
    production: env.NODE_ENV === 'production',
  };
}
