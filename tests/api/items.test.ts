import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dumpTables } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let bodyId: number;
let planId: number;
let sectionId: number;
let otherSectionId: number;
let categoryId: number;
let deadlineId: number;

const TODAY = '2026-11-23';

beforeAll(async () => {
  t = await createTestApp({ today: TODAY });
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.inject({ method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  bodyId = (await post('/api/bodies', { code: '131016', name: '千代田区', prefectureCode: '13', prefectureName: '東京都', kind: 'ward' })).id;
  sectionId = (await post(`/api/bodies/${bodyId}/sections`, { name: '情報政策課' })).id;
  const other = await post('/api/bodies', { code: '011002', name: '札幌市', prefectureCode: '01', prefectureName: '北海道', kind: 'designated_city' });
  otherSectionId = (await post(`/api/bodies/${other.id}/sections`, { name: 'デジタル戦略推進課' })).id;
  planId = (await post(`/api/bodies/${bodyId}/plans`, { title: '計画', startFiscalYear: 2022, endFiscalYear: 2025 })).id;
  categoryId = (await t.inject({ url: '/api/categories' })).json()[0].id;
  deadlineId = (await t.inject({ url: '/api/national-deadlines' })).json().find((d: { dueDate: string }) => d.dueDate === '2026-03-31').id;
});
afterAll(async () => t.close());

async function createItem(payload: Record<string, unknown>) {
  const res = await t.inject({
    method: 'POST',
    url: `/api/plans/${planId}/items`,
    payload: { categoryId, sectionId, targetFiscalYear: 2025, ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function addMilestone(itemId: number, payload: Record<string, unknown>) {
  const res = await t.inject({ method: 'POST', url: `/api/items/${itemId}/milestones`, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('plan items', () => {
  it('computes the status from milestones and the national deadline its milestone answers, as of today', async () => {
    const item = await createItem({ title: '標準準拠システムへの移行' });
    // Nothing planned yet: it needs a schedule (未計画), whatever the deadlines.
    expect(item).toMatchObject({ status: 'not_planned', statusLabel: '未計画', targetFiscalYearLabel: '2025年度（令和7年度）', sectionName: '情報政策課' });
    expect(item.reasons).toContain('マイルストーン未登録（スケジュールの登録が必要）');
    await addMilestone(item.id, { title: 'Fit&Gap分析', plannedDate: '2023-03-31', actualDate: '2023-03-20', status: 'done' });
    const last = await addMilestone(item.id, { title: '本稼働', plannedDate: '2026-01-31', nationalDeadlineId: deadlineId });
    expect(last.nationalDeadlineId).toBe(deadlineId);
    const unknown = await t.inject({ method: 'POST', url: `/api/items/${item.id}/milestones`, payload: { title: 'x', plannedDate: '2026-01-31', nationalDeadlineId: 99999 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('国の期限（ID: 99999）は存在しません。');

    const detail = (await t.inject({ url: `/api/items/${item.id}` })).json();
    expect(detail.status).toBe('past_deadline');
    expect(detail.statusLabel).toBe('期限超過');
    expect(detail.deadline).toMatchObject({ originalDate: '2026-03-31', effectiveDate: '2026-03-31', extended: false, daysLeft: -237, label: '国の期限', milestoneTitle: '本稼働', state: 'passed' });
    expect(detail.deadlines).toHaveLength(1);
    expect(detail.milestones[1].deadline).toMatchObject({ id: deadlineId, effectiveDate: '2026-03-31' });
    expect(detail.milestones[0].deadline).toBeNull();
    expect(detail.milestones.map((m: { adherence: { kind: string; varianceDays: number } }) => m.adherence)).toEqual([
      { kind: 'done_on_time', label: '予定どおり完了', varianceDays: 0 },
      { kind: 'overdue', label: '期限超過（未完了）', varianceDays: 296 },
    ]);
    expect(detail.reasons[0]).toContain('237日超過');
  });

  it('lists items filtered by category, section and computed status, paginated', async () => {
    await createItem({ title: 'テレワーク運用要綱の策定', targetFiscalYear: 2022 });
    const all = (await t.inject({ url: `/api/bodies/${bodyId}/items?pageSize=1` })).json();
    expect(all.total).toBe(2);
    expect(all.items).toHaveLength(1);
    const late = (await t.inject({ url: `/api/bodies/${bodyId}/items?status=past_deadline` })).json();
    expect(late.items.map((i: { title: string }) => i.title)).toEqual(['標準準拠システムへの移行']);
    const bySection = (await t.inject({ url: `/api/bodies/${bodyId}/items?sectionId=${otherSectionId}` })).json();
    expect(bySection.total).toBe(0);
  });

  it('refuses a section of another body, a parent cycle, and deleting an item with children', async () => {
    const parent = await createItem({ title: '行政手続のオンライン化' });
    const child = await createItem({ title: '第1弾 27手続', parentId: parent.id });
    const before = dumpTables(t.db);

    const foreign = await t.inject({ method: 'PATCH', url: `/api/items/${child.id}`, payload: { version: child.version, sectionId: otherSectionId } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0]).toMatchObject({ field: 'sectionId' });

    const cycle = await t.inject({ method: 'PATCH', url: `/api/items/${parent.id}`, payload: { version: parent.version, parentId: child.id } });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().message).toContain('子孫');

    const del = await t.inject({ method: 'DELETE', url: `/api/items/${parent.id}?version=${parent.version}` });
    expect(del.statusCode).toBe(409);
    expect(dumpTables(t.db)).toEqual(before);

    const detail = (await t.inject({ url: `/api/items/${parent.id}` })).json();
    expect(detail.isGroup).toBe(true);
    expect(detail.children.map((c: { title: string }) => c.title)).toEqual(['第1弾 27手続']);
  });

  it('updates with the version read, and refuses the same version twice (409)', async () => {
    const item = await createItem({ title: 'AI・RPAの導入' });
    const first = await t.inject({ method: 'PATCH', url: `/api/items/${item.id}`, payload: { version: item.version, notes: '5業務' } });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(item.version + 1);
    const second = await t.inject({ method: 'PATCH', url: `/api/items/${item.id}`, payload: { version: item.version, notes: '22業務' } });
    expect(second.statusCode).toBe(409);
    expect(second.json().details.current.notes).toBe('5業務');
    const del = await t.inject({ method: 'DELETE', url: `/api/items/${item.id}?version=${item.version + 1}` });
    expect(del.statusCode).toBe(204);
  });
});
