// One file upload for Excelで一括更新: the chosen file, upload progress (bytes), the server's parsing
// phase, cancel, and the error. The actual request is a callback from the page (lib/api.ts
// `uploadImport`), so components stay API-agnostic.

import { ApiError, isAbortError, type UploadProgress } from './api.ts';
import { announcedPercent, checkImportFile, importContentType } from './imports.ts';
import type { ImportProgressWatch } from './import-progress.svelte.ts';

export type UploadPhase = 'idle' | 'uploading' | 'parsing' | 'failed' | 'cancelled' | 'done';

export interface UploadHandlers {
  onProgress: (p: UploadProgress) => void;
  onUploaded: () => void;
  signal: AbortSignal;
}

export type UploadSend<T> = (file: File, contentType: string, handlers: UploadHandlers) => Promise<T>;

export class ImportUpload<T> {
  file = $state.raw<File | null>(null);
  phase = $state<UploadPhase>('idle');
  loaded = $state(0);
  total = $state(0);
  /** Why the chosen file cannot be sent, or the server's answer (Japanese). */
  error = $state<string | null>(null);
  /** Progress step for the live region (0, 25, 50, 75, 100): changes rarely. */
  announced = $derived(announcedPercent(this.loaded, this.total));
  busy = $derived(this.phase === 'uploading' || this.phase === 'parsing');

  #controller: AbortController | null = null;
  readonly #send: UploadSend<T>;

  /** The server's rows read / checked while it works on the file (the page passes one; tests may not). */
  readonly server: ImportProgressWatch | null;

  constructor(send: UploadSend<T>, server: ImportProgressWatch | null = null) {
    this.#send = send;
    this.server = server;
  }

  /** Choose a file (from the input or a drop); checks its type and size at once. */
  choose(file: File | null): void {
    if (this.busy) return;
    this.file = file;
    this.phase = 'idle';
    this.loaded = 0;
    this.total = file?.size ?? 0;
    this.error = file ? checkImportFile(file) : null;
  }

  /** Upload the chosen file; resolves with the server's answer, or null (cancelled / failed). */
  async start(): Promise<T | null> {
    const file = this.file;
    if (!file || this.busy) return null;
    const problem = checkImportFile(file);
    const contentType = importContentType(file.name);
    if (problem || !contentType) {
      this.error = problem;
      this.phase = 'failed';
      return null;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.error = null;
    this.loaded = 0;
    this.total = file.size;
    this.phase = 'uploading';
    try {
      const result = await this.#send(file, contentType, {
        signal: controller.signal,
        onProgress: (p) => {
          if (this.#controller !== controller) return;
          this.loaded = p.loaded;
          this.total = p.total;
        },
        onUploaded: () => {
          if (this.#controller !== controller) return;
          this.loaded = this.total;
          this.phase = 'parsing';
          this.server?.start();
        },
      });
      if (this.#controller !== controller) return null;
      this.phase = 'done';
      return result;
    } catch (error) {
      if (this.#controller !== controller) return null;
      if (isAbortError(error)) {
        this.phase = 'cancelled';
      } else {
        this.phase = 'failed';
        this.error = error instanceof ApiError ? error.message : 'アップロード中にエラーが発生しました。';
        if (!(error instanceof ApiError)) console.error(error);
      }
      return null;
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.server?.stop();
      }
    }
  }

  /** Stop the upload (xhr.abort()); nothing is stored on the server. */
  cancel = (): void => {
    this.#controller?.abort();
  };
}
