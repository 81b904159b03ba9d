/**
 * The account pages in Chromium, through the real login form: パスワード変更 from the header (a wrong
 * current password and a common new one get the server's Japanese message; a good one signs every other
 * browser out and keeps this one signed in), and ログイン記録 next to 変更履歴 for hq (its body's users, with
 * the failed attempt). axe (serious/critical) on both pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/server.ts';
import { axe, describeViolations, E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, screenshot, useSession, waitForSettled } from './browser.ts';
import { startE2E, type E2E } from './setup.ts';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
  useSession(e2e.base, null);
}, E2E_HOOK_TIMEOUT);
afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

async function signIn(page: Page, username: string, password = 'demo-password'): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor({ state: 'visible', timeout: 20_000 });
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('button', { name: 'ログアウト' }).waitFor({ state: 'visible', timeout: 20_000 });
  await waitForSettled(page);
}

async function expectNoSeriousAxe(page: Page, what: string): Promise<void> {
  const violations = await axe(page);
  expect(violations.length, `${what}: serious/critical axe violations:\n${describeViolations(violations)}`).toBe(0);
}

describe('account pages', { timeout: E2E_TIMEOUT }, () => {
  it('パスワード変更 from the header: refusals in Japanese, then other browsers are signed out and this one stays', async () => {
    const elsewhere = await login(e2e.base, 'demo-viewer');
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + '/');
      await signIn(page, 'demo-viewer');
      await page.getByRole('link', { name: 'パスワード変更' }).click();
      await page.getByRole('heading', { level: 1, name: 'パスワード変更' }).waitFor();
      const fill = async (current: string, next: string) => {
        await page.getByLabel('現在のパスワード').fill(current);
        await page.getByLabel('新しいパスワード', { exact: true }).fill(next);
        await page.getByLabel('新しいパスワード（確認）').fill(next);
        await page.getByRole('button', { name: 'パスワードを変更する' }).click();
      };
      await fill('not-the-password', 'kumamoto-castle-2026');
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('現在のパスワードが正しくありません');
      await fill('demo-password', 'password1234567');
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('よく使われている');
      await expectNoSeriousAxe(page, 'password page with an error');
      await fill('demo-password', 'kumamoto-castle-2026');
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'パスワードを変更しました' }).count()).toBe(1);
      await screenshot(page, 'password-changed');
      // The other browser's session ended; this one still works (its new session).
      expect((await fetch(`${e2e.base}/api/auth/me`, { headers: { cookie: elsewhere.cookie } })).status).toBe(401);
      await page.getByRole('link', { name: 'パスワード変更' }).waitFor();
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}`);
      await waitForSettled(page);
      expect(await page.getByRole('button', { name: 'ログアウト' }).count()).toBe(1);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('ログイン記録 next to 変更履歴 for hq: its users’ logins and failures', async () => {
    await fetch(`${e2e.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-officer', password: 'wrong-password' }) });
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + '/');
      await signIn(page, 'demo-hq');
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ログイン記録' }).click();
      await page.getByRole('heading', { level: 1, name: 'ログイン記録' }).waitFor();
      await waitForSettled(page);
      const table = page.getByRole('table');
      await expect.poll(() => table.innerText()).toContain('demo-officer');
      expect(await table.innerText()).toContain('ログイン失敗');
      expect(await table.innerText()).toContain('パスワードの誤り');
      await page.getByLabel('種類').selectOption('login_failed');
      await page.getByRole('button', { name: '絞り込む' }).click();
      await expect.poll(() => page.url()).toContain('event=login_failed');
      await expect.poll(() => table.innerText()).not.toContain('ログアウト');
      await expectNoSeriousAxe(page, 'login log');
      await screenshot(page, 'login-log');
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
