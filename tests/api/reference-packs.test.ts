/**
 * Loading a changed national data pack through the API on the demo database (issue 18): the preview
 * shows the right facts added / changed / removed and the bodies whose statuses would change, and writes
 * nothing; applying changes the right statuses in one audited transaction and never touches municipal
 * data; rolling back restores the previous facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPack } from '../../seed/reference.ts';
import type { ReferencePack } from '../../server/schemas/reference-pack.ts';
import { createTestApp, dumpTables, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

const all = <T>(sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).get(...args) as T;

/** The shipped pack with a newer version and these changes. */
function changedPack(): ReferencePack {
  const p = structuredClone(defaultPack());
  p.version = '2027.01.0';
  p.title = '国の参照データ 2027年1月版（テスト）';
  // The standardization deadline moves a year later: 上天草市's overdue standardization item is no longer past it.
  p.deadlines.find((d) => d.code === 'std_migration')!.dueDate = '2027-03-31';
  // Dropped: one nobody refers to (removed), one the demo plans answer to (kept).
  p.deadlines = p.deadlines.filter((d) => d.code !== 'one_person_it' && d.code !== 'online_priority27');
  p.deadlines.push({ code: 'frontyard_test', title: 'テスト用の期限', dueDate: '2028-03-31', datePrecision: 'fiscal_year', category: 'frontyard', status: 'unverified', sources: ['product'], note: 'テスト' });
  p.figures.find((f) => f.code === 'support_bodies_2025_12')!.value = 936;
  return p;
}

/** The facts of the reference tables, without ids and timestamps (a re-inserted row gets a new id). */
const facts = () => ({
  deadlines: all('SELECT code, title, due_date, date_precision, needs_verification, source_text, sources, (SELECT code FROM categories c WHERE c.id = d.category_id) AS category FROM national_deadlines d ORDER BY code'),
  figures: all('SELECT code, kind, title, definition, value, unit, as_of, fiscal_year, needs_verification, sources, note, sort_order FROM national_figures ORDER BY code'),
  categories: all('SELECT code, name, description, is_core, sort_order FROM categories ORDER BY code'),
  steps: all('SELECT code, phase, name, sort_order FROM standardization_steps ORDER BY code'),
});
/** Municipal data a pack must never change. */
const municipal = () => ({
  extensions: all('SELECT * FROM deadline_extensions ORDER BY id'),
  items: all('SELECT * FROM plan_items ORDER BY id'),
  milestones: all('SELECT * FROM milestones ORDER BY id'),
  kpis: all('SELECT * FROM kpis ORDER BY id'),
  steps: all('SELECT * FROM body_area_steps ORDER BY rowid'),
});
const KAMIAMAKUSA_STD = '自治体情報システムの標準化・共通化';
const itemStatus = async (title: string) => {
  const bodyId = one<{ id: number }>("SELECT id FROM local_bodies WHERE code = '432121'").id;
  const items = (await t.inject(`/api/bodies/${bodyId}/items?pageSize=200`)).json().items as { title: string; status: string }[];
  return items.find((i) => i.title === title)!.status;
};

