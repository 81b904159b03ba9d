/**
 * Authentication, CSRF protection and authorization for every API route, attached centrally when a
 * route is registered (onRoute), so no route can forget them:
 *
 * 1. onRequest: the session cookie is resolved to a user; a route that needs one answers 401
 *    without it. Writes (POST/PUT/PATCH/DELETE) are refused when their Origin is not this host, and a
 *    write made with a session must carry the session's CSRF token in `x-csrf-token` (403).
 * 2. preValidation: the request's targets are resolved (scope.ts) and the route's rule (declared in
 *    the route's `config`, see rules.ts) decides (policy.ts): 403 when not allowed, 404 when a path id
 *    does not exist.
 * 3. The handler runs as the user (audit/context.ts): the audit triggers attribute every write to them,
 *    with the optional reason from the `x-audit-note` header (percent-encoded UTF-8).
 *
 * A route under /api without a rule or a cost, or with a path parameter scope.ts does not know, stops
 * start-up.
 */
import { refuseEndedPlan } from './ended-plan.ts';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { randomUUID } from 'node:crypto';
import { runAsActor, type AuditActor } from '../audit/context.ts';
import type { Session } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { allows, TARGETED, type Principal, type Target } from './policy.ts';
import { isPublicDocsUrl, routeConfigOf, type Rule, type RouteCost } from './rules.ts';
import { checkRouteParams, ScopeResolver } from './scope.ts';
import { csrfMatches, findSession, SESSION_COOKIE } from './sessions.ts';
import { splitHost } from '../plugins/security.ts';
import { principalOf } from './users.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its rule, as registered (for the authorization matrix test and docs). */
    apiRoutes: ApiRoute[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: Session | null;
    /** What the request acts on, as resolved for authorization. */
    targets: Target[];
    /** Why (x-audit-note), recorded with every change the request makes. */
    auditNote: string;
  }
}

export interface ApiRoute {
  method: string;
  url: string;
  rule: Rule;
  cost: RouteCost;
}

export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const AUDIT_NOTE_HEADER = 'x-audit-note';
export const CSRF_HEADER = 'x-csrf-token';
const MAX_AUDIT_NOTE = 1000;

export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', 'ログインしてください。');
export const forbidden = (details?: Record<string, unknown>) =>
  new AppError(403, 'FORBIDDEN', 'この操作を行う権限がありません。', undefined, details);
export const passwordChangeRequired = () =>
  new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '初期パスワードのままです。先にパスワードを変更してください。');
const csrfRefused = () =>
  new AppError(403, 'CSRF_REJECTED', '不正な要求の可能性があるため処理を中止しました。画面を再読み込みしてから、もう一度操作してください。');

const WRAPPED = Symbol('authWrapped');

/**
 * Writes are refused when the browser says they come from another site: the Origin must equal, in
 * scheme, host and port, PUBLIC_URL (the only origin of PUBLIC_URL's host name), or else this request's
 * own origin (its scheme — https only when a trusted proxy says so — and its Host, already checked
 * against ALLOWED_HOSTS by plugins/security.ts).
 */
export function originAllowed(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser, or a same-origin GET-like request
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false; // "null" (sandboxed or file: pages) and garbage
  }
  if (from.protocol !== 'http:' && from.protocol !== 'https:') return false;
  const publicOrigin = req.server.publicOrigin;
  if (publicOrigin !== null) {
    if (from.origin === publicOrigin) return true;
    // Reached by PUBLIC_URL's name: its scheme and port are the only ones (http://… is not https://…).
    if (new URL(publicOrigin).hostname === splitHost(req.host).name) return false;
  }
  try {
    // URL normalizes default ports (http://h:80 = http://h) on both sides.
    return new URL(`${req.protocol}://${req.host}`).origin === from.origin;
  } catch {
    return false;
  }
}

