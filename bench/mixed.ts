/**
 * Issue 16's mixed phase of `npm run bench`, on the national data: readers on dashboards of random
 * bodies (10 connections; 1,789 bodies against a 500-answer cache, so cache misses are included) alone,
 * then while (a) a 50,000-row xlsx import is uploaded (read + dry run) and applied, and (b) a council PDF
 * and the national CSV are generated over and over. Reports the readers' p50/p99 of each against alone,
 * and the import's seconds.
 *
 * Also the event-loop time of a national roll-up cache miss (`rollupMissLoopTime`): the real app built in
 * this process on the same file, a new "today" for every request (so each one is a miss, computed in the
 * roll-up worker), measured with `performance.eventLoopUtilization()` around each request.
 */
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/app.ts';
import { createUser } from '../server/auth/users.ts';
import { openDatabase } from '../server/db/client.ts';
import { fiscalQuarterOf, quarterFromIndex, quarterIndex } from '../server/domain/fiscal.ts';
import { insertGeneratedBody } from './import-data.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Latency {
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

export interface Mixed {
  alone: Latency;
  duringImport: Latency;
  duringExports: Latency;
  importRows: number;
  uploadSeconds: number;
  applySeconds: number;
  exportsMade: { pdf: number; csv: number };
}

/** Readers until `stop()`: autocannon on random bodies' dashboards. */
function readers(base: string, cookie: string, bodyIds: number[], connections: number, seconds = 3600) {
  let done!: (l: Latency) => void;
  const result = new Promise<Latency>((r) => (done = r));
  const inst = autocannon(
    {
      url: base,
      connections,
      duration: seconds,
      headers: { cookie },
      requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: `/api/bodies/${bodyIds[Math.floor(Math.random() * bodyIds.length)]}/dashboard` }) }],
    },
    (err, r) => {
      if (err) throw err;
      done({ p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, errors: r.errors + r.non2xx });
    },
  );
  return { stop: () => inst.stop(), result };
}

export async function measureMixed(opts: {
  base: string;
  cookie: string;
  csrf: string;
  dbPath: string;
  seconds: number;
  connections: number;
  setPhase: (name: string) => void;
}): Promise<Mixed> {
  const { base, cookie, csrf } = opts;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, ...headers }, body: body as never });

  // The 50,000-row body, written beside the running server (its caches are version-checked).
  const db = openDatabase(opts.dbPath, { migrate: false });
  const g = insertGeneratedBody(db, { items: 500, perItem: 100, code5: '43998', name: '混在ベンチ市' });
  const bodyIds = (db.$client.prepare("SELECT id FROM local_bodies WHERE id <> ? ORDER BY id").pluck().all(g.bodyId) as number[]);
  const quarterBody = bodyIds[0]!;
  db.$client.close();

  // The workbook, every 状況 changed (in this process, before the measurement).
  const res = await fetch(`${base}/api/bodies/${g.bodyId}/workbook.xlsx`, { headers: { cookie } });
  if (!res.ok) throw new Error(`workbook: ${res.status} ${await res.text()}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  wb.getWorksheet('マイルストーン')!.eachRow((r, n) => {
    if (n > 1) r.getCell(8).value = '進行中';
  });
  const edited = Buffer.from(await wb.xlsx.writeBuffer());

  // A closed quarter for the council PDF (the quarter before today's).
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
  const fq = quarterFromIndex(quarterIndex(fiscalQuarterOf(today)) - 1);
  const closed = await post(`/api/bodies/${quarterBody}/quarters`, JSON.stringify(fq), { 'content-type': 'application/json' });
  if (!closed.ok && closed.status !== 409) throw new Error(`close quarter: ${closed.status} ${await closed.text()}`);

  opts.setPhase('mixedAlone');
  console.log(`mixed: readers alone (${opts.seconds} s)`);
  const alone = readers(base, cookie, bodyIds, opts.connections, opts.seconds);
  const aloneLatency = await alone.result;

  opts.setPhase('mixedImport');
  console.log('mixed: readers during a 50,000-row xlsx import (upload + dry run, apply)');
  const during = readers(base, cookie, bodyIds, opts.connections);
  const u0 = performance.now();
  const up = await post(`/api/bodies/${g.bodyId}/imports`, edited, { 'content-type': XLSX, 'x-file-name': 'mixed.xlsx' });
  const preview = (await up.json()) as { importId: number; rows: number; counts: unknown };
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(preview).slice(0, 300)}`);
  const uploadSeconds = (performance.now() - u0) / 1000;
  const a0 = performance.now();
  const applied = await post(`/api/imports/${preview.importId}/apply`, undefined);
  if (!applied.ok) throw new Error(`apply: ${applied.status} ${(await applied.text()).slice(0, 300)}`);
  await applied.text();
  const applySeconds = (performance.now() - a0) / 1000;
  during.stop();
  const duringImport = await during.result;

  opts.setPhase('mixedExports');
  console.log(`mixed: readers while council PDFs and the national CSV are generated (${opts.seconds} s)`);
  const exporting = readers(base, cookie, bodyIds, opts.connections, opts.seconds);
  const made = { pdf: 0, csv: 0 };
  let stop = false;
  const drain = async (path: string) => {
    const r = await fetch(`${base}${path}`, { headers: { cookie } });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    for await (const _ of r.body as unknown as AsyncIterable<Uint8Array>) void _;
  };
  const loops = [
    (async () => {
      while (!stop) await drain(`/api/bodies/${quarterBody}/quarters/${fq.fiscalYear}/${fq.quarter}/report.pdf`).then(() => made.pdf++);
    })(),
    (async () => {
      while (!stop) await drain('/api/rollups/national/milestones.csv').then(() => made.csv++);
    })(),
  ];
  const duringExports = await exporting.result;
  stop = true;
  await Promise.all(loops);

  return { alone: aloneLatency, duringImport, duringExports, importRows: preview.rows, uploadSeconds, applySeconds, exportsMade: made };
}

/** Event-loop milliseconds of `n` national roll-up cache misses (each a new day), in this process. */
export async function rollupMissLoopTime(dbPath: string, n = 20): Promise<{ p50: number; max: number; wallP50: number }> {
  const db = openDatabase(dbPath, { migrate: false });
  let day = 0;
  const days = Array.from({ length: n + 2 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
  const app = await buildApp({ db, webRoot: false, today: () => days[day]!, limits: { heavyPerMinute: 0, exportPerMinute: 0 } });
  await app.ready();
  try {
    await createUser(db, { username: 'bench-loop', role: 'admin', password: 'bench-password-123' }).catch(() => undefined);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench-loop', password: 'bench-password-123' } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const loop: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i <= n; i++) {
      day = i;
      const e0 = performance.eventLoopUtilization();
      const t0 = performance.now();
      const r = await app.inject({ url: '/api/rollups/national', headers: { cookie, 'accept-encoding': 'br' } });
      if (r.statusCode !== 200) throw new Error(`national: ${r.statusCode} ${r.body.slice(0, 200)}`);
      const e = performance.eventLoopUtilization(e0);
      if (i === 0) continue; // the first one starts the worker thread
      loop.push(e.active);
      wall.push(performance.now() - t0);
    }
    const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return { p50: r1(sorted(loop)[Math.floor(loop.length / 2)]!), max: r1(Math.max(...loop)), wallP50: r1(sorted(wall)[Math.floor(wall.length / 2)]!) };
  } finally {
    await app.close();
    db.$client.close();
  }
}
