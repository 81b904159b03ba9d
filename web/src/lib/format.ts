// Display helpers. Dates from the API are plain calendar dates ('YYYY-MM-DD', Japan time):
// they are formatted from their parts and never passed through a UTC Date.
import { isExists } from 'date-fns';
import type { BodyKind, ItemStatus, KpiStatus, StepStatus } from './types.ts';
import { ITEM_STATUS_LABELS, KPI_STATUS_LABELS } from '../../../server/domain/labels.ts';

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

/**
 * Japanese era name of a fiscal year (April–March), e.g. 2025 → '令和7年度', 2019 → '令和元年度'.
 *
 * Rule (policy, see STACK.md; same as server/domain/wareki.ts): the era in force at the end of the
 * calendar year the fiscal year starts in names it,
 * as government budgets do: 令和 N = year − 2018 (FY2019 = 令和元年度), 平成 N = year − 1988 for
 * 1989..2018 (FY1989 = 平成元年度), 昭和 N = year − 1925 for 1926..1988. Earlier years → null.
 */
export function japaneseFiscalYear(fiscalYear: number): string | null {
  if (!Number.isInteger(fiscalYear)) return null;
  const eras: Array<[name: string, firstYear: number]> = [
    ['令和', 2019],
    ['平成', 1989],
    ['昭和', 1926],
  ];
  for (const [name, firstYear] of eras) {
    if (fiscalYear >= firstYear) {
      const n = fiscalYear - firstYear + 1;
      return `${name}${n === 1 ? '元' : n}年度`;
    }
  }
  return null;
}

/** 2025 → '2025年度（令和7年度）'. */
export function formatFiscalYear(fiscalYear: number): string {
  const era = japaneseFiscalYear(fiscalYear);
  return era ? `${fiscalYear}年度（${era}）` : `${fiscalYear}年度`;
}

/** (2026, 3) → '2026年度（令和8年度）第3四半期'. Q1 = Apr–Jun … Q4 = Jan–Mar. */
export function formatFiscalQuarter(fiscalYear: number, quarter: number): string {
  return `${formatFiscalYear(fiscalYear)}第${quarter}四半期`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parts of a valid 'YYYY-MM-DD' calendar date, or null. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isExists(year, month - 1, day) ? { year, month, day } : null;
}

/** '2026-03-31' → '2026年3月31日'; null → '—'; anything unparsable is returned unchanged. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return PLACEHOLDER;
  const parts = parseIsoDate(value);
  if (!parts) return value;
  return `${parts.year}年${parts.month}月${parts.day}日`;
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
  const parts = parseIsoDate(value);
  return parts && precision === 'month' ? `${parts.year}年${parts.month}月` : formatDate(value);
}

/** '（2025年度末）' for a fiscal year's end, else ''. */
export function deadlinePrecisionSuffix(value: string, precision: 'day' | 'month' | 'fiscal_year' | undefined): string {
  const parts = parseIsoDate(value);
  return parts && precision === 'fiscal_year' && parts.month === 3 && parts.day === 31 ? `（${parts.year - 1}年度末）` : '';
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

export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  prefecture: '都道府県',
  designated_city: '政令指定都市',
  city: '市',
  ward: '特別区',
  town: '町',
  village: '村',
};

export function bodyKindLabel(kind: BodyKind): string {
  return BODY_KIND_LABELS[kind] ?? kind;
}

export interface StatusInfo {
  label: string;
  /** Text marker shown beside the label, so status is never conveyed by colour alone. */
  marker: string;
}

/** Markers are the web's (presentation); labels are the server's one vocabulary (server/domain/labels.ts). */
const STATUS_MARKERS: Record<ItemStatus, string> = {
  done: '✓',
  done_late: '✓',
  on_track: '○',
  not_planned: '？',
  start_late: '▽',
  delayed: '△',
  at_risk: '！',
  past_deadline: '×',
  not_applicable: '－',
};
export const STATUS_INFO = Object.fromEntries(
  (Object.keys(STATUS_MARKERS) as ItemStatus[]).map((s) => [s, { label: ITEM_STATUS_LABELS[s], marker: STATUS_MARKERS[s] }]),
) as Record<ItemStatus, StatusInfo>;

export function statusLabel(status: ItemStatus): string {
  return STATUS_INFO[status]?.label ?? status;
}

/** KPI statuses: marker + label, like STATUS_INFO (CSS classes `kpi-status-{status}` in app.css). */
const KPI_STATUS_MARKERS: Record<KpiStatus, string> = {
  achieved: '✓',
  on_track: '○',
  behind: '△',
  missed: '×',
  stale: '？',
  no_data: '－',
};
export const KPI_STATUS_INFO = Object.fromEntries(
  (Object.keys(KPI_STATUS_MARKERS) as KpiStatus[]).map((s) => [s, { label: KPI_STATUS_LABELS[s], marker: KPI_STATUS_MARKERS[s] }]),
) as Record<KpiStatus, StatusInfo>;

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
export const STEP_STATUS_INFO: Record<StepStatus, StatusInfo> = {
  done: { label: '完了', marker: '✓' },
  not_applicable: { label: '対象外', marker: '－' },
  in_progress: { label: '作業中', marker: '◐' },
  not_started: { label: '未着手', marker: '□' },
};

export const STEP_STATUSES: readonly StepStatus[] = ['done', 'not_applicable', 'in_progress', 'not_started'];
