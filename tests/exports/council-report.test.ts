/**
 * Issue 15, the council files (demo data; today 2027-01-10 so that Q3 of FY2026 can be closed after the
 * test adds an item with a long title and one planned day, and 40 KPIs):
 * - the council XLSX and the editing workbook print: per-cell number formats (取組数 is a number, not a
 *   date), A4 landscape, fit to one page wide, title row repeated, print area, header/footer with the
 *   body, the quarter and the page number, autofilter with `_xlnm._FilterDatabase` (checked in the
 *   files' XML; with LibreOffice, when `soffice` is installed — .ci/run installs it: converted to PDF,
 *   at most 2 A4 landscape pages per sheet, every cell as shown equal to the API, filters kept on re-save);
 * - the PDF: table headers repeated on each page, labels wrapped instead of cut with 「…」, no text under
 *   9 pt, the closing user's display name, an item with only a planned day drawn, dates in one style.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { categories, localBodies, plans, sections } from '../../server/db/schema.ts';
import { todayInJapan } from '../../server/domain/dates.ts';
import { formatOfficialDate, fiscalYearLabel } from '../../server/domain/wareki.ts';
import { showsVariance } from '../../server/domain/adherence.ts';
import { COUNTED_ITEMS_LABEL } from '../../server/services/quarter-exports.ts';
import { ganttRows, MIN_SPAN } from '../../server/services/quarter-report-pdf.ts';
import { READ_LIMITS } from '../../server/services/spreadsheet/limits.ts';
import { ZipFile } from '../../server/services/spreadsheet/zip.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const HAS_SOFFICE = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
const LONG_TITLE = '住民の皆さまが窓口に来なくても子育て・介護・引越しの手続をスマートフォンから一度に済ませられる「書かない・待たない・行かない」窓口の実現に向けた業務改革と庁内システムの連携基盤の整備';
const HQ_NAME = 'デモ DX推進本部（上天草市）';

let t: TestApp;
let bodyId: number;
let dir: string;
let pdf: Buffer;
let xlsx: Buffer;
let workbook: Buffer;
let quarter: { data: any; closedAt: string };

beforeAll(async () => {
  t = await createTestApp({ demo: true, today: '2027-01-10' });
  dir = mkdtempSync(join(tmpdir(), 'dx-council-'));
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
  const hq = t.as('hq');
  const planId = t.db.select().from(plans).where(eq(plans.bodyId, bodyId)).get()!.id;
  const sectionId = t.db.select().from(sections).where(and(eq(sections.bodyId, bodyId), eq(sections.name, '市民課'))).get()!.id;
  const categoryId = t.db.select().from(categories).get()!.id;
  const item = await hq.inject({ method: 'POST', url: `/api/plans/${planId}/items`, payload: { title: LONG_TITLE, categoryId, sectionId, targetFiscalYear: 2027 } });
  expect(item.statusCode, item.body).toBe(201);
  const ms = await hq.inject({ method: 'POST', url: `/api/items/${item.json().id}/milestones`, payload: { title: '窓口の業務分析', plannedDate: '2027-09-30' } });
  expect(ms.statusCode, ms.body).toBe(201);
  for (let i = 1; i <= 40; i++) {
    const k = await hq.inject({
      method: 'POST',
      url: `/api/bodies/${bodyId}/kpis`,
      payload: { name: `試験用の指標 ${i}（窓口の待ち時間など）`, unit: i % 2 ? '%' : '件', direction: 'higher', baselineValue: i * 1.5, baselineFiscalYear: 2022, targetValue: 1000 + i, targetFiscalYear: 2027 },
    });
    expect(k.statusCode, k.body).toBe(201);
  }
  const close = await hq.inject({ method: 'POST', url: `/api/bodies/${bodyId}/quarters`, payload: { fiscalYear: 2026, quarter: 3 } });
  expect(close.statusCode, close.body).toBe(201);
  quarter = (await hq.inject(`/api/bodies/${bodyId}/quarters/2026/3`)).json();
  pdf = (await hq.inject(`/api/bodies/${bodyId}/quarters/2026/3/report.pdf`)).rawPayload;
  xlsx = (await hq.inject(`/api/bodies/${bodyId}/quarters/2026/3/report.xlsx`)).rawPayload;
  workbook = (await hq.inject(`/api/bodies/${bodyId}/workbook.xlsx`)).rawPayload;
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The text of a zip entry of a workbook. */
async function part(file: Buffer, name: string): Promise<string> {
  const path = join(dir, `part-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, file);
  const zip = await ZipFile.open(path, READ_LIMITS);
  return (await zip.text(zip.entry(name)!)).replace(/&apos;/g, "'");
}

const pdfText = (file: Buffer, args: string[] = []) => {
  const path = join(dir, `r-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, file);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, path, '-'], { encoding: 'utf8' });
};

