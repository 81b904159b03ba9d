/**
 * The layout of the editing workbook (進捗管理表), one definition for the export, the import and the
 * 記入方法 sheet: the sheets, their columns (Japanese headers), how each cell is read and who may change it.
 * See docs/import-layout.md.
 */
import {
  readDate,
  readFiscalYear,
  readId,
  readNumber,
  readQuarter,
  readStatus,
  readText,
  type CellValue,
  type Read,
} from '../domain/sheet-cells.ts';

export type Entity = 'plan' | 'item' | 'milestone' | 'kpiValue';
export type SheetKey = 'plans' | 'items' | 'milestones' | 'kpiValues';

/** Who may change a column: everyone who may edit the row (progress), HQ only (planning), or nobody. */
export type Editable = 'progress' | 'hq' | 'never';

export interface ColumnSpec {
  header: string;
  /** The API field (or, for references by name, a field the import resolves: categoryName, sectionName…). */
  field: string;
  read: (v: CellValue) => Read<unknown>;
  editable: Editable;
  /** Explanation for 記入方法. */
  help: string;
  /** Export: a date column (real Excel dates), a list validation. */
  date?: true;
  list?: 'status' | 'category' | 'section';
  width?: number;
}

export interface SheetSpec {
  key: SheetKey;
  name: string;
  entity: Entity;
  columns: ColumnSpec[];
  /** Headers a file must have for this sheet to be read. */
  required: string[];
}

const id = (what: string) => (v: CellValue) => readId(v, what);
const text = (v: CellValue) => readText(v);

const ID_HELP = '行の番号（変更しない）。空欄の行は新しく登録する行です。';
const VERSION_HELP = '出力した時点の版（変更しない）。取込時に現在の版と比べ、アプリで更新済みの行は「競合」として上書きしません。';

export const PLAN_SHEET: SheetSpec = {
  key: 'plans',
  name: '計画',
  entity: 'plan',
  required: ['計画名'],
  columns: [
    { header: 'ID', field: 'id', read: id('ID'), editable: 'never', help: ID_HELP },
    { header: '版', field: 'version', read: id('版'), editable: 'never', help: VERSION_HELP },
    { header: '計画名', field: 'title', read: text, editable: 'hq', help: 'DX推進計画の名称。', width: 40 },
    { header: '開始年度', field: 'startFiscalYear', read: readFiscalYear, editable: 'hq', help: '計画期間の最初の年度（2022 または 令和4年度）。' },
    { header: '終了年度', field: 'endFiscalYear', read: readFiscalYear, editable: 'hq', help: '計画期間の最後の年度。' },
    { header: '策定日', field: 'adoptedOn', read: readDate, editable: 'hq', help: '計画を策定した日（任意）。', date: true },
  ],
};

export const ITEM_SHEET: SheetSpec = {
  key: 'items',
  name: '取組',
  entity: 'item',
  required: ['ID', '版', '取組名'],
  columns: [
    { header: 'ID', field: 'id', read: id('ID'), editable: 'never', help: ID_HELP },
    { header: '版', field: 'version', read: id('版'), editable: 'never', help: VERSION_HELP },
    { header: '計画ID', field: 'planId', read: id('計画ID'), editable: 'never', help: '取組が属する計画（変更しない）。新しい行で空欄のときは団体の計画（計画が1つの場合）。' },
    { header: '区分', field: 'categoryName', read: text, editable: 'hq', help: '取組分野（一覧から選択）。', list: 'category', width: 24 },
    { header: '取組名', field: 'title', read: text, editable: 'hq', help: '取組事項の名称（200文字以内）。マイルストーンのシートから名前で参照できます。', width: 50 },
    { header: '担当課', field: 'sectionName', read: text, editable: 'hq', help: '担当課（一覧から選択。団体に登録済みの課）。', list: 'section', width: 20 },
    { header: '目標年度', field: 'targetFiscalYear', read: readFiscalYear, editable: 'hq', help: '完了を目指す年度（2025 または 令和7年度）。' },
    { header: '説明', field: 'notes', read: text, editable: 'progress', help: '取組の備考・説明。DX推進員も変更できます。', width: 50 },
  ],
};

