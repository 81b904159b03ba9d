/**
 * The demo accounts, one per role, all with the password `demo-password` (listed in the README).
 * Seeded with the demo data (server.ts on a new database, `npm run seed`); the server refuses to start
 * with any of them when NODE_ENV=production (`assertNoDemoAccounts`).
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';
import { users } from '../server/db/schema.ts';
import { createUser, type NewUser } from '../server/auth/users.ts';
import { KAMIAMAKUSA_CODE } from './demo/kamiamakusa.ts';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS: readonly Omit<NewUser, 'password'>[] = [
  { username: 'demo-admin', displayName: 'デモ システム管理者', role: 'admin' },
  { username: 'demo-hq', displayName: 'デモ DX推進本部（上天草市）', role: 'hq', bodyCode: KAMIAMAKUSA_CODE },
  {
    username: 'demo-officer',
    displayName: 'デモ DX推進員（上天草市 行革デジタル戦略課・市民課）',
    role: 'officer',
    bodyCode: KAMIAMAKUSA_CODE,
    // Some of 上天草市's sections, not all: the other sections' items are read-only for this account.
    sectionNames: ['行革デジタル戦略課', '市民課'],
  },
  { username: 'demo-viewer', displayName: 'デモ 閲覧者（上天草市 議会事務局）', role: 'viewer', bodyCode: KAMIAMAKUSA_CODE },
  { username: 'demo-pref', displayName: 'デモ 熊本県', role: 'prefecture', prefectureCode: '43' },
];

export const DEMO_USERNAMES = DEMO_USERS.map((u) => u.username);

/** Creates the demo accounts that do not exist yet. Run after `seedDemo` (they belong to 上天草市). */
export async function seedDemoUsers(db: Db): Promise<void> {
  const existing = new Set(
    db.select({ username: users.username }).from(users).where(inArray(users.username, DEMO_USERNAMES)).all().map((u) => u.username),
  );
  for (const u of DEMO_USERS) {
    if (!existing.has(u.username)) await createUser(db, { ...u, password: DEMO_PASSWORD }, { publishedPassword: true });
  }
}

/** The demo accounts present in the database. */
export function demoAccountsIn(db: Db): string[] {
  return db.select({ username: users.username }).from(users).where(inArray(users.username, DEMO_USERNAMES)).all().map((u) => u.username);
}

export class DemoAccountsInProduction extends Error {}

/**
 * Production must not run with accounts whose password is in the README: throws with what to do.
 */
export function assertNoDemoAccounts(db: Db, production: boolean): void {
  if (!production) return;
  const found = demoAccountsIn(db);
  if (found.length > 0) {
    throw new DemoAccountsInProduction(
      `Refusing to start: NODE_ENV=production and the database has demo accounts (${found.join(', ')}) ` +
        `whose password is published in the README. Use a database without the demo data ` +
        `(a new DATABASE_PATH: in production it gets reference data only; create accounts with npm run user:add), ` +
        `or delete these accounts first.`,
    );
  }
}
