/**
 * The authorization matrix, generated from the registered route table (collected by the auth plugin's
 * onRoute hook): EVERY API route × every role (and no session) × own section / other section of the
 * own body / another body of the same prefecture / a body of another prefecture, each with its expected
 * status. A route registered without an entry in EXPECTED fails here; one without a rule or a cost in its
 * `config` (server/auth/rules.ts) does not even start (see "start-up" below).
 *
 * Expectations are written here independently of the routes' rules, in the words of the roles:
 * - PUBLIC: no session needed. ANY: every signed-in user. ADMIN: system administrators.
 * - READ: admin; hq, officer and viewer of the body; prefecture of the body's prefecture.
 * - STAFF: admin; hq and officers of the body. HQ: admin; hq of the body.
 * - SECTION: admin; hq of the body; an officer owning the row's section.
 * - PREF: a whole prefecture's roll-up: admin; prefecture users of that prefecture (not body users).
 * - OWNER: an upload (一括取込): admin; hq of the body; the user who uploaded it (here the officer in body A, the admin elsewhere)
 *   while staff of the body.
 * - ACCOUNT: one account of the body (here a viewer): admin; hq of the body (prefecture accounts managed by
 *   prefecture users are checked in tests/auth/account-management.test.ts).
 * An allowed request gets the route's success status and, when it writes, adds audit entries by the
 * user; a refused one gets 403 (401 without a session) and changes nothing.
 */
