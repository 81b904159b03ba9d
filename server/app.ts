/**
 * Builds the Fastify application without listening, so tests boot it with `app.inject` on a
 * temporary database. `server.ts` is the only place that opens a port.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import type { Server } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from './db/client.ts';
import errorsPlugin from './plugins/errors.ts';
import { validatorCompiler } from './plugins/validation.ts';
import openapiPlugin from './plugins/openapi.ts';
import webPlugin from './plugins/web.ts';
import publicSite from './public-site/plugin.ts';
import compressionPlugin from './plugins/compression.ts';
import securityPlugin, { clientErrorAnswer, frameworkErrorAnswer, type SecurityOptions } from './plugins/security.ts';
import limitsPlugin, { type LimitOptions } from './plugins/limits.ts';
import { capConnectionsPerClient, DEFAULT_TIMEOUTS, serverTimeoutOptions, type Timeouts } from './timeouts.ts';
import authPlugin from './auth/plugin.ts';
import { DEFAULT_MAX_SESSIONS_PER_USER, DEFAULT_SESSION_TTL_HOURS } from './auth/sessions.ts';
import { DEFAULT_LOGIN_LOG_RETENTION_DAYS, sweepLoginLog } from './auth/login-log.ts';
import { sendReminders, type Mailer } from './services/reminders.ts';
import { ErrorResponse } from './schemas/common.ts';
import apiRoutes from './routes/index.ts';
import groupCommitPlugin from './plugins/group-commit.ts';
import { ResponseCache } from './cache/response-cache.ts';
import { todayInJapan } from './domain/dates.ts';
import { DEFAULT_PASSWORD_HELP } from './config.ts';
import { DEFAULT_WORKER_OPTIONS, Workers, type WorkerOptions } from './workers/pool.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Today's date in Japan (YYYY-MM-DD): the reference point of every status. */
    today: () => string;
    /** The reminder mailer (SMTP_URL), or null. */
    mailer: Mailer | null;
    authOptions: { sessionTtlHours: number; maxSessionsPerUser: number; loginLogRetentionDays: number };
    /** PUBLIC_URL's origin (scheme://host[:port]) when set: the Origin every write must come from. */
    publicOrigin: string | null;
    /** What the login page says about a forgotten password (PASSWORD_HELP). */
    passwordHelp: string;
    /** The clock of throttles and logs (ms since the epoch); tests move it. */
    now: () => number;
    /** Serialized answers of the expensive reads, valid while their data version holds (server/cache/). */
    responseCache: ResponseCache;
    /** Where uploads are read, and how long their rows and previews are kept (routes/imports.ts). */
    importOptions: ImportOptions;
    /** Worker threads for imports, council reports, the workbook and the roll-ups (server/workers/). */
    workers: Workers;
  }
}

export interface ImportOptions {
  /** Work directories of uploads (IMPORT_WORK_DIR; default `<database file>-imports`, next to the database). */
  workDir: string;
  /** Days an import's rows and preview are kept (IMPORT_RETENTION_DAYS, default 30). */
  retentionDays: number;
}

/** `<database file>-imports`, or a directory of this process under the system's temp dir for an in-memory database. */
export function defaultImportWorkDir(db: Db): string {
  const file = db.$client.name;
  return file && file !== ':memory:' ? `${file}-imports` : join(tmpdir(), `dx-imports-${process.pid}`);
}

export interface AppOptions {
  db: Db;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app (web/dist); `false` serves the API only. */
  webRoot?: string | false;
  /** Fixes "today" (YYYY-MM-DD, Japan) for tests and demos; defaults to the real date in Japan. */
  today?: () => string;
  /**
   * Fastify's trustProxy (from TRUST_PROXY): only when set are X-Forwarded-For / -Proto / -Host
   * believed, for the client address (login throttling) and HTTPS (the Secure cookie flag).
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Lifetime of a login session (hours, from login; default 12). */
  sessionTtlHours?: number;
  /** Live sessions kept per user; a new login ends the oldest beyond it (default 10). */
  maxSessionsPerUser?: number;
  /** Days the login log is kept (default 365). */
  loginLogRetentionDays?: number;
  /** Host names served (plugins/security.ts). */
  security?: SecurityOptions;
  /** PUBLIC_URL (scheme://host[:port]): writes must come from this origin (or the request's own host). */
  publicUrl?: string | null;
  /** Per-user limits by route cost (plugins/limits.ts); tests lower or turn them off. */
  limits?: LimitOptions;
  /** Connection timeouts and the per-client connection cap (timeouts.ts). */
  timeouts?: Partial<Timeouts>;
  /** The clock (ms) of throttles, limits and logs; tests move it. */
  now?: () => number;
  /** Uploads' work directory and retention (defaults: next to the database, 30 days). */
  imports?: Partial<ImportOptions>;
  /** Worker threads (WORKER_THREADS; tests may run the jobs in-process). */
  workers?: Partial<WorkerOptions>;
  /** Called for every route as it is registered (tests collect the route table with its schemas). */
  onRoute?: (route: RouteOptions) => void;
  /** Reminder e-mails (SMTP_URL / MAIL_FROM): sent at start-up and every hour when given. */
  mailer?: Mailer | null;
  /** The login page's text about a forgotten password (PASSWORD_HELP; default DEFAULT_PASSWORD_HELP). */
  passwordHelp?: string;
}

