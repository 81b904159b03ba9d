/**
 * Baselines and re-plans (issue 13): the 当初計画 set at adoption keeps every milestone's planned dates, a re-plan
 * needs a reason and is kept with who and when, and variance is given against the baseline next to the current plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let bodyId: number;
let planId: number;

const q = <T>(sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).get(...params) as T;

beforeAll(async () => {
  t = await createTestApp({ demo: true, limits: { heavyPerMinute: 0 } });
  bodyId = q<{ id: number }>('SELECT id FROM local_bodies WHERE code = ?', KAMIAMAKUSA_CODE).id;
  planId = q<{ id: number }>('SELECT id FROM plans WHERE body_id = ?', bodyId).id;
});
afterAll(() => t?.close());

type Ms = { id: number; title: string; plannedDate: string; version: number; adherence: { kind: string; varianceDays: number }; baseline: { plannedDate: string; varianceDays: number | null; late: boolean } | null };
const milestonesOf = async () => {
  const d = (await t.inject(`/api/bodies/${bodyId}/dashboard`)).json();
  return { d, ms: d.timeline.flatMap((r: { milestones: Ms[] }) => r.milestones) as Ms[] };
};

describe('当初計画 of the demo', () => {
  it('is the plan as adopted on 2022-03-31; milestones added later are not in it', async () => {
    const list = (await t.inject(`/api/plans/${planId}/baselines`)).json();
    expect(list).toEqual([expect.objectContaining({ kind: 'original', label: '当初計画', setOn: '2022-03-31', varianceLabel: '当初計画比' })]);
    const { d, ms } = await milestonesOf();
    expect(d.baseline).toEqual(expect.objectContaining({ kind: 'original', setOn: '2022-03-31' }));
    const added = ms.find((m) => m.title === '残る業務（生活保護・健康管理）の標準準拠システムへの移行')!;
    expect(added.baseline).toBeNull();
    const adopted = ms.find((m) => m.title === '標準仕様書と既存システム（運用）との比較')!;
    expect(adopted.baseline).toEqual(expect.objectContaining({ plannedDate: '2023-03-31' }));
    expect(d.baseline.notInBaseline).toBe(ms.filter((m) => m.baseline === null && m.adherence.kind !== 'not_applicable').length);
  });
});

describe('a re-plan', () => {
  it('needs a reason: 400 in Japanese, nothing changed', async () => {
    const { ms } = await milestonesOf();
    const m = ms.find((x) => x.title === 'オンライン化に向けた準備' && x.baseline !== null)!;
    const res = await t.as('hq').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, plannedDate: '2027-03-31' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('REPLAN_REASON_REQUIRED');
    expect(res.json().message).toMatch(/計画変更の理由を入力してください/);
    expect(res.json().message).not.toMatch(/[a-zA-Z]/);
    expect(q<{ planned_date: string }>('SELECT planned_date FROM milestones WHERE id = ?', m.id).planned_date).toBe(m.plannedDate);
  });

  it('moves the planned date, and the milestone still shows its delay against the baseline', async () => {
    const { d: before, ms } = await milestonesOf();
    // 【第2弾】運用開始: due 2025-03-31, still open on 2026-11-23 → overdue against the plan and the baseline.
    const m = ms.find((x) => x.title === '運用開始' && x.adherence.kind === 'overdue' && x.baseline !== null)!;
    expect(m.baseline!.late).toBe(true);
    const res = await t.as('hq').inject({
      method: 'PATCH',
      url: `/api/milestones/${m.id}`,
      payload: { version: m.version, plannedDate: '2027-03-31', replanReason: '国の標準様式の改定を待つため' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await milestonesOf()).ms.find((x) => x.id === m.id)!;
    expect(after.adherence.kind).toBe('upcoming'); // on time against the current plan…
    expect(after.baseline).toEqual(expect.objectContaining({ plannedDate: m.baseline!.plannedDate, late: true, varianceDays: m.baseline!.varianceDays })); // …still late against the baseline
    const d = (await t.inject(`/api/bodies/${bodyId}/dashboard`)).json();
    expect(d.baseline.lateMilestones).toBe(before.baseline.lateMilestones); // the overview still counts it late against the baseline
    expect(d.baseline.lateMilestonesCurrent).toBe(before.baseline.lateMilestonesCurrent - 1);

    const h = (await t.inject(`/api/items/${after ? q<{ item_id: number }>('SELECT item_id FROM milestones WHERE id = ?', m.id).item_id : 0}/plan-history`)).json();
    const mh = h.milestones.find((x: { milestoneId: number }) => x.milestoneId === m.id);
    expect(mh.inBaseline).toBe(true);
    expect(mh.changes).toEqual([expect.objectContaining({ from: m.plannedDate, to: '2027-03-31', reason: '国の標準様式の改定を待つため', username: 'demo-hq' })]);
  });

  it('officers still cannot change planned dates, with or without a reason', async () => {
    const { ms } = await milestonesOf();
    const m = ms.find((x) => x.baseline !== null)!;
    const res = await t.as('officer').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, plannedDate: '2030-03-31', replanReason: '理由' } });
    expect(res.statusCode).toBe(403);
  });

  it('a KPI target change needs a reason too, and is kept as a version', async () => {
    const k = q<{ id: number; version: number; target_value: number }>("SELECT id, version, target_value FROM kpis WHERE body_id = ? AND name = '情報システム運用経費'", bodyId);
    const no = await t.as('hq').inject({ method: 'PATCH', url: `/api/kpis/${k.id}`, payload: { version: k.version, targetValue: 150000 } });
    expect(no.statusCode).toBe(400);
    expect(no.json().message).toContain('変更の理由を入力してください');
    const ok = await t.as('hq').inject({ method: 'PATCH', url: `/api/kpis/${k.id}`, payload: { version: k.version, targetValue: 150000, replanReason: '運用経費の削減目標を引き上げ' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const versions = t.db.$client.prepare("SELECT json_extract(data, '$.targetValue') AS v, reason FROM row_versions WHERE entity = 'kpis' AND row_id = ? ORDER BY valid_from").all(k.id);
    expect(versions).toEqual([
      { v: 158000, reason: '' },
      { v: 165000, reason: expect.stringContaining('ガバメントクラウド利用料') },
      { v: 150000, reason: '運用経費の削減目標を引き上げ' },
    ]);
  });
});

describe('計画改定', () => {
  it('needs a date, a reason and who approved it; then it is the baseline in force', async () => {
    const bad = await t.as('hq').inject({ method: 'POST', url: `/api/plans/${planId}/baselines`, payload: { setOn: '2026-11-20' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('計画改定の理由を入力してください');
    expect(bad.json().message).toContain('承認した者');
    expect((await t.as('officer').inject({ method: 'POST', url: `/api/plans/${planId}/baselines`, payload: { setOn: '2026-11-20', reason: 'x', approvedBy: 'y' } })).statusCode).toBe(403);
    const ok = await t.as('hq').inject({ method: 'POST', url: `/api/plans/${planId}/baselines`, payload: { setOn: '2026-11-20', reason: '計画期間の延長', approvedBy: '庁議' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual(expect.objectContaining({ kind: 'revision', label: '計画改定（2026年11月20日）', varianceLabel: '計画改定比' }));
    const d = (await t.inject(`/api/bodies/${bodyId}/dashboard`)).json();
    expect(d.baseline.kind).toBe('revision');
    expect(d.baseline.notInBaseline).toBe(0);
    // As of a day before the revision, the 当初計画 is still the one in force.
    expect((await t.inject(`/api/bodies/${bodyId}/dashboard?asOf=2026-06-30`)).json().baseline.kind).toBe('original');
    const dup = await t.as('hq').inject({ method: 'POST', url: `/api/plans/${planId}/baselines`, payload: { kind: 'original', setOn: '2026-11-20' } });
    expect(dup.statusCode).toBe(409);
  });
});

describe('the past cannot be rewritten', () => {
  it('a version cannot be changed or deleted, only closed by the next change', () => {
    expect(() => t.db.$client.prepare("UPDATE row_versions SET data = '{}' WHERE id = 1").run()).toThrow(/history/);
    expect(() => t.db.$client.prepare('DELETE FROM row_versions WHERE id = 1').run()).toThrow(/history/);
    expect(() => t.db.$client.prepare("UPDATE row_versions SET valid_to = '2000-01-01' WHERE valid_to IS NOT NULL").run()).toThrow(/history/);
  });
});
