/**
 * Rules for milestones, checked on the row as it would be saved (for PATCH: current row + patch):
 * - 完了 (done) and 実績日 (actualDate) go together (the DB has the same CHECK as a backstop);
 *   leaving done means clearing actualDate with null in the same request.
 * - Start dates are not after their end dates; actual dates are not in the future.
 * - 対象外 (not_applicable) needs its reason in 備考 (note): the review shows it.
 * - 国の期限 (nationalDeadlineId) must exist. Messages name fields in Japanese only.
 */
import type { Db } from '../db/client.ts';
import type { Milestone, MilestoneStatus } from '../db/schema.ts';
import { compareIsoDates } from '../domain/dates.ts';
import { futureDateMessage } from '../domain/typed-dates.ts';
import { formatWarekiDate as d } from '../domain/wareki.ts';
import { MILESTONE_STATUS_LABELS } from '../domain/labels.ts';
import { changesPlannedDates, REPLAN_REASON_MESSAGE } from '../domain/baseline.ts';
import { withReplanReason } from '../history/reason.ts';
import { AppError, versionConflict, type FieldError } from '../errors.ts';
import { deadlineExists, getItem } from '../repositories/items.ts';
import * as repo from '../repositories/milestones.ts';
import type { MilestoneCreate, MilestoneUpdate } from '../schemas/milestones.ts';

const WHAT = 'マイルストーン';

type Dates = Pick<Milestone, 'plannedStartDate' | 'plannedDate' | 'actualStartDate' | 'actualDate' | 'status' | 'note'>;

const statusLabel = (s: MilestoneStatus) => `「${MILESTONE_STATUS_LABELS[s]}」`;

/** Throws one 400 with every broken rule, one message per field (the first one wins). */
function throwIfAny(list: FieldError[]) {
  const seen = new Set<string>();
  const errors = list.filter((e) => !seen.has(e.field) && seen.add(e.field));
  if (errors.length) {
    throw new AppError(400, 'VALIDATION_ERROR', errors.map((e) => e.message).join(' '), errors);
  }
}

/**
 * `sent`: the fields the request carries (PATCH). A rule broken by a field the user did not send (an 実績開始日
 * set elsewhere) is reported on the field they did send, so the message names what is on their screen.
 */
function checkRules(m: Dates, today: string, previousStatus?: MilestoneStatus, sent?: ReadonlySet<string>): FieldError[] {
  const out: FieldError[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });

  if (previousStatus === 'done' && m.status !== 'done' && m.actualDate !== null) {
    add(
      'actualDate',
      'mustClear',
      `状況を${statusLabel('done')}から${statusLabel(m.status)}に変更する場合は、同じ送信で実績日に null を指定して実績日を取り消してください。`,
    );
  } else if (m.status === 'done' && m.actualDate === null) {
    add('actualDate', 'requiredWhenDone', `状況が${statusLabel('done')}の場合は実績日を入力してください。`);
  } else if (m.status !== 'done' && m.actualDate !== null) {
    add(
      'actualDate',
      'requiresDone',
      `実績日を入力する場合は状況を${statusLabel('done')}にしてください（指定された状況: ${statusLabel(m.status)}）。`,
    );
  }

  if (m.status === 'not_applicable' && m.note.trim() === '') {
    add('note', 'reasonRequired', `状況を${statusLabel('not_applicable')}にする場合は、備考にその理由を入力してください。`);
  }
  if (m.plannedStartDate !== null && compareIsoDates(m.plannedStartDate, m.plannedDate) > 0) {
    add(
      'plannedStartDate',
      'afterEnd',
      `予定開始日（${d(m.plannedStartDate)}）は予定日（${d(m.plannedDate)}）以前の日付にしてください。`,
    );
  }
  const futureEnd = m.actualDate === null ? null : futureDateMessage('実績日', m.actualDate, today);
  if (futureEnd) add('actualDate', 'future', futureEnd);
  const futureStart = m.actualStartDate === null ? null : futureDateMessage('実績開始日', m.actualStartDate, today);
  if (futureStart) {
    add('actualStartDate', 'future', futureStart);
  } else if (m.actualStartDate !== null && m.actualDate !== null && compareIsoDates(m.actualStartDate, m.actualDate) > 0) {
    if (sent && !sent.has('actualStartDate')) {
      add('actualDate', 'beforeStart', `実績日（${d(m.actualDate)}）は、記録済みの実績開始日（${d(m.actualStartDate)}）以降の日付にしてください。`);
    } else add(
      'actualStartDate',
      'afterEnd',
      `実績開始日（${d(m.actualStartDate)}）は実績日（${d(m.actualDate)}）以前の日付にしてください。`,
    );
  }
  return out;
}

function checkDeadline(db: Db, id: number | null | undefined): FieldError[] {
  if (id == null || deadlineExists(db, id)) return [];
  return [{ field: 'nationalDeadlineId', code: 'notFound', message: `国の期限（ID: ${id}）は存在しません。` }];
}

export function listMilestones(db: Db, itemId: number) {
  getItem(db, itemId);
  return repo.listMilestones(db, itemId);
}

export function createMilestone(db: Db, itemId: number, input: MilestoneCreate, today: string) {
  getItem(db, itemId);
  const actualDate = input.actualDate ?? null;
  const row = {
    ...input,
    itemId,
    plannedStartDate: input.plannedStartDate ?? null,
    actualStartDate: input.actualStartDate ?? null,
    actualDate,
    status: input.status ?? (actualDate !== null ? 'done' : 'not_started'),
    note: input.note ?? '',
    nationalDeadlineId: input.nationalDeadlineId ?? null,
  } satisfies repo.NewMilestone;
  throwIfAny([...checkRules(row, today), ...checkDeadline(db, row.nationalDeadlineId)]);
  return repo.insertMilestone(db, row);
}

export function updateMilestone(db: Db, id: number, input: MilestoneUpdate, today: string) {
  const { version, replanReason, ...patch } = input;
  const current = repo.getMilestone(db, id);
  // A stale write is a conflict first: the rules below would be judged against a row the user never saw.
  if (current.version !== version) throw versionConflict(WHAT, current);
  throwIfAny([...checkRules({ ...current, ...patch }, today, current.status, new Set(Object.keys(patch))), ...checkDeadline(db, patch.nationalDeadlineId)]);
  // Moving a planned date is a re-plan: kept in the history with its reason (server/history/).
  return withReplanReason(changesPlannedDates(current, patch), replanReason, REPLAN_REASON_MESSAGE, () => repo.updateMilestone(db, id, version, patch));
}

export function deleteMilestone(db: Db, id: number, version: number) {
  repo.deleteMilestone(db, id, version);
}
