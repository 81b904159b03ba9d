/**
 * The audit trail (変更履歴): written by triggers in the same statement as each change, with who, when,
 * what, before/after and why; append-only in the database; readable per item and, for HQ, per body
 * with filters. The triggers cover every column of every audited table, and every table is either
 * audited or explicitly not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getTableColumns, getTableName, isTable, type Table } from 'drizzle-orm';
import * as schema from '../../server/db/schema.ts';
import { milestones, planItems, sections } from '../../server/db/schema.ts';
import { AUDITED, auditTriggerStatements } from '../../server/audit/triggers.ts';
import { MATSUDO_CODE } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let bodyId: number;
let dxSectionId: number;
let item: { id: number; version: number };

const audit = () =>
  t.db.$client.prepare('SELECT * FROM audit_log ORDER BY id').all() as {
    id: number;
    user_id: number;
    username: string;
    action: string;
    entity: string;
    entity_id: number;
    body_id: number;
    item_id: number | null;
    section_id: number | null;
    before: string | null;
    after: string | null;
    note: string;
    request_id: string;
  }[];

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = (await t.inject('/api/bodies?q=%E4%B8%8A%E5%A4%A9%E8%8D%89')).json().items[0].id;
  dxSectionId = t.db.select().from(sections).where(and(eq(sections.bodyId, bodyId), eq(sections.name, '行革デジタル戦略課'))).get()!.id;
  const row = t.db.select().from(planItems).where(eq(planItems.sectionId, dxSectionId)).get()!;
  item = { id: row.id, version: row.version };
});
afterAll(async () => {
  await t?.close();
});

describe('recording', () => {
  it('records an officer’s milestone update with before, after, changed fields and the reason', async () => {
    const m = t.db.select().from(milestones).where(eq(milestones.itemId, item.id)).all().find((x) => x.status !== 'done')!;
    const newStatus = m.status === 'in_progress' ? 'not_started' : 'in_progress';
    const before = audit().length;
    const res = await t.as('officer').inject({
      method: 'PATCH',
      url: `/api/milestones/${m.id}`,
      payload: { version: m.version, status: newStatus, note: '庁内調整中' },
      headers: { 'x-audit-note': encodeURIComponent('第3四半期の報告') },
    });
    expect(res.statusCode, res.body).toBe(200);
    const added = audit().slice(before);
    expect(added).toHaveLength(1);
    const [entry] = added;
    expect(entry).toMatchObject({
      username: 'demo-officer',
      action: 'update',
      entity: 'milestones',
      entity_id: m.id,
      body_id: bodyId,
      item_id: item.id,
      section_id: dxSectionId,
      note: '第3四半期の報告',
    });
    expect(JSON.parse(entry!.before!)).toMatchObject({ id: m.id, note: m.note, status: m.status, version: m.version });
    expect(JSON.parse(entry!.after!)).toMatchObject({ id: m.id, note: '庁内調整中', status: newStatus, version: m.version + 1 });

    const page = (await t.as('officer').inject(`/api/items/${item.id}/audit`)).json();
    expect(page.items[0]).toMatchObject({
      username: 'demo-officer',
      action: 'update',
      actionLabel: '更新',
      entity: 'milestones',
      entityLabel: 'マイルストーン',
      itemTitle: expect.any(String),
      sectionName: '行革デジタル戦略課',
      note: '第3四半期の報告',
    });
    const fields = page.items[0].changes.map((c: { field: string }) => c.field).sort();
    expect(fields).toEqual(['note', 'status']);
  });

  it('refuses a malformed or too long reason before writing anything', async () => {
    const m = t.db.select().from(milestones).where(eq(milestones.itemId, item.id)).get()!;
    const before = audit().length;
    for (const note of ['%E0%A4%A', encodeURIComponent('あ'.repeat(1001))]) {
      const res = await t.as('hq').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, note: 'x' }, headers: { 'x-audit-note': note } });
      expect(res.statusCode, res.body).toBe(400);
    }
    expect(audit().length).toBe(before);
    expect(t.db.select().from(milestones).where(eq(milestones.id, m.id)).get()!.version).toBe(m.version);
  });

  it('records a delete and every row it cascades to, each with its body and item', async () => {
    const created = await t.as('hq').inject({
      method: 'POST',
      url: `/api/plans/${t.db.select().from(planItems).where(eq(planItems.id, item.id)).get()!.planId}/items`,
      payload: { title: '削除される取組', categoryId: t.db.select().from(schema.categories).get()!.id, sectionId: dxSectionId, targetFiscalYear: 2026 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const newItem = created.json();
    for (const d of ['2026-12-01', '2027-01-15']) {
      const r = await t.as('hq').inject({ method: 'POST', url: `/api/items/${newItem.id}/milestones`, payload: { title: `工程 ${d}`, plannedDate: d } });
      expect(r.statusCode).toBe(201);
    }
    const before = audit().length;
    const del = await t.as('hq').inject({ method: 'DELETE', url: `/api/items/${newItem.id}?version=${newItem.version}` });
    expect(del.statusCode, del.body).toBe(204);
    const added = audit().slice(before);
    expect(added.map((a) => `${a.action} ${a.entity}`).sort()).toEqual(['delete milestones', 'delete milestones', 'delete plan_items']);
    for (const a of added) {
      expect(a).toMatchObject({ username: 'demo-hq', body_id: bodyId, item_id: newItem.id, section_id: dxSectionId });
      expect(a.after).toBeNull();
      expect(a.before).not.toBeNull();
    }
    expect(new Set(added.map((a) => a.request_id)).size).toBe(1);
  });

  it('records nothing for a refused or failed write', async () => {
    const m = t.db.select().from(milestones).where(eq(milestones.itemId, item.id)).get()!;
    const before = audit().length;
    const stale = await t.as('hq').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version + 5, note: 'x' } });
    expect(stale.statusCode).toBe(409);
    const invalid = await t.as('hq').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, actualDate: '2999-01-01' } });
    expect(invalid.statusCode).toBe(400);
    const viewer = await t.as('viewer').inject({ method: 'PATCH', url: `/api/milestones/${m.id}`, payload: { version: m.version, note: 'x' } });
    expect(viewer.statusCode).toBe(403);
    expect(audit().length).toBe(before);
  });
});

describe('append-only', () => {
  it('the database refuses UPDATE and DELETE on the audit table', () => {
    expect(audit().length).toBeGreaterThan(0);
    expect(() => t.db.$client.prepare("UPDATE audit_log SET note = 'changed'").run()).toThrow(/append-only/);
    expect(() => t.db.$client.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => t.db.$client.prepare("UPDATE audit_log SET username = 'someone' WHERE id = 1").run()).toThrow(/append-only/);
  });

  it('no API route writes to the audit trail', () => {
    const writes = t.app.apiRoutes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.url.includes('audit'));
    expect(writes).toEqual([]);
  });
});

describe('reading', () => {
  it('the body log is for HQ, filterable by entity, user, item and dates, newest first and paged', async () => {
    expect((await t.as('officer').inject(`/api/bodies/${bodyId}/audit`)).statusCode).toBe(403);
    expect((await t.as('viewer').inject(`/api/bodies/${bodyId}/audit`)).statusCode).toBe(403);
    const all = (await t.as('hq').inject(`/api/bodies/${bodyId}/audit?pageSize=500`)).json();
    expect(all.total).toBeGreaterThanOrEqual(4);
    expect(all.items.map((e: { id: number }) => e.id)).toEqual([...all.items.map((e: { id: number }) => e.id)].sort((a, b) => b - a));

    const officerId = t.db.select().from(schema.users).where(eq(schema.users.username, 'demo-officer')).get()!.id;
    const byOfficer = (await t.as('hq').inject(`/api/bodies/${bodyId}/audit?userId=${officerId}`)).json();
    expect(byOfficer.total).toBe(1);
    expect(byOfficer.items[0].username).toBe('demo-officer');

    const deletes = (await t.as('hq').inject(`/api/bodies/${bodyId}/audit?entity=plan_items&action=delete`)).json();
    expect(deletes.total).toBe(1);

    const byItem = (await t.as('hq').inject(`/api/bodies/${bodyId}/audit?itemId=${item.id}`)).json();
    expect(byItem.items.every((e: { itemId: number }) => e.itemId === item.id)).toBe(true);

    const future = (await t.as('hq').inject(`/api/bodies/${bodyId}/audit?from=2199-01-01`)).json();
    expect(future.total).toBe(0);
    const upToNow = (await t.as('hq').inject(`/api/bodies/${bodyId}/audit?from=2020-01-01&to=2199-12-31`)).json();
    expect(upToNow.total).toBe(all.total);

    const paged = (await t.as('hq').inject(`/api/bodies/${bodyId}/audit?page=2&pageSize=1`)).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total: all.total });
    expect(paged.items[0].id).toBe(all.items[1].id);
  });

  it('the item history is readable by whoever reads the item (viewer, prefecture), not by other bodies', async () => {
    expect((await t.as('viewer').inject(`/api/items/${item.id}/audit`)).statusCode).toBe(200);
    expect((await t.as('prefecture').inject(`/api/items/${item.id}/audit`)).statusCode).toBe(200);
    await t.createUser({ username: 'matsudo-viewer', role: 'viewer', bodyCode: MATSUDO_CODE });
    expect((await t.as('matsudo-viewer').inject(`/api/items/${item.id}/audit`)).statusCode).toBe(403);
  });
});

describe('the triggers match the schema', () => {
  // Sessions, the login log (its own append-only record, kept for its retention period) and trusted browsers are
  // not plan data; the roll-up count tables are derived from audited rows by triggers.
  const NOT_AUDITED = new Set(['sessions', 'login_log', 'trusted_devices', 'audit_log', 'quarter_snapshot_payloads', 'ended_plan_payloads', 'body_area_step_counts', 'body_step_counts', 'prefecture_area_step_counts', 'data_versions',
    // the DX plan roll-ups (server/rollups/category-triggers.ts): derived from audited rows and the audit trail itself
    'item_milestone_counts', 'plan_category_counts', 'plan_category_dates', 'body_last_reports',
    // Parsed rows and the stored dry-run result of an upload: copies of a file, not changes to the plan (the
    // import itself and every row it changes when applied are audited).
    'import_rows', 'import_previews',
    // the JSON of a loaded national data pack: a copy of a file (the load is audited in reference_packs)
    'reference_pack_contents',
    // History (written by its own triggers in the same statement as the audited change it copies) and a baseline's
    // entries (copies of planned dates and targets; setting the baseline is audited in baselines).
    'row_versions', 'baseline_milestones', 'baseline_kpis',
    // what the reminder mailer sent (a log of the server's own acts, not a change anyone made)
    'mail_log']);

  it('every table is audited or explicitly not', () => {
    const tables = (Object.values(schema) as unknown[]).filter((v): v is Table => isTable(v)).map((tbl) => getTableName(tbl));
    const undecided = tables.filter((n) => !(n in AUDITED) && !NOT_AUDITED.has(n));
    expect(undecided, 'add the table to AUDITED in server/audit/triggers.ts (or to NOT_AUDITED here, with a reason)').toEqual([]);
  });

  it('the installed triggers are the ones generated from the current schema (every column recorded)', () => {
    const installed = new Map(
      (t.db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]),
    );
    const generated = auditTriggerStatements().filter((s) => s.startsWith('CREATE TRIGGER'));
    for (const sql of generated) {
      const name = /^CREATE TRIGGER (\S+)/.exec(sql)![1]!;
      expect(installed.get(name), `${name} differs from the schema: write the trigger migration with npm run db:generate`).toBe(sql.replace(/;$/, ''));
    }
    for (const [name, spec] of Object.entries(AUDITED)) {
      const triggers = [...installed.entries()].filter(([n]) => n.startsWith(`audit_${name}_`));
      expect(triggers.length, name).toBeGreaterThan(0);
      for (const [key, col] of Object.entries(getTableColumns(spec.table))) {
        for (const [trigger, sql] of triggers) {
          // A secret column (a password hash) is recorded only as whether it changed, never its value.
          if (spec.secret?.includes(key)) {
            expect(sql, `${trigger} hides ${key}`).not.toContain(`'${key}'`);
            expect(sql, `${trigger} records that ${key} changed`).toContain(`'${key.replace(/Hash$/, '')}Changed'`);
          } else expect(sql, `${trigger} records ${key}`).toContain(`'${key}', ${/_delete$/.test(trigger) ? 'OLD' : 'NEW'}."${col.name}"`);
        }
      }
    }
  });
});
