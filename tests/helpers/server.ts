/**
 * The real server as a child process, exactly as `npm start` runs it (`node --import tsx
 * server/server.ts`), on a free port with a fresh DATABASE_PATH: the first start creates, migrates
 * and seeds the file with the demo data. Used by the browser tests (tests/e2e).
 *
 * The server's "today" is the real date; the demo data is designed as of DEMO_AS_OF, so pages and
 * API calls in tests pass `?asOf=${DEMO_AS_OF}`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_ARGS } from '../../server/launch.ts';

export { DEMO_AS_OF } from '../../seed/demo.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  /** e.g. http://127.0.0.1:43123 (no trailing slash) */
  baseUrl: string;
  /** Path of the SQLite file the server uses. */
  databasePath: string;
  /** Everything the server printed so far (stdout + stderr). */
  output: () => string;
  /** SIGTERM, wait for exit, delete the database directory. Safe to call twice. */
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
    srv.on('error', reject);
  });
}

export interface StartOptions {
  /** Milliseconds to wait for /api/health (default 60 s: tsx compiles on the first start). */
  startTimeoutMs?: number;
  logLevel?: string;
  env?: Record<string, string>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dx-e2e-'));
  const databasePath = join(dir, 'dx.sqlite');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';

  const child: ChildProcess = spawn(process.execPath, [...SERVER_ARGS], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      LOG_LEVEL: options.logLevel ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      try {
        const res = await fetch(`${baseUrl}/api/health`);
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`server did not answer /api/health in time:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    await stop();
    throw err;
  }

  return { baseUrl, databasePath, output: () => output, stop };
}

/** GET JSON from the server (with a session cookie when given); throws with the body when the status is not 2xx. */
export async function getJson<T = any>(url: string, cookie?: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export interface SignedIn {
  /** `dx_session=…`, for the Cookie header. */
  cookie: string;
  /** The session token alone (the cookie's value), e.g. for a browser context's addCookies. */
  token: string;
  csrfToken: string;
}

/** Logs in through the API (a demo account by default, password demo-password). */
export async function login(baseUrl: string, username = 'demo-admin', password = 'demo-password'): Promise<SignedIn> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`login as ${username} → ${res.status}: ${text.slice(0, 500)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const token = cookie.split('=')[1] ?? '';
  if (!token) throw new Error(`login as ${username}: no session cookie`);
  return { cookie, token, csrfToken: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}
