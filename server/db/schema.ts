/**
 * The one drizzle schema of the product. Row types are inferred from it (`$inferSelect`), never
 * written by hand. Migrations in `migrations/` are generated from this file by `npm run db:generate`.
 *
 * Conventions:
 * - Calendar dates are plain `YYYY-MM-DD` text: they are dates in Japan, not instants, so they never
 *   go through a time zone. Timestamps (`created_at`, `updated_at`) are ISO-8601 UTC text.
 * - Status values are stable English codes; the Japanese labels live in `server/domain/labels.ts`.
 * - Rows users edit concurrently carry `version`, bumped on every update: a write names the version it
 *   read and is refused with 409 when it is stale (see `server/repositories/versioned.ts`).
 * - `is_sample` marks invented demo values (サンプル) so the UI and exports can say so.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
const updatedAt = () =>
  text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
const version = () => integer('version').notNull().default(1);
const isSample = () => integer('is_sample', { mode: 'boolean' }).notNull().default(false);

// The code lists are domain vocabulary; the schema stores them as text checked by drizzle's enum type.
import {
  AUDIT_ACTIONS,
  BODY_KINDS,
  DATE_PRECISIONS,
  FIGURE_KINDS,
  KPI_DIRECTIONS,
  KPI_KINDS,
  KPI_PERIOD_ENTRIES,
  LOGIN_EVENTS,
  MILESTONE_STATUSES,
  ROLES,
} from '../domain/labels.ts';
import type { Quarter } from '../domain/fiscal.ts';
export { AUDIT_ACTIONS, BODY_KINDS, DATE_PRECISIONS, FIGURE_KINDS, KPI_DIRECTIONS, KPI_KINDS, KPI_PERIOD_ENTRIES, LOGIN_EVENTS, MILESTONE_STATUSES, ROLES };
export type { AuditAction, BodyKind, KpiDirection, KpiKind, LoginEvent, MilestoneStatus, Role } from '../domain/labels.ts';

/** 地方公共団体: prefectures and municipalities, keyed by the 6-digit local government code. */
export const localBodies = sqliteTable(
  'local_bodies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    prefectureCode: text('prefecture_code').notNull(),
    prefectureName: text('prefecture_name').notNull(),
    kind: text('kind', { enum: BODY_KINDS }).notNull(),
    population: integer('population'),
    isSample: isSample(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('local_bodies_code_uq').on(t.code),
    index('local_bodies_prefecture_idx').on(t.prefectureCode),
  ],
);

/** 課: the sections of a body that own plan items. */
export const sections = sqliteTable(
  'sections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bodyId: integer('body_id')
      .notNull()
      .references(() => localBodies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /**
     * 課の再編 (issue 20): the first day the section no longer exists (merged into another, split, or
     * retired). Its items and officers have moved; the row stays so that history keeps its name.
     */
    retiredOn: text('retired_on'),
    /** Merged into this section (from `retiredOn`). */
    mergedIntoId: integer('merged_into_id').references((): AnySQLiteColumn => sections.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sections_body_name_uq').on(t.bodyId, t.name)],
);

/**
 * Earlier names of a section (課の名称変更): `name` was the section's name up to and including `validUntil`.
 * The name at a date is the first of these whose `validUntil` is on or after it, else `sections.name`
 * (repositories/sections.ts `sectionNameAt`): history and reports of earlier quarters show the old name.
 */
export const sectionNames = sqliteTable(
  'section_names',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sectionId: integer('section_id')
      .notNull()
      .references(() => sections.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    validUntil: text('valid_until').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('section_names_section_idx').on(t.sectionId, t.validUntil)],
);

/** 取組分野: reference data, not an enum in code. */
export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** One of the five categories the product is built around (標準化, ガバメントクラウド, …). */
    isCore: integer('is_core', { mode: 'boolean' }).notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('categories_code_uq').on(t.code)],
);

/** 国が掲げる目標時期: a national deadline with the text it comes from. */
export const nationalDeadlines = sqliteTable(
  'national_deadlines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    title: text('title').notNull(),
    dueDate: text('due_date').notNull(),
    categoryId: integer('category_id').references(() => categories.id, { onDelete: 'set null' }),
    /** A note on the date: what exactly the source says, what is not confirmed. */
    sourceText: text('source_text').notNull().default(''),
    /** 要確認: not confirmed from a primary source (総務省, デジタル庁, J-LIS). Shown as such, never as settled. */
    needsVerification: integer('needs_verification', { mode: 'boolean' }).notNull().default(false),
    /** How precise the source is: 'day', 'month' (「2026年9月」: due_date is the month's last day) or 'fiscal_year'. */
    datePrecision: text('date_precision', { enum: DATE_PRECISIONS }).notNull().default('day'),
    /** JSON array of sources ({ publisher, title, publishedOn, url, note }), from the national data pack. */
    sources: text('sources').notNull().default('[]'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('national_deadlines_code_uq').on(t.code)],
);

/**
 * An extension that supersedes a national deadline for a scope: one body's business area (body + area:
 * one system, e.g. a 特定移行支援システム), one plan item, or the whole body (body alone, only when the
 * decision says so). The original deadline row is never changed, so both can be charted.
 */