import Fastify, { type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import authPlugin from '../../server/auth/plugin.ts';
import { createSession } from '../../server/auth/sessions.ts';
import { localGovCheckDigit } from '../../server/domain/local-gov-code.ts';
import { addDays } from '../../server/domain/dates.ts';
import errorsPlugin from '../../server/plugins/errors.ts';
import { baselines, deadlineExtensions, importPreviews, importRows, imports, kpis, kpiValues, milestones, planItems, plans, reportingWindows, sections, users } from '../../server/db/schema.ts';
import { createTestApp, dumpTables, TEST_ADMIN, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import { createWorld, insertBody, type BodyWorld, type SectionWorld, type World } from '../helpers/world.ts';
import { closeQuarter } from '../../server/services/quarters.ts';
import { applyPack } from '../../server/services/reference-pack.ts';
import { defaultPack } from '../../seed/reference.ts';

type Who = 'PUBLIC' | 'ANY' | 'ADMIN' | 'READ' | 'STAFF' | 'HQ' | 'SECTION' | 'PREF' | 'OWNER' | 'ACCOUNT';
type Role = 'admin' | 'hq' | 'officer' | 'viewer' | 'prefecture';
type Variant = 'global' | 'ownSection' | 'otherSection' | 'samePrefBody' | 'otherBody';

interface Ctx {
  w: World;
  b: BodyWorld;
  s: SectionWorld;
  role: Role | 'anonymous';
  n: () => number;
  t: TestApp;
}

interface Case {
  who: Who;
  /** Status of an allowed request. */
  ok: number;
  /** No target: run once per role. */
  global?: true;
  /** The request writes but is not audited (the session itself). */
  notAudited?: true;
  build: (c: Ctx) => InjectOptions;
}

const ROLES: Role[] = ['admin', 'hq', 'officer', 'viewer', 'prefecture'];
const VARIANTS: Exclude<Variant, 'global'>[] = ['ownSection', 'otherSection', 'samePrefBody', 'otherBody'];

function allowed(who: Who, role: Role, v: Variant): boolean {
  const ownBody = v === 'ownSection' || v === 'otherSection';
  switch (who) {
    case 'PUBLIC':
    case 'ANY':
      return true;
    case 'ADMIN':
      return role === 'admin';
    case 'READ':
      return role === 'admin' || (['hq', 'officer', 'viewer'].includes(role) && ownBody) || (role === 'prefecture' && (ownBody || v === 'samePrefBody'));
    case 'STAFF':
      return role === 'admin' || ((role === 'hq' || role === 'officer') && ownBody);
    case 'OWNER':
      // The uploads of these cases are the officer's in body A, the admin's elsewhere (see fresh.upload).
      return role === 'admin' || ((role === 'hq' || role === 'officer') && ownBody);
    case 'HQ':
      return role === 'admin' || (role === 'hq' && ownBody);
    case 'SECTION':
      return role === 'admin' || (role === 'hq' && ownBody) || (role === 'officer' && v === 'ownSection');
    case 'PREF':
      return role === 'admin' || (role === 'prefecture' && (ownBody || v === 'samePrefBody'));
    case 'ACCOUNT':
      return role === 'admin' || (role === 'hq' && ownBody);
  }
}

const versionOf = (c: Ctx, table: typeof plans | typeof planItems | typeof milestones | typeof kpis | typeof kpiValues, id: number) =>
  (c.t.db.select({ v: table.version }).from(table as typeof plans).where(eq(table.id, id)).get() as { v: number }).v;

const get = (url: string): InjectOptions => ({ method: 'GET', url });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object): InjectOptions => ({ method, url, ...(payload ? { payload } : {}) });

/** Fresh rows for the requests that delete (created directly: not audited, not a request). */
const fresh = {
  section: (c: Ctx) => c.t.db.insert(sections).values({ bodyId: c.b.bodyId, name: `削除用${c.n()}` }).returning().get().id,
  // At most one current plan per body (issue 20): a further plan of the body is an ended one (read-only: 409 PLAN_ENDED).
  plan: (c: Ctx) => c.t.db.insert(plans).values({ bodyId: c.b.bodyId, title: '削除用', startFiscalYear: 2020, endFiscalYear: 2023, endedOn: '2024-03-31' }).returning().get().id,
  /** The body's current plan with a 当初計画 (inserted directly), so a 計画改定 can be registered on it. */
  revisablePlan: (c: Ctx) => {
    const has = c.t.db.select().from(baselines).where(eq(baselines.planId, c.b.planId)).get();
    if (!has) c.t.db.insert(baselines).values({ planId: c.b.planId, kind: 'original', setOn: '2024-04-01' }).run();
    return c.b.planId;
  },
  item: (c: Ctx) =>
    c.t.db.insert(planItems).values({ planId: c.b.planId, categoryId: c.w.categoryId, sectionId: c.s.sectionId, title: '削除用', targetFiscalYear: 2025 }).returning().get().id,
  milestone: (c: Ctx) => c.t.db.insert(milestones).values({ itemId: c.s.itemId, title: '削除用', plannedDate: '2026-03-31' }).returning().get().id,
  kpi: (c: Ctx) =>
    c.t.db
      .insert(kpis)
      .values({ bodyId: c.b.bodyId, itemId: c.s.itemId, name: '削除用', unit: '件', direction: 'higher', baselineValue: 0, baselineFiscalYear: 2024, targetValue: 1, targetFiscalYear: 2025 })
      .returning()
      .get().id,
  value: (c: Ctx) => c.t.db.insert(kpiValues).values({ kpiId: fresh.kpi(c), fiscalYear: 2025, quarter: 0, value: c.n() }).returning().get().id,
  /**
   * An upload of the body with one row: a new note for the first section's milestone, ready to apply.
   * In body A it is the officer's (the section is theirs); in the other bodies the admin's, since only a
   * user with rights there can have uploaded it (apply checks the uploader's rights too, issue 14).
   */
  upload: (c: Ctx) => {
    const uploader = c.b.bodyId === c.w.A.bodyId ? c.w.users.officer : c.w.users.admin;
    const imp = c.t.db
      .insert(imports)
      .values({ bodyId: c.b.bodyId, userId: uploader.id, userName: uploader.username, fileName: 'matrix.csv', format: 'csv', rowCount: 1 })
      .returning()
      .get();
    const m = c.t.db.select().from(milestones).where(eq(milestones.id, c.b.s1.milestoneId)).get()!;
    const data = { id: m.id, version: m.version, values: { note: `一括${c.n()}` }, cols: { note: 'I' }, errors: [] };
    c.t.db.insert(importRows).values({ importId: imp.id, seq: 1, entity: 'milestone', sheet: 'マイルストーン', row: 2, data: JSON.stringify(data) }).run();
    c.t.db.insert(importPreviews).values({ importId: imp.id, preview: JSON.stringify({ importId: imp.id, bodyId: c.b.bodyId, sectionId: null, fileName: 'matrix.csv', format: 'csv', encoding: 'utf-8', status: 'preview', createdAt: imp.createdAt, createdBy: uploader.username, rows: 1, counts: { create: 0, update: 1, unchanged: 0, conflict: 0, refused: 0, error: 0 }, canApply: true, changes: [], problems: [], truncated: { changes: false, problems: false }, applied: null }) }).run();
    return imp.id;
  },
  /** A viewer of the body (to be changed, reset, disabled; `disabled` for re-enabling). */
  account: (c: Ctx, disabled = false) => {
    const admin = c.t.db.select().from(users).where(eq(users.username, TEST_ADMIN)).get()!;
    return c.t.db
      .insert(users)
      .values({ username: `acct-${c.n()}`, displayName: '管理対象', passwordHash: admin.passwordHash, role: 'viewer', bodyId: c.b.bodyId, disabled })
      .returning()
      .get().id;
  },
  extension: (c: Ctx) =>
    c.t.db.insert(deadlineExtensions).values({ deadlineId: c.w.deadlineId, itemId: c.s.itemId, extendedDueDate: '2032-03-31' }).returning().get().id,
};

/** The shipped national data pack under a version newer than any applied so far. */
const newerPack = (c: Ctx) => ({ ...structuredClone(defaultPack()), version: `2099.01.${c.n()}` });

const stepVersion = (c: Ctx) =>
  (
    c.t.db.$client
      .prepare('SELECT s.version AS v FROM body_area_steps s JOIN body_business_areas a ON a.id = s.body_area_id WHERE a.body_id = ? AND a.area_id = ? AND s.step_id = ?')
      .get(c.b.bodyId, c.s.areaId, c.w.stepId) as { v: number }
  ).v;

/** A closed quarter of the body (created directly: not a request); FY2026 Q1 unless numbered. */
let quarterSeq = 0;
const closedQuarter = (c: Ctx, fresh = false) => {
  const fq = fresh ? { fiscalYear: 2001 + Math.floor(quarterSeq / 4), quarter: ((quarterSeq++ % 4) + 1) as 1 } : { fiscalYear: 2026, quarter: 1 as const };
  const exists = c.t.db.$client
    .prepare('SELECT 1 FROM quarter_snapshots WHERE body_id = ? AND fiscal_year = ? AND quarter = ?')
    .get(c.b.bodyId, fq.fiscalYear, fq.quarter);
  if (!exists) closeQuarter(c.t.db, c.b.bodyId, fq, null, '2026-11-23');
  return `/api/bodies/${c.b.bodyId}/quarters/${fq.fiscalYear}/${fq.quarter}`;
};
let closeSeq = 0;
/** A quarter of its own for each 報告期限 request (FY2040 Q1, Q2 …). */
let windowSeq = 0;
const freshQuarter = () => ({ fiscalYear: 2040 + Math.floor(windowSeq / 4), quarter: ((windowSeq++ % 4) + 1) as 1 });

/** Every API route (HEAD mirrors GET; /api/docs* is the public API browser, checked separately). */
const EXPECTED: Record<string, Case> = {
  'GET /api/health': { who: 'PUBLIC', ok: 200, global: true, build: () => get('/api/health') },
  'GET /api/auth/login-help': { who: 'PUBLIC', ok: 200, global: true, build: () => get('/api/auth/login-help') },
  'GET /api/openapi.json': { who: 'PUBLIC', ok: 200, global: true, build: () => get('/api/openapi.json') },
  'POST /api/auth/login': {
    who: 'PUBLIC',
    ok: 200,
    global: true,
    notAudited: true,
    // Without the client's cookie: a login from the same browser would end that browser's session.
    build: () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'test-viewer', password: TEST_PASSWORD }, headers: { cookie: '' } }),
  },
  'POST /api/auth/logout': {
    who: 'ANY',
    ok: 204,
    global: true,
    notAudited: true,
    // A session of its own, so the client's session survives.
    build: (c) => {
      if (c.role === 'anonymous') return { method: 'POST', url: '/api/auth/logout' };
      const user = c.t.db.select().from(users).where(eq(users.username, c.w.users[c.role].username)).get()!;
      const { token, session } = createSession(c.t.db, user.id, { ip: '', userAgent: '', ttlHours: 1 });
      return { method: 'POST', url: '/api/auth/logout', headers: { cookie: `dx_session=${token}`, 'x-csrf-token': session.csrfToken } };
    },
  },
  'GET /api/auth/me': { who: 'ANY', ok: 200, global: true, build: () => get('/api/auth/me') },
  'POST /api/auth/password': {
    who: 'ANY',
    ok: 200,
    global: true,
    notAudited: true,
    // A user of the role's own (changing a password ends every session of its user): same role and scope.
    build: (c) => {
      const payload = { currentPassword: TEST_PASSWORD, newPassword: `a-new-long-passphrase-${c.n()}` };
      if (c.role === 'anonymous') return { method: 'POST', url: '/api/auth/password', payload };
      const like = c.t.db.select().from(users).where(eq(users.username, c.w.users[c.role].username)).get()!;
      const admin = c.t.db.select().from(users).where(eq(users.username, TEST_ADMIN)).get()!;
      const user = c.t.db
        .insert(users)
        .values({ username: `pw-${c.role}-${c.n()}`, displayName: 'パスワード変更', passwordHash: admin.passwordHash, role: like.role, bodyId: like.bodyId, prefectureCode: like.prefectureCode })
        .returning()
        .get();
      const { token, session } = createSession(c.t.db, user.id, { ip: '', userAgent: '', ttlHours: 1 });
      return { method: 'POST', url: '/api/auth/password', payload, headers: { cookie: `dx_session=${token}`, 'x-csrf-token': session.csrfToken } };
    },
  },
  'GET /api/login-log': { who: 'ADMIN', ok: 200, global: true, build: () => get('/api/login-log') },
  'GET /api/bodies/:bodyId/login-log': { who: 'HQ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/login-log`) },

  'GET /api/accounts': { who: 'ADMIN', ok: 200, global: true, build: () => get('/api/accounts') },
  'POST /api/accounts': {
    who: 'ADMIN',
    ok: 201,
    global: true,
    build: (c) => send('POST', '/api/accounts', { username: `matrix-admin-${c.n()}`, displayName: '管理者', role: 'admin' }),
  },
  'GET /api/bodies/:bodyId/accounts': { who: 'HQ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/accounts`) },
  'POST /api/bodies/:bodyId/accounts': {
    who: 'HQ',
    ok: 201,
    build: (c) => send('POST', `/api/bodies/${c.b.bodyId}/accounts`, { username: `matrix-viewer-${c.n()}`, displayName: '閲覧者', role: 'viewer' }),
  },
  'GET /api/prefectures/:prefectureCode/accounts': { who: 'PREF', ok: 200, build: (c) => get(`/api/prefectures/${c.b.prefectureCode}/accounts`) },
  'POST /api/prefectures/:prefectureCode/accounts': {
    who: 'PREF',
    ok: 201,
    build: (c) => send('POST', `/api/prefectures/${c.b.prefectureCode}/accounts`, { username: `matrix-pref-${c.n()}`, displayName: '県', role: 'prefecture' }),
  },
  'PATCH /api/accounts/:userId': { who: 'ACCOUNT', ok: 200, build: (c) => send('PATCH', `/api/accounts/${fresh.account(c)}`, { displayName: `変更${c.n()}` }) },
  'POST /api/accounts/:userId/password-reset': { who: 'ACCOUNT', ok: 200, build: (c) => send('POST', `/api/accounts/${fresh.account(c)}/password-reset`, {}) },
  'POST /api/accounts/:userId/disable': { who: 'ACCOUNT', ok: 200, build: (c) => send('POST', `/api/accounts/${fresh.account(c)}/disable`) },
  'POST /api/accounts/:userId/enable': { who: 'ACCOUNT', ok: 200, build: (c) => send('POST', `/api/accounts/${fresh.account(c, true)}/enable`) },

  'GET /api/bodies/:bodyId/reporting-windows': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/reporting-windows`) },
  'PUT /api/bodies/:bodyId/reporting-windows/:fiscalYear/:quarter': {
    who: 'HQ',
    ok: 200,
    build: (c) => {
      const fq = freshQuarter();
      return { method: 'PUT', url: `/api/bodies/${c.b.bodyId}/reporting-windows/${fq.fiscalYear}/${fq.quarter}`, payload: { dueDate: `${fq.fiscalYear + 1}-04-10` } };
    },
  },
  'DELETE /api/bodies/:bodyId/reporting-windows/:fiscalYear/:quarter': {
    who: 'HQ',
    ok: 204,
    build: (c) => {
      const fq = freshQuarter();
      c.t.db.insert(reportingWindows).values({ bodyId: c.b.bodyId, ...fq, dueDate: `${fq.fiscalYear}-12-10` }).run();
      return send('DELETE', `/api/bodies/${c.b.bodyId}/reporting-windows/${fq.fiscalYear}/${fq.quarter}`);
    },
  },
  'GET /api/bodies/:bodyId/reminders': { who: 'STAFF', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/reminders`) },
  'GET /api/bodies/:bodyId/mail-log': { who: 'HQ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/mail-log`) },
  // The matrix's app has no SMTP relay: the administrator is let through and told so (409 MAIL_NOT_CONFIGURED).
  'POST /api/reminders/send': { who: 'ADMIN', ok: 409, global: true, notAudited: true, build: () => send('POST', '/api/reminders/send') },

  'GET /api/bodies': { who: 'ANY', ok: 200, global: true, build: () => get('/api/bodies') },
  'POST /api/bodies': {
    who: 'ADMIN',
    ok: 201,
    global: true,
    build: (c) => {
      const first5 = String(80000 + c.n());
      return send('POST', '/api/bodies', { code: `${first5}${localGovCheckDigit(first5)}`, name: `新団体${c.n()}`, prefectureCode: '43', prefectureName: '熊本県', kind: 'town' });
    },
  },
  'GET /api/bodies/:bodyId': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}`) },
  'PATCH /api/bodies/:bodyId': { who: 'ADMIN', ok: 200, build: (c) => send('PATCH', `/api/bodies/${c.b.bodyId}`, { population: 1000 + c.n() }) },
  'DELETE /api/bodies/:bodyId': {
    who: 'ADMIN',
    ok: 204,
    build: (c) => send('DELETE', `/api/bodies/${insertBody(c.t.db, c.b.prefectureCode).id}`),
  },
  'GET /api/bodies/:bodyId/dashboard': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/dashboard`) },

  'GET /api/bodies/:bodyId/quarters': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/quarters`) },
  'POST /api/bodies/:bodyId/quarters': {
    who: 'HQ',
    ok: 201,
    build: (c) => {
      const k = closeSeq++;
      return send('POST', `/api/bodies/${c.b.bodyId}/quarters`, { fiscalYear: 2010 + Math.floor(k / 4), quarter: (k % 4) + 1 });
    },
  },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter': { who: 'READ', ok: 200, build: (c) => get(closedQuarter(c)) },
  'POST /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/reopen': {
    who: 'HQ',
    ok: 200,
    build: (c) => send('POST', `${closedQuarter(c, true)}/reopen`, { reason: `訂正${c.n()}` }),
  },
  'PUT /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/decisions': {
    who: 'HQ',
    ok: 200,
    build: (c) => ({ method: 'PUT', url: `${closedQuarter(c)}/decisions`, payload: { itemId: c.s.itemId, decision: `方針${c.n()}` } }),
  },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/review': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/quarters/2026/2/review`) },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/report.csv': { who: 'READ', ok: 200, build: (c) => get(`${closedQuarter(c)}/report.csv`) },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/report.xlsx': { who: 'READ', ok: 200, build: (c) => get(`${closedQuarter(c)}/report.xlsx`) },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/report.pdf': { who: 'READ', ok: 200, build: (c) => get(`${closedQuarter(c)}/report.pdf`) },

  'GET /api/bodies/:bodyId/sections': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/sections`) },
  'POST /api/bodies/:bodyId/sections': { who: 'HQ', ok: 201, build: (c) => send('POST', `/api/bodies/${c.b.bodyId}/sections`, { name: `新しい課${c.n()}` }) },
  'POST /api/bodies/:bodyId/sections/reorganize': {
    who: 'HQ',
    ok: 200,
    // A rename dated later each time (a section's names follow one another in time).
    build: (c) => {
      const n = c.n();
      return send('POST', `/api/bodies/${c.b.bodyId}/sections/reorganize`, { kind: 'rename', sectionId: c.s.sectionId, name: `再編${n}`, effectiveDate: addDays('2030-01-01', n) });
    },
  },
  'GET /api/sections/:sectionId': { who: 'READ', ok: 200, build: (c) => get(`/api/sections/${c.s.sectionId}`) },
  'PATCH /api/sections/:sectionId': { who: 'HQ', ok: 200, build: (c) => send('PATCH', `/api/sections/${fresh.section(c)}`, { name: `改称${c.n()}` }) },
  'DELETE /api/sections/:sectionId': { who: 'HQ', ok: 204, build: (c) => send('DELETE', `/api/sections/${fresh.section(c)}`) },

  'GET /api/bodies/:bodyId/plans': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/plans`) },
  // The body already has its current plan: the next one starts from it (CURRENT_PLAN_EXISTS after authorization).
  'POST /api/bodies/:bodyId/plans': {
    who: 'HQ',
    ok: 409,
    notAudited: true,
    build: (c) => send('POST', `/api/bodies/${c.b.bodyId}/plans`, { title: `計画${c.n()}`, startFiscalYear: 2026, endFiscalYear: 2030 }),
  },
  'GET /api/plans/:planId': { who: 'READ', ok: 200, build: (c) => get(`/api/plans/${c.b.planId}`) },
  'PATCH /api/plans/:planId': {
    who: 'HQ',
    ok: 200,
    build: (c) => send('PATCH', `/api/plans/${c.b.planId}`, { version: versionOf(c, plans, c.b.planId), title: `計画${c.n()}` }),
  },
  'DELETE /api/plans/:planId': { who: 'HQ', ok: 409, notAudited: true, build: (c) => send('DELETE', `/api/plans/${fresh.plan(c)}?version=1`) },
  'GET /api/plans/:planId/baselines': { who: 'READ', ok: 200, build: (c) => get(`/api/plans/${c.b.planId}/baselines`) },
  'POST /api/plans/:planId/baselines': {
    who: 'HQ',
    ok: 201,
    build: (c) => send('POST', `/api/plans/${fresh.revisablePlan(c)}/baselines`, { kind: 'revision', setOn: '2026-04-01', reason: '見直し', approvedBy: '本部会議' }),
  },
  'GET /api/plans/:planId/next-plan': { who: 'HQ', ok: 200, build: (c) => get(`/api/plans/${c.b.planId}/next-plan`) },
  // Authorized, then refused for its stale version (409): starting the next plan would end the body's plan for the other cases.
  'POST /api/plans/:planId/next-plan': {
    who: 'HQ',
    ok: 409,
    notAudited: true,
    build: (c) =>
      send('POST', `/api/plans/${c.b.planId}/next-plan`, { version: 999, title: '次期計画', startFiscalYear: 2026, endFiscalYear: 2030, adoptedOn: '2026-04-01', carryItemIds: [c.s.itemId] }),
  },
  'GET /api/items/:itemId/plan-history': { who: 'READ', ok: 200, build: (c) => get(`/api/items/${c.s.itemId}/plan-history`) },

  'GET /api/bodies/:bodyId/items': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/items`) },
  'GET /api/items/:itemId': { who: 'READ', ok: 200, build: (c) => get(`/api/items/${c.s.itemId}`) },
  'POST /api/plans/:planId/items': {
    who: 'HQ',
    ok: 201,
    build: (c) =>
      send('POST', `/api/plans/${c.b.planId}/items`, { title: `取組${c.n()}`, categoryId: c.w.categoryId, sectionId: c.s.sectionId, targetFiscalYear: 2026 }),
  },
  'PATCH /api/items/:itemId': {
    who: 'SECTION',
    ok: 200,
    build: (c) => send('PATCH', `/api/items/${c.s.itemId}`, { version: versionOf(c, planItems, c.s.itemId), notes: `備考${c.n()}` }),
  },
  'DELETE /api/items/:itemId': { who: 'HQ', ok: 204, build: (c) => send('DELETE', `/api/items/${fresh.item(c)}?version=1`) },

  'GET /api/items/:itemId/milestones': { who: 'READ', ok: 200, build: (c) => get(`/api/items/${c.s.itemId}/milestones`) },
  'POST /api/items/:itemId/milestones': {
    who: 'HQ',
    ok: 201,
    build: (c) => send('POST', `/api/items/${c.s.itemId}/milestones`, { title: `工程${c.n()}`, plannedDate: '2027-03-31' }),
  },
  'GET /api/milestones/:milestoneId': { who: 'READ', ok: 200, build: (c) => get(`/api/milestones/${c.s.milestoneId}`) },
  'PATCH /api/milestones/:milestoneId': {
    who: 'SECTION',
    ok: 200,
    build: (c) =>
      send('PATCH', `/api/milestones/${c.s.milestoneId}`, { version: versionOf(c, milestones, c.s.milestoneId), status: 'in_progress', note: `報告${c.n()}` }),
  },
  'DELETE /api/milestones/:milestoneId': { who: 'HQ', ok: 204, build: (c) => send('DELETE', `/api/milestones/${fresh.milestone(c)}?version=1`) },

  'GET /api/bodies/:bodyId/kpis': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/kpis`) },
  'POST /api/bodies/:bodyId/kpis': {
    who: 'HQ',
    ok: 201,
    build: (c) =>
      send('POST', `/api/bodies/${c.b.bodyId}/kpis`, {
        name: `指標${c.n()}`,
        unit: '%',
        direction: 'higher',
        baselineValue: 1,
        baselineFiscalYear: 2024,
        targetValue: 2,
        targetFiscalYear: 2027,
        itemId: c.s.itemId,
      }),
  },
  'GET /api/kpis/:kpiId': { who: 'READ', ok: 200, build: (c) => get(`/api/kpis/${c.s.kpiId}`) },
  'PATCH /api/kpis/:kpiId': {
    who: 'HQ',
    ok: 200,
    build: (c) => send('PATCH', `/api/kpis/${c.s.kpiId}`, { version: versionOf(c, kpis, c.s.kpiId), notes: `備考${c.n()}` }),
  },
  'DELETE /api/kpis/:kpiId': { who: 'HQ', ok: 204, build: (c) => send('DELETE', `/api/kpis/${fresh.kpi(c)}?version=1`) },
  'GET /api/kpis/:kpiId/values': { who: 'READ', ok: 200, build: (c) => get(`/api/kpis/${c.s.kpiId}/values`) },
  'POST /api/kpis/:kpiId/values': {
    who: 'SECTION',
    ok: 201,
    // A KPI of its own (same item, so the same section): a period has one value.
    build: (c) => send('POST', `/api/kpis/${fresh.kpi(c)}/values`, { fiscalYear: 2025, quarter: 2, value: c.n() }),
  },
  'PATCH /api/kpi-values/:valueId': {
    who: 'SECTION',
    ok: 200,
    // A unique value inside a percentage's 0–100 (domain/kpi-range.ts).
    build: (c) => send('PATCH', `/api/kpi-values/${c.s.valueId}`, { version: versionOf(c, kpiValues, c.s.valueId), value: c.n() / 1000 }),
  },
  'DELETE /api/kpi-values/:valueId': { who: 'SECTION', ok: 204, build: (c) => send('DELETE', `/api/kpi-values/${fresh.value(c)}?version=1`) },

  'GET /api/bodies/:bodyId/standardization': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/standardization`) },
  'PATCH /api/bodies/:bodyId/standardization/:areaId/steps/:stepId': {
    who: 'SECTION',
    ok: 200,
    build: (c) =>
      send('PATCH', `/api/bodies/${c.b.bodyId}/standardization/${c.s.areaId}/steps/${c.w.stepId}`, {
        version: stepVersion(c),
        status: c.n() % 2 ? 'in_progress' : 'done',
      }),
  },
  'GET /api/standardization/summary': { who: 'ANY', ok: 200, global: true, build: () => get('/api/standardization/summary') },

  'GET /api/categories': { who: 'ANY', ok: 200, global: true, build: () => get('/api/categories') },
  'GET /api/national-deadlines': { who: 'ANY', ok: 200, global: true, build: () => get('/api/national-deadlines') },
  'GET /api/national-deadlines/:deadlineId': { who: 'ANY', ok: 200, global: true, build: (c) => get(`/api/national-deadlines/${c.w.deadlineId}`) },
  'POST /api/national-deadlines': {
    who: 'ADMIN',
    ok: 201,
    global: true,
    build: (c) => send('POST', '/api/national-deadlines', { code: `test_${c.n()}`, title: 'テスト期限', dueDate: '2027-03-31' }),
  },
  'PATCH /api/national-deadlines/:deadlineId': {
    who: 'ADMIN',
    ok: 200,
    global: true,
    build: (c) => send('PATCH', `/api/national-deadlines/${c.w.deadlineId}`, { sourceText: `出典${c.n()}` }),
  },
  'POST /api/national-deadlines/:deadlineId/extensions': {
    who: 'HQ',
    ok: 201,
    build: (c) =>
      send('POST', `/api/national-deadlines/${c.w.deadlineId}/extensions`, { bodyId: c.b.bodyId, itemId: c.s.itemId, extendedDueDate: '2033-03-31', reason: `理由${c.n()}` }),
  },
  'DELETE /api/deadline-extensions/:extensionId': { who: 'HQ', ok: 204, build: (c) => send('DELETE', `/api/deadline-extensions/${fresh.extension(c)}`) },
  'GET /api/business-areas': { who: 'ANY', ok: 200, global: true, build: () => get('/api/business-areas') },
  'GET /api/reference-packs/active': { who: 'ANY', ok: 200, global: true, build: () => get('/api/reference-packs/active') },
  'GET /api/reference-packs': { who: 'ADMIN', ok: 200, global: true, build: () => get('/api/reference-packs') },
  // A dry run: it writes nothing, allowed or not.
  'POST /api/reference-packs/preview': { who: 'ADMIN', ok: 200, global: true, notAudited: true, build: (c) => send('POST', '/api/reference-packs/preview', newerPack(c)) },
  'POST /api/reference-packs': { who: 'ADMIN', ok: 201, global: true, build: (c) => send('POST', '/api/reference-packs', newerPack(c)) },
  'POST /api/reference-packs/:packId/rollback': {
    who: 'ADMIN',
    ok: 200,
    global: true,
    // A newer pack applied directly (not a request), then rolled back.
    build: (c) => send('POST', `/api/reference-packs/${applyPack(c.t.db, newerPack(c), '2026-11-23').pack.id}/rollback`),
  },
  'GET /api/standardization-steps': { who: 'ANY', ok: 200, global: true, build: () => get('/api/standardization-steps') },
  'POST /api/standardization-steps': {
    who: 'ADMIN',
    ok: 201,
    global: true,
    build: (c) => send('POST', '/api/standardization-steps', { code: `test_step_${c.n()}`, phase: 'テスト', name: 'テスト手順' }),
  },
  'PATCH /api/standardization-steps/:stepId': {
    who: 'ADMIN',
    ok: 200,
    global: true,
    build: (c) => send('PATCH', `/api/standardization-steps/${c.w.stepId}`, { phase: `フェーズ${c.n()}` }),
  },

  'GET /api/bodies/:bodyId/audit': { who: 'HQ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/audit`) },
  'GET /api/items/:itemId/audit': { who: 'READ', ok: 200, build: (c) => get(`/api/items/${c.s.itemId}/audit`) },

  'GET /api/bodies/:bodyId/workbook.xlsx': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/workbook.xlsx`) },
  'GET /api/bodies/:bodyId/workbook.csv': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/workbook.csv?sheet=milestones`) },
  'POST /api/bodies/:bodyId/imports': {
    who: 'STAFF',
    ok: 201,
    build: (c) => ({
      method: 'POST',
      url: `/api/bodies/${c.b.bodyId}/imports`,
      payload: Buffer.from(`ID,版,マイルストーン,備考\r\n${c.s.milestoneId},1,工程,取込${c.n()}\r\n`),
      headers: { 'content-type': 'text/csv', 'x-file-name': 'matrix.csv' },
    }),
  },
  'GET /api/imports/progress': { who: 'ANY', ok: 200, global: true, build: () => get('/api/imports/progress') },
  'GET /api/imports/:importId': { who: 'OWNER', ok: 200, build: (c) => get(`/api/imports/${fresh.upload(c)}`) },
  'POST /api/imports/:importId/apply': { who: 'OWNER', ok: 200, build: (c) => send('POST', `/api/imports/${fresh.upload(c)}/apply`) },

  'GET /api/bodies/:bodyId/my-updates': { who: 'STAFF', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/my-updates`) },
  'POST /api/items/:itemId/reviews': { who: 'SECTION', ok: 201, build: (c) => send('POST', `/api/items/${c.s.itemId}/reviews`, { note: '変更なし' }) },
  'GET /api/bodies/:bodyId/reporting-status': { who: 'HQ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/reporting-status`) },

  'GET /api/rollups/national': { who: 'ADMIN', ok: 200, global: true, build: () => get('/api/rollups/national') },
  'GET /api/rollups/prefectures/:prefectureCode': { who: 'PREF', ok: 200, build: (c) => get(`/api/rollups/prefectures/${c.b.prefectureCode}`) },
  'GET /api/rollups/national/milestones.csv': { who: 'ADMIN', ok: 200, global: true, build: () => get('/api/rollups/national/milestones.csv') },
  'GET /api/rollups/prefectures/:prefectureCode/milestones.csv': { who: 'PREF', ok: 200, build: (c) => get(`/api/rollups/prefectures/${c.b.prefectureCode}/milestones.csv`) },
  'GET /api/bodies/:bodyId/peers': { who: 'READ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/peers`) },

  // 公開設定 and the residents' public data (issue 21). The public routes answer everyone, signed in or not, the
  // same; what they may show (only published items of a closed quarter, no other body, no internal field) is
  // proved in tests/public/public-safety.test.ts.
  'GET /api/bodies/:bodyId/publication': { who: 'HQ', ok: 200, build: (c) => get(`/api/bodies/${c.b.bodyId}/publication`) },
  'PUT /api/bodies/:bodyId/publication': {
    who: 'HQ',
    ok: 200,
    build: (c) => ({ method: 'PUT', url: `/api/bodies/${c.b.bodyId}/publication`, payload: { defaultPublished: false, licence: `CC BY 4.0 ${c.n()}`, version: publicSettingsVersion(c) } }),
  },
  'PUT /api/items/:itemId/publication': {
    who: 'HQ',
    ok: 200,
    build: (c) => ({
      method: 'PUT',
      url: `/api/items/${c.s.itemId}/publication`,
      payload: { published: true, publicText: `公開用${c.n()}`, hiddenMilestoneIds: [], hiddenKpiIds: [], version: itemPublicationVersion(c) },
    }),
  },
  'GET /api/public/:bodyCode/public.json': { who: 'PUBLIC', ok: 200, build: (c) => get(`/api/public/${publishedBody(c)}/public.json`) },
  'GET /api/public/:bodyCode/items/:itemId': { who: 'PUBLIC', ok: 200, build: (c) => get(`/api/public/${publishedBody(c)}/items/${c.s.itemId}`) },
  'GET /api/public/:bodyCode/:file': { who: 'PUBLIC', ok: 200, build: (c) => get(`/api/public/${publishedBody(c)}/kpis.csv`) },
};

