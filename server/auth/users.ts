/**
 * User accounts: creation (the `user:add` script, the demo accounts, tests), passwords (changing one's
 * own through the API, resetting with `user:reset-password`), disabling and enabling (`user:disable`,
 * `user:enable`), and loading the signed-in user with their sections. Written to be reused by the
 * account-management API (issue 20): each function checks its input and throws UserInputError with a
 * Japanese message; each change is recorded in the login log (auth/login-log.ts).
 *
 * Ending sessions is not done here: a trigger on `users` (migration `*_credential_triggers.sql`) ends
 * every session of a user whose password hash or disabled flag changes, and forgets its trusted
 * browsers, whatever made the change.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { localBodies, sections, users, userSections, type User } from '../db/schema.ts';
import { ROLES, type Role } from '../domain/labels.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { recordLogin } from './login-log.ts';
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

/**
 * Checks a new account and inserts it (with its sections) in one transaction. Throws UserInputError.
 * `publishedPassword`: only for the demo accounts, whose password is in the README (and on the list of
 * common passwords); the server refuses to start with them in production.
 */
export async function createUser(db: Db, input: NewUser, options: { publishedPassword?: boolean } = {}): Promise<User> {
  const username = normalizeUsername(input.username);
  const fail = (message: string): never => {
    throw new UserInputError(message);
  };
  if (!USERNAME_PATTERN.test(username)) {
    fail(`ユーザー名「${input.username}」は使えません。半角英小文字・数字・「.」「_」「-」で3〜64文字にしてください。`);
  }
  if (!(ROLES as readonly string[]).includes(input.role)) fail(`役割「${input.role}」はありません（${ROLES.join(', ')}）。`);
  const problem = options.publishedPassword ? null : passwordProblem(input.password, username);
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

/** Where an account change came from, for the login log. */
export interface ChangeSource {
  ip?: string;
  userAgent?: string;
  /** Who did it (a script name, or the administrator). */
  by?: string;
  now?: Date;
  /**
   * Runs the final writes (after the password hashing's await). The server passes its group commit's
   * `write`, which waits while a worker holds the write lock; scripts write directly.
   */
  write?: <T>(fn: () => T) => Promise<Awaited<T>>;
}

const direct = async <T>(fn: () => T) => await fn();

function userNamed(db: Db, username: string): User {
  const user = findUserByUsername(db, username);
  if (!user) throw new UserInputError(`ユーザー名「${normalizeUsername(username)}」の利用者はいません。`);
  return user;
}

/** The new password's hash (checked against the rules first); `storeHash` writes it. */
async function newHash(user: User, password: string): Promise<string> {
  const problem = passwordProblem(password, user.username);
  if (problem) throw new UserInputError(problem);
  return hashPassword(password);
}

function storeHash(db: Db, user: User, passwordHash: string, now: Date): void {
  // The credentials trigger ends every session of the user and forgets its trusted browsers.
  db.update(users).set({ passwordHash, updatedAt: now.toISOString() }).where(eq(users.id, user.id)).run();
}

export class WrongCurrentPassword extends Error {}

/**
 * A user changes their own password: the current one must be right; the new one follows
 * `passwordProblem` and differs from the current one. Every session of the user ends.
 */
export async function changeOwnPassword(db: Db, userId: number, current: string, next: string, source: ChangeSource = {}): Promise<void> {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || user.disabled) throw new UserInputError('この利用者のパスワードは変更できません。');
  if (!(await verifyPassword(user.passwordHash, current))) throw new WrongCurrentPassword();
  if (next === current) throw new UserInputError('新しいパスワードが現在のパスワードと同じです。');
  const now = source.now ?? new Date();
  const hash = await newHash(user, next);
  await (source.write ?? direct)(() => {
    storeHash(db, user, hash, now);
    recordLogin(db, { event: 'password_changed', username: user.username, user, ip: source.ip, userAgent: source.userAgent, at: now });
  });
}

/** An administrator sets a new password (`npm run user:reset-password`). Every session of the user ends. */
export async function resetPassword(db: Db, username: string, password: string, source: ChangeSource = {}): Promise<User> {
  const user = userNamed(db, username);
  const now = source.now ?? new Date();
  const hash = await newHash(user, password);
  await (source.write ?? direct)(() => {
    storeHash(db, user, hash, now);
    recordLogin(db, { event: 'password_reset', username: user.username, user, ip: source.ip, detail: source.by ?? '', at: now });
  });
  return user;
}

/**
 * Disables or enables an account (`npm run user:disable` / `user:enable`). Disabling ends every session
 * of the user; enabling does not bring any back (the user logs in again).
 */
export function setDisabled(db: Db, username: string, disabled: boolean, source: ChangeSource = {}): User {
  const user = userNamed(db, username);
  const now = source.now ?? new Date();
  if (user.disabled !== disabled) {
    db.update(users).set({ disabled, updatedAt: now.toISOString() }).where(eq(users.id, user.id)).run();
    recordLogin(db, { event: disabled ? 'disabled' : 'enabled', username: user.username, user, ip: source.ip, detail: source.by ?? '', at: now });
  }
  return { ...user, disabled };
}
