/**
 * Password hashing with argon2id (@node-rs/argon2, prebuilt napi binary). Parameters are the OWASP
 * minimum for argon2id (19 MiB, 2 passes, 1 lane), written out so a library default change is visible.
 * The PHC string stores them, so hashes made with other parameters still verify.
 */
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

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

/** Why a password is refused by `user:add` (length only: NIST SP 800-63B; no composition rules). */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`;
  if (length > MAX_PASSWORD_LENGTH) return `パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください。`;
  return null;
}
