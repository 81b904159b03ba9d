import { describe, expect, it } from 'vitest';
import {
  importProgressPercent,
  importProgressText,
  announcedPercent,
  appliedLinks,
  applySummary,
  changeRows,
  checkImportFile,
  countItems,
  CSV_CONTENT_TYPE,
  encodingLabel,
  formatBytes,
  formatImportValue,
  formatUploadProgress,
  importContentType,
  MAX_IMPORT_BYTES,
  previewHeadline,
  previewState,
  problemColumn,
  problemRows,
  summarySentence,
  listCount,
  truncationNote,
  uploadPercent,
  XLSX_CONTENT_TYPE,
} from './imports.ts';
import { importPath } from './paths.ts';
import type { ImportCounts } from './types.ts';

const counts = (c: Partial<ImportCounts> = {}): ImportCounts => ({
  create: 0,
  update: 0,
  unchanged: 0,
  conflict: 0,
  refused: 0,
  error: 0,
  ...c,
});

describe('formatBytes', () => {
  it('uses binary units with one decimal below 10', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 - 1)).toBe('10 KB');
    expect(formatBytes(123 * 1024)).toBe('123 KB');
    expect(formatBytes(3.25 * 1024 * 1024)).toBe('3.3 MB');
    expect(formatBytes(MAX_IMPORT_BYTES)).toBe('50 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
  });
  it('shows a dash for nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('upload progress', () => {
  it('is a whole percent between 0 and 100', () => {
    expect(uploadPercent(0, 100)).toBe(0);
    expect(uploadPercent(999, 1000)).toBe(99);
    expect(uploadPercent(1000, 1000)).toBe(100);
    expect(uploadPercent(2000, 1000)).toBe(100);
    expect(uploadPercent(10, 0)).toBe(0);
  });
  it('formats bytes and percent together', () => {
    expect(formatUploadProgress(512 * 1024, 2 * 1024 * 1024)).toBe('512 KB / 2 MB（25%）');
  });
  it('announces only every 25%', () => {
    expect([0, 10, 24, 25, 49, 50, 74, 75, 99, 100].map((n) => announcedPercent(n, 100))).toEqual([0, 0, 0, 25, 25, 50, 50, 75, 75, 100]);
  });
});

describe('importContentType / checkImportFile', () => {
  it('judges the type by the extension, case-insensitively', () => {
    expect(importContentType('進捗管理表_上天草市.xlsx')).toBe(XLSX_CONTENT_TYPE);
    expect(importContentType('DATA.XLSX')).toBe(XLSX_CONTENT_TYPE);
    expect(importContentType('export.csv')).toBe(CSV_CONTENT_TYPE);
    expect(importContentType('old.xls')).toBeNull();
    expect(importContentType('notes.txt')).toBeNull();
    expect(importContentType('xlsx')).toBeNull();
  });
  it('refuses other types, empty files and files over 50 MB with a Japanese message', () => {
    expect(checkImportFile({ name: 'a.xlsx', size: 10 })).toBeNull();
    expect(checkImportFile({ name: 'a.csv', size: MAX_IMPORT_BYTES })).toBeNull();
    expect(checkImportFile({ name: 'a.xls', size: 10 })).toContain('.xlsx');
    expect(checkImportFile({ name: 'a.csv', size: 0 })).toBe('ファイルが空です。');
    expect(checkImportFile({ name: 'a.csv', size: MAX_IMPORT_BYTES + 1 })).toContain('上限 50 MB');
  });
});

