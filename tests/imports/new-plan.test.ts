/**
 * A body with no plan imports one written in the simple layout: the 上天草市 schedule of its DX plan
 * (seeds/002 §3.3, tests/fixtures/kamiamakusa-schedule.ts). The dry run lists the plan, items and
 * milestones to create; applied, the body has them, with the titles and dates of the plan's text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localGovCheckDigit } from '../../server/domain/local-gov-code.ts';
import { XLSX_TYPE } from '../../server/routes/imports.ts';
import { ITEMS, PLAN, SECTIONS, scheduleWorkbook } from '../fixtures/kamiamakusa-schedule.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
const code = `43999${localGovCheckDigit('43999')}`;

beforeAll(async () => {
  t = await createTestApp();
  const body = await t.inject({ method: 'POST', url: '/api/bodies', payload: { code, name: '取込テスト市', prefectureCode: '43', prefectureName: '熊本県', kind: 'city' } });
  expect(body.statusCode, body.body).toBe(201);
  bodyId = body.json().id;
  for (const name of SECTIONS) {
    const s = await t.inject({ method: 'POST', url: `/api/bodies/${bodyId}/sections`, payload: { name } });
    expect(s.statusCode, s.body).toBe(201);
  }
  await t.createUser({ username: 'new-hq', role: 'hq', bodyCode: code });
  await t.createUser({ username: 'new-officer', role: 'officer', bodyCode: code, sectionNames: ['市民課'] });
});
afterAll(async () => t?.close());

const milestoneCount = ITEMS.reduce((n, i) => n + i.milestones.length, 0);

describe('new plan from a spreadsheet', () => {
  it('an officer may not create the plan: every row is refused, nothing applied', async () => {
    const res = await t.as('new-officer').inject({ method: 'POST', url: `/api/bodies/${bodyId}/imports`, payload: await scheduleWorkbook(), headers: { 'content-type': XLSX_TYPE } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json().canApply).toBe(false);
    expect(res.json().counts.refused).toBeGreaterThan(0);
    expect(res.json().problems[0]).toMatchObject({ sheet: '計画', row: 2, kind: 'refused' });
  });

  it('HQ imports the 上天草市 schedule: a plan, its items and milestones with the dates of the plan', async () => {
    const hq = t.as('new-hq');
    const res = await hq.inject({
      method: 'POST',
      url: `/api/bodies/${bodyId}/imports`,
      payload: await scheduleWorkbook(),
      headers: { 'content-type': XLSX_TYPE, 'x-file-name': encodeURIComponent('上天草市_工程表.xlsx') },
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const p = res.json();
    expect(p.problems).toEqual([]);
    expect(p.fileName).toBe('上天草市_工程表.xlsx');
    expect(p.counts).toEqual({ create: 1 + ITEMS.length + milestoneCount, update: 0, unchanged: 0, conflict: 0, refused: 0, error: 0 });
    expect(p.changes[0]).toMatchObject({ sheet: '計画', row: 2, kind: 'create', entity: 'plan', label: PLAN.title });
    expect((await hq.inject(`/api/bodies/${bodyId}/plans`)).json()).toEqual([]);

    const applied = await hq.inject({ method: 'POST', url: `/api/imports/${p.importId}/apply`, payload: {} });
    expect(applied.statusCode, applied.body.slice(0, 500)).toBe(200);
    expect(applied.json().applied).toEqual({ create: 1 + ITEMS.length + milestoneCount, update: 0 });

    const plans = (await hq.inject(`/api/bodies/${bodyId}/plans`)).json();
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ title: PLAN.title, startFiscalYear: PLAN.start, endFiscalYear: PLAN.end, adoptedOn: PLAN.adoptedOn });
    const items = (await hq.inject(`/api/bodies/${bodyId}/items?pageSize=100`)).json().items as { id: number; title: string; sectionName: string; targetFiscalYear: number }[];
    expect(items.map((i) => i.title).sort()).toEqual(ITEMS.map((i) => i.title).sort());
    for (const expected of ITEMS) {
      const item = items.find((i) => i.title === expected.title)!;
      const ms = (await hq.inject(`/api/items/${item.id}/milestones`)).json() as { title: string; plannedStartDate: string; plannedDate: string; status: string }[];
      expect(ms.map((m) => [m.title, m.plannedStartDate, m.plannedDate, m.status]).sort()).toEqual(
        expected.milestones.map((m) => [m.title, `${m.from}-04-01`, `${m.to + 1}-03-31`, 'not_started']).sort(),
      );
    }
    // The seed text: 標準準拠システムへ移行 in 2025年度, ガバメントクラウドへ移行 2023～2024年度.
    const std = items.find((i) => i.title === '自治体情報システムの標準化・共通化')!;
    const stdMs = (await hq.inject(`/api/items/${std.id}/milestones`)).json() as { title: string; plannedDate: string }[];
    expect(stdMs.find((m) => m.title === '標準準拠システムへ移行')!.plannedDate).toBe('2026-03-31');
    expect(stdMs.find((m) => m.title === 'ガバメントクラウドへ移行')!.plannedDate).toBe('2025-03-31');

    const audit = t.db.$client.prepare("SELECT entity, count(*) AS n FROM audit_log WHERE note LIKE ? GROUP BY entity ORDER BY entity").all(`一括取込 #${p.importId}%`);
    expect(audit).toEqual([
      { entity: 'imports', n: 1 },
      { entity: 'milestones', n: milestoneCount },
      { entity: 'plan_items', n: ITEMS.length },
      { entity: 'plans', n: 1 },
    ]);
  });
});
