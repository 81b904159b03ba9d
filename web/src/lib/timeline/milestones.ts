// Item detail (取組詳細): the milestones table.
// Dates are plain 'YYYY-MM-DD' calendar dates in Japan, shown through lib/format.ts; no DOM here (unit-tested).
import { showsVariance } from '$domain/adherence.ts';
import { formatDate, PLACEHOLDER } from '../format.ts';
import type { AssessedMilestone, MilestoneAdherence } from '../timeline-types.ts';
import { ADHERENCE_MARKERS, formatMilestoneVariance, formatSignedDays, formatSpan } from './text.ts';
import { formatBaselineVariance } from './chart.ts';
import { NOT_IN_BASELINE_LABEL } from '$domain/baseline.ts';

export interface MilestoneRow {
  id: number;
  title: string;
  planned: string;
  actual: string;
  /** Signed days (+ late, − days left) and in words. */
  varianceDays: string;
  varianceText: string;
  adherence: MilestoneAdherence['kind'];
  /** '△ 遅れて完了' */
  statusText: string;
  /** Progress of a milestone not done (作業中・未着手), else ''. */
  progress: string;
  note: string;
  isSample: boolean;
  /** The baseline's planned date (基準計画になし when added later) and 差異 against it; '' without a baseline. */
  baselinePlanned: string;
  baselineVariance: string;
}

/** An item's milestones as table rows, in plan order (planned date, then id). */
export function milestoneRows(milestones: readonly AssessedMilestone[], hasBaseline = false): MilestoneRow[] {
  return [...milestones]
    .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate) || a.id - b.id)
    .map((m) => ({
      id: m.id,
      title: m.title,
      planned: m.plannedStartDate ? formatSpan(m.plannedStartDate, m.plannedDate) : formatDate(m.plannedDate),
      actual: m.actualDate
        ? m.actualStartDate
          ? formatSpan(m.actualStartDate, m.actualDate)
          : formatDate(m.actualDate)
        : m.actualStartDate
          ? `${formatDate(m.actualStartDate)}〜（作業中）`
          : PLACEHOLDER,
      // 差異（日） only for milestones due or done (server/domain/adherence.ts VARIANCE_LEGEND).
      varianceDays: showsVariance(m.adherence.kind) ? formatSignedDays(m.adherence.varianceDays) : PLACEHOLDER,
      varianceText: formatMilestoneVariance(m.adherence),
      adherence: m.adherence.kind,
      statusText: `${ADHERENCE_MARKERS[m.adherence.kind]} ${m.adherence.label}`,
      progress: m.status === 'done' || m.status === 'not_applicable' ? '' : m.statusLabel,
      note: m.note,
      isSample: m.isSample,
      baselinePlanned: !hasBaseline ? '' : m.baseline ? formatDate(m.baseline.plannedDate) : NOT_IN_BASELINE_LABEL,
      baselineVariance: hasBaseline && m.baseline ? formatBaselineVariance(m.baseline.varianceDays) : '',
    }));
}
