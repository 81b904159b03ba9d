/**
 * Property test of the maintained DX plan roll-ups (server/rollups/category-triggers.ts): random sequences of writes
 * on the demo database (items and milestones inserted, updated, moved between categories, items and plans, deleted;
 * plans and bodies deleted or moved; KPI values, 「変更なし」 and audit rows with times going forward and back) and after
 * every sequence the maintained tables equal a full recomputation from the base rows, and the roll-up reads equal the
 * former per-request scan (tests/rollups/category-scan.ts) for several days — including days that pass with no write.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { PLAN_ROLLUP_EXPECTED_SQL, PLAN_ROLLUP_TRIGGERS, planRollupMigrationSql } from '../../server/rollups/category-triggers.ts';
import { withRollupTriggersOff } from '../../server/rollups/maintain.ts';
import { createdTriggers } from '../../server/db/trigger-migrations.ts';
import { MILESTONE_STATUSES } from '../../server/domain/labels.ts';
import { listBodyCategories, listCategoryMilestones, listLastReports } from '../../server/repositories/rollups.ts';
import { generateNational } from '../../seed/national/generate.ts';
import { runAsDryRun } from '../../server/audit/context.ts';
import { createTestDb, type TestDb } from '../helpers/app.ts';
import { scanBodyCategories, scanCategories, scanLastReports } from './category-scan.ts';

let t: TestDb;
let sqlite: Database.Database;
let categoryIds: number[];
let prefs: string[];

/** Planned dates around the days the reads are checked on, so that every bucket boundary is crossed. */
const DATES = ['2026-09-30', '2026-10-31', '2026-11-20', '2026-11-21', '2026-11-22', '2026-12-31', '2027-03-31'];
const TODAYS = ['2026-09-01', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2027-04-01'];
const TIMES = ['2025-01-01T00:00:00.000Z', '2026-11-01T09:00:00.000Z', '2026-11-21T10:00:00.000Z', '2027-01-05T08:30:00.000Z'];

const sel = fc.nat(10_000);
const status = fc.constantFrom(...MILESTONE_STATUSES);
const date = fc.constantFrom(...DATES);
const time = fc.constantFrom(...TIMES);

type Op =
  | { op: 'addItem'; plan: number; category: number; parent: number; withParent: boolean; at: string }
  | { op: 'addMilestone'; item: number; status: string; planned: string; actual: string; at: string }
  | { op: 'setStatus'; milestone: number; status: string; actual: string; at: string }
  | { op: 'setPlanned'; milestone: number; planned: string }
  | { op: 'setActual'; milestone: number; actual: string }
  | { op: 'moveMilestone'; milestone: number; item: number }
  | { op: 'deleteMilestone'; milestone: number }
  | { op: 'moveCategory'; item: number; category: number }
  | { op: 'movePlan'; item: number; plan: number }
  | { op: 'touchItem'; item: number; at: string }
  | { op: 'deleteItem'; item: number }
  | { op: 'addPlan'; body: number }
  | { op: 'movePlanBody'; plan: number; body: number }
  | { op: 'deletePlan'; plan: number }
  | { op: 'movePrefecture'; body: number; pref: number }
  | { op: 'deleteBody'; body: number }
  | { op: 'kpiValue'; kpi: number; at: string }
  | { op: 'touchKpiValue'; value: number; at: string }
  | { op: 'deleteKpiValue'; value: number }
  | { op: 'moveKpi'; kpi: number; item: number }
  | { op: 'deleteKpi'; kpi: number }
  | { op: 'review'; item: number; at: string }
  | { op: 'deleteReview'; review: number }
  | { op: 'audit'; body: number; at: string }
  | { op: 'endPlan'; plan: number }
  | { op: 'reopenPlan'; plan: number }
  | { op: 'failedTx'; item: number; category: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('addItem' as const), plan: sel, category: sel, parent: sel, withParent: fc.boolean(), at: time }),
  fc.record({ op: fc.constant('addMilestone' as const), item: sel, status, planned: date, actual: date, at: time }),
  fc.record({ op: fc.constant('addMilestone' as const), item: sel, status, planned: date, actual: date, at: time }),
  fc.record({ op: fc.constant('setStatus' as const), milestone: sel, status, actual: date, at: time }),
  fc.record({ op: fc.constant('setStatus' as const), milestone: sel, status, actual: date, at: time }),
  fc.record({ op: fc.constant('setPlanned' as const), milestone: sel, planned: date }),
  fc.record({ op: fc.constant('setActual' as const), milestone: sel, actual: date }),
  fc.record({ op: fc.constant('moveMilestone' as const), milestone: sel, item: sel }),
  fc.record({ op: fc.constant('deleteMilestone' as const), milestone: sel }),
  fc.record({ op: fc.constant('moveCategory' as const), item: sel, category: sel }),
  fc.record({ op: fc.constant('movePlan' as const), item: sel, plan: sel }),
  fc.record({ op: fc.constant('touchItem' as const), item: sel, at: time }),
  fc.record({ op: fc.constant('deleteItem' as const), item: sel }),
  fc.record({ op: fc.constant('addPlan' as const), body: sel }),
  fc.record({ op: fc.constant('movePlanBody' as const), plan: sel, body: sel }),
  fc.record({ op: fc.constant('endPlan' as const), plan: sel }),
  fc.record({ op: fc.constant('reopenPlan' as const), plan: sel }),
  fc.record({ op: fc.constant('deletePlan' as const), plan: sel }),
  fc.record({ op: fc.constant('movePrefecture' as const), body: sel, pref: sel }),
  fc.record({ op: fc.constant('deleteBody' as const), body: sel }),
  fc.record({ op: fc.constant('kpiValue' as const), kpi: sel, at: time }),
  fc.record({ op: fc.constant('touchKpiValue' as const), value: sel, at: time }),
  fc.record({ op: fc.constant('deleteKpiValue' as const), value: sel }),
  fc.record({ op: fc.constant('moveKpi' as const), kpi: sel, item: sel }),
  fc.record({ op: fc.constant('deleteKpi' as const), kpi: sel }),
  fc.record({ op: fc.constant('review' as const), item: sel, at: time }),
  fc.record({ op: fc.constant('deleteReview' as const), review: sel }),
  fc.record({ op: fc.constant('audit' as const), body: sel, at: time }),
  fc.record({ op: fc.constant('failedTx' as const), item: sel, category: sel }),
);

