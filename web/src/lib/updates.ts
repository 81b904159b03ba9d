// 今期の更新 and 変更履歴: labels and pure helpers (no UI, no API calls).
import { isValidIsoDate } from '$domain/dates.ts';
import { MILESTONE_STATUSES, MILESTONE_STATUS_LABELS, UPDATE_FOCUS_LABELS } from '$domain/labels.ts';
import { formatDate } from './format.ts';
import type { MilestoneStatus, UpdateFocus } from './types.ts';

export const MILESTONE_STATUS_OPTIONS: readonly { value: MilestoneStatus; label: string }[] = MILESTONE_STATUSES.map((value) => ({
  value,
  label: MILESTONE_STATUS_LABELS[value],
}));

export function milestoneStatusLabel(status: string): string {
  return (MILESTONE_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export const FOCUS_LABELS: Record<UpdateFocus, string> = UPDATE_FOCUS_LABELS;

/** What an officer edits on a milestone. `actualDate` is '' when empty (an <input type="date">). */
export interface MilestoneForm {
  status: MilestoneStatus;
  actualDate: string;
  note: string;
}

export interface MilestoneValues {
  status: MilestoneStatus;
  actualDate: string | null;
  note: string;
}

export function toForm(m: MilestoneValues): MilestoneForm {
  return { status: m.status, actualDate: m.actualDate ?? '', note: m.note };
}

/**
 * The fields of `form` that differ from `base`, as the PATCH body wants them (null clears the date).
 * Leaving 完了 clears the actual date (the server requires both to change together).
 */
export function milestoneChanges(
  base: MilestoneValues,
  form: MilestoneForm,
): Partial<{ status: MilestoneStatus; actualDate: string | null; note: string }> {
  const actualDate = form.status === 'done' ? form.actualDate || null : null;
  const changes: Partial<{ status: MilestoneStatus; actualDate: string | null; note: string }> = {};
  if (form.status !== base.status) changes.status = form.status;
  if (actualDate !== base.actualDate) changes.actualDate = actualDate;
  if (form.note !== base.note) changes.note = form.note;
  return changes;
}

const JST = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO timestamp (UTC) in Japan time: '2026-01-05T01:02:03Z' → '2026年1月5日 10:02'. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(JST.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** A before/after value of the audit trail as text: dates, statuses, booleans, empty values. */
export function formatAuditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（なし）';
  if (field === 'status' && typeof value === 'string') return milestoneStatusLabel(value);
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (typeof value === 'number') return value.toLocaleString('ja-JP', { maximumFractionDigits: 6 });
  if (typeof value === 'string') return isValidIsoDate(value) ? formatDate(value) : value;
  return JSON.stringify(value);
}

/** Audit entities that 変更履歴 can be filtered by (server/audit/triggers.ts). */
export const AUDIT_ENTITIES: readonly { value: string; label: string }[] = [
  { value: 'milestones', label: 'マイルストーン' },
  { value: 'kpi_values', label: '指標の実績値' },
  { value: 'item_reviews', label: '確認（変更なし）' },
  { value: 'plan_items', label: '取組' },
  { value: 'kpis', label: '指標' },
  { value: 'sections', label: '課' },
  { value: 'plans', label: '計画' },
  { value: 'deadline_extensions', label: '期限の延長' },
  { value: 'body_area_steps', label: '標準化の手順の状況' },
];
