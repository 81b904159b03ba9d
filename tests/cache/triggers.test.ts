import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_VERSION_TRIGGERS, VERSIONED_TABLES } from '../../server/cache/triggers.ts';
import { ResponseCache } from '../../server/cache/response-cache.ts';
import { createTestDb, type TestDb } from '../helpers/app.ts';

let t: TestDb;
beforeAll(() => (t = createTestDb()));
afterAll(() => t.close());

describe('data version triggers', () => {
  it('the installed triggers are the generated ones (a change needs a migration: npx tsx server/cache/triggers.ts)', () => {
    const installed = new Map(
      (t.db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'data_version_%'").all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]),
    );
    expect([...installed.keys()].sort()).toEqual(DATA_VERSION_TRIGGERS.map((x) => x.name).sort());
    for (const x of DATA_VERSION_TRIGGERS) expect(installed.get(x.name)).toBe(x.sql.split('--> statement-breakpoint')[1]!.trim().replace(/;$/, ''));
  });

  it('cover every table the cached answers read', () => {
    // body-plan.ts (dashboard) and services/rollups.ts (national, prefecture) read these; the dashboard also reads
    // the baseline in force (services/baselines.ts) and, as of a past day, the history (services/as-of.ts).
    const read = ['local_bodies', 'plans', 'sections', 'categories', 'national_deadlines', 'deadline_extensions', 'plan_items', 'milestones', 'kpis', 'kpi_values', 'business_areas', 'body_step_counts',
      'row_versions', 'baselines', 'baseline_milestones', 'baseline_kpis',
      // each body's last report (server/rollups/category-triggers.ts); plan_category_counts and plan_category_dates change
      // only with plan_items and milestones, in the same statement (server/cache/triggers.ts)
      'body_last_reports'];
    expect(VERSIONED_TABLES).toEqual(expect.arrayContaining(read));
  });
});

describe('ResponseCache', () => {
  it('keeps an answer while its version holds, and evicts the least recently used first', () => {
    const c = new ResponseCache(2, 1_000);
    let made = 0;
    const make = (s: string) => () => (made++, s);
    expect(c.get('a', '1', make('A')).toString()).toBe('A');
    expect(c.get('a', '1', make('X')).toString()).toBe('A');
    expect(c.get('a', '2', make('A2')).toString()).toBe('A2');
    c.get('b', '1', make('B'));
    c.get('a', '2', make('never'));
    c.get('c', '1', make('C')); // evicts b, the least recently used
    expect(c.size).toBe(2);
    expect(c.get('b', '1', make('B again')).toString()).toBe('B again');
    expect(made).toBe(5);
  });

  it('stays within its byte budget', () => {
    const c = new ResponseCache(100, 100); // bytes
    c.get('a', '1', () => 'x'.repeat(60));
    c.get('b', '1', () => 'y'.repeat(60)); // 120 bytes: a goes
    expect(c.size).toBe(1);
    c.get('big', '1', () => 'z'.repeat(120)); // larger than the budget: answered, not kept
    expect(c.size).toBe(1);
  });
});
