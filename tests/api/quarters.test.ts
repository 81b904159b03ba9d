/**
 * 四半期の締め・レビュー・議会報告 on the demo data (today = 2026-11-23, FY2026 Q3): HQ closes Q1 and
 * Q2 of 上天草市; a closed snapshot never changes with live edits; reopening needs a reason and is
 * audited; the review of Q2 against Q1; the three exports read back equal the API's data.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { localBodies, milestones, planItems, plans } from '../../server/db/schema.ts';
import { reviewSummary } from '../../server/domain/quarter-review.ts';
import { CSV_HEADER, DEADLINE_HEADER } from '../../server/services/quarter-exports.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { parseCsv } from '../helpers/csv.ts';

let t: TestApp;
let bodyId: number;
const base = () => `/api/bodies/${bodyId}/quarters`;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
});
afterAll(async () => {
  await t?.close();
});

/** An open milestone of the body (not done), planned in the future of Q1. */
function openMilestone() {
  return t.db
    .select({ m: milestones })
    .from(milestones)
    .innerJoin(planItems, eq(planItems.id, milestones.itemId))
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(and(eq(plans.bodyId, bodyId), eq(milestones.status, 'not_started'), isNull(milestones.actualDate)))
    .all()
    .map((r) => r.m)
    .find((m) => m.plannedDate > '2026-07-01')!;
}

describe('closing a quarter', () => {
  it('refuses a quarter that has not ended, and anyone but HQ', async () => {
    const res = await t.as('hq').inject({ method: 'POST', url: base(), payload: { fiscalYear: 2026, quarter: 3 } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'QUARTER_NOT_ENDED' });
    expect(res.json().message).toContain('2026年度 第3四半期はまだ終わっていません');
    expect((await t.as('officer').inject({ method: 'POST', url: base(), payload: { fiscalYear: 2026, quarter: 1 } })).statusCode).toBe(403);
  });

  it('freezes the quarter: later live edits never change it; a second close is 409', async () => {
    const res = await t.as('hq').inject({ method: 'POST', url: base(), payload: { fiscalYear: 2026, quarter: 1 } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fiscalYear: 2026, quarter: 1, label: '2026年度 第1四半期', fiscalYearLabel: '2026年度（令和8年度）', asOf: '2026-06-30', status: 'closed', closedBy: 'demo-hq' });
    const dup = await t.as('hq').inject({ method: 'POST', url: base(), payload: { fiscalYear: 2026, quarter: 1 } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('QUARTER_ALREADY_CLOSED');

    const before = (await t.as('viewer').inject(`${base()}/2026/1`)).json();
    expect(before.data.asOf).toBe('2026-06-30');
    expect(before.data.dashboard.asOf).toBe('2026-06-30');
    expect(before.data.milestones.length).toBeGreaterThan(10);
    expect(before.data.kpis.length).toBeGreaterThan(0);
    // As of the last day: nothing finished after it counts as done.
    expect(before.data.milestones.every((m: { actualDate: string | null }) => m.actualDate === null || m.actualDate <= '2026-06-30')).toBe(true);

    // Live edit: slip a milestone by 30 days.
    const m = openMilestone();
    const patch = await t.as('hq').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, plannedDate: addDays(m.plannedDate, 30), replanReason: '調達の遅れ' } });
    expect(patch.statusCode, patch.body).toBe(200);
    const after = (await t.as('viewer').inject(`${base()}/2026/1`)).json();
    expect(after.data).toEqual(before.data);
    expect(after.data.milestones.find((x: { id: number }) => x.id === m.id).plannedDate).toBe(m.plannedDate);

    const list = (await t.as('viewer').inject(base())).json();
    expect(list.map((q: { label: string }) => q.label)).toEqual(['2026年度 第1四半期']);
  });

  it('reopening needs a reason, is HQ only and audited; the quarter can be closed again', async () => {
    expect((await t.as('hq').inject({ method: 'POST', url: `${base()}/2026/1/reopen`, payload: {} })).statusCode).toBe(400);
    expect((await t.as('hq').inject({ method: 'POST', url: `${base()}/2026/1/reopen`, payload: { reason: '   ' } })).statusCode).toBe(400);
    expect((await t.as('viewer').inject({ method: 'POST', url: `${base()}/2026/1/reopen`, payload: { reason: '訂正' } })).statusCode).toBe(403);
    const res = await t.as('hq').inject({ method: 'POST', url: `${base()}/2026/1/reopen`, payload: { reason: '市民課の報告漏れを反映するため' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'reopened', reopenedBy: 'demo-hq', reopenReason: '市民課の報告漏れを反映するため' });
    const audit = t.db.$client
      .prepare("SELECT username, action, body_id AS bodyId, after FROM audit_log WHERE entity = 'quarter_snapshots' ORDER BY id DESC LIMIT 1")
      .get() as { username: string; action: string; bodyId: number; after: string };
    expect(audit).toMatchObject({ username: 'demo-hq', action: 'update', bodyId });
    expect(JSON.parse(audit.after)).toMatchObject({ status: 'reopened', reopenReason: '市民課の報告漏れを反映するため' });
    expect((await t.as('hq').inject({ method: 'POST', url: `${base()}/2026/1/reopen`, payload: { reason: '再度' } })).statusCode).toBe(409);
    const again = await t.as('hq').inject({ method: 'POST', url: base(), payload: { fiscalYear: 2026, quarter: 1 } });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().status).toBe('closed');
  });
});

