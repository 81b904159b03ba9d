/**
 * Temporary storage (server/db/client.ts): statement journals in memory for every connection — a write through the
 * audit, history and roll-up triggers spilled its journal to a temporary file, half of its cost (issue 16,
 * bench/import-results.md) — except while an upload's dry run holds a savepoint over every row it checks
 * (`withFileTempStore`), where an in-memory journal is walked chunk by chunk. Real file, real migrations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, withFileTempStore } from '../../server/db/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'dx-temp-store-'));
const db = openDatabase(join(dir, 'dx.sqlite'));
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});
// PRAGMA temp_store: 0 default, 1 file, 2 memory.
const tempStore = () => db.$client.pragma('temp_store', { simple: true });

describe('temporary storage', () => {
  it('is memory on an opened connection', () => {
    expect(tempStore()).toBe(2);
  });

  it('is a file while withFileTempStore runs, and memory again after it, also when it throws', () => {
    expect(withFileTempStore(db.$client, () => tempStore())).toBe(1);
    expect(tempStore()).toBe(2);
    expect(() =>
      withFileTempStore(db.$client, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(tempStore()).toBe(2);
  });

  it('inside a transaction already open, changes nothing and still runs', () => {
    const seen = db.$client.transaction(() => withFileTempStore(db.$client, () => tempStore()))();
    expect(seen).toBe(2);
  });
});