function auditNoteOf(req: FastifyRequest): string {
  const raw = req.headers[AUDIT_NOTE_HEADER];
  if (raw === undefined) return '';
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  let note: string;
  try {
    note = decodeURIComponent(value).trim();
  } catch {
    throw new AppError(400, 'VALIDATION_ERROR', '変更理由（x-audit-note ヘッダー）はUTF-8をパーセントエンコードして送信してください。', [
      { field: AUDIT_NOTE_HEADER, code: 'encoding', message: '変更理由はUTF-8をパーセントエンコードして送信してください。' },
    ]);
  }
  if ([...note].length > MAX_AUDIT_NOTE) {
    const message = `変更理由（x-audit-note）は${MAX_AUDIT_NOTE}文字以内にしてください。`;
    throw new AppError(400, 'VALIDATION_ERROR', message, [{ field: AUDIT_NOTE_HEADER, code: 'maxLength', message }]);
  }
  return note;
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

async function authPlugin(app: FastifyInstance) {
  await app.register(cookie);
  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('targets', null as unknown as Target[]);
  app.decorateRequest('auditNote', '');
  const resolver = new ScopeResolver(app.db);

  function authenticate(rule: Rule) {
    return async function authenticateHook(req: FastifyRequest) {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const found = findSession(app.db, token);
        if (found) {
          req.session = found.session;
          req.principal = principalOf(app.db, found.user);
        }
      }
      if (rule.access !== 'public' && req.principal === null) throw unauthenticated();
      if (WRITE_METHODS.has(req.method)) {
        if (!originAllowed(req)) throw csrfRefused();
        // Cookie-authenticated writes carry the session's token: a cross-site form cannot read it.
        if (rule.access !== 'public' && !csrfMatches(req.session!.csrfToken, req.headers[CSRF_HEADER])) throw csrfRefused();
      }
      // A one-time password someone else chose opens nothing but the change to one's own.
      if (rule.access !== 'public' && req.principal?.mustChangePassword && !rule.beforePasswordChange) throw passwordChangeRequired();
    };
  }

  function authorize(rule: Rule) {
    return async function authorizeHook(req: FastifyRequest) {
      const write = WRITE_METHODS.has(req.method);
      req.targets = rule.access === 'public' ? [] : resolver.resolve(req.params as Record<string, unknown>, write ? req.body : undefined, write);
      const p = req.principal;
      if (!allows(p, rule.access, req.targets)) throw forbidden();
      // An ended plan (issue 20) is read-only, whoever asks.
      if (write) refuseEndedPlan(app.db, req.targets);
      if (write) req.auditNote = auditNoteOf(req);
      if (p?.role === 'officer' && rule.officerFields && req.body && typeof req.body === 'object') {
        const allowed = new Set(['version', ...rule.officerFields]);
        const refused = Object.keys(req.body).filter((k) => !allowed.has(k));
        if (refused.length) throw forbidden({ fields: refused, allowedFields: [...rule.officerFields] });
      }
    };
  }

  function actorOf(req: FastifyRequest): AuditActor {
    const p = req.principal!;
    const bodies = new Set(req.targets.map((t) => t.bodyId));
    const only = <K extends 'itemId' | 'sectionId'>(k: K) => {
      const values = new Set(req.targets.map((t) => t[k]).filter((v) => v !== null));
      return values.size === 1 ? ([...values][0] as number) : null;
    };
    return {
      userId: p.id,
      username: p.username,
      note: req.auditNote,
      requestId: randomUUID(),
      bodyId: bodies.size === 1 ? [...bodies][0]! : null,
      itemId: only('itemId'),
      sectionId: only('sectionId'),
    };
  }

  app.addHook('onRoute', (route: RouteOptions & { [WRAPPED]?: true }) => {
    if (!route.url.startsWith('/api/') && route.url !== '/api') return;
    const methods = asArray(route.method);
    // The rule and cost sit next to the route (its options' config, auth/rules.ts); HEAD copies GET's.
    const { rule, cost } = routeConfigOf(route.url, route.config);
    if (!rule) {
      throw new Error(`No authorization rule for ${methods.join('/')} ${route.url}: give the route config: { rule, cost } (server/auth/rules.ts)`);
    }
    if (!cost) {
      throw new Error(`No cost declared for ${methods.join('/')} ${route.url}: give the route config: { rule, cost } (server/auth/rules.ts)`);
    }
    const { hasBodyTarget } = checkRouteParams(methods.join('/'), route.url);
    if (TARGETED.has(rule.access) && !hasBodyTarget && !rule.targetsFromBody) {
      throw new Error(`${methods.join('/')} ${route.url}: access "${rule.access}" needs a target, but the route names no body (path parameter or targetsFromBody)`);
    }
    for (const method of methods) app.apiRoutes.push({ method, url: route.url, rule, cost });
    if (isPublicDocsUrl(route.url) || route[WRAPPED]) return;
    // The OpenAPI document (built by @fastify/swagger's later onRoute hook) says what each route needs.
    if (route.schema) {
      const security = rule.access === 'public' ? [] : methods.some((m) => WRITE_METHODS.has(m)) ? [{ session: [], csrf: [] }] : [{ session: [] }];
      route.schema = { ...route.schema, security };
    }

    route.onRequest = [authenticate(rule), ...asArray(route.onRequest)];
    route.preValidation = [authorize(rule), ...asArray(route.preValidation)];
    const handler = route.handler;
    route.handler = function authenticatedHandler(this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      if (req.principal === null) return handler.call(this, req, reply);
      const run = () => handler.call(this, req, reply);
      // Writes share a transaction with the other writes of this event-loop turn (plugins/group-commit.ts);
      // while a worker holds the write lock (an import), they wait for it without blocking the loop.
      const write = req.method !== 'GET' && req.method !== 'HEAD';
      const actor = actorOf(req);
      if (!write) return runAsActor(actor, run);
      const groups = req.server.groupCommit;
      if (!groups.lent) return runAsActor(actor, () => groups.run(run));
      return groups.write(() => runAsActor(actor, run));
    };
    route[WRAPPED] = true;
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['errors'] });