export const deadlineExtensions = sqliteTable(
  'deadline_extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deadlineId: integer('deadline_id')
      .notNull()
      .references(() => nationalDeadlines.id, { onDelete: 'cascade' }),
    bodyId: integer('body_id').references(() => localBodies.id, { onDelete: 'cascade' }),
    itemId: integer('item_id').references(() => planItems.id, { onDelete: 'cascade' }),
    /** With bodyId: the extension covers that body's system of this business area only. */
    areaId: integer('area_id').references(() => businessAreas.id, { onDelete: 'cascade' }),
    extendedDueDate: text('extended_due_date').notNull(),
    reason: text('reason').notNull().default(''),
    sourceText: text('source_text').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    check('deadline_extensions_scope_ck', sql`${t.bodyId} IS NOT NULL OR ${t.itemId} IS NOT NULL`),
    check('deadline_extensions_area_ck', sql`${t.areaId} IS NULL OR (${t.bodyId} IS NOT NULL AND ${t.itemId} IS NULL)`),
    index('deadline_extensions_area_idx').on(t.bodyId, t.areaId),
    index('deadline_extensions_deadline_idx').on(t.deadlineId),
    index('deadline_extensions_body_idx').on(t.bodyId),
    index('deadline_extensions_item_idx').on(t.itemId),
  ],
);

