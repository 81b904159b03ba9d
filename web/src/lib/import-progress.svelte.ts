// The server's progress of the user's running import (GET /api/imports/progress, issue 16): polled every
// half second while an upload is being checked or an apply runs, so the page shows rows read / checked
// instead of a bare spinner. Stops on its own when the page stops it or the import ends.

import { api, isAbortError } from './api.ts';
import type { RunningImport } from './types.ts';

export const PROGRESS_POLL_MS = 500;

export class ImportProgressWatch {
  running = $state.raw<RunningImport | null>(null);
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  start(): void {
    this.stop();
    const controller = new AbortController();
    this.#controller = controller;
    const poll = async () => {
      try {
        const r = (await api('GET /imports/progress', { signal: controller.signal })).running;
        if (this.#controller !== controller) return;
        this.running = r;
      } catch (error) {
        if (isAbortError(error) || this.#controller !== controller) return;
        // A failed poll only leaves the last figures on screen; the upload's own answer decides.
      }
      if (this.#controller === controller) this.#timer = setTimeout(poll, PROGRESS_POLL_MS);
    };
    void poll();
  }

  stop(): void {
    this.#controller?.abort();
    this.#controller = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.running = null;
  }
}
