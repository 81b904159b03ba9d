// Display helpers. Dates from the API are plain calendar dates ('YYYY-MM-DD', Japan time):
// they are formatted from their parts and never passed through a UTC Date.
// The rules (dates, fiscal years, 和暦, status labels) are server/domain's, imported through `$domain`.
import { MAX_YEAR, MIN_YEAR, formatJapaneseDate, isValidIsoDate, parseIsoDateOrNull } from '$domain/dates.ts';
import { fiscalYearOf } from '$domain/fiscal.ts';
import { BODY_KIND_LABELS, ITEM_STATUS_LABELS, KPI_STATUS_LABELS, MILESTONE_STATUS_LABELS } from '$domain/labels.ts';
import { fiscalYearLabel } from '$domain/wareki.ts';
import type { ItemStatus, KpiStatus, StepStatus } from './types.ts';

export const PLACEHOLDER = '—';

/** 0.8234 → '82.3%'; null/undefined/NaN → '—'. */
export function formatPercent(ratio: number | null | undefined, fractionDigits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return PLACEHOLDER;
  const scale = 10 ** fractionDigits;
  const rounded = Math.round(ratio * 100 * scale) / scale;
  return `${(Object.is(rounded, -0) ? 0 : rounded).toFixed(fractionDigits)}%`;
}

const integerFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

/** 12345 → '12,345'; null → '—'. */
export function formatInteger(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return PLACEHOLDER;
  return integerFormat.format(value);
}

/** 52640 → '52,640人'; null → '—'. */
export function formatPopulation(value: number | null | undefined): string {
  const n = formatInteger(value);
  return n === PLACEHOLDER ? n : `${n}人`;
}

const valueFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

/** A measured value with one decimal at most: 6100 → '6,100'; 40.14 → '40.1'; null → '—'. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return PLACEHOLDER;
  return valueFormat.format(value);
}

/** (40.1, '%') → '40.1%'; (6100, '時間/年') → '6,100時間/年'; null → '—'. */
export function formatValue(value: number | null | undefined, unit = ''): string {
  const n = formatNumber(value);
  return n === PLACEHOLDER ? n : `${n}${unit}`;
}

/**
 * 2025 → '2025年度（令和7年度）' (the rule, FY2019 = 令和元年度, is server/domain/wareki.ts);
 * a year outside the calendar the rules cover (1900–2200) → just '1900年度'.
 */
export function formatFiscalYear(fiscalYear: number): string {
  if (!Number.isInteger(fiscalYear) || fiscalYear < MIN_YEAR || fiscalYear > MAX_YEAR) return `${fiscalYear}年度`;
  return fiscalYearLabel(fiscalYear);
}

/** (2026, 3) → '2026年度（令和8年度）第3四半期'. Q1 = Apr–Jun … Q4 = Jan–Mar. */
export function formatFiscalQuarter(fiscalYear: number, quarter: number): string {
  return `${formatFiscalYear(fiscalYear)}第${quarter}四半期`;
}

/** '2026-03-31' → '2026年3月31日'; null → '—'; anything that is not a valid date is returned unchanged. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return PLACEHOLDER;
  return isValidIsoDate(value) ? formatJapaneseDate(value) : value;
}

/**
 * A national deadline as precise as its source: 'month' → '2026年9月' (the date is the month's last day),
 * 'fiscal_year' → '2026年3月31日（2025年度末）', 'day' (or unknown) → '2026年3月31日'.
 */
export function formatDeadlineDate(value: string, precision: 'day' | 'month' | 'fiscal_year' | undefined): string {
  return `${formatDeadlineDay(value, precision)}${deadlinePrecisionSuffix(value, precision)}`;
}

/** The date part of formatDeadlineDate: '2026年9月' for a month, else '2026年3月31日'. */
export function formatDeadlineDay(value: string, precision: 'day' | 'month' | 'fiscal_year' | undefined): string {
  const parts = parseIsoDateOrNull(value);
  return parts && precision === 'month' ? `${parts.year}年${parts.month}月` : formatDate(value);
}

/** '（2025年度末）' for a fiscal year's end, else ''. */
export function deadlinePrecisionSuffix(value: string, precision: 'day' | 'month' | 'fiscal_year' | undefined): string {
  const parts = parseIsoDateOrNull(value);
  return parts && precision === 'fiscal_year' && parts.month === 3 && parts.day === 31 ? `（${fiscalYearOf(value)}年度末）` : '';
}

/** '2024-02-05' → '2024年2月5日', '2024-02' → '2024年2月', '2024' → '2024年', null → '公表日不明'. */
export function formatPublishedOn(value: string | null): string {
  if (value === null) return '公表日不明';
  const [y, m, d] = value.split('-').map(Number);
  return d ? `${y}年${m}月${d}日` : m ? `${y}年${m}月` : `${y}年`;
}

