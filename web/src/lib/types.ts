// Types of the JSON API under /api. Keep in sync with the server's schemas.

export type BodyKind = 'prefecture' | 'designated_city' | 'city' | 'ward' | 'town' | 'village';

/** 地方公共団体 (a local public body). */
export interface Body {
  id: number;
  /** 全国地方公共団体コード (6 digits, with check digit). */
  code: string;
  name: string;
  prefectureCode: string;
  prefectureName: string;
  kind: BodyKind;
  population: number | null;
  /** true when the body's progress values are invented sample data. */
  isSample: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type BodyListResponse = Page<Body>;

export type ItemStatus = 'done' | 'on_track' | 'delayed' | 'at_risk' | 'past_deadline' | 'not_applicable';

export const ITEM_STATUSES: readonly ItemStatus[] = [
  'done',
  'on_track',
  'delayed',
  'at_risk',
  'past_deadline',
  'not_applicable',
];

export interface Rollup {
  itemCount: number;
  counts: Record<ItemStatus, number>;
  /** 0..1, null when nothing to measure. */
  progress: number | null;
  /** 0..1, null when no milestone was due. */
  onTimeRate: number | null;
  milestoneCount: number;
  doneMilestones: number;
  overdue: number;
}

export interface NextDeadline {
  title: string;
  /** YYYY-MM-DD */
  date: string;
  daysLeft: number;
  extended: boolean;
}

export interface CategorySummary extends Rollup {
  categoryId: number;
  code: string;
  name: string;
  isCore: boolean;
  nextDeadline: NextDeadline | null;
}

export interface AttentionItem {
  itemId: number;
  title: string;
  categoryName: string;
  sectionName: string;
  status: ItemStatus;
  reasons: string[];
  /** YYYY-MM-DD */
  deadlineDate: string | null;
  daysToDeadline: number | null;
}

export interface FiscalQuarter {
  fiscalYear: number;
  quarter: number;
  label: string;
}

export interface DashboardResponse {
  body: Body;
  /** YYYY-MM-DD */
  asOf: string;
  fiscalQuarter: FiscalQuarter;
  totals: Rollup;
  categories: CategorySummary[];
  attention: AttentionItem[];
  // Typed when the timeline / KPI / deadline pages are built.
  timeline: unknown[];
  kpis: unknown[];
  adherence: unknown[];
}

/** Error body returned by the server for every non-2xx response. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  errors?: ApiFieldError[];
}

export interface ApiFieldError {
  field: string;
  code: string;
  message: string;
}
