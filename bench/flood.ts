/**
 * `npm run bench:flood [-- --duration 15 --connections 16]` — not part of `npm test`.
 *
 * Issue 14's "costly reads without a limit": one viewer floods the live quarterly review with
 * `--connections` connections while hq reads its body (one connection) — once with the per-user limits
 * off (RATE_LIMIT_PER_MINUTE=0, as before the fix) and once with the defaults, each on its own fresh
 * server. Prints hq's latency p50/p99 and the flood's answers (200 / 429) for both runs.
 */
import autocannon, { type Result } from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { call, loginAs, startChild } from '../tests/hardening/child.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '15' }, connections: { type: 'string', default: '16' } } });
const duration = Number(values.duration);
const connections = Number(values.connections);

const run = (opts: autocannon.Options) =>
  new Promise<Result>((resolve, reject) => {
    autocannon({ duration, timeout: 10, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });

async function once(limits: 'off' | 'default') {
  const dir = mkdtempSync(join(tmpdir(), 'dx-flood-'));
  const child = await startChild(join(dir, 'dx.sqlite'), { LOG_LEVEL: 'warn', ...(limits === 'off' ? { RATE_LIMIT_PER_MINUTE: '0' } : {}) });
  try {
    const base = child.baseUrl;
    const [viewer, hq] = await Promise.all([loginAs(base, 'demo-viewer'), loginAs(base, 'demo-hq')]);
    const bodyId = (await call(base, hq, 'GET', `/api/bodies?q=${encodeURIComponent('上天草市')}`)).json.items[0].id;
    const [flood, reader] = await Promise.all([
      run({ url: `${base}/api/bodies/${bodyId}/quarters/2026/2/review`, connections, headers: { cookie: viewer.cookie } }),
      run({ url: `${base}/api/bodies/${bodyId}`, connections: 1, headers: { cookie: hq.cookie } }),
    ]);
    return {
      limits,
      hqP50: reader.latency.p50,
      hqP99: reader.latency.p99,
      hqRequests: reader.requests.total,
      flood2xx: flood['2xx'],
      flood429: flood.non2xx,
    };
  } finally {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [await once('off'), await once('default')];
for (const r of results) {
  console.log(
    `limits ${r.limits.padEnd(7)} hq p50 ${r.hqP50} ms, p99 ${r.hqP99} ms (${r.hqRequests} requests); flood: ${r.flood2xx} reviews computed, ${r.flood429} refused`,
  );
}
