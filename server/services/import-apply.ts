/**
 * Applying an upload: the same check as the dry run, against the current data, in one transaction that
 * commits only when no row has a conflict, a refusal or an error (409 IMPORT_CONFLICT / 400
 * IMPORT_HAS_ERRORS with the fresh preview; nothing to change → 400 IMPORT_NO_CHANGES).
 *
 * Both rights (issue 14): every row is checked with the rights of the user who uploaded the file and of
 * the user who applies it, so DX推進本部 cannot apply, with its own wider rights, rows an officer was
 * refused; an uploader who was deleted or disabled since cannot have an import applied. Every write is
 * audited by the triggers as the applier, with the note
 * 「一括取込 #id（file name） 取込: uploader / 反映: applier」. The rows of an applied import are deleted
 * in the same transaction (the audit trail holds what changed); its preview stays for the retention period.
 */
import { currentActor, runAsActor } from '../audit/context.ts';
import type { Principal } from '../auth/policy.ts';
import { principalOf } from '../auth/users.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { findPreview, findUser, getImport } from '../repositories/imports.ts';
import { checkImport, type Checked } from './import-check.ts';
import { expiredImport, storePreview } from './import-preview.ts';
import { DIRECT_WORK, throttled, type ImportWork } from './import-work.ts';

/** The audit note of an apply (≤ 1000 characters, the x-audit-note's own limit). */
export function applyNote(importId: number, fileName: string, uploaderName: string, applierName: string, extra = ''): string {
  return `一括取込 #${importId}（${fileName}） 取込: ${uploaderName} / 反映: ${applierName}${extra ? ` ${extra}` : ''}`.slice(0, 1000);
}

/**
 * Applies the import: every check and the writes under the write lock (`work.writing`), so two applies
 * of one import, or an apply and an API write, never interleave.
 */
export function applyImport(db: Db, id: number, applier: Principal, today: string, work: ImportWork = DIRECT_WORK) {
  work.progress({ phase: 'waiting', importId: id });
  return work.writing(() => applyLocked(db, id, applier, today, work));
}

function applyLocked(db: Db, id: number, applier: Principal, today: string, work: ImportWork) {
  work.progress({ phase: 'checking', rowsChecked: 0 });
  const checking = throttled(work.progress);
  const row = getImport(db, id);
  if (row.status === 'applied') {
    throw new AppError(409, 'IMPORT_ALREADY_APPLIED', `この取込（#${id}）はすでに反映済みです（${row.appliedAt ?? ''}）。`);
  }
  if (row.status === 'expired' || findPreview(db, id) === undefined) throw expiredImport(row);
  const uploaderRow = row.userId === null ? undefined : findUser(db, row.userId);
  if (!uploaderRow || uploaderRow.disabled) {
    throw new AppError(
      409,
      'IMPORT_UPLOADER_UNAVAILABLE',
      `取り込んだ人（${row.userName}）の利用者が削除または無効にされているため、この取込は反映できません。内容を確認して、もう一度取り込んでください。`,
    );
  }
  const uploader = principalOf(db, uploaderRow);
  const as: Checked[] =
    uploader.id === applier.id
      ? [{ principal: applier, role: null }]
      : [
          { principal: uploader, role: 'uploader' },
          { principal: applier, role: 'applier' },
        ];
  const actor = currentActor();
  const note = applyNote(row.id, row.fileName, row.userName || uploader.displayName, applier.displayName, actor?.note);
  work.progress({ rowsTotal: row.rowCount });
  const run = () => checkImport(db, row, as, today, 'apply', (n) => checking({ rowsChecked: n }));
  const outcome = actor ? runAsActor({ ...actor, note }, run) : run();
  if (!outcome.applied) {
    const fresh = storePreview(db, row, outcome);
    const c = outcome.counts;
    const details = fresh as unknown as Record<string, unknown>;
    if (c.conflict + c.refused > 0) {
      throw new AppError(409, 'IMPORT_CONFLICT', `反映できませんでした。競合${c.conflict}行・権限外${c.refused}行・エラー${c.error}行があります（何も変更していません）。`, undefined, details);
    }
    if (c.error > 0) throw new AppError(400, 'IMPORT_HAS_ERRORS', `反映できませんでした。エラーが${c.error}行あります（何も変更していません）。`, undefined, details);
    throw new AppError(400, 'IMPORT_NO_CHANGES', '登録・更新する行がないため、反映するものはありません。', undefined, details);
  }
  storePreview(db, getImport(db, id), outcome);
  return { importId: id, status: 'applied' as const, applied: { create: outcome.counts.create, update: outcome.counts.update } };
}
