/**
 * A worker thread of the pool (pool.ts): its own better-sqlite3 connection to the app's file (the
 * pragmas of openDatabase, no migrations: the main thread applied them), the jobs of jobs.ts, and the
 * job's port to the main thread for progress and for borrowing the write lock.
 */
import type { MessagePort } from 'node:worker_threads';
import { openDatabase, type Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { ImportWork } from '../services/import-work.ts';
import { execute, type Job } from './jobs.ts';

export interface Task {
  job: Job;
  port: MessagePort;
  databasePath: string;
}

/** What crosses back: AppErrors as data (a thrown class does not survive the thread boundary). */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: { statusCode: number; code: string; message: string; errors?: unknown; details?: unknown } };

let connection: { path: string; db: Db } | null = null;
function dbAt(path: string): Db {
  if (connection?.path !== path) {
    connection?.db.$client.close();
    connection = { path, db: openDatabase(path, { migrate: false }) };
  }
  return connection.db;
}

function portWork(port: MessagePort): ImportWork {
  return {
    progress: (update) => port.postMessage({ type: 'progress', update }),
    writing: async (fn) => {
      const granted = new Promise<void>((resolve) => {
        const onMessage = (m: { type: string }) => {
          if (m.type !== 'granted') return;
          port.off('message', onMessage);
          resolve();
        };
        port.on('message', onMessage);
      });
      port.postMessage({ type: 'lease' });
      await granted;
      try {
        return fn();
      } finally {
        port.postMessage({ type: 'release' });
      }
    },
  };
}

export default async function run({ job, port, databasePath }: Task): Promise<Outcome> {
  try {
    return { ok: true, value: await execute(dbAt(databasePath), job, portWork(port)) };
  } catch (e) {
    if (e instanceof AppError) {
      return { ok: false, error: { statusCode: e.statusCode, code: e.code, message: e.message, errors: e.errors, details: e.details } };
    }
    throw e;
  } finally {
    port.close();
  }
}