/** 自治体DX推進計画: a body's plan over a period of fiscal years. */
export const plans = sqliteTable(
  'plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bodyId: integer('body_id')
      .notNull()
      .references(() => localBodies.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startFiscalYear: integer('start_fiscal_year').notNull(),
    endFiscalYear: integer('end_fiscal_year').notNull(),
    adoptedOn: text('adopted_on'),
    sourceText: text('source_text').notNull().default(''),
    /**
     * 計画期間 (issue 20): NULL = the body's current plan; a date = the day HQ started the next plan from this one, after
     * which it is read-only and read as it was then (`ended_plan_payloads`). Roll-ups count `ended_on IS NULL` only.
     */
    endedOn: text('ended_on'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('plans_body_idx').on(t.bodyId),
    check('plans_period_ck', sql`${t.startFiscalYear} <= ${t.endFiscalYear}`),
    // At most one current plan per body.
    uniqueIndex('plans_current_uq').on(t.bodyId).where(sql`ended_on IS NULL`),
  ],
);

/**
 * An ended plan as it was at its end (issue 20): its items, milestones, KPIs and KPI values as JSON, written in the same
 * transaction that ends it. Carried items move to the next plan with their ids (and history), so the old plan is read
 * from this frozen copy. Not audited: a copy of audited rows (like quarter_snapshot_payloads).
 */
export const endedPlanPayloads = sqliteTable('ended_plan_payloads', {
  planId: integer('plan_id')
    .primaryKey()
    .references(() => plans.id, { onDelete: 'cascade' }),
  payload: text('payload').notNull(),
});

/** 取組事項: one item of a plan, owned by a section; the national deadlines it answers sit on its milestones. */
export const planItems = sqliteTable(
  'plan_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    sectionId: integer('section_id')
      .notNull()
      .references(() => sections.id),
    parentId: integer('parent_id').references((): AnySQLiteColumn => planItems.id, {
      onDelete: 'cascade',
    }),
    /**
     * Retired: deadlines sit on the milestone that answers them (`milestones.national_deadline_id`).
     * Migration 0015 (deadlines_on_milestones) moved every value there and cleared this column; nothing reads or writes it. It
     * stays only because dropping it would rebuild plan_items and every trigger on it.
     */
    nationalDeadlineId: integer('national_deadline_id').references(() => nationalDeadlines.id, {
      onDelete: 'set null',
    }),
    title: text('title').notNull(),
    targetFiscalYear: integer('target_fiscal_year').notNull(),
    notes: text('notes').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    isSample: isSample(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('plan_items_plan_idx').on(t.planId),
    index('plan_items_section_idx').on(t.sectionId),
    index('plan_items_category_idx').on(t.categoryId),
    index('plan_items_parent_idx').on(t.parentId),
  ],
);

/**
 * マイルストーン: a dated step of an item. `plannedDate` is when it is due; the optional start dates
 * let the timeline draw spans (準備 FY2022–2023) rather than points. `nationalDeadlineId`: the national
 * deadline this step must be done by (「セキュリティポリシーの改定」 answers 令和4年度末); an item may
 * carry several deadlines, one per answering milestone. 対象外 needs a reason in `note`.
 */
export const milestones = sqliteTable(
  'milestones',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => planItems.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    plannedStartDate: text('planned_start_date'),
    plannedDate: text('planned_date').notNull(),
    actualStartDate: text('actual_start_date'),
    actualDate: text('actual_date'),
    status: text('status', { enum: MILESTONE_STATUSES }).notNull().default('not_started'),
    nationalDeadlineId: integer('national_deadline_id').references(() => nationalDeadlines.id, {
      onDelete: 'set null',
    }),
    note: text('note').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    isSample: isSample(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('milestones_item_idx').on(t.itemId),
    index('milestones_deadline_idx').on(t.nationalDeadlineId),
    check(
      'milestones_done_has_date_ck',
      sql`(${t.status} = 'done') = (${t.actualDate} IS NOT NULL)`,
    ),
  ],
);

/** 指標 (KPI) of a body, usually attached to one item. */
export const kpis = sqliteTable(
  'kpis',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bodyId: integer('body_id')
      .notNull()
      .references(() => localBodies.id, { onDelete: 'cascade' }),
    itemId: integer('item_id').references(() => planItems.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    direction: text('direction', { enum: KPI_DIRECTIONS }).notNull(),
    /** 累計 / 期間値 / 時点値 (server/domain/labels.ts KPI_KINDS): what the values measure. */
    valueKind: text('value_kind', { enum: KPI_KINDS }).notNull().default('point'),
    /** 期間値 only: quarterly values are year-to-date totals or each quarter's own amount. */
    periodEntry: text('period_entry', { enum: KPI_PERIOD_ENTRIES }).notNull().default('year_to_date'),
    baselineValue: real('baseline_value').notNull(),
    baselineFiscalYear: integer('baseline_fiscal_year').notNull(),
    targetValue: real('target_value').notNull(),
    targetFiscalYear: integer('target_fiscal_year').notNull(),
    /** A comparison the body entered itself (its own label); not a national series. */
    benchmarkValue: real('benchmark_value'),
    benchmarkLabel: text('benchmark_label').notNull().default(''),
    /** The national series (national_figures.code, kind 'benchmark') compared with, only when its definition is the KPI's. */
    benchmarkCode: text('benchmark_code'),
    /** The range a value may take, declared by the body (null = not declared on that side); when either side is set it
     *  replaces the range derived from baseline, target and unit (server/domain/kpi-range.ts). */
    allowedMin: real('allowed_min'),
    allowedMax: real('allowed_max'),
    notes: text('notes').notNull().default(''),
    isSample: isSample(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('kpis_body_idx').on(t.bodyId),
    index('kpis_item_idx').on(t.itemId),
    check('kpis_period_ck', sql`${t.baselineFiscalYear} <= ${t.targetFiscalYear}`),
  ],
);

/** A KPI's actual value for a fiscal quarter (1–4) or the whole fiscal year (quarter 0). */
export const kpiValues = sqliteTable(
  'kpi_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kpiId: integer('kpi_id')
      .notNull()
      .references(() => kpis.id, { onDelete: 'cascade' }),
    fiscalYear: integer('fiscal_year').notNull(),
    quarter: integer('quarter').notNull(),
    value: real('value').notNull(),
    note: text('note').notNull().default(''),
    isSample: isSample(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('kpi_values_period_uq').on(t.kpiId, t.fiscalYear, t.quarter),
    check('kpi_values_quarter_ck', sql`${t.quarter} BETWEEN 0 AND 4`),
  ],
);

/** 標準化対象20業務: reference data. */
export const businessAreas = sqliteTable(
  'business_areas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('business_areas_code_uq').on(t.code)],
);

/**
 * The step template (手順書の作業項目) every business area goes through. Reference data, editable:
 * the ministry's exact list is in its handbook, which the product does not ship.
 */
export const standardizationSteps = sqliteTable(
  'standardization_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    phase: text('phase').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('standardization_steps_code_uq').on(t.code)],
);

/** One body's migration of one business area: owner section and whether it is a 特定移行支援システム. */
export const bodyBusinessAreas = sqliteTable(
  'body_business_areas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bodyId: integer('body_id')
      .notNull()
      .references(() => localBodies.id, { onDelete: 'cascade' }),
    areaId: integer('area_id')
      .notNull()
      .references(() => businessAreas.id),
    sectionId: integer('section_id').references(() => sections.id, { onDelete: 'set null' }),
    itemId: integer('item_id').references(() => planItems.id, { onDelete: 'set null' }),
    /** 特定移行支援システム: its deadline is extended (see deadline_extensions). */
    migrationSupport: integer('migration_support', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('body_business_areas_uq').on(t.bodyId, t.areaId)],
);

/** The status of one template step for one body's business area, the ministry's way. */
export const bodyAreaSteps = sqliteTable(
  'body_area_steps',
  {
    bodyAreaId: integer('body_area_id')
      .notNull()
      .references(() => bodyBusinessAreas.id, { onDelete: 'cascade' }),
    stepId: integer('step_id')
      .notNull()
      .references(() => standardizationSteps.id, { onDelete: 'cascade' }),
    status: text('status', { enum: MILESTONE_STATUSES }).notNull().default('not_started'),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('body_area_steps_pk').on(t.bodyAreaId, t.stepId)],
);

// ---- accounts, sessions, audit trail ----------------------------------------------------------------

/**
 * A user account. admin: no body, no prefecture; hq / officer / viewer: one body; prefecture: one
 * prefecture code (reads every body of it). Passwords are argon2id hashes (PHC strings), never plain.
 */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    // No cascade: a body with accounts is not deleted silently (the FK refuses, 409 IN_USE).
    bodyId: integer('body_id').references(() => localBodies.id),
    prefectureCode: text('prefecture_code'),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    /**
     * The password was set by someone else (an account made or reset in the app): the user must choose
     * their own before anything else (auth/plugin.ts refuses every other route). Cleared by changing it.
     */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    /** Where reminders go (optional; mail is sent only when SMTP_URL is set). */
    email: text('email'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    index('users_body_idx').on(t.bodyId),
    check(
      'users_role_scope_ck',
      sql`(${t.role} = 'admin' AND ${t.bodyId} IS NULL AND ${t.prefectureCode} IS NULL)
        OR (${t.role} IN ('hq', 'officer', 'viewer') AND ${t.bodyId} IS NOT NULL AND ${t.prefectureCode} IS NULL)
        OR (${t.role} = 'prefecture' AND ${t.bodyId} IS NULL AND ${t.prefectureCode} IS NOT NULL)`,
    ),
  ],
);

/** The sections (課) a DX推進員 (officer) updates. */
export const userSections = sqliteTable(
  'user_sections',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sectionId: integer('section_id')
      .notNull()
      .references(() => sections.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.sectionId] }), index('user_sections_section_idx').on(t.sectionId)],
);

