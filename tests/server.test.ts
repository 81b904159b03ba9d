/**
 * The real thing: `tsx server/server.ts` as a child process on a free port with a fresh
 * DATABASE_PATH, exactly as `npm start` runs it. It must create, migrate and seed the file (demo data
 * and demo accounts) and serve the health check, the demo dashboard to a signed-in user, the OpenAPI
 * document and the docs page. With NODE_ENV=production it must refuse a database with demo accounts,
 * and seed a new one with reference data only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/client.ts';
import { seedReference } from '../seed/reference.ts';
import { seedDemo } from '../seed/demo.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../seed/demo-users.ts';
import { SERVER_ARGS } from '../server/launch.ts';

const getJson = async (url: string): Promise<any> => (await fetch(url)).json();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

let child: ChildProcess;
let base: string;
let dir: string;
let dbPath: string;
let output = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dx-server-'));
  dbPath = join(dir, 'nested', 'dx.sqlite');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [...SERVER_ARGS], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the real server on a fresh DATABASE_PATH', () => {
  it('creates and seeds the database file and answers the health check', async () => {
    expect(existsSync(dbPath)).toBe(true);
    const health = await getJson(`${base}/api/health`);
    expect(health).toMatchObject({ status: 'ok', database: 'ok' });
    expect(health.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('serves the demo dashboard of 上天草市 to a signed-in demo account, and nothing without a session', async () => {
    const anonymous = await fetch(`${base}/api/bodies`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { message: string }).message).toContain('ログインしてください');

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-hq', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^dx_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain HTTP here; Secure behind TLS (see tests/auth)
    const cookie = setCookie.split(';')[0]!;
    const auth = { headers: { cookie } };

    const bodies = (await (await fetch(`${base}/api/bodies?q=${encodeURIComponent('上天草')}`, auth)).json()) as { items: { id: number }[] };
    expect(bodies.items).toHaveLength(1);
    const dash = (await (await fetch(`${base}/api/bodies/${bodies.items[0]!.id}/dashboard?asOf=2026-11-23`, auth)).json()) as any;
    expect(dash.body.name).toBe('上天草市');
    expect(dash.categories.map((c: { name: string }) => c.name)).toContain('標準化・共通化');
    expect(dash.totals.counts.past_deadline).toBeGreaterThan(0);
  });

  it('serves the OpenAPI document and the docs page, and the web app', async () => {
    const doc = await getJson(`${base}/api/openapi.json`);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/bodies/{bodyId}/dashboard');
    const docs = await fetch(`${base}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    const page = await fetch(`${base}/bodies/1`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="ja"');
  });
});

/** Starts the server on `dbPath` and waits for it to exit (or to listen, which is then a failure). */
async function startExpectingExit(dbPath: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, [...SERVER_ARGS], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      proc.kill('SIGTERM');
      resolve(-1);
    }, 60_000);
    proc.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, output: out };
}

describe('NODE_ENV=production', () => {
  it('refuses to start when the database has demo accounts, with a clear message', async () => {
    const prodDir = mkdtempSync(join(tmpdir(), 'dx-prod-'));
    try {
      const path = join(prodDir, 'dx.sqlite');
      const db = openDatabase(path);
      seedReference(db);
      seedDemo(db);
      await seedDemoUsers(db);
      db.$client.close();
      const { code, output } = await startExpectingExit(path, { NODE_ENV: 'production' });
      expect(code).toBe(1);
      expect(output).toContain('Refusing to start: NODE_ENV=production and the database has demo accounts');
      expect(output).toContain('demo-admin');
      expect(output).not.toMatch(/^\s+at /m); // a message for the operator, not a stack trace
    } finally {
      rmSync(prodDir, { recursive: true, force: true });
    }
  });

  it('seeds a new database with reference data only: no demo bodies, no demo accounts', async () => {
    const prodDir = mkdtempSync(join(tmpdir(), 'dx-prod-'));
    const path = join(prodDir, 'dx.sqlite');
    const port = await freePort();
    const proc = spawn(process.execPath, [...SERVER_ARGS], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: path, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
        if (ok) break;
        if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`production server did not start: ${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo-admin', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(401);
    } finally {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    const db = openDatabase(path);
    try {
      expect(db.$client.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
      expect(db.$client.prepare('SELECT count(*) AS n FROM local_bodies').get()).toEqual({ n: 0 });
      expect((db.$client.prepare('SELECT count(*) AS n FROM categories').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      db.$client.close();
      rmSync(prodDir, { recursive: true, force: true });
    }
  });
});