const ids = (sql: string) => (sqlite.prepare(sql).all() as { id: number }[]).map((r) => r.id);
const pick = (sql: string, n: number): number | undefined => {
  const list = ids(sql);
  return list.length === 0 ? undefined : list[n % list.length];
};
const run = (sql: string, ...args: unknown[]) => sqlite.prepare(sql).run(...args);
let seq = 0;

function apply(o: Op): void {
  const item = 'item' in o ? pick('SELECT id FROM plan_items ORDER BY id', o.item) : undefined;
  const milestone = 'milestone' in o ? pick('SELECT id FROM milestones ORDER BY id', o.milestone) : undefined;
  const plan = 'plan' in o ? pick('SELECT id FROM plans ORDER BY id', o.plan) : undefined;
  const body = 'body' in o ? pick('SELECT id FROM local_bodies ORDER BY id', o.body) : undefined;
  const kpi = 'kpi' in o ? pick('SELECT id FROM kpis ORDER BY id', o.kpi) : undefined;
  const value = 'value' in o ? pick('SELECT id FROM kpi_values ORDER BY id', o.value) : undefined;
  const category = 'category' in o ? categoryIds[o.category % categoryIds.length] : undefined;
  switch (o.op) {
    case 'addItem': {
      if (plan === undefined) return;
      const section = pick(`SELECT s.id FROM sections s JOIN plans p ON p.body_id = s.body_id WHERE p.id = ${plan} ORDER BY s.id`, 0);
      if (section === undefined) return;
      const parent = o.withParent ? pick(`SELECT id FROM plan_items WHERE plan_id = ${plan} ORDER BY id`, o.parent) : undefined;
      run(
        'INSERT INTO plan_items (plan_id, category_id, section_id, parent_id, title, target_fiscal_year, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 2026, ?, ?)',
        plan, category, section, parent ?? null, `取組${++seq}`, o.at, o.at,
      );
      return;
    }
    case 'addMilestone':
      if (item === undefined) return;
      run(
        'INSERT INTO milestones (item_id, title, planned_date, actual_date, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        item, `手順${++seq}`, o.planned, o.status === 'done' ? o.actual : null, o.status, o.at, o.at,
      );
      return;
    case 'setStatus':
      if (milestone !== undefined) run('UPDATE milestones SET status = ?, actual_date = ?, updated_at = ? WHERE id = ?', o.status, o.status === 'done' ? o.actual : null, o.at, milestone);
      return;
    case 'setPlanned':
      if (milestone !== undefined) run('UPDATE milestones SET planned_date = ? WHERE id = ?', o.planned, milestone);
      return;
    case 'setActual':
      if (milestone !== undefined) run("UPDATE milestones SET actual_date = ? WHERE id = ? AND status = 'done'", o.actual, milestone);
      return;
    case 'moveMilestone':
      if (milestone !== undefined && item !== undefined) run('UPDATE milestones SET item_id = ? WHERE id = ?', item, milestone);
      return;
    case 'deleteMilestone':
      if (milestone !== undefined) run('DELETE FROM milestones WHERE id = ?', milestone);
      return;
    case 'moveCategory':
      if (item !== undefined) run('UPDATE plan_items SET category_id = ? WHERE id = ?', category, item);
      return;
    case 'movePlan':
      if (item !== undefined && plan !== undefined) run('UPDATE plan_items SET plan_id = ? WHERE id = ?', plan, item);
      return;
    case 'touchItem':
      if (item !== undefined) run('UPDATE plan_items SET updated_at = ? WHERE id = ?', o.at, item);
      return;
    case 'deleteItem':
      if (item !== undefined) run('DELETE FROM plan_items WHERE id = ?', item);
      return;
    // A body has one current plan (plans_current_uq): a new plan ends the current one, as starting the next plan
    // period does (services/plan-periods.ts); a plan moved to a body that has one arrives ended.
    case 'addPlan':
      if (body === undefined) return;
      run("UPDATE plans SET ended_on = '2027-03-31' WHERE body_id = ? AND ended_on IS NULL", body);
      run("INSERT INTO plans (body_id, title, start_fiscal_year, end_fiscal_year) VALUES (?, '第2期計画', 2027, 2031)", body);
      return;
    case 'movePlanBody':
      if (plan === undefined || body === undefined) return;
      run(
        "UPDATE plans SET body_id = ?, ended_on = CASE WHEN EXISTS (SELECT 1 FROM plans c WHERE c.body_id = ? AND c.ended_on IS NULL AND c.id <> ?) THEN coalesce(ended_on, '2027-03-31') ELSE ended_on END WHERE id = ?",
        body, body, plan, plan,
      );
      return;
    case 'endPlan':
      if (plan !== undefined) run("UPDATE plans SET ended_on = '2027-03-31' WHERE id = ?", plan);
      return;
    case 'reopenPlan':
      if (plan !== undefined) {
        run('UPDATE plans SET ended_on = NULL WHERE id = ? AND NOT EXISTS (SELECT 1 FROM plans c WHERE c.body_id = plans.body_id AND c.ended_on IS NULL)', plan);
      }
      return;
    case 'deletePlan':
      if (plan !== undefined) run('DELETE FROM plans WHERE id = ?', plan);
      return;
    case 'movePrefecture':
      if (body !== undefined) run('UPDATE local_bodies SET prefecture_code = ? WHERE id = ?', prefs[o.pref % prefs.length], body);
      return;
    case 'deleteBody':
      // Accounts may still point at the body (no cascade there): then the delete is refused and nothing changes.
      if (body === undefined) return;
      try {
        run('DELETE FROM local_bodies WHERE id = ?', body);
      } catch {
        /* refused by a foreign key */
      }
      return;
    case 'kpiValue':
      if (kpi !== undefined) {
        run(
          'INSERT INTO kpi_values (kpi_id, fiscal_year, quarter, value, created_at, updated_at) VALUES (?, ?, 1, 1, ?, ?) ON CONFLICT DO UPDATE SET updated_at = excluded.updated_at',
          kpi, 2030 + (++seq % 20), o.at, o.at,
        );
      }
      return;
    case 'touchKpiValue':
      if (value !== undefined) run('UPDATE kpi_values SET updated_at = ? WHERE id = ?', o.at, value);
      return;
    case 'deleteKpiValue':
      if (value !== undefined) run('DELETE FROM kpi_values WHERE id = ?', value);
      return;
    case 'moveKpi':
      if (kpi !== undefined) run('UPDATE kpis SET item_id = ? WHERE id = ?', item ?? null, kpi);
      return;
    case 'deleteKpi':
      if (kpi !== undefined) run('DELETE FROM kpis WHERE id = ?', kpi);
      return;
    case 'review':
      if (item !== undefined) run('INSERT INTO item_reviews (item_id, fiscal_year, quarter, created_at) VALUES (?, 2026, 3, ?)', item, o.at);
      return;
    case 'deleteReview': {
      const review = pick('SELECT id FROM item_reviews ORDER BY id', o.review);
      if (review !== undefined) run('DELETE FROM item_reviews WHERE id = ?', review);
      return;
    }
    case 'audit':
      if (body !== undefined) run("INSERT INTO audit_log (at, username, action, entity, body_id) VALUES (?, 'test', 'update', 'plan_items', ?)", o.at, body);
      return;
    case 'failedTx':
      // A write that fails half-way leaves neither the rows nor the roll-ups changed.
      if (item === undefined) return;
      try {
        sqlite.transaction(() => {
          run('UPDATE plan_items SET category_id = ? WHERE id = ?', category, item);
          run("UPDATE milestones SET status = 'done', actual_date = '2026-11-01' WHERE item_id = ?", item);
          throw new Error('rollback');
        })();
      } catch {
        /* expected */
      }
      return;
  }
}

