/**
 * What every API route declares next to its definition, in its route options' `config`:
 *
 *   export const MILESTONE_ROUTES = {
 *     update: { rule: { access: 'bodySection', officerFields: OFFICER_MILESTONE_FIELDS }, cost: 'write' },
 *   } as const satisfies RouteTable;
 *   app.patch('/milestones/:milestoneId', { config: MILESTONE_ROUTES.update, schema, handler });
 *
 * - `rule`: who may call it (access kinds in policy.ts; targets resolved by scope.ts).
 * - `cost`: what one call costs the server, which decides its per-user limit (plugins/limits.ts).
 *
 * Each route file exports its table by name (`MILESTONE_ROUTES`…), so code that must apply a route's
 * rule elsewhere (the spreadsheet import checks every row with the rule of the route that would make
 * the same change) imports the constant: nothing looks a rule up by URL. A route under /api without a
 * rule or a cost stops the server at start-up (auth/plugin.ts), and tests/auth/matrix.test.ts checks
 * every registered rule against every role.
 */
import type { Access } from './policy.ts';

export interface Rule {
  access: Access;
  /**
   * For officers only: the fields they may send (besides `version`). Anything else is refused with
   * 403, so an officer updates progress but does not re-plan (planned dates, titles, owner section).
   */
  officerFields?: readonly string[];
  /** The route has no target in its path: its targets are the ids in the request body (bodyId, itemId…). */
  targetsFromBody?: boolean;
  /** For the reader: the handler filters what it returns by what the user may read. */
  filtered?: true;
  /**
   * Open to a user who signed in with a one-time password (made or reset by someone else) and has not
   * chosen their own yet: who they are, logging out, and changing the password. Every other route
   * answers 403 PASSWORD_CHANGE_REQUIRED until they do (auth/plugin.ts).
   */
  beforePasswordChange?: true;
}

/**
 * What one call of a route costs (measured on the demo data, see README「負荷の上限」):
 * - public: no session, next to nothing (health, the OpenAPI document, the API browser). Not limited.
 * - login: a password check (argon2id, ~20 MiB, tens of ms): the login throttle (auth/throttle.ts).
 * - read: one row or a short indexed list (≤ ~10 ms). Not limited.
 * - heavy: assembles a whole body, prefecture or the country, or a computed comparison (10–40 ms on the
 *   demo body: review, standardization matrix, dashboard, roll-ups, audit lists …). Limited per user.
 * - export: builds a file (CSV, Excel, PDF; up to seconds for a country). Limited per user, and at most
 *   a few at once per user.
 * - write: one change in the group commit; validated and audited. Not limited.
 * - upload: a spreadsheet read into the database (seconds). At most a few at once per client address.
 * - publicRead: the residents' public pages and open data (issue 21): no session, answered from a cache
 *   made once per closed quarter and publication. Limited per client address (nobody signs in).
 */
export const ROUTE_COSTS = ['public', 'login', 'read', 'heavy', 'export', 'write', 'upload', 'publicRead'] as const;
export type RouteCost = (typeof ROUTE_COSTS)[number];

export interface RouteConfig {
  rule: Rule;
  cost: RouteCost;
}

/** A route file's named table of its routes' rules and costs. */
export type RouteTable = Readonly<Record<string, RouteConfig>>;

export const OFFICER_ITEM_FIELDS = ['notes'] as const;
export const OFFICER_MILESTONE_FIELDS = ['status', 'actualStartDate', 'actualDate', 'note'] as const;

/** The API browser (swagger-ui's pages and assets, registered by the plugin) is public like the OpenAPI document. */
export const isPublicDocsUrl = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');
export const PUBLIC_DOCS: RouteConfig = { rule: { access: 'public' }, cost: 'public' };

/** The rule and cost a route declared in its options' `config`, or what is missing. */
export function routeConfigOf(url: string, config: unknown): { rule?: Rule; cost?: RouteCost } {
  if (isPublicDocsUrl(url)) return PUBLIC_DOCS;
  const c = (config ?? {}) as Partial<RouteConfig>;
  const cost = (ROUTE_COSTS as readonly string[]).includes(c.cost as string) ? c.cost : undefined;
  return { rule: c.rule?.access ? c.rule : undefined, cost };
}
