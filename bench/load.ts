/**
 * `npm run load [-- --duration 60 --readers 8 --writers 4]` — not part of `npm test`.
 *
 * Starts the real server (as `npm start` does) on a fresh demo database on 127.0.0.1, signs in the
 * demo accounts, and runs a mixed workload with autocannon for `--duration` seconds:
 *
 * - readers (`--readers` connections): dashboards (overview/timeline/KPIs are one endpoint), the body
 *   list, item lists, an item's detail, KPI lists, 今期の更新, the body's audit log, the standardization
 *   summary — as demo-hq, demo-viewer and demo-admin in turn;
 * - writers (`--writers` connections, one milestone each): demo-officer updating a milestone's note
 *   with the version it last got (each acknowledged write is audited and fsynced: synchronous=FULL).
 *
 * Prints requests/s, latency p50/p99 and errors (network errors, timeouts and non-2xx answers) per
 * class and in total, and writes them to bench/load-results.md. Target (issue 7): 0 errors, p99 ≤ 100 ms.
 * The per-user rate limit of expensive reads is turned off for the run (RATE_LIMIT_PER_MINUTE=0): four
 * accounts from one address stand in for a whole office here.
 */
import autocannon, { type Result } from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { call, loginAs, startChild, type Session } from '../tests/hardening/child.ts';
import { DEMO_AS_OF } from '../seed/demo.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    readers: { type: 'string', default: '8' },
    writers: { type: 'string', default: '4' },
    out: { type: 'string', default: 'bench/load-results.md' },
  },
});
const duration = Number(values.duration);
const readers = Number(values.readers);
const writers = Number(values.writers);

const dir = mkdtempSync(join(tmpdir(), 'dx-load-'));
const child = await startChild(join(dir, 'dx.sqlite'), { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' });
const base = child.baseUrl;

try {
  const [hq, viewer, admin, officer] = (await Promise.all(['demo-hq', 'demo-viewer', 'demo-admin', 'demo-officer'].map((u) => loginAs(base, u)))) as [Session, Session, Session, Session];
  const bodyId = (await call(base, hq, 'GET', `/api/bodies?q=${encodeURIComponent('上天草市')}`)).json.items[0].id as number;
  const dash = (await call(base, hq, 'GET', `/api/bodies/${bodyId}/dashboard?asOf=${DEMO_AS_OF}`)).json;
  const itemIds = (dash.timeline as { itemId: number }[]).map((r) => r.itemId);
  const mine = (await call(base, officer, 'GET', `/api/bodies/${bodyId}/my-updates`)).json;
  const milestoneIds = (mine.items as any[]).filter((i) => i.canEdit).flatMap((i) => (i.milestones as any[]).map((m) => m.id as number));
  if (milestoneIds.length < writers) throw new Error(`only ${milestoneIds.length} milestones for ${writers} writers`);

  const get = (s: Session, path: string) => ({ method: 'GET' as const, path, headers: { cookie: s.cookie, accept: 'application/json' } });
  const readPaths: { method: 'GET'; path: string; headers: Record<string, string> }[] = [];
  for (const [i, s] of [hq, viewer, admin].entries()) {
    readPaths.push(
      get(s, `/api/bodies/${bodyId}/dashboard?asOf=${DEMO_AS_OF}`),
      get(s, '/api/bodies'),
      get(s, `/api/bodies/${bodyId}/items?asOf=${DEMO_AS_OF}`),
      get(s, `/api/items/${itemIds[i % itemIds.length]}?asOf=${DEMO_AS_OF}`),
      get(s, `/api/bodies/${bodyId}/kpis`),
      get(s, '/api/standardization/summary'),
    );
  }
  readPaths.push(get(hq, `/api/bodies/${bodyId}/my-updates`), get(hq, `/api/bodies/${bodyId}/audit`), get(officer, `/api/bodies/${bodyId}/my-updates`));

  const run = (opts: autocannon.Options) =>
    new Promise<Result>((resolve, reject) => {
      const inst = autocannon({ duration, timeout: 10, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
      void inst;
    });

  const readRun = run({ url: base, connections: readers, requests: readPaths });
  const writeRuns: Promise<Result>[] = [];
  let acknowledged = 0;
  let conflicts = 0;
  for (let w = 0; w < writers; w++) {
    const id = milestoneIds[w]!;
    let version = (await call(base, officer, 'GET', `/api/milestones/${id}`)).json.version as number;
    let n = 0;
    writeRuns.push(
      run({
        url: base,
        connections: 1,
        requests: [
          {
            method: 'PATCH',
            path: `/api/milestones/${id}`,
            headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': 'application/json' },
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({ version, note: `負荷試験 ${w}-${++n}` }),
            }),
            onResponse: (status, body) => {
              if (status === 200) {
                version = JSON.parse(body).version;
                acknowledged++;
              } else if (status === 409) conflicts++;
              else if (process.env.LOAD_DEBUG) console.error(`PATCH ${id} → ${status} ${body.slice(0, 200)}`);
            },
          },
        ],
      }),
    );
  }
  console.log(`running ${duration} s: ${readers} reader connections, ${writers} writer connections on ${base} …`);
  const [reads, ...writes] = await Promise.all([readRun, ...writeRuns]);

  const errorsOf = (r: Result) => r.errors + r.timeouts + r.non2xx;
  const rowOf = (name: string, rs: Result[]) => {
    const requests = rs.reduce((a, r) => a + r.requests.total, 0);
    const rps = rs.reduce((a, r) => a + r.requests.average, 0);
    const p50 = Math.max(...rs.map((r) => r.latency.p50));
    const p99 = Math.max(...rs.map((r) => r.latency.p99));
    const max = Math.max(...rs.map((r) => r.latency.max));
    const errors = rs.reduce((a, r) => a + errorsOf(r), 0);
    return { name, requests, rps, p50, p99, max, errors };
  };
  const rows = [rowOf('reads (dashboards, lists, item, KPIs, summary, audit, 今期の更新)', [reads]), rowOf('officer updates (PATCH milestone)', writes), rowOf('total', [reads, ...writes])];
  const table = [
    '| workload | requests | req/s | p50 ms | p99 ms | max ms | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.requests} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} |`),
  ].join('\n');
  const total = rows[2]!;
  const verdict = total.errors === 0 && total.p99 <= 100 ? 'target met (0 errors, p99 ≤ 100 ms)' : 'target NOT met (0 errors, p99 ≤ 100 ms)';
  const md = `# Load test results (\`npm run load\`)

Run ${new Date().toISOString()} — ${duration} s, ${readers} reader + ${writers} writer connections, autocannon and the
server on the same machine over 127.0.0.1 (${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}).
Fresh demo database; WAL, synchronous=FULL; every write audited. p99 of "total" is the worst class's p99.

${table}

Officer updates acknowledged: ${acknowledged} (409 conflicts: ${conflicts}). ${verdict}.
`;
  writeFileSync(values.out!, md);
  console.log(`\n${table}\n\nacknowledged writes: ${acknowledged}, conflicts: ${conflicts}\n${verdict}\nwritten to ${values.out}`);
  if (total.errors > 0) process.exitCode = 1;
} finally {
  await child.stop();
  rmSync(dir, { recursive: true, force: true });
}
