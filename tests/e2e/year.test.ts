/**
 * A year of a town hall in the app, without a developer (issue 20), in Chromium against the real server
 * (`npm start` as a child process) with a real SMTP server in this process:
 * HQ creates an officer (one-time password shown once) → the officer logs in with it and must change it →
 * HQ sets the quarter's 報告期限 → the reminder mail arrives in the SMTP server → the officer gives their
 * word (「変更なし」) → HQ merges two sections on April 1 → 変更履歴 still names the old section for the entries
 * made before → HQ starts the next plan period with the unfinished items carried over, and the old plan is still
 * readable (read-only, as it was at its end) through the 計画 selector. axe (serious / critical) on the new pages
 * (次期計画 at 1366×768 and 390×844, with its confirmation).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../server/domain/dates.ts';
import { fiscalQuarterLabel, fiscalQuarterOf, fiscalYearOf } from '../../server/domain/fiscal.ts';
import { formatWarekiDate, formatWarekiDateWithWeekday } from '../../server/domain/wareki.ts';
import { login } from '../helpers/server.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { axe, describeViolations, E2E_HOOK_TIMEOUT, openPage, screenshot, useSession, waitForSettled, type WatchedPage } from './browser.ts';
import { startE2E, type E2E } from './setup.ts';

const YEAR_TIMEOUT = 240_000;
const OFFICER = { username: 'tanaka.taro', name: '田中 太郎', email: 'tanaka@example.lg.jp', password: 'shimin-ka-no-atarashii-kagi' };

let e2e: E2E;
let smtp: TestSmtp;
let hq: WatchedPage;
let officer: WatchedPage;

beforeAll(async () => {
  smtp = await startTestSmtp();
  e2e = await startE2E({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'dx-dashboard@example.lg.jp' } });
  useSession(e2e.base, null); // every page signs in through the login form
}, E2E_HOOK_TIMEOUT);
afterAll(async () => {
  await hq?.close();
  await officer?.close();
  await e2e?.stop();
  await smtp?.close();
}, E2E_HOOK_TIMEOUT);

async function signIn(page: Page, username: string, password: string): Promise<void> {
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

describe('a year in the app', { timeout: YEAR_TIMEOUT }, () => {
  let initialPassword = '';
  let today = '';

  it('HQ creates an officer; the one-time password is shown once', async () => {
    today = (await e2e.api<{ today: string }>('/api/health')).today;
    hq = await openPage(e2e.browser);
    const { page } = hq;
    await page.goto(e2e.base + `/bodies/${e2e.bodyId}/accounts`);
    await signIn(page, 'demo-hq', 'demo-password');
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    await page.getByLabel('ユーザー名').fill(OFFICER.username);
    await page.getByLabel('表示名（氏名）').fill(OFFICER.name);
    await page.getByLabel('役割').selectOption('officer');
    await page.getByRole('checkbox', { name: '市民課', exact: true }).check();
    await page.getByLabel(/メールアドレス/).fill(OFFICER.email);
    await page.getByRole('button', { name: '登録する' }).click();
    const shown = page.getByRole('status').filter({ hasText: '初期パスワード' });
    await shown.waitFor();
    initialPassword = (await shown.locator('code').innerText()).trim();
    expect(initialPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await expect.poll(() => page.getByRole('row').filter({ hasText: OFFICER.username }).innerText()).toContain('初期パスワードのまま');
    await expectNoSeriousAxe(page, 'accounts page');
    await screenshot(page, 'year-accounts');
    expect(hq.pageErrors).toEqual([]);
  });

  it('the officer signs in with it and must change it before anything else', async () => {
    officer = await openPage(e2e.browser);
    const { page } = officer;
    await page.goto(e2e.base + '/');
    await signIn(page, OFFICER.username, initialPassword);
    await page.getByRole('heading', { level: 1, name: '初期パスワードの変更' }).waitFor();
    expect(await page.getByRole('link', { name: '今期の更新' }).count(), 'no menu before the password is changed').toBe(0);
    await expectNoSeriousAxe(page, 'first-login password page');
    await page.getByLabel('現在のパスワード').fill(initialPassword);
    await page.getByLabel('新しいパスワード', { exact: true }).fill(OFFICER.password);
    await page.getByLabel('新しいパスワード（確認）').fill(OFFICER.password);
    await page.getByRole('button', { name: 'パスワードを変更する' }).click();
    await page.getByRole('link', { name: '今期の更新' }).first().waitFor({ timeout: 20_000 });
    expect(officer.pageErrors).toEqual([]);
  });

  it('HQ sets the quarter’s 報告期限; the reminder mail arrives; the officer sees the banner and gives their word', async () => {
    const fq = fiscalQuarterOf(today);
    const due = addDays(today, 7);
    {
      const { page } = hq;
      await page.goto(e2e.base + `/bodies/${e2e.bodyId}/updates`);
      await waitForSettled(page);
      const label = fiscalQuarterLabel(fq);
      // Typed as staff type it (issue 19: the 和暦 date field on every page): 「令和8年12月10日」.
      await page.getByLabel(`${label}の報告期限`).fill(formatWarekiDate(due));
      await page.getByRole('row', { name: new RegExp(label) }).getByRole('button').click();
      await page.getByRole('status').filter({ hasText: `${label}の報告期限を` }).waitFor();
      await expectNoSeriousAxe(page, '今期の更新 with 報告期限');
    }
    // The hourly mailer, run now by an administrator (the same function).
    const admin = await login(e2e.base, 'demo-admin');
    const sent = await fetch(`${e2e.base}/api/reminders/send`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } });
    expect(sent.status, await sent.clone().text()).toBe(200);
    const mails = await smtp.waitFor(1);
    const mail = mails.find((m) => m.to.includes(OFFICER.email))!;
    expect(mail.subject).toContain(`${fiscalQuarterLabel(fq)}の進捗報告の期限は`);
    expect(mail.subject).toContain('（あと7日）');
    expect(mail.text).toContain('市民課');

    const { page } = officer;
    await page.goto(e2e.base + `/bodies/${e2e.bodyId}`);
    await waitForSettled(page);
    const banner = page.getByRole('complementary').filter({ hasText: '報告期限は' });
    await banner.waitFor();
    expect(await banner.innerText()).toContain('あと7日');
    await banner.getByRole('link', { name: '今期の更新へ' }).click();
    await page.getByRole('heading', { level: 1, name: '今期の更新' }).waitFor();
    await waitForSettled(page);
    await page.getByRole('button', { name: '変更なし', exact: true }).first().click();
    await page.getByText('「変更なし」を記録しました。').waitFor();
    const mine = await login(e2e.base, OFFICER.username, OFFICER.password);
    const left = (await (await fetch(`${e2e.base}/api/bodies/${e2e.bodyId}/reminders`, { headers: { cookie: mine.cookie } })).json()) as { period: { dueDate: string }; itemCount: number };
    expect(left.period.dueDate).toBe(due);
    expect(left.itemCount).toBeLessThan(mail.text.split('\n').filter((l) => l.startsWith('・')).length);
    expect(officer.pageErrors).toEqual([]);
  });

  it('HQ merges two sections on April 1; 変更履歴 still names the old section for the earlier entries', async () => {
    const { page } = hq;
    await page.goto(e2e.base + `/bodies/${e2e.bodyId}/sections`);
    await page.getByRole('heading', { level: 1, name: '課と再編' }).waitFor();
    await waitForSettled(page);
    const date = page.getByLabel('実施日（この日から新しい組織）');
    const april1 = `${fiscalYearOf(today) + 1}-04-01`;
    expect(await date.inputValue()).toBe(formatWarekiDateWithWeekday(april1));
    // The 和暦 date field (issue 19): 令和8年4月1日 and R8.4.1 read as that day, shown back with the weekday; not a date → its message.
    const hint = page.locator('#reorganize-date-hint');
    for (const typed of ['令和8年4月1日', 'R8.4.1']) {
      await date.fill(typed);
      expect(await hint.innerText(), typed).toBe('令和8年4月1日（水）');
      expect(await date.getAttribute('aria-invalid'), typed).toBeNull();
    }
    await date.fill('令和8年2月30日');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#reorganize-date-error').innerText()).toContain('日付が正しくありません');
    const reiwa = fiscalYearOf(today) + 1 - 2018;
    await date.fill(`R${reiwa}.4.1`);
    await date.blur();
    expect(await date.inputValue()).toBe(formatWarekiDateWithWeekday(april1));
    await page.getByRole('checkbox', { name: '市民課', exact: true }).check();
    await page.getByRole('checkbox', { name: '行革デジタル戦略課', exact: true }).check();
    await page.getByLabel('統合後の課の名称').fill('デジタル市民課');
    await page.getByRole('button', { name: '再編する' }).click();
    await page.getByRole('status').filter({ hasText: '再編しました' }).waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: '市民課' }).first().innerText()).toMatch(/4月1日から.*デジタル市民課に統合/);
    await expectNoSeriousAxe(page, 'sections page');
    await screenshot(page, 'year-sections');

    await page.goto(e2e.base + `/bodies/${e2e.bodyId}/audit`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await waitForSettled(page);
    const review = page.getByRole('row').filter({ hasText: OFFICER.username }).filter({ hasText: '確認（変更なし）' }).first();
    await review.waitFor();
    await expect.poll(() => review.getByRole('cell', { name: '市民課', exact: true }).count()).toBe(1);
    // The move itself is recorded under the new section.
    expect(await page.getByRole('row').filter({ hasText: 'demo-hq' }).getByRole('cell', { name: 'デジタル市民課', exact: true }).count()).toBeGreaterThan(0);
    expect(hq.pageErrors).toEqual([]);
  });

  it('HQ starts the next plan period with unfinished items carried over, and the old plan is still readable', async () => {
    const { page } = hq;
    const plansBefore = await e2e.api<{ id: number; title: string; endedOn: string | null }[]>(`/api/bodies/${e2e.bodyId}/plans`);
    const old = plansBefore.find((p) => p.endedOn === null)!;
    const draft = await e2e.api<{ items: { itemId: number; title: string; unfinished: boolean }[] }>(`/api/plans/${old.id}/next-plan`);
    const unfinished = draft.items.filter((i) => i.unfinished);
    const finished = draft.items.filter((i) => !i.unfinished);
    expect(unfinished.length).toBeGreaterThan(0);
    expect(finished.length).toBeGreaterThan(0);

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(e2e.base + `/bodies/${e2e.bodyId}/next-plan`);
    await page.getByRole('heading', { level: 1, name: '次期計画' }).waitFor();
    await waitForSettled(page);
    // Unfinished items preselected, finished ones not.
    const box = (title: string) => page.getByRole('checkbox', { name: title, exact: true });
    expect(await page.getByRole('checkbox').and(page.locator(':checked')).count()).toBe(unfinished.length);
    expect(await box(finished[0]!.title).isChecked()).toBe(false);
    expect(await box(unfinished[0]!.title).isChecked()).toBe(true);
    for (const [width, height] of [[1366, 768], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await expectNoSeriousAxe(page, `次期計画 at ${width}×${height}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel('次期計画の名称').fill('第2期DX推進計画');
    await page.getByRole('button', { name: '次期計画を開始' }).click();
    const confirm = page.getByRole('button', { name: '開始する' });
    await confirm.waitFor();
    await expect.poll(() => page.locator(':focus').innerText()).toContain('開始する');
    for (const [width, height] of [[1366, 768], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await expectNoSeriousAxe(page, `次期計画の確認 at ${width}×${height}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'year-next-plan');
    await confirm.click();
    await page.getByRole('status').filter({ hasText: '「第2期DX推進計画」を開始しました' }).waitFor();

    // The current plan is the new one, with the carried items (and their sub-items / headings) only.
    const plansAfter = await e2e.api<{ id: number; title: string; endedOn: string | null }[]>(`/api/bodies/${e2e.bodyId}/plans`);
    const current = plansAfter.find((p) => p.endedOn === null)!;
    expect(current.title).toBe('第2期DX推進計画');
    expect(plansAfter.find((p) => p.id === old.id)!.endedOn).toBe(today);
    const now = await e2e.api<{ timeline: { itemId: number }[] }>(`/api/bodies/${e2e.bodyId}/dashboard`);
    const carried = new Set(now.timeline.map((r) => r.itemId));
    for (const i of unfinished) expect(carried.has(i.itemId), i.title).toBe(true);
    expect(carried.size).toBeLessThan(draft.items.length);

    // The old plan: picked in the 計画 selector on 概要, kept by the tabs, read-only, as it was at its end.
    await page.getByRole('link', { name: /の概要を表示する/ }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await waitForSettled(page);
    const picker = page.getByLabel('計画', { exact: true });
    expect(await picker.locator('option:checked').innerText()).toContain('第2期DX推進計画');
    await picker.selectOption(String(old.id));
    await page.getByRole('button', { name: '切り替え' }).first().click();
    await page.getByRole('note', { name: '終了した計画の表示' }).waitFor();
    expect(new URL(page.url()).searchParams.get('plan')).toBe(String(old.id));
    await page.getByRole('navigation', { name: '団体のページ' }).getByRole('link', { name: '工程表' }).click();
    await page.getByRole('note', { name: '終了した計画の表示' }).waitFor();
    await waitForSettled(page);
    expect(new URL(page.url()).searchParams.get('plan')).toBe(String(old.id));
    const oldDash = await e2e.api<{ timeline: { itemId: number }[]; plan: { readOnly: boolean } }>(`/api/bodies/${e2e.bodyId}/dashboard?planId=${old.id}`);
    expect(oldDash.plan.readOnly).toBe(true);
    expect(oldDash.timeline.map((r) => r.itemId).sort()).toEqual(draft.items.map((i) => i.itemId).sort());
    expect(await page.getByRole('button', { name: '計画改定を登録する' }).count()).toBe(0);
    await expectNoSeriousAxe(page, '工程表 of the ended plan');
    await screenshot(page, 'year-ended-plan');

    // Read-only: a write to an item left in the ended plan is refused, in Japanese, naming the plan.
    const hqApi = await login(e2e.base, 'demo-hq');
    // (a finished sub-item of a carried heading moves with it: take one that stayed)
    const left = draft.items.find((i) => !carried.has(i.itemId))!.itemId;
    const item = (await (await fetch(`${e2e.base}/api/items/${left}`, { headers: { cookie: hqApi.cookie } })).json()) as { version: number };
    const refused = await fetch(`${e2e.base}/api/items/${left}`, {
      method: 'PATCH',
      headers: { cookie: hqApi.cookie, 'x-csrf-token': hqApi.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ version: item.version, notes: '終了後の変更' }),
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain(`の計画「${old.title}」は`);
    expect(hq.pageErrors).toEqual([]);
  });
});
