/**
 * The roll-up thread (server/workers/pool.ts): not started with the server (a town hall's server never
 * computes a national roll-up and should not carry its ~80 MiB), started when a national or prefecture
 * reader signs in or opens the app, so that their first roll-up does not wait for a cold thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await t.createUser({ username: 'r-viewer', role: 'viewer', bodyCode: '432121' });
  await t.createUser({ username: 'r-pref', role: 'prefecture', prefectureCode: '43' });
}, 120_000);
afterAll(async () => t?.close());

async function eventually(condition: () => boolean): Promise<void> {
  const end = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the roll-up thread', () => {
  it('starts when an administrator signs in (the test app signs its admin in)', { timeout: 120_000 }, async () => {
    expect(t.app.workers.inProcess).toBe(false);
    await eventually(() => t.app.workers.threads('rollups') === 1);
    expect(t.app.workers.ran.rollups).toBe(0);
  });

  it('does not start for a viewer of a body signing in and opening the app', async () => {
    await t.app.workers.close(); // every thread ended, as after a restart
    expect(t.app.workers.threads('rollups')).toBe(0);
    const viewer = t.as('r-viewer');
    await viewer.login();
    expect((await viewer.inject('/api/auth/me')).statusCode).toBe(200);
    expect(t.app.workers.threads('rollups')).toBe(0);
  });

  it('starts when a prefecture user signs in, without counting as a roll-up, and then serves the roll-up', { timeout: 120_000 }, async () => {
    const pref = t.as('r-pref');
    await pref.login();
    await eventually(() => t.app.workers.threads('rollups') === 1);
    expect(t.app.workers.ran.rollups).toBe(0);
    const res = await pref.inject('/api/rollups/prefectures/43');
    expect(res.statusCode).toBe(200);
    expect(t.app.workers.ran.rollups).toBe(1);
    expect(t.app.workers.threads('rollups')).toBe(1);
  });
});
