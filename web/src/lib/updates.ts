// 今期の更新 and 変更履歴: labels and pure helpers (no UI, no API calls).
import { formatDate, parseIsoDate } from './format.ts';
import type { MilestoneStatus, UpdateFocus } from './types.ts';

export const MILESTONE_STATUS_OPTIONS: readonly { value: MilestoneStatus; label: string }[] = [
  { value: 'not_started', label: '未着手' },
  { value: 'in_progress', label: '作業中' },
  { value: 'done', label: '完了' },
  { value: 'not_applicable', label: '対象外' },
];

export function milestoneStatusLabel(status: string): string {
  return MILESTONE_STATUS_OPTIONS.find((o) => o.value === status)?.label ?? status;
}

export const FOCUS_LABELS: Record<UpdateFocus, string> = {
  overdue: '期限超過',
  due_this_quarter: '今期が予定日',
  upcoming: '来期以降',
  done: '完了',
  not_applicable: '対象外',
};

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

/** Field names of the audit trail (API names) in Japanese. */
export const FIELD_LABELS: Record<string, string> = {
  status: '状況',
  actualDate: '実績日',
  actualStartDate: '実績開始日',
  plannedDate: '予定日',
  plannedStartDate: '予定開始日',
  note: '備考',
  notes: '備考',
  title: '名称',
  name: '名称',
  value: '値',
  fiscalYear: '年度',
  quarter: '四半期',
  sectionId: '担当課',
  sortOrder: '表示順',
  targetValue: '目標値',
  targetFiscalYear: '目標年度',
  isSample: 'サンプル',
  itemId: '取組',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** A before/after value of the audit trail as text: dates, statuses, booleans, empty values. */
export function formatAuditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（なし）';
  if (field === 'status' && typeof value === 'string') return milestoneStatusLabel(value);
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (typeof value === 'number') return value.toLocaleString('ja-JP', { maximumFractionDigits: 6 });
  if (typeof value === 'string') return parseIsoDate(value) ? formatDate(value) : value;
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
