/**
 * A generated body with a large plan, for the import benchmark (`npm run bench:import`) and the
 * moderate-size import test (tests/imports/large.test.ts): `items` items spread over 5 sections, each
 * with `perItem` not-started milestones. Inserted directly (no actor: not audited), in one transaction.
 */
import type { Db } from '../server/db/client.ts';
import { categories, localBodies, milestones, planItems, plans, sections } from '../server/db/schema.ts';
import { localGovCheckDigit } from '../server/domain/local-gov-code.ts';

export const GENERATED_SECTIONS = ['企画課', '総務課', '市民課', '税務課', '福祉課'];

export function insertGeneratedBody(db: Db, opts: { items: number; perItem: number; code5?: string; name?: string }) {
  const code5 = opts.code5 ?? '43998';
  return db.transaction((tx) => {
    const body = tx
      .insert(localBodies)
      .values({ code: `${code5}${localGovCheckDigit(code5)}`, name: opts.name ?? '一括取込ベンチ市', prefectureCode: '43', prefectureName: '熊本県', kind: 'city', isSample: true })
      .returning()
      .get();
    const secs = GENERATED_SECTIONS.map((name) => tx.insert(sections).values({ bodyId: body.id, name }).returning().get());
    const plan = tx.insert(plans).values({ bodyId: body.id, title: '生成したDX推進計画', startFiscalYear: 2024, endFiscalYear: 2030 }).returning().get();
    const category = tx.select().from(categories).get()!;
    const insertMilestone = db.$client.prepare('INSERT INTO milestones (item_id, title, planned_date, status, note, is_sample) VALUES (?, ?, ?, ?, ?, 1)');
    for (let i = 0; i < opts.items; i++) {
      const item = tx
        .insert(planItems)
        .values({ planId: plan.id, categoryId: category.id, sectionId: secs[i % secs.length]!.id, title: `取組${i + 1}`, targetFiscalYear: 2030, isSample: true })
        .returning()
        .get();
      for (let j = 0; j < opts.perItem; j++) {
        const month = (j % 12) + 1;
        const year = 2027 + Math.floor(j / 12) % 4;
        insertMilestone.run(item.id, `工程${j + 1}`, `${year}-${String(month).padStart(2, '0')}-28`, 'not_started', '');
      }
    }
    void milestones;
    return { bodyId: body.id, code: body.code, sectionIds: secs.map((s) => s.id) };
  });
}
