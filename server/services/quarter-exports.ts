/**
 * 議会報告の出力 for a closed quarter: CSV (UTF-8 with BOM, CRLF, formulas defused), Excel (.xlsx,
 * streamed with exceljs' WorkbookWriter) and PDF (pdfkit, A4 portrait, Noto Sans JP embedded as a
 * subset so the text renders and can be searched without Japanese fonts on the reader's machine).
 * Each returns a stream: the file is written as it is sent, never built whole in memory.
 */
import { createRequire } from 'node:module';
import { PassThrough, type Readable } from 'node:stream';
import { csvDocument } from './csv.ts';
import type ExcelJS from 'exceljs';
import { loadExcel, loadPdfKit } from './export-libs.ts';
import { parseIsoDate } from '../domain/dates.ts';
import { fiscalYearOf } from '../domain/fiscal.ts';
import { formatWarekiDate, fiscalYearLabel } from '../domain/wareki.ts';
import { formatKpiNumber, roundKpiValue } from '../domain/kpi-text.ts';
import { deadlineWord } from '../domain/labels.ts';
import { showsVariance, VARIANCE_LEGEND, type Adherence } from '../domain/adherence.ts';
import type { QuarterReport } from './quarters.ts';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');

/** `上天草市_2026年度第2四半期_議会報告.pdf` */
export function reportFileName(r: QuarterReport, ext: string): string {
  const name = r.snapshot.data.dashboard.body.name.replace(/[\\/:*?"<>|\s]+/g, '_');
  return `${name}_${r.snapshot.fiscalYear}年度第${r.snapshot.quarter}四半期_議会報告.${ext}`;
}

/** RFC 6266 / RFC 5987: an ASCII fallback (`report.pdf`, or `<fallback>.<ext>`) and the UTF-8 name in filename*. */
export function contentDisposition(fileName: string, fallback = 'report'): string {
  const ext = fileName.split('.').pop() ?? 'bin';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}.${ext}"; filename*=UTF-8''${encoded}`;
}

// ---- CSV ------------------------------------------------------------------------------------------

export const CSV_HEADER = ['団体', '取組分野', '取組', '担当課', 'マイルストーン', '予定開始日', '予定日', '実績開始日', '実績日', '状況'] as const;
/** The national deadline a milestone answers: which one, 国の期限 or 延長後の期限, and its date. */
export const DEADLINE_HEADER = ['この予定が答える国の期限', '期限の区分', '期限日'] as const;

type SnapshotMilestone = QuarterReport['snapshot']['data']['milestones'][number];

/**
 * 差異（日） is shown only for milestones that are due or done (done: days after the planned date, 0 or
 * less = on time; open and past the planned date: days overdue). Upcoming and 対象外: blank.
 */
export { VARIANCE_LEGEND };
export const COUNTED_ITEMS_LABEL = '取組数（集計の対象）';
/** How the counts are made (the API docs say the same: server/schemas/dashboard.ts StatusCounts). */
export const COUNTING_NOTE =
  '親の取組の状況は、自身のマイルストーンと子の取組のうち最も悪い状況です。件数は、子の取組と、親の取組自身のマイルストーンをそれぞれ1件として数え、同じものを二重に数えません。';
export function varianceCell(m: SnapshotMilestone): number | null {
  const kind = (m as { adherenceKind?: string }).adherenceKind;
  if (kind === undefined) return m.varianceDays < 0 ? null : m.varianceDays; // snapshot closed before adherenceKind
  return showsVariance(kind as Adherence['kind']) ? m.varianceDays : null;
}
const deadlineCells = (m: SnapshotMilestone) => {
  const x = m as { deadlineTitle?: string | null; deadlineLabel?: string | null; deadlineDate?: string | null };
  return [x.deadlineTitle ?? '', x.deadlineLabel ?? '', x.deadlineDate ?? ''];
};

export function csvRows(r: QuarterReport): string[][] {
  const body = r.snapshot.data.dashboard.body.name;
  return r.snapshot.data.milestones.map((m) => [
    body,
    m.categoryName,
    m.itemTitle,
    m.sectionName,
    m.title,
    m.plannedStartDate ?? '',
    m.plannedDate,
    m.actualStartDate ?? '',
    m.actualDate ?? '',
    m.statusLabel,
    ...deadlineCells(m),
  ]);
}

export function reportCsv(r: QuarterReport): Readable {
  return csvDocument([...CSV_HEADER, ...DEADLINE_HEADER], csvRows(r));
}

// ---- Excel ----------------------------------------------------------------------------------------

/** Display width: full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u0000-\u00ff\uff61-\uff9f]/.test(ch) ? 1 : 2;
  return w;
}

export const excelDate = (d: string | null) => {
  if (!d) return null;
  const { year, month, day } = parseIsoDate(d);
  return new Date(Date.UTC(year, month - 1, day));
};

type Cell = string | number | Date | null;
interface SheetSpec {
  name: string;
  header: string[];
  rows: Cell[][];
  /** Columns (0-based) holding dates. */
  dates?: number[];
}