const TABLES = Object.keys(PLAN_ROLLUP_EXPECTED_SQL) as (keyof typeof PLAN_ROLLUP_EXPECTED_SQL)[];
const ORDER: Record<keyof typeof PLAN_ROLLUP_EXPECTED_SQL, string> = {
  item_milestone_counts: 'item_id',
  plan_category_counts: 'plan_id, category_id',
  plan_category_dates: 'plan_id, category_id, planned_date',
  body_last_reports: 'body_id',
};
const snapshot = () => Object.fromEntries(TABLES.map((name) => [name, sqlite.prepare(`SELECT * FROM ${name} ORDER BY ${ORDER[name]}`).all()]));
const expected = () => Object.fromEntries(TABLES.map((name) => [name, sqlite.prepare(PLAN_ROLLUP_EXPECTED_SQL[name]).all()]));

const byKey = <T extends { body_id: number; category_id: number }>(rows: T[]) => [...rows].sort((a, b) => a.body_id - b.body_id || a.category_id - b.category_id);

/** The roll-up reads from the maintained tables equal the former scan, for the country and every prefecture. */
function expectReadsEqualScan(today: string) {
  expect(listCategoryMilestones(t.db, today, null), `national ${today}`).toEqual(scanCategories(sqlite, today, null));
  for (const pref of prefs) {
    expect(listCategoryMilestones(t.db, today, pref), `${pref} ${today}`).toEqual(scanCategories(sqlite, today, pref));
    expect(byKey(listBodyCategories(t.db, today, pref)), `${pref} × categories ${today}`).toEqual(scanBodyCategories(sqlite, today, pref));
    expect([...listLastReports(t.db, pref)].sort((a, b) => a.body_id - b.body_id), `${pref} last reports`).toEqual(scanLastReports(sqlite, pref));
  }
}