/**
 * A login session. The cookie carries a random 32-byte token; only its SHA-256 is stored, so a copy
 * of the database does not let anyone sign in. `csrfToken` is sent back in the x-csrf-token header on
 * every write. Revoked (logout) or expired sessions are refused.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [uniqueIndex('sessions_token_hash_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/**
 * ログイン記録: every login, failed login, lock, refused attempt, logout and account change (password,
 * disabling), with the user (or the name tried), the address and the time (server/auth/login-log.ts).
 * Kept for LOGIN_LOG_RETENTION_DAYS (default 365), then deleted. No foreign keys: the record of a deleted
 * user stays. `bodyId` is the user's body at the time (HQ reads its body's records). The login throttle
 * counts failures from it (auth/throttle.ts): `bucket` says whose failures they were ('account': from
 * browsers the account never logged in from; 'device:N': from one trusted browser).
 */
export const loginLog = sqliteTable(
  'login_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    event: text('event', { enum: LOGIN_EVENTS }).notNull(),
    /** The account's user name, or the name that was tried (normalized, at most 100 characters). */
    username: text('username').notNull(),
    userId: integer('user_id'),
    bodyId: integer('body_id'),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    bucket: text('bucket').notNull().default(''),
    /** Why (a failure's reason, a lock's end, who reset a password). */
    detail: text('detail').notNull().default(''),
  },
  (t) => [
    index('login_log_at_idx').on(t.at),
    index('login_log_user_idx').on(t.username, t.bucket, t.at),
    index('login_log_ip_idx').on(t.ip, t.at),
    index('login_log_body_idx').on(t.bodyId, t.at),
    // Last login per account (the account list).
    index('login_log_user_id_idx').on(t.userId, t.event, t.at),
  ],
);

/**
 * Browsers an account logged in from (OWASP "device cookies"): the `dx_device` cookie holds a random
 * token, the table its SHA-256 per user. Failed logins from such a browser count against that browser
 * only, so other people's guesses at the account never lock its owner out of their usual browser.
 * Forgotten after 90 days unused, and when the account's password changes or it is disabled.
 */
export const trustedDevices = sqliteTable(
  'trusted_devices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [uniqueIndex('trusted_devices_token_user_uq').on(t.tokenHash, t.userId), index('trusted_devices_user_idx').on(t.userId)],
);

/**
 * 変更履歴: one row per created, updated or deleted row of the plan and reference tables, written by
 * SQLite triggers in the same statement as the change (migrations `*_audit_triggers.sql`, generated by
 * server/audit/triggers.ts). Append-only: triggers refuse UPDATE and DELETE. No foreign keys, so the
 * history of a deleted row stays. `before` / `after` are JSON objects keyed by the API's field names.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id'),
    username: text('username').notNull(),
    requestId: text('request_id').notNull().default(''),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    bodyId: integer('body_id'),
    itemId: integer('item_id'),
    sectionId: integer('section_id'),
    before: text('before'),
    after: text('after'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('audit_log_body_idx').on(t.bodyId, t.at),
    index('audit_log_item_idx').on(t.itemId, t.at),
    index('audit_log_section_idx').on(t.sectionId, t.at),
    index('audit_log_user_idx').on(t.userId, t.at),
  ],
);

/** 「変更なし」: an officer checked an item in a fiscal quarter and nothing needed changing. */
export const itemReviews = sqliteTable(
  'item_reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => planItems.id, { onDelete: 'cascade' }),
    fiscalYear: integer('fiscal_year').notNull(),
    quarter: integer('quarter').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('item_reviews_item_idx').on(t.itemId, t.fiscalYear, t.quarter),
    check('item_reviews_quarter_ck', sql`${t.quarter} BETWEEN 1 AND 4`),
  ],
);

/**
 * 四半期の締め: a body's fiscal quarter closed by HQ. The frozen data (dashboard as of the quarter's
 * last day, milestones, KPIs) is in `quarter_snapshot_payloads`, written once at closing and replaced
 * only when a reopened quarter is closed again. Closing and reopening (with its reason) are audited here.
 */
export const quarterSnapshots = sqliteTable(
  'quarter_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bodyId: integer('body_id')
      .notNull()
      .references(() => localBodies.id, { onDelete: 'cascade' }),
    fiscalYear: integer('fiscal_year').notNull(),
    quarter: integer('quarter').$type<Quarter>().notNull(),
    /** The quarter's last day: the data is judged as of this date. */
    asOf: text('as_of').notNull(),
    status: text('status', { enum: ['closed', 'reopened'] }).notNull().default('closed'),
    closedBy: integer('closed_by').references(() => users.id, { onDelete: 'set null' }),
    closedByName: text('closed_by_name').notNull().default(''),
    closedAt: text('closed_at').notNull(),
    reopenedBy: integer('reopened_by').references(() => users.id, { onDelete: 'set null' }),
    reopenedByName: text('reopened_by_name'),
    reopenedAt: text('reopened_at'),
    reopenReason: text('reopen_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('quarter_snapshots_body_quarter_uq').on(t.bodyId, t.fiscalYear, t.quarter),
    check('quarter_snapshots_quarter_ck', sql`${t.quarter} BETWEEN 1 AND 4`),
  ],
);

