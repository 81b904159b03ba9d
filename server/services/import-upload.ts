/**
 * The upload of a 進捗管理表 (xlsx or CSV): the file, already saved in its own work directory by the
 * route, is read row by row (import-read.ts, bounded by spreadsheet/limits.ts) into a spool file in
 * that directory; only once the whole file was read is anything stored — the audited `imports` row,
 * its rows and the preview of the dry run, in one transaction, so a refused file or a crash stores
 * nothing. The route deletes the work directory on every path; `startUpCleanup` deletes what a crash
 * left (work directories, and imports that older versions left without a preview); `expireImports`
 * applies the retention period.
 *
 * Plain functions over a DB handle and file paths (no framework objects): they run in a worker thread
 * (server/workers/), which reports progress and borrows the write lock through `ImportWork`.
 */
import { currentActor, runAsDryRun } from '../audit/context.ts';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Principal } from '../auth/policy.ts';
import { withFileTempStore, type Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { getBody } from '../repositories/bodies.ts';
import { deleteUnfinishedImports, expireImportsBefore, insertImport, rowInserter } from '../repositories/imports.ts';
import { findSection } from '../repositories/items.ts';
import type { ImportPreview, RunningImport } from '../schemas/imports.ts';
import { checkImport } from './import-check.ts';
import { storePreview } from './import-preview.ts';
import { readUpload, type ParsedRow } from './import-read.ts';
import { READ_LIMITS, type ReadLimits } from './spreadsheet/limits.ts';
import { DIRECT_WORK, throttled, type ImportProgressUpdate, type ImportWork } from './import-work.ts';

export interface UploadInput {
  bodyId: number;
  sectionId: number | null;
  principal: Principal;
  fileName: string;
  /** The uploaded file (in `workDir`). */
  path: string;
  /** The upload's own directory: the row spool is written here; the caller deletes it. */
  workDir: string;
  today: string;
  limits?: ReadLimits;
}

/**
 * Rows as read, one line each (`entity TAB row TAB sheet TAB json`), written with synchronous appends:
 * the reader's callback is synchronous and the spool must not grow in memory.
 */
class RowSpool {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  count = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  add(r: ParsedRow) {
    const line = `${r.entity}\t${r.row}\t${r.sheet}\t${JSON.stringify({ id: r.id, version: r.version, values: r.values, cols: r.cols, errors: r.errors })}\n`;
    this.buffer.push(line);
    this.size += line.length;
    this.count++;
    if (this.size > 256 * 1024) this.flush();
  }

  private flush() {
    if (this.buffer.length) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close() {
    this.flush();
    closeSync(this.fd);
  }

  /** The lines again, read synchronously 1 MiB at a time (inside the storing transaction). */
  *lines(): Generator<string> {
    const fd = openSync(this.path, 'r');
    try {
      const chunk = Buffer.alloc(1024 * 1024);
      let carry = Buffer.alloc(0);
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) break;
        let buf = Buffer.concat([carry, chunk.subarray(0, n)]);
        // A newline byte never occurs inside a multi-byte UTF-8 character: split on bytes, then decode.
        for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a)) {
          yield buf.toString('utf8', 0, nl);
          buf = buf.subarray(nl + 1);
        }
        carry = Buffer.from(buf);
      }
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Reads the file into a new import and checks it (dry run). Throws 400 / 413 storing nothing. The read
 * needs no lock; storing and checking hold the write lock (`work.writing`).
 */
export async function uploadImport(db: Db, input: UploadInput, work: ImportWork = DIRECT_WORK): Promise<ImportPreview> {
  getBody(db, input.bodyId);
  if (input.sectionId !== null) {
    const s = findSection(db, input.sectionId);
    if (!s || s.bodyId !== input.bodyId) throw new AppError(400, 'VALIDATION_ERROR', `課（ID: ${input.sectionId}）はこの団体の課ではありません。`);
  }
  const spool = new RowSpool(join(input.workDir, 'rows.tsv'));
  let read: Awaited<ReturnType<typeof readUpload>>;
  const reading = throttled(work.progress);
  reading({ phase: 'reading', rowsRead: 0 }, true);
  try {
    read = await readUpload(
      input.path,
      (r) => {
        spool.add(r);
        reading({ rowsRead: spool.count });
      },
      input.limits ?? READ_LIMITS,
    );
  } finally {
    spool.close();
  }
  work.progress({ phase: 'waiting', rowsRead: read.rows, rowsTotal: spool.count });
  const checking = throttled(work.progress);
  // The whole file was read: stored, checked and previewed in one transaction (a crash stores nothing).
  return work.writing(() => withFileTempStore(db.$client, () => db.$client.transaction(() => {
    work.progress({ phase: 'checking', rowsChecked: 0 });
    const row = insertImport(db, {
      bodyId: input.bodyId,
      sectionId: input.sectionId,
      userId: input.principal.id,
      userName: input.principal.displayName,
      fileName: input.fileName,
      format: read.format,
      encoding: read.encoding,
      rowCount: read.rows,
    });
    const insert = rowInserter(db, row.id);
    let seq = 0;
    for (const line of spool.lines()) {
      const [entity, rowNumber, sheet, data] = line.split('\t', 4) as [string, string, string, string];
      insert({ seq: ++seq, entity, row: Number(rowNumber), sheet, data });
    }
    const note = currentActor()?.note ?? '';
    // A dry run: rolled back whatever it finds, so the bookkeeping triggers skip their work (audit/context.ts).
    const outcome = runAsDryRun(() => checkImport(db, row, [{ principal: input.principal, role: null }], input.today, 'preview', (n) => checking({ rowsChecked: n }), note));
    work.progress({ phase: 'storing', rowsChecked: seq });
    return storePreview(db, row, outcome);
  }).immediate()));
}

// ---- work directories, crashes, retention ---------------------------------------------------------

/** A new directory for one upload under `base` (the route deletes it when the request ends). */
export async function newWorkDir(base: string): Promise<string> {
  mkdirSync(base, { recursive: true });
  return mkdtemp(join(base, 'upload-'));
}

/**
 * At start-up: nothing can be running yet, so every work directory under `base` was left by a crash
 * (or a kill) and is deleted, as are imports an older version left without a preview. Returns counts.
 */
export function startUpCleanup(db: Db, base: string): { directories: number; imports: number } {
  let directories = 0;
  try {
    for (const name of readdirSync(base)) {
      rmSync(join(base, name), { recursive: true, force: true });
      directories++;
    }
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
  }
  return { directories, imports: deleteUnfinishedImports(db) };
}

/** Deletes the rows and previews of imports older than `days` days (unapplied ones become expired). */
export function expireImports(db: Db, days: number, now = new Date()): number {
  return expireImportsBefore(db, new Date(now.getTime() - days * 86_400_000).toISOString());
}

/**
 * One running import per user (issue 14): a second upload (or an apply) by the same user while one is
 * being received, read, checked or applied is refused (409) instead of holding another temp file and
 * another share of the workers. Each running import carries its progress (issue 16), which the import
 * page polls (`GET /api/imports/progress`).
 */
export class RunningImports {
  private readonly running = new Map<number, RunningImport>();

  /** Marks the user's import as running. Throws 409 when one is running. */
  begin(userId: number, what: Pick<RunningImport, 'kind' | 'bodyId' | 'importId'>, now = new Date()): { update: (u: ImportProgressUpdate & { bytesReceived?: number }) => void; end: () => void } {
    if (this.running.has(userId)) {
      throw new AppError(409, 'IMPORT_IN_PROGRESS', 'ほかの取込を処理中です。処理が終わってから、もう一度送信してください（同時に処理できる取込は1人1件です）。');
    }
    const state: RunningImport = {
      ...what,
      phase: what.kind === 'upload' ? 'receiving' : 'waiting',
      bytesReceived: 0,
      rowsRead: 0,
      rowsChecked: 0,
      rowsTotal: null,
      startedAt: now.toISOString(),
    };
    this.running.set(userId, state);
    let ended = false;
    return {
      update: (u) => {
        if (!ended) Object.assign(state, u);
      },
      end: () => {
        if (!ended) this.running.delete(userId);
        ended = true;
      },
    };
  }

  /** The user's running import (a copy), or null. */
  of(userId: number): RunningImport | null {
    const r = this.running.get(userId);
    return r ? { ...r } : null;
  }
}