const publicSettingsVersion = (c: Ctx) =>
  (c.t.db.$client.prepare('SELECT version FROM public_settings WHERE body_id = ?').get(c.b.bodyId) as { version: number } | undefined)?.version ?? 0;
const itemPublicationVersion = (c: Ctx) =>
  (c.t.db.$client.prepare('SELECT version FROM item_publications WHERE item_id = ?').get(c.s.itemId) as { version: number } | undefined)?.version ?? 0;

/** The body's code, with the section's item published (directly: not a request) and a quarter closed. */
function publishedBody(c: Ctx): string {
  c.t.db.$client.prepare("INSERT INTO public_settings (body_id, default_published) VALUES (?, 0) ON CONFLICT (body_id) DO NOTHING").run(c.b.bodyId);
  c.t.db.$client.prepare('INSERT INTO item_publications (item_id, published) VALUES (?, 1) ON CONFLICT (item_id) DO UPDATE SET published = 1').run(c.s.itemId);
  closedQuarter(c);
  return (c.t.db.$client.prepare('SELECT code FROM local_bodies WHERE id = ?').get(c.b.bodyId) as { code: string }).code;
}

const WRITE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let t: TestApp;
let w: World;
let seq = 0;

beforeAll(async () => {
  // Authorization only: the per-user limits by cost are tested in tests/hardening/limits.test.ts.
  t = await createTestApp({ limits: { heavyPerMinute: 0, publicPerMinute: 0 } });
  w = await createWorld(t);
  for (const role of ROLES) await t.as(role).login();
});
afterAll(async () => {
  await t?.close();
});

