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
import { smtpMailer } from './services/reminders.ts';

const WEB_ROOT = resolve(fileURLToPath(import.meta.url), '../../web/dist');

async function main() {
  const config = loadConfig();
  if (config.allowedHosts.length === 0 && !['127.0.0.1', 'localhost', '::1'].includes(config.host)) {
    throw new StartupRefusal(
      `HOST=${config.host} serves other machines, but no host name is allowed: set PUBLIC_URL (e.g. https://dx.example.lg.jp) ` +
        'or ALLOWED_HOSTS (the names users type, comma-separated). Without them only localhost is served.',
    );
  }
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
    maxSessionsPerUser: config.maxSessionsPerUser,
    loginLogRetentionDays: config.loginLogRetentionDays,
    security: { allowedHosts: config.allowedHosts },
    publicUrl: config.publicUrl,
    mailer: config.mail ? smtpMailer(config.mail.smtpUrl, config.mail.from) : null,
    limits: config.limits,
    timeouts: config.timeouts,
    imports: { workDir: config.importWorkDir, retentionDays: config.importRetentionDays },
    passwordHelp: config.passwordHelp,
    workers: { threads: config.workerThreads },
  });
  if (isNew && config.production) {
    app.log.info({ databasePath: config.databasePath }, 'created the database with reference data only: add accounts with npm run user:add');
  } else if (isNew) {
    app.log.info({ databasePath: config.databasePath }, 'created the database with the demo data (サンプル) and demo accounts (password demo-password)');
  }

  // SIGTERM (systemd stop, deploy/dx-dashboard.service) drains: no new connections, requests in flight
  // finish and their writes are committed (every write response waits for its group commit), then the
  // WAL is checkpointed and the file closed. Past SHUTDOWN_TIMEOUT_MS the remaining connections are cut
  // (their writes were not acknowledged). A second signal exits at once.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal: exiting without draining');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down: draining requests in flight');
    const force = setTimeout(() => {
      app.log.warn('drain timeout: closing the remaining connections');
      app.server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    force.unref();
    try {
      await app.close();
      await app.groupCommit.settled();
    } catch (err) {
      app.log.error({ err }, 'error while draining');
    }
    clearTimeout(force);
    try {
      db.$client.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.$client.close();
    }
    app.log.info({ signal }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
}

/** A setting that makes the server refuse to start: a message for the operator. */
class StartupRefusal extends Error {}

main().catch((err) => {
  // A refusal is a message for the operator, not a crash: no stack trace.
  console.error(err instanceof DemoAccountsInProduction || err instanceof StartupRefusal ? err.message : err);
  process.exit(1);
});
