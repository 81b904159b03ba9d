/**
 * Issue 14 item 6: an import is applied with the rights of both the user who uploaded it and the user
 * who applies it. The review found that DX推進本部 could apply, with its own wider rights, an officer's
 * upload whose rows the officer had been refused, and the audit trail named only HQ.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { localBodies, milestones, planItems, sections, users } from '../../server/db/schema.ts';
import { XLSX_TYPE } from '../../server/routes/imports.ts';
import { KAMIAMAKUSA_CODE } from '../../seed/demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

const OFFICER = 'デモ DX推進員（上天草市 行革デジタル戦略課・市民課）';
const HQ = 'デモ DX推進本部（上天草市）';

let t: TestApp;
let bodyId: number;
let ownSection: number;
let otherSection: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  bodyId = t.db.select().from(localBodies).where(eq(localBodies.code, KAMIAMAKUSA_CODE)).get()!.id;
  const section = (name: string) => t.db.select().from(sections).where(and(eq(sections.bodyId, bodyId), eq(sections.name, name))).get()!.id;
  ownSection = section('行革デジタル戦略課');
  otherSection = section('総務課');
});
afterAll(async () => {
  await t?.close();
});

const milestonesOf = (sectionId: number) =>
  t.db
    .select({ m: milestones })
    .from(milestones)
    .innerJoin(planItems, eq(planItems.id, milestones.itemId))
    .where(eq(planItems.sectionId, sectionId))
    .all()
    .map((r) => r.m)
    .filter((m) => m.status !== 'done');

/** The body's workbook as `who` downloads it, with notes changed by milestone id. */
async function editedWorkbook(who: Client, notes: Record<number, string>, planned: Record<number, Date> = {}): Promise<Buffer> {
  const res = await who.inject(`/api/bodies/${bodyId}/workbook.xlsx`);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as never);
  wb.getWorksheet('マイルストーン')!.eachRow((row) => {
    const id = row.getCell(1).value as number;
    if (notes[id] !== undefined) row.getCell(9).value = notes[id];
    if (planned[id] !== undefined) row.getCell(6).value = planned[id];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (who: Client, file: Buffer) =>
  who.inject({ method: 'POST', url: `/api/bodies/${bodyId}/imports`, payload: file, headers: { 'content-type': XLSX_TYPE, 'x-file-name': encodeURIComponent('officer.xlsx') } });

const planTables = () => t.db.$client.prepare('SELECT id, version, note, planned_date FROM milestones ORDER BY id').all();
const auditCount = () => (t.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('applying an upload someone else made', () => {
  it('HQ applying an officer’s upload whose rows the officer was refused is refused (409), nothing changed', async () => {
    const officer = t.as('officer');
    const other = milestonesOf(otherSection)[0]!;
    const [own, own2] = milestonesOf(ownSection);
    const file = await editedWorkbook(officer, { [other.id]: '他課の行を変更', [own2!.id]: '自課の備考' }, { [own!.id]: new Date(Date.UTC(2030, 2, 31)) });
    const p = (await upload(officer, file)).json();
    expect(p.counts).toMatchObject({ update: 1, refused: 2 });

    const before = planTables();
    const audits = auditCount();
    const res = await t.as('hq').inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(409);
    expect(res.json()).toMatchObject({ code: 'IMPORT_CONFLICT', details: { counts: { refused: 2, update: 1 }, canApply: false } });
    const messages = res.json().details.problems.map((q: { message: string }) => q.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^取り込んだ人（${OFFICER.replace(/[()（）]/g, '.')}）: マイルストーンの変更を行う権限がありません（担当課: 総務課）`)),
        expect.stringMatching(/^取り込んだ人（.*）: DX推進員は「予定日」を変更できません/),
      ]),
    );
    expect(planTables()).toEqual(before);
    expect(auditCount()).toBe(audits);
  });

  it('HQ applying an officer’s upload within the officer’s rights: applied, the audit names both', async () => {
    const officer = t.as('officer');
    const [own] = milestonesOf(ownSection);
    const p = (await upload(officer, await editedWorkbook(officer, { [own!.id]: '推進員が取込・本部が反映' }))).json();
    expect(p.counts).toMatchObject({ update: 1, refused: 0, conflict: 0, error: 0 });
    const audits = t.db.$client.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number };
    const res = await t.as('hq').inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const entries = t.db.$client.prepare('SELECT entity, username, note FROM audit_log WHERE id > ? ORDER BY id').all(audits.id) as { entity: string; username: string; note: string }[];
    expect(entries.map((e) => e.entity).sort()).toEqual(['imports', 'milestones']);
    for (const e of entries) {
      expect(e.username).toBe('demo-hq');
      expect(e.note).toBe(`一括取込 #${p.importId}（officer.xlsx） 取込: ${OFFICER} / 反映: ${HQ}`);
    }
    expect(t.db.select().from(milestones).where(eq(milestones.id, own!.id)).get()!.note).toBe('推進員が取込・本部が反映');
  });

  it('an upload whose uploader was disabled since cannot be applied by HQ', async () => {
    await t.createUser({ username: 'officer-leaving', role: 'officer', bodyCode: KAMIAMAKUSA_CODE, sectionNames: ['行革デジタル戦略課'], displayName: '異動する推進員' });
    const leaving = t.as('officer-leaving');
    const [own] = milestonesOf(ownSection);
    const p = (await upload(leaving, await editedWorkbook(leaving, { [own!.id]: '異動前の取込' }))).json();
    expect(p.counts).toMatchObject({ update: 1, refused: 0 });
    t.db.update(users).set({ disabled: true }).where(eq(users.username, 'officer-leaving')).run();
    const before = planTables();
    const res = await t.as('hq').inject({ method: 'POST', url: `/api/imports/${p.importId}/apply` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'IMPORT_UPLOADER_UNAVAILABLE' });
    expect(res.json().message).toContain('取り込んだ人（異動する推進員）の利用者が削除または無効にされているため');
    expect(planTables()).toEqual(before);
  });
});
