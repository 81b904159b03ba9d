/**
 * 静的出力 (issue 21): `npm run public:export` writes the public pages and open data as files with relative links
 * (scripts/public-export.ts → server/public-site/export.ts); it refuses, with the reason and exit code 1, when
 * nothing is public; an item unpublished since the last export disappears from the folder. The README documents
 * every CSV column.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { localBodies } from '../../server/db/schema.ts';
import { closeQuarter } from '../../server/services/quarters.ts';
import { PUBLIC_TABLE_HEADERS } from '../../server/services/public-data.ts';
import { main } from '../../scripts/public-export.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestDb, type TestDb } from '../helpers/app.ts';
import { REPO_ROOT } from '../helpers/server.ts';

let tdb: TestDb;
let out = '';
let bodyId = 0;
const run = (args: string[]) => {
  const lines = { out: [] as string[], err: [] as string[] };
  process.env.DATABASE_PATH = tdb.path;
  const code = main(args, (s) => lines.out.push(s), (s) => lines.err.push(s));
  return { code, ...lines };
};

beforeAll(() => {
  tdb = createTestDb({ demo: true });
  bodyId = tdb.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
  out = mkdtempSync(join(tmpdir(), 'dx-export-'));
});
afterAll(() => {
  delete process.env.DATABASE_PATH;
  tdb?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('npm run public:export', () => {
  it('refuses with the reason while nothing is public, and without its arguments', () => {
    const r = run(['--body', KAMIAMAKUSA_CODE, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('この団体の公開ページはありません。');
    expect(readdirSync(out)).toEqual([]);
    expect(run(['--out', out]).code).toBe(2);
    expect(run(['--body', '12', '--out', out]).err.join('')).toContain('使い方');
  });

  it('writes the pages, the stylesheet, the JSON and the CSV files with relative links', () => {
    tdb.db.$client.prepare('INSERT INTO public_settings (body_id, default_published) VALUES (?, 1)').run(bodyId);
    closeQuarter(tdb.db, bodyId, { fiscalYear: 2026, quarter: 2 }, null, '2026-11-23');
    const r = run(['--body', KAMIAMAKUSA_CODE, '--out', out]);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out.join('')).toContain('上天草市（2026年度 第2四半期');
    const view = JSON.parse(readFileSync(join(out, 'data/public.json'), 'utf8'));
    expect(view.items.length).toBeGreaterThan(3);
    for (const f of ['index.html', 'public.css', 'data/items.csv', 'data/milestones.csv', 'data/kpis.csv', 'data/kpi-values.csv']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readdirSync(join(out, 'items')).sort()).toEqual(view.items.map((i: { id: number }) => `${i.id}.html`).sort());
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="public.css"');
    expect(index).toContain(`href="items/${view.items[0].id}.html"`);
    expect(index).toContain('href="data/kpis.csv"');
    expect(index).not.toMatch(/(href|src)="\//);
    expect(index).not.toContain('<script');
    const item = readFileSync(join(out, `items/${view.items[0].id}.html`), 'utf8');
    expect(item).toContain('href="../public.css"');
    expect(item).toContain('href="../index.html"');
    expect(readFileSync(join(out, 'data/items.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('an item unpublished since the last export is gone from the folder', () => {
    const first = JSON.parse(readFileSync(join(out, 'data/public.json'), 'utf8')).items[0].id as number;
    tdb.db.$client.prepare('INSERT INTO item_publications (item_id, published) VALUES (?, 0)').run(first);
    expect(run(['--body', KAMIAMAKUSA_CODE, '--out', out]).code).toBe(0);
    expect(existsSync(join(out, `items/${first}.html`))).toBe(false);
    expect(readFileSync(join(out, 'data/items.csv'), 'utf8')).not.toMatch(new RegExp(`,${first},`));
  });
});

describe('README', () => {
  it('documents every column of every CSV file', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### オープンデータ / Open data files'), readme.indexOf('### 静的出力 / Static export'));
    expect(section.length).toBeGreaterThan(100);
    for (const [table, header] of Object.entries(PUBLIC_TABLE_HEADERS)) {
      for (const col of header) expect(section.includes(col), `${table}: ${col}`).toBe(true);
    }
  });
});
