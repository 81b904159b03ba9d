/**
 * The heavy work that runs off the event loop (issue 16), as plain functions over a DB handle: reading,
 * checking and applying an import, building the council reports and the editing workbook, computing the
 * national and prefecture roll-ups. `thread.ts` runs them in a worker thread on its own connection;
 * `pool.ts` sends them there (or runs them here, on the app's connection, for an in-memory database).
 *
 * Files are written into a directory the caller made (`dir`), which the caller streams and deletes.
 * Roll-ups are read with their data version in one read transaction, so the answer is never older than
 * the version it is cached under, and serialized with the route's response schema.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastJsonStringify from 'fast-json-stringify';
import { runAsActor, type AuditActor } from '../audit/context.ts';
import type { Principal } from '../auth/policy.ts';
import { rollupDataVersion } from '../cache/versions.ts';
import type { Db } from '../db/client.ts';
import type { FiscalQuarter } from '../domain/fiscal.ts';
import { NationalRollup, PrefectureRollup } from '../schemas/rollups.ts';
import { applyImport } from '../services/import-apply.ts';
import { uploadImport, type UploadInput } from '../services/import-upload.ts';
import type { ImportWork } from '../services/import-work.ts';
import { reportFileName, reportXlsx } from '../services/quarter-exports.ts';
import { reportPdf } from '../services/quarter-report-pdf.ts';
import { reportOf } from '../services/quarters.ts';
import { nationalRollup, prefectureRollup } from '../services/rollups.ts';
import { workbookData, workbookFileName, workbookXlsx } from '../services/workbook-export.ts';
import { milestonesCsv } from '../services/milestone-export.ts';
import { compress } from '../plugins/compression.ts';

export type Job =
  | { kind: 'upload'; input: UploadInput; actor: AuditActor }
  | { kind: 'apply'; importId: number; applier: Principal; today: string; actor: AuditActor }
  | { kind: 'quarterReport'; format: 'xlsx' | 'pdf'; bodyId: number; fq: FiscalQuarter; today: string; dir: string }
  | { kind: 'workbookXlsx'; bodyId: number; sectionId: number | null; today: string; dir: string }
  | { kind: 'rollup'; prefectureCode: string | null; today: string }
  | { kind: 'milestonesCsv'; prefectureCode: string | null; today: string; dir: string };

/** A file a job wrote: where, and the name the user gets. */
export interface JobFile {
  path: string;
  fileName: string;
}

/** A serialized answer (UTF-8, and compressed as the compression plugin would), with the data version it was made from. */
export interface VersionedJson {
  version: string;
  json: Uint8Array;
  br: Uint8Array;
  gzip: Uint8Array;
}

const serializers = new Map<string, (v: unknown) => string>();
function serialize(name: 'national' | 'prefecture', value: unknown): string {
  let s = serializers.get(name);
  if (!s) serializers.set(name, (s = fastJsonStringify((name === 'national' ? NationalRollup : PrefectureRollup) as never) as (v: unknown) => string));
  return s(value);
}

async function writeFile(stream: NodeJS.ReadableStream, dir: string, fileName: string): Promise<JobFile> {
  const path = join(dir, 'file');
  await pipeline(stream, createWriteStream(path));
  return { path, fileName };
}

export async function execute(db: Db, job: Job, work: ImportWork): Promise<unknown> {
  switch (job.kind) {
    case 'upload':
      return runAsActor(job.actor, () => uploadImport(db, job.input, work));
    case 'apply':
      return runAsActor(job.actor, () => applyImport(db, job.importId, job.applier, job.today, work));
    case 'quarterReport': {
      const report = reportOf(db, job.bodyId, job.fq, job.today);
      const stream = job.format === 'xlsx' ? await reportXlsx(report) : await reportPdf(report);
      return writeFile(stream, job.dir, reportFileName(report, job.format));
    }
    case 'workbookXlsx': {
      const data = workbookData(db, job.bodyId, job.sectionId, job.today);
      return writeFile(await workbookXlsx(data), job.dir, workbookFileName(data.bodyName, job.today, 'xlsx'));
    }
    case 'milestonesCsv':
      return writeFile(milestonesCsv(db, job.prefectureCode, job.today), job.dir, '');
    case 'rollup': {
      const { prefectureCode, today } = job;
      // One read transaction: the version and the answer come from the same snapshot.
      const { version, text } = db.$client.transaction(() => ({
        version: rollupDataVersion(db),
        text: prefectureCode === null ? serialize('national', nationalRollup(db, today)) : serialize('prefecture', prefectureRollup(db, prefectureCode, today)),
      }))();
      const json = Buffer.from(text, 'utf8');
      return { version, json, br: compress(json, 'br'), gzip: compress(json, 'gzip') } satisfies VersionedJson;
    }
  }
}
