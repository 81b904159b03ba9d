// Excelで一括更新 (export → edit → import): labels and pure helpers for the upload and the dry-run
// preview (no UI, no API calls). Tests: imports.test.ts.
import { formatInteger } from './format.ts';
import { bodyPath, itemPath } from './paths.ts';
import type { ImportChange, ImportCounts, ImportEntity, ImportPreview, ImportProblem, ImportProblemKind, RunningImport } from './types.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv';
/** What the file input offers (extensions and MIME types). */
export const IMPORT_ACCEPT = `.xlsx,.csv,${XLSX_CONTENT_TYPE},${CSV_CONTENT_TYPE}`;
/** The server refuses larger uploads (413). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * The Content-Type to upload a file with, judged by its name (browsers report CSV as text/csv,
 * application/vnd.ms-excel or nothing, depending on the OS): null when it is neither .xlsx nor .csv.
 */
export function importContentType(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return XLSX_CONTENT_TYPE;
  if (lower.endsWith('.csv')) return CSV_CONTENT_TYPE;
  return null;
}

/** Why a file cannot be uploaded (Japanese), or null when it may be. */
export function checkImportFile(file: { name: string; size: number }): string | null {
  if (importContentType(file.name) === null) return 'Excelファイル（.xlsx）またはCSVファイル（.csv）を選んでください。';
  if (file.size === 0) return 'ファイルが空です。';
  if (file.size > MAX_IMPORT_BYTES) return `ファイルが大きすぎます（上限 ${formatBytes(MAX_IMPORT_BYTES)}、選んだファイル ${formatBytes(file.size)}）。`;
  return null;
}

/** 512 → '512 B', 1536 → '1.5 KB', 52428800 → '50 MB' (binary units, one decimal below 10). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} B`;
  return `${value.toFixed(value < 10 ? 1 : 0).replace(/\.0$/, '')} ${units[unit]}`;
}

/** Whole percent sent, 0–100 (0 when the total is unknown). */
export function uploadPercent(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((loaded / total) * 100)));
}

/** '1.2 MB / 3.4 MB（35%）' */
export function formatUploadProgress(loaded: number, total: number): string {
  return `${formatBytes(loaded)} / ${formatBytes(total)}（${uploadPercent(loaded, total)}%）`;
}

/**
 * The percent step to announce to screen readers (every 25%): the live region changes only when
 * this does, so a fast stream of progress events is not read out one by one.
 */
export function announcedPercent(loaded: number, total: number): number {
  return Math.floor(uploadPercent(loaded, total) / 25) * 25;
}

/** How the server read a CSV: 'UTF-8（BOM付き）', 'Shift_JIS' … */
export function encodingLabel(encoding: ImportPreview['encoding']): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-8-bom':
      return 'UTF-8（BOM付き）';
    case 'shift_jis':
      return 'Shift_JIS';
    default:
      return '文字コード不明';
  }
}

// ---- the dry-run preview -------------------------------------------------------------------------

export type CountKey = keyof ImportCounts;

/** The summary counts, in display order. Problems (競合・権限なし・エラー) block 反映. */
export const COUNT_LABELS: readonly { key: CountKey; label: string; problem: boolean }[] = [
  { key: 'create', label: '新規', problem: false },
  { key: 'update', label: '更新', problem: false },
  { key: 'unchanged', label: '変更なし', problem: false },
  { key: 'conflict', label: '競合', problem: true },
  { key: 'refused', label: '権限なし', problem: true },
  { key: 'error', label: 'エラー', problem: true },
];

export interface CountItem {
  key: CountKey;
  label: string;
  count: number;
  /** A problem kind with at least one row. */
  alert: boolean;
}

export function countItems(counts: ImportCounts): CountItem[] {
  return COUNT_LABELS.map(({ key, label, problem }) => ({ key, label, count: counts[key], alert: problem && counts[key] > 0 }));
}