/** Days until a deadline: 12 → 'あと12日', 0 → '本日が期限', -3 → '3日超過'. */
export function formatDaysLeft(daysLeft: number | null | undefined): string {
  if (daysLeft === null || daysLeft === undefined || !Number.isFinite(daysLeft)) return PLACEHOLDER;
  if (daysLeft > 0) return `あと${formatInteger(daysLeft)}日`;
  if (daysLeft === 0) return '本日が期限';
  return `${formatInteger(-daysLeft)}日超過`;
}

/**
 * Countdown to a deadline for cards and lists: 12 → 'あと12日', 0 → '本日が期限',
 * -237 → '期限超過（237日）'.
 */
export function formatDeadlineCountdown(daysLeft: number | null | undefined): string {
  if (daysLeft === null || daysLeft === undefined || !Number.isFinite(daysLeft)) return PLACEHOLDER;
  if (daysLeft > 0) return `あと${formatInteger(daysLeft)}日`;
  if (daysLeft === 0) return '本日が期限';
  return `期限超過（${formatInteger(-daysLeft)}日）`;
}

export function bodyKindLabel(kind: string): string {
  return (BODY_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export interface StatusInfo {
  label: string;
  /** Text marker shown beside the label, so status is never conveyed by colour alone. */
  marker: string;
}

function withLabels<K extends string>(labels: Record<K, string>, markers: Record<K, string>): Record<K, StatusInfo> {
  const info = {} as Record<K, StatusInfo>;
  for (const key of Object.keys(markers) as K[]) info[key] = { label: labels[key], marker: markers[key] };
  return info;
}

/** Labels come from server/domain/labels.ts; the markers are the browser's. */
export const STATUS_INFO: Record<ItemStatus, StatusInfo> = withLabels(ITEM_STATUS_LABELS, {
  done: '✓',
  on_track: '○',
  done_late: '✓',
  start_late: '▽',
  not_planned: '？',
  delayed: '△',
  at_risk: '！',
  past_deadline: '×',
  not_applicable: '－',
});

export function statusLabel(status: ItemStatus): string {
  return STATUS_INFO[status]?.label ?? status;
}

/** Item statuses in the order counts are shown: finished and on-track first, then what needs attention (worst last), 対象外 last. */
export const ITEM_STATUS_DISPLAY_ORDER: readonly ItemStatus[] = [
  'done',
  'done_late',
  'on_track',
  'not_planned',
  'start_late',
  'delayed',
  'at_risk',
  'past_deadline',
  'not_applicable',
];

/** KPI statuses: marker + label, like STATUS_INFO (CSS classes `kpi-status-{status}` in app.css). */
export const KPI_STATUS_INFO: Record<KpiStatus, StatusInfo> = withLabels(KPI_STATUS_LABELS, {
  achieved: '✓',
  on_track: '○',
  behind: '△',
  missed: '×',
  stale: '？',
  no_data: '－',
});

/** How many KPIs have each status. */
export function kpiStatusCounts(kpis: readonly { status: KpiStatus }[]): Record<KpiStatus, number> {
  const counts: Record<KpiStatus, number> = { achieved: 0, on_track: 0, behind: 0, missed: 0, stale: 0, no_data: 0 };
  for (const k of kpis) counts[k.status] += 1;
  return counts;
}

/**
 * Difference of two ratios in percentage points, one decimal, signed with U+2212 for minus:
 * (0.623, 0.581) → '+4.2ポイント'; (0.5, 0.52) → '−2.0ポイント'; equal → '±0.0ポイント'; a null → '—'.
 */
export function formatPointDiff(value: number | null | undefined, reference: number | null | undefined): string {
  if (value === null || value === undefined || reference === null || reference === undefined) return PLACEHOLDER;
  if (!Number.isFinite(value) || !Number.isFinite(reference)) return PLACEHOLDER;
  const diff = Math.round((value - reference) * 1000) / 10;
  if (diff === 0) return '±0.0ポイント';
  return `${diff > 0 ? '+' : '\u2212'}${Math.abs(diff).toFixed(1)}ポイント`;
}

/** (3, 45) → '3位／45団体'; no rank → '順位なし'. */
export function formatRank(rank: number | null | undefined, of: number): string {
  if (rank === null || rank === undefined) return '順位なし';
  return `${formatInteger(rank)}位／${formatInteger(of)}団体`;
}

/** Steps of standardization (標準化の手順) by status: marker + label, worst last. */
export const STEP_STATUS_INFO: Record<StepStatus, StatusInfo> = withLabels(MILESTONE_STATUS_LABELS, {
  done: '✓',
  not_applicable: '－',
  in_progress: '◐',
  not_started: '□',
});

export const STEP_STATUSES: readonly StepStatus[] = ['done', 'not_applicable', 'in_progress', 'not_started'];
