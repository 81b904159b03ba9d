/**
 * 計画変更の理由: a write that moves planned dates or a KPI's target needs a reason (400 otherwise, in Japanese); the
 * write then runs with the reason as the request's note, so the history and the audit log record it with who and when.
 */
import { currentActor, runAsActor } from '../audit/context.ts';
import { AppError } from '../errors.ts';

export function withReplanReason<T>(changes: boolean, reason: string | undefined, message: string, write: () => T): T {
  if (!changes) return write();
  const why = reason?.trim() ?? '';
  if (why === '') throw new AppError(400, 'REPLAN_REASON_REQUIRED', message, [{ field: 'replanReason', code: 'required', message }]);
  const actor = currentActor();
  if (!actor) return write();
  const note = actor.note ? `${why}（${actor.note}）` : why;
  return runAsActor({ ...actor, note: note.slice(0, 1000) }, write);
}
