/**
 * Accounts in the app (issue 20 items 1 and 5): HQ makes its body's officers and viewers with a one-time
 * password (made by the server and shown once, or typed), assigns sections, resets passwords (again one-time)
 * and disables / re-enables; a prefecture user does the same for its prefecture's accounts; an administrator
 * for everyone. A one-time password opens nothing but the change to one's own. Every change is audited
 * (never the hash). Real app, real migrations, demo database.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/sessions.ts';
import { users } from '../../server/db/schema.ts';
import type { Account, AccountWithPassword } from '../../server/schemas/accounts.ts';
import { createTestApp, dumpTables, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
let sectionIds: number[];
let otherBodySection: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const me = (await t.as('hq').inject('/api/auth/me')).json();
  bodyId = me.body.id;
  sectionIds = (await t.as('hq').inject(`/api/bodies/${bodyId}/sections`)).json().map((s: { id: number }) => s.id);
  otherBodySection = (t.db.$client.prepare('SELECT id FROM sections WHERE body_id <> ? LIMIT 1').get(bodyId) as { id: number }).id;
});
afterAll(async () => t?.close());

interface Signed {
  cookie: string;
  csrf: string;
}
async function login(username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: '10.50.0.1' });
}
async function signIn(username: string, password: string): Promise<Signed> {
  const res = await login(username, password);
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`, csrf: res.json().csrfToken };
}
const asSigned = (s: Signed, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });

const auditOf = (entity: string, entityId: number) =>
  t.db.$client.prepare('SELECT action, username, body_id AS bodyId, before, after FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id').all(entity, entityId) as {
    action: string;
    username: string;
    bodyId: number | null;
    before: string | null;
    after: string | null;
  }[];

describe('HQ manages its body’s officers and viewers', () => {
  let officer: Account;
  let initial: string;

  it('creates an officer with sections; the server makes a one-time password and returns it once', async () => {
    const res = await t.as('hq').inject({
      method: 'POST',
      url: `/api/bodies/${bodyId}/accounts`,
      payload: { username: 'Sato.Hanako', displayName: '佐藤 花子', role: 'officer', sectionIds: [sectionIds[0]], email: 'sato@example.lg.jp' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as AccountWithPassword;
    officer = body.account;
    initial = body.initialPassword!;
    expect(initial).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(officer).toMatchObject({ username: 'sato.hanako', role: 'officer', roleLabel: 'DX推進員', bodyId, mustChangePassword: true, disabled: false, lastLoginAt: null, manageable: true });
    expect(officer.sections.map((s) => s.id)).toEqual([sectionIds[0]]);
    // The list shows it; the password is nowhere but in that one answer.
    const list = (await t.as('hq').inject(`/api/bodies/${bodyId}/accounts`)).json() as Account[];
    expect(list.find((a) => a.id === officer.id)).toMatchObject({ username: 'sato.hanako', mustChangePassword: true });
    expect(JSON.stringify(list)).not.toContain(initial);
    // Audited by HQ, the hash never copied.
    const audit = auditOf('users', officer.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', username: 'demo-hq', bodyId });
    expect(audit[0]!.after).not.toMatch(/argon2|passwordHash/);
    expect(auditOf('user_sections', officer.id)).toEqual([expect.objectContaining({ action: 'create', username: 'demo-hq' })]);
  });

  it('the officer signs in with it and can do nothing but change it; then everything they may do', async () => {
    const s = await signIn('sato.hanako', initial);
    expect((await asSigned(s, '/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const refused = await asSigned(s, `/api/bodies/${bodyId}/dashboard`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: '初期パスワードのままです。先にパスワードを変更してください。' });
    const changed = await asSigned(s, '/api/auth/password', 'POST', { currentPassword: initial, newPassword: 'hanako-no-atarashii-kotoba' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    const fresh = { cookie: `${SESSION_COOKIE}=${changed.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`, csrf: changed.json().csrfToken };
    expect((await asSigned(fresh, `/api/bodies/${bodyId}/dashboard`)).statusCode).toBe(200);
    const listed = ((await t.as('hq').inject(`/api/bodies/${bodyId}/accounts`)).json() as Account[]).find((a) => a.id === officer.id)!;
    expect(listed.mustChangePassword).toBe(false);
    expect(listed.lastLoginAt).not.toBeNull();
  });

  it('assigns sections (only the body’s) and says which field is wrong in Japanese', async () => {
    const ok = await t.as('hq').inject({ method: 'PATCH', url: `/api/accounts/${officer.id}`, payload: { sectionIds: [sectionIds[1], sectionIds[2]] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as Account).sections.map((s) => s.id)).toEqual([sectionIds[1], sectionIds[2]]);
    const audit = auditOf('user_sections', officer.id).map((a) => a.action);
    expect(audit).toEqual(['create', 'delete', 'create', 'create']);

    const before = dumpTables(t.db);
    const bad = await t.as('hq').inject({ method: 'PATCH', url: `/api/accounts/${officer.id}`, payload: { sectionIds: [otherBodySection] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/この団体の課ではありません/);
    expect(bad.json().errors[0].field).toBe('sectionIds');
    const none = await t.as('hq').inject({ method: 'PATCH', url: `/api/accounts/${officer.id}`, payload: { sectionIds: [] } });
    expect(none.json().message).toMatch(/担当課を1つ以上/);
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('resets the password: every session ends, a one-time password again (typed here), audited as a change without the hash', async () => {
    const s = await signIn('sato.hanako', 'hanako-no-atarashii-kotoba');
    const res = await t.as('hq').inject({ method: 'POST', url: `/api/accounts/${officer.id}/password-reset`, payload: { password: 'kari-no-pasuwado-2026' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ initialPassword: null, account: { mustChangePassword: true } });
    expect((await asSigned(s, '/api/auth/me')).statusCode).toBe(401);
    expect((await login('sato.hanako', 'hanako-no-atarashii-kotoba')).statusCode).toBe(401);
    const again = await signIn('sato.hanako', 'kari-no-pasuwado-2026');
    expect((await asSigned(again, '/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const update = auditOf('users', officer.id).filter((a) => a.action === 'update').at(-1)!;
    expect(JSON.parse(update.after!)).toMatchObject({ passwordChanged: true, mustChangePassword: 1 });
    expect(update.after).not.toMatch(/argon2/);
    // A password that breaks the rules is refused with its reason.
    const weak = await t.as('hq').inject({ method: 'POST', url: `/api/accounts/${officer.id}/password-reset`, payload: { password: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/12文字以上/);
  });

  it('disables (sessions end, login refused) and re-enables', async () => {
    const s = await signIn('sato.hanako', 'kari-no-pasuwado-2026');
    const off = await t.as('hq').inject({ method: 'POST', url: `/api/accounts/${officer.id}/disable` });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().disabled).toBe(true);
    expect((await asSigned(s, '/api/auth/me')).statusCode).toBe(401);
    expect((await login('sato.hanako', 'kari-no-pasuwado-2026')).statusCode).toBe(401);
    expect((await t.as('hq').inject({ method: 'POST', url: `/api/accounts/${officer.id}/enable` })).json().disabled).toBe(false);
    expect((await login('sato.hanako', 'kari-no-pasuwado-2026')).statusCode).toBe(200);
    expect(auditOf('users', officer.id).filter((a) => a.action === 'update').map((a) => JSON.parse(a.after!).disabled)).toEqual(expect.arrayContaining([1, 0]));
  });

  it('does not make or manage HQ users, nor itself; refused requests change nothing', async () => {
    const hqUser = t.db.select().from(users).where(eq(users.username, 'demo-hq')).get()!;
    const before = dumpTables(t.db);
    const makeHq = await t.as('hq').inject({ method: 'POST', url: `/api/bodies/${bodyId}/accounts`, payload: { username: 'another-hq', displayName: '本部', role: 'hq' } });
    expect(makeHq.statusCode).toBe(403);
    for (const action of ['disable', 'password-reset']) {
      const res = await t.as('hq').inject({ method: 'POST', url: `/api/accounts/${hqUser.id}/${action}`, payload: {} });
      expect(res.statusCode, action).toBe(403);
    }
    const admin = t.db.select().from(users).where(eq(users.username, 'demo-admin')).get()!;
    expect((await t.as('hq').inject({ method: 'POST', url: `/api/accounts/${admin.id}/disable` })).statusCode).toBe(403);
    const wrongRole = await t.as('hq').inject({ method: 'POST', url: `/api/bodies/${bodyId}/accounts`, payload: { username: 'pref-x', displayName: '県', role: 'prefecture' } });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().message).toBe('ここで登録できる役割はDX推進員・閲覧者です。');
    const list = (await t.as('hq').inject(`/api/bodies/${bodyId}/accounts`)).json() as Account[];
    expect(list.find((a) => a.username === 'demo-hq')!.manageable).toBe(false);
    expect(list.find((a) => a.username === 'demo-viewer')!.manageable).toBe(true);
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('a change refused for one field changes no other (display name and sections in one request; found by the fuzz test)', async () => {
    const viewer = t.db.select().from(users).where(eq(users.username, 'demo-viewer')).get()!;
    const before = dumpTables(t.db);
    const res = await t.as('hq').inject({ method: 'PATCH', url: `/api/accounts/${viewer.id}`, payload: { displayName: '新しい表示名', sectionIds: [sectionIds[0]] } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'sectionIds', message: '担当課を持てるのはDX推進員（officer）だけです。' });
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('a taken user name is 409 and an officer without sections 400, in Japanese', async () => {
    const taken = await t.as('hq').inject({ method: 'POST', url: `/api/bodies/${bodyId}/accounts`, payload: { username: 'demo-viewer', displayName: 'x', role: 'viewer' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'USERNAME_TAKEN', message: 'ユーザー名「demo-viewer」はすでに使われています。' });
    const noSections = await t.as('hq').inject({ method: 'POST', url: `/api/bodies/${bodyId}/accounts`, payload: { username: 'no-sections', displayName: 'x', role: 'officer' } });
    expect(noSections.statusCode).toBe(400);
    expect(noSections.json().message).toMatch(/担当課/);
  });
});

describe('a prefecture user manages its prefecture’s accounts (item 5)', () => {
  it('creates, lists and disables prefecture accounts of its own prefecture only', async () => {
    const me = (await t.as('prefecture').inject('/api/auth/me')).json();
    const code = me.prefecture.code as string;
    const res = await t.as('prefecture').inject({ method: 'POST', url: `/api/prefectures/${code}/accounts`, payload: { username: 'ken-tanto', displayName: '県 担当', role: 'prefecture' } });
    expect(res.statusCode, res.body).toBe(201);
    const made = (res.json() as AccountWithPassword).account;
    expect(made).toMatchObject({ role: 'prefecture', prefectureCode: code, mustChangePassword: true });
    const list = (await t.as('prefecture').inject(`/api/prefectures/${code}/accounts`)).json() as Account[];
    expect(list.map((a) => a.username).sort()).toEqual(['demo-pref', 'ken-tanto']);
    expect((await t.as('prefecture').inject({ method: 'POST', url: `/api/accounts/${made.id}/disable` })).statusCode).toBe(200);
    // Not another prefecture, not a body's accounts, not its own account.
    const other = code === '12' ? '43' : '12'; // a prefecture with demo bodies (else 404)
    expect((await t.as('prefecture').inject({ method: 'POST', url: `/api/prefectures/${other}/accounts`, payload: { username: 'x-pref', displayName: 'x', role: 'prefecture' } })).statusCode).toBe(403);
    const viewer = t.db.select().from(users).where(eq(users.username, 'demo-viewer')).get()!;
    expect((await t.as('prefecture').inject({ method: 'POST', url: `/api/accounts/${viewer.id}/disable` })).statusCode).toBe(403);
    const self = t.db.select().from(users).where(eq(users.username, 'demo-pref')).get()!;
    expect((await t.as('prefecture').inject({ method: 'POST', url: `/api/accounts/${self.id}/password-reset`, payload: {} })).statusCode).toBe(403);
  });
});

describe('the administrator', () => {
  it('lists everyone, makes HQ users and administrators, and cannot disable itself', async () => {
    const all = (await t.inject('/api/accounts')).json() as Account[];
    expect(all.map((a) => a.role)).toEqual(expect.arrayContaining(['admin', 'hq', 'officer', 'viewer', 'prefecture']));
    const hq = await t.inject({ method: 'POST', url: `/api/bodies/${bodyId}/accounts`, payload: { username: 'honbu-2', displayName: '本部 二', role: 'hq' } });
    expect(hq.statusCode, hq.body).toBe(201);
    const admin = await t.inject({ method: 'POST', url: '/api/accounts', payload: { username: 'kanri-2', displayName: '管理 二', role: 'admin', password: 'futari-me-no-kanrisha' } });
    expect(admin.statusCode, admin.body).toBe(201);
    expect(admin.json().initialPassword).toBeNull();
    const self = t.db.select().from(users).where(eq(users.username, 'demo-admin')).get()!;
    const res = await t.inject({ method: 'POST', url: `/api/accounts/${self.id}/disable` });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('OWN_ACCOUNT');
  });
});
