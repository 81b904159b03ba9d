/**
 * 国の参照データ (/reference) in a real Chromium against a real server (demo database): every fact with
 * its status and sources (要確認 marked as such), the administrator loading a changed pack through the page
 * (file → what changes and whose statuses → confirm → applied), rolling it back, and a viewer seeing the
 * facts without the loading tools. axe, keyboard-only confirmation, no external requests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPack } from '../../seed/reference.ts';
import { login } from '../helpers/server.ts';
import { E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, useSession, waitForSettled } from './browser.ts';
import { expectCleanPage, loadAndCheck, startE2E, type E2E } from './setup.ts';

let e2e: E2E;
let dir: string;
let packFile: string;

beforeAll(async () => {
  e2e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'dx-pack-'));
  const pack = structuredClone(defaultPack());
  pack.version = '2027.02.0';
  pack.title = '国の参照データ 2027年2月版（テスト）';
  pack.deadlines.find((d) => d.code === 'std_migration')!.dueDate = '2027-03-31';
  packFile = join(dir, 'pack-2027-02.json');
  writeFileSync(packFile, JSON.stringify(pack));
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, E2E_HOOK_TIMEOUT);

describe('国の参照データ /reference', { timeout: E2E_TIMEOUT }, () => {
  it('shows every deadline with its status and sources, 要確認 marked, no internal file names', async () => {
    const check = await loadAndCheck(e2e, '/reference', 'reference');
    try {
      const { page } = check.watched;
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('国の参照データ');
      const table = page.getByRole('table', { name: '国の期限と出典' });
      for (const d of defaultPack().deadlines) {
        const row = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: d.title, exact: true }) });
        expect(await row.count(), d.title).toBe(1);
        const text = await row.innerText();
        expect(text, d.title).toContain(d.status === 'confirmed' ? '確認済み' : '要確認');
        expect(text, d.title).toContain(defaultPack().sources[d.sources[0]!]!.title);
      }
      const all = await page.locator('main').innerText();
      for (const name of ['DOMAIN.md', 'seeds/', 'reference.ts']) expect(all).not.toContain(name);
      expect(all).toContain('本製品の手順テンプレート');
      expectCleanPage(check, 'reference');
    } finally {
      await check.watched.close();
    }
  });

  it('an administrator loads a changed pack: sees what changes and whose statuses, confirms, applies, and rolls back', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/reference`);
      await waitForSettled(page);
      await page.getByLabel('データパック（JSON ファイル）').setInputFiles(packFile);
      const preview = page.getByRole('heading', { name: /^確認結果：/ });
      await preview.waitFor();
      // Focus moves to the result heading.
      await page.waitForFunction(() => ((globalThis as any).document.activeElement?.textContent ?? '').startsWith('確認結果'), undefined, { timeout: 5_000 });
      const changes = page.getByRole('table', { name: /^変わる項目/ });
      expect(await changes.innerText()).toContain('期限: 2026-03-31 → 2027-03-31');
      const bodies = page.getByRole('table', { name: /^状況が変わる団体/ });
      const kami = bodies.locator('tbody tr').filter({ hasText: '上天草市' });
      expect(await kami.innerText()).toContain('自治体情報システムの標準化・共通化: 期限超過 →');
      // Nothing changed yet.
      expect((await e2e.api('/api/reference-packs/active')).info.version).toBe(defaultPack().version);

      // Keyboard only: 適用する → 適用を確定する.
      await page.getByRole('button', { name: '適用する' }).focus();
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('button', { name: '適用を確定する' });
      await confirm.waitFor();
      await page.waitForFunction(() => (globalThis as any).document.activeElement?.textContent === '適用を確定する', undefined, { timeout: 5_000 });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /^適用しました：/ }).waitFor();
      expect((await e2e.api('/api/reference-packs/active')).info.version).toBe('2027.02.0');
      const history = page.getByRole('table', { name: /読み込み履歴/ });
      await history.getByText('2027.02.0').waitFor();

      // Roll back to the shipped pack.
      await history.getByRole('button', { name: `前の版（${defaultPack().version}）に戻す` }).click();
      await history.getByRole('button', { name: '戻す', exact: true }).click();
      await page.getByRole('heading', { name: /^適用しました：/ }).filter({ hasText: defaultPack().version }).waitFor();
      expect((await e2e.api('/api/reference-packs/active')).info.version).toBe(defaultPack().version);
      expect(w.pageErrors).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.externalRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('a viewer reads the facts but gets no loading tools', async () => {
    const viewer = await login(e2e.base, 'demo-viewer');
    useSession(e2e.base, viewer.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/reference`);
      await waitForSettled(page);
      await page.getByRole('table', { name: '国の期限と出典' }).waitFor();
      expect(await page.getByLabel('データパック（JSON ファイル）').count()).toBe(0);
      expect(await page.getByRole('heading', { name: '新しいデータパックを読み込む' }).count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '国の参照データ' }).count()).toBe(1);
    } finally {
      await w.close();
      const admin = await login(e2e.base, 'demo-admin');
      useSession(e2e.base, admin.token);
    }
  });
});
