/**
 * Builds the Fastify application without listening, so tests boot it with `app.inject` on a
 * temporary database. `server.ts` is the only place that opens a port.
 */
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from './db/client.ts';
import errorsPlugin from './plugins/errors.ts';
import { validatorCompiler } from './plugins/validation.ts';
import openapiPlugin from './plugins/openapi.ts';
import webPlugin from './plugins/web.ts';
import compressionPlugin from './plugins/compression.ts';
import securityPlugin, { type SecurityOptions } from './plugins/security.ts';
import authPlugin from './auth/plugin.ts';
import { DEFAULT_SESSION_TTL_HOURS } from './auth/sessions.ts';
import { ErrorResponse } from './schemas/common.ts';
import apiRoutes from './routes/index.ts';
import groupCommitPlugin from './plugins/group-commit.ts';
import { ResponseCache } from './cache/response-cache.ts';
import { todayInJapan } from './domain/dates.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Today's date in Japan (YYYY-MM-DD): the reference point of every status. */
    today: () => string;
    authOptions: { sessionTtlHours: number };
    /** Serialized answers of the expensive reads, valid while their data version holds (server/cache/). */
    responseCache: ResponseCache;
  }
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
  /** Rate limits of expensive reads (plugins/security.ts); tests lower them. */
  security?: SecurityOptions;
  /** Called for every route as it is registered (tests collect the route table with its schemas). */
  onRoute?: (route: RouteOptions) => void;
}

/** Request bodies are small JSON documents; 256 KiB leaves room for long notes and nothing more. */
export const BODY_LIMIT = 256 * 1024;

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
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
  app.decorate('authOptions', { sessionTtlHours: options.sessionTtlHours ?? DEFAULT_SESSION_TTL_HOURS });
  app.addSchema(ErrorResponse);
  await app.register(errorsPlugin);
  await app.register(groupCommitPlugin);
  // Before any route: it attaches authentication, CSRF checks and the route's rule to each one.
  await app.register(authPlugin);
  // Security headers (CSP…) on every response, and rate limits on expensive reads.
  await app.register(securityPlugin, options.security ?? {});
  // JSON answers ≥ 1 KiB compressed for browsers that accept it (after the hooks that set headers).
  await app.register(compressionPlugin);
  await app.register(openapiPlugin);
  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(webPlugin, { root: options.webRoot ?? false });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