beforeAll(() => {
  t = createTestDb({ demo: true });
  sqlite = t.db.$client;
  categoryIds = ids('SELECT id FROM categories ORDER BY sort_order, id');
  prefs = (sqlite.prepare('SELECT DISTINCT prefecture_code AS p FROM local_bodies ORDER BY 1').all() as { p: string }[]).map((r) => r.p);
  // A second prefecture to move bodies into.
  if (prefs.length < 2) prefs.push('01');
});
afterAll(() => t?.close());

describe('maintained DX plan roll-ups (category counts, dates, last reports)', () => {
  it('the migrations install exactly the triggers the module prints', () => {
    const installed = new Map(
      (sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'plan_rollup_%'").all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]),
    );
    expect(installed).toEqual(createdTriggers(planRollupMigrationSql()));
    expect(installed.size).toBe(PLAN_ROLLUP_TRIGGERS.length);
  });

  it('on the demo data: the tables equal a recomputation and the reads equal the former scan on every day', () => {
    expect(snapshot()).toEqual(expected());
    expect((sqlite.prepare('SELECT count(*) AS n FROM plan_category_counts').get() as { n: number }).n).toBeGreaterThan(0);
    for (const today of TODAYS) expectReadsEqualScan(today);
  });

  it('equal a full recomputation, and the reads the scan, after any sequence of writes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), fc.constantFrom(...TODAYS), (ops, today) => {
        sqlite.exec('SAVEPOINT prop');
        try {
          for (const o of ops) apply(o);
          expect(snapshot()).toEqual(expected());
          expectReadsEqualScan(today);
        } finally {
          sqlite.exec('ROLLBACK TO prop; RELEASE prop');
        }
      }),
      { numRuns: 250 },
    );
  }, 90_000); // 250 sequences: ~10 s alone, up to ~45 s while the whole suite runs on two cores

  it('overdue follows the day with no write: a milestone due today becomes overdue tomorrow', () => {
    const item = ids('SELECT id FROM plan_items ORDER BY id')[0]!;
    const cat = (sqlite.prepare('SELECT category_id AS c FROM plan_items WHERE id = ?').get(item) as { c: number }).c;
    sqlite.exec('SAVEPOINT day');
    try {
      run("INSERT INTO milestones (item_id, title, planned_date, status) VALUES (?, '明日から期限超過', '2030-06-30', 'in_progress')", item);
      const overdue = (today: string) => (listCategoryMilestones(t.db, today, null).find((r) => r.category_id === cat)!).overdue;
      const before = overdue('2030-06-30');
      expect(overdue('2030-07-01')).toBe(before + 1);
      for (const today of ['2030-06-30', '2030-07-01']) expectReadsEqualScan(today);
    } finally {
      sqlite.exec('ROLLBACK TO day; RELEASE day');
    }
  });

  it('skip a dry run (an import check, rolled back): nothing counted inside it, and the tables equal a recomputation after', () => {
    const before = snapshot();
    const item = ids('SELECT id FROM plan_items ORDER BY id')[0]!;
    try {
      sqlite.transaction(() =>
        runAsDryRun(() => {
          run("INSERT INTO milestones (item_id, title, planned_date, status) VALUES (?, '試し', '2026-10-01', 'not_started')", item);
          run("UPDATE milestones SET status = 'done', actual_date = '2026-11-01' WHERE item_id = ?", item);
          expect(snapshot()).toEqual(before);
          throw new Error('dry run');
        }),
      )();
    } catch {
      /* rolled back */
    }
    expect(snapshot()).toEqual(before);
    expect(snapshot()).toEqual(expected());
  });

  it('a bulk load with the triggers off ends with the same tables and the triggers back', () => {
    sqlite.transaction(() => {
      withRollupTriggersOff(sqlite, () => {
        const item = ids('SELECT id FROM plan_items ORDER BY id')[0]!;
        for (const d of DATES) run("INSERT INTO milestones (item_id, title, planned_date, status) VALUES (?, '一括', ?, 'not_started')", item, d);
      });
    })();
    expect(snapshot()).toEqual(expected());
    expect(ids("SELECT rowid AS id FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'plan_rollup_%'").length).toBe(PLAN_ROLLUP_TRIGGERS.length);
  });

  it('on generated national data (loaded with the triggers off, then recomputed): the same tables and answers, then kept by the triggers', () => {
    const n = createTestDb();
    try {
      generateNational(n.db, { seed: 5, scale: 0.1, prefectures: 4 });
      const q = n.db.$client;
      const mine = () => Object.fromEntries(TABLES.map((name) => [name, q.prepare(`SELECT * FROM ${name} ORDER BY ${ORDER[name]}`).all()]));
      const theirs = () => Object.fromEntries(TABLES.map((name) => [name, q.prepare(PLAN_ROLLUP_EXPECTED_SQL[name]).all()]));
      const check = () => {
        expect(mine()).toEqual(theirs());
        const codes = (q.prepare('SELECT DISTINCT prefecture_code AS p FROM local_bodies ORDER BY 1').all() as { p: string }[]).map((r) => r.p);
        for (const today of TODAYS) {
          expect(listCategoryMilestones(n.db, today, null)).toEqual(scanCategories(q, today, null));
          for (const pref of codes) {
            expect(listCategoryMilestones(n.db, today, pref)).toEqual(scanCategories(q, today, pref));
            expect(byKey(listBodyCategories(n.db, today, pref))).toEqual(scanBodyCategories(q, today, pref));
          }
        }
        for (const pref of codes) expect([...listLastReports(n.db, pref)].sort((a, b) => a.body_id - b.body_id)).toEqual(scanLastReports(q, pref));
      };
      expect((q.prepare('SELECT count(*) AS n FROM plan_category_dates').get() as { n: number }).n).toBeGreaterThan(100);
      check();
      // A quarter's updates through the triggers: milestones started and finished, re-planned; a body moves prefecture.
      q.exec(`UPDATE milestones SET status = 'done', actual_date = '2026-11-30', updated_at = '2026-11-30T09:00:00.000Z' WHERE id % 7 = 0 AND status <> 'done';
        UPDATE milestones SET planned_date = date(planned_date, '+90 days') WHERE id % 11 = 0;
        UPDATE local_bodies SET prefecture_code = (SELECT max(prefecture_code) FROM local_bodies) WHERE id = (SELECT min(id) FROM local_bodies WHERE kind <> 'prefecture')`);
      check();
    } finally {
      n.close();
    }
  });
});
