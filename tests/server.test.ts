/**
 * The real thing: `tsx server/server.ts` as a child process on a free port with a fresh
 * DATABASE_PATH, exactly as `npm start` runs it. It must create, migrate and seed the file and serve
 * the health check, the demo dashboard, the OpenAPI document and the docs page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
  child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
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

  it('serves the demo dashboard of 上天草市', async () => {
    const bodies = await getJson(`${base}/api/bodies?q=${encodeURIComponent('上天草')}`);
    expect(bodies.items).toHaveLength(1);
    const dash = await getJson(`${base}/api/bodies/${bodies.items[0].id}/dashboard?asOf=2026-11-23`);
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
