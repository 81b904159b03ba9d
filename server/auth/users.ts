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
import { randomBytes } from 'node:crypto';
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

/** A password made for someone (shown once): 18 random bytes, 24 URL-safe characters. */
export const generatePassword = () => randomBytes(18).toString('base64url');

/** The account's e-mail address, or a problem (a loose check: the relay decides what it delivers). */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  role: Role;
  /** hq / officer / viewer: the body's 6-digit code (or its id, `bodyId`). */
  bodyCode?: string;
  bodyId?: number;
  /** prefecture: the 2-digit prefecture code (01–47). */
  prefectureCode?: string;
  /** officer: names of sections of the body (or their ids, `sectionIds`). */
  sectionNames?: string[];
  sectionIds?: number[];
  email?: string | null;
  /** The password was chosen by someone else (made in the app): the user must change it at first login. */
  mustChangePassword?: boolean;
}

export class UserInputError extends Error {}

/**
 * Checks a new account and inserts it (with its sections) in one transaction. Throws UserInputError.
 * `publishedPassword`: only for the demo accounts, whose password is in the README (and on the list of
 * common passwords); the server refuses to start with them in production.
 */
export async function createUser(
  db: Db,
  input: NewUser,
  options: { publishedPassword?: boolean; write?: ChangeSource['write'] } = {},
): Promise<User> {
  const username = normalizeUsername(input.username);
  const fail = (message: string): never => {
    throw new UserInputError(message);
  };
  if (!USERNAME_PATTERN.test(username)) {
    // The refused value is not echoed: the field is marked on the form, and an error message should not repeat
    // arbitrary input (the fuzz test sends SQL and HTML as user names).
    fail('ユーザー名に使えない文字があるか、長さが3〜64文字ではありません。半角英小文字・数字・「.」「_」「-」で3〜64文字にしてください。');
  }
  if (!(ROLES as readonly string[]).includes(input.role)) fail(`役割「${input.role}」はありません（${ROLES.join(', ')}）。`);
  const problem = options.publishedPassword ? null : passwordProblem(input.password, username);
  if (problem) fail(problem);

  let bodyId: number | null = null;
  let prefectureCode: string | null = null;
  let sectionIds: number[] = [];
  const email = input.email?.trim() || null;
  if (email !== null && !EMAIL_PATTERN.test(email)) fail(`メールアドレス「${email}」の形式が正しくありません。`);
  if (input.role === 'hq' || input.role === 'officer' || input.role === 'viewer') {
    if (!input.bodyCode && input.bodyId === undefined) fail(`役割 ${input.role} には団体コード（--body）が必要です。`);
    const body = db
      .select()
      .from(localBodies)
      .where(input.bodyId !== undefined ? eq(localBodies.id, input.bodyId) : eq(localBodies.code, input.bodyCode!))
      .get();
    if (!body) fail(`団体コード「${input.bodyCode ?? input.bodyId}」の団体は登録されていません。`);
    bodyId = body!.id;
  } else if (input.bodyCode || input.bodyId !== undefined) {
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
    if (input.sectionIds !== undefined) sectionIds = checkedSections(db, bodyId!, input.sectionIds);
    else {
      if (names.length === 0) fail('役割 officer には担当課（--sections）が必要です。');
      const found = db
        .select()
        .from(sections)
        .where(and(eq(sections.bodyId, bodyId!), inArray(sections.name, names)))
        .all();
      const missing = names.filter((n) => !found.some((s) => s.name === n));
      if (missing.length) fail(`課「${missing.join('、')}」はこの団体に登録されていません。`);
      sectionIds = found.map((s) => s.id);
    }
  } else if (names.length || input.sectionIds?.length) {
    fail(`役割 ${input.role} には担当課を指定できません（担当課は officer だけ）。`);
  }
  if (db.select({ id: users.id }).from(users).where(eq(users.username, username)).get()) {
    fail(`ユーザー名「${username}」はすでに使われています。`);
  }

  const passwordHash = await hashPassword(input.password);
  // After the hashing's await: in the server, through the group commit (a worker may hold the write lock).
  return (options.write ?? direct)(() => db.transaction((tx) => {
    const user = tx
      .insert(users)
      .values({
        username,
        displayName: input.displayName?.trim() || username,
        passwordHash,
        role: input.role,
        bodyId,
        prefectureCode,
        email,
        mustChangePassword: input.mustChangePassword ?? false,
      })
      .returning()
      .get();
    for (const sectionId of sectionIds) tx.insert(userSections).values({ userId: user.id, sectionId }).run();
    return user;
  }));
}

