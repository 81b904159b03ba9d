/**
 * 議会報告の出力 for a closed quarter: CSV (UTF-8 with BOM, CRLF, formulas defused) and Excel (.xlsx,
 * streamed with exceljs' WorkbookWriter: number formats per cell, dates in the one date style, printing
 * on A4 landscape, see xlsx-print.ts). The PDF is in quarter-report-pdf.ts. Each returns a stream: the
 * file is written as it is sent, never built whole in memory.
 */
import { baselineSentence, NOT_IN_BASELINE_LABEL } from '../domain/baseline.ts';
import { PassThrough, type Readable } from 'node:stream';
import { csvDocument } from './csv.ts';
import { loadExcel } from './export-libs.ts';
import { parseIsoDate } from '../domain/dates.ts';
import { fiscalYearOf } from '../domain/fiscal.ts';
import { columnLetter } from '../domain/sheet-cells.ts';
import { fiscalYearLabel, formatOfficialDate, officialDateNumFmt } from '../domain/wareki.ts';
import { addFilterDatabaseNames, printOptions, type SheetFilter } from './xlsx-print.ts';
import { roundKpiValue } from '../domain/kpi-text.ts';
import { deadlineWord } from '../domain/labels.ts';
import { showsVariance, VARIANCE_LEGEND, type Adherence } from '../domain/adherence.ts';
import type { QuarterReport } from './quarters.ts';

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

type DashboardBaseline = QuarterReport['snapshot']['data']['dashboard']['baseline'];
/** 当初計画比: the baseline's planned date and 差異（日） against it, headed by the baseline in force (当初計画 / 計画改定). */
export const baselineHeader = (b: DashboardBaseline) => (b ? [`${b.label}の予定日`, `${b.varianceLabel}（日）`] : ['基準計画の予定日', '基準計画比（日）']);
/** Cells: the baseline's date (or 基準計画になし for a milestone added later) and the variance when due or done. */
export function baselineCells(m: SnapshotMilestone, b: DashboardBaseline): [string | null, number | null] {
  if (!b || m.inBaseline === undefined) return [null, null];
  if (!m.inBaseline) return [NOT_IN_BASELINE_LABEL, null];
  return [m.baselinePlannedDate ?? null, m.baselineVarianceDays ?? null];
}

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
    ...baselineCells(m, r.snapshot.data.dashboard.baseline).map((c) => (c === null ? '' : String(c))),
  ]);
}

export function reportCsv(r: QuarterReport): Readable {
  return csvDocument([...CSV_HEADER, ...DEADLINE_HEADER, ...baselineHeader(r.snapshot.data.dashboard.baseline)], csvRows(r));
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
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

type Cell = string | number | Date | null;
interface SheetSpec {
  name: string;
  header: string[];
  rows: Cell[][];
  /** The number format of a number cell other than the default (a KPI value in %). */
  numFmt?: (row: number, col: number, value: number) => string | undefined;
  /** Columns of long text: wrapped, at most WRAP_WIDTH wide. */
  wrap?: number[];
  /** An autofilter on the header row (not on 概要). */
  filter?: boolean;
}

const WRAP_WIDTH = 40;

/**
 * Number formats per cell, so every cell shows what it is (issue 15: 取組数 showed as a date): counts
 * with thousands separators, decimals as they are, dates in the one date style (和暦 with 西暦).
 */
export function cellNumFmt(v: number | Date): string {
  if (v instanceof Date) return officialDateNumFmt(isoOf(v));
  return Number.isInteger(v) ? '#,##0' : '#,##0.0##';
}
/** A value in percent (unit %) shows its sign; the number stays the API's (52.6, not 0.526). */
const percentNumFmt = (v: number) => (Number.isInteger(v) ? '0"%"' : '0.0##"%"');

/** What a cell shows, for column widths and for tests (the text LibreOffice or Excel displays). */
export function cellText(v: Cell): string {
  if (v === null) return '';
  if (v instanceof Date) return formatOfficialDate(isoOf(v));
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : String(v);
  return v;
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
      ['基準日', excelDate(d.asOf)],
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
      [baselineHeader(d.dashboard.baseline)[1]!.replace('（日）', ''), baselineSentence(d.dashboard.baseline)],
    ],
    wrap: [1],
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
        .map((x) => `${x.title}：${x.milestoneTitle ? `「${x.milestoneTitle}」、` : ''}${deadlineWord(x.extended)} ${x.date ? formatOfficialDate(x.date) : ''}`)
        .join('\n'),
      decisions.get(i.itemId) ?? '',
    ]),
    wrap: [1, 9, 10],
    filter: true,
  };
  const milestones: SheetSpec = {
    name: 'マイルストーン',
    header: [...CSV_HEADER, '予定年度', '差異（日）', ...baselineHeader(d.dashboard.baseline), ...DEADLINE_HEADER],
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
      ...baselineCells(m, d.dashboard.baseline).map((c, i) => (i === 0 && typeof c === 'string' && c !== NOT_IN_BASELINE_LABEL ? excelDate(c) : c)),
      ...deadlineCells(m).map((c, i) => (i === 2 ? excelDate(c || null) : c)),
    ]),
    wrap: [2, 4],
    filter: true,
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
    numFmt: (row, col, value) => ([4, 6, 8].includes(col) && d.kpis[row]!.unit === '%' ? percentNumFmt(value) : undefined),
    wrap: [0, 1],
    filter: true,
  };
  return [summary, items, milestones, kpis];
}

/** Column letter of a 0-based column index (the one rule: domain/sheet-cells.ts columnLetter). */
export const colName = (i: number) => columnLetter(i + 1);

export async function reportXlsx(r: QuarterReport): Promise<Readable> {
  const ExcelJS = await loadExcel();
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'DX推進計画 進捗管理ダッシュボード';
  const d = r.snapshot.data;
  const header = { left: d.dashboard.body.name, center: `DX推進計画 進捗状況報告（${d.label}）`, footerLeft: `基準日 ${formatOfficialDate(d.asOf)}` };
  const write = async () => {
    const filters: SheetFilter[] = [];
    reportSheets(r).forEach((sheet, index) => {
      const lastRow = sheet.rows.length + 1;
      const range = `A1:${colName(sheet.header.length - 1)}${lastRow}`;
      const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }], ...printOptions(sheet.header.length, lastRow, header) });
      ws.columns = sheet.header.map((h, i) => {
        const widest = Math.max(displayWidth(h), ...sheet.rows.map((row) => displayWidth(cellText(row[i] ?? null))));
        const wrap = sheet.wrap?.includes(i) ?? false;
        return {
          key: String(i),
          width: Math.min(wrap ? (sheet.name === '概要' ? 90 : WRAP_WIDTH) : 60, widest + 2),
          style: { alignment: { vertical: 'top', wrapText: wrap } },
        };
      });
      if (sheet.filter) {
        ws.autoFilter = range;
        filters.push({ index, name: sheet.name, range });
      }
      const head = ws.addRow(sheet.header);
      head.font = { bold: true };
      head.alignment = { vertical: 'top', wrapText: true };
      head.commit();
      sheet.rows.forEach((cells, ri) => {
        const row = ws.addRow(cells);
        cells.forEach((v, ci) => {
          if (v instanceof Date || typeof v === 'number') row.getCell(ci + 1).numFmt = (typeof v === 'number' && sheet.numFmt?.(ri, ci, v)) || cellNumFmt(v);
        });
        row.commit();
      });
      ws.commit();
    });
    addFilterDatabaseNames(wb, filters);
    await wb.commit();
  };
  write().catch((e) => out.destroy(e as Error));
  return out;
}
