/**
 * アカウント管理 (issue 20): an administrator manages every account; HQ its body's officers and viewers; a
 * prefecture user the other prefecture accounts of its prefecture. The work is done by auth/users.ts (the
 * same functions as `npm run user:*`); every change is audited (users / user_sections triggers) and the
 * password and state changes are in the login log too.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { allows, HQ_MANAGED_ROLES, type Principal, type Target } from '../auth/policy.ts';
import type { RouteTable } from '../auth/rules.ts';
import { createUser, generatePassword, resetPassword, setContact, setDisabled, setSections, UserInputError, type NewUser } from '../auth/users.ts';
import { forbidden } from '../auth/plugin.ts';
import type { User } from '../db/schema.ts';
import { ROLE_LABELS, type Role } from '../domain/labels.ts';
import { AppError } from '../errors.ts';
import { accountOf, getUser, listAccounts, type AccountScope } from '../repositories/accounts.ts';
import { Account, AccountCreate, AccountUpdate, AccountWithPassword, PasswordReset } from '../schemas/accounts.ts';
import { errors, idParams, readErrors } from '../schemas/common.ts';
import { PrefectureParams } from '../schemas/rollups.ts';

/** Who manages which accounts. (rules: auth/policy.ts, `accountManager` for one account; costs: auth/rules.ts) */
export const ACCOUNT_ROUTES = {
  listAll: { rule: { access: 'admin' }, cost: 'read' },
  createAdmin: { rule: { access: 'admin' }, cost: 'write' },
  listBody: { rule: { access: 'bodyHq' }, cost: 'read' },
  createBody: { rule: { access: 'bodyHq' }, cost: 'write' },
  listPrefecture: { rule: { access: 'prefectureReader' }, cost: 'read' },
  createPrefecture: { rule: { access: 'prefectureReader' }, cost: 'write' },
  update: { rule: { access: 'accountManager' }, cost: 'write' },
  resetPassword: { rule: { access: 'accountManager' }, cost: 'write' },
  disable: { rule: { access: 'accountManager' }, cost: 'write' },
  enable: { rule: { access: 'accountManager' }, cost: 'write' },
} as const satisfies RouteTable;

/** The target an account is for `accountManager` (the same as auth/scope.ts resolves for :userId). */
const accountTarget = (u: User): Target => ({
  bodyId: u.bodyId ?? 0,
  prefectureCode: u.prefectureCode ?? '',
  sectionId: null,
  itemId: null,
  ownerId: u.id,
  accountRole: u.role,
});
const managedBy = (p: Principal) => (u: User) => u.id !== p.id && allows(p, 'accountManager', [accountTarget(u)]);

/** A UserInputError (auth/users.ts) as the API's 400, naming the field when it is clear which. */
function asBadRequest(e: unknown): never {
  if (!(e instanceof UserInputError)) throw e;
  const field = /パスワード/.test(e.message)
    ? 'password'
    : /ユーザー名/.test(e.message)
      ? 'username'
      : /課/.test(e.message)
        ? 'sectionIds'
        : /メール/.test(e.message)
          ? 'email'
          : /表示名/.test(e.message)
            ? 'displayName'
            : 'role';
  const code = /すでに使われています/.test(e.message) ? 'USERNAME_TAKEN' : 'VALIDATION_ERROR';
  throw new AppError(code === 'USERNAME_TAKEN' ? 409 : 400, code, e.message, [{ field, code: 'accountRule', message: e.message }]);
}

