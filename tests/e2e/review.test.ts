/**
 * 四半期レビュー end to end in Chromium: HQ (demo-hq) opens the review page, closes the last ended quarter
 * with the keyboard, sees the summary and lists the API computes, writes a 対応方針 (kept after a
 * reload), downloads the PDF / Excel / CSV through the page (streamed with progress, saved from a Blob
 * under the server's file name) and checks each file: CSV with the UTF-8 BOM and the body name, XLSX
 * read back with exceljs (概要, 取組一覧, マイルストーン, 指標), PDF text through pdftotext. A viewer sees
 * no close / reopen / decision controls; the overview shows the closed quarter's frozen numbers after
 * a live edit changed the live ones; HQ reopens with a required reason. axe (serious/critical) on the
 * pages; no request leaves the machine.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalQuarterOf, quarterFromIndex, quarterIndex, fiscalQuarterLabel, fiscalQuarterEnd } from '../../server/domain/fiscal.ts';
import { getJson, login, type SignedIn } from '../helpers/server.ts';
import { axe, describeViolations, E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, screenshot, useSession, waitForSettled, type WatchedPage } from './browser.ts';
import { BODY_NAME, startE2E, type E2E } from './setup.ts';

let e2e: E2E;
let hq: SignedIn;
let viewer: SignedIn;
/** The last quarter that has ended (the server's today), not closed by the seed. */
let target: { fiscalYear: number; quarter: number; value: string; label: string; asOf: string };
let today = '';
let downloadDir = '';
const DECISION = '次期補正予算で移行経費を確保し、事業者と工程を再調整する';

beforeAll(async () => {
  e2e = await startE2E();
  hq = await login(e2e.base, 'demo-hq');
  viewer = await login(e2e.base, 'demo-viewer');
  today = (await getJson<{ today: string }>(`${e2e.base}/api/health`)).today;
  const fq = quarterFromIndex(quarterIndex(fiscalQuarterOf(today)) - 1);
  target = {
    ...fq,
    value: `${fq.fiscalYear}-${fq.quarter}`,
    label: fiscalQuarterLabel(fq),
    asOf: fiscalQuarterEnd(fq.fiscalYear, fq.quarter),
  };
  const closed = await e2e.api<any[]>(`/api/bodies/${e2e.bodyId}/quarters`);
  if (closed.some((q) => q.fiscalYear === fq.fiscalYear && q.quarter === fq.quarter)) {
    throw new Error(`${target.label} is already closed in the demo data`);
  }
  downloadDir = mkdtempSync(join(tmpdir(), 'dx-review-dl-'));
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
  if (downloadDir) rmSync(downloadDir, { recursive: true, force: true });
}, E2E_HOOK_TIMEOUT);

async function expectNoSeriousAxe(page: Page, what: string): Promise<void> {
  const violations = await axe(page);
  expect(violations.length, `${what}: serious/critical axe violations:\n${describeViolations(violations)}`).toBe(0);
}

function expectClean(w: WatchedPage, what: string): void {
  expect(w.externalRequests, `${what}: requests to the internet`).toEqual([]);
  expect(w.pageErrors, `${what}: uncaught exceptions`).toEqual([]);
}

const reviewPath = () => `/bodies/${e2e.bodyId}/review?quarter=${target.value}`;
const decisionGroups = (page: Page) => page.locator('[role="group"][aria-labelledby^="decision-"]');

/** A table of the review by the start of its caption. */
const reviewTable = (page: Page, caption: string) => page.getByRole('table', { name: new RegExp(`^${caption}`) });

async function tableRowCount(page: Page, caption: string): Promise<number> {
  const rows = reviewTable(page, caption).locator('tbody tr');
  const texts = await rows.allInnerTexts();
  return texts.length === 1 && texts[0]!.trim() === '該当なし' ? 0 : texts.length;
}

