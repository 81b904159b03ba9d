/**
 * Property test of the maintained roll-ups: random sequences of writes (bodies, body business areas,
 * steps: inserts, status updates, bulk updates, deletes, cascades, 特定移行支援 and prefecture changes)
 * and after every sequence the three roll-up tables equal a full recomputation from the base rows
 * (EXPECTED_SQL reads only body_area_steps, body_business_areas and local_bodies).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { EXPECTED_SQL, ROLLUP_TRIGGERS } from '../../server/rollups/triggers.ts';
import { recomputeRollups, withRollupTriggersOff } from '../../server/rollups/maintain.ts';
import { MILESTONE_STATUSES } from '../../server/domain/labels.ts';
import { createTestDb, type TestDb } from '../helpers/app.ts';

let t: TestDb;
let sqlite: Database.Database;
let areaIds: number[];
let stepIds: number[];
let codeSeq = 0;

const PREFS = ['01', '13', '43'];
const status = fc.constantFrom(...MILESTONE_STATUSES);

type Op =
  | { op: 'addBody'; pref: number }
  | { op: 'addArea'; body: number; area: number; ms: boolean }
  | { op: 'addSteps'; bodyArea: number; statuses: string[] }
  | { op: 'setStatus'; bodyArea: number; step: number; status: string }
  | { op: 'setAll'; bodyArea: number; status: string }
  | { op: 'setEverywhere'; step: number; status: string }
  | { op: 'deleteStep'; bodyArea: number; step: number }
  | { op: 'deleteArea'; bodyArea: number }
  | { op: 'deleteBody'; body: number }
  | { op: 'toggleMs'; bodyArea: number }
  | { op: 'movePrefecture'; body: number; pref: number }
  | { op: 'moveArea'; bodyArea: number; area: number }
  | { op: 'failedTx'; bodyArea: number; status: string };

const sel = fc.nat(1000);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('addBody' as const), pref: fc.nat(2) }),
  fc.record({ op: fc.constant('addArea' as const), body: sel, area: fc.nat(19), ms: fc.boolean() }),
  fc.record({ op: fc.constant('addSteps' as const), bodyArea: sel, statuses: fc.array(status, { maxLength: 12 }) }),
  fc.record({ op: fc.constant('setStatus' as const), bodyArea: sel, step: sel, status }),
  fc.record({ op: fc.constant('setAll' as const), bodyArea: sel, status }),
  fc.record({ op: fc.constant('setEverywhere' as const), step: sel, status }),
  fc.record({ op: fc.constant('deleteStep' as const), bodyArea: sel, step: sel }),
  fc.record({ op: fc.constant('deleteArea' as const), bodyArea: sel }),
  fc.record({ op: fc.constant('deleteBody' as const), body: sel }),
  fc.record({ op: fc.constant('toggleMs' as const), bodyArea: sel }),
  fc.record({ op: fc.constant('movePrefecture' as const), body: sel, pref: fc.nat(2) }),
  fc.record({ op: fc.constant('moveArea' as const), bodyArea: sel, area: fc.nat(19) }),
  fc.record({ op: fc.constant('failedTx' as const), bodyArea: sel, status }),
);

const ids = (sql: string, ...args: unknown[]) => (sqlite.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id);
const pick = <T>(list: T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

function addBody(pref: string): number {
  const code = String(800000 + ++codeSeq).padStart(6, '0');
  return Number(
    sqlite.prepare(`INSERT INTO local_bodies (code, name, prefecture_code, prefecture_name, kind) VALUES (?, ?, ?, ?, 'city')`).run(code, `団体${codeSeq}`, pref, `県${pref}`)
      .lastInsertRowid,
  );
}

function apply(o: Op): void {
  const bodies = ids('SELECT id FROM local_bodies ORDER BY id');
  const bodyAreas = ids('SELECT id FROM body_business_areas ORDER BY id');
  const ba = 'bodyArea' in o ? pick(bodyAreas, o.bodyArea) : undefined;
  switch (o.op) {
    case 'addBody':
      addBody(PREFS[o.pref]!);
      return;
    case 'addArea': {
      const body = pick(bodies, o.body);
      if (body === undefined) return;
      sqlite.prepare('INSERT OR IGNORE INTO body_business_areas (body_id, area_id, migration_support) VALUES (?, ?, ?)').run(body, areaIds[o.area], o.ms ? 1 : 0);
      return;
    }
    case 'addSteps': {
      if (ba === undefined) return;
      const ins = sqlite.prepare('INSERT OR IGNORE INTO body_area_steps (body_area_id, step_id, status) VALUES (?, ?, ?)');
      o.statuses.forEach((s, i) => ins.run(ba, stepIds[(ba * 7 + i) % stepIds.length], s));
      return;
    }
    case 'setStatus': {
      if (ba === undefined) return;
      const step = pick(ids('SELECT step_id AS id FROM body_area_steps WHERE body_area_id = ? ORDER BY step_id', ba), o.step);
      if (step === undefined) return;
      sqlite.prepare('UPDATE body_area_steps SET status = ?, version = version + 1 WHERE body_area_id = ? AND step_id = ?').run(o.status, ba, step);
      return;
    }
    case 'setAll':
      if (ba !== undefined) sqlite.prepare('UPDATE body_area_steps SET status = ? WHERE body_area_id = ?').run(o.status, ba);
      return;
    case 'setEverywhere':
      sqlite.prepare('UPDATE body_area_steps SET status = ? WHERE step_id = ?').run(o.status, stepIds[o.step % stepIds.length]);
      return;
    case 'deleteStep': {
      if (ba === undefined) return;
      const step = pick(ids('SELECT step_id AS id FROM body_area_steps WHERE body_area_id = ? ORDER BY step_id', ba), o.step);
      if (step !== undefined) sqlite.prepare('DELETE FROM body_area_steps WHERE body_area_id = ? AND step_id = ?').run(ba, step);
      return;
    }
    case 'deleteArea':
      if (ba !== undefined) sqlite.prepare('DELETE FROM body_business_areas WHERE id = ?').run(ba);
      return;
    case 'deleteBody': {
      const body = pick(bodies, o.body);
      if (body !== undefined) sqlite.prepare('DELETE FROM local_bodies WHERE id = ?').run(body);
      return;
    }
    case 'toggleMs':
      if (ba !== undefined) sqlite.prepare('UPDATE body_business_areas SET migration_support = 1 - migration_support WHERE id = ?').run(ba);
      return;
    case 'movePrefecture': {
      const body = pick(bodies, o.body);
      if (body !== undefined) sqlite.prepare('UPDATE local_bodies SET prefecture_code = ? WHERE id = ?').run(PREFS[o.pref], body);
      return;
    }
    case 'moveArea':
      if (ba !== undefined) sqlite.prepare('UPDATE OR IGNORE body_business_areas SET area_id = ? WHERE id = ?').run(areaIds[o.area], ba);
      return;
    case 'failedTx':
      // A write that fails half-way leaves neither the steps nor the roll-ups changed.
      if (ba === undefined) return;
      try {
        sqlite.transaction(() => {
          sqlite.prepare('UPDATE body_area_steps SET status = ? WHERE body_area_id = ?').run(o.status, ba);
          throw new Error('rollback');
        })();
      } catch {
        /* expected */
      }
      return;
  }
}

