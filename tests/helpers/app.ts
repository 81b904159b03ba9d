/**
 * Test fixtures: a fresh SQLite file built by the real migrations, with reference data and
 * optionally the demo seed, and the real Fastify app booted on it without a port.
 *
 * Every API route needs a session: `t.inject` sends requests as an administrator (logged in once,
 * with the session cookie and the CSRF header), and `t.as(role | username)` as anyone else. In a demo
 * database the roles are the demo accounts (demo-hq, demo-officer…); otherwise create users with
 * `t.createUser` (password TEST_PASSWORD) and act as them by username. A client logs in on its first
 * request (which writes a session row): call `await client.login()` first when a test compares tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../server/app.ts';
import { openDatabase, type Db } from '../../server/db/client.ts';
import { createUser, type NewUser } from '../../server/auth/users.ts';
import { SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { ROLES, type Role } from '../../server/domain/labels.ts';
import { seedReference } from '../../seed/reference.ts';
import { seedDemo, DEMO_AS_OF } from '../../seed/demo.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../../seed/demo-users.ts';

export { DEMO_AS_OF, DEMO_PASSWORD };

export const TEST_PASSWORD = 'test-password-123';
export const TEST_ADMIN = 'test-admin';

export interface TestDb {
  db: Db;
  path: string;
  close: () => void;
}

export function createTestDb(options: { demo?: boolean } = {}): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'dx-test-'));
  const path = join(dir, 'test.sqlite');
  const db = openDatabase(path);
  seedReference(db);
  if (options.demo) seedDemo(db);
  return {
    db,
    path,
    close: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Client {
  username: string;
  /** Logs in (once); throws when the login is refused. */
  login: () => Promise<void>;
  inject: (opts: InjectOptions | string) => Promise<LightMyRequestResponse>;
  /** The session's cookie header and CSRF token (after login). */
  readonly cookie: string;
  readonly csrfToken: string;
}

const demoUsername = (role: Role) => (role === 'prefecture' ? 'demo-pref' : `demo-${role}`);

export async function createTestApp(
  options: { demo?: boolean; today?: string } & Pick<AppOptions, 'trustProxy' | 'sessionTtlHours' | 'security' | 'onRoute' | 'limits' | 'timeouts' | 'now' | 'maxSessionsPerUser' | 'publicUrl' | 'loginLogRetentionDays' | 'mailer' | 'passwordHelp'> = {},
) {
  const t = createTestDb(options);
  if (options.demo) await seedDemoUsers(t.db);
  else await createUser(t.db, { username: TEST_ADMIN, role: 'admin', password: TEST_PASSWORD });
  const today = options.today ?? DEMO_AS_OF;
  const app = await buildApp({
    db: t.db,
    webRoot: false,
    today: () => today,
    trustProxy: options.trustProxy,
    sessionTtlHours: options.sessionTtlHours,
    security: options.security,
    onRoute: options.onRoute,
    limits: options.limits,
    timeouts: options.timeouts,
    now: options.now,
    passwordHelp: options.passwordHelp,
    maxSessionsPerUser: options.maxSessionsPerUser,
    publicUrl: options.publicUrl,
    loginLogRetentionDays: options.loginLogRetentionDays,
    mailer: options.mailer,
  });
  await app.ready();

  function client(username: string, password: string): Client {
    let cookie = '';
    let csrfToken = '';
    const login = async () => {
      if (cookie) return;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((c) => c.name === SESSION_COOKIE);
      if (!set) throw new Error(`login as ${username}: no session cookie`);
      cookie = `${SESSION_COOKIE}=${set.value}`;
      csrfToken = res.json().csrfToken;
    };
    return {
      username,
      login,
      inject: async (opts) => {
        await login();
        const o: InjectOptions = typeof opts === 'string' ? { url: opts } : opts;
        return app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrfToken, ...(o.headers ?? {}) } });
      },
      get cookie() {
        return cookie;
      },
      get csrfToken() {
        return csrfToken;
      },
    };
  }

  const clients = new Map<string, Client>();
  /** A client acting as a role (demo database: the demo account) or as a user by name. */
  const as = (who: Role | string, password?: string): Client => {
    const isRole = (ROLES as readonly string[]).includes(who);
    const username = isRole ? (options.demo ? demoUsername(who as Role) : who === 'admin' ? TEST_ADMIN : `test-${who}`) : who;
    let c = clients.get(username);
    if (!c) {
      c = client(username, password ?? (options.demo && username.startsWith('demo-') ? DEMO_PASSWORD : TEST_PASSWORD));
      clients.set(username, c);
    }
    return c;
  };
  const admin = as('admin');
  await admin.login();

  return {
    app,
    db: t.db,
    path: t.path,
    as,
    /** Requests as the administrator. */
    inject: admin.inject,
    /** Creates a user with TEST_PASSWORD unless given. */
    createUser: (input: Omit<NewUser, 'password'> & { password?: string }) => createUser(t.db, { password: TEST_PASSWORD, ...input }),
    close: async () => {
      await app.close();
      t.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Every row of every table, to prove that a rejected request changed nothing. */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.$client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}