describe('national data pack API', () => {
  it('every signed-in user reads the active pack with its sources and statuses', async () => {
    const res = await t.as('viewer').inject('/api/reference-packs/active');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.info).toMatchObject({ version: defaultPack().version, status: 'active' });
    expect(body.pack.deadlines.find((d: { code: string }) => d.code === 'std_migration_support')).toMatchObject({ status: 'unverified' });
    // Deadlines carry their resolved sources and status in the ordinary list too.
    const list = (await t.as('viewer').inject('/api/national-deadlines')).json() as { code: string; needsVerification: boolean; sources: { publisher: string; url: string | null }[] }[];
    const std = list.find((d) => d.code === 'std_migration')!;
    expect(std.needsVerification).toBe(false);
    expect(std.sources[0]).toMatchObject({ publisher: expect.stringContaining('デジタル庁') });
  });

  it('only an administrator checks, applies or rolls back a pack', async () => {
    for (const role of ['hq', 'officer', 'viewer', 'prefecture'] as const) {
      expect((await t.as(role).inject({ method: 'POST', url: '/api/reference-packs/preview', payload: changedPack() })).statusCode).toBe(403);
      expect((await t.as(role).inject({ method: 'POST', url: '/api/reference-packs', payload: changedPack() })).statusCode).toBe(403);
    }
  });

  it('refuses an invalid pack with Japanese messages, and changes nothing', async () => {
    const before = dumpTables(t.db);
    const bad = changedPack();
    bad.deadlines[0]!.note = '出典は DOMAIN.md';
    const res = await t.inject({ method: 'POST', url: '/api/reference-packs', payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PACK_INVALID' });
    expect(res.json().errors[0].message).toContain('内部のファイル名「DOMAIN.md」');
    const schemaBad = { ...changedPack(), version: 'latest' };
    const res2 = await t.inject({ method: 'POST', url: '/api/reference-packs/preview', payload: schemaBad });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().code).toBe('VALIDATION_ERROR');
    expect(dumpTables(t.db)).toEqual(before);
  });

  let originalFacts: ReturnType<typeof facts>;
  let originalMunicipal: ReturnType<typeof municipal>;

  it('previews the differences and whose statuses would change, writing nothing', async () => {
    originalFacts = facts();
    originalMunicipal = municipal();
    expect(await itemStatus(KAMIAMAKUSA_STD)).toBe('past_deadline');
    const before = dumpTables(t.db);
    const res = await t.inject({ method: 'POST', url: '/api/reference-packs/preview', payload: changedPack() });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ version: '2027.01.0', newer: true, current: { version: defaultPack().version } });
    const key = (c: { section: string; code: string; change: string }) => `${c.change} ${c.section} ${c.code}`;
    expect(p.changes.map(key).sort()).toEqual(
      [
        'added deadlines frontyard_test',
        'changed deadlines std_migration',
        'changed figures support_bodies_2025_12',
        'removed deadlines one_person_it',
        'removed deadlines online_priority27',
      ].sort(),
    );
    expect(p.changes.find((c: { code: string }) => c.code === 'std_migration').fields).toEqual([{ field: 'dueDate', before: '2026-03-31', after: '2027-03-31' }]);
    expect(p.counts).toEqual({ added: 1, changed: 2, removed: 2 });
    // The demo plans answer to online_priority27: kept, and said so.
    expect(p.kept).toEqual([expect.objectContaining({ code: 'online_priority27', section: 'deadlines', reason: expect.stringContaining('参照') })]);
    // Statuses: 上天草市's standardization item leaves 期限超過; systems past 2026-03-31 are no longer past a 2027 deadline.
    const kami = p.statusChanges.bodies.find((b: { code: string }) => b.code === '432121');
    expect(kami.items).toContainEqual(expect.objectContaining({ title: KAMIAMAKUSA_STD, before: 'past_deadline', beforeLabel: '期限超過' }));
    expect(kami.items.find((i: { title: string }) => i.title === KAMIAMAKUSA_STD).after).not.toBe('past_deadline');
    expect(kami.systemsPastDeadline.before).toBeGreaterThan(0);
    expect(kami.systemsPastDeadline.after).toBe(0);
    expect(p.statusChanges.bodyCount).toBe(p.statusChanges.bodies.length);
    expect(dumpTables(t.db)).toEqual(before);
  });

  let appliedId: number;
  it('applies it in one audited transaction: the right statuses change, municipal data does not', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/reference-packs', payload: changedPack() });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    appliedId = r.pack.id;
    expect(r.pack).toMatchObject({ version: '2027.01.0', status: 'active', userName: 'demo-admin' });
    expect(one<{ due_date: string }>("SELECT due_date FROM national_deadlines WHERE code = 'std_migration'").due_date).toBe('2027-03-31');
    expect(one("SELECT 1 AS x FROM national_deadlines WHERE code = 'one_person_it'")).toBeUndefined();
    expect(one("SELECT 1 AS x FROM national_deadlines WHERE code = 'online_priority27'")).toBeDefined();
    expect(one<{ value: number }>("SELECT value FROM national_figures WHERE code = 'support_bodies_2025_12'").value).toBe(936);
    expect(await itemStatus(KAMIAMAKUSA_STD)).not.toBe('past_deadline');
    expect(municipal()).toEqual(originalMunicipal);
    // Audited as the administrator, with the pack named in the note.
    const audit = all<{ entity: string; action: string; note: string; username: string }>(
      "SELECT entity, action, note, username FROM audit_log WHERE entity IN ('national_deadlines', 'national_figures', 'reference_packs') ORDER BY id",
    );
    expect(audit).toContainEqual({ entity: 'national_deadlines', action: 'update', note: '国の参照データ 2027.01.0 を適用', username: 'demo-admin' });
    expect(audit).toContainEqual({ entity: 'national_deadlines', action: 'delete', note: '国の参照データ 2027.01.0 を適用', username: 'demo-admin' });
    expect(audit).toContainEqual({ entity: 'national_deadlines', action: 'create', note: '国の参照データ 2027.01.0 を適用', username: 'demo-admin' });
    expect(audit).toContainEqual({ entity: 'reference_packs', action: 'create', note: '国の参照データ 2027.01.0 を適用', username: 'demo-admin' });
    // The history: the shipped pack superseded, the new one active.
    const history = (await t.inject('/api/reference-packs')).json() as { version: string; status: string }[];
    expect(history.map((h) => [h.version, h.status])).toEqual([['2027.01.0', 'active'], [defaultPack().version, 'superseded']]);
  });

  it('refuses a pack that is not newer than the active one', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/reference-packs', payload: changedPack() });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PACK_NOT_NEWER', message: expect.stringContaining('新しくありません') });
  });

  it('rolls back to the previous pack: the facts and statuses return, municipal data untouched', async () => {
    const res = await t.inject({ method: 'POST', url: `/api/reference-packs/${appliedId}/rollback` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().pack).toMatchObject({ version: defaultPack().version, status: 'active' });
    expect(facts()).toEqual(originalFacts);
    expect(municipal()).toEqual(originalMunicipal);
    expect(await itemStatus(KAMIAMAKUSA_STD)).toBe('past_deadline');
    const history = (await t.inject('/api/reference-packs')).json() as { version: string; status: string }[];
    expect(history.map((h) => h.status)).toEqual(['rolled_back', 'active']);
    // Nothing before the shipped pack: no further roll back; an unknown pack is 404.
    const first = history[1] as unknown as { id: number };
    expect((await t.inject({ method: 'POST', url: `/api/reference-packs/${first.id}/rollback` })).json().code).toBe('PACK_NO_PREVIOUS');
    expect((await t.inject({ method: 'POST', url: `/api/reference-packs/${appliedId}/rollback` })).json().code).toBe('PACK_NOT_ACTIVE');
    expect((await t.inject({ method: 'POST', url: '/api/reference-packs/99999/rollback' })).statusCode).toBe(404);
  });
});

