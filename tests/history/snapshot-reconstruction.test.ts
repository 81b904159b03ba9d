/**
 * Closed quarters keep their frozen snapshots, and the history reproduces them: over random edit histories (re-plans
 * with reasons, progress, KPI values, milestones added and deleted — before and after the close), the quarter
 * reconstructed "as known at the moment of closing" equals the snapshot the close froze.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalQuarterEnd, type Quarter } from '../../server/domain/fiscal.ts';
import { addDays } from '../../server/domain/dates.ts';
import { loadBodyPlanAt, planAsOf } from '../../server/services/as-of.ts';
import { quarterData } from '../../server/services/quarters.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, DEMO_AS_OF } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let bodyId: number;

const all = <T>(sql: string, ...p: unknown[]) => t.db.$client.prepare(sql).all(...p) as T[];
const one = <T>(sql: string, ...p: unknown[]) => t.db.$client.prepare(sql).get(...p) as T;

beforeAll(async () => {
  t = await createTestApp({ demo: true, limits: { heavyPerMinute: 0 } });
  bodyId = one<{ id: number }>('SELECT id FROM local_bodies WHERE code = ?', KAMIAMAKUSA_CODE).id;
});
afterAll(() => t?.close());

type Edit =
  | { kind: 'replan'; pick: number; days: number }
  | { kind: 'finish'; pick: number; back: number }
  | { kind: 'value'; pick: number; fy: number; q: number; value: number }
  | { kind: 'add'; pick: number; days: number }
  | { kind: 'remove'; pick: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('replan' as const), pick: fc.nat(), days: fc.integer({ min: -60, max: 200 }) }),
  fc.record({ kind: fc.constant('finish' as const), pick: fc.nat(), back: fc.integer({ min: 0, max: 900 }) }),
  fc.record({ kind: fc.constant('value' as const), pick: fc.nat(), fy: fc.integer({ min: 2024, max: 2026 }), q: fc.integer({ min: 0, max: 4 }), value: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ kind: fc.constant('add' as const), pick: fc.nat(), days: fc.integer({ min: -400, max: 400 }) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
);

const hq = () => t.as('hq');

async function apply(e: Edit): Promise<void> {
  const ms = all<{ id: number; item_id: number; version: number; planned_date: string; planned_start_date: string | null; status: string }>(
    'SELECT m.id, m.item_id, m.version, m.planned_date, m.planned_start_date, m.status FROM milestones m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = i.plan_id WHERE p.body_id = ? ORDER BY m.id',
    bodyId,
  );
  const m = ms[e.pick % ms.length]!;
  let res;
  if (e.kind === 'replan') {
    const plannedDate = addDays(m.planned_date, e.days || 1);
    const start = m.planned_start_date && m.planned_start_date > plannedDate ? { plannedStartDate: plannedDate } : {};
    res = await hq().inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, plannedDate, ...start, replanReason: `テスト${e.days}` } });
  } else if (e.kind === 'finish') {
    if (m.status === 'done' || m.status === 'not_applicable') return;
    res = await hq().inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, status: 'done', actualDate: addDays(DEMO_AS_OF, -e.back), actualStartDate: null } });
  } else if (e.kind === 'add') {
    res = await hq().inject({ method: 'POST', url: `/api/items/${m.item_id}/milestones`, payload: { title: `追加${e.pick}`, plannedDate: addDays(DEMO_AS_OF, e.days) } });
  } else if (e.kind === 'remove') {
    res = await hq().inject({ method: 'DELETE', url: `/api/milestones/${m.id}?version=${m.version}` });
  } else {
    const kpis = all<{ id: number }>('SELECT id FROM kpis WHERE body_id = ? ORDER BY id', bodyId);
    const k = kpis[e.pick % kpis.length]!;
    const existing = one<{ id: number; version: number } | undefined>('SELECT id, version FROM kpi_values WHERE kpi_id = ? AND fiscal_year = ? AND quarter = ?', k.id, e.fy, e.q);
    res = existing
      ? await hq().inject({ method: 'PATCH', url: `/api/kpi-values/${existing.id}`, payload: { version: existing.version, value: e.value } })
      : await hq().inject({ method: 'POST', url: `/api/kpis/${k.id}/values`, payload: { fiscalYear: e.fy, quarter: e.q, value: e.value } });
  }
  // A refused edit (a rule of the product) changes nothing; it is part of a random history too.
  expect([200, 201, 204, 400, 409], res.body).toContain(res.statusCode);
}

/** What a close freezes of the plan (the sections that had not reported come from live reporting data, not the plan). */
const frozen = (d: ReturnType<typeof quarterData>) => ({ dashboard: d.dashboard, items: d.items, milestones: d.milestones, kpis: d.kpis });

describe('reconstructing a closed quarter from the history', () => {
  it('equals the frozen snapshot, whatever was edited before and after the close', { timeout: 600_000 }, async () => {
    const quarters: { fiscalYear: number; quarter: Quarter }[] = [
      { fiscalYear: 2025, quarter: 4 },
      { fiscalYear: 2026, quarter: 1 },
      { fiscalYear: 2026, quarter: 2 },
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { maxLength: 8 }), fc.array(edit, { maxLength: 8 }), fc.nat({ max: 2 }), async (before, after, qi) => {
        const fq = quarters[qi]!;
        for (const e of before) await apply(e);
        const url = `/api/bodies/${bodyId}/quarters`;
        const existing = one<{ status: string } | undefined>('SELECT status FROM quarter_snapshots WHERE body_id = ? AND fiscal_year = ? AND quarter = ?', bodyId, fq.fiscalYear, fq.quarter);
        if (existing?.status === 'closed') {
          const r = await hq().inject({ method: 'POST', url: `${url}/${fq.fiscalYear}/${fq.quarter}/reopen`, payload: { reason: 'テストのため再開' } });
          expect(r.statusCode, r.body).toBe(200);
        }
        const close = await hq().inject({ method: 'POST', url, payload: fq });
        expect(close.statusCode, close.body).toBe(201);
        const closedAt = close.json().closedAt as string;
        // Later edits are made after the instant of closing (the clock has moved on: a condition, not a sleep).
        while (new Date().toISOString() <= closedAt) await new Promise((r) => setImmediate(r));
        for (const e of after) await apply(e);

        const snap = (await t.inject(`${url}/${fq.fiscalYear}/${fq.quarter}`)).json();
        const end = fiscalQuarterEnd(fq.fiscalYear, fq.quarter);
        const rebuilt = quarterData(t.db, bodyId, fq, DEMO_AS_OF, planAsOf(loadBodyPlanAt(t.db, bodyId, closedAt), end));
        expect(JSON.parse(JSON.stringify(frozen(rebuilt)))).toEqual(frozen(snap.data));
      }),
      { numRuns: 12, seed: 13 },
    );
  });
});
