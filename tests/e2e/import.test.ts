/**
 * Excelで一括更新 (issue 8) in Chromium, as demo-officer (an officer of two sections of 上天草市):
 * - the unedited workbook → 「変更はありません」, 「反映する」 disabled; the preview URL survives a reload
 *   and 「別のファイルを選ぶ」 leads back;
 * - a workbook with bad rows (状況「保留」, 予定日 2025-02-30) → the problems are listed with シート, 行,
 *   列 and a Japanese message, 「反映する」 disabled;
 * - download the workbook through the UI, change 状況 and 実績日 of two milestones with exceljs, upload
 *   it through the file input, the preview lists exactly those 2 updates, apply (with the confirmation
 *   step), then the API shows exactly those milestones changed (versions in a fresh workbook) and the
 *   audit log has one entry per milestone with the note 「一括取込 #<id>（<file>）」.
 * axe (WCAG 2 A/AA, serious/critical) on every step; no request leaves the machine.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, login, type SignedIn } from '../helpers/server.ts';
import { axe, describeViolations, E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, screenshot, useSession, waitForSettled, type WatchedPage } from './browser.ts';
import { rowCells, startE2E, type E2E } from './setup.ts';

let e2e: E2E;
let officer: SignedIn;
let adminCookie = '';
let me: any;
let tmp = '';
/** Today in Japan as the server sees it: the latest allowed 実績日. */
let today = '';

const MILESTONE_HEADERS = ['ID', '版', '取組ID', '取組名', 'マイルストーン', '予定日', '実績日', '状況', '備考'] as const;
type MilestoneHeader = (typeof MILESTONE_HEADERS)[number];

beforeAll(async () => {
  e2e = await startE2E();
  adminCookie = (await login(e2e.base, 'demo-admin')).cookie;
  officer = await login(e2e.base, 'demo-officer');
  // The pages of this file are opened as the officer.
  useSession(e2e.base, officer.token);
  me = await getJson(`${e2e.base}/api/auth/me`, officer.cookie);
  today = (await getJson(`${e2e.base}/api/bodies/${e2e.bodyId}/my-updates`, officer.cookie)).asOf;
  tmp = mkdtempSync(join(tmpdir(), 'dx-import-e2e-'));
}, E2E_HOOK_TIMEOUT);