/** Sections of the body, every id checked (an officer needs at least one). Throws UserInputError. */
function checkedSections(db: Db, bodyId: number, ids: readonly number[]): number[] {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) throw new UserInputError('DX推進員（officer）には担当課を1つ以上選んでください。');
  const found = db.select({ id: sections.id }).from(sections).where(and(eq(sections.bodyId, bodyId), inArray(sections.id, wanted))).all();
  const missing = wanted.filter((id) => !found.some((s) => s.id === id));
  if (missing.length) throw new UserInputError(`担当課（ID ${missing.join('、')}）はこの団体の課ではありません。`);
  return wanted.sort((a, b) => a - b);
}

/**
 * Sets an officer's sections (replacing them). Audited row by row (user_sections) when run in a
 * request. Throws UserInputError for a non-officer or a section of another body.
 */
export function setSections(db: Db, user: User, sectionIds: readonly number[], now = new Date()): void {
  if (user.role !== 'officer' || user.bodyId === null) throw new UserInputError('担当課を持てるのはDX推進員（officer）だけです。');
  const next = checkedSections(db, user.bodyId, sectionIds);
  db.transaction((tx) => {
    const current = tx.select({ id: userSections.sectionId }).from(userSections).where(eq(userSections.userId, user.id)).all().map((r) => r.id);
    const gone = current.filter((id) => !next.includes(id));
    const added = next.filter((id) => !current.includes(id));
    if (gone.length) tx.delete(userSections).where(and(eq(userSections.userId, user.id), inArray(userSections.sectionId, gone))).run();
    for (const sectionId of added) tx.insert(userSections).values({ userId: user.id, sectionId }).run();
    if (gone.length || added.length) tx.update(users).set({ updatedAt: now.toISOString() }).where(eq(users.id, user.id)).run();
  });
}

/** Changes an account's display name and e-mail address. Throws UserInputError. */
export function setContact(db: Db, user: User, change: { displayName?: string; email?: string | null }, now = new Date()): void {
  const set: Partial<User> = {};
  if (change.displayName !== undefined) {
    const name = change.displayName.trim();
    if (!name) throw new UserInputError('表示名を入力してください。');
    if (name !== user.displayName) set.displayName = name;
  }
  if (change.email !== undefined) {
    const email = change.email?.trim() || null;
    if (email !== null && !EMAIL_PATTERN.test(email)) throw new UserInputError(`メールアドレス「${email}」の形式が正しくありません。`);
    if (email !== user.email) set.email = email;
  }
  if (Object.keys(set).length) db.update(users).set({ ...set, updatedAt: now.toISOString() }).where(eq(users.id, user.id)).run();
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
    mustChangePassword: user.mustChangePassword,
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

/** `mustChangePassword`: a one-time password someone else chose (reset in the app); false when the user chose it. */
function storeHash(db: Db, user: User, passwordHash: string, now: Date, mustChangePassword: boolean): void {
  // The credentials trigger ends every session of the user and forgets its trusted browsers.
  db.update(users).set({ passwordHash, mustChangePassword, updatedAt: now.toISOString() }).where(eq(users.id, user.id)).run();
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
    storeHash(db, user, hash, now, false);
    recordLogin(db, { event: 'password_changed', username: user.username, user, ip: source.ip, userAgent: source.userAgent, at: now });
  });
}

/**
 * An administrator (`npm run user:reset-password`) or an account manager in the app sets a new password.
 * Every session of the user ends. `temporary`: a one-time password the user must change at next login
 * (always so in the app, where someone else chose it).
 */
export async function resetPassword(db: Db, username: string, password: string, source: ChangeSource & { temporary?: boolean } = {}): Promise<User> {
  const user = userNamed(db, username);
  const now = source.now ?? new Date();
  const hash = await newHash(user, password);
  await (source.write ?? direct)(() => {
    storeHash(db, user, hash, now, source.temporary ?? false);
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