/** Request bodies are small JSON documents; 256 KiB leaves room for long notes and nothing more. */
export const BODY_LIMIT = 256 * 1024;

export async function buildApp(options: AppOptions) {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const now = options.now ?? Date.now;
  const app = Fastify({
    logger: options.logger ?? false,
    ...serverTimeoutOptions(timeouts),
    // Malformed requests, oversized headers, timeouts: answered with the security headers too.
    clientErrorHandler: clientErrorAnswer,
    frameworkErrors: frameworkErrorAnswer,
    bodyLimit: BODY_LIMIT,
    // Deeply nested JSON is refused by the schema (additionalProperties: false); this caps the parser.
    routerOptions: { maxParamLength: 200 },
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.decorate('db', options.db);
  app.decorate('today', options.today ?? (() => todayInJapan()));
  app.decorate('responseCache', new ResponseCache());
  app.decorate('importOptions', { workDir: options.imports?.workDir ?? defaultImportWorkDir(options.db), retentionDays: options.imports?.retentionDays ?? 30 });
  app.decorate('authOptions', {
    sessionTtlHours: options.sessionTtlHours ?? DEFAULT_SESSION_TTL_HOURS,
    maxSessionsPerUser: options.maxSessionsPerUser ?? DEFAULT_MAX_SESSIONS_PER_USER,
    loginLogRetentionDays: options.loginLogRetentionDays ?? DEFAULT_LOGIN_LOG_RETENTION_DAYS,
  });
  app.decorate('passwordHelp', options.passwordHelp ?? DEFAULT_PASSWORD_HELP);
  app.decorate('publicOrigin', options.publicUrl ? new URL(options.publicUrl).origin : null);
  app.decorate('now', now);
  // Behind a trusted proxy every connection comes from the proxy: the proxy limits connections then.
  if (!options.trustProxy) capConnectionsPerClient(app.server as unknown as Server, timeouts.connectionsPerClient);
  app.addSchema(ErrorResponse);
  await app.register(errorsPlugin);
  await app.register(groupCommitPlugin);
  app.decorate('workers', new Workers(options.db, app.groupCommit, { ...DEFAULT_WORKER_OPTIONS, ...options.workers }));
  app.addHook('onClose', async () => app.workers.close());
  // Before any route: it attaches authentication, CSRF checks and the route's rule to each one.
  await app.register(authPlugin);
  // Security headers (CSP…) and the Host check on every response; per-user limits by route cost.
  await app.register(securityPlugin, options.security ?? {});
  await app.register(limitsPlugin, { now, ...options.limits });
  // JSON answers ≥ 1 KiB compressed for browsers that accept it (after the hooks that set headers).
  await app.register(compressionPlugin);
  await app.register(openapiPlugin);
  await app.register(apiRoutes, { prefix: '/api' });
  // The residents' public pages (issue 21): server-rendered HTML, before the web app's catch-all.
  await app.register(publicSite);
  await app.register(webPlugin, { root: options.webRoot ?? false });

  // The login log's retention (LOGIN_LOG_RETENTION_DAYS): enforced at start-up and every hour.
  let sweeper: NodeJS.Timeout | undefined;
  const sweep = () => sweepLoginLog(app.db, app.authOptions.loginLogRetentionDays, new Date(now()));
  app.addHook('onReady', async () => {
    sweep();
    sweeper = setInterval(() => {
      // Through the group commit: it waits while a worker holds the write lock (db/group-commit.ts).
      app.groupCommit.write(sweep).catch((err) => app.log.error({ err }, 'login log retention sweep failed'));
    }, 3_600_000).unref();
  });
  app.addHook('onClose', async () => clearInterval(sweeper));

  // Reminder e-mails (issue 20): at start-up and every hour; each person gets at most one a day (mail_log).
  const mailer = options.mailer ?? null;
  app.decorate('mailer', mailer);
  if (mailer) {
    let reminding: NodeJS.Timeout | undefined;
    let running: Promise<unknown> = Promise.resolve();
    const remind = () => {
      running = sendReminders(app.db, mailer, app.today(), new Date(now()), options.publicUrl ?? null, (fn) => app.groupCommit.write(fn))
        .then((r) => r.sent + r.failed > 0 && app.log.info(r, 'reminder e-mails'))
        .catch((err) => app.log.error({ err }, 'reminder e-mails failed'));
    };
    app.addHook('onReady', async () => {
      remind();
      reminding = setInterval(remind, 3_600_000).unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(reminding);
      await running;
    });
  }
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