const accounts: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['accounts'];
  // Writes made after an await (password hashing) wait while a worker holds the write lock (db/group-commit.ts).
  const write = <T>(fn: () => T) => app.groupCommit.write(fn);
  const source = (req: FastifyRequest) => ({
    ip: req.ip,
    userAgent: String(req.headers['user-agent'] ?? ''),
    by: `${req.principal!.username}（画面から）`,
    now: new Date(app.now()),
    write,
  });

  const list = (req: FastifyRequest, scope: AccountScope) => listAccounts(db, scope, managedBy(req.principal!));

  /** Creates the account (one-time password: typed by the manager, or made here and returned once). */
  async function create(req: FastifyRequest, input: Omit<NewUser, 'password' | 'mustChangePassword'>, password: string | undefined) {
    const initialPassword = password ?? generatePassword();
    let user: User;
    try {
      user = await createUser(db, { ...input, password: initialPassword, mustChangePassword: true }, { write });
    } catch (e) {
      asBadRequest(e);
    }
    return { account: accountOf(db, user!.id, managedBy(req.principal!)), initialPassword: password === undefined ? initialPassword : null };
  }

  const created = { 201: AccountWithPassword, ...errors };

  app.get('/accounts', {
    config: ACCOUNT_ROUTES.listAll,
    schema: { tags, summary: 'すべての利用者（システム管理者）', response: { 200: Type.Array(Account), ...readErrors } },
    handler: async (req) => list(req, { kind: 'all' }),
  });

  app.post('/accounts', {
    config: ACCOUNT_ROUTES.createAdmin,
    schema: {
      tags,
      summary: 'システム管理者の登録（団体・都道府県の利用者は団体・都道府県ごとのルートで登録します）',
      body: AccountCreate,
      response: created,
    },
    handler: async (req, reply) => {
      const { role, sectionIds, password, ...rest } = req.body;
      if (role !== 'admin') throw roleRefused(role, ['admin']);
      return reply.status(201).send(await create(req, { ...rest, role, sectionIds }, password));
    },
  });

  app.get('/bodies/:bodyId/accounts', {
    config: ACCOUNT_ROUTES.listBody,
    schema: { tags, summary: '団体の利用者（DX推進本部・システム管理者）', params: idParams('bodyId'), response: { 200: Type.Array(Account), ...readErrors } },
    handler: async (req) => list(req, { kind: 'body', bodyId: req.params.bodyId }),
  });

  app.post('/bodies/:bodyId/accounts', {
    config: ACCOUNT_ROUTES.createBody,
    schema: {
      tags,
      summary: '団体の利用者の登録',
      description:
        'DX推進本部は DX推進員（officer）と閲覧者（viewer）を、システム管理者は DX推進本部（hq）も登録できます。' +
        'パスワードを省略すると初期パスワードを作成して一度だけ返します。初期パスワードは最初のログインで変更が必要です。',
      params: idParams('bodyId'),
      body: AccountCreate,
      response: created,
    },
    handler: async (req, reply) => {
      const { role, password, ...rest } = req.body;
      const allowed: Role[] = req.principal!.role === 'admin' ? ['hq', 'officer', 'viewer'] : [...HQ_MANAGED_ROLES];
      if (!allowed.includes(role)) throw roleRefused(role, allowed, ['hq', 'officer', 'viewer']);
      return reply.status(201).send(await create(req, { ...rest, role, bodyId: req.params.bodyId }, password));
    },
  });

  app.get('/prefectures/:prefectureCode/accounts', {
    config: ACCOUNT_ROUTES.listPrefecture,
    schema: { tags, summary: '都道府県の利用者（都道府県・システム管理者）', params: PrefectureParams, response: { 200: Type.Array(Account), ...readErrors } },
    handler: async (req) => list(req, { kind: 'prefecture', prefectureCode: req.params.prefectureCode }),
  });

  app.post('/prefectures/:prefectureCode/accounts', {
    config: ACCOUNT_ROUTES.createPrefecture,
    schema: {
      tags,
      summary: '都道府県の利用者の登録（都道府県・システム管理者）',
      params: PrefectureParams,
      body: AccountCreate,
      response: created,
    },
    handler: async (req, reply) => {
      const { role, sectionIds, password, ...rest } = req.body;
      if (role !== 'prefecture') throw roleRefused(role, ['prefecture']);
      return reply.status(201).send(await create(req, { ...rest, role, sectionIds, prefectureCode: req.params.prefectureCode }, password));
    },
  });

  const userParams = idParams('userId');

  app.patch('/accounts/:userId', {
    config: ACCOUNT_ROUTES.update,
    schema: { tags, summary: '利用者の表示名・メールアドレス・担当課の変更', params: userParams, body: AccountUpdate, response: { 200: Account, ...errors } },
    handler: async (req) => {
      const user = getUser(db, req.params.userId);
      const now = new Date(app.now());
      try {
        // One transaction: a refused section change takes the new name and address back with it. (This handler is
        // async, so its errors reach the group commit as a rejected promise, after the request's savepoint was
        // released: only a transaction of its own rolls back — db/group-commit.ts.)
        db.transaction(() => {
          setContact(db, user, req.body, now);
          if (req.body.sectionIds !== undefined) setSections(db, user, req.body.sectionIds, now);
        });
      } catch (e) {
        asBadRequest(e);
      }
      return accountOf(db, user.id, managedBy(req.principal!));
    },
  });

  app.post('/accounts/:userId/password-reset', {
    config: ACCOUNT_ROUTES.resetPassword,
    schema: {
      tags,
      summary: 'パスワードの再設定（初期パスワード。次のログインで変更が必要）',
      description: '利用者のすべてのログインが終わります。パスワードを省略すると作成して一度だけ返します。',
      params: userParams,
      body: PasswordReset,
      response: { 200: AccountWithPassword, ...errors },
    },
    handler: async (req) => {
      const user = getUser(db, req.params.userId);
      if (user.id === req.principal!.id) {
        throw new AppError(400, 'OWN_ACCOUNT', '自分のパスワードは「パスワード変更」で変更してください（現在のパスワードが必要です）。');
      }
      const password = req.body.password ?? generatePassword();
      try {
        await resetPassword(db, user.username, password, { ...source(req), temporary: true });
      } catch (e) {
        asBadRequest(e);
      }
      return { account: accountOf(db, user.id, managedBy(req.principal!)), initialPassword: req.body.password === undefined ? password : null };
    },
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/accounts/:userId/${action}`, {
      config: ACCOUNT_ROUTES[action],
      schema: {
        tags,
        summary: disabled ? '利用停止（すべてのログインが終わります）' : '利用の再開（利用者はもう一度ログインします）',
        params: userParams,
        response: { 200: Account, ...errors },
      },
      handler: async (req) => {
        const user = getUser(db, req.params.userId);
        if (user.id === req.principal!.id) {
          throw new AppError(400, 'OWN_ACCOUNT', '自分のアカウントは利用停止できません（ほかのシステム管理者に依頼してください）。');
        }
        setDisabled(db, user.username, disabled, source(req));
        return accountOf(db, user.id, managedBy(req.principal!));
      },
    });
  }
};

/**
 * A role this route does not make: 403 when the route makes it but not for this caller (HQ asking for an
 * HQ account), else 400 (the role belongs on another route).
 */
function roleRefused(role: Role, allowed: readonly Role[], routeMakes: readonly Role[] = allowed): AppError {
  if (routeMakes.includes(role)) return forbidden({ role, allowedRoles: [...allowed] });
  const message = `ここで登録できる役割は${allowed.map((r) => ROLE_LABELS[r]).join('・')}です。`;
  return new AppError(400, 'VALIDATION_ERROR', message, [{ field: 'role', code: 'role', message }]);
}

export default accounts;
