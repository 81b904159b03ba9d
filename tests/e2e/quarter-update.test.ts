/**
 * Issue 19, item 1–3 in real Chromium: the demo officer's quarter on 今期の更新 (2 milestones, 1 KPI, 「変更なし」 for
 * the rest) measured against the targets — ≤ 10 clicks and ≤ 3 screens of scrolling at 1366×768 with the mouse,
 * ≤ 40 Tab presses by keyboard (each run on its own fresh server, as the quarter can be reported once) — and the
 * defects reported: unsaved input lost by 「変更なし」 or by leaving the page, errors without a marked field or with
 * ISO dates, −5 業務 accepted, 和暦 not accepted in a date field, focus dropped to <body> after saving, counts and
 * tags that did not follow a save.
 */
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWarekiDate } from '../../server/domain/wareki.ts';
import { getJson, login } from '../helpers/server.ts';
import { axe, describeViolations, E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, screenshot, useSession, waitForSettled } from './browser.ts';
import { startE2E, type E2E } from './setup.ts';

/** The targets of issue 19 item 1 (the e2e test fails above them). */
export const TARGETS = { clicks: 10, screens: 3, tabs: 40 } as const;
const VIEWPORT_HEIGHT = 768;

type Plan = {
  today: string;
  /** The first two milestones and the first KPI that need this quarter's word, in page order. */
  milestones: { id: number; title: string; itemId: number }[];
  kpi: { id: number; name: string; itemId: number };
  items: number;
};

async function planOf(e2e: E2E, cookie: string): Promise<Plan> {
  const data = await getJson(`${e2e.base}/api/bodies/${e2e.bodyId}/my-updates`, cookie);
  const shown = (data.items as any[]).filter((i) => i.canEdit && i.needsWord);
  const milestones = shown.flatMap((i) => i.milestones.filter((m: any) => m.needsWord).map((m: any) => ({ id: m.id, title: m.title, itemId: i.item.id })));
  const kpis = shown.flatMap((i) => i.kpis.filter((k: any) => k.needsWord).map((k: any) => ({ id: k.id, name: k.name, itemId: i.item.id })));
  if (milestones.length < 2 || kpis.length < 1) throw new Error(`demo-officer needs 2 milestones and a KPI to report: ${JSON.stringify({ milestones, kpis })}`);
  return { today: data.asOf, milestones: milestones.slice(0, 2), kpi: kpis[0], items: data.items.length };
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor({ state: 'visible', timeout: 20_000 });
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill('demo-password');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('button', { name: 'ログアウト' }).waitFor({ state: 'visible', timeout: 20_000 });
  await waitForSettled(page);
}

/** Opens 今期の更新 signed in as the demo officer (through the login form). */
async function openUpdates(e2e: E2E): Promise<Awaited<ReturnType<typeof openPage>>> {
  const w = await openPage(e2e.browser);
  await w.page.goto(`${e2e.base}/bodies/${e2e.bodyId}/updates`);
  await signIn(w.page, 'demo-officer');
  await w.page.locator('#updates-items-heading').waitFor({ state: 'visible' });
  return w;
}

/** Sum of |Δ scrollY| from now on (the browser's own scrolling into view included). */
async function startScrollMeter(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = globalThis as any;
    w.__scrolled = 0;
    w.__lastY = w.scrollY;
    w.addEventListener('scroll', () => {
      w.__scrolled += Math.abs(w.scrollY - w.__lastY);
      w.__lastY = w.scrollY;
    });
  });
  return () => page.evaluate(() => (globalThis as any).__scrolled as number);
}

const activeId = (page: Page) => page.evaluate(() => (globalThis as any).document.activeElement?.id ?? '');
const activeTag = (page: Page) => page.evaluate(() => (globalThis as any).document.activeElement?.tagName ?? '');
const msGroup = (page: Page, id: number) => page.locator(`[role="group"][aria-labelledby="ms-${id}-title"]`);
const kpiGroup = (page: Page, id: number) => page.locator(`[role="group"][aria-labelledby="kpi-${id}-name"]`);

/** 令和8年12月3日 → R8.12.3 (how staff type it). */
function shortWareki(iso: string): string {
  const m = /^令和(元|\d+)年(\d+)月(\d+)日$/.exec(formatWarekiDate(iso))!;
  return `R${m[1] === '元' ? 1 : m[1]}.${m[2]}.${m[3]}`;
}

