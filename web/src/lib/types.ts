// Types of the JSON API under /api: aliases of the server's TypeBox schemas (server/schemas/*, imported
// type-only through `$schemas/…`, so nothing of them reaches the bundle). A field renamed, removed or
// retyped on the server is a compile error in the browser code (`npm run typecheck`). Declare no API shape
// by hand here: add the schema on the server and alias it.
import type { Static, TSchema } from '@sinclair/typebox';
import type * as Accounts from '$schemas/accounts.ts';
import type * as Assessed from '$schemas/assessed.ts';
import type * as Reporting from '$schemas/reporting.ts';
import type * as Audit from '$schemas/audit.ts';
import type * as Auth from '$schemas/auth.ts';
import type * as Baselines from '$schemas/baselines.ts';
import type * as Bodies from '$schemas/bodies.ts';
import type * as Common from '$schemas/common.ts';
import type * as Dash from '$schemas/dashboard.ts';
import type * as Imports from '$schemas/imports.ts';
import type * as Items from '$schemas/items.ts';
import type * as Kpis from '$schemas/kpis.ts';
import type * as LoginLog from '$schemas/login-log.ts';
import type * as Milestones from '$schemas/milestones.ts';
import type * as PlanPeriods from '$schemas/plan-periods.ts';
import type * as Public from '$schemas/public.ts';
import type * as Quarters from '$schemas/quarters.ts';
import type * as Pack from '$schemas/reference-pack.ts';
import type * as Packs from '$schemas/reference-packs.ts';
import type * as Rollups from '$schemas/rollups.ts';
import type * as Sections from '$schemas/sections.ts';
import type * as Standardization from '$schemas/standardization.ts';
import type * as Updates from '$schemas/updates.ts';

export type {
  AdherenceKind,
  AuditAction,
  BodyKind,
  DatePrecision,
  ItemStatus,
  KpiDirection,
  KpiKind,
  KpiStatus,
  LoginEvent,
  MilestoneStatus,
  Role,
  UpdateFocus,
} from '$domain/labels.ts';

/** 'YYYY-MM-DD', a calendar date in Japan. */
export type IsoDate = string;

/** One page of a list (`Page(item)` in server/schemas/common.ts). */
export type Page<T extends TSchema> = Static<ReturnType<typeof Common.Page<T>>>;

// ---- bodies, dashboard, items (server/schemas/bodies.ts, dashboard.ts, assessed.ts, items.ts) ----------

export type Body = Static<typeof Bodies.Body>;
export type BodyListResponse = Page<typeof Bodies.Body>;

export type StatusCounts = Static<typeof Dash.StatusCounts>;
export type Rollup = Static<typeof Dash.Rollup>;
export type CategorySummary = Static<typeof Dash.CategorySummary>;
export type NextDeadline = NonNullable<CategorySummary['nextDeadline']>;
export type AttentionItem = Static<typeof Dash.AttentionItem>;
export type AdherencePoint = Static<typeof Dash.AdherencePoint>;
export type TimelineRow = Static<typeof Dash.TimelineRow>;
export type DeadlineLine = Static<typeof Dash.DeadlineLine>;
export type DeadlineExtension = DeadlineLine['extensions'][number];
/** GET /api/bodies/:bodyId/dashboard[?asOf=YYYY-MM-DD] */
export type DashboardResponse = Static<typeof Dash.Dashboard>;
/** The dashboard's quarter, with its label ('2026年度 第3四半期'). */
export type FiscalQuarter = Static<typeof Assessed.FiscalQuarterSchema>;

export type DeadlineRef = Static<typeof Assessed.DeadlineRef>;
export type MilestoneAdherence = Static<typeof Assessed.AdherenceSchema>;
export type AssessedMilestone = Static<typeof Assessed.AssessedMilestoneSchema>;
export type KpiSeriesPoint = Static<typeof Assessed.KpiSeriesPointSchema>;
export type KpiWithSeries = Static<typeof Assessed.KpiWithSeries>;
export type KpiLatest = NonNullable<KpiWithSeries['latest']>;
export type ItemSummary = Static<typeof Assessed.ItemSummary>;
/** GET /api/items/:itemId */
export type ItemDetail = Static<typeof Items.ItemDetail>;
/** GET /api/items/:itemId/plan-history */
export type ItemPlanHistory = Static<typeof Baselines.ItemPlanHistory>;
export type MilestonePlanHistory = ItemPlanHistory['milestones'][number];
/** GET /api/plans/:planId/baselines */
export type BaselineInfo = Static<typeof Baselines.Baseline>;
export type BaselineCreated = Static<typeof Baselines.BaselineCreated>;

/** Error body of every non-2xx response. */
export type ApiErrorBody = Common.ErrorBody;
export type ApiFieldError = Static<typeof Common.FieldErrorSchema>;

// ---- session, 今期の更新, 変更履歴 (server/schemas/auth.ts, updates.ts, audit.ts) ----------------

/** What the UI may offer (GET /api/auth/me → permissions). The server decides every request. */
export type Permissions = Static<typeof Auth.Permissions>;
/** GET /api/auth/me and POST /api/auth/login */
export type Me = Static<typeof Auth.Me>;

/** A milestone row as PATCH /api/milestones/:id returns it (and as details.current on 409). */
export type Milestone = Static<typeof Milestones.Milestone>;
export type KpiValue = Static<typeof Kpis.KpiValue>;