/** The frozen JSON of a snapshot (not audited: a copy of audited data; the close itself is audited). */
export const quarterSnapshotPayloads = sqliteTable('quarter_snapshot_payloads', {
  snapshotId: integer('snapshot_id')
    .primaryKey()
    .references(() => quarterSnapshots.id, { onDelete: 'cascade' }),
  payload: text('payload').notNull(),
});

/** 対応方針: HQ's comment or decision on an item, kept with a closed quarter. */
export const snapshotDecisions = sqliteTable(
  'snapshot_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    snapshotId: integer('snapshot_id')
      .notNull()
      .references(() => quarterSnapshots.id, { onDelete: 'cascade' }),
    /** The item as frozen in the snapshot (no foreign key: the snapshot outlives the live item). */
    itemId: integer('item_id').notNull(),
    decision: text('decision').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    username: text('username').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('snapshot_decisions_item_uq').on(t.snapshotId, t.itemId)],
);

/**
 * 報告期限: the date by which a body's officers give their word on a fiscal quarter (set by HQ, e.g. ten
 * days after the quarter ends). Reminders (banner, list, e-mail) count down to it; after it HQ sees who is late.
 */
export const reportingWindows = sqliteTable(
  'reporting_windows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bodyId: integer('body_id')
      .notNull()
      .references(() => localBodies.id, { onDelete: 'cascade' }),
    fiscalYear: integer('fiscal_year').notNull(),
    quarter: integer('quarter').$type<Quarter>().notNull(),
    dueDate: text('due_date').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('reporting_windows_body_quarter_uq').on(t.bodyId, t.fiscalYear, t.quarter),
    check('reporting_windows_quarter_ck', sql`${t.quarter} BETWEEN 1 AND 4`),
  ],
);

/**
 * Reminder e-mails (services/reminders.ts): one row per message tried, sent or failed. The unique key
 * (user, day) makes "at most one reminder per person per day" a database fact, whichever process sends.
 * Not audited: a log of what the server did, not a change anyone made.
 */
export const mailLog = sqliteTable(
  'mail_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** The day in Japan the message belongs to (YYYY-MM-DD). */
    day: text('day').notNull(),
    userId: integer('user_id').notNull(),
    bodyId: integer('body_id'),
    email: text('email').notNull(),
    kind: text('kind', { enum: ['due_soon', 'hq_summary'] }).notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    quarter: integer('quarter').notNull(),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['sending', 'sent', 'failed'] }).notNull(),
    error: text('error').notNull().default(''),
  },
  (t) => [uniqueIndex('mail_log_user_day_uq').on(t.userId, t.day), index('mail_log_body_idx').on(t.bodyId, t.at)],
);

export type LocalBody = typeof localBodies.$inferSelect;
export type Section = typeof sections.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type NationalDeadline = typeof nationalDeadlines.$inferSelect;
export type DeadlineExtension = typeof deadlineExtensions.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type PlanItem = typeof planItems.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;
export type Kpi = typeof kpis.$inferSelect;
export type KpiValue = typeof kpiValues.$inferSelect;
export type BusinessArea = typeof businessAreas.$inferSelect;
export type StandardizationStep = typeof standardizationSteps.$inferSelect;
export type BodyBusinessArea = typeof bodyBusinessAreas.$inferSelect;
export type BodyAreaStep = typeof bodyAreaSteps.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
export type ItemReview = typeof itemReviews.$inferSelect;
export type QuarterSnapshot = typeof quarterSnapshots.$inferSelect;
export type SnapshotDecision = typeof snapshotDecisions.$inferSelect;

// ---- maintained roll-ups (standardization) -------------------------------------------------------

/*
 * Aggregates of body_area_steps, kept up to date by SQLite triggers in the same statement (hence the same
 * transaction) as every write of body_area_steps, body_business_areas and local_bodies (migration
 * `*_rollup_triggers.sql`, generated by server/rollups/triggers.ts). Roll-up reads (national,
 * prefecture, peers) use only these tables: they never scan the ~1.4 million step rows of the country.
 * "Complete" is the ministry's: (完了 + 対象外) = steps, with at least one step.
 * No foreign keys: the triggers own these rows (a deleted body area subtracts its counts on the way out).
 */
const stepCountColumns = () => ({
  notStarted: integer('not_started').notNull().default(0),
  inProgress: integer('in_progress').notNull().default(0),
  done: integer('done').notNull().default(0),
  notApplicable: integer('not_applicable').notNull().default(0),
  steps: integer('steps').notNull().default(0),
});

/** One row per body business area: its step counts by status (copies of body, area, prefecture, 特定移行支援). */
export const bodyAreaStepCounts = sqliteTable(
  'body_area_step_counts',
  {
    bodyAreaId: integer('body_area_id').primaryKey(),
    bodyId: integer('body_id').notNull(),
    areaId: integer('area_id').notNull(),
    prefectureCode: text('prefecture_code').notNull(),
    migrationSupport: integer('migration_support').notNull().default(0),
    ...stepCountColumns(),
  },
  (t) => [index('body_area_step_counts_body_idx').on(t.bodyId)],
);