function cellText(v: Cell): string {
  if (v === null) return '';
  if (v instanceof Date) return '2026/03/31';
  return String(v);
}

export function reportSheets(r: QuarterReport): SheetSpec[] {
  const d = r.snapshot.data;
  const decisions = new Map(r.snapshot.decisions.map((x) => [x.itemId, x.decision]));
  const summary: SheetSpec = {
    name: '概要',
    header: ['項目', '内容'],
    rows: [
      ['団体', d.dashboard.body.name],
      ['四半期', d.label],
      ['年度', d.fiscalYearLabel],
      // Text, not a date cell: this column also holds counts and sentences (a date format would show 11 as 1900/1/11).
      ['基準日', d.asOf.replaceAll('-', '/')],
      ['基準日（和暦）', formatWarekiDate(d.asOf)],
      ['要約', r.review.summary],
      [COUNTED_ITEMS_LABEL, d.dashboard.totals.itemCount],
      ...d.dashboard.categories.map((c): Cell[] => [
        `分野: ${c.name}`,
        Object.entries(c.counts)
          .filter(([, n]) => (n as number) > 0)
          .map(([k, n]) => `${r.itemStatusLabels[k as keyof typeof r.itemStatusLabels]} ${n}件`)
          .join('、'),
      ]),
      ['状況の数え方', COUNTING_NOTE],
      ['差異（日）の見方', VARIANCE_LEGEND],
    ],
  };
  const items: SheetSpec = {
    name: '取組一覧',
    header: ['取組分野', '取組', '担当課', '区分', '状況', '遅延日数', '予定完了日', '予定完了年度', '実績完了日', '国の期限と答えるマイルストーン', '対応方針'],
    rows: d.items.map((i) => [
      i.categoryName,
      i.title,
      i.sectionName,
      i.countedStatus === null ? '親の取組（子を集約）' : i.countedStatus !== undefined && i.countedStatus !== i.status ? `親の取組（自身の予定は${r.itemStatusLabels[i.countedStatus]}）` : '',
      i.statusLabel,
      i.delayDays,
      excelDate(i.plannedEnd),
      i.plannedEnd ? fiscalYearLabel(fiscalYearOf(i.plannedEnd)) : '',
      excelDate(i.actualEnd),
      (i.deadlines ?? (i.deadlineTitle ? [{ title: i.deadlineTitle, milestoneTitle: '', date: i.deadlineDate ?? '', extended: false }] : []))
        .map((x) => `${x.title}：${x.milestoneTitle ? `「${x.milestoneTitle}」、` : ''}${deadlineWord(x.extended)} ${x.date}`)
        .join('\n'),
      decisions.get(i.itemId) ?? '',
    ]),
    dates: [6, 8],
  };
  const milestones: SheetSpec = {
    name: 'マイルストーン',
    header: [...CSV_HEADER, '予定年度', '差異（日）', ...DEADLINE_HEADER],
    rows: d.milestones.map((m) => [
      d.dashboard.body.name,
      m.categoryName,
      m.itemTitle,
      m.sectionName,
      m.title,
      excelDate(m.plannedStartDate),
      excelDate(m.plannedDate),
      excelDate(m.actualStartDate),
      excelDate(m.actualDate),
      m.statusLabel,
      fiscalYearLabel(fiscalYearOf(m.plannedDate)),
      varianceCell(m),
      ...deadlineCells(m).map((c, i) => (i === 2 ? excelDate(c || null) : c)),
    ]),
    dates: [5, 6, 7, 8, 14],
  };
  const kpis: SheetSpec = {
    name: '指標',
    header: ['指標', '関連する取組', '単位', '方向', '基準値', '基準年度', '目標値', '目標年度', '実績値', '実績の期間', '状況'],
    rows: d.kpis.map((k) => [
      k.name,
      k.itemTitle ?? '',
      k.unit,
      k.directionLabel,
      k.baselineValue,
      fiscalYearLabel(k.baselineFiscalYear),
      k.targetValue,
      fiscalYearLabel(k.targetFiscalYear),
      k.value === null ? null : roundKpiValue(k.value, k.unit),
      k.periodLabel ?? '',
      k.statusLabel,
    ]),
  };
  return [summary, items, milestones, kpis];
}

export const colName = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

