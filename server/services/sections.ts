/** Rules for sections (課): names unique within a body; a section that owns items is not deleted. */
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { getBody } from '../repositories/bodies.ts';
import * as repo from '../repositories/sections.ts';

function checkNameFree(db: Db, bodyId: number, name: string, selfId?: number) {
  const other = repo.findSectionByName(db, bodyId, name);
  if (other && other.id !== selfId) throw new AppError(409, 'DUPLICATE', `同じ名前の課がすでに登録されています。`);
}

export function createSection(db: Db, bodyId: number, name: string) {
  getBody(db, bodyId);
  checkNameFree(db, bodyId, name);
  return repo.insertSection(db, bodyId, name);
}

export function renameSection(db: Db, id: number, name: string) {
  const section = repo.getSection(db, id);
  checkNameFree(db, section.bodyId, name, id);
  return repo.renameSection(db, id, name)!;
}

export function deleteSection(db: Db, id: number) {
  const section = repo.getSection(db, id);
  const owned = repo.countItemsOfSection(db, id);
  if (owned > 0) {
    throw new AppError(409, 'IN_USE', `${section.name}は${owned}件の取組を担当しているため削除できません。先に担当課を変更してください。`);
  }
  repo.deleteSection(db, id);
}
