/**
 * Starts the service: opens (or creates) the SQLite file, applies migrations, seeds the demo data
 * on the very first start, and listens. Everything else lives in app.ts.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { seedDemo } from '../seed/demo.ts';
import { seedReference } from '../seed/reference.ts';

const WEB_ROOT = resolve(fileURLToPath(import.meta.url), '../../web/dist');

async function main() {
  const config = loadConfig();
  const isNew = config.databasePath === ':memory:' || !existsSync(config.databasePath);
  const db = openDatabase(config.databasePath);
  if (isNew) {
    // Reference data is seeded once: afterwards it belongs to the users (the step template is editable).
    try {
      seedReference(db);
      seedDemo(db);
    } catch (err) {
      // Leave no half-made file behind, or the next start would skip seeding it.
      db.$client.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(config.databasePath + suffix, { force: true });
      throw err;
    }
  }
  const app = await buildApp({ db, webRoot: WEB_ROOT, logger: { level: config.logLevel } });
  if (isNew) app.log.info({ databasePath: config.databasePath }, 'created the database with the demo data (サンプル)');

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    db.$client.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