export async function reportXlsx(r: QuarterReport): Promise<Readable> {
  const ExcelJS = await loadExcel();
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'DX推進計画 進捗管理ダッシュボード';
  const write = async () => {
    for (const sheet of reportSheets(r)) {
      const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.header.map((h, i) => ({
        key: String(i),
        width: Math.min(60, Math.max(displayWidth(h), ...sheet.rows.map((row) => displayWidth(cellText(row[i] ?? null)))) + 2),
        style: sheet.dates?.includes(i) ? { numFmt: 'yyyy/mm/dd' } : {},
      }));
      ws.autoFilter = `A1:${colName(sheet.header.length - 1)}1`;
      const head = ws.addRow(sheet.header);
      head.font = { bold: true };
      head.commit();
      for (const row of sheet.rows) ws.addRow(row).commit();
      ws.commit();
    }
    await wb.commit();
  };
  write().catch((e) => out.destroy(e as Error));
  return out;
}

// ---- PDF ------------------------------------------------------------------------------------------

const STATUS_COLORS: Record<string, string> = {
  past_deadline: '#b3261e',
  at_risk: '#c26a00',
  delayed: '#d9a400',
  start_late: '#8a6d00',
  not_planned: '#6d4c9f',
  on_track: '#2e7d32',
  done_late: '#5c6bc0',
  done: '#1f5fa8',
  not_applicable: '#9e9e9e',
};

