/**
 * CSRF: a cookie-authenticated write needs the session's token in x-csrf-token (compared in constant
 * time), and a write whose Origin is another site is refused even with it. Reads need neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milestones } from '../../server/db/schema.ts';
import { createTestApp, dumpTables, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let milestoneId: number;
let version: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await t.as('hq').login();
  await t.as('officer').login();
  const m = t.db.select().from(milestones).get()!;
  milestoneId = m.id;
  version = m.version;
});
afterAll(async () => {
  await t?.close();
});

const patch = (headers: Record<string, string>) =>
  t.app.inject({ method: 'PATCH', url: `/api/milestones/${milestoneId}`, payload: { version, note: 'CSRF' }, headers });

async function refused(headers: Record<string, string>) {
  const before = dumpTables(t.db);
  const res = await patch(headers);
  expect(res.statusCode, res.body).toBe(403);
  expect(res.json().code).toBe('CSRF_REJECTED');
  expect(dumpTables(t.db)).toEqual(before);
}

describe('CSRF protection', () => {
  it('refuses a write with the session cookie but without the token', async () => {
    await refused({ cookie: t.as('hq').cookie });
  });

  it('refuses a wrong token, and the token of another session', async () => {
    await refused({ cookie: t.as('hq').cookie, 'x-csrf-token': 'x'.repeat(43) });
    await refused({ cookie: t.as('hq').cookie, 'x-csrf-token': t.as('officer').csrfToken });
  });

  it('refuses a write from another site even with the token, and accepts the same origin', async () => {
    const hq = { cookie: t.as('hq').cookie, 'x-csrf-token': t.as('hq').csrfToken };
    await refused({ ...hq, origin: 'https://evil.example' });
    await refused({ ...hq, origin: 'null' });
    const ok = await patch({ ...hq, origin: 'http://localhost', host: 'localhost' });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses a login posted from another site (login CSRF)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-hq', password: 'demo-password' },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.cookies).toEqual([]);
  });

  it('lets reads through without the token', async () => {
    const res = await t.app.inject({ url: `/api/milestones/${milestoneId}`, headers: { cookie: t.as('hq').cookie } });
    expect(res.statusCode).toBe(200);
  });
});