describe('honest benchmarks (issue 18)', () => {
  it('the demo online-usage KPIs are compared with no national number (their definition is not the national series’)', async () => {
    const bodyId = one<{ id: number }>("SELECT id FROM local_bodies WHERE code = '432121'").id;
    const dash = (await t.inject(`/api/bodies/${bodyId}/dashboard`)).json();
    const online = dash.kpis.find((k: { name: string }) => k.name === 'オンライン申請利用率');
    expect(online).toMatchObject({ benchmarkValue: null, nationalBenchmark: null });
    expect(all("SELECT 1 FROM kpis WHERE benchmark_value = 57.6")).toEqual([]);
  });

  it('a KPI naming a national series shows its name, definition, value and status; an unknown series is refused', async () => {
    const bodyId = one<{ id: number }>("SELECT id FROM local_bodies WHERE code = '432121'").id;
    const created = await t.inject({
      method: 'POST',
      url: `/api/bodies/${bodyId}/kpis`,
      payload: { name: 'オンライン利用促進対象手続のオンライン利用率', unit: '%', direction: 'higher', baselineValue: 40, baselineFiscalYear: 2022, targetValue: 60, targetFiscalYear: 2026, benchmarkCode: 'online_usage_promoted_procedures' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const kpi = (await t.inject(`/api/bodies/${bodyId}/dashboard`)).json().kpis.find((k: { id: number }) => k.id === created.json().id);
    expect(kpi.nationalBenchmark).toMatchObject({ code: 'online_usage_promoted_procedures', value: 52.6, fiscalYear: 2018, needsVerification: false });
    expect(kpi.nationalBenchmark.definition).toContain('オンライン利用促進対象手続');
    expect(kpi.nationalBenchmark.sources[0].publisher).toBe('総務省');
    const bad = await t.inject({
      method: 'POST',
      url: `/api/bodies/${bodyId}/kpis`,
      payload: { name: 'x', unit: '%', direction: 'higher', baselineValue: 1, baselineFiscalYear: 2022, targetValue: 2, targetFiscalYear: 2026, benchmarkCode: 'std_systems_total' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'benchmarkCode', message: expect.stringContaining('比較系列') });
  });
});
