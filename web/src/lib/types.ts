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
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type BodyListResponse = Page<Body>;

// Status codes come from the server's one list (server/domain/labels.ts), never a copy here.
import { ITEM_STATUSES as WORST_FIRST, type ItemStatus, type KpiKind, type KpiStatus } from '../../../server/domain/labels.ts';
export type { ItemStatus, KpiKind, KpiStatus };

/** Display order of counts: finished and on-track first, then what needs attention, 対象外 last. */
export const ITEM_STATUSES: readonly ItemStatus[] = [
  ...[...WORST_FIRST].reverse().filter((s) => s !== 'not_applicable'),
  'not_applicable',
];

/** 'YYYY-MM-DD', a calendar date in Japan. */
export type IsoDate = string;

export type StatusCounts = Record<ItemStatus, number>;

/** Counts and ratios of a set of items (plan total or one category). server/schemas/dashboard.ts Rollup */
export interface Rollup {
  itemCount: number;
  counts: StatusCounts;
  /** All milestones, including 対象外. */
  milestoneCount: number;
  /** Milestones that are not 対象外 (the denominator of `progress`). */
  applicableMilestones: number;
  doneMilestones: number;
  /** 完了マイルストーン ÷ 対象外を除くマイルストーン (0..1); null when nothing to measure. */
  progress: number | null;
  /** 予定どおり完了 ÷（予定どおり完了＋遅れて完了＋期限超過） (0..1); null when nothing was due. */
  onTimeRate: number | null;
  doneOnTime: number;
  doneLate: number;
  /** Milestones past their planned date and not done. */
  overdue: number;
}

