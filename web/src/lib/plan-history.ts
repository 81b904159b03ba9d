// 計画変更の履歴 of an item (GET /api/items/:itemId/plan-history) as table rows: each milestone's plan as
// 当初 → 変更1 → 変更2 with the day, the days moved, the reason and who. No UI, no API calls.
import { NOT_IN_BASELINE_LABEL } from '$domain/baseline.ts';
import { formatDate, formatInteger } from './format.ts';
import type { ItemPlanHistory } from './types.ts';

export interface PlanHistoryRow {
  key: string;
  milestone: string;
  /** 当初 (the first plan recorded), 変更1, 変更2 … */
  version: string;
  planned: string;
  on: string;
  shift: string;
  reason: string;
  username: string;
}

const span = (start: string | null, end: string) => (start ? `${formatDate(start)}〜${formatDate(end)}` : formatDate(end));

/** The milestones whose planned dates changed, each as its 当初 line and one line per change (oldest first). */
export function planHistoryRows(h: ItemPlanHistory): PlanHistoryRow[] {
  const rows: PlanHistoryRow[] = [];
  for (const m of h.milestones) {
    if (m.changes.length === 0) continue;
    rows.push({
      key: `${m.milestoneId}-0`,
      milestone: m.title,
      version: '当初',
      planned: span(m.first.plannedStartDate, m.first.plannedDate),
      on: formatDate(m.first.on),
      shift: '',
      reason: m.inBaseline ? '' : NOT_IN_BASELINE_LABEL,
      username: '',
    });
    m.changes.forEach((c, i) =>
      rows.push({
        key: `${m.milestoneId}-${i + 1}`,
        milestone: m.title,
        version: `変更${i + 1}`,
        planned: span(c.toStart, c.to),
        on: formatDate(c.on),
        shift: `${c.shiftDays > 0 ? '+' : ''}${formatInteger(c.shiftDays)}日`,
        reason: c.reason || '（理由の記録なし）',
        username: c.username || '—',
      }),
    );
  }
  return rows;
}

/** The sentence above the table: which baseline is in force and how many milestones moved. */
export function planHistorySummary(h: ItemPlanHistory): string {
  const moved = h.milestones.filter((m) => m.changes.length > 0).length;
  const base = h.baseline ? `基準計画は${h.baseline.label}（${formatDate(h.baseline.setOn)}）です。` : '基準計画はまだ設定されていません。';
  const notIn = h.milestones.filter((m) => !m.inBaseline).length;
  return `${base}予定日を変更したマイルストーンは${moved ? `${moved}件` : 'ありません'}。${h.baseline && notIn ? `基準計画になかった（後から追加した）マイルストーンは${notIn}件です。` : ''}`;
}
