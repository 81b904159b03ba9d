/**
 * User accounts: creation (the `user:add` script, the demo accounts, tests) and loading the signed-in
 * user with their sections. There is no API to manage accounts yet: `npm run user:add`.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { localBodies, sections, users, userSections, type User } from '../db/schema.ts';
import { ROLES, type Role } from '../domain/labels.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import type { Principal } from './policy.ts';

/** Usernames are compared in one form: NFKC (full-width → half-width), trimmed, lower case. */
export const normalizeUsername = (s: string) => s.normalize('NFKC').trim().toLowerCase();
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  role: Role;
  /** hq / officer / viewer: the body's 6-digit code. */
  bodyCode?: string;
  /** prefecture: the 2-digit prefecture code (01–47). */
  prefectureCode?: string;
  /** officer: names of sections of the body. */
  sectionNames?: string[];
}

export class UserInputError extends Error {}

/** Checks a new account and inserts it (with its sections) in one transaction. Throws UserInputError. */
export async function createUser(db: Db, input: NewUser): Promise<User> {
  const username = normalizeUsername(input.username);
  const fail = (message: string): never => {
    throw new UserInputError(message);
  };
  if (!USERNAME_PATTERN.test(username)) {
    fail(`ユーザー名「${input.username}」は使えません。半角英小文字・数字・「.」「_」「-」で3〜64文字にしてください。`);
  }
  if (!(ROLES as readonly string[]).includes(input.role)) fail(`役割「${input.role}」はありません（${ROLES.join(', ')}）。`);
  const problem = passwordProblem(input.password);
  if (problem) fail(problem);

  let bodyId: number | null = null;
  let prefectureCode: string | null = null;
  let sectionIds: number[] = [];
  if (input.role === 'hq' || input.role === 'officer' || input.role === 'viewer') {
    if (!input.bodyCode) fail(`役割 ${input.role} には団体コード（--body）が必要です。`);
    const body = db.select().from(localBodies).where(eq(localBodies.code, input.bodyCode!)).get();
    if (!body) fail(`団体コード「${input.bodyCode}」の団体は登録されていません。`);
    bodyId = body!.id;
  } else if (input.bodyCode) {
    fail(`役割 ${input.role} には団体を指定できません。`);
  }
  if (input.role === 'prefecture') {
    if (!input.prefectureCode || !/^(0[1-9]|[1-3][0-9]|4[0-7])$/.test(input.prefectureCode)) {
      fail('役割 prefecture には都道府県コード（--prefecture、01〜47の2桁）が必要です。');
    }
    prefectureCode = input.prefectureCode!;
  } else if (input.prefectureCode) {
    fail(`役割 ${input.role} には都道府県コードを指定できません。`);
  }
  const names = [...new Set((input.sectionNames ?? []).map((s) => s.trim()).filter(Boolean))];
  if (input.role === 'officer') {
    if (names.length === 0) fail('役割 officer には担当課（--sections）が必要です。');
    const found = db
      .select()
      .from(sections)
      .where(and(eq(sections.bodyId, bodyId!), inArray(sections.name, names)))
      .all();
    const missing = names.filter((n) => !found.some((s) => s.name === n));
    if (missing.length) fail(`課「${missing.join('、')}」はこの団体に登録されていません。`);
    sectionIds = found.map((s) => s.id);
  } else if (names.length) {
    fail(`役割 ${input.role} には担当課を指定できません（担当課は officer だけ）。`);
  }
  if (db.select({ id: users.id }).from(users).where(eq(users.username, username)).get()) {
    fail(`ユーザー名「${username}」はすでに使われています。`);
  }

  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const user = tx
      .insert(users)
      .values({ username, displayName: input.displayName?.trim() || username, passwordHash, role: input.role, bodyId, prefectureCode })
      .returning()
      .get();
    for (const sectionId of sectionIds) tx.insert(userSections).values({ userId: user.id, sectionId }).run();
    return user;
  });
}

export const findUserByUsername = (db: Db, username: string): User | undefined =>
  db.select().from(users).where(eq(users.username, normalizeUsername(username))).get();

export function principalOf(db: Db, user: User): Principal {
  const sectionIds =
    user.role === 'officer'
      ? db
          .select({ id: userSections.sectionId })
          .from(userSections)
          .where(eq(userSections.userId, user.id))
          .all()
          .map((r) => r.id)
          .sort((a, b) => a - b)
      : [];
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    bodyId: user.bodyId,
    prefectureCode: user.prefectureCode,
    sectionIds,
  };
}
