/**
 * 基準計画と計画変更 end to end in Chromium (issue 13): HQ (demo-hq) moves a milestone's planned date with a reason on the
 * item page and sees it in 計画変更の履歴; on the 工程表 the baseline is drawn as ghost bars (switchable, in the URL) and
 * the table has 当初計画比; HQ registers a 計画改定 with its reason and approver; the quarterly review of the current
 * quarter lists the change in 「今期の計画変更」. axe (serious/critical) on the pages; no request leaves the machine.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalQuarterOf } from '../../server/domain/fiscal.ts';
import { formatWarekiDate, formatWarekiDateWithWeekday } from '../../server/domain/wareki.ts';
import { KAMIAMAKUSA_ITEM_TITLES } from '../../seed/demo.ts';
import { getJson, login, type SignedIn } from '../helpers/server.ts';
import { axe, describeViolations, E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, useSession, waitForSettled, type WatchedPage } from './browser.ts';
import { expectChartDrawn, headerTexts, openChartTable, startE2E, type E2E } from './setup.ts';

let e2e: E2E;
let hq: SignedIn;
let today = '';
let itemId = 0;
let milestone: { id: number; title: string; plannedDate: string; baseline: { plannedDate: string } };
const REASON = '国の標準様式の改定を待って運用を開始するため';
const NEW_DATE = '2027-03-31';

beforeAll(async () => {
  e2e = await startE2E();
  hq = await login(e2e.base, 'demo-hq');
  today = (await getJson<{ today: string }>(`${e2e.base}/api/health`)).today;
  const d = await e2e.api<any>(`/api/bodies/${e2e.bodyId}/dashboard`);
  const row = d.timeline.find((r: { title: string }) => r.title === KAMIAMAKUSA_ITEM_TITLES.online2);
  itemId = row.itemId;
  milestone = row.milestones.find((m: { title: string; adherence: { kind: string } }) => m.title === '運用開始' && m.adherence.kind === 'overdue');
  expect(milestone.baseline.plannedDate).toBe(milestone.plannedDate);
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

async function expectNoSeriousAxe(page: Page, what: string): Promise<void> {
  const violations = await axe(page);
  expect(violations.length, `${what}: serious/critical axe violations:\n${describeViolations(violations)}`).toBe(0);
}

function expectClean(w: WatchedPage, what: string): void {
  expect(w.externalRequests, `${what}: requests to the internet`).toEqual([]);
  expect(w.pageErrors, `${what}: uncaught exceptions`).toEqual([]);
}

describe('基準計画と計画変更 (HQ)', { timeout: E2E_TIMEOUT }, () => {
  it('HQ moves a planned date with a reason on the item page; the 計画変更の履歴 shows 当初 → 変更1 with the reason', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/items/${itemId}`);
      await waitForSettled(page);
      const form = page.getByRole('form', { name: '予定日の変更（計画変更）' });
      await form.getByLabel('マイルストーン').selectOption(String(milestone.id));
      // As staff type it (the 和暦 date field, issue 19): R9.3.31 is NEW_DATE, shown back 「令和9年3月31日（水）」.
      await form.getByLabel('新しい予定日').fill('R9.3.31');
      expect(await form.locator('#replan-planned-date-hint').innerText()).toBe('令和9年3月31日（水）');
      // Without a reason the page says so and nothing is sent.
      await form.getByRole('button', { name: '予定日を変更する' }).click();
      await form.getByRole('alert').filter({ hasText: '計画変更の理由を入力してください。' }).waitFor({ state: 'visible' });
      await form.getByLabel('計画変更の理由（必須）').fill(REASON);
      await form.getByRole('button', { name: '予定日を変更する' }).click();
      await page.getByRole('status').filter({ hasText: '予定日を変更しました' }).waitFor({ state: 'visible' });

      const table = page.getByRole('table', { name: /の計画変更の履歴$/ });
      await table.waitFor({ state: 'visible' });
      const text = await table.innerText();
      expect(text).toContain('当初');
      expect(text).toContain('変更1');
      expect(text).toContain(REASON);
      expect(text).toContain('2027年3月31日');
      expect(text).toContain('demo-hq');
      const api = await e2e.api<any>(`/api/items/${itemId}/plan-history`);
      expect(api.milestones.find((m: { milestoneId: number }) => m.milestoneId === milestone.id).changes).toEqual([
        expect.objectContaining({ from: milestone.plannedDate, to: NEW_DATE, reason: REASON, username: 'demo-hq' }),
      ]);
      await expectNoSeriousAxe(page, 'item page');
      expectClean(w, 'item page');
    } finally {
      await w.close();
    }
  });

  it('the 工程表 draws the baseline as ghost bars (switchable) and its table keeps the delay against 当初計画', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}/timeline`);
      await waitForSettled(page);
      const toggle = page.getByLabel('基準計画（当初計画）を破線で重ねて表示');
      expect(await toggle.isChecked()).toBe(true);
      const legend = page.getByRole('list', { name: '工程表の凡例' });
      expect(await legend.innerText()).toContain('当初計画（破線の枠）');
      const canvas = page.locator('canvas[role="img"]').first();
      await expectChartDrawn(canvas);
      const table = await openChartTable(canvas);
      expect(await headerTexts(table)).toEqual(expect.arrayContaining(['基準計画の予定日', '当初計画比（日）']));
      const line = table.locator('tbody tr', { hasText: '運用開始' }).filter({ hasText: '2027年3月31日' });
      const cells = (await line.first().innerText()).replace(/\s+/g, ' ');
      expect(cells).toContain('2025年3月31日'); // the baseline's date…
      expect(cells).toMatch(/\+\d+日/); // …and the delay against it, though the current plan is not yet due
      await expectNoSeriousAxe(page, 'timeline');

      // The overview counts late against the baseline next to late against the current plan.
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}`);
      await waitForSettled(page);
      expect(await page.locator('#baseline-counts').innerText()).toMatch(/^当初計画（2022年3月31日）に対して遅れたマイルストーンは\d+件、現在の計画に対しては\d+件。/);
      await page.goBack();
      await waitForSettled(page);
      await toggle.uncheck();
      await page.waitForURL((u) => u.searchParams.get('baseline') === 'off');
      expect(await legend.innerText()).not.toContain('当初計画（破線の枠）');
      await toggle.check();
      await page.waitForURL((u) => !u.searchParams.has('baseline'));
      expectClean(w, 'timeline');
    } finally {
      await w.close();
    }
  });

  it('HQ registers a 計画改定 with its reason and approver; it becomes the baseline in force', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}/timeline`);
      await waitForSettled(page);
      await page.getByText('計画改定を登録する（基準計画の更新）').click();
      const form = page.getByRole('form', { name: '計画改定の登録' });
      await form.getByLabel('改定日').fill(formatWarekiDate(today));
      expect(await form.locator('#baseline-set-on-hint').innerText()).toBe(formatWarekiDateWithWeekday(today));
      await form.getByLabel('承認した者（決裁者・会議）').fill('庁議（市長決裁）');
      await form.getByRole('button', { name: '計画改定を登録する' }).click();
      await form.getByRole('alert').filter({ hasText: '計画改定の理由を入力してください。' }).waitFor({ state: 'visible' });
      await form.getByLabel('改定の理由（必須）').fill('計画期間を令和8年度まで延長し、標準化の残業務を追加');
      await form.getByRole('button', { name: '計画改定を登録する' }).click();
      await page.getByRole('status').filter({ hasText: /^計画改定（.+）を登録しました。/ }).waitFor({ state: 'visible' });
      await page.getByLabel(/基準計画（計画改定（.+））を破線で重ねて表示/).waitFor({ state: 'visible' });
      const plans = await e2e.api<any[]>(`/api/bodies/${e2e.bodyId}/plans`);
      const baselines = await e2e.api<any[]>(`/api/plans/${plans[0].id}/baselines`);
      expect(baselines.map((b) => [b.kind, b.approvedBy])).toEqual([
        ['original', ''],
        ['revision', '庁議（市長決裁）'],
      ]);
      expectClean(w, 'timeline after 計画改定');
    } finally {
      await w.close();
    }
  });

  it('the review of the current quarter lists the change in 「今期の計画変更」 with its days and reason', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      const fq = fiscalQuarterOf(today);
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}/review?quarter=${fq.fiscalYear}-${fq.quarter}`);
      await waitForSettled(page);
      const table = page.getByRole('table', { name: /^今期の計画変更/ });
      await table.waitFor({ state: 'visible' });
      const row = table.locator('tbody tr', { hasText: '運用開始' });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(REASON);
      expect(text).toContain('2027年3月31日');
      expect(text).toMatch(/\+\d{3,}日/);
      await expectNoSeriousAxe(page, 'review');
      expectClean(w, 'review');
    } finally {
      await w.close();
    }
  });
});
