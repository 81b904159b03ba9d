/**
 * Files that worker jobs write (council reports, the editing workbook): each in its own directory under
 * the import work directory (which start-up empties, so a crash leaves nothing), sent as a stream and
 * deleted once sent or abandoned.
 */
import { createReadStream, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export async function newExportDir(base: string): Promise<string> {
  mkdirSync(base, { recursive: true });
  return mkdtemp(join(base, 'export-'));
}

/** The file as a stream; its directory is deleted when the stream closes (sent, failed or the client left). */
export function sendAndDelete(path: string, dir: string): Readable {
  const stream = createReadStream(path);
  stream.once('close', () => void rm(dir, { recursive: true, force: true }));
  return stream;
}

/** Runs `job` with a new export directory, deleting the directory if the job fails. */
export async function inExportDir<T>(base: string, job: (dir: string) => Promise<T>): Promise<{ dir: string; value: T }> {
  const dir = await newExportDir(base);
  try {
    return { dir, value: await job(dir) };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
