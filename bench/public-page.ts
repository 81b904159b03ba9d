/**
 * `npx tsx bench/public-page.ts` (Node 24: `eval "$(node scripts/with-node.mjs --env)"` first): what the cache by
 * quarter saves on the residents' public page (issue 21). On a fresh demo database (上天草市, every item published,
 * FY2026 Q2 closed) the real app answers N requests in-process (`app.inject`, no network) for:
 *   - the page made from scratch each time (the response cache emptied before every request),
 *   - the page from the cache (the normal case between two closings),
 *   - the JSON open data from the cache,
 * and prints the mean per request and the ratios to the cached page (same run, same machine: ratios, not times,
 * are the result). PUBLIC_BENCH_N (default 300).
 */
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.ts';
import { openDatabase } from '../server/db/client.ts';
import { localBodies } from '../server/db/schema.ts';
import { closeQuarter } from '../server/services/quarters.ts';
import { seedDemo, KAMIAMAKUSA_CODE, DEMO_AS_OF } from '../seed/demo.ts';
import { seedReference } from '../seed/reference.ts';

const N = Number(process.env.PUBLIC_BENCH_N ?? 300);
const dir = mkdtempSync(join(tmpdir(), 'dx-public-bench-'));
try {
  const db = openDatabase(join(dir, 'bench.sqlite'));
  seedReference(db);
  seedDemo(db);
  const bodyId = db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
  db.$client.prepare('INSERT INTO public_settings (body_id, default_published) VALUES (?, 1)').run(bodyId);
  closeQuarter(db, bodyId, { fiscalYear: 2026, quarter: 2 }, null, DEMO_AS_OF);
  const app = await buildApp({ db, today: () => DEMO_AS_OF, limits: { publicPerMinute: 0 } });
  const url = `/public/${KAMIAMAKUSA_CODE}`;

  async function measure(label: string, target: string, before?: () => void) {
    for (let i = 0; i < 20; i++) await app.inject({ method: 'GET', url: target }); // warm-up
    let total = 0;
    for (let i = 0; i < N; i++) {
      before?.();
      const t0 = process.hrtime.bigint();
      const res = await app.inject({ method: 'GET', url: target });
      total += Number(process.hrtime.bigint() - t0);
      if (res.statusCode !== 200) throw new Error(`${target} → ${res.statusCode}`);
    }
    return { label, ms: total / N / 1e6 };
  }

  const rows = [
    await measure('page, made from the frozen quarter each time (cache emptied)', url, () => app.responseCache.clear()),
    await measure('page, from the cache (same quarter and publication)', url),
    await measure('open data JSON, from the cache', `/api/public/${KAMIAMAKUSA_CODE}/public.json`),
  ];
  const base = rows[1]!.ms;
  console.log(`public page bench: ${N} requests each, 上天草市 with every item published (${new Date().toISOString()})`);
  for (const r of rows) console.log(`${r.label.padEnd(64)} ${r.ms.toFixed(3)} ms/request  ×${(r.ms / base).toFixed(1)} of the cached page`);
  await app.close();
  db.$client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
