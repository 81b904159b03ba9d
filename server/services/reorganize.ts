/**
 * 課の再編 (issue 20 item 2): HQ renames, merges, splits or retires sections effective from a date (usually
 * April 1). Items (and the business areas a section owns) move to the section that continues the work, and
 * officers' assignments follow them; a section that no longer exists keeps its row (retired_on, merged_into_id)
 * so that history before the date still names it. A rename keeps the old name in section_names, so 変更履歴 and
 * reports of earlier dates show the name valid then. One transaction; every row change is audited.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { bodyBusinessAreas, planItems, sectionNames, sections, userSections, type Section } from '../db/schema.ts';
import { addDays, formatJapaneseDate } from '../domain/dates.ts';
import { AppError } from '../errors.ts';
import * as repo from '../repositories/sections.ts';
import { nowIso } from '../repositories/versioned.ts';
import type { SectionReorganize } from '../schemas/sections.ts';

const bad = (field: string, message: string) => new AppError(400, 'VALIDATION_ERROR', message, [{ field, code: 'reorganize', message }]);

/** A live section of the body (404-like 400 otherwise: the ids come from the request body). */
function liveSection(db: Db, bodyId: number, id: number, field: string): Section {
  const s = db.select().from(sections).where(eq(sections.id, id)).get();
  if (!s || s.bodyId !== bodyId) throw bad(field, `課（ID ${id}）はこの団体の課ではありません。`);
  if (s.retiredOn !== null) throw bad(field, `${s.name}は${formatJapaneseDate(s.retiredOn)}から再編で使われていません。`);
  return s;
}

function freeName(db: Db, bodyId: number, name: string, field: string): string {
  const trimmed = name.trim();
  if (repo.findSectionByName(db, bodyId, trimmed)) throw new AppError(409, 'DUPLICATE', `同じ名前の課「${trimmed}」がすでに登録されています。`, [{ field, code: 'duplicate', message: `同じ名前の課「${trimmed}」がすでに登録されています。` }]);
  return trimmed;
}

/** Moves the work of `from` to `to`: items, business areas; officers of `from` get `to` as well. */
function moveWork(db: Db, from: number, to: number, itemIds: number[] | null): { items: number; officers: number } {
  const items = itemIds === null ? moveItems(db, from, to, null) : moveItems(db, from, to, itemIds);
  if (itemIds === null) db.update(bodyBusinessAreas).set({ sectionId: to }).where(eq(bodyBusinessAreas.sectionId, from)).run();
  const officers = db.select({ userId: userSections.userId }).from(userSections).where(eq(userSections.sectionId, from)).all();
  let added = 0;
  for (const o of officers) {
    const has = db.select().from(userSections).where(and(eq(userSections.userId, o.userId), eq(userSections.sectionId, to))).get();
    if (!has) {
      db.insert(userSections).values({ userId: o.userId, sectionId: to }).run();
      added++;
    }
  }
  return { items, officers: added };
}

/** Moves items (all of the section's: null) to another section; a new version, so a stale edit cannot undo it. */
function moveItems(db: Db, from: number, to: number, itemIds: number[] | null): number {
  if (itemIds !== null && itemIds.length === 0) return 0;
  return db
    .update(planItems)
    .set({ sectionId: to, version: sql`${planItems.version} + 1`, updatedAt: nowIso() })
    .where(itemIds === null ? eq(planItems.sectionId, from) : and(eq(planItems.sectionId, from), inArray(planItems.id, itemIds)))
    .run().changes;
}

/** The section no longer exists from `date`: officers lose it (they have its successor already). */
function retire(db: Db, s: Section, date: string, mergedIntoId: number | null): void {
  db.delete(userSections).where(eq(userSections.sectionId, s.id)).run();
  db.update(sections).set({ retiredOn: date, mergedIntoId, updatedAt: nowIso() }).where(eq(sections.id, s.id)).run();
}

