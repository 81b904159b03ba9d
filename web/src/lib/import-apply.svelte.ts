// Applying one import (Excelで一括更新, step 3): ask → confirm → apply (all or nothing). On 409/400 the
// server sends the fresh dry run in `details` (rows changed in the app since the export are conflicts):
// it replaces the preview on screen, and nothing has been applied.

import { ApiError } from './api.ts';
import type { ImportApplyResult, ImportPreview } from './types.ts';
import type { ImportProgressWatch } from './import-progress.svelte.ts';

export type ApplyPhase = 'idle' | 'confirming' | 'applying' | 'applied' | 'failed';

/** The fresh preview carried by a refused apply (409 IMPORT_CONFLICT, 400 IMPORT_HAS_ERRORS), if any. */
export function freshPreview(error: unknown): ImportPreview | null {
  if (!(error instanceof ApiError) || !error.details) return null;
  const d = error.details as Partial<ImportPreview>;
  return typeof d.importId === 'number' && d.counts && Array.isArray(d.problems) && Array.isArray(d.changes) ? (d as ImportPreview) : null;
}

export class ImportApply {
  phase = $state<ApplyPhase>('idle');
  result = $state.raw<ImportApplyResult | null>(null);
  /** The server's Japanese message when applying was refused or failed. */
  error = $state<string | null>(null);
  errorCode = $state<string | null>(null);
  /** The fresh dry run sent with a refusal (replaces the preview on screen). */
  fresh = $state.raw<ImportPreview | null>(null);

  readonly #apply: () => Promise<ImportApplyResult>;

  /** The server's rows checked while it applies (the page passes one; tests may not). */
  readonly server: ImportProgressWatch | null;

  constructor(apply: () => Promise<ImportApplyResult>, server: ImportProgressWatch | null = null) {
    this.#apply = apply;
    this.server = server;
  }

  /** 「反映する」: show the confirmation step. */
  ask = (): void => {
    if (this.phase === 'idle' || this.phase === 'failed') this.phase = 'confirming';
  };

  /** 「やめる」 in the confirmation step. */
  back = (): void => {
    if (this.phase === 'confirming') this.phase = 'idle';
  };

  /** 「反映を確定する」 */
  run = async (): Promise<void> => {
    if (this.phase !== 'confirming') return;
    this.phase = 'applying';
    this.error = null;
    this.errorCode = null;
    this.server?.start();
    try {
      this.result = await this.#apply();
      this.phase = 'applied';
    } catch (error) {
      this.fresh = freshPreview(error) ?? this.fresh;
      this.error = error instanceof ApiError ? error.message : '反映できませんでした。';
      this.errorCode = error instanceof ApiError ? error.code : null;
      if (!(error instanceof ApiError)) console.error(error);
      this.phase = 'failed';
    } finally {
      this.server?.stop();
    }
  };
}
