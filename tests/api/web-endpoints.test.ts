/**
 * The browser's typed endpoint map (web/src/lib/api.ts `Endpoints`, `FileEndpoints`) against the real app:
 * every 'METHOD /path' it calls is a route of the server with the same parameter names, and it declares a
 * body / query string exactly where the route's schema has one. (The shapes themselves are the server's
 * TypeBox types, so they cannot drift: `npm run typecheck` fails instead.)
 */
import { readFileSync } from 'node:fs';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';

interface Declared {
  key: string;
  method: string;
  path: string;
  body: boolean;
  query: boolean;
}

/** The entries of one `export interface Name { 'METHOD /path': { … }; … }` block of api.ts. */
function declaredEndpoints(source: string, name: string): Declared[] {
  const start = source.indexOf(`export interface ${name} {`);
  expect(start, `${name} in web/src/lib/api.ts`).toBeGreaterThanOrEqual(0);
  const block = source.slice(start, source.indexOf('\n}\n', start));
  return [...block.matchAll(/^ {2}'(GET|POST|PUT|PATCH|DELETE) (\/[^']*)': \{(.*)\};$/gm)].map((m) => ({
    key: `${m[1]} ${m[2]}`,
    method: m[1]!,
    path: m[2]!,
    body: /\bbody:/.test(m[3]!),
    query: /\bquery: Q</.test(m[3]!),
  }));
}

const source = readFileSync(new URL('../../web/src/lib/api.ts', import.meta.url), 'utf8');
const json = declaredEndpoints(source, 'Endpoints');
const files = declaredEndpoints(source, 'FileEndpoints');
const routes = new Map<string, RouteOptions>();
let close: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestApp({
    onRoute: (route) => {
      for (const method of [route.method].flat()) routes.set(`${method} ${route.url}`, route);
    },
  });
  close = t.close;
});
afterAll(() => close());

describe("the browser's endpoint map", () => {
  it('lists the endpoints the pages call', () => {
    expect(json.length).toBeGreaterThanOrEqual(30);
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(json.map((e) => e.key)).toContain('GET /bodies/:bodyId/dashboard');
  });

  it.each([...json, ...files].map((e) => [e.key, e] as const))('%s is a route of the server', (_key, e) => {
    expect(routes.has(`${e.method} /api${e.path}`), `${e.method} /api${e.path}`).toBe(true);
  });

  it.each(json.map((e) => [e.key, e] as const))('%s declares a body and a query string where the route has one', (_key, e) => {
    const schema = (routes.get(`${e.method} /api${e.path}`)?.schema ?? {}) as Record<string, unknown>;
    // A file upload is a raw body, not a JSON schema.
    if (e.key !== 'POST /bodies/:bodyId/imports') expect(e.body).toBe(schema.body !== undefined);
    expect(e.query).toBe(schema.querystring !== undefined);
  });
});