export function reorganizeSections(db: Db, bodyId: number, input: SectionReorganize) {
  const date = input.effectiveDate;
  const moved = db.transaction(() => {
    switch (input.kind) {
      case 'rename': {
        const s = liveSection(db, bodyId, input.sectionId, 'sectionId');
        const name = input.name.trim();
        if (name === s.name) throw bad('name', '新しい名称が現在の名称と同じです。');
        freeName(db, bodyId, name, 'name');
        const last = db.select().from(sectionNames).where(eq(sectionNames.sectionId, s.id)).all().map((n) => n.validUntil).sort().at(-1);
        if (last !== undefined && last >= date) throw bad('effectiveDate', `${s.name}の名称は${formatJapaneseDate(addDays(last, 1))}に変わったばかりです。それより後の日付にしてください。`);
        db.insert(sectionNames).values({ sectionId: s.id, name: s.name, validUntil: addDays(date, -1) }).run();
        repo.renameSection(db, s.id, name);
        return { items: 0, officers: 0 };
      }
      case 'merge': {
        const ids = [...new Set(input.sectionIds)];
        if ((input.intoSectionId === undefined) === (input.intoName === undefined)) {
          throw bad('intoSectionId', '統合先は、既存の課（intoSectionId）か新しい課の名称（intoName）のどちらか一方で指定してください。');
        }
        const sources = ids.map((id) => liveSection(db, bodyId, id, 'sectionIds'));
        const target =
          input.intoSectionId !== undefined
            ? liveSection(db, bodyId, input.intoSectionId, 'intoSectionId')
            : repo.insertSection(db, bodyId, freeName(db, bodyId, input.intoName!, 'intoName'));
        const from = sources.filter((s) => s.id !== target.id);
        if (from.length === 0) throw bad('sectionIds', '統合する課を、統合先のほかに1つ以上選んでください。');
        const total = { items: 0, officers: 0 };
        for (const s of from) {
          const m = moveWork(db, s.id, target.id, null);
          total.items += m.items;
          total.officers += m.officers;
          retire(db, s, date, target.id);
        }
        return total;
      }
      case 'split': {
        const s = liveSection(db, bodyId, input.sectionId, 'sectionId');
        const owned = new Set(db.select({ id: planItems.id }).from(planItems).where(eq(planItems.sectionId, s.id)).all().map((r) => r.id));
        const listed = input.parts.flatMap((p) => p.itemIds);
        const foreign = listed.filter((id) => !owned.has(id));
        if (foreign.length) throw bad('parts', `取組（ID ${foreign.join('、')}）は${s.name}の取組ではありません。`);
        if (new Set(listed).size !== listed.length) throw bad('parts', '同じ取組を複数の課に割り当てています。');
        const total = { items: 0, officers: 0 };
        for (const part of input.parts) {
          const created = repo.insertSection(db, bodyId, freeName(db, bodyId, part.name, 'parts'));
          total.items += moveItems(db, s.id, created.id, part.itemIds);
          // Officers of the section keep following its work: they get every new section (HQ narrows it afterwards).
          total.officers += moveWork(db, s.id, created.id, []).officers;
        }
        if (listed.length === owned.size) retire(db, s, date, null);
        return total;
      }
      case 'retire': {
        const s = liveSection(db, bodyId, input.sectionId, 'sectionId');
        const owned = repo.countItemsOfSection(db, s.id);
        if (owned > 0) {
          throw new AppError(409, 'IN_USE', `${s.name}は${owned}件の取組を担当しています。先に統合するか、取組をほかの課に移してください。`);
        }
        db.update(bodyBusinessAreas).set({ sectionId: null }).where(eq(bodyBusinessAreas.sectionId, s.id)).run();
        retire(db, s, date, null);
        return { items: 0, officers: 0 };
      }
    }
  });
  return { sections: repo.listSections(db, bodyId), movedItems: moved.items, movedOfficers: moved.officers };
}
