/**
 * `npm run bench`: builds the national database (1,788 bodies, seed 1) in a temporary directory, starts
 * the real server on 127.0.0.1 and measures (see bench/README.md). Writes bench/results.json and
 * bench/results.md. Not part of `npm test`. BENCH_SECONDS (default 10) bounds each measurement.
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/db/client.ts';
import { createUser } from '../server/auth/users.ts';
import { registerAuditFunctions } from '../server/audit/context.ts';
import { bodyDashboard } from '../server/services/dashboard.ts';
import { nationalRollup, prefectureRollup } from '../server/services/rollups.ts';
import { seedReference } from '../seed/reference.ts';
import { MILESTONE_EXPORT_SQL } from '../server/repositories/milestone-rows.ts';
import { generateNational } from '../seed/national/generate.ts';
import { measurePageLoad, pageLoadMarkdown, type PageLoad } from './page-load.ts';
import { asGenerated, historySize, simulateQuarters } from './history.ts';
import { bodyPlanFor } from '../server/services/as-of.ts';
import { measureMixed, rollupMissLoopTime, type Mixed } from './mixed.ts';
import { SERVER_ARGS, SERVER_NODE_OPTIONS } from '../server/launch.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const PASSWORD = 'bench-password-123';
const TODAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());

const dir = mkdtempSync(join(tmpdir(), 'dx-bench-'));
const dbPath = join(dir, 'national.sqlite');
const children: ChildProcess[] = [];
let cleaningUp = false;
const cleanup = () => {
  cleaningUp = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

const rssOf = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  } catch {
    return 0;
  }
};
const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

function startChild(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((ok, fail) => {
    const c = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(c);
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/ready|listening|Server listening/i.test(out)) ok(c);
    };
    c.stdout!.on('data', onData);
    c.stderr!.on('data', onData);
    // The server logs nothing at LOG_LEVEL=warn: the caller polls its health route instead.
    // (args: SERVER_ARGS — Node options first, then the script; bench/bare.ts prints its own line.)
    if (args.includes('server/server.ts')) c.once('spawn', () => ok(c));
    // A server that dies during the bench says why (its output is otherwise kept quiet).
    c.on('exit', (code, signal) => {
      if (!cleaningUp) console.error(`\n${args.join(' ')} exited (${code ?? signal}):\n${out.slice(-4000)}`);
      fail(new Error(`${args.join(' ')} exited ${code ?? signal}: ${out}`));
    });
  });
}

async function cannon(url: string, headers: Record<string, string>, path?: () => string) {
  const requests = path ? [{ method: 'GET' as const, setupRequest: (req: any) => ({ ...req, path: path() }) }] : undefined;
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, requests });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { p50: r.latency.p50, p99: r.latency.p99, rps: Math.round(r.requests.average) };
}

function timeInProcess(fn: () => unknown) {
  const samples: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]! * 1000) / 1000;
  return { p50: q(0.5), p99: q(0.99), rps: Math.round(samples.length / SECONDS) };
}

async function main() {
  console.log(`bench: national database in ${dir} (BENCH_SECONDS=${SECONDS}, ${CONNECTIONS} connections, today ${TODAY})`);
  const t0 = performance.now();
  const db = openDatabase(dbPath);
  seedReference(db);
  // Recorded as adopted on 2022-04-01, then four quarters of simulated updates (bench/history.ts).
  const summary = asGenerated(() => generateNational(db, { seed: 1, scale: 1 }));
  const simulated = simulateQuarters(db);
  const history = historySize(db);
  console.log(`history after four simulated quarters (${simulated.updates} updates):`, history);
  await createUser(db, { username: 'bench-admin', role: 'admin', password: PASSWORD });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const buildSeconds = (performance.now() - t0) / 1000;
  const rowCounts = Object.fromEntries(
    ['local_bodies', 'body_business_areas', 'body_area_steps', 'milestones', 'kpi_values'].map((t) => [t, (db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
  const dbMiB = mb(statSync(dbPath).size);
  console.log(`built in ${buildSeconds.toFixed(1)} s: ${dbMiB} MiB`, rowCounts);

  const q = db.$client;
  const bodyId = (q.prepare("SELECT id FROM local_bodies WHERE kind = 'city' ORDER BY id LIMIT 1").get() as { id: number }).id;
  const pref = '13';

  // ---- the real server ---------------------------------------------------------------------------
  const port = 3900 + Math.floor(Math.random() * 50);
  const server = await startChild([...SERVER_ARGS], { DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', EXPORT_LIMIT_PER_MINUTE: '0' });
  let peakRss = rssOf(server.pid!);
  // The peak per phase too, to see which step needs the memory.
  const phasePeaks: Record<string, number> = { idle: peakRss };
  let phase = 'idle';
  const sampler = setInterval(() => {
    const rss = rssOf(server.pid!);
    peakRss = Math.max(peakRss, rss);
    phasePeaks[phase] = Math.max(phasePeaks[phase] ?? 0, rss);
  }, 100);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`);
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-admin', password: PASSWORD }) });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const headers = { cookie };

  const api: Record<string, { p50: number; p99: number; rps: number }> = {};
  const floor: Record<string, { p50: number; p99: number; rps: number }> = {};
  const endpoints = {
    dashboard: `/api/bodies/${bodyId}/dashboard`,
    prefecture: `/api/rollups/prefectures/${pref}`,
    national: '/api/rollups/national',
  } as const;
  for (const [name, path] of Object.entries(endpoints)) {
    phase = name;
    console.log(`autocannon ${path}`);
    api[name] = await cannon(base + path, headers);
  }
  // The same dashboard with a different ?asOf= on every request: never in the response cache (500
  // entries, 3,650 dates cycled), so every answer is computed — what the first reader after a write gets.
  // Today and later: the current state (live rows). Before today: as known then (the history, services/as-of.ts).
  const day = (from: string, i: number) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
  const dates = Array.from({ length: 3650 }, (_, i) => day(TODAY, i));
  const pastDates = Array.from({ length: 1600 }, (_, i) => day('2022-04-02', i)).filter((d) => d < TODAY);
  let k = 0;
  phase = 'dashboardMiss';
  console.log('autocannon dashboard, cache misses');
  api.dashboardMiss = await cannon(base + endpoints.dashboard, headers, () => `${endpoints.dashboard}?asOf=${dates[k++ % dates.length]}`);
  let kp = 0;
  phase = 'dashboardPastMiss';
  console.log('autocannon dashboard as of past days, cache misses');
  api.dashboardPastMiss = await cannon(base + endpoints.dashboard, headers, () => `${endpoints.dashboard}?asOf=${pastDates[kp++ % pastDates.length]}`);
  // The page itself on a slow town-hall PC (bench/page-load.ts): 概要 of the same body, cold and warm.
  phase = 'page';
  console.log('Chromium: 概要, CPU ×4, 10 Mbps / 40 ms');
  const page = await measurePageLoad({ base, cookie, path: `/bodies/${bodyId}` });
  // The floor: the same answers by the same queries through better-sqlite3 in this process, no HTTP.
  const ro = openDatabase(dbPath);
  floor.dashboard = timeInProcess(() => JSON.stringify(bodyDashboard(ro, bodyId, TODAY)));
  const past = '2026-06-30';
  floor.dashboardPast = timeInProcess(() => JSON.stringify(bodyDashboard(ro, bodyId, past, bodyPlanFor(ro, bodyId, past, TODAY))));
  floor.prefecture = timeInProcess(() => JSON.stringify(prefectureRollup(ro, pref, TODAY)));
  floor.national = timeInProcess(() => JSON.stringify(nationalRollup(ro, TODAY)));

  // ---- the ceiling: a bare Fastify route -----------------------------------------------------------
  const barePort = port + 100;
  await startChild([...SERVER_NODE_OPTIONS, '--import', 'tsx', 'bench/bare.ts', String(barePort)], {});
  console.log('autocannon bare route');
  const bare = await cannon(`http://127.0.0.1:${barePort}/bare`, {});

  // ---- milestone updates through the API (auth, CSRF, validation, audit trigger) vs raw UPDATEs ----
  const ms = q.prepare("SELECT id, version FROM milestones WHERE status = 'in_progress' ORDER BY id LIMIT 64").all() as { id: number; version: number }[];
  phase = 'updates';
  let updates = 0;
  let failures = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, w) => {
      const mine = ms.filter((_, i) => i % CONNECTIONS === w);
      for (let i = 0; performance.now() < until; i++) {
        const m = mine[i % mine.length]!;
        const res = await fetch(`${base}/api/milestones/${m.id}`, {
          method: 'PATCH',
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ version: m.version, note: `bench ${i}` }),
        });
        if (res.ok) {
          m.version = ((await res.json()) as { version: number }).version;
          updates++;
        } else {
          failures++;
          await res.text();
        }
      }
    }),
  );
  const apiUpdates = Math.round(updates / SECONDS);
  const audited = (q.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'milestones'").get() as { n: number }).n;

  const raw = new Database(dbPath);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  registerAuditFunctions(raw); // the audit triggers need the function; with no actor they record nothing
  const upd = raw.prepare("UPDATE milestones SET note = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  const tx = raw.transaction((id: number, note: string) => upd.run(note, id));
  let rawN = 0;
  const rawUntil = performance.now() + SECONDS * 1000;
  while (performance.now() < rawUntil) tx(ms[rawN % ms.length]!.id, `raw ${rawN++}`);
  const rawUpdates = Math.round(rawN / SECONDS);
  raw.close();

  // ---- national CSV export of every milestone through the API (streamed) vs the sqlite3 CLI ---------
  phase = 'export';
  console.log('GET /api/rollups/national/milestones.csv');
  const e0 = performance.now();
  let exportRows = -1; // the header line
  let exportBytes = 0;
  const exportRes = await fetch(`${base}/api/rollups/national/milestones.csv`, { headers });
  if (!exportRes.ok || !exportRes.body) throw new Error(`export: ${exportRes.status}`);
  for await (const chunk of exportRes.body as unknown as AsyncIterable<Uint8Array>) {
    exportBytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) exportRows++;
  }
  const exportSeconds = (performance.now() - e0) / 1000;
  // The same export again: the first one also started the worker thread that writes it (server/workers/).
  const w0 = performance.now();
  const again = await fetch(`${base}/api/rollups/national/milestones.csv`, { headers });
  for await (const _ of again.body as unknown as AsyncIterable<Uint8Array>) void _;
  const warmExportSeconds = (performance.now() - w0) / 1000;

  // ---- issue 16: readers alone, during a 50,000-row import, during council PDFs and national CSVs --
  const mixed = await measureMixed({ base, cookie, csrf, dbPath, seconds: SECONDS, connections: CONNECTIONS, setPhase: (p) => (phase = p) });
  clearInterval(sampler);
  const serverPeakRss = peakRss;
  for (const c of children) c.kill('SIGTERM');
  // The event-loop time of a national roll-up cache miss (this process, the server stopped).
  console.log('national roll-up cache misses: event-loop time');
  const rollupMiss = await rollupMissLoopTime(dbPath);
  let cli: { rowsPerSecond: number; seconds: number; peakRssMiB: number } | null = null;
  const which = spawnSync('sh', ['-c', 'command -v sqlite3']);
  const sqlite3 = which.status === 0 ? which.stdout.toString().trim() : null;
  if (sqlite3) {
    const c0 = performance.now();
    const sql = MILESTONE_EXPORT_SQL.replace('WHERE @pref IS NULL OR b.prefecture_code = @pref', '');
    const r = spawnSync('/usr/bin/time', ['-f', '%M', sqlite3, '-csv', '-header', dbPath, sql], { maxBuffer: 1 << 30 });
    const seconds = (performance.now() - c0) / 1000;
    const peakKb = Number(/(\d+)\s*$/.exec(r.stderr.toString())?.[1] ?? 0);
    cli = { rowsPerSecond: Math.round(exportRows / seconds), seconds, peakRssMiB: mb(peakKb * 1024) };
  } else {
    console.warn('sqlite3 CLI is missing: install it with `apt-get install -y sqlite3` to compare the export with it');
  }

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    seconds: SECONDS,
    connections: CONNECTIONS,
    database: { buildSeconds: Math.round(buildSeconds * 10) / 10, sizeMiB: dbMiB, rowCounts, summary },
    history: { simulatedUpdates: simulated.updates, ...history, dataMiB: mb(history.dataBytes), onDiskMiB: history.bytesOnDisk === null ? null : mb(history.bytesOnDisk) },
    api,
    floor,
    bare,
    page,
    updates: { apiPerSecond: apiUpdates, failures, auditedRows: audited, rawPerSecond: rawUpdates },
    mixed,
    rollupMiss,
    export: {
      rows: exportRows,
      bytes: exportBytes,
      seconds: Math.round(exportSeconds * 100) / 100,
      rowsPerSecond: Math.round(exportRows / exportSeconds),
      warmRowsPerSecond: Math.round(exportRows / warmExportSeconds),
      cli,
    },
    serverPeakRssMiB: mb(serverPeakRss),
    serverPeakRssByPhaseMiB: Object.fromEntries(Object.entries(phasePeaks).map(([k, v]) => [k, mb(v)])),
  };
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(ROOT, 'bench/results.md'), markdown(results));
  console.log(markdown(results));
  for (const c of children) c.kill('SIGTERM');
  ro.$client.close();
  db.$client.close();
}

async function waitFor(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

type R = {
  api: Record<string, { p50: number; p99: number; rps: number }>;
  floor: Record<string, { p50: number; p99: number; rps: number }>;
  bare: { p50: number; p99: number; rps: number };
  page: PageLoad;
  mixed: Mixed;
  rollupMiss: { p50: number; max: number; wallP50: number };
  updates: { apiPerSecond: number; rawPerSecond: number; failures: number };
  export: { rows: number; rowsPerSecond: number; warmRowsPerSecond: number; cli: { rowsPerSecond: number; peakRssMiB: number } | null };
  serverPeakRssMiB: number;
  serverPeakRssByPhaseMiB: Record<string, number>;
  database: { sizeMiB: number; buildSeconds: number };
  history: { simulatedUpdates: number; total: number; versions: { entity: string; n: number }[]; dataMiB: number; onDiskMiB: number | null };
  seconds: number;
  connections: number;
};

function markdown(r: R): string {
  const ok = (b: boolean) => (b ? '✅' : '❌');
  const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;
  const lines = [
    `# Benchmark results (national data: 1,788 bodies; ${r.database.sizeMiB} MiB, built in ${r.database.buildSeconds} s)`,
    '',
    `${r.seconds} s per measurement, ${r.connections} connections (autocannon, 127.0.0.1). Latencies in ms.`,
    '',
    '| what | p50 | p99 | req/s | in-process floor p50 / req/s | target | met |',
    '|---|---:|---:|---:|---:|---|---|',
    `| body dashboard | ${r.api.dashboard!.p50} | ${r.api.dashboard!.p99} | ${r.api.dashboard!.rps} | ${r.floor.dashboard!.p50} / ${r.floor.dashboard!.rps} | p50 ≤ 5 ms | ${ok(r.api.dashboard!.p50 <= 5)} |`,
    `| body dashboard, cache miss on every request (new ?asOf= today or later: current state) | ${r.api.dashboardMiss!.p50} | ${r.api.dashboardMiss!.p99} | ${r.api.dashboardMiss!.rps} | (same floor) | — | |`,
    `| body dashboard as of a past day, cache miss on every request (history) | ${r.api.dashboardPastMiss!.p50} | ${r.api.dashboardPastMiss!.p99} | ${r.api.dashboardPastMiss!.rps} | ${r.floor.dashboardPast!.p50} / ${r.floor.dashboardPast!.rps} | p50 ≤ 2 × current-state miss | ${ok(r.api.dashboardPastMiss!.p50 <= 2 * r.api.dashboardMiss!.p50)} |`,
    `| prefecture roll-up (東京都) | ${r.api.prefecture!.p50} | ${r.api.prefecture!.p99} | ${r.api.prefecture!.rps} | ${r.floor.prefecture!.p50} / ${r.floor.prefecture!.rps} | — | |`,
    `| national roll-up | ${r.api.national!.p50} | ${r.api.national!.p99} | ${r.api.national!.rps} | ${r.floor.national!.p50} / ${r.floor.national!.rps} | p50 ≤ 20 ms | ${ok(r.api.national!.p50 <= 20)} |`,
    `| bare Fastify route (ceiling) | ${r.bare.p50} | ${r.bare.p99} | ${r.bare.rps} | | | |`,
    '',
    '| ratio / figure | value | target | met |',
    '|---|---:|---|---|',
    `| history (row_versions) after four simulated quarters (${r.history.simulatedUpdates} updates): versions | ${r.history.total} (${r.history.versions.map((v) => `${v.entity} ${v.n}`).join(', ')}) | reported | |`,
    `| history: JSON bytes / table and indexes on disk, MiB | ${r.history.dataMiB} / ${r.history.onDiskMiB ?? '—'} | reported | |`,
    `| as-of dashboard p50 ÷ current-state dashboard p50 (both uncached) | ${(r.api.dashboardPastMiss!.p50 / r.api.dashboardMiss!.p50).toFixed(2)} | ≤ 2 | ${ok(r.api.dashboardPastMiss!.p50 <= 2 * r.api.dashboardMiss!.p50)} |`,
    `| dashboard req/s ÷ bare route req/s | ${pct(r.api.dashboard!.rps, r.bare.rps)} | ≥ 40% | ${ok(r.api.dashboard!.rps >= 0.4 * r.bare.rps)} |`,
    `| milestone PATCH through the API (${r.connections} clients; session, CSRF, validation, audit and roll-up triggers, group commit), updates/s | ${r.updates.apiPerSecond} (${r.updates.failures} failed) | ≥ 1,000 | ${ok(r.updates.apiPerSecond >= 1000)} |`,
    `| raw single-row UPDATE transactions (synchronous=FULL), updates/s | ${r.updates.rawPerSecond} | API = ${pct(r.updates.apiPerSecond, r.updates.rawPerSecond)} of raw | |`,
    `| CSV export of every milestone through the API (${r.export.rows} rows, streamed), rows/s | ${r.export.rowsPerSecond} | ≥ 50% of sqlite3 CLI | ${r.export.cli ? ok(r.export.rowsPerSecond >= 0.5 * r.export.cli.rowsPerSecond) : 'sqlite3 missing'} |`,
    `| the same export again (its worker thread already started), rows/s | ${r.export.warmRowsPerSecond} | ${r.export.cli ? `${pct(r.export.warmRowsPerSecond, r.export.cli.rowsPerSecond)} of CLI` : ''} | |`,
    `| sqlite3 -csv, same query and file, rows/s | ${r.export.cli ? r.export.cli.rowsPerSecond : 'not installed'} | export = ${r.export.cli ? pct(r.export.rowsPerSecond, r.export.cli.rowsPerSecond) : '—'} of CLI | |`,
    `| sqlite3 CLI peak RSS during its dump, MiB | ${r.export.cli?.peakRssMiB ?? '—'} | | |`,
    `| server peak RSS throughout, MiB | ${r.serverPeakRssMiB} | ≤ 300 | ${ok(r.serverPeakRssMiB <= 300)} |`,
    `| server peak RSS by phase, MiB | ${Object.entries(r.serverPeakRssByPhaseMiB).map(([k, v]) => `${k} ${v}`).join(', ')} | | |`,
    '',
    ...mixedMarkdown(r),
    '',
    ...pageLoadMarkdown(r.page),
  ];
  return lines.join('\n');
}

function mixedMarkdown(r: R): string[] {
  const ok = (b: boolean) => (b ? '✅' : '❌');
  const m = r.mixed;
  const row = (what: string, l: typeof m.alone) =>
    `| ${what} | ${l.p50} | ${l.p99} | ${l.requests} | ${l.errors} | ${what.startsWith('alone') ? '—' : `${(l.p99 / Math.max(1, m.alone.p99)).toFixed(2)}× alone; ≤ 2× and ≤ 100 ms`} | ${what.startsWith('alone') ? '' : ok(l.p99 <= 2 * m.alone.p99 && l.p99 <= 100)} |`;
  return [
    `## Heavy work beside readers (issue 16): ${r.connections} connections on dashboards of random bodies (cache misses included)`,
    '',
    '| readers | p50 | p99 | requests | errors | target | met |',
    '|---|---:|---:|---:|---:|---|---|',
    row('alone', m.alone),
    row(`during a ${m.importRows.toLocaleString('en')}-row xlsx import (upload + dry run, apply)`, m.duringImport),
    row(`during council PDFs (${m.exportsMade.pdf}) and national CSVs (${m.exportsMade.csv}) generated back to back`, m.duringExports),
    '',
    '| figure | value | target | met |',
    '|---|---:|---|---|',
    `| 50,000-row xlsx: upload + read + dry run, s | ${m.uploadSeconds.toFixed(1)} | | |`,
    `| 50,000-row xlsx: apply, s | ${m.applySeconds.toFixed(1)} | check + apply ≤ 10 s | ${ok(m.uploadSeconds + m.applySeconds <= 10)} |`,
    `| national roll-up cache miss: event-loop time p50 / max, ms (wall p50 ${r.rollupMiss.wallP50} ms, computed in the roll-up worker) | ${r.rollupMiss.p50} / ${r.rollupMiss.max} | ≤ 5 ms | ${ok(r.rollupMiss.max <= 5)} |`,
  ];
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
  cleanup();
});
