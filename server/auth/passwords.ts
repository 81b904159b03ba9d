/**
 * Password hashing with argon2id (@node-rs/argon2, prebuilt napi binary). Parameters are the OWASP
 * minimum for argon2id (19 MiB, 2 passes, 1 lane), written out so a library default change is visible.
 * The PHC string stores them, so hashes made with other parameters still verify.
 */
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `Algorithm` is a const enum in the typings (not usable under isolatedModules): 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
export const ARGON2_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, never a 500 that tells the user apart
  }
}

let dummy: Promise<string> | undefined;
/**
 * A hash of a random password, verified against when the username is unknown so that an unknown
 * user costs the same time as a wrong password (no user enumeration by timing).
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}

const COMMON_PASSWORDS_FILE = fileURLToPath(new URL('./common-passwords.txt', import.meta.url));
let common: Set<string> | undefined;
/** The shipped list of common passwords (common-passwords.txt), read on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * Whether a password is a common one: on the shipped list, or a listed word with only digits and
 * symbols around it (「password2026!」), one character repeated, or a run of the keyboard or the
 * alphabet (NIST SP 800-63B: breached, dictionary, repetitive or sequential passwords).
 */
export function isCommonPassword(password: string): boolean {
  const p = fold(password);
  const list = commonPasswords();
  if (list.has(p)) return true;
  const core = p.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (core.length >= 4 && core !== p && list.has(core)) return true;
  if (/^(.{1,3})\1+$/u.test(p)) return true; // aaaaaaaaaaaa, abcabcabcabc
  const runs = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm'];
  return runs.some((r) => r.includes(p) || [...r].reverse().join('').includes(p));
}

/**
 * Why a password is refused (user:add, user:reset-password, changing one's own): at least 12 and at most
 * 256 characters, not the user name (nor containing it), not a common password. Length and blocklist
 * only, no composition rules (NIST SP 800-63B).
 */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`;
  if (length > MAX_PASSWORD_LENGTH) return `パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください。`;
  if (username && username.length >= 3 && fold(password).includes(fold(username))) return 'ユーザー名を含むパスワードは使えません。';
  if (isCommonPassword(password)) return 'よく使われているパスワード（推測されやすいもの）は使えません。別のパスワードにしてください。';
  return null;
}
