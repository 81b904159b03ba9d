/**
 * `npm run user:add -- --username NAME --role ROLE [--body CODE] [--prefecture NN] [--sections 課,課]
 *   [--display-name 表示名] [--password-stdin]`
 *
 * Creates a user account in the database at DATABASE_PATH (default data/dx.sqlite).
 * - roles: admin, hq (DX推進本部), officer (DX推進員: needs --sections), viewer, prefecture (needs --prefecture)
 * - --body: the 6-digit local government code of the body (hq, officer, viewer), e.g. 432121
 * - --password-stdin: read the password from standard input (first line). Without it a random
 *   password is generated and printed once.
 *
 * Example: npm run user:add -- --username tanaka --role officer --body 432121 --sections 市民課,税務課 --password-stdin
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/client.ts';
import { createUser, generatePassword, UserInputError } from '../server/auth/users.ts';
import { ROLE_LABELS, ROLES, type Role } from '../server/domain/labels.ts';

const USAGE =
  'usage: npm run user:add -- --username NAME --role admin|hq|officer|viewer|prefecture ' +
  '[--body 432121] [--prefecture 43] [--sections 市民課,税務課] [--display-name 表示名] [--password-stdin]';

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        body: { type: 'string' },
        prefecture: { type: 'string' },
        sections: { type: 'string' },
        'display-name': { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.username || !values.role) {
    console.error(`--username and --role are required\n${USAGE}`);
    return 2;
  }
  if (!(ROLES as readonly string[]).includes(values.role)) {
    console.error(`unknown role "${values.role}": one of ${ROLES.join(', ')}`);
    return 2;
  }
  const generated = !values['password-stdin'];
  const password = generated ? generatePassword() : await readStdinLine();

  const path = process.env.DATABASE_PATH ?? 'data/dx.sqlite';
  const db = openDatabase(path);
  try {
    const user = await createUser(db, {
      username: values.username,
      displayName: values['display-name'],
      password,
      role: values.role as Role,
      bodyCode: values.body,
      prefectureCode: values.prefecture,
      sectionNames: values.sections?.split(/[,、，]/),
    });
    console.log(`created user "${user.username}" (${ROLE_LABELS[user.role]}) in ${path}`);
    if (generated) console.log(`password (shown once, give it to the user): ${password}`);
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
