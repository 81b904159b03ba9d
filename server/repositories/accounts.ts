/** Accounts as their managers list them: role, body, sections, state and last login (issue 20). */
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { localBodies, loginLog, sections, users, userSections, type User } from '../db/schema.ts';
import { ROLE_LABELS } from '../domain/labels.ts';
import { notFound } from '../errors.ts';
import type { Account } from '../schemas/accounts.ts';

/** Which accounts a list holds: every one, a body's, a prefecture's prefecture-role accounts, or admins. */
export type AccountScope = { kind: 'all' } | { kind: 'body'; bodyId: number } | { kind: 'prefecture'; prefectureCode: string };

export function getUser(db: Db, id: number): User {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw notFound('利用者', id);
  return row;
}

/** The accounts of a scope, with `manageable` decided by the caller's rule (policy.ts accountManager). */
export function listAccounts(db: Db, scope: AccountScope, manageable: (u: User) => boolean): Account[] {
  const where: SQL | undefined =
    scope.kind === 'body'
      ? eq(users.bodyId, scope.bodyId)
      : scope.kind === 'prefecture'
        ? and(eq(users.prefectureCode, scope.prefectureCode), isNull(users.bodyId))
        : undefined;
  const rows = db
    .select({ user: users, bodyName: localBodies.name })
    .from(users)
    .leftJoin(localBodies, eq(localBodies.id, users.bodyId))
    .where(where)
    .orderBy(asc(users.role), asc(users.username))
    .all();
  return withDetails(db, rows, manageable);
}

export function accountOf(db: Db, id: number, manageable: (u: User) => boolean): Account {
  const row = db
    .select({ user: users, bodyName: localBodies.name })
    .from(users)
    .leftJoin(localBodies, eq(localBodies.id, users.bodyId))
    .where(eq(users.id, id))
    .get();
  if (!row) throw notFound('利用者', id);
  return withDetails(db, [row], manageable)[0]!;
}

function withDetails(db: Db, rows: { user: User; bodyName: string | null }[], manageable: (u: User) => boolean): Account[] {
  const ids = rows.map((r) => r.user.id);
  if (ids.length === 0) return [];
  const assigned = db
    .select({ userId: userSections.userId, id: sections.id, name: sections.name })
    .from(userSections)
    .innerJoin(sections, eq(sections.id, userSections.sectionId))
    .where(inArray(userSections.userId, ids))
    .orderBy(asc(sections.id))
    .all();
  // The login log keeps LOGIN_LOG_RETENTION_DAYS: an older last login is shown as none.
  const lastLogins = new Map(
    db
      .select({ userId: loginLog.userId, at: sql<string>`max(${loginLog.at})` })
      .from(loginLog)
      .where(and(eq(loginLog.event, 'login'), inArray(loginLog.userId, ids)))
      .groupBy(loginLog.userId)
      .all()
      .map((r) => [r.userId, r.at]),
  );
  return rows.map(({ user: u, bodyName }) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleLabel: ROLE_LABELS[u.role],
    bodyId: u.bodyId,
    bodyName,
    prefectureCode: u.prefectureCode,
    sections: assigned.filter((a) => a.userId === u.id).map(({ id, name }) => ({ id, name })),
    email: u.email,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: lastLogins.get(u.id) ?? null,
    createdAt: u.createdAt,
    manageable: manageable(u),
  }));
}
