/**
 * The response cache never answers with stale data: random writes to every table a cached answer is
 * made of (straight SQL, as a script or another process would write, so no request path can hide a
 * missing trigger), and after each one the cached answers of every demo body's dashboard, the national
 * and a prefecture roll-up equal answers computed afresh (cache emptied, same route, same serializer).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let urls: string[];

const WRITES: Record<string, string> = {
  milestoneTitle: "UPDATE milestones SET title = title || '＊' WHERE id = (SELECT id FROM milestones ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM milestones))",
  milestonePlanned: "UPDATE milestones SET planned_date = date(planned_date, '+40 days') WHERE id = (SELECT id FROM milestones ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM milestones))",
  milestoneDone: "UPDATE milestones SET status = 'done', actual_date = '2026-05-01' WHERE id = (SELECT id FROM milestones WHERE status <> 'done' ORDER BY id LIMIT 1 OFFSET :n % max(1, (SELECT count(*) FROM milestones WHERE status <> 'done')))",
  milestoneDelete: 'DELETE FROM milestones WHERE id = (SELECT id FROM milestones ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM milestones))',
  itemTitle: "UPDATE plan_items SET title = title || '＊' WHERE id = (SELECT id FROM plan_items ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM plan_items))",
  sectionName: "UPDATE sections SET name = name || '＊' WHERE id = (SELECT id FROM sections ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM sections))",
  planTitle: "UPDATE plans SET end_fiscal_year = end_fiscal_year + 1, title = title || '＊' WHERE id = (SELECT id FROM plans ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM plans))",
  kpiTarget: 'UPDATE kpis SET target_value = target_value + 1 WHERE id = (SELECT id FROM kpis ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM kpis))',
  kpiValue: 'UPDATE kpi_values SET value = value + 1 WHERE id = (SELECT id FROM kpi_values ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM kpi_values))',
  kpiValueDelete: 'DELETE FROM kpi_values WHERE id = (SELECT id FROM kpi_values ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM kpi_values))',
  deadlineDate: "UPDATE national_deadlines SET due_date = date(due_date, '+1 year') WHERE id = (SELECT id FROM national_deadlines ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM national_deadlines))",
  extensionAdd:
    "INSERT INTO deadline_extensions (deadline_id, item_id, extended_due_date, reason) SELECT (SELECT id FROM national_deadlines ORDER BY id LIMIT 1), id, '2031-03-31', 'テスト' FROM plan_items ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM plan_items)",
  extensionDelete: 'DELETE FROM deadline_extensions WHERE id = (SELECT id FROM deadline_extensions ORDER BY id LIMIT 1 OFFSET :n % max(1, (SELECT count(*) FROM deadline_extensions)))',
  categoryName: "UPDATE categories SET name = name || '＊' WHERE id = (SELECT id FROM categories ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM categories))",
  bodyName: "UPDATE local_bodies SET name = name || '＊' WHERE id = (SELECT id FROM local_bodies ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM local_bodies))",
  stepStatus:
    "UPDATE body_area_steps SET status = CASE status WHEN 'done' THEN 'in_progress' ELSE 'done' END WHERE rowid = (SELECT rowid FROM body_area_steps ORDER BY rowid LIMIT 1 OFFSET :n % (SELECT count(*) FROM body_area_steps))",
  migrationSupport: 'UPDATE body_business_areas SET migration_support = 1 - migration_support WHERE id = (SELECT id FROM body_business_areas ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM body_business_areas))',
  // Baselines (variance against 当初計画) and the history (answers as of a past day).
  baselineDate: "UPDATE baseline_milestones SET planned_date = date(planned_date, '+30 days') WHERE rowid = (SELECT rowid FROM baseline_milestones ORDER BY rowid LIMIT 1 OFFSET :n % (SELECT count(*) FROM baseline_milestones))",
  baselineTarget: 'UPDATE baseline_kpis SET target_value = target_value + 1 WHERE rowid = (SELECT rowid FROM baseline_kpis ORDER BY rowid LIMIT 1 OFFSET :n % (SELECT count(*) FROM baseline_kpis))',
  baselineSetOn: "UPDATE baselines SET set_on = date(set_on, '+1 day') WHERE id = (SELECT id FROM baselines ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM baselines))",
  baselineDrop: 'DELETE FROM baseline_milestones WHERE rowid = (SELECT rowid FROM baseline_milestones ORDER BY rowid LIMIT 1 OFFSET :n % max(1, (SELECT count(*) FROM baseline_milestones)))',
  areaName: "UPDATE business_areas SET name = name || '＊' WHERE id = (SELECT id FROM business_areas ORDER BY id LIMIT 1 OFFSET :n % (SELECT count(*) FROM business_areas))",
};

async function answers() {
  const out: Record<string, unknown> = {};
  for (const url of urls) {
    const res = await t.inject(url);
    expect(res.statusCode, url).toBe(200);
    out[url] = res.json();
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true, limits: { heavyPerMinute: 0 } });
  const bodies = t.db.$client.prepare('SELECT DISTINCT body_id AS id FROM plans ORDER BY body_id').all() as { id: number }[];
  const pref = (t.db.$client.prepare('SELECT prefecture_code AS c FROM local_bodies ORDER BY id LIMIT 1').get() as { c: string }).c;
  urls = [
    ...bodies.map((b) => `/api/bodies/${b.id}/dashboard`),
    // As of a past day: read from row_versions (written by the history triggers of the same writes).
    ...bodies.map((b) => `/api/bodies/${b.id}/dashboard?asOf=2025-06-30`),
    '/api/rollups/national',
    `/api/rollups/prefectures/${pref}`,
  ];
  expect(bodies.length).toBeGreaterThan(1);
});
afterAll(() => t?.close());

describe('response cache', () => {
  it('answers from the cache while nothing changed', async () => {
    await answers();
    const before = t.app.responseCache.hits;
    await answers();
    expect(t.app.responseCache.hits - before).toBe(urls.length);
  });

  it('is never stale after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...Object.keys(WRITES)), fc.nat(10_000)), { minLength: 1, maxLength: 5 }), async (ops) => {
        await answers(); // warm: every answer cached
        for (const [write, n] of ops) {
          t.db.$client.prepare(WRITES[write]!).run({ n });
          const cached = await answers();
          t.app.responseCache.clear();
          const fresh = await answers();
          expect(cached, `after ${write}`).toEqual(fresh);
        }
      }),
      { numRuns: 15 },
    );
  });

  it("renews the prefecture's 最終報告 when only a KPI value, a 「変更なし」 or an audit entry is written (was: stale until another write)", async () => {
    const prefUrl = urls.at(-1)!;
    const q = t.db.$client;
    // A municipality of the prefecture with an item that has a KPI.
    const target = q
      .prepare(
        `SELECT p.body_id AS bodyId, i.id AS itemId, k.id AS kpiId FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id
         JOIN local_bodies b ON b.id = p.body_id WHERE b.prefecture_code = ? AND b.kind <> 'prefecture' ORDER BY k.id LIMIT 1`,
      )
      .get(prefUrl.split('/').at(-1)) as { bodyId: number; itemId: number; kpiId: number };
    const lastReport = async () => {
      const res = await t.inject(prefUrl);
      expect(res.statusCode).toBe(200);
      return (res.json().municipalityCategories.bodies as { bodyId: number; lastReportedAt: string | null }[]).find((b) => b.bodyId === target.bodyId)!.lastReportedAt;
    };
    const writes: [string, string, unknown[]][] = [
      ['2040-01-01T00:00:00.000Z', 'UPDATE kpi_values SET updated_at = ? WHERE kpi_id = ? AND id = (SELECT max(id) FROM kpi_values WHERE kpi_id = ?)', [target.kpiId, target.kpiId]],
      ['2041-01-01T00:00:00.000Z', 'INSERT INTO item_reviews (created_at, item_id, fiscal_year, quarter) VALUES (?, ?, 2040, 1)', [target.itemId]],
      ['2042-01-01T00:00:00.000Z', "INSERT INTO audit_log (at, username, action, entity, body_id) VALUES (?, 'script', 'review', 'plan_items', ?)", [target.bodyId]],
    ];
    for (const [at, sql, args] of writes) {
      await lastReport(); // cached
      q.prepare(sql).run(at, ...args);
      expect(await lastReport(), sql).toBe(at);
    }
  });

  it('sends an ETag and answers 304 to a matching If-None-Match; a write changes the ETag', async () => {
    // A body that has milestones now (the property above deletes some).
    const m = t.db.$client
      .prepare('SELECT m.id, p.body_id AS bodyId FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id ORDER BY m.id LIMIT 1')
      .get() as { id: number; bodyId: number };
    const url = `/api/bodies/${m.bodyId}/dashboard`;
    const first = await t.inject(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await t.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    t.db.$client.prepare("UPDATE milestones SET title = title || '＋' WHERE id = ?").run(m.id);
    const changed = await t.inject({ url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('does not serve another user without the right to read the body', async () => {
    const url = urls[0]!;
    await t.inject(url); // cached by the administrator
    const bodyId = Number(/bodies\/(\d+)/.exec(url)![1]);
    const other = t.db.$client.prepare('SELECT id FROM local_bodies WHERE id <> ? ORDER BY id LIMIT 1').get(bodyId) as { id: number };
    const res = await t.as('officer').inject(`/api/bodies/${other.id}/dashboard`);
    expect(res.statusCode).toBe(403);
  });
});