describe('preview state and summary', () => {
  it('tells ready, no changes, problems and applied apart', () => {
    expect(previewState({ status: 'preview', counts: counts({ update: 2, unchanged: 10 }), canApply: true })).toBe('ready');
    expect(previewState({ status: 'preview', counts: counts({ unchanged: 10 }), canApply: false })).toBe('no-changes');
    expect(previewState({ status: 'preview', counts: counts({ update: 2, error: 1 }), canApply: false })).toBe('problems');
    expect(previewState({ status: 'preview', counts: counts({ conflict: 1 }), canApply: false })).toBe('problems');
    expect(previewState({ status: 'preview', counts: counts({ refused: 1 }), canApply: false })).toBe('problems');
    expect(previewState({ status: 'applied', counts: counts({ update: 2 }), canApply: false })).toBe('applied');
    // The server has the last word: changes but canApply false is not offered.
    expect(previewState({ status: 'preview', counts: counts({ update: 2 }), canApply: false })).toBe('problems');
  });
  it('has a headline per state', () => {
    expect(previewHeadline({ status: 'preview', counts: counts({ unchanged: 3 }), canApply: false })).toBe('変更はありません');
    expect(previewHeadline({ status: 'preview', counts: counts({ update: 1 }), canApply: true })).toBe('反映できます');
  });
  it('lists the six counts in order, marking problems only when there are some', () => {
    const items = countItems(counts({ update: 2, unchanged: 5, error: 1 }));
    expect(items.map((i) => i.label)).toEqual(['新規', '更新', '変更なし', '競合', '権限なし', 'エラー']);
    expect(items.map((i) => i.count)).toEqual([0, 2, 5, 0, 0, 1]);
    expect(items.filter((i) => i.alert).map((i) => i.key)).toEqual(['error']);
  });
  it('summarises in one sentence', () => {
    expect(summarySentence({ rows: 1234, counts: counts({ update: 2, unchanged: 1232 }) })).toBe(
      '1,234行を読み込みました。新規 0件・更新 2件・変更なし 1,232件・競合 0件・権限なし 0件・エラー 0件。',
    );
  });
  it('labels encodings', () => {
    expect(encodingLabel('utf-8-bom')).toBe('UTF-8（BOM付き）');
    expect(encodingLabel('shift_jis')).toBe('Shift_JIS');
    expect(encodingLabel(null)).toBe('文字コード不明');
  });
});

describe('changeRows', () => {
  it('maps a change to シート, 行, 種類, 対象 and 項目 (変更前 → 変更後)', () => {
    const rows = changeRows([
      {
        sheet: 'マイルストーン',
        row: 5,
        kind: 'update',
        entity: 'milestone',
        id: 17,
        label: '移行テスト',
        fields: [
          { field: 'status', label: '状況', from: '進行中', to: '完了' },
          { field: 'actualDate', label: '実績日', from: null, to: '2025-12-01' },
        ],
      },
      { sheet: '指標値', row: 9, kind: 'create', entity: 'kpiValue', id: null, label: '', fields: [{ field: 'value', label: '値', from: null, to: '42' }] },
    ]);
    expect(rows[0]).toMatchObject({
      sheet: 'マイルストーン',
      row: 5,
      kindLabel: 'マイルストーンの更新',
      target: '移行テスト',
      fields: [
        { label: '状況', from: '進行中', to: '完了' },
        { label: '実績日', from: '（空欄）', to: '2025-12-01' },
      ],
    });
    // A new row has no "before"; without a label or id it still names something.
    expect(rows[1]).toMatchObject({ kindLabel: '指標値の新規', target: '（名称なし）', fields: [{ label: '値', from: '', to: '42' }] });
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });
  it('shows empty values as （空欄）', () => {
    expect(formatImportValue('')).toBe('（空欄）');
    expect(formatImportValue(null)).toBe('（空欄）');
    expect(formatImportValue('0')).toBe('0');
  });
});

