/**
 * `npx tsx bench/rollup-miss.ts [national.sqlite]` (Node 24 on PATH): the roll-up cache-miss phase of `npm run bench` alone
 * (step 10: event-loop time of a national roll-up miss, computed in the roll-up worker), and what the same answers would
 * cost if computed on the loop instead: the worker's job (`rollup`: the roll-up, serialised, brotli and gzip) run
 * in-process for a new "today" each time, for the country and for 東京都, and the DX plan category roll-up alone (the
 * part read from the maintained tables of server/rollups/category-triggers.ts) against the former per-request scan
 * (tests/rollups/category-scan.ts, the tests' oracle), after checking that both give the same answers. Without a path it
 * generates the national data set (scale 1) in a temp directory first. Prints p50 / max in ms.
 */
import { isDeepStrictEqual } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/client.ts';
import { categoryRollup } from '../server/services/rollups.ts';
import { execute } from '../server/workers/jobs.ts';
import { generateNational } from '../seed/national/generate.ts';
import { seedReference } from '../seed/reference.ts';
import { listBodyCategories, listCategoryMilestones } from '../server/repositories/rollups.ts';
import { scanBodyCategories, scanCategories } from '../tests/rollups/category-scan.ts';
import { rollupMissLoopTime } from './mixed.ts';

const N = 20;
const days = Array.from({ length: N + 1 }, (_, i) => new Date(Date.UTC(2026, 3, 1) + i * 86_400_000).toISOString().slice(0, 10));

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
  return `p50 ${r(s[Math.floor(s.length / 2)]!)} / max ${r(s.at(-1)!)} ms`;
}

async function timed(f: (today: string) => unknown): Promise<number[]> {
  await f(days[0]!); // warm: modules, prepared statements, serializers
  const out: number[] = [];
  for (const today of days.slice(1)) {
    const t0 = performance.now();
    await f(today);
    out.push(performance.now() - t0);
  }
  return out;
}

let dbPath = process.argv[2];
let dir: string | undefined;
if (!dbPath) {
  dir = mkdtempSync(join(tmpdir(), 'dx-rollup-miss-'));
  dbPath = join(dir, 'national.sqlite');
  const db = openDatabase(dbPath);
  seedReference(db);
  generateNational(db, { seed: 1, scale: 1 });
  db.$client.close();
}
try {
  const worker = await rollupMissLoopTime(dbPath, N);
  console.log(`national roll-up miss, computed in the roll-up worker: event-loop time p50 ${worker.p50} / max ${worker.max} ms (wall p50 ${worker.wallP50} ms)`);
  const db = openDatabase(dbPath, { migrate: false });
  const noWork = { progress: () => undefined } as never;
  console.log(`national roll-up miss, computed on the loop (roll-up + serialise + br + gzip): ${stats(await timed((today) => execute(db, { kind: 'rollup', prefectureCode: null, today }, noWork)))}`);
  console.log(`東京都 roll-up miss, computed on the loop: ${stats(await timed((today) => execute(db, { kind: 'rollup', prefectureCode: '13', today }, noWork)))}`);
  console.log(`DX plan categories alone (maintained tables), country: ${stats(await timed((today) => categoryRollup(db, today, null)))}`);
  console.log(`DX plan categories alone (maintained tables), 東京都: ${stats(await timed((today) => categoryRollup(db, today, '13')))}`);
  const q = db.$client;
  const same = days.every(
    (today) =>
      isDeepStrictEqual(listCategoryMilestones(db, today, null), scanCategories(q, today, null)) &&
      isDeepStrictEqual(listCategoryMilestones(db, today, '13'), scanCategories(q, today, '13')) &&
      isDeepStrictEqual(
        [...listBodyCategories(db, today, '13')].sort((a, b) => a.body_id - b.body_id || a.category_id - b.category_id),
        scanBodyCategories(q, today, '13'),
      ),
  );
  console.log(`maintained tables answer as the former scan (${days.length} days, country and 東京都): ${same}`);
  console.log(`  categories, country: scan ${stats(await timed((today) => scanCategories(q, today, null)))}; maintained ${stats(await timed((today) => listCategoryMilestones(db, today, null)))}`);
  console.log(`  categories, 東京都: scan ${stats(await timed((today) => scanCategories(q, today, '13')))}; maintained ${stats(await timed((today) => listCategoryMilestones(db, today, '13')))}`);
  console.log(`  municipalities × categories, 東京都: scan ${stats(await timed((today) => scanBodyCategories(q, today, '13')))}; maintained ${stats(await timed((today) => listBodyCategories(db, today, '13')))}`);
  db.$client.close();
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