const targetOf = (v: Variant): { b: BodyWorld; s: SectionWorld } =>
  v === 'otherSection' ? { b: w.A, s: w.A.s2 } : v === 'samePrefBody' ? { b: w.C, s: w.C.s1 } : v === 'otherBody' ? { b: w.B, s: w.B.s1 } : { b: w.A, s: w.A.s1 };

const auditCount = () => (t.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('the route table', () => {
  it('has an expectation for every registered API route, and no expectation without a route', () => {
    const registered = new Set(
      t.app.apiRoutes.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`),
    );
    const missing = [...registered].filter((k) => !(k in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((k) => !registered.has(k));
    expect(missing, 'routes without an expected status in tests/auth/matrix.test.ts').toEqual([]);
    expect(stale, 'expectations for routes that are not registered').toEqual([]);
    expect(registered.size).toBeGreaterThan(50);
  });

  it('refuses to start with an API route that has no rule, no cost, or a path parameter it cannot resolve', async () => {
    for (const [url, message, config] of [
      ['/api/unruled', /No authorization rule for GET \/api\/unruled/, undefined],
      ['/api/uncosted', /No cost declared for GET \/api\/uncosted/, { rule: { access: 'authenticated' } }],
      ['/api/bodies/:bodyId/widgets/:widgetId', /No authorization rule|widgetId/, { rule: { access: 'bodyReader' }, cost: 'read' }],
    ] as const) {
      const app = Fastify();
      app.decorate('db', t.db);
      await app.register(errorsPlugin);
      await app.register(authPlugin);
      const start = async () => {
        app.get(url, { config: config as never }, async () => ({}));
        await app.ready();
      };
      await expect(start()).rejects.toThrow(message);
      await app.close().catch(() => undefined);
    }
  });
});

describe.each(Object.entries(EXPECTED))('%s', (key, c) => {
  const method = key.split(' ')[0]!;
  const write = WRITE.has(method);
  const variants: Variant[] = c.global ? ['global'] : VARIANTS;

  it('without a session: 401 (or public)', async () => {
    const ctx: Ctx = { w, b: w.A, s: w.A.s1, role: 'anonymous', n: () => ++seq, t };
    const req = c.build(ctx);
    const res = await t.app.inject(req);
    if (c.who === 'PUBLIC') expect(res.statusCode, res.body).toBe(c.ok);
    else {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().message).toContain('ログインしてください');
    }
  });

  it.each(ROLES.flatMap((role) => variants.map((v) => [role, v] as const)))('%s on %s', async (role, variant) => {
    const { b, s } = targetOf(variant);
    const ctx: Ctx = { w, b, s, role, n: () => ++seq, t };
    const req = c.build(ctx);
    const ok = allowed(c.who, role, variant);
    const before = write && !ok ? dumpTables(t.db) : null;
    const audits = auditCount();
    const res = await t.as(role).inject(req);
    if (ok) {
      expect(res.statusCode, `${role} ${variant}: ${res.body}`).toBe(c.ok);
      if (write && !c.notAudited) {
        const added = t.db.$client.prepare('SELECT user_id AS userId, username FROM audit_log WHERE id > ?').all(audits) as { userId: number; username: string }[];
        expect(added.length, 'an allowed write is in the audit trail').toBeGreaterThan(0);
        expect(new Set(added.map((a) => a.username))).toEqual(new Set([w.users[role].username]));
      }
    } else {
      expect(res.statusCode, `${role} ${variant}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: 'この操作を行う権限がありません。' });
      if (before) expect(dumpTables(t.db), 'a refused write changes nothing').toEqual(before);
      expect(auditCount()).toBe(audits);
    }
  });
});

