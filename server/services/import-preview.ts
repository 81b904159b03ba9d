/**
 * The preview of an upload (ImportPreview): counts, the first changes and problems of the last check,
 * stored with the import for `GET /api/imports/:importId` and answered with its current status. After
 * the retention period (config `IMPORT_RETENTION_DAYS`) the preview is deleted with the rows and the
 * import answers 404 with the reason.
 */
import type { Db } from '../db/client.ts';
import type { Import } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findPreview, getImport, savePreview } from '../repositories/imports.ts';
import type { ImportPreview } from '../schemas/imports.ts';
import type { Outcome } from './import-check.ts';

const appliedOf = (row: Import) =>
  row.status === 'applied' ? { create: row.appliedCreate ?? 0, update: row.appliedUpdate ?? 0, at: row.appliedAt ?? '' } : null;

const statusOf = (row: Import): ImportPreview['status'] => (row.status === 'applied' ? 'applied' : 'preview');

export const expiredImport = (row: Import) =>
  new AppError(
    404,
    'IMPORT_EXPIRED',
    `この取込（#${row.id}、${row.fileName}）の確認結果は、保存期間を過ぎたため削除されました。${row.status === 'applied' ? '反映した内容は変更履歴で確認できます。' : 'もう一度ファイルを取り込んでください。'}`,
  );

export function importPreview(db: Db, id: number): ImportPreview {
  const row = getImport(db, id);
  const stored = findPreview(db, id);
  if (!stored) throw expiredImport(row);
  return { ...(JSON.parse(stored) as ImportPreview), status: statusOf(row), applied: appliedOf(row) };
}

/** Stores the outcome of a check as the import's preview and returns it. */
export function storePreview(db: Db, row: Import, o: Outcome): ImportPreview {
  const preview: ImportPreview = {
    importId: row.id,
    bodyId: row.bodyId,
    sectionId: row.sectionId,
    fileName: row.fileName,
    format: row.format,
    encoding: row.encoding,
    status: statusOf(row),
    createdAt: row.createdAt,
    createdBy: row.userName,
    rows: row.rowCount,
    counts: o.counts,
    canApply: o.canApply,
    changes: o.changes,
    problems: o.problems,
    truncated: o.truncated,
    applied: appliedOf(row),
  };
  savePreview(db, row.id, JSON.stringify(preview));
  return preview;
}