afterAll(async () => {
  await e2e?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, E2E_HOOK_TIMEOUT);

const importUrl = () => `${e2e.base}/bodies/${e2e.bodyId}/import`;
const ownSectionId = (): number => me.permissions.editableSectionIds[0];

async function expectNoSeriousAxe(page: Page, what: string): Promise<void> {
  const violations = await axe(page);
  expect(violations.length, `${what}: serious/critical axe violations:\n${describeViolations(violations)}`).toBe(0);
}

function expectClean(w: WatchedPage, what: string): void {
  expect(w.externalRequests, `${what}: requests to the internet`).toEqual([]);
  expect(w.pageErrors, `${what}: uncaught exceptions`).toEqual([]);
}

/** The officer's section workbook straight from the API (for the tests that do not test the download). */
async function fetchWorkbook(): Promise<Buffer> {
  const res = await fetch(`${e2e.base}/api/bodies/${e2e.bodyId}/workbook.xlsx?sectionId=${ownSectionId()}`, {
    headers: { cookie: officer.cookie },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

interface MilestoneSheet {
  sheet: ExcelJS.Worksheet;
  /** 1-based column of each header. */
  col: Record<MilestoneHeader, number>;
  /** Data rows (row numbers from 2) with their ID. */
  rows: { row: number; id: number }[];
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Plain text of a cell (rich text, formulas and dates included). */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v);
}

function milestoneSheet(wb: ExcelJS.Workbook): MilestoneSheet {
  const sheet = wb.getWorksheet('マイルストーン');
  if (!sheet) throw new Error(`no マイルストーン sheet: ${wb.worksheets.map((s) => s.name).join(', ')}`);
  const header = sheet.getRow(1);
  const col = {} as Record<MilestoneHeader, number>;
  header.eachCell((cell, n) => {
    const text = cellText(cell).trim();
    if ((MILESTONE_HEADERS as readonly string[]).includes(text) && !(text in col)) col[text as MilestoneHeader] = n;
  });
  for (const h of MILESTONE_HEADERS) if (!(h in col)) throw new Error(`マイルストーン sheet has no column ${h}`);
  const rows: { row: number; id: number }[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const id = Number(cellText(sheet.getRow(r).getCell(col.ID)));
    if (Number.isInteger(id) && id > 0) rows.push({ row: r, id });
  }
  return { sheet, col, rows };
}

/** Rows whose milestone is not finished yet (状況 not 完了/対象外, no 実績日). */
function openRows(ms: MilestoneSheet): { row: number; id: number; title: string }[] {
  return ms.rows
    .filter(({ row }) => {
      const r = ms.sheet.getRow(row);
      return !['完了', '対象外'].includes(cellText(r.getCell(ms.col['状況'])).trim()) && cellText(r.getCell(ms.col['実績日'])) === '';
    })
    .map(({ row, id }) => ({ row, id, title: cellText(ms.sheet.getRow(row).getCell(ms.col['マイルストーン'])) }));
}

function isoToExcelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

async function saveWorkbook(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(tmp, name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

/** Step 2 on the import page: choose the file, upload, wait for the preview (step 3). Returns the import id. */
async function uploadThroughUi(page: Page, path: string): Promise<number> {
  await page.getByLabel('編集したファイル（.xlsx または .csv）').setInputFiles(path);
  await page.getByRole('button', { name: 'アップロードして確認' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'ファイルを取り込めませんでした' });
  await Promise.race([
    page.waitForURL((u) => /\/import\/\d+$/.test(u.pathname), { timeout: 60_000 }),
    alert.waitFor({ state: 'visible', timeout: 60_000 }).then(async () => {
      throw new Error(`upload refused: ${await alert.innerText()}`);
    }),
  ]);
  const heading = page.getByRole('heading', { level: 2, name: /^確認結果/ });
  await heading.waitFor({ state: 'visible', timeout: 30_000 });
  // Focus moves to the result heading after the upload.
  await page.waitForFunction(() => (globalThis as any).document.activeElement?.id === 'import-result-heading', undefined, { timeout: 5_000 });
  return Number(new URL(page.url()).pathname.split('/').pop());
}

async function openImportPage(w: WatchedPage): Promise<Page> {
  const { page } = w;
  await page.goto(importUrl());
  await waitForSettled(page);
  expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('Excelで一括更新');
  return page;
}

describe('Excelで一括更新 (officer)', { timeout: E2E_TIMEOUT * 2 }, () => {
  it('offers the page in the body navigation, with the officer\'s own section preselected', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}`);
      await waitForSettled(page);
      await page.getByRole('navigation', { name: '団体のページ' }).getByRole('link', { name: 'Excelで一括更新' }).click();
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}/import`);
      await waitForSettled(page);
      const tab = page.getByRole('navigation', { name: '団体のページ' }).getByRole('link', { name: 'Excelで一括更新' });
      expect(await tab.getAttribute('aria-current')).toBe('page');
      expect(await page.getByLabel('対象').inputValue()).toBe(String(ownSectionId()));
      const link = page.getByRole('link', { name: /ダウンロード/ });
      expect(await link.getAttribute('href')).toBe(`/api/bodies/${e2e.bodyId}/workbook.xlsx?sectionId=${ownSectionId()}`);
      await page.getByLabel('対象').selectOption('');
      expect(await link.getAttribute('href')).toBe(`/api/bodies/${e2e.bodyId}/workbook.xlsx`);
      await screenshot(page, 'import-step1');
      await expectNoSeriousAxe(page, 'Excelで一括更新（ダウンロード・アップロード）');
      expectClean(w, 'import page');
    } finally {
      await w.close();
    }
  });

  it('a viewer has no such tab, and the page itself says the user may not update the plan', async () => {
    const viewer = await login(e2e.base, 'demo-viewer');
    useSession(e2e.base, viewer.token);
    const w = await openPage(e2e.browser);
    useSession(e2e.base, officer.token);
    try {
      const { page } = w;
      await page.goto(`${e2e.base}/bodies/${e2e.bodyId}`);
      await waitForSettled(page);
      expect(await page.getByRole('link', { name: 'Excelで一括更新' }).count()).toBe(0);
      await page.goto(importUrl());
      await waitForSettled(page);
      expect(await page.getByText('この団体の計画を更新する権限がありません。').count()).toBe(1);
      expect(await page.getByLabel('編集したファイル（.xlsx または .csv）').count()).toBe(0);
      expect(w.apiRequests.filter((u) => u.includes('/sections') || u.includes('/imports'))).toEqual([]);
      expectClean(w, 'viewer');
    } finally {
      await w.close();
    }
  });

  it('shows upload progress (bytes and %) on a slow line, cancels with 「中止」, and refuses other file types at once', async () => {
    const w = await openPage(e2e.browser);
    try {
      const page = await openImportPage(w);
      // Not a spreadsheet: refused before anything is sent, with the focus on the message.
      const txt = join(tmp, 'メモ.txt');
      writeFileSync(txt, 'これは表ではありません');
      await page.getByLabel('編集したファイル（.xlsx または .csv）').setInputFiles(txt);
      const refused = page.getByRole('alert').filter({ hasText: 'ファイルを取り込めませんでした' });
      await refused.waitFor({ state: 'visible' });
      expect(await refused.innerText()).toContain('.xlsx');
      expect(await page.getByRole('button', { name: 'アップロードして確認' }).isDisabled()).toBe(true);
      await page.waitForFunction(() => (globalThis as any).document.activeElement?.textContent?.trim() === 'ファイルを取り込めませんでした');

      // A 3 MB file on a 256 KB/s uplink: the progress bar moves, then 「中止」 aborts the request.
      const big = join(tmp, '大きいファイル.xlsx');
      writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 0x41));
      const cdp = await w.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
      await page.getByLabel('編集したファイル（.xlsx または .csv）').setInputFiles(big);
      expect(await refused.count()).toBe(0);
      await page.getByRole('button', { name: 'アップロードして確認' }).click();
      const progress = page.locator('progress#import-progress');
      await progress.waitFor({ state: 'visible' });
      await page.waitForFunction(() => Number((globalThis as any).document.querySelector('progress#import-progress')?.value ?? 0) > 0, undefined, { timeout: 20_000 });
      const text = await progress.locator('xpath=..').innerText();
      expect(text).toMatch(/\/ 3 MB（\d+%）/);
      expect(await page.getByRole('status').filter({ hasText: /アップロード中 \d+%/ }).count()).toBe(1);
      await screenshot(page, 'import-uploading');
      await expectNoSeriousAxe(page, 'アップロード中');
      await page.getByRole('button', { name: '中止' }).click();
      await page.getByText('アップロードを中止しました。ファイルを選び直すか').waitFor({ state: 'visible' });
      expect(await progress.count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe(`/bodies/${e2e.bodyId}/import`);
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      expectClean(w, 'progress and cancel');
    } finally {
      await w.close();
    }
  });

  it('the unedited workbook: 「変更はありません」, 「反映する」 disabled; reload and the way back work', async () => {
    const w = await openPage(e2e.browser);
    try {
      const page = await openImportPage(w);
      const path = join(tmp, '進捗管理表_未編集.xlsx');
      writeFileSync(path, await fetchWorkbook());
      const importId = await uploadThroughUi(page, path);
      expect(importId).toBeGreaterThan(0);
      const heading = page.getByRole('heading', { level: 2, name: /^確認結果/ });
      expect(await heading.innerText()).toContain('変更はありません');
      expect(await page.getByRole('button', { name: '反映する' }).isDisabled()).toBe(true);
      expect(await page.getByRole('table', { name: /新規・更新される行/ }).count()).toBe(0);
      expect(await page.getByRole('table', { name: /問題のある行/ }).count()).toBe(0);
      await screenshot(page, 'import-no-changes');
      await expectNoSeriousAxe(page, '確認（変更なし）');

      // The preview has its own URL: a reload shows it again.
      await page.reload();
      await waitForSettled(page);
      expect(await page.getByRole('heading', { level: 2, name: /^確認結果/ }).innerText()).toContain('変更はありません');
      // No dead end: 「別のファイルを選ぶ」 goes back to step 1–2.
      await page.getByRole('link', { name: '別のファイルを選ぶ' }).click();
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}/import`);
      await page.getByLabel('編集したファイル（.xlsx または .csv）').waitFor({ state: 'visible' });
      // … and the browser's back button returns to the preview.
      await page.goBack();
      await page.waitForURL((u) => u.pathname === `/bodies/${e2e.bodyId}/import/${importId}`);
      await page.getByRole('heading', { level: 2, name: /^確認結果/ }).waitFor({ state: 'visible' });
      expectClean(w, 'no changes');
    } finally {
      await w.close();
    }
  });

  it('a workbook with bad rows: each problem listed with シート, 行, 列 and a Japanese message; 「反映する」 disabled', async () => {
    const w = await openPage(e2e.browser);
    try {
      const page = await openImportPage(w);
      const wb = await loadWorkbook(await fetchWorkbook());
      const ms = milestoneSheet(wb);
      const [a, b] = ms.rows;
      if (!a || !b) throw new Error('the officer\'s workbook needs two milestone rows');
      ms.sheet.getRow(a.row).getCell(ms.col['状況']).value = '保留';
      ms.sheet.getRow(b.row).getCell(ms.col['予定日']).value = '2025-02-30';
      const path = await saveWorkbook(wb, '進捗管理表_誤り.xlsx');
      await uploadThroughUi(page, path);

      expect(await page.getByRole('heading', { level: 2, name: /^確認結果/ }).innerText()).toContain('問題があるため反映できません');
      expect(await page.getByRole('button', { name: '反映する' }).isDisabled()).toBe(true);
      const table = page.getByRole('table', { name: /問題のある行/ });
      expect(await table.locator('thead th').allInnerTexts()).toEqual(['シート', '行', '列', '内容']);
      const rows = await Promise.all((await table.locator('tbody tr').all()).map((r) => rowCells(r)));
      const find = (row: number, label: string) => rows.find((c) => c[0] === 'マイルストーン' && c[1] === String(row) && c[2]?.includes(label));
      const status = find(a.row, '状況');
      const planned = find(b.row, '予定日');
      expect(status, `no problem for 状況 in row ${a.row}: ${JSON.stringify(rows)}`).toBeDefined();
      expect(planned, `no problem for 予定日 in row ${b.row}: ${JSON.stringify(rows)}`).toBeDefined();
      expect(status![2]).toContain(columnLetter(ms.col['状況']));
      expect(planned![2]).toContain(columnLetter(ms.col['予定日']));
      for (const cells of [status!, planned!]) {
        expect(cells[3]).toContain('エラー');
        expect(cells[3]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/); // a Japanese message
      }
      await screenshot(page, 'import-problems');
      await expectNoSeriousAxe(page, '確認（問題あり）');
      expectClean(w, 'bad rows');
    } finally {
      await w.close();
    }
  });

  it('download through the UI, edit two milestones, upload, review exactly those 2 updates, apply; API and audit agree', async () => {
    const w = await openPage(e2e.browser);
    try {
      const page = await openImportPage(w);
      // 1. Download through the UI (the officer's section is preselected).
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /ダウンロード/ }).click()]);
      expect(download.suggestedFilename()).toMatch(/^進捗管理表_上天草市_\d{4}-\d{2}-\d{2}\.xlsx$/);
      const downloaded = join(tmp, 'downloaded.xlsx');
      await download.saveAs(downloaded);
      const original = await loadWorkbook(readFileSync(downloaded));
      expect(original.worksheets.filter((s) => s.state === 'visible').map((s) => s.name).slice(0, 4)).toEqual(['取組', 'マイルストーン', '指標値', '記入方法']);
      const originalMs = milestoneSheet(original);
      const versionOf = (sheet: MilestoneSheet, row: number) => cellText(sheet.sheet.getRow(row).getCell(sheet.col['版']));
      const before = new Map(originalMs.rows.map(({ row, id }) => [id, versionOf(originalMs, row)]));

      // 2. Edit 状況 and 実績日 of two unfinished milestones programmatically.
      const wb = await loadWorkbook(readFileSync(downloaded));
      const ms = milestoneSheet(wb);
      const targets = openRows(ms).slice(0, 2);
      if (targets.length < 2) throw new Error('the officer\'s section needs two unfinished milestones');
      for (const t of targets) {
        const row = ms.sheet.getRow(t.row);
        row.getCell(ms.col['状況']).value = '完了';
        row.getCell(ms.col['実績日']).value = isoToExcelDate(today);
      }
      const fileName = '進捗管理表_編集済み.xlsx';
      const path = await saveWorkbook(wb, fileName);

      // 3. Upload through the file input and review.
      const importId = await uploadThroughUi(page, path);
      expect(await page.getByRole('heading', { level: 2, name: /^確認結果/ }).innerText()).toContain('反映できます');
      const summary = await page.getByRole('list', { name: '件数' }).innerText();
      expect(summary.replace(/\s+/g, '')).toContain('更新2件');
      expect(summary.replace(/\s+/g, '')).toContain('新規0件');
      expect(await page.getByRole('table', { name: /問題のある行/ }).count()).toBe(0);
      const changes = page.getByRole('table', { name: /新規・更新される行/ });
      expect(await changes.locator('thead th').allInnerTexts()).toEqual(['シート', '行', '種類', '対象', '項目: 変更前 → 変更後']);
      const rows = await Promise.all((await changes.locator('tbody tr').all()).map((r) => rowCells(r)));
      expect(rows).toHaveLength(2);
      for (const t of targets) {
        const cells = rows.find((c) => c[1] === String(t.row));
        expect(cells, `change for row ${t.row}: ${JSON.stringify(rows)}`).toBeDefined();
        expect(cells![0]).toBe('マイルストーン');
        expect(cells![2]).toBe('マイルストーンの更新');
        expect(cells![3]).toBe(t.title);
        expect(cells![4]).toContain('状況');
        expect(cells![4]).toContain('完了');
        expect(cells![4]).toContain('実績日');
      }
      await screenshot(page, 'import-preview');
      await expectNoSeriousAxe(page, '確認（反映できます）');

      // 4. Apply, with the confirmation step.
      await page.getByRole('button', { name: '反映する' }).click();
      const confirm = page.getByRole('button', { name: '反映を確定する' });
      await confirm.waitFor({ state: 'visible' });
      await expectNoSeriousAxe(page, '反映の確認');
      await confirm.click();
      const done = page.getByRole('heading', { level: 3, name: '反映しました' });
      await done.waitFor({ state: 'visible', timeout: 30_000 });
      await page.waitForFunction(() => (globalThis as any).document.activeElement?.textContent?.trim() === '反映しました');
      const result = await done.locator('xpath=..').innerText();
      expect(result).toContain('新規 0件・更新 2件');
      expect(result).toContain(`一括取込 #${importId}`);
      expect(await page.getByRole('heading', { level: 2, name: /^確認結果/ }).innerText()).toContain('反映済み');
      expect(await page.getByRole('table', { name: /新規・更新した行/ }).count()).toBe(1);
      await screenshot(page, 'import-applied');
      await expectNoSeriousAxe(page, '反映しました');

      // 5. Exactly those milestones changed: in a fresh workbook only their 版 moved.
      for (const t of targets) {
        const m = await getJson(`${e2e.base}/api/milestones/${t.id}`, officer.cookie);
        expect(m.status).toBe('done');
        expect(m.actualDate).toBe(today);
      }
      const fresh = milestoneSheet(await loadWorkbook(await fetchWorkbook()));
      const changedIds = fresh.rows
        .filter(({ row, id }) => before.get(id) !== versionOf(fresh, row))
        .map((r) => r.id)
        .sort((x, y) => x - y);
      expect(changedIds).toEqual(targets.map((t) => t.id).sort((x, y) => x - y));

      // 6. Audited: one entry per milestone, with the import's note.
      const log = await getJson(`${e2e.base}/api/bodies/${e2e.bodyId}/audit?pageSize=100`, adminCookie);
      const entries = (log.items as any[]).filter((e) => String(e.note).includes(`一括取込 #${importId}`));
      const described = JSON.stringify(entries.map((e) => [e.entity, e.entityId, e.action]));
      // Plan rows changed by the import: exactly the two milestones (the import record itself may be logged too).
      const planEntries = entries.filter((e) => e.entity !== 'imports');
      expect(planEntries.map((e) => [e.entity, e.entityId, e.action]).sort((x, y) => x[1] - y[1]), described).toEqual(
        targets.map((t) => ['milestones', t.id, 'update']).sort((x, y) => (x[1] as number) - (y[1] as number)),
      );
      for (const e of planEntries) {
        expect(e.note).toContain(fileName);
        expect(e.username).toBe('demo-officer');
      }

      // 7. Applying the same import again is refused; the page then says it was applied.
      const again = await page.request.post(`${e2e.base}/api/imports/${importId}/apply`, {
        headers: { 'x-csrf-token': officer.csrfToken, 'content-type': 'application/json' },
        data: {},
      });
      expect(again.status()).toBe(409);
      await page.reload();
      await waitForSettled(page);
      expect(await page.getByRole('heading', { level: 2, name: /^確認結果/ }).innerText()).toContain('反映済み');
      expect(await page.getByRole('button', { name: '反映する' }).count()).toBe(0);
      expectClean(w, 'apply');
    } finally {
      await w.close();
    }
  });

  it('a workbook exported before someone else changed a row: the conflict is shown and nothing is applied', async () => {
    const w = await openPage(e2e.browser);
    try {
      const page = await openImportPage(w);
      const wb = await loadWorkbook(await fetchWorkbook());
      const ms = milestoneSheet(wb);
      const [a, b] = openRows(ms);
      if (!a || !b) throw new Error('needs two unfinished milestones');
      for (const t of [a, b]) ms.sheet.getRow(t.row).getCell(ms.col['備考']).value = `一括更新のテスト ${t.id}`;
      const path = await saveWorkbook(wb, '進捗管理表_競合.xlsx');
      await uploadThroughUi(page, path);
      expect(await page.getByRole('heading', { level: 2, name: /^確認結果/ }).innerText()).toContain('反映できます');

      // Someone changes milestone `a` in the app after the dry run.
      const current = await getJson(`${e2e.base}/api/milestones/${a.id}`, officer.cookie);
      const patched = await fetch(`${e2e.base}/api/milestones/${a.id}`, {
        method: 'PATCH',
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': 'application/json', origin: e2e.base },
        body: JSON.stringify({ version: current.version, note: 'アプリで先に更新' }),
      });
      expect(patched.status).toBe(200);

      await page.getByRole('button', { name: '反映する' }).click();
      await page.getByRole('button', { name: '反映を確定する' }).click();
      const failed = page.getByRole('heading', { level: 3, name: /反映できませんでした/ });
      await failed.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await failed.innerText()).toContain('何も変更されていません');
      // The fresh dry run replaces the stored one: the conflict is listed.
      const table = page.getByRole('table', { name: /問題のある行/ });
      const rows = await Promise.all((await table.locator('tbody tr').all()).map((r) => rowCells(r)));
      expect(rows.some((c) => c[1] === String(a.row) && c[3]?.includes('競合')), JSON.stringify(rows)).toBe(true);
      expect(await page.getByRole('button', { name: '反映する' }).isDisabled()).toBe(true);
      // Nothing applied: b's 備考 is unchanged.
      const mb = await getJson(`${e2e.base}/api/milestones/${b.id}`, officer.cookie);
      expect(mb.note).not.toBe(`一括更新のテスト ${b.id}`);
      await screenshot(page, 'import-conflict');
      await expectNoSeriousAxe(page, '反映できませんでした（競合）');
      expectClean(w, 'conflict');
    } finally {
      await w.close();
    }
  });

  it('CSV round trip: the マイルストーン CSV downloaded from the page, saved as Shift_JIS (as Excel does), one 備考 edited → 1 update', async () => {
    const w = await openPage(e2e.browser);
    try {
      const page = await openImportPage(w);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'マイルストーン', exact: true }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const saved = join(tmp, 'milestones-utf8.csv');
      await download.saveAs(saved);
      const text = readFileSync(saved, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff); // UTF-8 with BOM
      const records: string[][] = parseCsv(text.slice(1), { relax_column_count: true });
      const header = records[0]!;
      const noteCol = header.indexOf('備考');
      const titleCol = header.indexOf('マイルストーン');
      expect(noteCol, header.join(',')).toBeGreaterThanOrEqual(0);
      const target = records[1]!;
      const note = '住民説明会の日程を調整中（CSVで更新）';
      target[noteCol] = note;
      const path = join(tmp, '進捗管理表_マイルストーン_SJIS.csv');
      writeFileSync(path, iconv.encode(stringifyCsv(records, { record_delimiter: 'windows' }), 'Shift_JIS'));

      await uploadThroughUi(page, path);
      expect(await page.getByRole('heading', { level: 2, name: /^確認結果/ }).innerText()).toContain('反映できます');
      const summary = page.getByRole('region', { name: /^確認結果/ });
      expect(await summary.innerText()).toContain('Shift_JIS');
      const changes = page.getByRole('table', { name: /新規・更新される行/ });
      const rows = await Promise.all((await changes.locator('tbody tr').all()).map((r) => rowCells(r)));
      expect(rows, JSON.stringify(rows)).toHaveLength(1);
      expect(rows[0]![1]).toBe('2'); // the first data row
      expect(rows[0]![3]).toBe(target[titleCol]);
      expect(rows[0]![4]).toContain('備考');
      expect(rows[0]![4]).toContain(note);
      await expectNoSeriousAxe(page, '確認（CSV）');
      expectClean(w, 'csv');
    } finally {
      await w.close();
    }
  });
});