/**
 * The public routes (issue 21) across the matrix's world: with exactly one item of body A published and a quarter
 * closed, every public route × every body's code × every item id of every body (and ids guessed past them) answers
 * 200 only for that item; every other combination is the same 404, whoever asks (no session, or any role: the
 * public answers are the same bytes for everyone, so a session cannot widen them).
 */
describe('public routes: nothing unpublished, nothing of another body, whoever asks', () => {
  let codes: { bodyId: number; code: string }[] = [];
  let itemIds: number[] = [];

  beforeAll(() => {
    // Start from no publication at all (the cases above published items of every body).
    t.db.$client.exec('DELETE FROM item_publications; DELETE FROM public_settings;');
    t.db.$client.prepare('INSERT INTO item_publications (item_id, published) VALUES (?, 1)').run(w.A.s1.itemId);
    closedQuarter({ w, b: w.A, s: w.A.s1, role: 'anonymous', n: () => ++seq, t });
    codes = t.db.$client.prepare('SELECT id AS bodyId, code FROM local_bodies ORDER BY id').all() as typeof codes;
    itemIds = (t.db.$client.prepare('SELECT id FROM plan_items ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const max = Math.max(...itemIds);
    itemIds.push(max + 1, max + 1000, 2_147_483_647);
  });

  it('only the published item of body A, and only under body A, is found', async () => {
    const aCode = codes.find((c) => c.bodyId === w.A.bodyId)!.code;
    const found: string[] = [];
    for (const { code } of codes) {
      for (const id of itemIds) {
        for (const url of [`/api/public/${code}/items/${id}`, `/public/${code}/items/${id}`]) {
          const res = await t.app.inject({ method: 'GET', url });
          if (res.statusCode === 200) found.push(url);
          else expect(res.statusCode, url).toBe(404);
        }
      }
      for (const file of ['public.json', 'items.csv', 'milestones.csv', 'kpis.csv', 'kpi-values.csv']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/public/${code}/${file}` });
        expect(res.statusCode, `${code} ${file}`).toBe(code === aCode ? 200 : 404);
      }
      expect((await t.app.inject({ method: 'GET', url: `/public/${code}` })).statusCode).toBe(code === aCode ? 200 : 404);
    }
    expect(found.sort()).toEqual([`/api/public/${aCode}/items/${w.A.s1.itemId}`, `/public/${aCode}/items/${w.A.s1.itemId}`].sort());
    const view = (await t.app.inject({ method: 'GET', url: `/api/public/${aCode}/public.json` })).json();
    expect(view.items.map((i: { id: number }) => i.id)).toEqual([w.A.s1.itemId]);
  });

  it('every role gets the same bytes as no session', async () => {
    const aCode = codes.find((c) => c.bodyId === w.A.bodyId)!.code;
    const bCode = codes.find((c) => c.bodyId === w.B.bodyId)!.code;
    const urls = [`/api/public/${aCode}/public.json`, `/api/public/${aCode}/items.csv`, `/public/${aCode}`, `/api/public/${bCode}/public.json`, `/api/public/${aCode}/items/${w.A.s2.itemId}`];
    for (const url of urls) {
      const anon = await t.app.inject({ method: 'GET', url });
      for (const role of ROLES) {
        const res = await t.as(role).inject({ method: 'GET', url });
        expect([res.statusCode, res.body], `${role} ${url}`).toEqual([anon.statusCode, anon.body]);
        expect(res.headers['set-cookie'], `${role} ${url}`).toBeUndefined();
      }
    }
  });
});
