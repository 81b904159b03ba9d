/**
 * 議会報告 PDF of a closed quarter (pdfkit, A4 portrait, Noto Sans JP embedded as a subset so the text
 * renders and can be searched without Japanese fonts on the reader's machine), streamed as written.
 *
 * As a council document (issue 15): no text under 9 pt; tables repeat their header row on every page;
 * the Gantt chart wraps long labels onto further lines instead of cutting them with 「…」 and draws
 * every item that has planned dates, even a single planned day; dates in one style, 和暦 with 西暦 in
 * parentheses (formatOfficialDate); the closing user by display name.
 */
import { baselineSentence } from '../domain/baseline.ts';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { todayInJapan } from '../domain/dates.ts';
import { formatOfficialDate } from '../domain/wareki.ts';
import { formatKpiNumber } from '../domain/kpi-text.ts';
import { loadPdfKit } from './export-libs.ts';
import type { QuarterReport } from './quarters.ts';

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');

/** The smallest text in the document (pt). */
export const MIN_FONT_SIZE = 9;

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

// ---- the Gantt chart's rows, as fractions of the chart's width (pure, unit-tested) ---------------

type TimelineRow = QuarterReport['snapshot']['data']['dashboard']['timeline'][number];

export interface GanttRow {
  label: string;
  status: string;
  /** The planned span, from..to in 0..1; at least MIN_SPAN wide so a single planned day shows. */
  planned: { from: number; to: number } | null;
  /** Planned dates of the item's milestones (0..1), drawn as marks. */
  marks: number[];
  actual: { from: number; to: number } | null;
  deadline: number | null;
}

/** The narrowest planned span drawn (a fraction of the chart: ~1.5 pt on A4). */
export const MIN_SPAN = 0.005;

/**
 * Each timeline row as positions on the chart (`startFy` April 1 … the day after `endFy`'s March 31).
 * An item with planned dates always gets a visible span and a mark per planned milestone date, even
 * when it has no actual dates or one planned day only; an item without any date keeps its label.
 */
export function ganttRows(rows: readonly TimelineRow[], startFy: number, endFy: number, asOf: string): GanttRow[] {
  const t0 = Date.parse(`${startFy}-04-01`);
  const t1 = Date.parse(`${endFy + 1}-04-01`);
  const at = (date: string) => Math.min(1, Math.max(0, (Date.parse(date) - t0) / (t1 - t0)));
  const span = (from: number, to: number) => {
    const mid = (from + to) / 2;
    return to - from >= MIN_SPAN ? { from, to } : { from: Math.max(0, mid - MIN_SPAN / 2), to: Math.min(1, mid + MIN_SPAN / 2) };
  };
  return rows.map((t) => {
    const start = t.plannedStart ?? t.plannedEnd;
    const end = t.plannedEnd ?? t.plannedStart;
    const aStart = t.actualStart;
    const aEnd = t.actualEnd ?? (aStart ? asOf : null);
    return {
      label: `${'　'.repeat(t.depth)}${t.title}`,
      status: t.status,
      planned: start && end ? span(at(start), at(end)) : null,
      marks: t.milestones.filter((m) => m.status !== 'not_applicable').map((m) => at(m.plannedDate)),
      actual: aStart && aEnd ? span(at(aStart), at(aEnd)) : null,
      deadline: t.deadline ? at(t.deadline.effectiveDate) : null,
    };
  });
}