const TABLES = Object.keys(EXPECTED_SQL) as (keyof typeof EXPECTED_SQL)[];
const ORDER: Record<keyof typeof EXPECTED_SQL, string> = {
  body_area_step_counts: 'body_area_id',
  body_step_counts: 'body_id',
  prefecture_area_step_counts: 'prefecture_code, area_id',
};

function snapshot() {
  return Object.fromEntries(TABLES.map((name) => [name, sqlite.prepare(`SELECT * FROM ${name} ORDER BY ${ORDER[name]}`).all()]));
}
function expected() {
  return Object.fromEntries(TABLES.map((name) => [name, sqlite.prepare(EXPECTED_SQL[name]).all()]));
}

beforeAll(() => {
  t = createTestDb();
  sqlite = t.db.$client;
  areaIds = ids('SELECT id FROM business_areas ORDER BY sort_order, id');
  stepIds = ids('SELECT id FROM standardization_steps ORDER BY sort_order, id');
});
afterAll(() => t?.close());

describe('maintained standardization roll-ups', () => {
  it('installs every roll-up trigger', () => {
    const installed = ids("SELECT rowid AS id FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup_%'");
    expect(installed.length).toBe(ROLLUP_TRIGGERS.length);
  });

  it('equal a full recomputation after any sequence of writes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        sqlite.exec('SAVEPOINT prop');
        try {
          for (let i = 0; i < 3; i++) addBody(PREFS[i]!);
          for (const o of ops) apply(o);
          expect(snapshot()).toEqual(expected());
        } finally {
          sqlite.exec('ROLLBACK TO prop; RELEASE prop');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a bulk load with the triggers off ends with the same tables and the triggers back', () => {
    sqlite.transaction(() => {
      withRollupTriggersOff(sqlite, () => {
        const body = addBody('13');
        const ba = Number(sqlite.prepare('INSERT INTO body_business_areas (body_id, area_id, migration_support) VALUES (?, ?, 1)').run(body, areaIds[0]).lastInsertRowid);
        stepIds.forEach((s, i) => sqlite.prepare('INSERT INTO body_area_steps (body_area_id, step_id, status) VALUES (?, ?, ?)').run(ba, s, MILESTONE_STATUSES[i % 4]));
        expect(sqlite.prepare('SELECT count(*) AS n FROM body_step_counts WHERE body_id = ?').get(body)).toEqual({ n: 0 });
      });
    })();
    expect(snapshot()).toEqual(expected());
    expect(ids("SELECT rowid AS id FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup_%'").length).toBe(ROLLUP_TRIGGERS.length);
    recomputeRollups(sqlite);
    expect(snapshot()).toEqual(expected());
  });
});
