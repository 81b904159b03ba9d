import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/client.ts';
import {
  DEMO_AS_OF,
  DEMO_BODY_CODES,
  DEMO_MUNICIPALITY_CODES,
  KAMIAMAKUSA_CODE,
  KAMIAMAKUSA_EXPECTED_ITEM_STATES,
  MATSUDO_CODE,
  SODEGAURA_CODE,
  seedDemo,
} from '../../seed/demo.ts';
import { mulberry32, stepStatuses } from '../../seed/demo/helpers.ts';
import { BUSINESS_AREA_NAMES, STEP_TEMPLATE, defaultPack, seedReference } from '../../seed/reference.ts';
import { internalFileName } from '../../server/domain/reference-pack.ts';
import type { ItemStatus } from '../../server/domain/labels.ts';
import { isValidLocalGovCode, localGovCheckDigit } from '../../server/domain/local-gov-code.ts';
import { loadBodyPlan } from '../../server/repositories/body-plan.ts';
import { assessBodyPlan } from '../../server/services/assessment.ts';

const dirs: string[] = [];
function tempDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'dx-seed-test-'));
  dirs.push(dir);
  return openDatabase(join(dir, 'test.sqlite'));
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const TABLES = [
  'local_bodies',
  'sections',
  'categories',
  'national_deadlines',
  'national_figures',
  'reference_packs',
  'deadline_extensions',
  'plans',
  'plan_items',
  'milestones',
  'kpis',
  'kpi_values',
  'business_areas',
  'standardization_steps',
  'body_business_areas',
  'body_area_steps',
] as const;

