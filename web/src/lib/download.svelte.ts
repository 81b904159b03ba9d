// A file download with progress (state for ReportDownloads): fetch through lib/api.ts, count the bytes
// as they arrive, then hand the Blob to the browser under the server's file name (a Blob URL and an
// <a download> click). One download at a time per instance; a new one aborts the previous.

import { ApiError, isAbortError, type DownloadedFile } from './api.ts';
import { downloadProgress, formatBytes } from './quarters.ts';

export type DownloadStatus = 'idle' | 'loading' | 'done' | 'error';

export type DownloadRun = (options: { signal: AbortSignal; onProgress: (received: number, total: number | null) => void }) => Promise<DownloadedFile>;

/** Saves a Blob under `fileName` through a temporary Blob URL (revoked once the browser has it). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export class FileDownload {
  status = $state<DownloadStatus>('idle');
  /** What is being downloaded ('PDF', 'Excel' …), for the messages. */
  label = $state('');
  received = $state(0);
  total = $state<number | null>(null);
  /** Completion or error text for the aria-live region. */
  message = $state('');
  fileName = $state('');

  progress = $derived(downloadProgress(this.received, this.total));
  #controller: AbortController | null = null;

  /** Runs `run`, tracking progress; saves the file unless `save` is false (tests, previews). */
  start = async (label: string, run: DownloadRun, save: (file: DownloadedFile) => void = (f) => saveBlob(f.blob, f.fileName)): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.label = label;
    this.status = 'loading';
    this.received = 0;
    this.total = null;
    this.fileName = '';
    this.message = `${label}を作成しています…`;
    try {
      const file = await run({
        signal: controller.signal,
        onProgress: (received, total) => {
          if (controller.signal.aborted) return;
          this.received = received;
          this.total = total;
        },
      });
      if (controller.signal.aborted) return;
      save(file);
      this.fileName = file.fileName;
      this.received = file.bytes;
      this.status = 'done';
      this.message = `${label}をダウンロードしました：${file.fileName}（${formatBytes(file.bytes)}）`;
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) {
        this.status = 'idle';
        this.message = `${label}のダウンロードを中止しました。`;
        return;
      }
      this.status = 'error';
      this.message = `${label}をダウンロードできませんでした：${error instanceof ApiError ? error.message : '予期しないエラーが発生しました'}`;
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  };

  cancel = (): void => {
    this.#controller?.abort();
  };
}