export const MILESTONE_SHEET: SheetSpec = {
  key: 'milestones',
  name: 'マイルストーン',
  entity: 'milestone',
  required: ['ID', '版', 'マイルストーン'],
  columns: [
    { header: 'ID', field: 'id', read: id('ID'), editable: 'never', help: ID_HELP },
    { header: '版', field: 'version', read: id('版'), editable: 'never', help: VERSION_HELP },
    { header: '取組ID', field: 'itemId', read: id('取組ID'), editable: 'never', help: 'マイルストーンが属する取組のID。新しい行では、取組IDか取組名のどちらかで取組を指定します。' },
    { header: '取組名', field: 'itemTitle', read: text, editable: 'never', help: '取組の名称（参照用）。新しい行で取組IDが空欄のときは、この名前の取組（同じファイルで新しく登録する取組も可）に追加します。', width: 40 },
    { header: 'マイルストーン', field: 'title', read: text, editable: 'hq', help: '工程の名称。', width: 40 },
    { header: '予定日', field: 'plannedDate', read: readDate, editable: 'hq', help: '期日（Excelの日付、または 2025/04/01・令和7年4月1日）。', date: true },
    { header: '実績日', field: 'actualDate', read: readDate, editable: 'progress', help: '完了した日。状況を「完了」にするときは必須、それ以外では空欄。今日より後の日付は入力できません。', date: true },
    { header: '状況', field: 'status', read: readStatus, editable: 'progress', help: '未着手・進行中・完了・対象外 のいずれか（一覧から選択）。', list: 'status' },
    { header: '備考', field: 'note', read: text, editable: 'progress', help: '進捗の補足（4000文字以内）。', width: 40 },
    { header: '予定開始日', field: 'plannedStartDate', read: readDate, editable: 'hq', help: '工程の開始予定日（任意）。', date: true },
    { header: '実績開始日', field: 'actualStartDate', read: readDate, editable: 'progress', help: '実際に着手した日（任意）。', date: true },
    {
      header: '国の期限',
      field: 'deadline',
      read: text,
      editable: 'never',
      help: 'このマイルストーンが答える国の期限と、その日付（延長があれば延長後の期限）。参照用で、取り込みでは変更されません。',
      width: 40,
    },
    {
      header: '変更理由',
      field: 'replanReason',
      read: text,
      editable: 'hq',
      help: '予定日・予定開始日を変えた行の計画変更の理由（必須）。空欄の行は、取り込むときに付けたメモを理由にします。理由は変更履歴に残ります。',
      width: 40,
    },
  ],
};

export const KPI_VALUE_SHEET: SheetSpec = {
  key: 'kpiValues',
  name: '指標値',
  entity: 'kpiValue',
  required: ['ID', '版', '値'],
  columns: [
    { header: 'ID', field: 'id', read: id('ID'), editable: 'never', help: ID_HELP },
    { header: '版', field: 'version', read: id('版'), editable: 'never', help: VERSION_HELP },
    { header: '指標ID', field: 'kpiId', read: id('指標ID'), editable: 'never', help: '指標（KPI）のID。新しい行では指標IDか指標名で指標を指定します。' },
    { header: '指標名', field: 'kpiName', read: text, editable: 'never', help: '指標の名称（参照用）。', width: 40 },
    { header: '年度', field: 'fiscalYear', read: readFiscalYear, editable: 'never', help: '値の年度。既存の行では変更できません（期間を変えるには新しい行で登録）。' },
    { header: '四半期', field: 'quarter', read: readQuarter, editable: 'never', help: '0 = 年度値、1〜4 = 第1〜第4四半期（4月始まり）。' },
    { header: '値', field: 'value', read: readNumber, editable: 'progress', help: '実績値（数値）。今期の行は値を入れると登録され、空欄のままなら何もしません。' },
    { header: '備考', field: 'note', read: text, editable: 'progress', help: '値の補足。', width: 40 },
  ],
};

/** In the order they are applied: a plan before its items, items before their milestones. */
export const IMPORT_SHEETS: readonly SheetSpec[] = [PLAN_SHEET, ITEM_SHEET, MILESTONE_SHEET, KPI_VALUE_SHEET];
/** The exported sheets (the contract's order); 計画 is only read (new plans, docs/import-layout.md). */
export const EXPORT_SHEETS: readonly SheetSpec[] = [ITEM_SHEET, MILESTONE_SHEET, KPI_VALUE_SHEET];
export const ENTITY_ORDER: readonly Entity[] = ['plan', 'item', 'milestone', 'kpiValue'];
export const HELP_SHEET_NAME = '記入方法';
export const LIST_SHEET_NAME = '選択肢';

export const sheetByKey = (key: SheetKey) => IMPORT_SHEETS.find((s) => s.key === key)!;
export const sheetByEntity = (entity: Entity) => IMPORT_SHEETS.find((s) => s.entity === entity)!;
export const sheetByName = (name: string) => IMPORT_SHEETS.find((s) => s.name === name.trim());
