/**
 * Issue 19 item 5: printing, through Chromium's own print to PDF (A4, the print CSS as a user gets it; page counts
 * with pdfinfo, text with pdftotext): 概要 on at most 2 pages, 指標 with 2 KPIs (chart and its table) per page, 工程表
 * labels wrapped onto two lines instead of cut with 「…」, a print date and page numbers, no user name in the printed
 * header. Charts are drawn again in the browser's beforeprint, so Chromium prints them as vector graphics and their
 * text (the 工程表's row labels) is in the PDF's text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_HOOK_TIMEOUT, E2E_TIMEOUT, openPage, waitForSettled } from './browser.ts';
import { startE2E, type E2E } from './setup.ts';

let e2e: E2E;
const dir = mkdtempSync(join(tmpdir(), 'dx-print-'));

beforeAll(async () => {
  e2e = await startE2E();
}, E2E_HOOK_TIMEOUT);
afterAll(async () => {
  await e2e?.stop();
}, E2E_HOOK_TIMEOUT);

/** Prints the page as the browser's print dialog would (A4, print media, backgrounds off); returns pages and text. */
async function printToPdf(page: Page, name: string): Promise<{ pages: number; text: string[] }> {
  // Every chart drawn (Chart.js loads its chunk on mount; a paper-only drawing too), then laid out for paper.
  await page.waitForFunction(() => {
    const doc = (globalThis as any).document;
    return [...doc.querySelectorAll('.chart-canvas canvas')].every((c: any) => c.hasAttribute('data-drawn'));
  });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => new Promise((r) => (globalThis as any).requestAnimationFrame(() => (globalThis as any).requestAnimationFrame(r))));
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
  return { pages, text: text.slice(0, pages) };
}

describe('print (A4, Chromium print to PDF)', { timeout: E2E_TIMEOUT }, () => {
  it('概要 prints on at most 2 pages, with 要対応 whole, a print date and page numbers, and no user name', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(`/bodies/${e2e.bodyId}`));
      await waitForSettled(page);
      const { pages, text } = await printToPdf(page, 'overview');
      console.log(`[issue 19] 概要: ${pages} A4 pages`);
      const dashboard = await e2e.dashboard();
      const me = await e2e.api<any>('/api/auth/me');
      // 要対応 whole: every item on one page.
      // (pdftotext loses the odd glyph of this machine's fallback font: match 6 characters from the title's middle.)
      const flat = text.map((t) => t.replace(/\s+/g, ''));
      const attentionPages = new Set(dashboard.attention.map((a: any) => flat.findIndex((t) => t.includes(a.title.replace(/\s+/g, '').slice(3, 9)))));
      expect(attentionPages.size, `要対応 on pages ${[...attentionPages].join(', ')}`).toBe(1);
      expect(attentionPages.has(-1)).toBe(false);
      // Print date and page numbers on paper; no user name, no account links.
      // (「印」 is one of the glyphs pdftotext loses here, see above.)
      expect(text[0]).toMatch(/印?刷日：令和\d+年（\d{4}年）\d+月\d+日/);
      for (const [i, t] of text.entries()) expect(t.replace(/\s+/g, '')).toContain(`${i + 1}/${pages}`);
      const header = text[0]!.split('\n').slice(0, 3).join('\n');
      expect(header).not.toContain(me.user.displayName);
      expect(text.join('')).not.toMatch(/ログアウト|パスワード変更/);
      expect(pages).toBeLessThanOrEqual(2);
    } finally {
      await w.close();
    }
  });

  it('指標 prints 2 KPIs per page, each with its chart and its data table', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(`/bodies/${e2e.bodyId}/kpis`));
      await waitForSettled(page);
      const kpis = (await e2e.dashboard()).kpis as { name: string; unit: string }[];
      const { pages, text } = await printToPdf(page, 'kpis');
      console.log(`[issue 19] 指標: ${kpis.length} KPIs on ${pages} A4 pages`);
      // The rule: two KPI blocks (facts, chart and its table) a page; the page's heading, notes and counts print on
      // the first page above the first two KPIs (no page of their own): ceil(n / 2) pages.
      expect(pages).toBe(Math.ceil(kpis.length / 2));
      const flat = text.map((t) => t.replace(/\s+/g, ''));
      for (const [i, k] of kpis.entries()) {
        const page = Math.floor(i / 2);
        expect(flat[page], `${k.name} on page ${page + 1}`).toContain(k.name.replace(/\s+/g, ''));
        // Its data table printed with it (closed 「表で見る」 on screen): the caption and the first period's row.
        expect(flat[page], `${k.name}'s table`).toContain(`${k.name}の推移（単位：${k.unit}）`.replace(/\s+/g, ''));
      }
      expect(flat.join('')).not.toContain('表で見る');
    } finally {
      await w.close();
    }
  });

  it('工程表 prints each row label whole, wrapped onto two lines, never cut with 「…」', async () => {
    const w = await openPage(e2e.browser);
    try {
      const { page } = w;
      await page.goto(e2e.base + e2e.at(`/bodies/${e2e.bodyId}/timeline`));
      await waitForSettled(page);
      const titles = ((await e2e.dashboard()).timeline as { title: string }[]).map((r) => r.title);
      // The paper drawing is never on screen (only the screen chart is seen and clicked).
      await page.locator('canvas.paper[data-drawn]').waitFor({ state: 'attached' });
      expect(await page.locator('canvas.paper').isVisible()).toBe(false);
      const { pages, text } = await printToPdf(page, 'timeline');
      console.log(`[issue 19] 工程表: ${titles.length} items on ${pages} A4 pages`);
      const lines = text.join('\n').split('\n').map((l) => l.trim());
      // No label (no line of the printed page) ends in 「…」.
      expect(lines.filter((l) => l.endsWith('…'))).toEqual([]);
      const flat = text.join('').replace(/\s+/g, '');
      // The longest title is there whole, over two lines (no single line holds it).
      const longest = [...titles].sort((a, b) => Array.from(b).length - Array.from(a).length)[0]!;
      expect(Array.from(longest).length, 'the demo has a long title').toBeGreaterThan(24);
      expect(flat).toContain(longest.replace(/\s+/g, ''));
      expect(lines.some((l) => l.replace(/\s+/g, '').includes(longest.replace(/\s+/g, '')))).toBe(false);
      // Every title is whole on paper.
      for (const t of titles) expect(flat, t).toContain(t.replace(/\s+/g, ''));
    } finally {
      await w.close();
    }
  });
});
