/**
 * What an import's work needs from whoever runs it (a worker thread, server/workers/, or the caller
 * directly): where to report progress, and how to hold the database's write lock for the transaction
 * that stores, checks or applies the rows (a worker borrows it from the API's group commit).
 */
import type { RunningImport } from '../schemas/imports.ts';

export type ImportProgressUpdate = Partial<Pick<RunningImport, 'phase' | 'rowsRead' | 'rowsChecked' | 'rowsTotal' | 'importId'>>;

export interface ImportWork {
  progress: (update: ImportProgressUpdate) => void;
  /** Runs `fn` (one synchronous transaction) while holding the write lock. */
  writing: <T>(fn: () => T) => Promise<T>;
}

/** No progress, the lock taken by the transaction itself (scripts, and tests of the services alone). */
export const DIRECT_WORK: ImportWork = { progress: () => undefined, writing: async (fn) => fn() };

/** Reports at most every `ms` milliseconds (and always when `force`): progress messages cross threads. */
export function throttled(report: (update: ImportProgressUpdate) => void, ms = 200) {
  let last = 0;
  return (update: ImportProgressUpdate, force = false) => {
    const now = Date.now();
    if (!force && now - last < ms) return;
    last = now;
    report(update);
  };
}