export type QuarterPeriod = Static<typeof Updates.QuarterPeriod>;
export type Review = Static<typeof Updates.Review>;
export type UpdateKpi = Static<typeof Updates.UpdateKpi>;
export type MyUpdateItem = Static<typeof Updates.MyUpdateItem>;
export type MyUpdates = Static<typeof Updates.MyUpdates>;
export type SectionReport = Static<typeof Updates.SectionReport>;
export type ReportingStatus = Static<typeof Updates.ReportingStatus>;

export type AuditEntry = Static<typeof Audit.AuditEntry>;

// ---- 四半期の締め・レビュー（server/schemas/quarters.ts）-------------------------------------------

export type QuarterSnapshotSummary = Static<typeof Quarters.QuarterSnapshotSummary>;
export type Decision = Static<typeof Quarters.Decision>;
export type QuarterSnapshotDetail = Static<typeof Quarters.QuarterSnapshotDetail>;
export type QuarterReview = Static<typeof Quarters.QuarterReview>;
export type ReviewItem = QuarterReview['newlyLate'][number];
export type ReviewDeadline = QuarterReview['deadlinesPassed'][number];
export type ReviewQuarterRef = QuarterReview['quarter'];

// ---- 全国・都道府県の集計と団体の比較 (server/schemas/rollups.ts, standardization.ts) ----------------

export type StepCounts = Static<typeof Standardization.StepCounts>;
export type StepStatus = keyof StepCounts;
export type RollupTotals = Static<typeof Rollups.RollupTotals>;
export type RollupDeadline = Static<typeof Rollups.RollupDeadline>;
export type PrefectureRollupRow = Static<typeof Rollups.PrefectureRollupRow>;
export type AreaRollupRow = Static<typeof Rollups.AreaRollupRow>;
export type CategoryRollupRow = Static<typeof Rollups.CategoryRollupRow>;
export type NationalRollup = Static<typeof Rollups.NationalRollup>;
export type BodyRollupRow = Static<typeof Rollups.BodyRollupRow>;
export type PrefectureAreaRow = Static<typeof Rollups.PrefectureAreaRow>;
export type PrefectureRollup = Static<typeof Rollups.PrefectureRollup>;
export type MunicipalityCategories = Static<typeof Rollups.MunicipalityCategories>;
export type MunicipalityCategoryRow = MunicipalityCategories['bodies'][number];
export type PeerAreaRow = Static<typeof Rollups.PeerAreaRow>;
export type BodyPeers = Static<typeof Rollups.BodyPeers>;
export type PeerRank = BodyPeers['rankInPrefecture'];

// ---- Excelで一括更新 (server/schemas/sections.ts, imports.ts) --------------------------------------

export type BodySectionInfo = Static<typeof Sections.Section>;
export type ImportCounts = Static<typeof Imports.ImportCounts>;
export type ImportChange = Static<typeof Imports.ImportChange>;
export type ImportEntity = ImportChange['entity'];
export type ImportProblem = Static<typeof Imports.ImportProblem>;
export type ImportProblemKind = ImportProblem['kind'];
export type ImportPreview = Static<typeof Imports.ImportPreview>;
export type ImportApplyResult = Static<typeof Imports.ImportApplied>;
export type ImportProgress = Static<typeof Imports.ImportProgress>;
export type RunningImport = Imports.RunningImport;

// ---- ログイン記録 (server/schemas/login-log.ts) --------------------------------------------------------

/** One record of ログイン記録 (GET /api/login-log, /api/bodies/:bodyId/login-log). */
export type LoginLogEntry = Static<typeof LoginLog.LoginLogEntry>;
export type Account = Static<typeof Accounts.Account>;
export type AccountWithPassword = Static<typeof Accounts.AccountWithPassword>;
export type AccountCreate = Static<typeof Accounts.AccountCreate>;
export type Reminders = Static<typeof Reporting.Reminders>;
export type SectionReorganize = Static<typeof Sections.SectionReorganize>;
/** 次期計画 (issue 20): the current plan's items to carry over, and the request that starts the next plan. */
export type NextPlanDraft = Static<typeof PlanPeriods.NextPlanDraft>;
export type NextPlanInput = Static<typeof PlanPeriods.NextPlanCreate>;
export type ReportingWindows = Static<typeof Reporting.ReportingWindows>;
export type ReportingWindow = Static<typeof Reporting.ReportingWindow>;

// ---- 国の参照データ（データパック） (server/schemas/reference-pack.ts, reference-packs.ts) ----------------

/** A national benchmark series (全国の比較系列) of a KPI. */
export type NationalBenchmark = NonNullable<KpiWithSeries['nationalBenchmark']>;
/** A source of a national fact (出典): shown as text; the app never connects to the URL. */
export type FactSource = Omit<Pack.PackSource, 'kind' | 'note'> & { kind?: string };
export type FactStatus = (typeof Pack.VERIFICATION)[number];
export type ReferencePack = Static<typeof Pack.ReferencePack>;
export type ReferencePackInfo = Static<typeof Packs.ReferencePackInfo>;
/** GET /api/reference-packs/active */
export type ActivePack = Static<typeof Packs.ActivePack>;
export type PackFactChange = Static<typeof Packs.FactChangeSchema>;
/** POST /api/reference-packs/preview (and, with `pack`, the result of applying or rolling back). */
export type PackPreview = Static<typeof Packs.PackPreview>;
export type PackApplyResult = Static<typeof Packs.PackApplyResult>;

// ---- 公開設定 (server/schemas/public.ts, issue 21) -------------------------------------------------------
/** GET /api/bodies/:bodyId/publication. */
export type PublicationSettings = Static<typeof Public.PublicationSettings>;
/** One item of it (PUT /api/items/:itemId/publication answers one). */
export type PublicationItem = PublicationSettings['items'][number];
