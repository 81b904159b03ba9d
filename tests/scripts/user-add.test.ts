/**
 * `npm run user:add`: creates an account from the command line (password from stdin, or generated and
 * printed once), with clear refusals for a wrong body, section or role combination.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../server/db/client.ts';
import { sections, users, userSections } from '../../server/db/schema.ts';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { seedReference } from '../../seed/reference.ts';
import { seedDemo } from '../../seed/demo.ts';

let dir: string;
let path: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dx-user-add-'));
  path = join(dir, 'dx.sqlite');
  const db = openDatabase(path);
  seedReference(db);
  seedDemo(db);
  db.$client.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input = '') =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-add.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: path },
    input,
    encoding: 'utf8',
  });

describe('npm run user:add', () => {
  it('creates an officer of 上天草市 with two sections, the password read from stdin', async () => {
    const r = run(['--username', 'Tanaka', '--role', 'officer', '--body', '432121', '--sections', '市民課,税務課', '--password-stdin'], 'a-long-password-1\n');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('created user "tanaka" (DX推進員)');
    expect(r.stdout).not.toContain('a-long-password-1');
    const db = openDatabase(path);
    try {
      const user = db.select().from(users).where(eq(users.username, 'tanaka')).get()!;
      expect(user).toMatchObject({ role: 'officer', prefectureCode: null, disabled: false });
      expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(user.passwordHash, 'a-long-password-1')).toBe(true);
      const owned = db.select({ name: sections.name }).from(userSections).innerJoin(sections, eq(sections.id, userSections.sectionId)).where(eq(userSections.userId, user.id)).all();
      expect(owned.map((s) => s.name).sort()).toEqual(['市民課', '税務課'].sort());
    } finally {
      db.$client.close();
    }
  });

  it('generates and prints a password when none is given', () => {
    const r = run(['--username', 'kumamoto-pref', '--role', 'prefecture', '--prefecture', '43']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/password \(shown once, give it to the user\): [A-Za-z0-9_-]{24}/);
  });

  it('refuses unknown sections, a duplicate name, a short password and an officer without sections', () => {
    const cases: [string[], string, RegExp][] = [
      [['--username', 'x-one', '--role', 'officer', '--body', '432121', '--sections', '存在しない課', '--password-stdin'], 'a-long-password-1', /存在しない課/],
      [['--username', 'tanaka', '--role', 'viewer', '--body', '432121', '--password-stdin'], 'a-long-password-1', /すでに使われています/],
      [['--username', 'x-two', '--role', 'viewer', '--body', '432121', '--password-stdin'], 'short', /12文字以上/],
      [['--username', 'x-three', '--role', 'officer', '--body', '432121', '--password-stdin'], 'a-long-password-1', /担当課/],
      [['--username', 'x-four', '--role', 'hq', '--body', '999999', '--password-stdin'], 'a-long-password-1', /999999/],
      [['--username', 'x-five', '--role', 'boss'], '', /unknown role/],
    ];
    for (const [args, input, message] of cases) {
      const r = run(args, input);
      expect(r.status, `${args.join(' ')}: ${r.stdout}`).not.toBe(0);
      expect(r.stderr).toMatch(message);
    }
  });
});