async function expectAllReported(e2e: E2E, cookie: string, plan: Plan): Promise<void> {
  const after = await getJson(`${e2e.base}/api/bodies/${e2e.bodyId}/my-updates`, cookie);
  expect(after.summary.reportedItems).toBe(plan.items);
  for (const m of plan.milestones) {
    const saved = await getJson(`${e2e.base}/api/milestones/${m.id}`, cookie);
    expect(saved).toMatchObject({ status: 'done', actualDate: plan.today });
  }
  const values = await getJson(`${e2e.base}/api/kpis/${plan.kpi.id}/values`, cookie);
  expect((values as any[]).some((v) => v.value === 17)).toBe(true);
}

describe('今期の更新: the demo officer’s quarter with the mouse, and what cannot be lost', { timeout: E2E_TIMEOUT * 2 }, () => {
  let e2e: E2E;
  let cookie = '';
  let plan: Plan;

  beforeAll(async () => {
    e2e = await startE2E();
    useSession(e2e.base, null);
    cookie = (await login(e2e.base, 'demo-officer')).cookie;
    plan = await planOf(e2e, cookie);
  }, E2E_HOOK_TIMEOUT);
  afterAll(async () => {
    await e2e?.stop();
  }, E2E_HOOK_TIMEOUT);

  it('each role lands on its question: the officer on 今期の更新, HQ’s overview with 要対応 and 今期の報告 at the top; the login page says who resets a password', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/`);
      await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor({ state: 'visible', timeout: 20_000 });
      const help = page.getByText('パスワードを忘れた場合：');
      await help.waitFor({ state: 'visible' });
      expect(await page.locator('main').innerText()).toContain('所属する団体のDX推進本部の事務局（システム管理者）にパスワードの再設定を依頼してください');
      await signIn(page, 'demo-officer');
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}/updates`);
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('今期の更新');
    } finally {
      await w.close();
    }
    const hq = await openPage(e2e.browser);
    try {
      const { page } = hq;
      await page.goto(`${e2e.base}/`);
      await signIn(page, 'demo-hq');
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}`);
      await page.getByRole('region', { name: '今期の報告' }).getByText(/課が未報告/).waitFor({ state: 'visible' });
      const order = await page.locator('main section h2').allInnerTexts();
      expect(order.indexOf('要対応の取組'), order.join(' / ')).toBeLessThan(order.indexOf('分野別の進捗'));
      expect(order.indexOf('今期の報告'), order.join(' / ')).toBeLessThan(order.indexOf('分野別の進捗'));
      const top = await page.getByRole('region', { name: '要対応の取組' }).boundingBox();
      expect(top!.y, '要対応 starts within the first two screens').toBeLessThan(2 * VIEWPORT_HEIGHT);
      // HQ's 今期の更新 starts with 報告状況.
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}/updates`);
      await waitForSettled(page);
      const headings = await page.locator('main section h2').allInnerTexts();
      expect(headings[0]).toBe('報告状況');
      const table = page.getByRole('region', { name: '報告状況' }).getByRole('table');
      expect(await table.locator('thead').innerText()).toMatch(/変更した取組[\s\S]*変更なしの取組/);
      expect(hq.pageErrors).toEqual([]);
    } finally {
      await hq.close();
    }
  });

  it('a viewer is not offered 今期の更新, and its URL explains who can open it (no permission error, no 再読み込み)', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}/updates`);
      await signIn(page, 'demo-viewer');
      expect(await page.getByRole('link', { name: '今期の更新' }).count()).toBe(0);
      const main = await page.locator('main').innerText();
      expect(main).toContain('「今期の更新」は、この団体のDX推進本部・DX推進員とシステム管理者が開けるページです。閲覧者のアカウントでは開けません。');
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await page.getByRole('button', { name: '再読み込み' }).count()).toBe(0);
      expect(w.apiFailures.filter((f) => !f.endsWith('/api/auth/me'))).toEqual([]);
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}/audit`);
      await waitForSettled(page);
      expect(await page.locator('main').innerText()).toContain('「変更履歴」は、この団体のDX推進本部とシステム管理者が開けるページです。');
      expect(w.apiFailures.filter((f) => !f.endsWith('/api/auth/me'))).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('the prefecture sees its municipalities × DX plan categories (sortable, with a chart), never itself among them; axe clean', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      const body = await e2e.api<any>(`/api/bodies/${e2e.bodyId}`);
      await page.goto(`${e2e.base}/prefectures/${body.prefectureCode}`);
      await signIn(page, 'demo-pref');
      const table = page.getByRole('region', { name: /^市区町村 × 分野/ });
      await table.waitFor({ state: 'visible' });
      const rows = await table.locator('tbody tr').allInnerTexts();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.includes('上天草市'))).toBe(true);
      expect(rows.some((r) => r.includes(body.prefectureName))).toBe(false);
      const ranking = await page.getByRole('region', { name: /団体別/ }).locator('tbody').innerText();
      expect(ranking).not.toContain('対象業務なし');
      expect(await page.getByRole('figure', { name: /市区町村別の予定どおり率/ }).count()).toBe(1);
      const header = table.locator('thead th', { hasText: '期限超過のマイルストーン' });
      await header.getByRole('button').click();
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
      for (const [width, height] of [[1366, 768], [390, 844]] as const) {
        await page.setViewportSize({ width, height });
        const violations = await axe(page);
        expect(violations.length, `都道府県 ${width}×${height}:\n${describeViolations(violations)}`).toBe(0);
      }
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('unsaved input holds 「変更なし」 back, and leaving the page (link, back, closing) asks first', async () => {
    const w = await openUpdates(e2e);
    try {
      const { page } = w;
      const [m] = plan.milestones;
      const card = page.locator(`article[aria-labelledby="item-${m!.itemId}-title"]`);
      await msGroup(page, m!.id).getByLabel('備考').fill('未保存の備考');
      const noChange = card.getByRole('button', { name: '変更なし', exact: true });
      expect(await noChange.isDisabled()).toBe(true);
      expect(await card.innerText()).toContain('保存していない入力があります');

      const dialogs: Dialog[] = [];
      const answer = { accept: false };
      page.on('dialog', (d) => {
        dialogs.push(d);
        void (answer.accept ? d.accept() : d.dismiss());
      });
      // An in-app link: asked, declined → still here with the input.
      await page.getByRole('navigation', { name: /団体/ }).getByRole('link', { name: '概要' }).click();
      await expect.poll(() => dialogs.length).toBe(1);
      expect(dialogs[0]!.type()).toBe('confirm');
      expect(dialogs[0]!.message()).toContain(`「${m!.title}」`);
      expect(new URL(page.url()).pathname).toBe(`/bodies/${e2e.bodyId}/updates`);
      expect(await msGroup(page, m!.id).getByLabel('備考').inputValue()).toBe('未保存の備考');

      // Closing the tab / reloading: the browser's own question (beforeunload).
      const closing = page.close({ runBeforeUnload: true });
      await expect.poll(() => dialogs.length).toBe(2);
      expect(dialogs[1]!.type()).toBe('beforeunload');
      await closing;
      expect(page.isClosed()).toBe(false);

      // Discarding the input clears the question; the card may record 「変更なし」 again.
      await msGroup(page, m!.id).getByRole('button', { name: '入力を取り消す' }).click();
      expect(await noChange.isDisabled()).toBe(false);
      await page.getByRole('navigation', { name: /団体/ }).getByRole('link', { name: '概要' }).click();
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}`);
      expect(dialogs.length).toBe(2);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('errors are checked in the browser first, on the field (aria-invalid, focused), in Japanese with 和暦 dates', async () => {
    const w = await openUpdates(e2e);
    try {
      const { page } = w;
      const writes: string[] = [];
      page.on('request', (r) => {
        if (r.method() !== 'GET' && r.url().includes('/api/')) writes.push(`${r.method()} ${r.url()}`);
      });
      const [m] = plan.milestones;
      const g = msGroup(page, m!.id);
      const date = g.getByLabel('実績日', { exact: true });

      // 和暦 as typed, shown back with the weekday.
      await date.fill('R8.11.20');
      expect(await g.innerText()).toContain('令和8年11月20日（金）');
      await date.fill('２０２６／１１／２０');
      expect(await g.innerText()).toContain('令和8年11月20日（金）');

      // Not a date.
      await date.fill('令和8年13月1日');
      await g.getByRole('button', { name: '保存' }).click();
      expect(await date.getAttribute('aria-invalid')).toBe('true');
      expect(await activeId(page)).toBe(`ms-${m!.id}-actual`);
      expect(await g.innerText()).toContain('日付が正しくありません');

      // A future date: refused before sending, with 和暦 dates.
      await date.fill('R9.1.5');
      await g.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
      expect(await activeId(page)).toBe(`ms-${m!.id}-actual`);
      const text = await g.innerText();
      expect(text).toContain(`実績日（令和9年1月5日）は未来の日付です。今日（${formatWarekiDate(plan.today)}）以前の日付を入力してください。`);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|actualDate|actualStartDate/);
      const describedBy = (await date.getAttribute('aria-describedby'))!.split(' ');
      expect(describedBy).toContain(`ms-${m!.id}-actual-error`);

      // −5 業務: refused before sending, naming the KPI.
      const k = kpiGroup(page, plan.kpi.id);
      const value = k.getByLabel(/の実績値/);
      await value.fill('-5');
      await k.getByRole('button', { name: /登録|保存/ }).click();
      await expect.poll(() => value.getAttribute('aria-invalid')).toBe('true');
      expect(await activeId(page)).toBe(`kpi-${plan.kpi.id}-value`);
      expect(await k.innerText()).toContain(`${plan.kpi.name}の実績値は0業務以上で入力してください`);
      expect(writes).toEqual([]);

      // A yearly KPI asks for the last year's 年間値, never 「第0四半期」.
      expect(await page.getByRole('region', { name: /担当の取組/ }).innerText()).not.toContain('第0四半期');

      await screenshot(page, 'updates-errors');
      for (const [width, height] of [[1366, 768], [390, 844]] as const) {
        await page.setViewportSize({ width, height });
        const violations = await axe(page);
        expect(violations.length, `今期の更新 ${width}×${height}:\n${describeViolations(violations)}`).toBe(0);
      }
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('a KPI’s declared 許容範囲 replaces the derived range in the browser: a value outside it marks the field, takes the focus, names the range', async () => {
    const admin = await login(e2e.base, 'demo-admin');
    const patchKpi = async (body: object) => {
      const current = await getJson(`${e2e.base}/api/kpis/${plan.kpi.id}`, admin.cookie);
      const res = await fetch(`${e2e.base}/api/kpis/${plan.kpi.id}`, {
        method: 'PATCH',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ version: current.version, ...body }),
      });
      expect(res.status, await res.text()).toBe(200);
    };
    await patchKpi({ allowedMin: 5, allowedMax: 40 });
    const w = await openUpdates(e2e);
    try {
      const { page } = w;
      const writes: string[] = [];
      page.on('request', (r) => {
        if (r.method() !== 'GET' && r.url().includes('/api/')) writes.push(`${r.method()} ${r.url()}`);
      });
      const k = kpiGroup(page, plan.kpi.id);
      const value = k.getByLabel(/の実績値/);
      // 3 業務 passes the derived rule (not negative) but not the declared 5〜40.
      await value.fill('3');
      await k.getByRole('button', { name: /登録|保存/ }).click();
      await expect.poll(() => value.getAttribute('aria-invalid')).toBe('true');
      expect(await activeId(page)).toBe(`kpi-${plan.kpi.id}-value`);
      const text = await k.innerText();
      expect(text).toContain(`${plan.kpi.name}の実績値は5業務以上40業務以下で入力してください（入力: 3業務）。`);
      expect(text).toContain('5業務〜40業務');
      expect(writes).toEqual([]);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
      await patchKpi({ allowedMin: null, allowedMax: null });
    }
  });

  it(`the quarter with the mouse: ≤ ${TARGETS.clicks} clicks, ≤ ${TARGETS.screens} screens of scrolling at 1366×768; counts and tags follow`, async () => {
    const w = await openUpdates(e2e);
    try {
      const { page } = w;
      let clicks = 0;
      const scrolled = await startScrollMeter(page);
      const counter = page.getByRole('status').filter({ hasText: '報告済み' }).first();
      const before = await counter.innerText();
      expect(before).toMatch(new RegExp(`${plan.items}件中\\d+件 報告済み`));

      for (const m of plan.milestones) {
        const g = msGroup(page, m.id);
        await g.getByLabel('実績日', { exact: true }).fill(shortWareki(plan.today)); // a click into the field, then typing
        clicks += 1;
        await g.getByRole('button', { name: '保存' }).click();
        clicks += 1;
        await g.getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });
        // The tag follows the save (was 期限超過 / 来期以降), and focus is not dropped to <body>.
        expect(await g.locator('.focus').innerText()).toBe('完了');
        expect(await activeTag(page)).not.toBe('BODY');
      }
      const card = page.locator(`article[aria-labelledby="item-${plan.milestones[0]!.itemId}-title"]`);
      expect(await card.innerText()).toContain('今期報告済み');

      const k = kpiGroup(page, plan.kpi.id);
      await k.getByLabel(/の実績値/).fill('17');
      clicks += 1;
      await k.getByRole('button', { name: /登録|保存/ }).click();
      clicks += 1;
      await k.getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });

      await page.getByRole('button', { name: '残りをすべて変更なし' }).click();
      clicks += 1;
      const confirm = page.getByRole('group', { name: /「変更なし」を記録します/ });
      await confirm.waitFor({ state: 'visible' });
      await confirm.getByRole('button', { name: /「変更なし」を記録する/ }).click();
      clicks += 1;
      await page.getByRole('status').filter({ hasText: /件に「変更なし」を記録しました/ }).waitFor({ state: 'visible' });
      await expect.poll(() => counter.innerText()).toBe(`${plan.items}件中${plan.items}件 報告済み`);

      const distance = await scrolled();
      await screenshot(page, 'updates-quarter-done');
      const screens = distance / VIEWPORT_HEIGHT;
      console.log(`[issue 19] demo officer's quarter with the mouse: ${clicks} clicks, ${Math.round(distance)} px of scrolling (${screens.toFixed(2)} screens at 1366×768)`);
      expect(clicks).toBeLessThanOrEqual(TARGETS.clicks);
      expect(screens).toBeLessThanOrEqual(TARGETS.screens);
      await expectAllReported(e2e, cookie, plan);
      expect(w.pageErrors, w.pageErrors.join('\n')).toEqual([]);
      // The one refusal is the session check before signing in.
      expect(w.apiFailures.filter((f) => !f.startsWith('401 GET') || !f.endsWith('/api/auth/me'))).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('今期の更新: the demo officer’s quarter by keyboard', { timeout: E2E_TIMEOUT * 2 }, () => {
  let e2e: E2E;
  let cookie = '';
  let plan: Plan;

  beforeAll(async () => {
    e2e = await startE2E();
    useSession(e2e.base, null);
    cookie = (await login(e2e.base, 'demo-officer')).cookie;
    plan = await planOf(e2e, cookie);
  }, E2E_HOOK_TIMEOUT);
  afterAll(async () => {
    await e2e?.stop();
  }, E2E_HOOK_TIMEOUT);

  it(`≤ ${TARGETS.tabs} Tab presses; after each save focus moves to what needs a word next`, async () => {
    const w = await openUpdates(e2e);
    try {
      const { page } = w;
      let tabs = 0;
      /** Presses Tab (or Shift+Tab) until the element with `id` has focus. */
      const tabTo = async (id: string, back = false) => {
        for (let i = 0; i < 80 && (await activeId(page)) !== id; i++) {
          await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
          tabs += 1;
        }
        expect(await activeId(page), `reached #${id}`).toBe(id);
      };
      // From the top of the page, as a keyboard user arrives: the skip link, then into the list.
      await page.reload();
      await waitForSettled(page);
      await page.keyboard.press('Tab');
      tabs += 1;
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toContain('本文へスキップ');
      await page.keyboard.press('Enter');

      const [m1, m2] = plan.milestones;
      await tabTo(`ms-${m1!.id}-actual`);
      await page.keyboard.type(shortWareki(plan.today));
      await page.keyboard.press('Enter'); // a date sets 完了; Enter saves
      await msGroup(page, m1!.id).getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });
      await expect.poll(() => activeId(page)).toBe(`ms-${m2!.id}-status`);

      await tabTo(`ms-${m2!.id}-actual`);
      await page.keyboard.type(shortWareki(plan.today));
      await page.keyboard.press('Enter');
      await msGroup(page, m2!.id).getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });
      await expect.poll(() => activeId(page)).not.toBe('');

      await tabTo(`kpi-${plan.kpi.id}-value`);
      await page.keyboard.type('17');
      await page.keyboard.press('Enter');
      await kpiGroup(page, plan.kpi.id).getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });
      await expect.poll(() => activeTag(page)).not.toBe('BODY');

      await tabTo('bulk-review', true);
      await page.keyboard.press('Enter');
      await expect.poll(() => activeId(page)).toBe('bulk-review-confirm');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: /件に「変更なし」を記録しました/ }).waitFor({ state: 'visible' });
      await expect.poll(() => activeId(page)).toBe('bulk-review-done');

      console.log(`[issue 19] demo officer's quarter by keyboard: ${tabs} Tab presses`);
      expect(tabs).toBeLessThanOrEqual(TARGETS.tabs);
      await expectAllReported(e2e, cookie, plan);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