// ---- the document --------------------------------------------------------------------------------

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
    ensure(60);
    doc.moveDown(0.8).font('jp-bold').fontSize(14).fillColor('#000').text(t, left, doc.y, { width });
    doc.moveDown(0.3).font('jp').fontSize(10);
  };
  /** A table: fixed column widths (fractions of the width), the header row in bold, repeated after every page break. */
  const table = (header: string[], rows: string[][], fractions: number[]) => {
    const widths = fractions.map((f) => f * width);
    const heightOf = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'jp-bold' : 'jp').fontSize(MIN_FONT_SIZE);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 6 }))) + 6;
    };
    const drawRow = (cells: string[], bold: boolean) => {
      const h = heightOf(cells, bold);
      const y = doc.y;
      let x = left;
      if (bold) doc.rect(left, y, width, h).fill('#eeeeee').fillColor('#000');
      doc.font(bold ? 'jp-bold' : 'jp').fontSize(MIN_FONT_SIZE);
      cells.forEach((c, i) => {
        doc.fillColor('#000').text(c, x + 3, y + 3, { width: widths[i]! - 6 });
        x += widths[i]!;
      });
      doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor('#bbbbbb').stroke();
      doc.x = left;
      doc.y = y + h;
    };
    // The header with at least its first row on the same page.
    ensure(heightOf(header, true) + (rows[0] ? heightOf(rows[0], false) : 0));
    drawRow(header, true);
    for (const row of rows) {
      if (doc.y + heightOf(row, false) > bottom()) {
        doc.addPage();
        drawRow(header, true);
      }
      drawRow(row, false);
    }
    doc.font('jp').fontSize(10);
  };

  // Cover.
  const closer = r.closedByDisplayName || r.snapshot.closedBy;
  doc.font('jp-bold').fontSize(22).text(body, left, 200, { width, align: 'center' });
  doc.moveDown(0.5).fontSize(18).text('DX推進計画 進捗状況報告', { width, align: 'center' });
  doc.moveDown(1).font('jp').fontSize(14).text(d.label, { width, align: 'center' });
  doc.fontSize(12).text(d.fiscalYearLabel, { width, align: 'center' });
  doc.moveDown(0.5).text(`基準日: ${formatOfficialDate(d.asOf)}`, { width, align: 'center' });
  doc.moveDown(3).fontSize(10).fillColor('#555').text(
    `締め: ${formatOfficialDate(todayInJapan(new Date(r.snapshot.closedAt)))} ${closer}${r.snapshot.status === 'reopened' ? '（再開中）' : ''}` +
      (d.dashboard.containsSampleData ? '\n※ サンプル（架空）の値を含みます。' : ''),
    { width, align: 'center' },
  );

  // Summary.
  doc.addPage().fillColor('#000');
  heading('概要');
  doc.font('jp').fontSize(11).text(r.review.summary, { width });
  doc.moveDown(0.5).fontSize(MIN_FONT_SIZE).fillColor('#555').text(`比較対象: ${r.review.previous.label}（${r.review.previous.sourceLabel}）`, { width }).fillColor('#000');

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

  // 当初計画比: the counts against the baseline in force, and this quarter's re-plans with their reasons.
  heading(`${d.dashboard.baseline?.varianceLabel ?? '基準計画比'}（計画変更）`);
  doc.font('jp').fontSize(10).text(baselineSentence(d.dashboard.baseline), { width });
  doc.moveDown(0.3);
  if (r.review.planChanges.length === 0) {
    doc.text('今期の計画変更（予定日の変更）はありません。', { width });
  } else {
    table(
      ['マイルストーン（取組）', '変更日', '変更前', '変更後', '移動', '理由'],
      r.review.planChanges.map((c) => [
        `${c.milestoneTitle}（${c.itemTitle}）`,
        formatOfficialDate(c.on),
        formatOfficialDate(c.from),
        formatOfficialDate(c.to),
        `${c.shiftDays > 0 ? '+' : ''}${c.shiftDays}日`,
        c.reason || '（記録なし）',
      ]),
      [0.24, 0.14, 0.14, 0.14, 0.08, 0.26],
    );
  }

  // Timeline: one row per item, planned span (grey) with its milestones' planned dates, actual/forecast (status colour), as-of line.
  heading('工程表（予定と実績）');
  const startFy = d.dashboard.range.startFiscalYear;
  const endFy = d.dashboard.range.endFiscalYear;
  const labelW = width * 0.35;
  const chartX = left + labelW;
  const chartW = width - labelW;
  const xAt = (f: number) => chartX + f * chartW;
  const fyAt = (fy: number) => (Date.parse(`${fy}-04-01`) - Date.parse(`${startFy}-04-01`)) / (Date.parse(`${endFy + 1}-04-01`) - Date.parse(`${startFy}-04-01`));
  const asOfAt = (Date.parse(d.asOf) - Date.parse(`${startFy}-04-01`)) / (Date.parse(`${endFy + 1}-04-01`) - Date.parse(`${startFy}-04-01`));
  const axis = () => {
    const y = doc.y;
    doc.font('jp').fontSize(MIN_FONT_SIZE).fillColor('#000');
    for (let fy = startFy; fy <= endFy; fy++) {
      const x = xAt(fyAt(fy));
      doc.moveTo(x, y).lineTo(x, y + 14).lineWidth(0.5).strokeColor('#999').stroke();
      doc.text(String(fy), x + 2, y + 2, { width: xAt(fyAt(fy + 1)) - x - 3, lineBreak: false });
    }
    doc.y = y + 16;
  };
  ensure(60);
  axis();
  doc.font('jp').fontSize(MIN_FONT_SIZE);
  for (const g of ganttRows(d.dashboard.timeline, startFy, endFy, d.asOf)) {
    const labelH = doc.heightOfString(g.label, { width: labelW - 6 });
    const rowH = Math.max(16, labelH + 4);
    if (doc.y + rowH > bottom()) {
      doc.addPage();
      axis();
    }
    const y = doc.y;
    const mid = y + rowH / 2;
    doc.font('jp').fontSize(MIN_FONT_SIZE).fillColor('#000').text(g.label, left, y + 2, { width: labelW - 6 });
    if (g.planned) doc.rect(xAt(g.planned.from), mid - 5, xAt(g.planned.to) - xAt(g.planned.from), 4).fill('#c8c8c8');
    for (const m of g.marks) doc.polygon([xAt(m), mid - 6], [xAt(m) + 2, mid - 3], [xAt(m), mid], [xAt(m) - 2, mid - 3]).fill('#707070');
    if (g.actual) doc.rect(xAt(g.actual.from), mid + 1, xAt(g.actual.to) - xAt(g.actual.from), 4).fill(STATUS_COLORS[g.status] ?? '#555');
    if (!g.planned && !g.actual) doc.font('jp').fontSize(MIN_FONT_SIZE).fillColor('#555').text('（予定日なし）', chartX + 4, y + 2, { width: chartW - 8, lineBreak: false });
    doc.moveTo(xAt(asOfAt), y).lineTo(xAt(asOfAt), y + rowH).lineWidth(0.8).strokeColor('#333').stroke();
    if (g.deadline !== null) doc.circle(xAt(g.deadline), mid - 1, 2).fill('#b3261e');
    doc.moveTo(left, y + rowH).lineTo(left + width, y + rowH).lineWidth(0.3).strokeColor('#dddddd').stroke();
    doc.y = y + rowH;
  }
  doc
    .font('jp')
    .fontSize(MIN_FONT_SIZE)
    .fillColor('#555')
    .text(`目盛は年度（4月始まり）。灰: 予定（◆ はマイルストーンの予定日）　色: 実績（状況別）　赤点: 国の期限（延長後の期限を含む）　縦線: 基準日 ${formatOfficialDate(d.asOf)}`, left, doc.y + 4, { width });
  doc.fillColor('#000');

  heading('指標（KPI）');
  table(
    ['指標', '単位', '基準値', '目標値（年度）', '実績値（期間）', '状況'],
    d.kpis.map((k) => [
      k.name,
      k.unit,
      // Figures at the unit's precision; no nested parentheses (「（2025年度（通年））」 never).
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
      a.deadlineDate ? formatOfficialDate(a.deadlineDate) : '—',
      decisions.get(a.itemId) ?? '（未記入）',
    ]),
    [0.28, 0.14, 0.14, 0.16, 0.28],
  );

  // Page numbers on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const mb = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('jp').fontSize(MIN_FONT_SIZE).fillColor('#555').text(`${i + 1} / ${range.count}`, left, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = mb;
  }
  doc.end();
  return doc as unknown as Readable;
}