/** Font sizes set in the PDF's content streams (`/F1 9 Tf`), inflated. */
function fontSizes(file: Buffer): number[] {
  const sizes: number[] = [];
  const s = file.toString('latin1');
  for (let at = s.indexOf('stream'); at >= 0; at = s.indexOf('stream', at + 6)) {
    const start = at + (s[at + 6] === '\r' ? 8 : 7);
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const text = inflateSync(file.subarray(start, end)).toString('latin1');
      for (const m of text.matchAll(/\/F\d+\s+([\d.]+)\s+Tf/g)) sizes.push(Number(m[1]));
    } catch {
      /* not a deflated content stream (fonts, images) */
    }
    at = end;
  }
  return sizes;
}

describe('council workbook and editing workbook: how they print (in the files)', () => {
  it('per-cell number formats: 取組数 is a count, 基準日 a date in the one date style, KPI values in % show %', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as never);
    const summary = wb.getWorksheet('概要')!;
    const byLabel = new Map<string, ExcelJS.Cell>();
    summary.eachRow((r) => byLabel.set(String(r.getCell(1).value), r.getCell(2)));
    expect(byLabel.get(COUNTED_ITEMS_LABEL)!.value).toBe(quarter.data.dashboard.totals.itemCount);
    expect(byLabel.get(COUNTED_ITEMS_LABEL)!.numFmt).toBe('#,##0');
    expect(byLabel.get('基準日')!.value).toBeInstanceOf(Date);
    expect(byLabel.get('基準日')!.numFmt).toBe('[$-411]ggge"年（"yyyy"年）"m"月"d"日"');
    expect(byLabel.get('団体')!.numFmt ?? 'General').not.toMatch(/y/);
    const kpi = wb.getWorksheet('指標')!;
    const percentRow = quarter.data.kpis.findIndex((k: { unit: string }) => k.unit === '%') + 2;
    expect(kpi.getRow(percentRow).getCell(5).numFmt).toMatch(/"%"$/);
  });

  it.each([
    ['council', () => xlsx, ['概要', '取組一覧', 'マイルストーン', '指標'], `DX推進計画 進捗状況報告（2026年度 第3四半期）`],
    ['editing', () => workbook, ['取組', 'マイルストーン', '指標値', '記入方法'], `進捗管理表（2026年度 第4四半期）`],
  ] as const)('%s workbook: A4 landscape, fit to width, title row, print area, header/footer, filters with _xlnm._FilterDatabase', async (_name, file, sheets, center) => {
    const book = await part(file(), 'xl/workbook.xml');
    for (const [index, name] of sheets.entries()) {
      const sheet = await part(file(), `xl/worksheets/sheet${index + 1}.xml`);
      expect(sheet, name).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
      expect(sheet, name).toMatch(/<pageSetup [^>]*paperSize="9"/);
      expect(sheet, name).toMatch(/<pageSetup [^>]*orientation="landscape"/);
      expect(sheet, name).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
      expect(sheet, name).toMatch(/<pageSetup [^>]*fitToHeight="0"/);
      expect(sheet, name).toContain(`<oddHeader>&amp;L上天草市&amp;C${center}&amp;R&amp;A</oddHeader>`);
      expect(sheet, name).toMatch(/<oddFooter>.*&amp;C&amp;P \/ &amp;N<\/oddFooter>/);
      expect(book, name).toMatch(new RegExp(`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'${name}'!\\$1:\\$1</definedName>`));
      expect(book, name).toMatch(new RegExp(`<definedName name="_xlnm.Print_Area" localSheetId="${index}">'${name}'!\\$A\\$1:\\$[A-Z]+\\$\\d+</definedName>`));
      const filter = /<autoFilter ref="([A-Z0-9:]+)"/.exec(sheet)?.[1];
      if (filter) {
        const [from, to] = filter.split(':');
        expect(book, name).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="${index}">'${name}'!$${from!.replace(/(\d+)/, '$$$1')}:$${to!.replace(/(\d+)/, '$$$1')}</definedName>`);
      } else {
        expect(['概要', '記入方法']).toContain(name);
      }
    }
  });
});

describe.skipIf(!HAS_SOFFICE)('printed by LibreOffice (soffice headless)', () => {
  const soffice = (args: string[], out: string) => {
    const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args, '--outdir', out], { stdio: 'ignore', timeout: 180_000 });
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  };

  /** Sheet → [first, last] header of its table (both on every page: printed one page wide, title row repeated). */
  const COUNCIL: Record<string, [string, string] | null> = { 概要: ['項目', '内容'], 取組一覧: ['取組分野', '対応方針'], マイルストーン: ['団体', '差異（日）'], 指標: ['指標', '状況'] };
  const EDITING: Record<string, [string, string] | null> = { 取組: ['ID', '説明'], マイルストーン: ['ID', '実績開始日'], 指標値: ['ID', '備考'], 記入方法: null };

  it.each([
    ['council', () => xlsx, COUNCIL, 2],
    ['editing', () => workbook, EDITING, null],
  ] as const)('%s workbook → PDF: A4 landscape, one page wide with the header row and the page header on every page', { timeout: 240_000 }, async (name, file, sheets, maxPages) => {
    const out = mkdtempSync(join(dir, `${name}-pdf-`));
    writeFileSync(join(out, `${name}.xlsx`), file());
    soffice(['--convert-to', 'pdf', join(out, `${name}.xlsx`)], out);
    const path = join(out, `${name}.pdf`);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(info).toMatch(/Page size:\s+841\.8\d* x 595\.\d+ pts \(A4\)/);
    const perSheet = new Map<string, number>();
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(p), '-l', String(p), path, '-'], { encoding: 'utf8' });
      // The page header: the body on the left, the document in the centre, the sheet (&A) on the right.
      const head = text.split('\n').find((l) => l.trim())!.trim().split(/\s{2,}/);
      expect(head[0], `page ${p}`).toBe('上天草市');
      expect(text, `page ${p}`).toMatch(new RegExp(`${p}\\s*/\\s*${pages}`));
      const sheet = Object.keys(sheets).find((s) => head[head.length - 1] === s);
      expect(sheet, `page ${p}: ${text.slice(0, 200)}`).toBeDefined();
      perSheet.set(sheet!, (perSheet.get(sheet!) ?? 0) + 1);
      const columns = sheets[sheet!];
      if (columns) for (const h of columns) expect(text, `page ${p} (${sheet}): column ${h}`).toContain(h);
    }
    for (const s of Object.keys(sheets)) {
      expect(perSheet.get(s), `${name}: ${s} printed`).toBeGreaterThan(0);
      if (maxPages) expect(perSheet.get(s), `${name}: pages of ${s}`).toBeLessThanOrEqual(maxPages);
    }
    console.log(`${name} workbook printed by LibreOffice: ${pages} A4 landscape pages (${[...perSheet].map(([s, n]) => `${s} ${n}`).join(', ')})`);
  });

  it('council workbook: every cell, as LibreOffice shows it, reads as in the API', { timeout: 240_000 }, async () => {
    const out = mkdtempSync(join(dir, 'csv-'));
    writeFileSync(join(out, 'council.xlsx'), xlsx);
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', join(out, 'council.xlsx')], out);
    const sheet = (name: string) => parseCsv(readFileSync(join(out, `council-${name}.csv`), 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
    const d = quarter.data;
    const date = (x: string | null) => (x ? formatOfficialDate(x) : '');
    const count = (n: number | null) => (n === null ? '' : n.toLocaleString('en-US'));
    const ms = sheet('マイルストーン');
    expect(ms.slice(1)).toEqual(
      d.milestones.map((m: Record<string, any>) => [
        '上天草市', m.categoryName, m.itemTitle, m.sectionName, m.title,
        date(m.plannedStartDate), date(m.plannedDate), date(m.actualStartDate), date(m.actualDate), m.statusLabel,
        fiscalYearLabel(Number(m.plannedDate.slice(0, 4)) - (Number(m.plannedDate.slice(5, 7)) < 4 ? 1 : 0)),
        // 差異（日） only for milestones due or done (issue 12), then the deadline the milestone answers.
        showsVariance(m.adherenceKind) ? count(m.varianceDays) : '',
        // 当初計画比 (issue 13): the baseline's date (or 基準計画になし for a milestone added later) and 差異 against it.
        m.inBaseline ? date(m.baselinePlannedDate) : '基準計画になし（後から追加）',
        count(m.baselineVarianceDays ?? null),
        m.deadlineTitle ?? '', m.deadlineLabel ?? '', date(m.deadlineDate),
      ]),
    );
    const items = sheet('取組一覧');
    expect(items.slice(1).map((r) => [r[1], r[4], r[5], r[6], r[8], r[9]!.includes(date(null)) && (r[9] ?? '')])).toEqual(
      d.items.map((i: Record<string, any>) => [
        i.title, i.statusLabel, count(i.delayDays), date(i.plannedEnd), date(i.actualEnd),
        // Each deadline with the milestone that answers it and 国の期限 / 延長後の期限 (issue 12).
        (i.deadlines as { title: string; milestoneTitle: string; date: string; extended: boolean }[])
          .map((x) => `${x.title}：「${x.milestoneTitle}」、${x.extended ? '延長後の期限' : '国の期限'} ${date(x.date)}`)
          .join('\n'),
      ]),
    );
    const kpis = sheet('指標');
    const pct = (v: number | null, unit: string) => (v === null ? '' : unit === '%' ? `${Number.isInteger(v) ? v : v}%` : count(v));
    expect(kpis.slice(1).map((r) => [r[0], r[4], r[6], r[8]])).toEqual(
      d.kpis.map((k: Record<string, any>) => [k.name, pct(k.baselineValue, k.unit), pct(k.targetValue, k.unit), pct(k.value, k.unit)]),
    );
    const summary = new Map(sheet('概要').map((r) => [r[0], r[1]]));
    expect(summary.get(COUNTED_ITEMS_LABEL)).toBe(String(d.dashboard.totals.itemCount));
    expect(summary.get('基準日')).toBe(formatOfficialDate(d.asOf));
  });

  it('LibreOffice keeps the autofilters when it saves the council workbook again', { timeout: 240_000 }, async () => {
    const out = mkdtempSync(join(dir, 'resave-'));
    const src = join(out, 'src');
    writeFileSync(join(dir, 'council-src.xlsx'), xlsx);
    soffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', join(dir, 'council-src.xlsx')], out);
    void src;
    const saved = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('.xlsx'))!));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(saved as never);
    for (const name of ['取組一覧', 'マイルストーン', '指標']) expect(wb.getWorksheet(name)!.autoFilter, name).toBeTruthy();
  });
});

describe('council PDF', () => {
  it('no text under 9 pt', () => {
    const sizes = fontSizes(pdf);
    expect(sizes.length).toBeGreaterThan(50);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
  });

  it('a table that runs over a page repeats its header row on the next page', () => {
    const pages = pdfText(pdf).split('\f');
    const kpiPages = pages.filter((p) => /試験用の指標 \d+/.test(p));
    expect(kpiPages.length).toBeGreaterThanOrEqual(2);
    for (const p of kpiPages) for (const h of ['単位', '基準値', '目標値（年度）', '実績値（期間）', '状況']) expect(p).toContain(h);
  });

  it('a long item label is wrapped, not cut with 「…」; an item with one planned day is drawn', () => {
    const flat = pdfText(pdf).replace(/\s+/g, '');
    expect(flat).toContain(LONG_TITLE);
    expect(flat).not.toContain('…');
    const rows = ganttRows(quarter.data.dashboard.timeline, quarter.data.dashboard.range.startFiscalYear, quarter.data.dashboard.range.endFiscalYear, quarter.data.asOf);
    const planned = rows.find((r) => r.label.includes(LONG_TITLE))!;
    expect(planned.actual).toBeNull();
    expect(planned.planned!.to - planned.planned!.from).toBeGreaterThanOrEqual(MIN_SPAN - 1e-9);
    expect(planned.marks).toHaveLength(1);
  });

  it('names who closed the quarter by display name, and writes every date as 和暦 with 西暦', () => {
    const text = pdfText(pdf);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(`締め:${formatOfficialDate(todayInJapan(new Date(quarter.closedAt)))}${HQ_NAME.replace(/\s+/g, '')}`);
    expect(text).not.toContain('demo-hq');
    expect(flat).toContain(`基準日:${formatOfficialDate(quarter.data.asOf)}`);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
