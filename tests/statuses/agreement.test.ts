/**
 * One status vocabulary everywhere (issue 12): the API (dashboard, item list, item detail, the closed
 * quarter), the council exports (XLSX, CSV, PDF) agree on every item's status and every count, for the
 * demo's 上天草市 (parents that roll up) and for a generated national body (seed/national). The web page
 * is checked against the same API in tests/e2e (overview and item pages).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { localBodies, quarterSnapshotPayloads } from '../../server/db/schema.ts';
import { ITEM_STATUSES, ITEM_STATUS_LABELS, type ItemStatus } from '../../server/domain/labels.ts';
import { COUNTED_ITEMS_LABEL, COUNTING_NOTE, VARIANCE_LEGEND } from '../../server/services/quarter-exports.ts';
import { generateNational } from '../../seed/national/generate.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, DEMO_AS_OF, type TestApp } from '../helpers/app.ts';
import { parseCsv } from '../helpers/csv.ts';

type Counts = Record<ItemStatus, number>;
type Row = { itemId: number; title: string; status: ItemStatus; statusLabel: string; countedStatus: ItemStatus | null; isGroup: boolean };
type Category = { name: string; counts: Counts; itemCount: number };

const FY = 2026;
const Q = 2;

async function agreement(t: TestApp, hq: string, bodyId: number) {
  const base = `/api/bodies/${bodyId}/quarters`;
  const closed = await t.as(hq).inject({ method: 'POST', url: base, payload: { fiscalYear: FY, quarter: Q } });
  expect(closed.statusCode, closed.body).toBe(201);
  const q = (await t.inject(`${base}/${FY}/${Q}`)).json();
  const dash = q.data.dashboard as { totals: Category; categories: Category[]; timeline: Row[] };

  // The API itself: counts are the counted statuses of the pieces of work, categories add up to the body.
  const counted = dash.timeline.flatMap((r) => (r.countedStatus === null ? [] : [r.countedStatus]));
  for (const s of ITEM_STATUSES) {
    expect(dash.totals.counts[s], s).toBe(counted.filter((c) => c === s).length);
    expect(dash.categories.reduce((n, c) => n + c.counts[s], 0), s).toBe(dash.totals.counts[s]);
  }
  expect(dash.totals.itemCount).toBe(counted.length);
  for (const r of dash.timeline) expect(r.statusLabel).toBe(ITEM_STATUS_LABELS[r.status]);

  // XLSX.
  const xlsx = await t.inject(`${base}/${FY}/${Q}/report.xlsx`);
  expect(xlsx.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const summary = new Map<string, string>();
  wb.getWorksheet('概要')!.eachRow((row, n) => n > 1 && summary.set(String(row.getCell(1).value), String(row.getCell(2).value ?? '')));
  expect(Number(summary.get(COUNTED_ITEMS_LABEL))).toBe(dash.totals.itemCount);
  expect(summary.get('状況の数え方')).toBe(COUNTING_NOTE);
  expect(summary.get('差異（日）の見方')).toBe(VARIANCE_LEGEND);
  const countText = (c: Counts) =>
    ITEM_STATUSES.filter((s) => c[s] > 0)
      .map((s) => `${ITEM_STATUS_LABELS[s]} ${c[s]}件`)
      .join('、');
  for (const c of dash.categories) expect(summary.get(`分野: ${c.name}`), c.name).toBe(countText(c.counts));
  const sheet = wb.getWorksheet('取組一覧')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const statusCol = header.indexOf('状況') + 1;
  const xlsxStatus = new Map<string, string>();
  sheet.eachRow((row, n) => n > 1 && xlsxStatus.set(String(row.getCell(2).value), String(row.getCell(statusCol).value)));
  for (const r of dash.timeline) expect(xlsxStatus.get(r.title), r.title).toBe(r.statusLabel);
  // 差異（日）: only for milestones due or done.
  const ms = wb.getWorksheet('マイルストーン')!;
  const msHeader = (ms.getRow(1).values as unknown[]).slice(1);
  const varianceCol = msHeader.indexOf('差異（日）') + 1;
  q.data.milestones.forEach((m: { adherenceKind: string; varianceDays: number }, i: number) => {
    const cell = ms.getRow(i + 2).getCell(varianceCol).value;
    if (m.adherenceKind === 'upcoming' || m.adherenceKind === 'not_applicable') expect(cell).toBeNull();
    else expect(cell).toBe(m.varianceDays);
  });

  // CSV: one row per milestone, the milestone status and the deadline it answers.
  const csv = parseCsv((await t.inject(`${base}/${FY}/${Q}/report.csv`)).rawPayload.toString('utf8').slice(1));
  expect(csv.slice(1).map((r) => [r[4], r[9], r[10], r[11], r[12]])).toEqual(
    q.data.milestones.map((m: Record<string, string | null>) => [m.title, m.statusLabel, m.deadlineTitle ?? '', m.deadlineLabel ?? '', m.deadlineDate ?? '']),
  );

  // PDF: the category table carries the same counts, under the same words.
  const pdf = await t.inject(`${base}/${FY}/${Q}/report.pdf`);
  const dir = mkdtempSync(join(tmpdir(), 'agree-'));
  writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  const shown = ITEM_STATUSES.filter((s) => dash.categories.some((c) => c.counts[s] > 0));
  const headerLine = text.split('\n').find((l) => l.trim().startsWith('分野') && l.includes('計'))!;
  expect(headerLine.trim().split(/\s+/)).toEqual(['分野', ...shown.map((s) => ITEM_STATUS_LABELS[s]), '計']);
  for (const c of dash.categories) {
    const line = text.split('\n').find((l) => l.trim().startsWith(c.name) && /\d\s*$/.test(l));
    expect(line, c.name).toBeDefined();
    const numbers = line!.trim().slice(c.name.length).trim().split(/\s+/).map(Number);
    expect(numbers, c.name).toEqual([...shown.map((s) => c.counts[s]), c.itemCount]);
  }
  return q;
}

/** The live API: dashboard timeline, item list and item detail say the same status for every item. */
async function liveAgreement(t: TestApp, bodyId: number) {
  const dash = (await t.inject(`/api/bodies/${bodyId}/dashboard?asOf=${DEMO_AS_OF}`)).json();
  const list = (await t.inject(`/api/bodies/${bodyId}/items?asOf=${DEMO_AS_OF}&pageSize=200`)).json();
  const byId = new Map(list.items.map((i: { id: number; status: string }) => [i.id, i.status]));
  for (const r of dash.timeline as Row[]) {
    expect(byId.get(r.itemId), r.title).toBe(r.status);
    const detail = (await t.inject(`/api/items/${r.itemId}?asOf=${DEMO_AS_OF}`)).json();
    expect(detail.status, r.title).toBe(r.status);
    for (const c of detail.children) expect(c.status).toBe(dash.timeline.find((x: Row) => x.itemId === c.id).status);
  }
  return dash;
}