function counts(db: Db): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((t) => [t, (db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}

function all<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.$client.prepare(sql).all(...params) as T[];
}

interface MilestoneRow {
  status: string;
  planned_date: string;
  actual_date: string | null;
}

/** Every item's status by title, as the product assesses it (the dashboard's code path). */
function itemStates(db: Db, bodyCode: string): Record<string, ItemStatus> {
  const body = all<{ id: number }>(db, 'SELECT id FROM local_bodies WHERE code = ?', bodyCode)[0];
  if (body === undefined) throw new Error(`no body with code ${bodyCode}`);
  return Object.fromEntries(
    assessBodyPlan(loadBodyPlan(db, body.id), DEMO_AS_OF).map((a) => [a.item.title, a.assessment.status]),
  );
}

describe('seed', () => {
  let db: Db;
  beforeAll(() => {
    db = tempDb();
  });

  it('seedReference is idempotent', () => {
    seedReference(db);
    const first = counts(db);
    const firstRows = all(db, 'SELECT * FROM national_deadlines ORDER BY id');
    seedReference(db);
    expect(counts(db)).toEqual(first);
    expect(all(db, 'SELECT * FROM national_deadlines ORDER BY id')).toEqual(firstRows);
    expect(first.categories).toBe(14);
    expect(first.national_deadlines).toBe(9);
    expect(first.reference_packs).toBe(1);
    expect(first.business_areas).toBe(20);
    expect(first.standardization_steps).toBe(STEP_TEMPLATE.length);
    expect(STEP_TEMPLATE.length).toBeGreaterThanOrEqual(38);
    expect(STEP_TEMPLATE.length).toBeLessThanOrEqual(42);
    // The template is the product's, and says so (the ministry's 40 steps are numbered differently).
    expect(defaultPack().steps.numbering).toBe('product');
    expect(defaultPack().steps.title).toContain('本製品');
  });

  it('has the reference rows the product relies on', () => {
    const cats = all<{ code: string; is_core: number }>(db, 'SELECT code, is_core FROM categories ORDER BY sort_order');
    expect(cats.slice(0, 5).map((c) => c.code)).toEqual(['standardization', 'gov_cloud', 'online_procedures', 'ai_rpa', 'telework']);
    expect(cats.filter((c) => c.is_core === 1)).toHaveLength(5);
    const areas = all<{ code: string; name: string }>(db, 'SELECT code, name FROM business_areas ORDER BY sort_order');
    expect(areas.map((a) => a.name)).toEqual(BUSINESS_AREA_NAMES);
    expect(areas[0]?.code).toBe('area01');
    expect(areas[19]?.code).toBe('area20');
    const dl = all<{ code: string; due_date: string; needs_verification: number }>(
      db,
      'SELECT code, due_date, needs_verification FROM national_deadlines',
    );
    const byCode = Object.fromEntries(dl.map((d) => [d.code, d]));
    expect(byCode.std_migration?.due_date).toBe('2026-03-31');
    expect(byCode.std_migration_support).toMatchObject({ due_date: '2031-03-31', needs_verification: 1 });
    expect(byCode.online_priority27?.due_date).toBe('2023-03-31');
    expect(byCode.eltax_public_funds).toMatchObject({ due_date: '2026-09-30', needs_verification: 0 });
  });

  it('seedDemo inserts three municipalities with plans and complete step grids', () => {
    seedDemo(db);
    const c = counts(db);
    expect(c.business_areas).toBe(20);
    expect(c.local_bodies).toBe(5);
    const withPlans = all<{ code: string }>(
      db,
      "SELECT DISTINCT b.code FROM plans p JOIN local_bodies b ON b.id = p.body_id WHERE b.kind <> 'prefecture' ORDER BY b.code",
    );
    expect(withPlans.map((r) => r.code)).toEqual([...DEMO_MUNICIPALITY_CODES].sort());
    for (const code of DEMO_MUNICIPALITY_CODES) {
      const n = all<{ n: number }>(
        db,
        'SELECT count(*) AS n FROM body_business_areas ba JOIN local_bodies b ON b.id = ba.body_id WHERE b.code = ?',
        code,
      )[0]?.n;
      expect(n, code).toBe(20);
    }
    const perArea = all<{ n: number }>(
      db,
      `SELECT (SELECT count(*) FROM body_area_steps s WHERE s.body_area_id = ba.id) AS n FROM body_business_areas ba`,
    );
    expect(perArea).toHaveLength(60);
    expect(perArea.every((r) => r.n === c.standardization_steps)).toBe(true);
    expect(c.body_area_steps).toBe(60 * c.standardization_steps!);
    // Prefectures have no plan.
    expect(all(db, "SELECT 1 FROM plans p JOIN local_bodies b ON b.id = p.body_id WHERE b.kind = 'prefecture'")).toHaveLength(0);
  });

  it('refuses to seed the demo twice and leaves the data unchanged', () => {
    const before = counts(db);
    expect(() => seedDemo(db)).toThrow(/already exist/);
    expect(counts(db)).toEqual(before);
  });

  it('has no dangling foreign keys', () => {
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
  });

  it('marks invented values as sample', () => {
    expect(all(db, 'SELECT 1 FROM kpis WHERE is_sample = 0')).toHaveLength(0);
    expect(all(db, 'SELECT 1 FROM kpi_values WHERE is_sample = 0')).toHaveLength(0);
    const bodies = Object.fromEntries(
      all<{ code: string; is_sample: number }>(db, 'SELECT code, is_sample FROM local_bodies').map((b) => [b.code, b.is_sample]),
    );
    expect(bodies[SODEGAURA_CODE]).toBe(1);
    expect(bodies[MATSUDO_CODE]).toBe(1);
    expect(bodies[KAMIAMAKUSA_CODE]).toBe(0);
    // Sample municipalities: every item is sample.
    expect(
      all(
        db,
        'SELECT 1 FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id WHERE b.is_sample = 1 AND i.is_sample = 0',
      ),
    ).toHaveLength(0);
    // 上天草市: the only non-sample milestones are the two facts taken from the plan's text.
    const real = all<{ title: string }>(
      db,
      'SELECT m.title FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id WHERE b.code = ? AND m.is_sample = 0 ORDER BY m.title',
      KAMIAMAKUSA_CODE,
    );
    expect(real.map((r) => r.title)).toEqual(['コンビニ交付サービスの開始', '上天草市セキュリティポリシーの改正']);
  });

  it('follows the real 上天草市 schedule (plan §3.3)', () => {
    const ms = Object.fromEntries(
      all<{ title: string; s: string | null; p: string }>(
        db,
        'SELECT m.title, m.planned_start_date AS s, m.planned_date AS p FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans pl ON pl.id = i.plan_id JOIN local_bodies b ON b.id = pl.body_id WHERE b.code = ?',
        KAMIAMAKUSA_CODE,
      ).map((r) => [r.title, [r.s, r.p]]),
    );
    expect(ms['標準仕様書と既存システム（運用）との比較']).toEqual(['2021-04-01', '2023-03-31']);
    expect(ms['ガバメントクラウドへ移行']).toEqual(['2023-04-01', '2025-03-31']);
    expect(ms['標準準拠システムへ移行']).toEqual(['2025-04-01', '2026-03-31']);
    expect(ms['22業務に係るシステム導入']).toEqual(['2022-04-01', '2023-03-31']);
    expect(ms['テレワーク運用要綱の策定']).toEqual(['2021-04-01', '2022-03-31']);
    const plan = all<{ title: string; start_fiscal_year: number; end_fiscal_year: number; adopted_on: string }>(
      db,
      'SELECT p.* FROM plans p JOIN local_bodies b ON b.id = p.body_id WHERE b.code = ?',
      KAMIAMAKUSA_CODE,
    )[0];
    expect(plan).toMatchObject({
      title: '上天草版デジタル・トランスフォーメーション（DX）推進計画',
      start_fiscal_year: 2022,
      end_fiscal_year: 2025,
      adopted_on: '2022-03-31',
    });
  });

  it(`shows every item state for 上天草市 as of ${DEMO_AS_OF}`, () => {
    const states = itemStates(db, KAMIAMAKUSA_CODE);
    expect(states).toEqual(KAMIAMAKUSA_EXPECTED_ITEM_STATES);
    expect(new Set(Object.values(states))).toEqual(new Set(['done', 'done_late', 'on_track', 'delayed', 'past_deadline', 'at_risk']));
  });

  it('shows every milestone state for 上天草市', () => {
    const ms = all<MilestoneRow>(
      db,
      'SELECT m.status, m.planned_date, m.actual_date FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id WHERE b.code = ?',
      KAMIAMAKUSA_CODE,
    );
    const open = (m: MilestoneRow) => m.status === 'not_started' || m.status === 'in_progress';
    expect(ms.some((m) => m.status === 'done' && m.actual_date! <= m.planned_date)).toBe(true);
    expect(ms.some((m) => m.status === 'done' && m.actual_date! > m.planned_date)).toBe(true);
    expect(ms.some((m) => open(m) && m.planned_date < DEMO_AS_OF)).toBe(true);
    expect(ms.some((m) => open(m) && m.planned_date >= DEMO_AS_OF)).toBe(true);
    expect(ms.some((m) => m.status === 'not_applicable')).toBe(true);
    // Nothing is reported after the demo's today.
    expect(all(db, 'SELECT 1 FROM milestones WHERE actual_date > ? OR actual_start_date > ?', DEMO_AS_OF, DEMO_AS_OF)).toHaveLength(0);
  });

  it('gives the sample municipalities a different mix', () => {
    expect(itemStates(db, SODEGAURA_CODE)).toEqual({
      '自治体情報システムの標準化・共通化': 'done',
      'ガバメントクラウドへの移行': 'at_risk', // body-scoped extension to 2027-03-31
      '子育て・介護等27手続のオンライン化（マイナポータル）': 'done',
      '書かない窓口の導入': 'on_track',
      '生成AIの全庁導入とRPAの拡大': 'delayed',
      'テレワークの推進': 'on_track',
      'マイナンバーカードの普及促進': 'done',
    });
    const matsudo = itemStates(db, MATSUDO_CODE);
    expect(matsudo['自治体情報システムの標準化・共通化']).toBe('past_deadline');
    expect(matsudo['標準準拠システムへの移行（特定移行支援：固定資産税・個人住民税）']).toBe('on_track');
    expect(matsudo['RPAの全庁展開（30業務）']).toBe('delayed');
    const ext = all<{ body_id: number | null; item_id: number | null; area_id: number | null }>(db, 'SELECT body_id, item_id, area_id FROM deadline_extensions');
    expect(ext.filter((e) => e.item_id !== null)).toHaveLength(1);
    // 袖ケ浦市's whole-body extension of gov_cloud; the 特定移行支援 systems are extended one by one.
    expect(ext.filter((e) => e.item_id === null && e.area_id === null)).toHaveLength(1);
    const support = all<{ body_id: number; area_id: number }>(db, 'SELECT body_id, area_id FROM body_business_areas WHERE migration_support = 1 ORDER BY body_id, area_id');
    expect(ext.filter((e) => e.area_id !== null).map((e) => ({ body_id: e.body_id, area_id: e.area_id }))).toEqual(support);
  });

  it('flags 2-3 migration-support areas per body that has them, linked to an extended or later-deadline item', () => {
    const rows = all<{ code: string; n: number }>(
      db,
      'SELECT b.code, count(*) AS n FROM body_business_areas ba JOIN local_bodies b ON b.id = ba.body_id WHERE ba.migration_support = 1 GROUP BY b.code',
    );
    expect(Object.fromEntries(rows.map((r) => [r.code, r.n]))).toEqual({ [KAMIAMAKUSA_CODE]: 2, [MATSUDO_CODE]: 2 });
  });
});

describe('seed determinism and guards', () => {
  it('produces identical demo rows in two databases', () => {
    const dump = (db: Db) =>
      ['local_bodies', 'sections', 'plans', 'plan_items', 'milestones', 'kpis', 'kpi_values', 'deadline_extensions', 'body_business_areas', 'body_area_steps'].map(
        (t) => all(db, `SELECT * FROM ${t} ORDER BY rowid`),
      );
    const a = tempDb();
    const b = tempDb();
    for (const db of [a, b]) {
      seedReference(db);
      seedDemo(db);
    }
    expect(dump(a)).toEqual(dump(b));
  });

  it('refuses to seed the demo without reference data', () => {
    const db = tempDb();
    expect(() => seedDemo(db)).toThrow(/seedReference/);
    expect(all(db, 'SELECT 1 FROM local_bodies')).toHaveLength(0);
  });

  it('uses valid local government codes', () => {
    expect(localGovCheckDigit('13101')).toBe(6); // 千代田区 131016
    expect(localGovCheckDigit('01213')).toBe(1); // 苫小牧市 012131 (remainder 0)
    expect(localGovCheckDigit('01205')).toBe(0); // 室蘭市 012050 (remainder 1)
    expect(localGovCheckDigit('01202')).toBe(5); // 函館市 012025
    for (const code of DEMO_BODY_CODES) expect(isValidLocalGovCode(code), code).toBe(true);
  });

  it('generates ministry-style step statuses deterministically', () => {
    const steps = STEP_TEMPLATE.map((s) => ({ code: s.code }));
    const a = stepStatuses(steps, { frontier: 'step20' }, mulberry32(42));
    const b = stepStatuses(steps, { frontier: 'step20' }, mulberry32(42));
    expect(a).toEqual(b);
    expect(a[19]).toBe('in_progress');
    expect(a.slice(21).every((s) => s === 'not_started' || s === 'not_applicable')).toBe(true);
    const done = stepStatuses(steps, { frontier: 'all' }, mulberry32(7));
    expect(done.every((s) => s === 'done' || s === 'not_applicable')).toBe(true);
  });
});

describe('no internal file names where users read (issue 18)', () => {
  it('no text column of the demo database names an internal file (DOMAIN.md, seeds/004, reference.ts …)', () => {
    const db = tempDb();
    seedReference(db);
    seedDemo(db);
    const tables = all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'");
    const hits: string[] = [];
    for (const { name } of tables) {
      const cols = all<{ name: string; type: string }>(db, `PRAGMA table_info("${name}")`).filter((c) => c.type.toLowerCase() === 'text');
      for (const row of all<Record<string, unknown>>(db, `SELECT * FROM "${name}"`)) {
        for (const c of cols) {
          const v = row[c.name];
          if (typeof v === 'string' && internalFileName(v)) hits.push(`${name}.${c.name}: ${v.slice(0, 80)}`);
        }
      }
    }
    expect(hits).toEqual([]);
  });
});
