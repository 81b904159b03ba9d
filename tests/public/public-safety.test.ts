/**
 * 公開ページとオープンデータ (issue 21) on the demo data (today 2026-11-23): nothing is public until HQ
 * publishes it and closes a quarter; then exactly the published items of the latest closed quarter are, by
 * every public route (HTML pages, JSON, the four CSV files), with nothing internal (notes, 対応方針, user
 * names, hidden milestones and KPIs), nothing of another body, no cookie, cached by quarter and limited per
 * address. Anonymous requests go through the real app (`t.app.inject`, no session).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, kpis, localBodies, milestones, planItems, plans, users } from '../../server/db/schema.ts';
import { PUBLIC_TABLE_FILES, PUBLIC_TABLE_HEADERS, type PublicTable } from '../../server/services/public-data.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { parseCsv } from '../helpers/csv.ts';

let t: TestApp;
let bodyId: number;
const CODE = KAMIAMAKUSA_CODE;
const TABLES = Object.keys(PUBLIC_TABLE_FILES) as PublicTable[];
/** Items of 上天草市 with KPIs (the demo's 1: 標準化, 5: オンライン化, 10: AI・RPA), found by title below. */
let published: number[] = [];
let unpublished: number[] = [];
let otherBodyItem: number;
let hiddenMilestone: { id: number; title: string };
const SECRETS = ['内部メモ：予算要求前につき非公開', '備考：ベンダー交渉中', '対応方針：秘密の方針'];

const anon = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** Every public answer of the body, as text: the two kinds of page, the JSON and the four CSV files. */
async function everyPublicAnswer(): Promise<{ url: string; status: number; text: string }[]> {
  const urls = [`/public/${CODE}`, `/api/public/${CODE}/public.json`, ...TABLES.map((tb) => `/api/public/${CODE}/${PUBLIC_TABLE_FILES[tb].file}`)];
  for (const id of published) urls.push(`/public/${CODE}/items/${id}`, `/api/public/${CODE}/items/${id}`);
  const out = [];
  for (const url of urls) {
    const r = await anon(url);
    out.push({ url, status: r.statusCode, text: r.body });
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, CODE)).get()!.id;
  const items = t.db.select({ id: planItems.id, title: planItems.title }).from(planItems).innerJoin(plans, eq(plans.id, planItems.planId)).where(eq(plans.bodyId, bodyId)).all();
  const byTitle = (s: string) => items.find((i) => i.title.includes(s))!.id;
  published = [byTitle('標準化'), byTitle('オンライン化'), byTitle('AI・RPA')];
  unpublished = items.map((i) => i.id).filter((id) => !published.includes(id));
  const other = t.db.select().from(localBodies).where(eq(localBodies.code, '122297')).get() ?? t.db.select().from(localBodies).all().find((b) => b.id !== bodyId)!;
  otherBodyItem = t.db.select({ id: planItems.id }).from(planItems).innerJoin(plans, eq(plans.id, planItems.planId)).where(eq(plans.bodyId, other.id)).get()!.id;
  hiddenMilestone = t.db.select({ id: milestones.id, title: milestones.title }).from(milestones).where(eq(milestones.itemId, published[0]!)).all()[0]!;
  // Internal text that must never be public: an item's notes, a milestone's note.
  t.db.update(planItems).set({ notes: SECRETS[0] }).where(eq(planItems.id, published[0]!)).run();
  t.db.update(milestones).set({ note: SECRETS[1] }).where(eq(milestones.itemId, published[1]!)).run();
});
afterAll(async () => {
  await t?.close();
});

