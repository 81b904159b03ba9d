/**
 * 進捗管理表 for editing: a body's plan, or one section's part of it, as an .xlsx workbook (streamed with
 * exceljs' WorkbookWriter) or one sheet as CSV (UTF-8 BOM, CRLF, formulas defused), with the stable ids
 * and versions that make the round trip safe (services/import-check.ts). Layout: workbook-layout.ts.
 */
import { PassThrough, type Readable } from 'node:stream';
import { csvDocument } from './csv.ts';
import type ExcelJS from 'exceljs';
import { loadExcel } from './export-libs.ts';
import type { Db } from '../db/client.ts';
import { fiscalQuarterLabel, fiscalQuarterOf } from '../domain/fiscal.ts';
import { formatOfficialDate, officialDateNumFmt } from '../domain/wareki.ts';
import { SHEET_STATUS_LABELS } from '../domain/sheet-cells.ts';
import { deadlineWord, MILESTONE_STATUSES } from '../domain/labels.ts';
import { effectiveDeadline } from '../domain/deadlines.ts';
import { loadBodyPlan } from '../repositories/body-plan.ts';
import { notFound } from '../errors.ts';
import { cellText, colName, displayWidth, excelDate } from './quarter-exports.ts';
import { addFilterDatabaseNames, printOptions, type SheetFilter } from './xlsx-print.ts';
import {
  EXPORT_SHEETS,
  HELP_SHEET_NAME,
  IMPORT_SHEETS,
  ITEM_SHEET,
  KPI_VALUE_SHEET,
  LIST_SHEET_NAME,
  MILESTONE_SHEET,
  PLAN_SHEET,
  type SheetKey,
  type SheetSpec,
} from './workbook-layout.ts';

type Cell = string | number | null;
export interface WorkbookData {
  bodyName: string;
  /** The day it was written (YYYY-MM-DD): header and footer of the printed sheets. */
  today: string;
  categories: string[];
  sections: string[];
  /** Rows per sheet, cells in the order of the sheet's columns; dates as YYYY-MM-DD. */
  rows: Record<'items' | 'milestones' | 'kpiValues', Cell[][]>;
}

/** The rows of the workbook: everything of the body, or only what the section owns. */
export function workbookData(db: Db, bodyId: number, sectionId: number | null, today: string): WorkbookData {
  const plan = loadBodyPlan(db, bodyId);
  if (sectionId !== null && !plan.sections.some((s) => s.id === sectionId)) throw notFound('課', sectionId);
  const categoryName = new Map(plan.categories.map((c) => [c.id, c.name]));
  const sectionName = new Map(plan.sections.map((s) => [s.id, s.name]));
  const items = plan.items.filter((i) => sectionId === null || i.sectionId === sectionId);
  const itemById = new Map(plan.items.map((i) => [i.id, i]));
  const deadlineById = new Map(plan.deadlines.map((d) => [d.id, d]));
  /** 「標準準拠システムへの移行：延長後の期限 2031/03/31」: the deadline a milestone answers, after extensions. */
  const deadlineText = (m: { nationalDeadlineId: number | null; itemId: number }) => {
    const d = m.nationalDeadlineId === null ? undefined : deadlineById.get(m.nationalDeadlineId);
    if (!d) return '';
    const e = effectiveDeadline(d, plan.extensions, { bodyId: plan.body.id, itemId: m.itemId });
    return `${d.title}：${deadlineWord(e.extended)} ${e.effectiveDate.replaceAll('-', '/')}`;
  };
  const itemIds = new Set(items.map((i) => i.id));
  const kpis = plan.kpis.filter((k) => sectionId === null || (k.itemId !== null && itemIds.has(k.itemId)));
  const kpiIds = new Set(kpis.map((k) => k.id));
  const current = fiscalQuarterOf(today);

  const kpiRows: Cell[][] = [];
  for (const k of kpis) {
    const values = plan.kpiValues.filter((v) => v.kpiId === k.id);
    for (const v of values) kpiRows.push([v.id, v.version, k.id, k.name, v.fiscalYear, v.quarter, v.value, v.note]);
    // An empty row for this quarter, ready to be filled in (left empty, the import ignores it).
    if (!values.some((v) => v.fiscalYear === current.fiscalYear && v.quarter === current.quarter)) {
      kpiRows.push([null, null, k.id, k.name, current.fiscalYear, current.quarter, null, '']);
    }
  }
  return {
    bodyName: plan.body.name,
    today,
    categories: plan.categories.map((c) => c.name),
    sections: plan.sections.map((s) => s.name),
    rows: {
      items: items.map((i) => [
        i.id,
        i.version,
        i.planId,
        categoryName.get(i.categoryId) ?? '',
        i.title,
        sectionName.get(i.sectionId) ?? '',
        i.targetFiscalYear,
        i.notes,
      ]),
      milestones: plan.milestones
        .filter((m) => itemIds.has(m.itemId))
        .map((m) => [
          m.id,
          m.version,
          m.itemId,
          itemById.get(m.itemId)?.title ?? '',
          m.title,
          m.plannedDate,
          m.actualDate,
          SHEET_STATUS_LABELS[m.status],
          m.note,
          m.plannedStartDate,
          m.actualStartDate,
          deadlineText(m),
          '',
        ]),
      kpiValues: kpiRows.filter((r) => kpiIds.has(r[2] as number)),
    },
  };
}