export async function reportPdf(r: QuarterReport): Promise<Readable> {
  const PDFDocument = await loadPdfKit();
  const d = r.snapshot.data;
  const body = d.dashboard.body.name;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { top: 56, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: `${body} ${d.label} DX推進計画 進捗報告`, Author: body },
  });
  doc.registerFont('jp', FONT_REGULAR);
  doc.registerFont('jp-bold', FONT_BOLD);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const heading = (t: string) => {
    ensure(40);
    doc.moveDown(0.8).font('jp-bold').fontSize(14).fillColor('#000').text(t, left, doc.y, { width });
    doc.moveDown(0.3).font('jp').fontSize(10);
  };
  /** A simple table: fixed column widths (fractions of the width), header row in bold, page breaks. */
  const table = (header: string[], rows: string[][], fractions: number[]) => {
    const widths = fractions.map((f) => f * width);
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'jp-bold' : 'jp').fontSize(9);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 6 }))) + 6;
      ensure(h);
      const y = doc.y;
      let x = left;
      if (bold) doc.rect(left, y, width, h).fill('#eeeeee').fillColor('#000');
      cells.forEach((c, i) => {
        doc.fillColor('#000').text(c, x + 3, y + 3, { width: widths[i]! - 6 });
        x += widths[i]!;
      });
      doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor('#bbbbbb').stroke();
      doc.x = left;
      doc.y = y + h;
    };
    drawRow(header, true);
    for (const row of rows) drawRow(row, false);
    doc.font('jp').fontSize(10);
  };

  // Cover.
  doc.font('jp-bold').fontSize(22).text(body, left, 200, { width, align: 'center' });
  doc.moveDown(0.5).fontSize(18).text('DX推進計画 進捗状況報告', { width, align: 'center' });
  doc.moveDown(1).font('jp').fontSize(14).text(d.label, { width, align: 'center' });
  doc.fontSize(12).text(d.fiscalYearLabel, { width, align: 'center' });
  doc.moveDown(0.5).text(`基準日: ${d.asOf}（${formatWarekiDate(d.asOf)}）`, { width, align: 'center' });
  doc.moveDown(3).fontSize(9).fillColor('#555').text(
    `締め: ${r.snapshot.closedAt.slice(0, 10)} ${r.snapshot.closedBy}${r.snapshot.status === 'reopened' ? '（再開中）' : ''}` +
      (d.dashboard.containsSampleData ? '\n※ サンプル（架空）の値を含みます。' : ''),
    { width, align: 'center' },
  );

  // Summary.
  doc.addPage().fillColor('#000');
  heading('概要');
  doc.font('jp').fontSize(11).text(r.review.summary, { width });
  doc.moveDown(0.5).fontSize(9).fillColor('#555').text(`比較対象: ${r.review.previous.label}（${r.review.previous.sourceLabel}）`, { width }).fillColor('#000');

  heading('分野別の状況');
  const labels = r.itemStatusLabels;
  // Only the statuses that occur, in the one order (worst first), so nine narrow columns do not crowd the page.
  const statusKeys = (Object.keys(labels) as (keyof typeof labels)[]).filter((k) =>
    d.dashboard.categories.some((c) => ((c.counts as Record<string, number>)[k] ?? 0) > 0),
  );
  table(
    ['分野', ...statusKeys.map((k) => labels[k]), '計'],
    d.dashboard.categories.map((c) => [c.name, ...statusKeys.map((k) => String((c.counts as Record<string, number>)[k] ?? 0)), String(c.itemCount)]),
    [0.3, ...statusKeys.map(() => 0.6 / statusKeys.length), 0.1],
  );

  // Timeline: one row per item, planned span (grey) and actual/forecast (status colour), as-of line.
  heading('工程表（予定と実績）');
  const rows = d.dashboard.timeline.filter((t) => t.plannedStart && t.plannedEnd);
  const startFy = d.dashboard.range.startFiscalYear;
  const endFy = d.dashboard.range.endFiscalYear;
  const t0 = Date.parse(`${startFy}-04-01`);
  const t1 = Date.parse(`${endFy + 1}-04-01`);
  const labelW = width * 0.35;
  const chartX = left + labelW;
  const chartW = width - labelW;
  const xOf = (date: string) => chartX + ((Date.parse(date) - t0) / (t1 - t0)) * chartW;
  const axis = () => {
    const y = doc.y;
    doc.font('jp').fontSize(7).fillColor('#000');
    for (let fy = startFy; fy <= endFy; fy++) {
      const x = xOf(`${fy}-04-01`);
      doc.moveTo(x, y).lineTo(x, y + 12).lineWidth(0.5).strokeColor('#999').stroke();
      doc.text(String(fy), x + 2, y + 2, { width: xOf(`${fy + 1}-04-01`) - x - 4, lineBreak: false });
    }
    doc.y = y + 14;
  };
  axis();
  const rowH = 12;
  for (const t of rows) {
    if (doc.y + rowH > bottom()) {
      doc.addPage();
      axis();
    }
    const y = doc.y;
    doc.font('jp').fontSize(7).fillColor('#000').text(`${'　'.repeat(t.depth)}${t.title}`, left, y + 2, { width: labelW - 4, height: rowH, lineBreak: false, ellipsis: true });
    doc.rect(xOf(t.plannedStart!), y + 2, Math.max(1, xOf(t.plannedEnd!) - xOf(t.plannedStart!)), 4).fill('#c8c8c8');
    const aStart = t.actualStart;
    const aEnd = t.actualEnd ?? (aStart ? d.asOf : null);
    if (aStart && aEnd) doc.rect(xOf(aStart), y + 6, Math.max(1, xOf(aEnd) - xOf(aStart)), 4).fill(STATUS_COLORS[t.status] ?? '#555');
    doc.moveTo(xOf(d.asOf), y).lineTo(xOf(d.asOf), y + rowH).lineWidth(0.8).strokeColor('#333').stroke();
    for (const dl of t.deadlines ?? (t.deadline ? [t.deadline] : [])) doc.circle(xOf(dl.effectiveDate), y + 6, 1.8).fill('#b3261e');
    doc.y = y + rowH;
  }
  doc.fontSize(7).fillColor('#555').text(`目盛は年度（4月始まり）。灰: 予定　色: 実績（状況別）　赤点: 国の期限（延長後の期限を含む）　縦線: 基準日 ${d.asOf}`, left, doc.y + 2, { width });
  doc.fillColor('#000');

  heading('指標（KPI）');
  table(
    ['指標', '単位', '基準値', '目標値（年度）', '実績値（期間）', '状況'],
    d.kpis.map((k) => [
      k.name,
      k.unit,
      `${formatKpiNumber(k.baselineValue, k.unit)}　${k.baselineFiscalYear}年度`,
      `${formatKpiNumber(k.targetValue, k.unit)}　${k.targetFiscalYear}年度`,
      k.value === null ? '—' : `${formatKpiNumber(k.value, k.unit)}　${(k.periodLabel ?? '').replace(/（通年）$/, 'の年間値')}`,
      k.statusLabel,
    ]),
    [0.3, 0.08, 0.15, 0.17, 0.18, 0.12],
  );

  heading('要対応の取組と対応方針');
  const decisions = new Map(r.snapshot.decisions.map((x) => [x.itemId, x.decision]));
  table(
    ['取組', '分野', '状況', '国の期限', '対応方針'],
    d.dashboard.attention.map((a) => [
      a.title,
      a.categoryName,
      `${a.statusLabel}${a.delayDays > 0 ? `　${a.delayDays}日遅れ` : ''}`,
      a.deadlineDate ?? '—',
      decisions.get(a.itemId) ?? '（未記入）',
    ]),
    [0.3, 0.15, 0.15, 0.12, 0.28],
  );

  // Page numbers on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const mb = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('jp').fontSize(8).fillColor('#555').text(`${i + 1} / ${range.count}`, left, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = mb;
  }
  doc.end();
  return doc as unknown as Readable;
}
