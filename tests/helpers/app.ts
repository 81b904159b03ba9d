/**
 * Test fixtures: a fresh SQLite file built by the real migrations, with reference data and
 * optionally the demo seed, and the real Fastify app booted on it without a port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.ts';
import { openDatabase, type Db } from '../../server/db/client.ts';
import { seedReference } from '../../seed/reference.ts';
import { seedDemo, DEMO_AS_OF } from '../../seed/demo.ts';

export { DEMO_AS_OF };

export interface TestDb {
  db: Db;
  path: string;
  close: () => void;
}

export function createTestDb(options: { demo?: boolean } = {}): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'dx-test-'));
  const path = join(dir, 'test.sqlite');
  const db = openDatabase(path);
  seedReference(db);
  if (options.demo) seedDemo(db);
  return {
    db,
    path,
    close: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createTestApp(options: { demo?: boolean; today?: string } = {}) {
  const t = createTestDb(options);
  const today = options.today ?? DEMO_AS_OF;
  const app = await buildApp({ db: t.db, webRoot: false, today: () => today });
  await app.ready();
  return {
    app,
    db: t.db,
    path: t.path,
    close: async () => {
      await app.close();
      t.close();
    },
  };
}

/** Every row of every table, to prove that a rejected request changed nothing. */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.$client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}