/** `進捗管理表_上天草市_2026-11-23.xlsx` */
export function workbookFileName(bodyName: string, today: string, ext: 'xlsx' | 'csv', sheet?: SheetSpec): string {
  const name = bodyName.replace(/[\\/:*?"<>|\s]+/g, '_');
  return `進捗管理表_${name}${sheet ? `_${sheet.name}` : ''}_${today}.${ext}`;
}

const LIST_VALIDATION_ROWS = 1000;
const STATUS_LIST = MILESTONE_STATUSES.map((s) => SHEET_STATUS_LABELS[s]);

function helpRows(): string[][] {
  const who = { progress: 'DX推進員・DX推進本部', hq: 'DX推進本部', never: '変更しない' } as const;
  const rows: string[][] = [
    ['', '', '進捗管理表の記入方法', ''],
    ['', '', '・このファイルを編集して「一括取込」から取り込むと、変更内容の確認（取込前の確認）のあと、まとめて反映できます。', ''],
    ['', '', '・ID が空欄の行は新しい行として登録します。行を削除しても、アプリのデータは削除されません。', ''],
    ['', '', '・版は出力した時点の版です。出力後にアプリで更新された行を変更していると「競合」となり、その取込は反映できません（上書きしません）。', ''],
    ['', '', '・DX推進員が変更できるのは担当課の取組の進捗（状況・実績日・実績開始日・備考、指標の値、取組の説明）だけです。', ''],
    ['', '', '・日付はExcelの日付のほか、2025/04/01、2025-04-01、令和7年4月1日、令和7年（2025年）4月1日 の形で入力できます。', ''],
    ['', '', `・状況は ${STATUS_LIST.join('・')} のいずれかです。「完了」には実績日が必要です。`, ''],
    ['', '', '・CSVで取り込む場合は1つのシートを1つのCSVにします（UTF-8 または Excel の「CSV（コンマ区切り）」）。見出し行は変えないでください。', ''],
    ['', '', `・計画がまだない団体は、同じ形式で ID・版 を空欄にして取組・マイルストーンを記入し、「${PLAN_SHEET.name}」シート（${PLAN_SHEET.columns
      .filter((c) => c.editable !== 'never')
      .map((c) => c.header)
      .join('・')}）を加えると、計画ごと登録できます（docs/import-layout.md）。`, ''],
    ['', '', '', ''],
    ['シート', '列', '説明', '変更できる人'],
  ];
  for (const sheet of IMPORT_SHEETS) {
    for (const c of sheet.columns) rows.push([sheet.name, c.header, c.help, who[c.editable]]);
  }
  return rows;
}

export async function workbookXlsx(data: WorkbookData): Promise<Readable> {
  const ExcelJS = await loadExcel();
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'DX推進計画 進捗管理ダッシュボード';
  const listRange = (col: 'A' | 'B' | 'C', n: number) => `${LIST_SHEET_NAME}!$${col}$1:$${col}$${Math.max(1, n)}`;
  const print = { left: data.bodyName, center: `進捗管理表（${fiscalQuarterLabel(fiscalQuarterOf(data.today))}）`, footerLeft: `出力日 ${formatOfficialDate(data.today)}` };
  const write = async () => {
    const filters: SheetFilter[] = [];
    EXPORT_SHEETS.forEach((sheet, index) => {
      const rows = data.rows[sheet.key as 'items' | 'milestones' | 'kpiValues'];
      const lastRow = rows.length + 1;
      const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }], ...printOptions(sheet.columns.length, lastRow, print) });
      ws.columns = sheet.columns.map((c, i) => ({
        key: String(i),
        width:
          c.width ??
          Math.min(40, Math.max(displayWidth(c.header), ...rows.slice(0, 200).map((r) => displayWidth(c.date ? cellText(excelDate(r[i] as string | null)) : String(r[i] ?? '')))) + 2),
        // Dates typed into new rows show in the one date style too.
        style: c.date ? { numFmt: officialDateNumFmt(null) } : {},
      }));
      const filter = `A1:${colName(sheet.columns.length - 1)}${lastRow}`;
      ws.autoFilter = filter;
      filters.push({ index, name: sheet.name, range: filter });
      const last = rows.length + 1 + LIST_VALIDATION_ROWS;
      // exceljs' types leave out the sheet's data validations (the writer has them: worksheet-writer.js).
      const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
      sheet.columns.forEach((c, i) => {
        const range = `${colName(i)}2:${colName(i)}${last}`;
        const error = { showErrorMessage: true, errorStyle: 'stop' as const, errorTitle: c.header, error: `${c.header}は一覧から選んでください。` };
        if (c.list === 'status') validations.add(range, { type: 'list', allowBlank: true, formulae: [`"${STATUS_LIST.join(',')}"`], ...error });
        if (c.list === 'category') validations.add(range, { type: 'list', allowBlank: true, formulae: [listRange('B', data.categories.length)], ...error });
        if (c.list === 'section') validations.add(range, { type: 'list', allowBlank: true, formulae: [listRange('C', data.sections.length)], ...error });
      });
      const head = ws.addRow(sheet.columns.map((c) => c.header));
      head.font = { bold: true };
      head.eachCell((cell, col) => {
        const editable = sheet.columns[col - 1]!.editable;
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: editable === 'never' ? 'FFD9D9D9' : editable === 'hq' ? 'FFFFF2CC' : 'FFE2EFDA' } };
      });
      head.commit();
      for (const r of rows) {
        const row = ws.addRow(r.map((v, i) => (sheet.columns[i]!.date ? excelDate(v as string | null) : v)));
        r.forEach((v, i) => {
          if (sheet.columns[i]!.date && v) row.getCell(i + 1).numFmt = officialDateNumFmt(v as string);
        });
        row.commit();
      }
      ws.commit();
    });
    const helpRowsList = helpRows();
    const help = wb.addWorksheet(HELP_SHEET_NAME, printOptions(4, helpRowsList.length, print));
    help.columns = [{ width: 16 }, { width: 16 }, { width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } }, { width: 24 }];
    for (const r of helpRowsList) help.addRow(r).commit();
    help.commit();
    const lists = wb.addWorksheet(LIST_SHEET_NAME, { state: 'hidden' });
    const n = Math.max(STATUS_LIST.length, data.categories.length, data.sections.length);
    for (let i = 0; i < n; i++) lists.addRow([STATUS_LIST[i] ?? null, data.categories[i] ?? null, data.sections[i] ?? null]).commit();
    lists.commit();
    addFilterDatabaseNames(wb, filters);
    await wb.commit();
  };
  write().catch((e) => out.destroy(e as Error));
  return out;
}

export const CSV_SHEETS: Record<Exclude<SheetKey, 'plans'>, SheetSpec> = { items: ITEM_SHEET, milestones: MILESTONE_SHEET, kpiValues: KPI_VALUE_SHEET };

/** One sheet as CSV for Excel in Japan: UTF-8 with BOM, CRLF, cells that look like formulas defused. */
export function workbookCsv(data: WorkbookData, key: keyof typeof CSV_SHEETS): Readable {
  const sheet = CSV_SHEETS[key];
  return csvDocument(
    sheet.columns.map((c) => c.header),
    data.rows[key],
  );
}