function addDays(d: string, n: number) {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
}

describe('review of Q2 against Q1', () => {
  let slipped: { id: number; plannedDate: string };
  beforeAll(async () => {
    // Q1 is closed (above, re-closed after reopening with the live data). Slip another milestone now.
    const m = openMilestone();
    slipped = { id: m.id, plannedDate: m.plannedDate };
    const patch = await t.as('hq').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, plannedDate: addDays(m.plannedDate, 45), replanReason: 'ベンダの体制変更' } });
    expect(patch.statusCode, patch.body).toBe(200);
    const close = await t.as('hq').inject({ method: 'POST', url: base(), payload: { fiscalYear: 2026, quarter: 2 } });
    expect(close.statusCode, close.body).toBe(201);
  });

  it('lists slipped milestones with days, deadlines, unreported sections, and the summary from the numbers', async () => {
    const res = await t.as('viewer').inject(`${base()}/2026/2/review`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.quarter).toMatchObject({ label: '2026年度 第2四半期', source: 'snapshot', asOf: '2026-09-30' });
    expect(r.previous).toMatchObject({ label: '2026年度 第1四半期', source: 'snapshot' });
    expect(r.slippedMilestones).toContainEqual(expect.objectContaining({ id: slipped.id, previousPlannedDate: slipped.plannedDate, slipDays: 45 }));
    // The standardization deadline (2026-03-31) has passed: open standardization items are listed.
    expect(r.deadlinesPassed.length).toBeGreaterThan(0);
    expect(r.deadlinesPassed.every((d: { daysLeft: number }) => d.daysLeft < 0)).toBe(true);
    expect(r.horizonEnd).toBe('2027-03-31');
    expect(r.summary).toBe(reviewSummary({ ...r.numbers, lateChangeByCategory: r.numbers.lateChangeByCategory }));
    expect(r.summary).toMatch(/要対応の取組/);
    expect(r.summary).toContain(`国の期限を超過しているマイルストーンは${r.deadlinesPassed.length}件です。`);
    // Each row names the milestone that answers the deadline.
    expect(r.deadlinesPassed).toContainEqual(expect.objectContaining({ milestoneTitle: '標準準拠システムへ移行', deadlineLabel: '国の期限' }));
    expect(r.newlyDone.length).toBe(r.numbers.newlyDone);
  });

  it('reviews a quarter that is not closed against the previous closed one, computed live', async () => {
    const r = (await t.as('viewer').inject(`${base()}/2026/3/review`)).json();
    expect(r.quarter.source).toBe('live');
    expect(r.previous).toMatchObject({ label: '2026年度 第2四半期', source: 'snapshot' });
  });

  it('HQ records a 対応方針 per item, kept with the snapshot', async () => {
    const q = (await t.as('viewer').inject(`${base()}/2026/2`)).json();
    const itemId = q.data.items[0].itemId;
    const res = await t.as('hq').inject({ method: 'PUT', url: `${base()}/2026/2/decisions`, payload: { itemId, decision: '事業者と協議し年度内に移行' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.as('officer').inject({ method: 'PUT', url: `${base()}/2026/2/decisions`, payload: { itemId, decision: 'x' } })).statusCode).toBe(403);
    const again = (await t.as('viewer').inject(`${base()}/2026/2`)).json();
    expect(again.decisions).toEqual([expect.objectContaining({ itemId, decision: '事業者と協議し年度内に移行', username: 'demo-hq' })]);
    const review = (await t.as('viewer').inject(`${base()}/2026/2/review`)).json();
    expect(review.decisions[0].decision).toBe('事業者と協議し年度内に移行');
  });
});

