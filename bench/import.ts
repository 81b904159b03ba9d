/**
 * `npm run bench:import`: 50,000 milestone rows through the real server (not part of `npm test`).
 *
 * A generated body (bench/import-data.ts: 500 items × 100 milestones) in a fresh database, one HQ
 * account; the real server (`server/server.ts`, NODE_ENV=production) on 127.0.0.1. Then:
 * 1. GET workbook.xlsx (the whole body) and workbook.csv?sheet=milestones;
 * 2. the xlsx edited as a person would (every status → 進行中, with exceljs in this process), uploaded:
 *    upload + streamed read + dry run → preview; then apply (one transaction, 50,000 audited updates);
 * 3. the CSV, edited the same way and saved as Shift_JIS (CP932), uploaded for a dry run.
 * The server's RSS is sampled every 50 ms from /proc/<pid>/status (peak per phase, and VmHWM).
 * Writes bench/import-results.md. IMPORT_ROWS (default 50000) changes the size.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUser } from '../server/auth/users.ts';
import { openDatabase } from '../server/db/client.ts';
import { seedReference } from '../seed/reference.ts';
import { insertGeneratedBody } from './import-data.ts';
import { SERVER_ARGS } from '../server/launch.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const ROWS = Number(process.env.IMPORT_ROWS ?? 50_000);
const PER_ITEM = 100;
const PASSWORD = 'bench-password-123';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const dir = mkdtempSync(join(tmpdir(), 'dx-bench-import-'));
const dbPath = join(dir, 'import.sqlite');
let server: ChildProcess | null = null;
process.on('exit', () => {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

const status = (pid: number, key: string) => {
  try {
    return Number(new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  } catch {
    return 0;
  }
};
const mb = (b: number) => Math.round(b / 1024 / 1024);
const size = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const s = (ms: number) => Math.round(ms / 100) / 10;

async function waitFor(url: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

async function main() {
  const t0 = performance.now();
  const db = openDatabase(dbPath);
  seedReference(db);
  const g = insertGeneratedBody(db, { items: Math.ceil(ROWS / PER_ITEM), perItem: PER_ITEM });
  await createUser(db, { username: 'bench-hq', role: 'hq', bodyCode: g.code, password: PASSWORD });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  console.log(`generated ${ROWS} milestones in ${s(performance.now() - t0)} s`);

  const port = 3960 + Math.floor(Math.random() * 30);
  server = spawn(process.execPath, [...SERVER_ARGS], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const pid = server.pid!;
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`);
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-hq', password: PASSWORD }) });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const idle = status(pid, 'VmRSS');

  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, status(pid, 'VmRSS'))), 50);
  const results: { phase: string; seconds: number; peakMiB: number; note: string }[] = [];
  async function phase<T>(name: string, fn: () => Promise<T>, note: (r: T) => string): Promise<T> {
    peak = status(pid, 'VmRSS');
    const start = performance.now();
    const r = await fn();
    const seconds = s(performance.now() - start);
    results.push({ phase: name, seconds, peakMiB: mb(peak), note: note(r) });
    console.log(`${name}: ${seconds} s, server peak RSS ${mb(peak)} MiB — ${note(r)}`);
    return r;
  }
  const get = async (path: string) => {
    const res = await fetch(base + path, { headers: { cookie } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const upload = async (file: Buffer, type: string, name: string) => {
    const res = await fetch(`${base}/api/bodies/${g.bodyId}/imports`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      body: file,
    });
    const json = (await res.json()) as { importId: number; rows: number; counts: Record<string, number>; message?: string };
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${json.message}`);
    return json;
  };

  const xlsx = await phase('GET workbook.xlsx', () => get(`/api/bodies/${g.bodyId}/workbook.xlsx`), (b) => size(b.length));

  // The edit, client side (not measured as server work).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as never);
  wb.getWorksheet('マイルストーン')!.eachRow((r, n) => {
    if (n > 1) r.getCell(8).value = '進行中';
  });
  const edited = Buffer.from(await wb.xlsx.writeBuffer());
  writeFileSync(join(dir, 'edited.xlsx'), edited);

  const preview = await phase('POST imports (xlsx: upload, streamed read, dry run)', () => upload(edited, XLSX, '進捗管理表.xlsx'), (p) => `${p.rows} rows, ${JSON.stringify(p.counts)}`);
  await phase(
    'POST imports/:id/apply',
    async () => {
      const res = await fetch(`${base}/api/imports/${preview.importId}/apply`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
      const json = (await res.json()) as { applied?: object; message?: string };
      if (res.status !== 200) throw new Error(`apply: ${res.status} ${json.message}`);
      return json;
    },
    (r) => JSON.stringify(r.applied),
  );

  // The CSV after the apply (a CSV exported before it would be all conflicts: its versions are stale).
  const csv = await phase('GET workbook.csv?sheet=milestones', () => get(`/api/bodies/${g.bodyId}/workbook.csv?sheet=milestones`), (b) => size(b.length));
  const records = parse(csv.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
  const sjis = iconv.encode(stringify(records.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 8 ? '完了予定を確認' : c)))), { record_delimiter: 'windows' }), 'cp932');
  await phase('POST imports (Shift_JIS CSV: upload, streamed read, dry run)', () => upload(sjis, 'text/csv', '進捗管理表.csv'), (p) => `${p.rows} rows, ${JSON.stringify(p.counts)}`);

  clearInterval(sampler);
  const hwm = status(pid, 'VmHWM');
  const md = [
    '# Import benchmark (`npm run bench:import`)',
    '',
    `${new Date().toISOString().slice(0, 10)}, ${ROWS.toLocaleString('en')} milestone rows (${Math.ceil(ROWS / PER_ITEM)} items × ${PER_ITEM}) of one generated body, the real server`,
    `(NODE_ENV=production) on this machine (2 shared cores). Server RSS idle after login: ${mb(idle)} MiB; VmHWM (peak of the process's life): ${mb(hwm)} MiB.`,
    '',
    '| phase | seconds | server peak RSS (MiB) | result |',
    '|---|---:|---:|---|',
    ...results.map((r) => `| ${r.phase} | ${r.seconds} | ${r.peakMiB} | ${r.note} |`),
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'bench/import-results.md'), md);
  console.log(md);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