/** One row per local body: its areas (complete, 特定移行支援) and step counts over all of them. */
export const bodyStepCounts = sqliteTable(
  'body_step_counts',
  {
    bodyId: integer('body_id').primaryKey(),
    prefectureCode: text('prefecture_code').notNull(),
    areas: integer('areas').notNull().default(0),
    completeAreas: integer('complete_areas').notNull().default(0),
    msAreas: integer('ms_areas').notNull().default(0),
    completeMsAreas: integer('complete_ms_areas').notNull().default(0),
    ...stepCountColumns(),
  },
  (t) => [index('body_step_counts_prefecture_idx').on(t.prefectureCode)],
);

/** One row per (prefecture, business area) with at least one body area: the same counts summed. */
export const prefectureAreaStepCounts = sqliteTable(
  'prefecture_area_step_counts',
  {
    prefectureCode: text('prefecture_code').notNull(),
    areaId: integer('area_id').notNull(),
    bodyAreas: integer('body_areas').notNull().default(0),
    completeAreas: integer('complete_areas').notNull().default(0),
    msAreas: integer('ms_areas').notNull().default(0),
    completeMsAreas: integer('complete_ms_areas').notNull().default(0),
    ...stepCountColumns(),
  },
  (t) => [primaryKey({ columns: [t.prefectureCode, t.areaId] })],
);

/**
 * The DX plan items' figures by category (issues 16 and 19): kept by SQLite triggers in the same statement as every
 * write of plan_items, milestones, plans, kpis, kpi_values, item_reviews and audit_log (migration
 * `*_plan_rollup_triggers.sql`, generated by server/rollups/category-triggers.ts). The national and prefecture
 * category roll-ups and the prefecture's municipalities × categories table read only these (joined with `plans` for
 * the current-plan filter, server/rollups/current-plan.ts, and with `local_bodies` for the prefecture), never the
 * milestones. Counted as domain/rollup.ts counts: every milestone of every item once; 対象外 outside the schedule;
 * a done milestone on time when finished by its planned date; an open one (未着手 / 進行中) overdue once today is
 * after its planned date. Overdue depends on the day, so open milestones are kept by planned date and summed for
 * `today` at read time: correct when the day changes with no write. No foreign keys: the triggers own the rows.
 */
const milestoneCountColumns = () => ({
  notStarted: integer('not_started').notNull().default(0),
  inProgress: integer('in_progress').notNull().default(0),
  done: integer('done').notNull().default(0),
  notApplicable: integer('not_applicable').notNull().default(0),
  doneOnTime: integer('done_on_time').notNull().default(0),
  doneLate: integer('done_late').notNull().default(0),
});

/**
 * One row per plan item: its milestones by status, and the planned date of its earliest open milestone (null: none
 * open), with copies of its plan and category — so that a milestone deleted by a cascade still finds where it counted.
 */
export const itemMilestoneCounts = sqliteTable(
  'item_milestone_counts',
  {
    itemId: integer('item_id').primaryKey(),
    planId: integer('plan_id').notNull(),
    categoryId: integer('category_id').notNull(),
    ...milestoneCountColumns(),
    firstOpenDate: text('first_open_date'),
  },
  (t) => [index('item_milestone_counts_plan_idx').on(t.planId, t.categoryId)],
);

/**
 * One row per (plan, category) with items: the items' counts summed; `open_items`: items with an open milestone;
 * `first_open_date`: the earliest planned date of their open milestones (the body has an overdue one once today is later).
 */
export const planCategoryCounts = sqliteTable(
  'plan_category_counts',
  {
    planId: integer('plan_id').notNull(),
    categoryId: integer('category_id').notNull(),
    items: integer('items').notNull().default(0),
    openItems: integer('open_items').notNull().default(0),
    ...milestoneCountColumns(),
    firstOpenDate: text('first_open_date'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.categoryId] })],
);

/**
 * Per (plan, category, planned date): milestones not 対象外 due that day (`applicable`), those still open (`open`), and
 * items whose earliest open milestone is due that day (`first_open_items`). Reads sum the rows on or after today
 * (the future is the smaller part of a plan as it ages) and subtract them from the totals in plan_category_counts.
 */
export const planCategoryDates = sqliteTable(
  'plan_category_dates',
  {
    planId: integer('plan_id').notNull(),
    categoryId: integer('category_id').notNull(),
    plannedDate: text('planned_date').notNull(),
    applicable: integer('applicable').notNull().default(0),
    open: integer('open').notNull().default(0),
    firstOpenItems: integer('first_open_items').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.planId, t.categoryId, t.plannedDate] }), index('plan_category_dates_date_idx').on(t.plannedDate)],
);

/**
 * Per body: its last report — the latest change recorded in the audit trail or on its plan rows (items, milestones,
 * KPI values of its items) and its 「変更なし」 (item_reviews). Raised on every write; recomputed for the body when a
 * row is deleted or moved, or a time goes back.
 */
export const bodyLastReports = sqliteTable('body_last_reports', {
  bodyId: integer('body_id').primaryKey(),
  at: text('at').notNull(),
});