export interface NextDeadline {
  title: string;
  /** The milestone that answers the deadline. */
  milestoneTitle: string;
  /** Effective date (with any extension), YYYY-MM-DD. */
  date: IsoDate;
  /** The date the government first set. */
  originalDate: IsoDate;
  /** Negative = days past the deadline. */
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

/** 要対応の取組 (sent worst first). */
export interface AttentionItem {
  itemId: number;
  title: string;
  categoryName: string;
  sectionName: string;
  status: ItemStatus;
  statusLabel: string;
  reasons: string[];
  deadlineDate: IsoDate | null;
  daysToDeadline: number | null;
  delayDays: number;
  forecastFinish: IsoDate | null;
}

export interface FiscalQuarter {
  fiscalYear: number;
  /** 1..4 (Q1 = Apr–Jun … Q4 = Jan–Mar). */
  quarter: number;
  /** e.g. '2026年度 第3四半期' */
  label: string;
}

/** Schedule adherence by fiscal quarter: milestones planned vs done, per quarter and cumulative. */
export interface AdherencePoint {
  fiscalYear: number;
  quarter: number;
  /** e.g. '2026年度Q3' */
  label: string;
  /** Milestones planned to be done by the end of this quarter. */
  plannedCumulative: number;
  /** Milestones actually done by the end of this quarter (or by the reference date). */
  actualCumulative: number;
  plannedInQuarter: number;
  doneInQuarter: number;
  /** The quarter starts after the reference date. */
  isFuture: boolean;
}

/** The national deadline (国が掲げる目標時期) an item answers to, with any extension applied. */
export interface DeadlineRef {
  id: number;
  code: string;
  title: string;
  /** 国が掲げた当初の期限 */
  originalDate: IsoDate;
  /** 延長を反映した期限 */
  effectiveDate: IsoDate;
  extended: boolean;
  /** 「国の期限」 or 「延長後の期限」 (server/domain/labels.ts deadlineWord). */
  label: string;
  extensionReason: string | null;
  /** Days from the reference date to effectiveDate; negative = past the deadline. */
  daysLeft: number;
  /** On an item: the milestone that answers the deadline, and how it stands against it. */
  milestoneId: number | null;
  milestoneTitle: string | null;
  state: 'met' | 'missed' | 'passed' | 'at_risk' | 'open' | null;
  stateLabel: string | null;
}

export type MilestoneStatus = 'not_started' | 'in_progress' | 'done' | 'not_applicable';

export type AdherenceKind = 'done_on_time' | 'done_late' | 'overdue' | 'upcoming' | 'not_applicable';

export interface MilestoneAdherence {
  kind: AdherenceKind;
  label: string;
  /** 予定との差（日）。Positive = behind (done_late, overdue), negative = days left (upcoming). */
  varianceDays: number;
}

export interface AssessedMilestone {
  id: number;
  itemId: number;
  title: string;
  plannedStartDate: IsoDate | null;
  plannedDate: IsoDate;
  actualStartDate: IsoDate | null;
  actualDate: IsoDate | null;
  status: MilestoneStatus;
  statusLabel: string;
  /** The national deadline this milestone must be done by. */
  nationalDeadlineId: number | null;
  deadline: DeadlineRef | null;
  note: string;
  isSample: boolean;
  version: number;
  adherence: MilestoneAdherence;
}

/** One row of the timeline (工程表): an item in plan order, parents before children. */
export interface TimelineRow {
  itemId: number;
  parentId: number | null;
  depth: number;
  isGroup: boolean;
  title: string;
  categoryId: number;
  categoryName: string;
  sectionId: number;
  sectionName: string;
  /** Rolled up: the worst of its own milestones and its children. */
  status: ItemStatus;
  statusLabel: string;
  /** What the item adds to counts (a heading: null). */
  countedStatus: ItemStatus | null;
  plannedStart: IsoDate | null;
  plannedEnd: IsoDate | null;
  actualStart: IsoDate | null;
  /** Finish date when done; null while open (drawn up to the reference date). */
  actualEnd: IsoDate | null;
  forecastFinish: IsoDate | null;
  delayDays: number;
  /** The most pressing deadline of its own milestones. */
  deadline: DeadlineRef | null;
  deadlines: DeadlineRef[];
  milestones: AssessedMilestone[];
}

export interface DeadlineExtension {
  date: IsoDate;
  /** 'area' = one system (a business area of the body), 'item' = one item (取組), 'body' = the whole body. */
  scope: 'area' | 'item' | 'body';
  itemId: number | null;
  itemTitle: string | null;
  areaId?: number | null;
  areaName?: string | null;
  reason: string;
}

/** A national benchmark series (全国の比較系列) of the national data pack. */
export interface NationalBenchmark {
  code: string;
  title: string;
  definition: string;
  value: number;
  unit: string;
  asOf: IsoDate | null;
  fiscalYear: number | null;
  needsVerification: boolean;
  sources: FactSource[];
}

/** A source of a national fact (出典): shown as text; the app never connects to the URL. */
export interface FactSource {
  publisher: string;
  title: string;
  publishedOn: string | null;
  url: string | null;
  kind?: string;
}

/** A national deadline that applies to the body, with its extensions. */
export interface DeadlineLine {
  id: number;
  code: string;
  title: string;
  originalDate: IsoDate;
  /** 要確認: not confirmed from a primary source — never shown as settled. */
  needsVerification: boolean;
  /** How precise the source is; absent in quarters frozen before the national data pack. */
  datePrecision?: DatePrecision;
  note?: string;
  sources?: FactSource[];
  extensions: DeadlineExtension[];
  itemIds: number[];
}

export type DatePrecision = 'day' | 'month' | 'fiscal_year';

export { KPI_STATUSES } from '../../../server/domain/labels.ts';

export type KpiDirection = 'higher' | 'lower';

export interface KpiSeriesPoint {
  fiscalYear: number;
  quarter: number;
  /** e.g. '2025年度Q4' */
  label: string;
  actual: number | null;
  /** 基準値から目標値への計画線の値（期間値は年度の値の按分） */
  expected: number;
}

export interface KpiLatest {
  fiscalYear: number;
  /** 0 = a value for the whole fiscal year (通年). */
  quarter: number;
  /** e.g. '2026年度第2四半期', '2025年度の年間値' */
  label: string;
  /** The value the status compares (期間値: the year-to-date total). */
  value: number;
  yearToDate: boolean;
}

export interface KpiWithSeries {
  id: number;
  itemId: number | null;
  itemTitle: string | null;
  name: string;
  unit: string;
  /** 累計 / 期間値 / 時点値 */
  valueKind: KpiKind;
  kindLabel: string;
  periodEntry: 'year_to_date' | 'per_quarter';
  direction: KpiDirection;
  /** e.g. '高いほど良い' */
  directionLabel: string;
  baselineValue: number;
  baselineFiscalYear: number;
  targetValue: number;
  targetFiscalYear: number;
  /** A comparison value the body entered itself (not a national series); null when none. */
  benchmarkValue: number | null;
  /** What that value is, in the body's words; '' when none. */
  benchmarkLabel: string;
  /** The national series the KPI is compared with (same definition), named and defined; absent/null when none. */
  nationalBenchmark?: NationalBenchmark | null;
  isSample: boolean;
  version: number;
  status: KpiStatus;
  /** 達成 / 順調 / 遅れ / 未達成 / 未更新 / 未計測 */
  statusLabel: string;
  latest: KpiLatest | null;
  /** The value the latest is compared with (the path, or the target after the target year). */
  expected: number | null;
  /** What `expected` is called: 「この時点の計画値」 or 「目標値」. */
  expectedLabel: string;
  progressToTarget: number | null;
  /** The KPI in one paragraph (です・ます), written by the server (server/domain/kpi-text.ts). */
  summary: string;
  series: KpiSeriesPoint[];
}

/** GET /api/bodies/:bodyId/dashboard[?asOf=YYYY-MM-DD] (server/schemas/dashboard.ts) */
export interface DashboardResponse {
  body: Body;
  /** 基準日 (the "today" of every status), YYYY-MM-DD. */
  asOf: IsoDate;
  /** Items, milestones or KPIs contain invented sample values. */
  containsSampleData: boolean;
  fiscalQuarter: FiscalQuarter;
  range: { startFiscalYear: number; endFiscalYear: number };
  totals: Rollup;
  categories: CategorySummary[];
  attention: AttentionItem[];
  adherence: AdherencePoint[];
  timeline: TimelineRow[];
  deadlines: DeadlineLine[];
  kpis: KpiWithSeries[];
}

export interface ItemSummary {
  id: number;
  planId: number;
  parentId: number | null;
  depth: number;
  isGroup: boolean;
  title: string;
  categoryId: number;
  categoryName: string;
  sectionId: number;
  sectionName: string;
  targetFiscalYear: number;
  targetFiscalYearLabel: string;
  notes: string;
  sortOrder: number;
  isSample: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  status: ItemStatus;
  statusLabel: string;
  reasons: string[];
  plannedFinish: IsoDate | null;
  forecastFinish: IsoDate | null;
  actualFinish: IsoDate | null;
  delayDays: number;
  /** 対象外を除くマイルストーン数 */
  milestoneCount: number;
  doneCount: number;
  /** The most pressing deadline its milestones answer; all of them in `deadlines`. */
  deadline: DeadlineRef | null;
  deadlines: DeadlineRef[];
}

/** GET /api/items/:itemId (server/schemas/items.ts ItemDetail) */
export interface ItemDetail extends ItemSummary {
  milestones: AssessedMilestone[];
  children: ItemSummary[];
  kpis: KpiWithSeries[];
}

/** Error body returned by the server for every non-2xx response. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  errors?: ApiFieldError[];
  details?: Record<string, unknown>;
}

export interface ApiFieldError {
  field: string;
  code: string;
  message: string;
}

// ---- session, 今期の更新, 変更履歴 (server/schemas/auth.ts, updates.ts, audit.ts) ----------------

export type Role = 'admin' | 'hq' | 'officer' | 'viewer' | 'prefecture';

/** What the UI may offer (GET /api/auth/me → permissions). The server decides every request. */
export interface Permissions {
  readScope: { kind: 'all' | 'prefecture' | 'body'; bodyId: number | null; prefectureCode: string | null };
  manageReferenceData: boolean;
  managePlan: boolean;
  editProgress: boolean;
  /** null = every section of the user's body (hq, admin). */
  editableSectionIds: number[] | null;
  /** Fields an officer may send (null: every field). */
  officerEditableFields: { item: string[]; milestone: string[] } | null;
  viewAuditLog: boolean;
  viewItemAudit: boolean;
  viewReportingStatus: boolean;
  useMyUpdates: boolean;
}

/** GET /api/auth/me and POST /api/auth/login */
export interface Me {
  user: { id: number; username: string; displayName: string; role: Role; roleLabel: string };
  body: { id: number; code: string; name: string; prefectureCode: string; prefectureName: string } | null;
  prefecture: { code: string; name: string | null } | null;
  sections: { id: number; name: string }[];
  csrfToken: string;
  expiresAt: string;
  permissions: Permissions;
}

/** A milestone row as PATCH /api/milestones/:id returns it (and as details.current on 409). */
export interface Milestone {
  id: number;
  itemId: number;
  title: string;
  plannedStartDate: IsoDate | null;
  plannedDate: IsoDate;
  actualStartDate: IsoDate | null;
  actualDate: IsoDate | null;
  status: MilestoneStatus;
  note: string;
  version: number;
}

export interface KpiValue {
  id: number;
  kpiId: number;
  fiscalYear: number;
  /** 1–4, or 0 for the whole fiscal year */
  quarter: number;
  value: number;
  note: string;
  isSample: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface QuarterPeriod {
  fiscalYear: number;
  quarter: number;
  label: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

export interface Review {
  id: number;
  itemId: number;
  fiscalYear: number;
  quarter: number;
  userId: number | null;
  username: string | null;
  note: string;
  createdAt: string;
}

export type UpdateFocus = 'overdue' | 'due_this_quarter' | 'upcoming' | 'done' | 'not_applicable';

export interface UpdateKpi {
  id: number;
  name: string;
  unit: string;
  direction: string;
  directionLabel: string;
  targetValue: number;
  targetFiscalYear: number;
  version: number;
  thisQuarter: KpiValue | null;
  previous: KpiValue | null;
}

export interface MyUpdateItem {
  item: ItemSummary;
  canEdit: boolean;
  milestones: (AssessedMilestone & { focus: UpdateFocus })[];
  kpis: UpdateKpi[];
  overdueCount: number;
  dueThisQuarterCount: number;
  lastReview: Review | null;
  lastChange: { at: string; username: string } | null;
}

/** GET /api/bodies/:bodyId/my-updates */
export interface MyUpdates {
  asOf: IsoDate;
  period: QuarterPeriod;
  sections: { id: number; name: string }[];
  items: MyUpdateItem[];
  summary: { items: number; overdueMilestones: number; dueThisQuarter: number; reportedItems: number };
}

export interface SectionReport {
  sectionId: number;
  sectionName: string;
  itemCount: number;
  reported: boolean;
  changedItems: number;
  reviewedItems: number;
  lastReportedAt: string | null;
  lastReportedBy: string | null;
  officers: { id: number; username: string; displayName: string }[];
}

/** GET /api/bodies/:bodyId/reporting-status */
export interface ReportingStatus {
  period: QuarterPeriod;
  sections: SectionReport[];
  reportedCount: number;
  sectionCount: number;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'review';

/** One entry of 変更履歴 (GET /api/bodies/:bodyId/audit, /api/items/:itemId/audit). */
export interface AuditEntry {
  id: number;
  /** ISO 8601, UTC */
  at: string;
  userId: number | null;
  username: string;
  action: AuditAction;
  actionLabel: string;
  entity: string;
  entityLabel: string;
  entityId: number | null;
  bodyId: number | null;
  itemId: number | null;
  itemTitle: string | null;
  sectionId: number | null;
  sectionName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: { field: string; before: unknown; after: unknown }[];
  note: string;
  requestId: string;
}

export type LoginEvent = 'login' | 'login_failed' | 'lock' | 'login_refused' | 'logout' | 'password_changed' | 'password_reset' | 'disabled' | 'enabled';

/** One record of ログイン記録 (GET /api/login-log, /api/bodies/:bodyId/login-log). */
export interface LoginLogEntry {
  id: number;
  /** ISO 8601, UTC */
  at: string;
  event: LoginEvent;
  eventLabel: string;
  /** The account's user name, or the name that was tried. */
  username: string;
  userId: number | null;
  displayName: string | null;
  ip: string;
  userAgent: string;
  detail: string;
}

// ---- 四半期の締め・レビュー（/api/bodies/:bodyId/quarters…）-------------------------------------------

/** GET /api/bodies/:bodyId/quarters (newest first), POST …/quarters, POST …/reopen */
export interface QuarterSnapshotSummary {
  id: number;
  bodyId: number;
  fiscalYear: number;
  quarter: number;
  /** '2026年度 第2四半期' */
  label: string;
  /** '2026年度（令和8年度）' */
  fiscalYearLabel: string;
  /** The quarter's last day (the frozen data is as of this day). */
  asOf: IsoDate;
  status: 'closed' | 'reopened';
  /** 締め済み / 再開中 */
  statusLabel: string;
  closedBy: string;
  closedAt: string;
  reopenedBy: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
}

/** 対応方針 of one item in a closed quarter. */
export interface Decision {
  itemId: number;
  decision: string;
  username: string;
  updatedAt: string;
}

/** GET /api/bodies/:bodyId/quarters/:fy/:q — the frozen data (only what the web app reads is typed). */
export interface QuarterSnapshotDetail extends QuarterSnapshotSummary {
  data: {
    fiscalYear: number;
    quarter: number;
    label: string;
    asOf: IsoDate;
    dashboard: DashboardResponse;
    items: { itemId: number; title: string; categoryName: string; sectionName: string; status: string; statusLabel: string }[];
  };
  decisions: Decision[];
}

export interface ReviewItem {
  itemId: number;
  title: string;
  categoryName: string;
  sectionName: string;
  status: string;
  statusLabel: string;
  deadlineTitle: string | null;
  deadlineDate: IsoDate | null;
}

export interface ReviewDeadline {
  itemId: number;
  title: string;
  categoryName: string;
  statusLabel: string;
  /** The milestone that answers the deadline ('' in quarters closed before deadlines sat on milestones). */
  milestoneTitle: string;
  deadlineTitle: string;
  /** 「国の期限」 or 「延長後の期限」 */
  deadlineLabel: string;
  deadlineDate: IsoDate;
  /** From the quarter's last day to the deadline (negative: days past). */
  daysLeft: number;
}

export interface ReviewQuarterRef {
  fiscalYear: number;
  quarter: number;
  label: string;
  fiscalYearLabel: string;
  asOf: IsoDate;
  source: 'snapshot' | 'reopened_snapshot' | 'live';
  sourceLabel: string;
}

/** GET /api/bodies/:bodyId/quarters/:fy/:q/review */
export interface QuarterReview {
  body: { id: number; name: string };
  quarter: ReviewQuarterRef;
  previous: ReviewQuarterRef;
  closed: QuarterSnapshotSummary | null;
  newlyLate: ReviewItem[];
  newlyDone: ReviewItem[];
  recovered: ReviewItem[];
  slippedMilestones: {
    id: number;
    itemId: number;
    itemTitle: string;
    title: string;
    previousPlannedDate: IsoDate;
    plannedDate: IsoDate;
    slipDays: number;
    status: string;
  }[];
  kpiMoves: {
    kpiId: number;
    name: string;
    unit: string;
    direction: string;
    before: number;
    after: number;
    delta: number;
    movement: 'improved' | 'worsened';
    movementLabel: string;
    targetValue: number;
    reached: boolean;
    remainingToTarget: number;
  }[];
  deadlinesPassed: ReviewDeadline[];
  deadlinesDueSoon: ReviewDeadline[];
  horizonEnd: IsoDate;
  unreportedSections: { sectionId: number; sectionName: string }[];
  numbers: {
    lateChange: number;
    lateNow: number;
    lateChangeByCategory: { category: string; change: number }[];
    newlyDone: number;
    pastDeadline: number;
    dueSoon: number;
    unreportedSections: number;
  };
  summary: string;
  decisions: Decision[];
}

// ---- 全国・都道府県の集計と団体の比較 (server/schemas/rollups.ts) ----------------------------------

/** Steps of standardization by status (標準化の手順). */
export type StepStatus = 'not_started' | 'in_progress' | 'done' | 'not_applicable';
export type StepCounts = Record<StepStatus, number>;

/** What every roll-up row says about standardization: ministry completion rate = (完了 + 対象外) / 手順数. */
export interface RollupStepFields {
  steps: number;
  counts: StepCounts;
  /** null when there are no steps */
  completionRate: number | null;
}

export interface RollupBodyFields {
  bodies: number;
  bodiesWithAreas: number;
  completeBodies: number;
  /** Bodies with business areas that are not all complete, whatever the deadlines. */
  bodiesIncomplete: number;
  /** Bodies with at least one system (business area) not complete after its own deadline (extension included). */
  bodiesPastDeadline: number;
  migrationSupportBodies: number;
}

export interface RollupAreaFields {
  bodyAreas: number;
  completeAreas: number;
  migrationSupportAreas: number;
  /** Systems (body × business area) not complete after their own deadline (the extension's, if any). */
  systemsPastDeadline: number;
  /** Systems whose migration deadline is extended (for that system, or for the whole body). */
  extendedSystems: number;
}

export interface RollupDeadline {
  code: string;
  title: string;
  dueDate: IsoDate;
  passed: boolean;
}

export type RollupTotals = RollupBodyFields & RollupAreaFields & RollupStepFields;

export interface PrefectureRollupRow extends RollupTotals {
  prefectureCode: string;
  prefectureName: string;
}

export interface AreaRollupRow extends RollupAreaFields, RollupStepFields {
  areaId: number;
  code: string;
  name: string;
}

/** 分野別の取組・マイルストーン (DX plan items by category) in the national and prefecture roll-ups. */
export interface CategoryRollupRow {
  categoryId: number;
  code: string;
  name: string;
  items: number;
  /** Bodies with an item in this category. */
  bodies: number;
  milestones: number;
  /** Milestones other than 対象外. */
  applicableMilestones: number;
  /** Applicable milestones whose planned date has come. */
  milestonesDue: number;
  milestonesDone: number;
  milestonesDoneOnTime: number;
  milestonesDoneLate: number;
  overdueMilestones: number;
  /** 進捗率 = done ÷ applicable; null when none. */
  progress: number | null;
  /** 予定どおり率 = on time ÷ (on time + late + overdue); null when nothing can be judged. */
  onTimeRate: number | null;
  bodiesWithOverdue: number;
}

/** GET /api/rollups/national */
export interface NationalRollup {
  asOf: IsoDate;
  deadline: RollupDeadline | null;
  totals: RollupTotals;
  migrationSupport: { bodies: number; bodyShare: number | null; systems: number; systemShare: number | null };
  prefectures: PrefectureRollupRow[];
  areas: AreaRollupRow[];
  categories: CategoryRollupRow[];
}

export interface BodyRollupRow extends RollupStepFields {
  bodyId: number;
  code: string;
  name: string;
  kind: BodyKind;
  isSample: boolean;
  areas: number;
  completeAreas: number;
  migrationSupportAreas: number;
  complete: boolean;
  /** At least one system not complete after its own deadline. */
  pastDeadline: boolean;
  systemsPastDeadline: number;
  extendedSystems: number;
  /** Rank in the prefecture by completion rate (ties share a rank); null without steps. */
  rank: number | null;
}

export interface PrefectureAreaRow extends AreaRollupRow {
  nationalCompletionRate: number | null;
}

/** GET /api/rollups/prefectures/:prefectureCode */
export interface PrefectureRollup {
  asOf: IsoDate;
  deadline: RollupDeadline | null;
  prefectureCode: string;
  prefectureName: string;
  totals: RollupTotals;
  national: RollupTotals;
  bodies: BodyRollupRow[];
  areas: PrefectureAreaRow[];
  categories: CategoryRollupRow[];
}

export interface PeerAreaRow {
  areaId: number;
  code: string;
  name: string;
  hasArea: boolean;
  migrationSupport: boolean;
  completionRate: number | null;
  prefectureCompletionRate: number | null;
  nationalCompletionRate: number | null;
}

export interface PeerRank {
  rank: number | null;
  of: number;
}

/** GET /api/bodies/:bodyId/peers */
export interface BodyPeers {
  bodyId: number;
  code: string;
  name: string;
  prefectureCode: string;
  prefectureName: string;
  completionRate: number | null;
  prefectureCompletionRate: number | null;
  nationalCompletionRate: number | null;
  rankInPrefecture: PeerRank;
  rankNational: PeerRank;
  areas: PeerAreaRow[];
}

// ---- Excelで一括更新 (issue 8; server/schemas/imports.ts) -----------------------------------------------

/** A section of a body (GET /api/bodies/:bodyId/sections). */
export interface BodySectionInfo {
  id: number;
  bodyId: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export type ImportEntity = 'plan' | 'item' | 'milestone' | 'kpiValue';
export type ImportProblemKind = 'error' | 'conflict' | 'refused';

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
  conflict: number;
  refused: number;
  error: number;
}

export interface ImportChange {
  sheet: string;
  row: number;
  kind: 'create' | 'update';
  entity: ImportEntity;
  id: number | null;
  label: string;
  fields: { field: string; label: string; from: string | null; to: string | null }[];
}

export interface ImportProblem {
  sheet: string;
  row: number;
  /** Spreadsheet column letter ('F'), when the problem is in one cell. */
  column: string | null;
  /** The column's header ('予定日'). */
  columnLabel: string | null;
  kind: ImportProblemKind;
  /** Japanese, safe to show. */
  message: string;
}

/** POST /api/bodies/:bodyId/imports (201, the dry run) and GET /api/imports/:importId */
export interface ImportPreview {
  importId: number;
  bodyId: number;
  /** The section the upload was limited to (?sectionId=), or null for the whole body. */
  sectionId: number | null;
  fileName: string;
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'utf-8-bom' | 'shift_jis' | null;
  status: 'preview' | 'applied';
  createdAt: string;
  /** Display name of the uploader. */
  createdBy: string;
  /** Data rows read. */
  rows: number;
  counts: ImportCounts;
  /** true iff conflict = refused = error = 0 and create + update > 0 */
  canApply: boolean;
  changes: ImportChange[];
  problems: ImportProblem[];
  /** The lists are capped (changes 200, problems 500). */
  truncated: { changes: boolean; problems: boolean };
  /** What was applied, and when (status 'applied'); null before. */
  applied: { create: number; update: number; at: string } | null;
}

/** POST /api/imports/:importId/apply (200) */
export interface ImportApplyResult {
  importId: number;
  status: 'applied';
  applied: { create: number; update: number };
}

// ---- 国の参照データ（データパック） (server/schemas/reference-pack.ts, reference-packs.ts) ----------------

export type FactStatus = 'confirmed' | 'unverified';

interface PackFact {
  status: FactStatus;
  /** Codes of the pack's `sources`. */
  sources: string[];
  note?: string;
}

export interface ReferencePack {
  format: 'dx-national-reference';
  formatVersion: 1;
  version: string;
  title: string;
  publishedOn: IsoDate;
  description: string;
  sources: Record<string, FactSource & { kind: 'primary' | 'secondary' | 'product'; note?: string }>;
  categories: ({ code: string; name: string; description: string; isCore: boolean } & PackFact)[];
  businessAreas: ({ code: string; name: string } & PackFact)[];
  deadlines: ({ code: string; title: string; dueDate: IsoDate; datePrecision: DatePrecision; category: string | null } & PackFact)[];
  extensionRules: ({ code: string; title: string; deadline: string; extendedDueDate: IsoDate; datePrecision: DatePrecision; scope: 'area' | 'item' | 'body' } & PackFact)[];
  steps: { numbering: 'product' | 'ministry'; title: string; items: { code: string; phase: string; name: string }[] } & PackFact;
  figures: ({ code: string; kind: 'figure' | 'benchmark'; title: string; definition: string; value: number; unit: string; asOf: IsoDate | null; fiscalYear: number | null } & PackFact)[];
}

export interface ReferencePackInfo {
  id: number;
  version: string;
  title: string;
  publishedOn: string;
  status: 'active' | 'superseded' | 'rolled_back';
  previousId: number | null;
  userName: string;
  summary: string;
  loadedAt: string;
}

/** GET /api/reference-packs/active */
export interface ActivePack {
  info: ReferencePackInfo | null;
  pack: ReferencePack | null;
}

export interface PackFactChange {
  section: string;
  sectionLabel: string;
  code: string;
  title: string;
  change: 'added' | 'changed' | 'removed';
  fields: { field: string; before: string; after: string }[];
}

/** POST /api/reference-packs/preview (and, with `pack`, the result of applying or rolling back). */
export interface PackPreview {
  version: string;
  title: string;
  publishedOn: IsoDate;
  current: ReferencePackInfo | null;
  newer: boolean;
  counts: { added: number; changed: number; removed: number };
  changes: PackFactChange[];
  kept: { section: string; sectionLabel: string; code: string; title: string; reason: string }[];
  statusChanges: {
    bodyCount: number;
    itemCount: number;
    truncated: boolean;
    bodies: {
      bodyId: number;
      code: string;
      name: string;
      items: { itemId: number; title: string; before: ItemStatus; after: ItemStatus; beforeLabel: string; afterLabel: string }[];
      systemsPastDeadline: { before: number; after: number };
    }[];
  };
}

export interface PackApplyResult extends PackPreview {
  pack: ReferencePackInfo;
}