describe('council exports of a closed quarter', () => {
  it('CSV: BOM, CRLF, one row per milestone equal to the API data, Japanese filename', async () => {
    const res = await t.as('viewer').inject(`${base()}/2026/2/report.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('上天草市_2026年度第2四半期_議会報告.csv')}`);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    expect(text).toContain('\r\n');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_HEADER, ...DEADLINE_HEADER, '当初計画の予定日', '当初計画比（日）']);
    const q = (await t.as('viewer').inject(`${base()}/2026/2`)).json();
    const expected = q.data.milestones.map((m: Record<string, string | null>) => [
      '上天草市',
      m.categoryName,
      m.itemTitle,
      m.sectionName,
      m.title,
      m.plannedStartDate ?? '',
      m.plannedDate,
      m.actualStartDate ?? '',
      m.actualDate ?? '',
      m.statusLabel,
      m.deadlineTitle ?? '',
      m.deadlineLabel ?? '',
      m.deadlineDate ?? '',
      m.inBaseline ? (m.baselinePlannedDate ?? '') : '基準計画になし（後から追加）',
      m.baselineVarianceDays === null || m.baselineVarianceDays === undefined ? '' : String(m.baselineVarianceDays),
    ]);
    expect(rows.slice(1)).toEqual(expected);
    // 当初計画比: milestones of the adopted plan carry its date, those added later say so.
    expect(rows.slice(1).some((r) => r.at(-2) === '基準計画になし（後から追加）')).toBe(true);
    expect(rows.slice(1).some((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.at(-2) ?? ''))).toBe(true);
  });

  it('XLSX: four sheets, Japanese headers, real dates, frozen header, filters, widths; equal to the API data', async () => {
    const res = await t.as('viewer').inject(`${base()}/2026/2/report.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '取組一覧', 'マイルストーン', '指標']);
    const q = (await t.as('viewer').inject(`${base()}/2026/2`)).json();
    const ms = wb.getWorksheet('マイルストーン')!;
    expect(ms.getRow(1).getCell(1).value).toBe('団体');
    expect(ms.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ms.autoFilter).toBeTruthy();
    expect(ms.rowCount).toBe(q.data.milestones.length + 1);
    q.data.milestones.forEach((m: Record<string, string | null>, i: number) => {
      const row = ms.getRow(i + 2);
      expect(row.getCell(5).value).toBe(m.title);
      const planned = row.getCell(7).value as Date;
      expect(planned).toBeInstanceOf(Date);
      expect(planned.toISOString().slice(0, 10)).toBe(m.plannedDate);
      expect(row.getCell(10).value).toBe(m.statusLabel);
      expect(String(row.getCell(11).value)).toMatch(/^\d{4}年度（(令和|平成)/);
    });
    // Full-width text counts 2: the item title column is wider than its header.
    expect(ms.getColumn(3).width!).toBeGreaterThan(10);
    const kpi = wb.getWorksheet('指標')!;
    expect(kpi.rowCount).toBe(q.data.kpis.length + 1);
    expect(kpi.getRow(2).getCell(1).value).toBe(q.data.kpis[0].name);
    expect(kpi.getRow(2).getCell(7).value).toBe(q.data.kpis[0].targetValue);
    const items = wb.getWorksheet('取組一覧')!;
    expect(items.rowCount).toBe(q.data.items.length + 1);
    const summary = wb.getWorksheet('概要')!;
    expect(summary.getRow(2).getCell(2).value).toBe('上天草市');
    // 当初計画比: two columns after 差異（日）, and the counts on 概要.
    const header = (ms.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(11, 14)).toEqual(['差異（日）', '当初計画の予定日', '当初計画比（日）']);
    const late = q.data.milestones.findIndex((m: { baselineVarianceDays?: number | null }) => (m.baselineVarianceDays ?? 0) > 0);
    expect(ms.getRow(late + 2).getCell(14).value).toBe(q.data.milestones[late].baselineVarianceDays);
    const texts = summary.getColumn(2).values.map(String);
    expect(texts.some((v) => v.startsWith('当初計画（2022年3月31日）に対して遅れたマイルストーンは'))).toBe(true);
  });

  it('PDF: A4, the text (pdftotext) has the body, the quarter and the summary in Japanese', async () => {
    const res = await t.as('viewer').inject(`${base()}/2026/2/report.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    const review = (await t.as('viewer').inject(`${base()}/2026/2/review`)).json();
    expect(flat).toContain('上天草市');
    expect(flat).toContain('2026年度第2四半期');
    expect(flat).toContain(review.summary.replace(/\s+/g, ''));
    expect(flat).toContain('当初計画比（計画変更）');
    expect(flat).toContain('当初計画（2022年3月31日）に対して遅れたマイルストーンは');
    expect(flat).toContain('事業者と協議し年度内に移行');
    expect(text).toMatch(/1\s*\/\s*\d+/);
    const fonts = execFileSync('pdffonts', [join(dir, 'r.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansJP/);
  });

  it('a quarter that is not closed has no report', async () => {
    expect((await t.as('viewer').inject(`${base()}/2025/4/report.pdf`)).statusCode).toBe(404);
  });
});

describe('the summary sentence (pure)', () => {
  it('is the issue example from the numbers', () => {
    expect(
      reviewSummary({
        lateChange: 2,
        lateNow: 5,
        lateChangeByCategory: [
          { category: '標準化・共通化', change: 1 },
          { category: '行政手続のオンライン化', change: 1 },
        ],
        newlyDone: 3,
        newlyDoneLate: 1,
        pastDeadline: 1,
        dueSoon: 0,
        unreportedSections: 0,
      }),
    ).toBe(
      '前四半期と比べ、要対応の取組は2件増えて5件になりました。内訳は標準化1件増、オンライン化1件増です。' +
        'この四半期に新たに完了した取組は3件です（うち期限後完了1件）。国の期限を超過しているマイルストーンは1件です。',
    );
  });
  it('says 「ありません」 for zero cases, never 「0件」', () => {
    const s = reviewSummary({ lateChange: -1, lateNow: 0, lateChangeByCategory: [{ category: 'AI・RPA', change: -1 }], newlyDone: 0, newlyDoneLate: 0, pastDeadline: 0, dueSoon: 2, unreportedSections: 1 });
    expect(s).toBe(
      '前四半期と比べ、要対応の取組は1件減って0件になりました。内訳はAI・RPA1件減です。新たに完了した取組はありません。' +
        '国の期限を超過しているマイルストーンはありません。今後2四半期以内に国の期限を迎えるマイルストーンは2件です。今期の報告がない課は1課です。',
    );
  });
});
