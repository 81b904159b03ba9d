/** Rules for local bodies: valid codes, no duplicates, and a body with a plan is never deleted. */
import type { Db } from '../db/client.ts';
import { isValidLocalGovCode } from '../domain/local-gov-code.ts';
import { AppError, invalidField } from '../errors.ts';
import * as repo from '../repositories/bodies.ts';
import type { BodyCreate, BodyUpdate } from '../schemas/bodies.ts';

function checkCode(db: Db, code: string, selfId?: number) {
  if (!isValidLocalGovCode(code)) {
    throw invalidField('code', 'checkDigit', `団体コード「${code}」の検査数字が正しくありません。`);
  }
  const other = repo.findBodyByCode(db, code);
  if (other && other.id !== selfId) {
    throw new AppError(409, 'DUPLICATE', `団体コード「${code}」はすでに登録されています。`);
  }
}

export function createBody(db: Db, input: BodyCreate) {
  checkCode(db, input.code);
  return repo.insertBody(db, input);
}

export function updateBody(db: Db, id: number, patch: BodyUpdate) {
  repo.getBody(db, id);
  if (patch.code !== undefined) checkCode(db, patch.code, id);
  return repo.updateBody(db, id, patch);
}

export function deleteBody(db: Db, id: number) {
  const body = repo.getBody(db, id);
  if (repo.countPlansOfBody(db, id) > 0) {
    throw new AppError(409, 'IN_USE', `${body.name}にはDX推進計画が登録されているため削除できません。先に計画を削除してください。`);
  }
  repo.deleteBody(db, id);
}