describe('nothing is public until HQ publishes and closes a quarter', () => {
  it('404 everywhere before publication, and while nothing is closed', async () => {
    for (const a of await everyPublicAnswer()) expect(a.status, a.url).toBe(404);
    const hq = t.as('demo-hq');
    const s = await hq.inject({ method: 'PUT', url: `/api/bodies/${bodyId}/publication`, payload: { defaultPublished: false, licence: 'CC BY 4.0', version: 0 } });
    expect(s.statusCode).toBe(200);
    for (const id of published) {
      const r = await hq.inject({
        method: 'PUT',
        url: `/api/items/${id}/publication`,
        payload: {
          published: true,
          publicText: id === published[0] ? '標準化対象の20業務のうち、住民記録など主要業務の移行を進めています。' : '',
          hiddenMilestoneIds: id === published[0] ? [hiddenMilestone.id] : [],
          hiddenKpiIds: [],
          version: 0,
        },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ itemId: id, published: true, effectivePublished: true, version: 1 });
    }
    // Published, but no quarter is closed: still nothing.
    for (const a of await everyPublicAnswer()) expect(a.status, a.url).toBe(404);
  });

  it('publishing is audited as HQ, and only HQ of the body may do it', async () => {
    const rows = t.db.select().from(auditLog).where(eq(auditLog.entity, 'item_publications')).all();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.username === 'demo-hq' && r.bodyId === bodyId && r.action === 'create')).toBe(true);
    expect(t.db.select().from(auditLog).where(eq(auditLog.entity, 'public_settings')).all()).toHaveLength(1);
    const payload = { published: true, publicText: '', hiddenMilestoneIds: [], hiddenKpiIds: [], version: 0 };
    expect((await t.as('demo-officer').inject({ method: 'PUT', url: `/api/items/${unpublished[0]}/publication`, payload })).statusCode).toBe(403);
    expect((await t.as('demo-viewer').inject({ method: 'GET', url: `/api/bodies/${bodyId}/publication` })).statusCode).toBe(403);
    // A milestone of another item cannot be "hidden" through this one; a stale version is a 409.
    const stranger = t.db.select({ id: milestones.id }).from(milestones).where(eq(milestones.itemId, published[1]!)).get()!.id;
    const bad = await t.as('demo-hq').inject({ method: 'PUT', url: `/api/items/${published[0]}/publication`, payload: { ...payload, hiddenMilestoneIds: [stranger], version: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('この取組のものではありません');
    const stale = await t.as('demo-hq').inject({ method: 'PUT', url: `/api/items/${published[0]}/publication`, payload: { ...payload, version: 0 } });
    expect(stale.statusCode).toBe(409);
    // Validation names the fields in Japanese, and a refused write changes nothing.
    const auditRows = t.db.select().from(auditLog).all().length;
    const long = await t.as('demo-hq').inject({ method: 'PUT', url: `/api/items/${published[0]}/publication`, payload: { ...payload, publicText: 'あ'.repeat(4001), version: 1 } });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('公開用の説明・実績');
    expect(long.json().message).not.toContain('publicText');
    const noLicence = await t.as('demo-hq').inject({ method: 'PUT', url: `/api/bodies/${bodyId}/publication`, payload: { defaultPublished: true, licence: '', version: 1 } });
    expect(noLicence.statusCode).toBe(400);
    expect(noLicence.json().message).toContain('ライセンス');
    expect(t.db.select().from(auditLog).all().length).toBe(auditRows);
  });
});

describe('after HQ closes a quarter', () => {
  beforeAll(async () => {
    const hq = t.as('demo-hq');
    expect((await hq.inject({ method: 'POST', url: `/api/bodies/${bodyId}/quarters`, payload: { fiscalYear: 2026, quarter: 2 } })).statusCode).toBe(201);
    // 対応方針 is internal: written after the close, never public.
    await hq.inject({ method: 'PUT', url: `/api/bodies/${bodyId}/quarters/2026/2/decisions`, payload: { itemId: published[0], decision: SECRETS[2] } });
  });

  it('shows exactly the three published items, with the quarter and when it was closed', async () => {
    const r = await anon(`/api/public/${CODE}/public.json`);
    expect(r.statusCode).toBe(200);
    const v = r.json();
    expect(v.items.map((i: { id: number }) => i.id).sort()).toEqual([...published].sort());
    expect(v.quarter).toMatchObject({ fiscalYear: 2026, quarter: 2, label: '2026年度 第2四半期', asOf: '2026-09-30' });
    expect(v.quarter.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(v.licence).toBe('CC BY 4.0');
    // Counted like the dashboard, over the published items only.
    const counted = v.statusCounts.reduce((n: number, c: { count: number }) => n + c.count, 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(3);
    expect(v.items.flatMap((i: { kpis: unknown[] }) => i.kpis).length).toBeGreaterThanOrEqual(3);
    for (const k of v.items.flatMap((i: { kpis: { rating: string | null }[] }) => i.kpis)) expect(['A', 'B', 'C', 'D', null]).toContain(k.rating);
    const html = (await anon(`/public/${CODE}`)).body;
    expect(html).toContain('2026年度第2四半期');
    expect(html).toContain('締められました');
  });

  it('unpublished items, ids of another body and ids that do not exist are the same 404 on every route', async () => {
    const ids = [unpublished[0]!, unpublished[unpublished.length - 1]!, otherBodyItem, 999_999, 2_147_483_647];
    const messages = new Set<string>();
    for (const id of ids) {
      const json = await anon(`/api/public/${CODE}/items/${id}`);
      expect(json.statusCode, `item ${id}`).toBe(404);
      messages.add(json.json().message.replace(String(id), 'N'));
      const page = await anon(`/public/${CODE}/items/${id}`);
      expect(page.statusCode, `page of item ${id}`).toBe(404);
      expect(page.headers['content-type']).toContain('text/html');
    }
    expect(messages.size).toBe(1);
    // Not in any list either.
    for (const a of await everyPublicAnswer()) {
      for (const id of unpublished) {
        const title = t.db.select({ title: planItems.title }).from(planItems).where(eq(planItems.id, id)).get()!.title;
        if (published.some((p) => t.db.select({ title: planItems.title }).from(planItems).where(eq(planItems.id, p)).get()!.title.includes(title))) continue;
        expect(a.text.includes(`/items/${id}"`), `${a.url} links item ${id}`).toBe(false);
      }
    }
    // The other bodies have published nothing: no page.
    for (const b of t.db.select().from(localBodies).all().filter((b) => b.id !== bodyId)) {
      expect((await anon(`/public/${b.code}`)).statusCode).toBe(404);
      expect((await anon(`/api/public/${b.code}/public.json`)).statusCode).toBe(404);
    }
    expect((await anon(`/api/public/000000/items.csv`)).statusCode).toBe(404);
  });

  it('no internal field: notes, 対応方針, hidden milestones, user names, audit data', async () => {
    const names = t.db.select({ u: users.username, d: users.displayName }).from(users).all().flatMap((u) => [u.u, u.d]);
    for (const a of await everyPublicAnswer()) {
      expect(a.status, a.url).toBe(200);
      for (const s of SECRETS) expect(a.text.includes(s), `${a.url} has ${s}`).toBe(false);
      for (const n of names) expect(a.text.includes(n), `${a.url} names ${n}`).toBe(false);
      expect(a.text.includes(hiddenMilestone.title), `${a.url} shows the hidden milestone`).toBe(false);
      expect(a.text).not.toMatch(/"(notes|note|reasons|decision|decisions|username|version|closedBy|audit\w*)":/);
    }
  });

  it('sets no cookie, even to a browser that has a session', async () => {
    const hq = t.as('demo-hq');
    await hq.login();
    for (const url of [`/public/${CODE}`, `/public/${CODE}/items/${published[0]}`, `/api/public/${CODE}/public.json`, `/api/public/${CODE}/items.csv`, '/public/assets/public.css', `/public/${CODE}/items/${unpublished[0]}`]) {
      for (const headers of [{}, { cookie: hq.cookie }] as Record<string, string>[]) {
        const r = await anon(url, headers);
        expect(r.headers['set-cookie'], url).toBeUndefined();
        expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      }
    }
  });

  it('the CSV files: BOM, the documented columns, the quarter and licence in every row, the same rows as the JSON', async () => {
    const v = (await anon(`/api/public/${CODE}/public.json`)).json();
    for (const tb of TABLES) {
      const r = await anon(`/api/public/${CODE}/${PUBLIC_TABLE_FILES[tb].file}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('text/csv');
      expect(r.body.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = parseCsv(r.body.slice(1));
      expect(header).toEqual(PUBLIC_TABLE_HEADERS[tb]);
      for (const row of rows) expect(row.slice(0, 6)).toEqual([CODE, v.body.name, v.quarter.label, v.quarter.asOf, v.quarter.closedOn, 'CC BY 4.0']);
      const expected = {
        items: v.items.reduce((n: number, i: { deadlines: unknown[] }) => n + Math.max(1, i.deadlines.length), 0),
        milestones: v.items.reduce((n: number, i: { milestones: unknown[] }) => n + i.milestones.length, 0),
        kpis: v.items.reduce((n: number, i: { kpis: unknown[] }) => n + i.kpis.length, 0),
        'kpi-values': v.items.reduce((n: number, i: { kpis: { series: unknown[] }[] }) => n + i.kpis.reduce((m, k) => m + k.series.length, 0), 0),
      }[tb];
      expect(rows, tb).toHaveLength(expected);
    }
    const kpiRows = parseCsv((await anon(`/api/public/${CODE}/kpis.csv`)).body.slice(1)).slice(1);
    const ratingCol = PUBLIC_TABLE_HEADERS.kpis.indexOf('評価');
    const jsonKpis = v.items.flatMap((i: { kpis: { id: number; rating: string | null }[] }) => i.kpis);
    for (const row of kpiRows) expect(row[ratingCol]).toBe(jsonKpis.find((k: { id: number }) => String(k.id) === row[6])!.rating ?? '－');
  });

  it('frozen: live edits after the close change nothing public; unpublishing takes effect at once', async () => {
    const before = (await anon(`/api/public/${CODE}/public.json`)).body;
    t.db.update(milestones).set({ title: '締めた後に変えた名前' }).where(eq(milestones.itemId, published[1]!)).run();
    t.db.update(kpis).set({ name: '締めた後に変えた指標' }).where(eq(kpis.itemId, published[1]!)).run();
    expect((await anon(`/api/public/${CODE}/public.json`)).body).toBe(before);
    const hq = t.as('demo-hq');
    const off = await hq.inject({ method: 'PUT', url: `/api/items/${published[2]}/publication`, payload: { published: false, publicText: '', hiddenMilestoneIds: [], hiddenKpiIds: [], version: 1 } });
    expect(off.statusCode).toBe(200);
    const after = (await anon(`/api/public/${CODE}/public.json`)).json();
    expect(after.items.map((i: { id: number }) => i.id)).not.toContain(published[2]);
    expect((await anon(`/public/${CODE}/items/${published[2]}`)).statusCode).toBe(404);
    await hq.inject({ method: 'PUT', url: `/api/items/${published[2]}/publication`, payload: { published: true, publicText: '', hiddenMilestoneIds: [], hiddenKpiIds: [], version: 2 } });
  });

  it('cached by quarter: the second answer comes from the cache, and a browser revalidates with the ETag', async () => {
    const url = `/public/${CODE}/items/${published[0]}`;
    const first = await anon(url);
    const hits = t.app.responseCache.hits;
    const second = await anon(url);
    expect(t.app.responseCache.hits).toBe(hits + 1);
    expect(second.body).toBe(first.body);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const etag = String(first.headers.etag);
    expect((await anon(url, { 'if-none-match': etag })).statusCode).toBe(304);
    // A validator made up for an unpublished item is no way around the 404 (and a 404 carries no ETag).
    const forged = etag.replace(`item:${published[0]}`, `item:${unpublished[0]}`);
    const refused = await anon(`/public/${CODE}/items/${unpublished[0]}`, { 'if-none-match': forged });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers.etag).toBeUndefined();
    // A CSV of a body without a public page is a 404 in JSON, not an attachment.
    const noCsv = await anon('/api/public/000000/items.csv');
    expect(noCsv.statusCode).toBe(404);
    expect(noCsv.headers['content-disposition']).toBeUndefined();
  });

  it('a reopened quarter is not public: the latest quarter still closed is shown (none here: 404)', async () => {
    const hq = t.as('demo-hq');
    expect((await hq.inject({ method: 'POST', url: `/api/bodies/${bodyId}/quarters/2026/2/reopen`, payload: { reason: '訂正のため' } })).statusCode).toBe(200);
    expect((await anon(`/api/public/${CODE}/public.json`)).statusCode).toBe(404);
    expect((await hq.inject({ method: 'POST', url: `/api/bodies/${bodyId}/quarters/2026/1`.replace('/2026/1', ''), payload: { fiscalYear: 2026, quarter: 1 } })).statusCode).toBe(201);
    const v = (await anon(`/api/public/${CODE}/public.json`)).json();
    expect(v.quarter.label).toBe('2026年度 第1四半期');
    expect((await hq.inject({ method: 'POST', url: `/api/bodies/${bodyId}/quarters`, payload: { fiscalYear: 2026, quarter: 2 } })).statusCode).toBe(201);
    expect((await anon(`/api/public/${CODE}/public.json`)).json().quarter.label).toBe('2026年度 第2四半期');
  });

  it('HQ text is data: escaped in the pages, defused as a formula in the CSV', async () => {
    const hq = t.as('demo-hq');
    const version = (await hq.inject({ method: 'GET', url: `/api/bodies/${bodyId}/publication` })).json().items.find((i: { itemId: number }) => i.itemId === published[1]).version;
    const text = '=HYPERLINK("http://example.com")<img src=x onerror=alert(1)>';
    const r = await hq.inject({ method: 'PUT', url: `/api/items/${published[1]}/publication`, payload: { published: true, publicText: text, hiddenMilestoneIds: [], hiddenKpiIds: [], version } });
    expect(r.statusCode).toBe(200);
    for (const url of [`/public/${CODE}`, `/public/${CODE}/items/${published[1]}`]) {
      const html = (await anon(url)).body;
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<img');
    }
    const csv = parseCsv((await anon(`/api/public/${CODE}/items.csv`)).body.slice(1));
    const col = PUBLIC_TABLE_HEADERS.items.indexOf('公開用の説明・実績');
    expect(csv.slice(1).map((row) => row[col])).toContain(`'${text}`);
  });

  it('read-only: no public route accepts a write', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of [`/public/${CODE}`, `/api/public/${CODE}/public.json`, `/api/public/${CODE}/items/${published[0]}`]) {
        const r = await t.app.inject({ method, url, payload: {} });
        expect(r.statusCode, `${method} ${url}`).toBe(404);
      }
    }
  });
});

describe('rate-limited per address', () => {
  it('refuses the fourth request of an address within the minute with 429 and Retry-After; another address is served', async () => {
    let clock = Date.now();
    const limited = await createTestApp({ demo: true, limits: { publicPerMinute: 3 }, now: () => clock });
    try {
      const id = limited.db.select().from(localBodies).where(eq(localBodies.code, CODE)).get()!.id;
      limited.db.$client.prepare('INSERT INTO public_settings (body_id, default_published) VALUES (?, 1)').run(id);
      const hq = limited.as('demo-hq');
      expect((await hq.inject({ method: 'POST', url: `/api/bodies/${id}/quarters`, payload: { fiscalYear: 2026, quarter: 2 } })).statusCode).toBe(201);
      const from = (remoteAddress: string, url = `/public/${CODE}`) => limited.app.inject({ method: 'GET', url, remoteAddress });
      for (let i = 0; i < 3; i++) expect((await from('203.0.113.5', i === 1 ? `/api/public/${CODE}/public.json` : `/public/${CODE}`)).statusCode).toBe(200);
      const refused = await from('203.0.113.5');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json().message).toContain('秒後にもう一度お試しください');
      expect((await from('203.0.113.6')).statusCode).toBe(200);
      clock += 20_000;
      expect((await from('203.0.113.5')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('compressed for browsers that accept it', () => {
  it('the cached public page and CSV go out brotli-compressed, and decompress to the same bytes', async () => {
    const { brotliDecompressSync } = await import('node:zlib');
    for (const url of [`/public/${CODE}`, `/api/public/${CODE}/items.csv`]) {
      const plain = await anon(url);
      const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload), url).toBe(true);
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    }
  });
});
