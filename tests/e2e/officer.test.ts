/**
 * 今期の更新 and 変更履歴 through the real login form (no injected cookie): an officer updates a
 * milestone (status + actual date) and a KPI value; HQ sees the change on the item page, in the
 * item's 変更履歴 and in the body's 変更履歴; a viewer sees no edit controls and a direct PATCH with the
 * viewer's cookies is refused (403); two officers editing the same milestone: the second sees the merge
 * view. axe (serious/critical) on the new pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, login } from '../helpers/server.ts';
import { axe, describeViolations, E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, screenshot, useSession, waitForSettled } from './browser.ts';
import { startE2E, type E2E } from './setup.ts';

let e2e: E2E;
let officerCookie = '';
/** Today in Japan as the server sees it (my-updates asOf): the latest allowed 実績日. */
let today = '';
let target: { itemId: number; itemTitle: string; milestoneId: number; milestoneTitle: string; kpiId: number | null; kpiName: string | null };
let conflictMilestone: { id: number; title: string };

beforeAll(async () => {
  e2e = await startE2E();
  // These pages sign in through the login form: no session cookie in the browser contexts.
  useSession(e2e.base, null);
  officerCookie = (await login(e2e.base, 'demo-officer')).cookie;
  const updates = await getJson(`${e2e.base}/api/bodies/${e2e.bodyId}/my-updates`, officerCookie);
  today = updates.asOf;
  // Milestones that need this quarter's word open as forms on 今期の更新 (issue 19); the others are one line with 編集.
  const open = (m: any) => m.needsWord;
  const editable = (updates.items as any[]).filter((i) => i.canEdit && i.milestones.some(open));
  const withKpi = editable.find((i) => i.kpis.length > 0) ?? editable[0];
  if (!withKpi) throw new Error('demo-officer has no editable item with an open milestone');
  const ms = withKpi.milestones.find(open);
  target = {
    itemId: withKpi.item.id,
    itemTitle: withKpi.item.title,
    milestoneId: ms.id,
    milestoneTitle: ms.title,
    kpiId: withKpi.kpis[0]?.id ?? null,
    kpiName: withKpi.kpis[0]?.name ?? null,
  };
  const other = editable.flatMap((i) => i.milestones.filter(open)).find((m: any) => m.id !== ms.id);
  if (!other) throw new Error('demo-officer needs a second open milestone for the conflict test');
  conflictMilestone = { id: other.id, title: other.title };
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

/** Fills the login form shown in place of the requested page and waits for that page. */
async function signIn(page: Page, username: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor({ state: 'visible', timeout: 20_000 });
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill('demo-password');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('button', { name: 'ログアウト' }).waitFor({ state: 'visible', timeout: 20_000 });
  await waitForSettled(page);
}

async function expectNoSeriousAxe(page: Page, what: string): Promise<void> {
  const violations = await axe(page);
  expect(violations.length, `${what}: serious/critical axe violations:\n${describeViolations(violations)}`).toBe(0);
}

const milestoneGroup = (page: Page, id: number) => page.locator(`[role="group"][aria-labelledby="ms-${id}-title"]`);

describe('今期の更新 and 変更履歴 by role', { timeout: E2E_TIMEOUT }, () => {
  it('the login form shows the server message for a wrong password, in Japanese', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + '/');
      await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor({ state: 'visible', timeout: 20_000 });
      await page.getByLabel('ユーザー名').fill('demo-officer');
      await page.getByLabel('パスワード').fill('wrong-password');
      await page.getByRole('button', { name: 'ログイン' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor({ state: 'visible' });
      expect(await alert.innerText()).toContain('ユーザー名またはパスワードが正しくありません');
      await expectNoSeriousAxe(page, 'login');
      await screenshot(page, 'login-error');
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('an officer logs in and updates a milestone (status + actual date) and a KPI value on 今期の更新', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}/updates`);
      await signIn(page, 'demo-officer');
      // Back on the requested page, with the user's role in the header.
      expect(new URL(page.url()).pathname).toBe(`/bodies/${e2e.bodyId}/updates`);
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('今期の更新');
      expect(await page.getByRole('group', { name: 'ログイン中の利用者' }).innerText()).toContain('DX推進員');

      const group = milestoneGroup(page, target.milestoneId);
      await group.getByLabel('状況').selectOption('done');
      await group.getByLabel('実績日').fill(today);
      await group.getByLabel('変更理由（任意）').fill('完了報告');
      await group.getByRole('button', { name: '保存' }).click();
      await group.getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });

      if (target.kpiId !== null) {
        const kpi = page.locator(`[role="group"][aria-labelledby="kpi-${target.kpiId}-name"]`).first();
        await kpi.getByLabel(/の実績値/).fill('42');
        await kpi.getByRole('button', { name: /保存|登録/ }).click();
        await kpi.getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });
      }

      const m = await getJson(`${e2e.base}/api/milestones/${target.milestoneId}`, officerCookie);
      expect(m.status).toBe('done');
      expect(m.actualDate).toBe(today);
      if (target.kpiId !== null) {
        const values = await getJson(`${e2e.base}/api/kpis/${target.kpiId}/values`, officerCookie);
        expect((values as any[]).some((v) => v.value === 42)).toBe(true);
      }
      await screenshot(page, 'updates-officer');
      await expectNoSeriousAxe(page, '今期の更新');
      expect(w.pageErrors).toEqual([]);
      expect(w.externalRequests).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('HQ logs in and sees the change on the item page, in its 変更履歴, in the body 変更履歴 and 報告状況', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/items/${target.itemId}`);
      await signIn(page, 'demo-hq');
      const milestones = page.getByRole('region', { name: 'マイルストーン' });
      const row = milestones.locator('tr', { hasText: target.milestoneTitle }).first();
      const [y, mo, d] = today.split('-').map(Number);
      expect(await row.innerText()).toContain(`${y}年${mo}月${d}日`);

      const history = page.getByRole('region', { name: '変更履歴' });
      const entry = history.locator('tbody tr', { hasText: 'demo-officer' }).filter({ hasText: 'マイルストーンの更新' }).first();
      await entry.waitFor({ state: 'visible' });
      const text = await entry.innerText();
      expect(text).toContain('完了');
      expect(text).toContain('完了報告');
      await expectNoSeriousAxe(page, '取組詳細（変更履歴）');

      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}/audit?entity=milestones`);
      await waitForSettled(page);
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('変更履歴');
      const log = page.getByRole('table', { name: /変更履歴/ });
      expect(await log.locator('tbody tr', { hasText: 'demo-officer' }).filter({ hasText: target.itemTitle }).count()).toBeGreaterThan(0);
      expect(await page.getByLabel('対象').inputValue()).toBe('milestones');
      await screenshot(page, 'audit-hq');
      await expectNoSeriousAxe(page, '変更履歴');
      // The filters' dates are the 和暦 date field too (issue 19): R8.4.1 is 2026-04-01.
      await page.getByLabel('期間（から）').fill('R8.4.1');
      expect(await page.locator('#audit-from-hint').innerText()).toBe('令和8年4月1日（水）');
      await page.getByRole('button', { name: '絞り込む' }).click();
      await page.waitForURL((u) => u.searchParams.get('from') === '2026-04-01' && u.searchParams.get('entity') === 'milestones');

      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}/updates`);
      await waitForSettled(page);
      const reporting = page.getByRole('region', { name: '報告状況' });
      expect(await reporting.getByRole('table').innerText()).toContain('報告済み');
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('a viewer lands on the body overview, sees no edit controls, and a direct PATCH is refused (403)', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/`);
      await signIn(page, 'demo-viewer');
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}`);
      expect(await page.getByRole('link', { name: '今期の更新' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: '変更履歴' }).count()).toBe(0);

      await page.goto(`${e2e.base}/items/${target.itemId}`);
      await waitForSettled(page);
      expect(await page.getByRole('button', { name: /保存|登録|変更なし/ }).count()).toBe(0);
      expect(await page.locator('select, input[type="date"]').count()).toBe(0);

      const me = await (await page.request.get(`${e2e.base}/api/auth/me`)).json();
      expect(me.user.role).toBe('viewer');
      const m = await getJson(`${e2e.base}/api/milestones/${target.milestoneId}`, officerCookie);
      const res = await page.request.patch(`${e2e.base}/api/milestones/${target.milestoneId}`, {
        headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
        data: { version: m.version, note: 'viewer' },
      });
      expect(res.status()).toBe(403);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('two officers edit the same milestone: the second sees the merge view and can re-apply', async () => {
    const a = await openPage(e2e.browser);
    const b = await openPage(e2e.browser);
    try {
      for (const w of [a, b]) {
        await w.page.goto(`${e2e.base}/bodies/${e2e.bodyId}/updates`);
        await signIn(w.page, 'demo-officer');
      }
      // Signing in again in b revoked nothing in a: each context has its own session.
      const ga = milestoneGroup(a.page, conflictMilestone.id);
      await ga.getByLabel('備考').fill('Aの備考');
      await ga.getByRole('button', { name: '保存' }).click();
      await ga.getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });

      const gb = milestoneGroup(b.page, conflictMilestone.id);
      await gb.getByLabel('備考').fill('Bの備考');
      await gb.getByRole('button', { name: '保存' }).click();
      const merge = gb.getByRole('alert').filter({ hasText: '他の利用者が先に更新しました' });
      await merge.waitFor({ state: 'visible' });
      const table = merge.getByRole('table');
      expect(await table.innerText()).toContain('Aの備考');
      expect(await table.innerText()).toContain('Bの備考');
      await screenshot(b.page, 'updates-conflict');
      await expectNoSeriousAxe(b.page, '今期の更新（競合）');

      await merge.getByRole('button', { name: '自分の入力で上書き' }).click();
      await gb.getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });
      const m = await getJson(`${e2e.base}/api/milestones/${conflictMilestone.id}`, officerCookie);
      expect(m.note).toBe('Bの備考');
      expect(a.pageErrors).toEqual([]);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
