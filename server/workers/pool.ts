/**
 * Worker threads for the heavy work (issue 16): nobody's request waits on the event loop behind
 * someone else's import, export or national roll-up.
 *
 * Two pools (piscina): `heavy` (imports, council reports, the editing workbook, the milestone CSVs;
 * WORKER_THREADS, default 1), started on first use and ended after 10 s idle; `rollups` (one thread, so a
 * roll-up never queues behind an import), started with the server and kept. Each thread has its own better-sqlite3 connection (thread.ts). Each job gets a
 * MessageChannel: the thread reports progress on it, and asks for the write lock, which the API's
 * group commit lends between two of its groups (db/group-commit.ts); the lock is returned when the
 * thread's transaction ends, or when the job ends whatever happened.
 *
 * An in-memory database cannot be shared with a thread: then the jobs run here, on the app's connection,
 * with the same lending.
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Db } from '../db/client.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import { AppError } from '../errors.ts';
import type { ImportProgressUpdate, ImportWork } from '../services/import-work.ts';
import { execute, type Job } from './jobs.ts';
import type { Outcome, Task } from './thread.ts';

export type Lane = 'heavy' | 'rollups';

export interface WorkerOptions {
  /** Threads for imports and exports (WORKER_THREADS, default 1). */
  threads: number;
  /** A thread with nothing to do ends after this long (ms). */
  idleTimeoutMs: number;
  /** Run the jobs on the app's connection instead (forced for an in-memory database). */
  inProcess: boolean;
}

/** How long the roll-up thread waits for the next roll-up before it ends (its memory goes with it). */
export const ROLLUP_THREAD_IDLE_MS = 10 * 60_000;

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = { threads: 1, idleTimeoutMs: 60_000, inProcess: false };

const ENTRY = new URL('./entry.mjs', import.meta.url).href;

export interface RunOptions {
  onProgress?: (update: ImportProgressUpdate) => void;
  /** Aborting ends the thread (exports whose client left; never a job that writes). */
  signal?: AbortSignal;
}

export class Workers {
  private readonly pools = new Map<Lane, Piscina>();
  private readonly databasePath: string | null;
  /** Jobs run, per lane (tests and the benchmark read these). */
  readonly ran = { heavy: 0, rollups: 0 };

  constructor(
    private readonly db: Db,
    private readonly groupCommit: GroupCommit,
    private readonly options: WorkerOptions = DEFAULT_WORKER_OPTIONS,
  ) {
    const file = db.$client.name;
    this.databasePath = options.inProcess || !file || file === ':memory:' ? null : file;
  }

  get inProcess(): boolean {
    return this.databasePath === null;
  }

  async run<T>(lane: Lane, job: Job, options: RunOptions = {}): Promise<T> {
    this.ran[lane]++;
    if (this.databasePath === null) return (await execute(this.db, job, this.localWork(options))) as T;
    const { port1, port2 } = new MessageChannel();
    let release: (() => void) | null = null;
    let ended = false;
    port1.on('message', (m: { type: string; update?: ImportProgressUpdate }) => {
      if (m.type === 'progress') options.onProgress?.(m.update!);
      else if (m.type === 'lease') {
        void this.groupCommit.lend().then((back) => {
          if (ended) return back(); // the job is over (its thread failed): the lock comes straight back
          release = back;
          port1.postMessage({ type: 'granted' });
        });
      } else if (m.type === 'release') {
        release?.();
        release = null;
      }
    });
    try {
      const task: Task = { job, port: port2, databasePath: this.databasePath };
      const outcome = (await this.pool(lane).run(task, { transferList: [port2], signal: options.signal })) as Outcome;
      if (!outcome.ok) {
        const e = outcome.error;
        throw new AppError(e.statusCode, e.code, e.message, e.errors as never, e.details as never);
      }
      return outcome.value as T;
    } finally {
      ended = true;
      (release as (() => void) | null)?.();
      port1.close();
    }
  }

  /**
   * Starts the roll-up thread (its modules loaded) unless it runs: called when someone who reads national or
   * prefecture roll-ups signs in or opens the app, so that the thread is ready by the time they open that page.
   */
  warm(): void {
    if (this.databasePath === null || this.#warming) return;
    const pool = this.pool('rollups');
    if (pool.threads.length > 0) return;
    this.#warming = true;
    const { port1, port2 } = new MessageChannel();
    const task: Task = { job: { kind: 'warmRollups' }, port: port2, databasePath: this.databasePath };
    void pool
      .run(task, { transferList: [port2] })
      .catch(() => undefined) // a failed warm-up only leaves the first roll-up to start the thread
      .finally(() => {
        this.#warming = false;
        port1.close();
      });
  }
  #warming = false;

  /** Threads of a lane now alive (tests). */
  threads(lane: Lane): number {
    return this.pools.get(lane)?.threads.length ?? 0;
  }

  /** Ends every thread (app close). */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.destroy()));
  }

  private pool(lane: Lane): Piscina {
    let pool = this.pools.get(lane);
    if (!pool) {
      pool = new Piscina({
        filename: ENTRY,
        // No thread until one is needed: each costs ~80 MiB (its own V8 heap and modules), and a town hall's
        // server never computes a national or prefecture roll-up. Once started, the roll-up thread stays while
        // roll-ups are read (ROLLUP_THREAD_IDLE_MS, 10 minutes after the last one): a cold thread costs its
        // first reader a second or two, which every write anywhere in the country would otherwise make
        // someone pay again.
        minThreads: 0,
        maxThreads: lane === 'heavy' ? this.options.threads : 1,
        // Heavy threads end soon after their burst (their memory goes with them); the roll-up thread stays a minute.
        idleTimeout: lane === 'heavy' ? Math.min(this.options.idleTimeoutMs, 10_000) : Math.max(this.options.idleTimeoutMs, ROLLUP_THREAD_IDLE_MS),
        // The server's memory (RSS target ≤ 300 MiB) includes every thread: a small young generation, and an old
        // generation bounded so that V8 collects instead of growing (a 50,000-row import or export fits well within it).
        resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: lane === 'heavy' ? 160 : 128 },
        // One job at a time per thread: a thread's connection holds one transaction at a time.
        concurrentTasksPerWorker: 1,
      });
      this.pools.set(lane, pool);
    }
    return pool;
  }

  private localWork(options: RunOptions): ImportWork {
    return {
      progress: (update) => options.onProgress?.(update),
      writing: async (fn) => {
        const back = await this.groupCommit.lend();
        try {
          return fn();
        } finally {
          back();
        }
      },
    };
  }
}