describe('the demo’s 上天草市', () => {
  let t: TestApp;
  let bodyId: number;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
  });
  afterAll(async () => t?.close());

  // The council PDF and XLSX are made by a worker thread (started for them): generous on a loaded machine.
  it('API, XLSX, CSV and PDF agree on every status and count', { timeout: 120_000 }, async () => {
    const q = await agreement(t, 'demo-hq', bodyId);
    // Parents roll up in every output: オンライン化 is not 完了 while its children are late.
    const online = q.data.items.find((i: { title: string }) => i.title === '自治体の行政手続のオンライン化');
    expect(online.status).not.toBe('done');
    await liveAgreement(t, bodyId);
  });

  it('tells a council member nothing false: no item is past a deadline its answering milestone met', async () => {
    const dash = await liveAgreement(t, bodyId);
    for (const r of dash.timeline) {
      for (const d of r.deadlines) {
        if (d.state === 'met') expect(r.status === 'past_deadline' && r.deadline?.id === d.id, r.title).toBe(false);
      }
      if (r.status === 'past_deadline') expect(r.deadlines.concat(...dash.timeline.filter((c: Row & { parentId: number | null }) => c.parentId === r.itemId).map((c: { deadlines: unknown[] }) => c.deadlines)).some((d: { state: string }) => d.state === 'passed'), r.title).toBe(true);
    }
  });

  it('serves a quarter closed before deadlines moved to milestones (old snapshot shape)', async () => {
    const base = `/api/bodies/${bodyId}/quarters`;
    expect((await t.as('demo-hq').inject({ method: 'POST', url: base, payload: { fiscalYear: 2026, quarter: 1 } })).statusCode).toBe(201);
    const snapshotId = (await t.inject(`${base}/2026/1`)).json().id as number;
    const row = t.db.select().from(quarterSnapshotPayloads).where(eq(quarterSnapshotPayloads.snapshotId, snapshotId)).get()!;
    // Strip everything issue 12 added, as a payload written by the earlier version would be.
    const old = JSON.parse(row.payload);
    const strip = (o: Record<string, unknown>, keys: string[]) => keys.forEach((k) => delete o[k]);
    for (const r of old.dashboard.timeline) {
      strip(r, ['countedStatus', 'deadlines']);
      if (r.deadline) strip(r.deadline, ['label', 'milestoneId', 'milestoneTitle', 'state', 'stateLabel']);
      for (const m of r.milestones) strip(m, ['nationalDeadlineId', 'deadline']);
    }
    for (const c of [old.dashboard.totals, ...old.dashboard.categories]) strip(c.counts, ['start_late', 'not_planned', 'done_late']);
    for (const c of old.dashboard.categories) if (c.nextDeadline) strip(c.nextDeadline, ['milestoneTitle']);
    for (const l of old.dashboard.deadlines) strip(l, ['milestones']);
    for (const k of old.dashboard.kpis) {
      strip(k, ['valueKind', 'kindLabel', 'periodEntry', 'expectedLabel', 'summary']);
      if (k.latest) strip(k.latest, ['yearToDate']);
    }
    for (const i of old.items) strip(i, ['countedStatus', 'deadlines']);
    for (const m of old.milestones) strip(m, ['adherenceKind', 'deadlineTitle', 'deadlineLabel', 'deadlineDate']);
    t.db.update(quarterSnapshotPayloads).set({ payload: JSON.stringify(old) }).where(eq(quarterSnapshotPayloads.snapshotId, snapshotId)).run();
    for (const path of ['', '/review', '/report.csv', '/report.xlsx', '/report.pdf']) {
      const res = await t.inject(`${base}/2026/1${path}`);
      expect(res.statusCode, `${path}: ${res.body.slice(0, 300)}`).toBe(200);
    }
  });
});

describe('a generated national body (seed/national)', () => {
  let t: TestApp;
  let bodyId: number;
  beforeAll(async () => {
    t = await createTestApp({ today: DEMO_AS_OF });
    generateNational(t.db, { seed: 3, scale: 0.01, prefectures: 1 });
    const body = t.db.$client.prepare("SELECT id, code FROM local_bodies WHERE kind <> 'prefecture' ORDER BY code LIMIT 1").get() as { id: number; code: string };
    bodyId = body.id;
    await t.createUser({ username: 'gen-hq', role: 'hq', bodyCode: body.code });
  });
  afterAll(async () => t?.close());

  // The council PDF and XLSX are made by a worker thread (started for them): generous on a loaded machine.
  it('API, XLSX, CSV and PDF agree on every status and count', { timeout: 120_000 }, async () => {
    await agreement(t, 'gen-hq', bodyId);
    await liveAgreement(t, bodyId);
  });
});