export type BodyAreaStepCounts = typeof bodyAreaStepCounts.$inferSelect;
export type BodyStepCounts = typeof bodyStepCounts.$inferSelect;
export type PrefectureAreaStepCounts = typeof prefectureAreaStepCounts.$inferSelect;

/**
 * A change counter per scope, bumped by triggers (server/cache/triggers.ts) in the same statement as
 * every write to the data a cached answer is made of. scope = a body's id for its dashboard data; 0 for
 * data every body shares (reference data, deadlines, extensions, body names); -1 for the national and
 * prefecture roll-ups. A cached answer remembers the versions it was made from and is used only while they
 * are unchanged, so a cached read is never stale. Not audited: it records no one's data.
 */
export const dataVersions = sqliteTable('data_versions', {
  scope: integer('scope').primaryKey(),
  version: integer('version').notNull().default(0),
});

// ---- spreadsheet imports (一括取込) -------------------------------------------------------------------

/**
 * 一括取込: an uploaded workbook or CSV, parsed once into `import_rows` (the uploaded file is deleted after
 * parsing) and checked as a dry run; applied later, all or nothing (server/services/import-*.ts). The rows
 * are deleted when the import is applied, rows and preview after the retention period (IMPORT_RETENTION_DAYS).
 * Audited (who uploaded what, and when it was applied); its rows and stored preview are not.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bodyId: integer('body_id')
      .notNull()
      .references(() => localBodies.id, { onDelete: 'cascade' }),
    /** The upload was limited to one section's rows (?sectionId=N). */
    sectionId: integer('section_id').references(() => sections.id, { onDelete: 'set null' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    userName: text('user_name').notNull().default(''),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['xlsx', 'csv'] }).notNull(),
    encoding: text('encoding', { enum: ['utf-8', 'utf-8-bom', 'shift_jis'] }),
    /** preview: checked, not applied; applied; expired: not applied within the retention period (rows and preview deleted). */
    status: text('status', { enum: ['preview', 'applied', 'expired'] }).notNull().default('preview'),
    rowCount: integer('row_count').notNull().default(0),
    appliedCreate: integer('applied_create'),
    appliedUpdate: integer('applied_update'),
    appliedAt: text('applied_at'),
    createdAt: createdAt(),
  },
  (t) => [index('imports_body_idx').on(t.bodyId, t.createdAt)],
);

/**
 * One data row of an upload, normalized (cells parsed to dates, codes and numbers; names kept as text
 * and resolved when checked), so a dry run and the apply check the same data without the file.
 */
export const importRows = sqliteTable(
  'import_rows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    entity: text('entity', { enum: ['plan', 'item', 'milestone', 'kpiValue'] }).notNull(),
    sheet: text('sheet').notNull(),
    row: integer('row').notNull(),
    /** JSON: { id, version, values, cols, errors } (see services/import-read.ts). */
    data: text('data').notNull(),
  },
  (t) => [uniqueIndex('import_rows_seq_uq').on(t.importId, t.entity, t.seq)],
);

/** The last dry run's result (ImportPreview JSON) of an import, for GET /api/imports/:importId. */
export const importPreviews = sqliteTable('import_previews', {
  importId: integer('import_id')
    .primaryKey()
    .references(() => imports.id, { onDelete: 'cascade' }),
  preview: text('preview').notNull(),
});

export type Import = typeof imports.$inferSelect;

// ---- national data pack (国の参照データ) --------------------------------------------------------------

/**
 * National figures and benchmark series (全国の数値・比較系列) from the national data pack, each with its
 * definition, sources and status. A KPI is compared with a benchmark series only when it names it
 * (kpis.benchmark_code). Reference data: audited, bumps the shared cache version.
 */
export const nationalFigures = sqliteTable(
  'national_figures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    kind: text('kind', { enum: FIGURE_KINDS }).notNull(),
    title: text('title').notNull(),
    /** What exactly is counted (the series' definition, in the source's words where possible). */
    definition: text('definition').notNull().default(''),
    value: real('value').notNull(),
    unit: text('unit').notNull(),
    /** The date the figure describes (YYYY-MM-DD), or null when it is a fiscal year's. */
    asOf: text('as_of'),
    fiscalYear: integer('fiscal_year'),
    needsVerification: integer('needs_verification', { mode: 'boolean' }).notNull().default(false),
    sources: text('sources').notNull().default('[]'),
    note: text('note').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('national_figures_code_uq').on(t.code)],
);

/**
 * A national data pack loaded into this database (one row per load, newest last). Exactly one is
 * `active`; applying a newer pack marks the active one `superseded`; rolling back re-applies the
 * previous pack's content and marks the rolled-back one `rolled_back`. Audited (who loaded what, when).
 */
export const referencePacks = sqliteTable(
  'reference_packs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    version: text('version').notNull(),
    title: text('title').notNull(),
    publishedOn: text('published_on').notNull(),
    status: text('status', { enum: ['active', 'superseded', 'rolled_back'] }).notNull(),
    /** The pack that was active before this one was applied (what a roll back returns to). */
    previousId: integer('previous_id'),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    userName: text('user_name').notNull().default(''),
    /** Short text of what changed (counts), for the history list. */
    summary: text('summary').notNull().default(''),
    loadedAt: createdAt(),
  },
  (t) => [index('reference_packs_status_idx').on(t.status)],
);