describe('problemRows', () => {
  it('names the column by letter and header, and the kind in Japanese', () => {
    const rows = problemRows([
      { sheet: 'マイルストーン', row: 7, column: 'H', columnLabel: '状況', kind: 'error', message: '状況「保留」は使えません' },
      { sheet: 'マイルストーン', row: 7, column: 'F', columnLabel: '予定日', kind: 'error', message: '日付が正しくありません' },
      { sheet: '取組', row: 3, column: null, columnLabel: null, kind: 'conflict', message: '書き出した後に変更されています' },
      { sheet: '指標値', row: 4, column: null, columnLabel: null, kind: 'refused', message: '担当外の課です' },
    ]);
    expect(rows.map((r) => [r.sheet, r.row, r.column, r.kindLabel])).toEqual([
      ['マイルストーン', 7, 'H（状況）', 'エラー'],
      ['マイルストーン', 7, 'F（予定日）', 'エラー'],
      ['取組', 3, '—', '競合'],
      ['指標値', 4, '—', '権限なし'],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(4);
    expect(problemColumn({ column: 'F', columnLabel: null })).toBe('F');
    expect(problemColumn({ column: null, columnLabel: '予定日' })).toBe('予定日');
  });
});

describe('truncation, apply result and links', () => {
  it('notes capped lists only', () => {
    expect(truncationNote(false, 200, 200, '変更')).toBeNull();
    expect(truncationNote(true, 200, 1234, '変更')).toBe('変更 1,234件のうち最初の200件を表示しています。');
    expect(truncationNote(true, 500, 400, '問題')).toBe('問題のうち最初の500件を表示しています。');
  });
  it('counts rows in captions, saying when the list is capped', () => {
    expect(listCount(2, 2, false)).toBe('2件');
    expect(listCount(200, 5000, true)).toBe('全5,000件中 200件を表示');
    expect(listCount(500, 300, true)).toBe('最初の500件を表示');
  });
  it('summarises what was applied', () => {
    expect(applySummary({ create: 0, update: 2 })).toBe('反映しました（新規 0件・更新 2件）。');
  });
  it('links to 変更履歴 only when allowed, and to the pages the changes appear on', () => {
    const changes = [
      { entity: 'milestone' as const, id: 3, label: 'A' },
      { entity: 'item' as const, id: 9, label: '住民記録' },
      { entity: 'item' as const, id: 9, label: '住民記録' },
    ];
    expect(appliedLinks(5, changes, { audit: true, updates: true })).toEqual([
      { href: '/bodies/5/audit', label: '変更履歴' },
      { href: '/items/9', label: '取組「住民記録」' },
      { href: '/bodies/5/timeline', label: '工程表' },
      { href: '/bodies/5/updates', label: '今期の更新' },
      { href: '/bodies/5', label: '概要' },
    ]);
    expect(appliedLinks(5, [{ entity: 'kpiValue', id: 1, label: 'x' }], { audit: false, updates: false })).toEqual([
      { href: '/bodies/5/kpis', label: '指標' },
      { href: '/bodies/5', label: '概要' },
    ]);
  });
  it('builds the import URLs', () => {
    expect(importPath(5)).toBe('/bodies/5/import');
    expect(importPath(5, 12)).toBe('/bodies/5/import/12');
  });
});

describe('importProgressText / importProgressPercent (GET /api/imports/progress)', () => {
  const base = { rowsRead: 0, rowsChecked: 0, rowsTotal: null };
  it('says what the server does, with the rows so far', () => {
    expect(importProgressText({ ...base, phase: 'receiving' })).toBe('ファイルを受け取っています…');
    expect(importProgressText({ ...base, phase: 'reading', rowsRead: 12000 })).toBe('ファイルを読み取っています（12,000 行）…');
    expect(importProgressText({ ...base, phase: 'waiting', rowsTotal: 50000 })).toBe('50,000 行を読み取りました。ほかの取込が終わるのを待っています…');
    expect(importProgressText({ ...base, phase: 'waiting' })).toBe('ほかの取込が終わるのを待っています…');
    expect(importProgressText({ ...base, phase: 'checking', rowsChecked: 1500, rowsTotal: 50000 })).toBe('内容を確認しています（1,500 / 50,000 行）…');
    expect(importProgressText({ ...base, phase: 'storing', rowsChecked: 50000 })).toBe('50,000 行を確認しました。結果を保存しています…');
  });
  it('gives a share only while checking a known number of rows', () => {
    expect(importProgressPercent({ phase: 'reading', rowsChecked: 0, rowsTotal: null })).toBeNull();
    expect(importProgressPercent({ phase: 'checking', rowsChecked: 10, rowsTotal: null })).toBeNull();
    expect(importProgressPercent({ phase: 'checking', rowsChecked: 2500, rowsTotal: 10000 })).toBe(25);
    expect(importProgressPercent({ phase: 'storing', rowsChecked: 10001, rowsTotal: 10000 })).toBe(100);
  });
});