export const ENTITY_LABELS: Record<ImportEntity, string> = {
  plan: '計画',
  item: '取組',
  milestone: 'マイルストーン',
  kpiValue: '指標値',
};

export const PROBLEM_KIND_LABELS: Record<ImportProblemKind, string> = {
  error: 'エラー',
  conflict: '競合',
  refused: '権限なし',
};

export type PreviewState = 'applied' | 'ready' | 'problems' | 'no-changes';

/**
 * What the preview means for the user: already applied; ready to apply; blocked by problems
 * (conflicts, refusals, errors); or nothing to change (「変更はありません」).
 */
export function previewState(preview: Pick<ImportPreview, 'status' | 'counts' | 'canApply'>): PreviewState {
  if (preview.status === 'applied') return 'applied';
  const c = preview.counts;
  if (c.conflict + c.refused + c.error > 0) return 'problems';
  if (c.create + c.update === 0) return 'no-changes';
  return preview.canApply ? 'ready' : 'problems';
}

/** One sentence for the status line / live region: '120行を読み込みました。新規 0件・更新 2件・…' */
export function summarySentence(preview: Pick<ImportPreview, 'rows' | 'counts'>): string {
  const parts = countItems(preview.counts).map((c) => `${c.label} ${formatInteger(c.count)}件`);
  return `${formatInteger(preview.rows)}行を読み込みました。${parts.join('・')}。`;
}

/** The headline of the result, by state. */
export function previewHeadline(preview: Pick<ImportPreview, 'status' | 'counts' | 'canApply'>): string {
  switch (previewState(preview)) {
    case 'applied':
      return 'この取込は反映済みです';
    case 'no-changes':
      return '変更はありません';
    case 'problems':
      return '問題があるため反映できません';
    case 'ready':
      return '反映できます';
  }
}

/** A cell value of the changes table: null / '' → 「（空欄）」. */
export function formatImportValue(value: string | null): string {
  return value === null || value === '' ? '（空欄）' : value;
}

export interface ChangeRow {
  key: string;
  sheet: string;
  row: number;
  kindLabel: string;
  target: string;
  fields: { key: string; label: string; from: string; to: string }[];
}

/** Rows of the changes table (シート, 行, 種類, 対象, 項目: 変更前 → 変更後). */
export function changeRows(changes: readonly ImportChange[]): ChangeRow[] {
  return changes.map((c, i) => ({
    key: `${c.sheet}:${c.row}:${i}`,
    sheet: c.sheet,
    row: c.row,
    kindLabel: `${ENTITY_LABELS[c.entity] ?? c.entity}の${c.kind === 'create' ? '新規' : '更新'}`,
    target: c.label || (c.id !== null ? `ID ${c.id}` : '（名称なし）'),
    fields: c.fields.map((f) => ({
      key: f.field,
      label: f.label || f.field,
      from: c.kind === 'create' ? '' : formatImportValue(f.from),
      to: formatImportValue(f.to),
    })),
  }));
}

export interface ProblemRow {
  key: string;
  sheet: string;
  row: number;
  /** 'F（予定日）', '予定日', 'F' or '—' */
  column: string;
  kind: ImportProblemKind;
  kindLabel: string;
  message: string;
}

export function problemColumn(p: Pick<ImportProblem, 'column' | 'columnLabel'>): string {
  if (p.column && p.columnLabel) return `${p.column}（${p.columnLabel}）`;
  return p.column || p.columnLabel || '—';
}

/** Rows of the problems table (シート, 行, 列, 内容), in file order. */
export function problemRows(problems: readonly ImportProblem[]): ProblemRow[] {
  return problems.map((p, i) => ({
    key: `${p.sheet}:${p.row}:${p.column ?? ''}:${i}`,
    sheet: p.sheet,
    row: p.row,
    column: problemColumn(p),
    kind: p.kind,
    kindLabel: PROBLEM_KIND_LABELS[p.kind] ?? p.kind,
    message: p.message,
  }));
}

/**
 * The note under a capped list (the server sends at most 200 changes / 500 problems):
 * '変更 1,234件のうち最初の200件を表示しています。…'; null when the list is complete.
 */