/** The JSON of a loaded pack (not audited: a copy of a file; the load itself is audited). */
export const referencePackContents = sqliteTable('reference_pack_contents', {
  packId: integer('pack_id')
    .primaryKey()
    .references(() => referencePacks.id, { onDelete: 'cascade' }),
  content: text('content').notNull(),
});

export type NationalFigure = typeof nationalFigures.$inferSelect;
export type ReferencePackRow = typeof referencePacks.$inferSelect;

// ---- history and baselines (issue 13; server/history/README.md) -----------------------------------

/**
 * 履歴: every version of the rows a plan's state is made of (plan items, milestones, KPIs, KPI values), each
 * valid from `valid_from` until `valid_to` (NULL: the current version). Written only by the history triggers
 * (`server/history/triggers.ts`, migration `*_history_triggers.sql`) in the same statement as the change, whatever
 * wrote it; a guard trigger refuses any other change (the past cannot be rewritten). `data` is the row as JSON keyed
 * by the API's field names (the same as the audit log's before/after). Reads "as known at instant T":
 * `valid_from <= T AND (valid_to IS NULL OR valid_to > T)` — plain SQL that PostgreSQL runs as well.
 * Reads of the current state never touch this table. No foreign keys: history outlives its rows.
 */
export const rowVersions = sqliteTable(
  'row_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The table's SQL name: plan_items, milestones, kpis, kpi_values. */
    entity: text('entity').notNull(),
    rowId: integer('row_id').notNull(),
    bodyId: integer('body_id'),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    data: text('data').notNull(),
    /** Who made this version, and why (the request's user and its reason / x-audit-note). */
    userId: integer('user_id'),
    username: text('username').notNull().default(''),
    reason: text('reason').notNull().default(''),
  },
  (t) => [
    index('row_versions_body_idx').on(t.bodyId, t.entity, t.validFrom),
    index('row_versions_row_idx').on(t.entity, t.rowId, t.validTo),
  ],
);

/**
 * 基準計画（ベースライン）: the plan as adopted (当初計画, kind `original`) and at each formal revision (計画改定,
 * kind `revision`): when, why, who approved it. Its entries copy every milestone's planned dates and every KPI's
 * target at that moment; milestones added later have no entry ("not in the baseline").
 */
export const baselines = sqliteTable(
  'baselines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['original', 'revision'] }).notNull(),
    /** The day the plan (or its revision) was adopted. */
    setOn: text('set_on').notNull(),
    reason: text('reason').notNull().default(''),
    approvedBy: text('approved_by').notNull().default(''),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    username: text('username').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('baselines_plan_idx').on(t.planId, t.setOn)],
);

/** A milestone's planned dates in a baseline (not audited: a copy; the baseline row is audited). */
export const baselineMilestones = sqliteTable(
  'baseline_milestones',
  {
    baselineId: integer('baseline_id')
      .notNull()
      .references(() => baselines.id, { onDelete: 'cascade' }),
    /** No foreign key: the baseline outlives a deleted milestone. */
    milestoneId: integer('milestone_id').notNull(),
    plannedStartDate: text('planned_start_date'),
    plannedDate: text('planned_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.baselineId, t.milestoneId] })],
);

/** A KPI's target in a baseline (not audited: a copy). */
export const baselineKpis = sqliteTable(
  'baseline_kpis',
  {
    baselineId: integer('baseline_id')
      .notNull()
      .references(() => baselines.id, { onDelete: 'cascade' }),
    kpiId: integer('kpi_id').notNull(),
    targetValue: real('target_value').notNull(),
    targetFiscalYear: integer('target_fiscal_year').notNull(),
  },
  (t) => [primaryKey({ columns: [t.baselineId, t.kpiId] })],
);

export type RowVersion = typeof rowVersions.$inferSelect;
export type Baseline = typeof baselines.$inferSelect;

/**
 * 公開設定 (issue 21): what a body shows residents at /public/:bodyCode and in its open data. One row per
 * body, written by HQ; without one nothing of the body is public. `defaultPublished` is the body-wide
 * default for items that have no choice of their own (off by default: nothing is public until HQ
 * publishes it); `licence` is stated on the page and in every open-data file.
 */
export const publicSettings = sqliteTable('public_settings', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  bodyId: integer('body_id')
    .notNull()
    .unique('public_settings_body_uq')
    .references(() => localBodies.id, { onDelete: 'cascade' }),
  defaultPublished: integer('default_published', { mode: 'boolean' }).notNull().default(false),
  licence: text('licence').notNull().default('CC BY 4.0'),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * An item's publication (issue 21): `published` null follows the body's default; the item's milestones and
 * KPIs are published with it except those listed as hidden. `publicText` (公開用の説明・実績) is written
 * for residents by HQ and is the only text of the item shown publicly (never `plan_items.notes`).
 */
export const itemPublications = sqliteTable('item_publications', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  itemId: integer('item_id')
    .notNull()
    .unique('item_publications_item_uq')
    .references(() => planItems.id, { onDelete: 'cascade' }),
  published: integer('published', { mode: 'boolean' }),
  publicText: text('public_text').notNull().default(''),
  hiddenMilestoneIds: text('hidden_milestone_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
  hiddenKpiIds: text('hidden_kpi_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type PublicSettings = typeof publicSettings.$inferSelect;
export type ItemPublication = typeof itemPublications.$inferSelect;
