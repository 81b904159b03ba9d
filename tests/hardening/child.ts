/**
 * The real server as a child process (`node --import tsx server/server.ts`, as `npm start` runs it)
 * on a DATABASE_PATH the test chooses, so it can be killed (SIGKILL) and started again on the same
 * file. The first start on a missing file creates, migrates and seeds it with the demo data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, REPO_ROOT } from '../helpers/server.ts';
import { SERVER_ARGS } from '../../server/launch.ts';

export interface Child {
  baseUrl: string;
  proc: ChildProcess;
  output: () => string;
  /** SIGKILL (no shutdown hook runs: like a power cut for the process) and wait for the exit. */
  kill: () => Promise<void>;
  /** SIGTERM and wait. */
  stop: () => Promise<void>;
}

export async function startChild(databasePath: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Child> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let out = '';
  const proc = spawn(process.execPath, [...SERVER_ARGS], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => {
    if (proc.exitCode !== null || proc.signalCode !== null) r();
    else proc.once('exit', () => r());
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(sig);
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      await signal('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { baseUrl, proc, output: () => out, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function loginAs(baseUrl: string, username: string, password = 'demo-password'): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${text}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrfToken: JSON.parse(text).csrfToken };
}

export async function call(baseUrl: string, s: Session, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