export function truncationNote(truncated: boolean, shown: number, total: number, what: string): string | null {
  if (!truncated) return null;
  const head = total > shown ? `${what} ${formatInteger(total)}件のうち` : `${what}のうち`;
  return `${head}最初の${formatInteger(shown)}件を表示しています。`;
}

/** The count in a table caption: '2件', or '全5,000件中 200件を表示' for a capped list. */
export function listCount(shown: number, total: number, truncated: boolean): string {
  if (!truncated) return `${formatInteger(shown)}件`;
  return total > shown ? `全${formatInteger(total)}件中 ${formatInteger(shown)}件を表示` : `最初の${formatInteger(shown)}件を表示`;
}

/** '反映しました（新規 2件・更新 3件）。' */
export function applySummary(applied: { create: number; update: number }): string {
  return `反映しました（新規 ${formatInteger(applied.create)}件・更新 ${formatInteger(applied.update)}件）。`;
}

/**
 * Where to look after applying: 変更履歴 (when the user may read it), then the pages the changes
 * show up on (changed items, 工程表 for milestones, 指標 for KPI values, 今期の更新), then 概要.
 */
export function appliedLinks(
  bodyId: number,
  changes: readonly Pick<ImportChange, 'entity' | 'id' | 'label'>[],
  allowed: { audit: boolean; updates: boolean },
): { href: string; label: string }[] {
  const links: { href: string; label: string }[] = [];
  if (allowed.audit) links.push({ href: bodyPath(bodyId, 'audit'), label: '変更履歴' });
  const items = new Map<number, string>();
  for (const c of changes) if (c.entity === 'item' && c.id !== null && !items.has(c.id)) items.set(c.id, c.label);
  for (const [id, label] of [...items].slice(0, 10)) links.push({ href: itemPath(id), label: `取組「${label}」` });
  if (changes.some((c) => c.entity === 'milestone' || c.entity === 'item' || c.entity === 'plan')) {
    links.push({ href: bodyPath(bodyId, 'timeline'), label: '工程表' });
  }
  if (changes.some((c) => c.entity === 'kpiValue')) links.push({ href: bodyPath(bodyId, 'kpis'), label: '指標' });
  if (allowed.updates) links.push({ href: bodyPath(bodyId, 'updates'), label: '今期の更新' });
  links.push({ href: bodyPath(bodyId), label: '概要' });
  return links;
}

/**
 * The server's progress of a running import, in words (the import page shows it under the bar and
 * announces it): 「12,000 / 50,000 行を確認しました」.
 */
export function importProgressText(r: Pick<RunningImport, 'phase' | 'rowsRead' | 'rowsChecked' | 'rowsTotal'>): string {
  const of = r.rowsTotal === null ? '' : ` / ${formatInteger(r.rowsTotal)}`;
  switch (r.phase) {
    case 'receiving':
      return 'ファイルを受け取っています…';
    case 'reading':
      return `ファイルを読み取っています（${formatInteger(r.rowsRead)} 行）…`;
    case 'waiting':
      return r.rowsTotal === null ? 'ほかの取込が終わるのを待っています…' : `${formatInteger(r.rowsTotal)} 行を読み取りました。ほかの取込が終わるのを待っています…`;
    case 'checking':
      return `内容を確認しています（${formatInteger(r.rowsChecked)}${of} 行）…`;
    case 'storing':
      return `${formatInteger(r.rowsChecked)} 行を確認しました。結果を保存しています…`;
  }
}

/** The share of rows checked (0–100), or null while the number of rows is not known. */
export function importProgressPercent(r: Pick<RunningImport, 'phase' | 'rowsChecked' | 'rowsTotal'>): number | null {
  if (r.phase !== 'checking' && r.phase !== 'storing') return null;
  if (!r.rowsTotal) return null;
  return Math.min(100, Math.floor((r.rowsChecked / r.rowsTotal) * 100));
}