describe('四半期レビュー (HQ, viewer, dashboard as of a closed quarter)', { timeout: E2E_TIMEOUT }, () => {
  it('HQ opens the review page: the default quarter goes into the URL; the quarter is not closed yet', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}`);
      await waitForSettled(page);
      await page.getByRole('navigation', { name: '団体のページ' }).getByRole('link', { name: '四半期レビュー' }).click();
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}/review` && u.searchParams.get('quarter') === target.value);
      await waitForSettled(page);
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('四半期レビュー');
      expect(await page.getByText('締めた四半期はまだありません。').count()).toBe(1);
      expect(await page.getByText('議会報告（PDF・Excel・CSV）は四半期を締めると出力できます。').count()).toBe(1);
      // The close form offers the ended quarter, newest first.
      expect(await page.getByLabel('締める四半期').inputValue()).toBe(target.value);
      expectClean(w, 'review (not closed)');
    } finally {
      await w.close();
    }
  });

  it('HQ closes the quarter with the keyboard; summary and lists match the API review; axe clean', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + reviewPath());
      await waitForSettled(page);
      // Keyboard only: from the 「表示」 button, Tab to the quarter select, Tab to the button, Enter.
      await page.getByRole('button', { name: '表示', exact: true }).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('close-quarter');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent?.trim())).toBe('四半期を締める');
      await page.keyboard.press('Enter');
      // Issue 19: closing asks first (focus on the confirmation), and nothing is closed until confirmed.
      const question = page.getByRole('group', { name: `${target.label}を締めますか？` });
      await question.waitFor({ state: 'visible' });
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('close-quarter-confirm');
      expect(await e2e.api<any[]>(`/api/bodies/${e2e.bodyId}/quarters`)).toEqual([]);
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: `${target.label}を締めました。` }).waitFor({ state: 'visible' });
      // … and the page stays on the closed quarter: the selector is not moved on to an older quarter.
      expect(new URL(page.url()).searchParams.get('quarter')).toBe(target.value);
      expect(await page.getByLabel('締める四半期').inputValue()).toBe('');
      expect(await page.getByRole('button', { name: '四半期を締める' }).isDisabled()).toBe(true);

      const list = page.getByRole('table', { name: '締めた四半期（新しい順）' });
      await list.waitFor({ state: 'visible' });
      const row = list.locator('tbody tr', { hasText: target.label });
      expect(await row.innerText()).toContain('締め済み');
      expect(await row.innerText()).toContain('demo-hq');

      const closed = await e2e.api<any[]>(`/api/bodies/${e2e.bodyId}/quarters`);
      expect(closed.map((q) => [q.fiscalYear, q.quarter, q.status])).toEqual([[target.fiscalYear, target.quarter, 'closed']]);

      // The review as the API computes it.
      const review = await e2e.api<any>(`/api/bodies/${e2e.bodyId}/quarters/${target.fiscalYear}/${target.quarter}/review`);
      expect(review.quarter.source).toBe('snapshot');
      await page.locator('#review-summary-text').waitFor({ state: 'visible' });
      expect((await page.locator('#review-summary-text').innerText()).trim()).toBe(review.summary);
      expect(review.summary).toMatch(/要対応/);
      // Issue 19: every item the council PDF lists (the closed quarter's 要対応, continuing delays included) has a
      // 対応方針 box, not only the items that changed.
      const frozen = await e2e.api<any>(`/api/bodies/${e2e.bodyId}/quarters/${target.fiscalYear}/${target.quarter}`);
      const decisionsRegion = page.getByRole('region', { name: '対応方針' });
      await decisionsRegion.locator('textarea').first().waitFor({ state: 'visible' });
      expect(frozen.data.dashboard.attention.length).toBeGreaterThan(review.newlyLate.length);
      for (const a of frozen.data.dashboard.attention) {
        expect(await decisionsRegion.getByRole('link', { name: a.title, exact: true }).count(), a.title).toBeGreaterThan(0);
      }
      expect(await decisionsRegion.locator('textarea').count()).toBeGreaterThanOrEqual(frozen.data.dashboard.attention.length);
      const counts: [string, number][] = [
        ['新たに要対応になった取組', review.newlyLate.length],
        ['新たに完了した取組', review.newlyDone.length],
        ['要対応から回復した取組', review.recovered.length],
        ['予定日が遅れたマイルストーン', review.slippedMilestones.length],
        ['値が動いた指標', review.kpiMoves.length],
        ['国の期限を過ぎたマイルストーン', review.deadlinesPassed.length],
        ['今後2四半期', review.deadlinesDueSoon.length],
        ['今期（', review.unreportedSections.length],
        ['今期の計画変更', review.planChanges.length],
        ['今期の目標値の変更', review.targetChanges.length],
      ];
      for (const [caption, n] of counts) expect(await tableRowCount(page, caption), caption).toBe(n);
      // The demo has movements to show: names appear in their tables.
      expect(review.kpiMoves.length).toBeGreaterThan(0);
      const kpiTable = reviewTable(page, '値が動いた指標');
      for (const k of review.kpiMoves) {
        const text = await kpiTable.locator('tbody tr', { hasText: k.name }).innerText();
        expect(text).toContain(k.movementLabel);
      }
      for (const i of review.newlyLate) expect(await reviewTable(page, '新たに要対応になった取組').innerText()).toContain(i.title);
      for (const d of review.deadlinesPassed) expect(await reviewTable(page, '国の期限を過ぎたマイルストーン').innerText()).toContain(d.milestoneTitle);
      for (const s of review.unreportedSections) expect(await reviewTable(page, '今期（').innerText()).toContain(s.sectionName);
      // Empty lists say so in Japanese (the demo's closed quarter has some).
      const empty = counts.filter(([, n]) => n === 0);
      expect(empty.length, 'the demo review has an empty list').toBeGreaterThan(0);
      for (const [caption] of empty) expect((await reviewTable(page, caption).locator('tbody').innerText()).trim(), caption).toBe('該当なし');

      await screenshot(page, 'review-hq-closed');
      await expectNoSeriousAxe(page, '四半期レビュー（締め済み）');
      expectClean(w, 'review (closed)');
    } finally {
      await w.close();
    }
  });

  it('HQ writes a 対応方針 with the keyboard; it is saved and still there after a reload', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + reviewPath());
      await waitForSettled(page);
      const group = decisionGroups(page).first();
      await group.waitFor({ state: 'visible' });
      const title = (await group.getByRole('heading', { level: 3 }).innerText()).trim();
      // From the item link in the group's heading: Tab to the text field, type, Tab to 保存, Enter.
      await group.getByRole('link').first().focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.tagName)).toBe('TEXTAREA');
      await page.keyboard.type(DECISION);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await group.getByRole('status').filter({ hasText: '保存しました' }).waitFor({ state: 'visible' });
      expect(await group.innerText()).toContain('demo-hq');

      const review = await e2e.api<any>(`/api/bodies/${e2e.bodyId}/quarters/${target.fiscalYear}/${target.quarter}/review`);
      expect(review.decisions.map((d: any) => d.decision)).toEqual([DECISION]);

      await page.reload();
      await waitForSettled(page);
      const again = decisionGroups(page).filter({ hasText: title }).first();
      expect(await again.getByLabel('対応方針').inputValue()).toBe(DECISION);
      expect(await again.innerText()).toContain('最終保存');
      await expectNoSeriousAxe(page, '四半期レビュー（対応方針）');
      expectClean(w, 'decisions');
    } finally {
      await w.close();
    }
  });

  it('HQ downloads the PDF, Excel and CSV through the page; each file opens and has the right content', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + reviewPath());
      await waitForSettled(page);
      const reports = page.getByRole('region', { name: '議会報告' });
      const files: Record<string, string> = {};
      for (const [label, ext] of [['PDF', 'pdf'], ['Excel', 'xlsx'], ['CSV', 'csv']] as const) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          reports.getByRole('button', { name: `${label}をダウンロード` }).click(),
        ]);
        const name = download.suggestedFilename();
        expect(name, `${label}: the server's Japanese file name (filename*)`).toBe(`${BODY_NAME}_${target.fiscalYear}年度第${target.quarter}四半期_議会報告.${ext}`);
        const path = join(downloadDir, `r.${ext}`);
        await download.saveAs(path);
        files[ext] = path;
        await reports.getByRole('status').filter({ hasText: `${label}をダウンロードしました：${name}` }).waitFor({ state: 'visible' });
      }

      const csv = readFileSync(files.csv!);
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csvText = csv.toString('utf8');
      expect(csvText).toContain(BODY_NAME);
      expect(csvText).toContain('\r\n');

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(files.xlsx!);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['概要', '取組一覧', 'マイルストーン', '指標']);
      const overview = workbook.getWorksheet('概要')!;
      const cells: string[] = [];
      overview.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? c.value))));
      expect(cells.join('\n')).toContain(BODY_NAME);

      const pdf = readFileSync(files.pdf!);
      expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', files.pdf!, '-'], { encoding: 'utf8' });
      expect(text).toContain(BODY_NAME);
      expect(text.replace(/\s+/g, ' ')).toContain(target.label);

      // The plain links point at the same API URLs and work with the session.
      const href = await reports.getByRole('link', { name: 'PDF' }).getAttribute('href');
      expect(href).toBe(`/api/bodies/${e2e.bodyId}/quarters/${target.fiscalYear}/${target.quarter}/report.pdf`);
      const res = await page.request.get(e2e.base + href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-disposition']).toContain("filename*=UTF-8''");
      expectClean(w, 'downloads');
    } finally {
      await w.close();
    }
  });

  it('a viewer sees the review and the saved 対応方針 read-only, with no close / reopen / decision controls', async () => {
    useSession(e2e.base, viewer.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + reviewPath());
      await waitForSettled(page);
      await page.locator('#review-summary-text').waitFor({ state: 'visible' });
      expect(await page.getByRole('button', { name: '四半期を締める' }).count()).toBe(0);
      expect(await page.getByLabel('締める四半期').count()).toBe(0);
      expect(await page.getByRole('button', { name: '締めを解除' }).count()).toBe(0);
      // Issue 19: no text about actions the viewer cannot take.
      const actionTexts = (await page.locator('main').innerText()).split('\n').filter((l) => /締めると|記録します|締められます/.test(l));
      expect(actionTexts).toEqual([]);
      expect(await page.locator('textarea').count()).toBe(0);
      expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: '対応方針' }).innerText()).toContain(DECISION);
      // Readers may download the council report.
      expect(await page.getByRole('button', { name: 'PDFをダウンロード' }).count()).toBe(1);
      await screenshot(page, 'review-viewer');
      await expectNoSeriousAxe(page, '四半期レビュー（閲覧者）');
      expectClean(w, 'review (viewer)');
    } finally {
      await w.close();
    }
  });

  it('the overview shows the closed quarter frozen after a live edit changed the live numbers', async () => {
    const snapshot = await e2e.api<any>(`/api/bodies/${e2e.bodyId}/quarters/${target.fiscalYear}/${target.quarter}`);
    const frozen = snapshot.data.dashboard.totals;
    const live = await e2e.api<any>(`/api/bodies/${e2e.bodyId}/dashboard`);
    // A live edit: HQ marks an open milestone done today.
    const open = live.timeline.flatMap((r: any) => r.milestones).find((m: any) => m.status === 'not_started' || m.status === 'in_progress');
    expect(open, 'the demo has an open milestone').toBeTruthy();
    const current = await getJson(`${e2e.base}/api/milestones/${open.id}`, hq.cookie);
    const patched = await fetch(`${e2e.base}/api/milestones/${open.id}`, {
      method: 'PATCH',
      headers: { cookie: hq.cookie, 'x-csrf-token': hq.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.version, status: 'done', actualDate: today }),
    });
    expect(patched.status).toBe(200);
    const after = (await e2e.api<any>(`/api/bodies/${e2e.bodyId}/dashboard`)).totals;
    expect(after.doneMilestones).toBe(live.totals.doneMilestones + 1);

    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      const milestonesText = (t: any) => `マイルストーン ${t.doneMilestones}/${t.applicableMilestones} 完了`;
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}?quarter=${target.value}`);
      await waitForSettled(page);
      const [y, m, d] = target.asOf.split('-').map(Number);
      const banner = page.getByRole('note', { name: '締めた四半期の表示' });
      expect(await banner.innerText()).toContain(`${target.label}（${y}年${m}月${d}日時点）の締め済みデータを表示しています`);
      const totals = page.getByRole('region', { name: '計画全体' });
      expect(await totals.innerText()).toContain(milestonesText(frozen));
      expect(milestonesText(frozen)).not.toBe(milestonesText(after));
      expect(await page.getByLabel('表示', { exact: true }).inputValue()).toBe(target.value);
      await screenshot(page, 'overview-closed-quarter');
      await expectNoSeriousAxe(page, '概要（締めた四半期）');

      // Other body pages keep the quarter in the sub-navigation.
      const nav = page.getByRole('navigation', { name: '団体のページ' });
      expect(await nav.getByRole('link', { name: '指標' }).getAttribute('href')).toBe(`/bodies/${e2e.bodyId}/kpis?quarter=${target.value}`);

      // Back to the live view through the banner: the live numbers include the edit.
      await banner.getByRole('link', { name: '現在の状況を表示する' }).click();
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}` && !u.searchParams.has('quarter'));
      await waitForSettled(page);
      expect(await page.getByRole('note', { name: '締めた四半期の表示' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: '計画全体' }).innerText()).toContain(milestonesText(after));

      // Choosing the quarter again in the selector (keyboard-usable form) brings the frozen view back.
      await page.getByLabel('表示', { exact: true }).selectOption(target.value);
      await page.getByRole('button', { name: '切り替え' }).click();
      await page.waitForURL((u) => u.searchParams.get('quarter') === target.value);
      await waitForSettled(page);
      expect(await page.getByRole('region', { name: '計画全体' }).innerText()).toContain(milestonesText(frozen));
      expectClean(w, 'overview (closed quarter)');
    } finally {
      await w.close();
    }
  });

  it('HQ reopens the quarter only with a reason (confirmation step), and it is listed as 再開中', async () => {
    useSession(e2e.base, hq.token);
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + reviewPath());
      await waitForSettled(page);
      await page.getByRole('button', { name: '締めを解除' }).click();
      const reason = page.getByLabel('解除の理由（必須）');
      // The confirmation opens with the focus in the reason field; Escape cancels and returns to the button.
      expect(await reason.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
      await page.keyboard.press('Escape');
      expect(await page.getByLabel('解除の理由（必須）').count()).toBe(0);
      await page.getByRole('button', { name: '締めを解除' }).click();
      await page.getByRole('button', { name: '締めを解除する' }).click();
      expect(await page.getByRole('alert').filter({ hasText: '解除の理由を入力してください。' }).count()).toBe(1);
      expect((await e2e.api<any[]>(`/api/bodies/${e2e.bodyId}/quarters`))[0].status).toBe('closed');

      await page.getByLabel('解除の理由（必須）').fill('KPI実績値の訂正のため');
      await page.getByRole('button', { name: '締めを解除する' }).click();
      await page.getByRole('status').filter({ hasText: `${target.label}の締めを解除しました。` }).waitFor({ state: 'visible' });
      const row = page.getByRole('table', { name: '締めた四半期（新しい順）' }).locator('tbody tr', { hasText: target.label });
      await row.filter({ hasText: '再開中' }).waitFor({ state: 'visible' });
      expect(await row.innerText()).toContain('KPI実績値の訂正のため');
      const q = (await e2e.api<any[]>(`/api/bodies/${e2e.bodyId}/quarters`))[0];
      expect([q.status, q.reopenedBy, q.reopenReason]).toEqual(['reopened', 'demo-hq', 'KPI実績値の訂正のため']);
      // The reopened quarter can be closed again from the same form.
      expect(await page.getByLabel('締める四半期').inputValue()).toBe(target.value);
      await expectNoSeriousAxe(page, '四半期レビュー（再開中）');

      // Someone else closes it meanwhile: the page shows the server's Japanese refusal (409).
      const res = await fetch(`${e2e.base}/api/bodies/${e2e.bodyId}/quarters`, {
        method: 'POST',
        headers: { cookie: hq.cookie, 'x-csrf-token': hq.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ fiscalYear: target.fiscalYear, quarter: target.quarter }),
      });
      expect(res.status).toBe(201);
      await page.getByRole('button', { name: '四半期を締める' }).click();
      await page.locator('#close-quarter-confirm').click();
      const refused = page.getByRole('alert').filter({ hasText: `${target.label}はすでに締められています` });
      await refused.waitFor({ state: 'visible' });
      expectClean(w, 'reopen');
    } finally {
      await w.close();
    }
  });
});
