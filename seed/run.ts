/**
 * `npm run seed [-- --reset]`: opens (and migrates) the database at DATABASE_PATH (default data/dx.sqlite),
 * upserts the reference data, and inserts the demo data when the database holds no local body yet.
 * `--reset` deletes the database file and its -wal/-shm files first.
 *
 * `npm run seed -- --national [--seed N] [--scale S] [--reset]`: instead of the demo, the national data
 * set (seed/national/generate.ts, 生成データ) into an empty database; prints the file size and row counts.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { generateNational } from './national/generate.ts';
import { openDatabase } from '../server/db/client.ts';
import { localBodies } from '../server/db/schema.ts';
import { seedDemo } from './demo.ts';
import { seedReference } from './reference.ts';
import { DEMO_PASSWORD, DEMO_USERNAMES, seedDemoUsers } from './demo-users.ts';

async function main(argv: readonly string[]): Promise<void> {
  const usage = 'usage: npm run seed [-- --reset] | npm run seed -- --national [--seed N] [--scale S] [--reset]';
  const opts = { national: false, seed: 1, scale: 1 };
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--reset') continue;
    if (a === '--national') opts.national = true;
    else if ((a === '--seed' || a === '--scale') && i + 1 < argv.length) {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0 || (a === '--seed' && !Number.isInteger(v))) unknown.push(`${a} ${argv[i]}`);
      else opts[a === '--seed' ? 'seed' : 'scale'] = v;
    } else unknown.push(a);
  }
  if (unknown.length > 0) {
    console.error(`${usage}   (unknown or invalid argument: ${unknown.join(' ')})`);
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
    if (opts.national) {
      if (anyBody !== undefined) throw new Error('the national data set needs an empty database: add --reset');
      const started = performance.now();
      const s = generateNational(db, { seed: opts.seed, scale: opts.scale });
      console.log(
        `national data set (生成データ, seed ${opts.seed}, scale ${opts.scale}) inserted in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `${s.bodies} bodies (${s.municipalities} municipalities), ${s.systems} systems (body × business area), ` +
          `特定移行支援 ${s.supportSystems} systems at ${s.supportBodies} bodies ` +
          `(${((100 * s.supportSystems) / s.systems).toFixed(1)}% / ${((100 * s.supportBodies) / s.bodies).toFixed(1)}%)`,
      );
    } else if (anyBody === undefined) {
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
      console.log(`  ${name.padEnd(width)}  ${String(row.n).padStart(9)}`);
    }
    if (path !== ':memory:') {
      db.$client.pragma('wal_checkpoint(TRUNCATE)');
      const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
      console.log(`\ndatabase size: ${(size(path) / 1024 / 1024).toFixed(1)} MiB (${path}; -wal ${(size(`${path}-wal`) / 1024 / 1024).toFixed(1)} MiB)`);
    }
  } finally {
    db.$client.close();
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
