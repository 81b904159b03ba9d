/**
 * `npm run seed [-- --reset]`: opens (and migrates) the database at DATABASE_PATH (default data/dx.sqlite),
 * upserts the reference data, and inserts the demo data when the database holds no local body yet.
 * `--reset` deletes the database file and its -wal/-shm files first.
 */
import { existsSync, rmSync } from 'node:fs';
import { openDatabase } from '../server/db/client.ts';
import { localBodies } from '../server/db/schema.ts';
import { seedDemo } from './demo.ts';
import { seedReference } from './reference.ts';
import { DEMO_PASSWORD, DEMO_USERNAMES, seedDemoUsers } from './demo-users.ts';

async function main(argv: readonly string[]): Promise<void> {
  const unknown = argv.filter((a) => a !== '--reset');
  if (unknown.length > 0) {
    console.error(`usage: npm run seed [-- --reset]   (unknown argument: ${unknown.join(' ')})`);
    process.exitCode = 2;
    return;
  }
  const path = process.env.DATABASE_PATH ?? 'data/dx.sqlite';

  if (argv.includes('--reset')) {
    if (path === ':memory:') {
      console.log('--reset: in-memory database, nothing to delete');
    } else {
      for (const f of [path, `${path}-wal`, `${path}-shm`]) {
        if (existsSync(f)) {
          rmSync(f);
          console.log(`--reset: deleted ${f}`);
        }
      }
    }
  }

  const db = openDatabase(path);
  try {
    seedReference(db);
    console.log(`reference data upserted into ${path}`);

    const anyBody = db.select({ id: localBodies.id }).from(localBodies).limit(1).get();
    if (anyBody === undefined) {
      seedDemo(db);
      console.log('demo data inserted (上天草市: real plan schedule with sample progress; 袖ケ浦市, 松戸市: sample)');
      await seedDemoUsers(db);
      console.log(`demo accounts created: ${DEMO_USERNAMES.join(', ')} (password: ${DEMO_PASSWORD}; refused when NODE_ENV=production)`);
    } else {
      console.log(
        'local bodies already exist: demo data not inserted. ' +
          'Run `npm run seed -- --reset` to delete the database file and seed from scratch.',
      );
    }

    const tables = db.$client
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
      )
      .all() as Array<{ name: string }>;
    console.log('\nrow counts:');
    const width = Math.max(...tables.map((t) => t.name.length));
    for (const { name } of tables) {
      const row = db.$client.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number };
      console.log(`  ${name.padEnd(width)}  ${String(row.n).padStart(6)}`);
    }
  } finally {
    db.$client.close();
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
