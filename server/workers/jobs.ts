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
import type { AuditActor } from '../audit/context.ts';
import type { Principal } from '../auth/policy.ts';
import type { Db } from '../db/client.ts';
import type { FiscalQuarter } from '../domain/fiscal.ts';
import type { UploadInput } from '../services/import-upload.ts';
import type { ImportWork } from '../services/import-work.ts';

// Each job's modules are imported when a thread first runs that kind of job: a thread that only reads
// uploads does not hold the roll-ups', the reports' or the exports' code (the server's RSS counts every thread).

export type Job =
  | { kind: 'upload'; input: UploadInput; actor: AuditActor }
  | { kind: 'apply'; importId: number; applier: Principal; today: string; actor: AuditActor }
  | { kind: 'quarterReport'; format: 'xlsx' | 'pdf'; bodyId: number; fq: FiscalQuarter; today: string; dir: string }
  | { kind: 'workbookXlsx'; bodyId: number; sectionId: number | null; today: string; dir: string }
  | { kind: 'rollup'; prefectureCode: string | null; today: string }
  | { kind: 'milestonesCsv'; prefectureCode: string | null; today: string; dir: string }
  /** Loads the roll-up's modules and nothing else: a thread started ahead of its first roll-up (pool.ts warm()). */
  | { kind: 'warmRollups' };

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

/** The route's response serializer (fast-json-stringify, as Fastify compiles it), made once per thread. */
const serializers = new Map<string, (v: unknown) => string>();
async function serializerOf(name: 'national' | 'prefecture'): Promise<(v: unknown) => string> {
  let s = serializers.get(name);
  if (!s) {
    const [{ default: fastJsonStringify }, { NationalRollup, PrefectureRollup }] = await Promise.all([import('fast-json-stringify'), import('../schemas/rollups.ts')]);
    serializers.set(name, (s = fastJsonStringify((name === 'national' ? NationalRollup : PrefectureRollup) as never) as (v: unknown) => string));
  }
  return s;
}

async function writeFile(stream: NodeJS.ReadableStream, dir: string, fileName: string): Promise<JobFile> {
  const path = join(dir, 'file');
  await pipeline(stream, createWriteStream(path));
  return { path, fileName };
}

export async function execute(db: Db, job: Job, work: ImportWork): Promise<unknown> {
  switch (job.kind) {
    case 'upload': {
      const [{ runAsActor }, { uploadImport }] = await Promise.all([import('../audit/context.ts'), import('../services/import-upload.ts')]);
      return runAsActor(job.actor, () => uploadImport(db, job.input, work));
    }
    case 'apply': {
      const [{ runAsActor }, { applyImport }] = await Promise.all([import('../audit/context.ts'), import('../services/import-apply.ts')]);
      return runAsActor(job.actor, () => applyImport(db, job.importId, job.applier, job.today, work));
    }
    case 'quarterReport': {
      const [{ reportOf }, { reportFileName, reportXlsx }, { reportPdf }] = await Promise.all([
        import('../services/quarters.ts'),
        import('../services/quarter-exports.ts'),
        import('../services/quarter-report-pdf.ts'),
      ]);
      const report = reportOf(db, job.bodyId, job.fq, job.today);
      const stream = job.format === 'xlsx' ? await reportXlsx(report) : await reportPdf(report);
      return writeFile(stream, job.dir, reportFileName(report, job.format));
    }
    case 'workbookXlsx': {
      const { workbookData, workbookFileName, workbookXlsx } = await import('../services/workbook-export.ts');
      const data = workbookData(db, job.bodyId, job.sectionId, job.today);
      return writeFile(await workbookXlsx(data), job.dir, workbookFileName(data.bodyName, job.today, 'xlsx'));
    }
    case 'milestonesCsv': {
      const { milestonesCsv } = await import('../services/milestone-export.ts');
      return writeFile(milestonesCsv(db, job.prefectureCode, job.today), job.dir, '');
    }
    case 'warmRollups': {
      await Promise.all([import('../cache/versions.ts'), import('../services/rollups.ts'), import('../plugins/compression.ts'), serializerOf('national'), serializerOf('prefecture')]);
      return null;
    }
    case 'rollup': {
      const { prefectureCode, today } = job;
      const [{ rollupDataVersion }, { nationalRollup, prefectureRollup }, { compress }] = await Promise.all([
        import('../cache/versions.ts'),
        import('../services/rollups.ts'),
        import('../plugins/compression.ts'),
      ]);
      const serializer = await serializerOf(prefectureCode === null ? 'national' : 'prefecture');
      // One read transaction: the version and the answer come from the same snapshot.
      const { version, text } = db.$client.transaction(() => ({
        version: rollupDataVersion(db),
        text: serializer(prefectureCode === null ? nationalRollup(db, today) : prefectureRollup(db, prefectureCode, today)),
      }))();
      const json = Buffer.from(text, 'utf8');
      return { version, json, br: compress(json, 'br'), gzip: compress(json, 'gzip') } satisfies VersionedJson;
    }
  }
}
