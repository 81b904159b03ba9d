/**
 * `npm run user:reset-password -- --username NAME [--password-stdin]`
 * `npm run user:disable -- --username NAME`   `npm run user:enable -- --username NAME`
 *
 * Account changes from the command line, on the database at DATABASE_PATH (default data/dx.sqlite); the
 * server may be running. Each change ends every session of the user (a database trigger: whatever is
 * logged in with the old password, or as the disabled user, is signed out at its next request), and is
 * recorded in the login log. Enabling does not bring old sessions back: the user logs in again.
 * - reset-password: the new password from standard input (first line), or a random one printed once;
 *   12+ characters, not containing the user name, not a common password.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/client.ts';
import { generatePassword, resetPassword, setDisabled, UserInputError } from '../server/auth/users.ts';

const ACTIONS = ['reset-password', 'disable', 'enable'] as const;
type Action = (typeof ACTIONS)[number];

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function main(): Promise<number> {
  const action = process.argv[2] as Action;
  const usage = `usage: npm run user:${action ?? 'reset-password'} -- --username NAME${action === 'reset-password' ? ' [--password-stdin]' : ''}`;
  if (!(ACTIONS as readonly string[]).includes(action)) {
    console.error(`unknown action "${action}": one of ${ACTIONS.join(', ')}`);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(3),
      options: { username: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!values.username) {
    console.error(`--username is required\n${usage}`);
    return 2;
  }
  const path = process.env.DATABASE_PATH ?? 'data/dx.sqlite';
  const db = openDatabase(path);
  const source = { by: `npm run user:${action}` };
  try {
    if (action === 'reset-password') {
      const generated = !values['password-stdin'];
      const password = generated ? generatePassword() : await readStdinLine();
      const user = await resetPassword(db, values.username, password, source);
      console.log(`reset the password of "${user.username}" in ${path}; every session of the user has ended`);
      if (generated) console.log(`password (shown once, give it to the user): ${password}`);
    } else {
      const user = setDisabled(db, values.username, action === 'disable', source);
      console.log(
        action === 'disable'
          ? `disabled "${user.username}" in ${path}; every session of the user has ended`
          : `enabled "${user.username}" in ${path}; the user logs in again (old sessions stay ended)`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof UserInputError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    db.$client.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
