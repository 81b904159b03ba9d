/**
 * Starts the service: opens (or creates) the SQLite file, applies migrations, seeds the demo data
 * and demo accounts on the very first start (reference data only when NODE_ENV=production), refuses
 * to run in production with demo accounts, and listens. Everything else lives in app.ts.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { seedDemo } from '../seed/demo.ts';
import { seedReference } from '../seed/reference.ts';
import { assertNoDemoAccounts, DemoAccountsInProduction, seedDemoUsers } from '../seed/demo-users.ts';

const WEB_ROOT = resolve(fileURLToPath(import.meta.url), '../../web/dist');

async function main() {
  const config = loadConfig();
  const isNew = config.databasePath === ':memory:' || !existsSync(config.databasePath);
  const db = openDatabase(config.databasePath);
  if (isNew) {
    // Reference data is seeded once: afterwards it belongs to the users (the step template is editable).
    try {
      seedReference(db);
      if (!config.production) {
        seedDemo(db);
        await seedDemoUsers(db);
      }
    } catch (err) {
      // Leave no half-made file behind, or the next start would skip seeding it.
      db.$client.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(config.databasePath + suffix, { force: true });
      throw err;
    }
  }
  try {
    assertNoDemoAccounts(db, config.production);
  } catch (err) {
    db.$client.close();
    throw err;
  }
  const app = await buildApp({
    db,
    webRoot: WEB_ROOT,
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    sessionTtlHours: config.sessionTtlHours,
    security: { expensivePerMinute: config.expensivePerMinute },
    imports: { workDir: config.importWorkDir, retentionDays: config.importRetentionDays },
  });
  if (isNew && config.production) {
    app.log.info({ databasePath: config.databasePath }, 'created the database with reference data only: add accounts with npm run user:add');
  } else if (isNew) {
    app.log.info({ databasePath: config.databasePath }, 'created the database with the demo data (サンプル) and demo accounts (password demo-password)');
  }

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
  // A refusal is a message for the operator, not a crash: no stack trace.
  console.error(err instanceof DemoAccountsInProduction ? err.message : err);
  process.exit(1);
});
