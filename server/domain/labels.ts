/**
 * Stable English codes (stored in the DB and used in the API) and their Japanese labels (shown to
 * users). Code lists are `as const` arrays so types, validation and select boxes share one source.
 */

export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'done', 'not_applicable'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  not_started: '未着手',
  in_progress: '作業中',
  done: '完了',
  not_applicable: '対象外',
};

/**
 * Item statuses, worst first, so sorting by this order puts what needs attention at the top and "the
 * worst of several" (a parent and its children) is the one with the lowest index. Open states come
 * before finished ones: a part still open makes the whole open. One line each (README "Statuses"):
 * - past_deadline 期限超過: a milestone that answers a national deadline is not done and that deadline
 *   (the extended one where an extension applies) has passed.
 * - at_risk 要注意: such a milestone's forecast (planned date + the delay carried forward) passes it.
 * - delayed 遅延: a milestone is past its planned date and not done.
 * - start_late 着手遅れ: a milestone is past its planned start and still 未着手.
 * - not_planned 未計画: no milestones: it needs a schedule; left out of rates.
 * - on_track 順調: open, nothing of the above.
 * - done_late 期限後完了: every step done, but a deadline-bearing milestone after its deadline.
 * - done 完了: every step done, every deadline met.
 * - not_applicable 対象外: every milestone is 対象外 (each with its reason).
 */
export const ITEM_STATUSES = [
  'past_deadline',
  'at_risk',
  'delayed',
  'start_late',
  'not_planned',
  'on_track',
  'done_late',
  'done',
  'not_applicable',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  past_deadline: '期限超過',
  at_risk: '要注意',
  delayed: '遅延',
  start_late: '着手遅れ',
  not_planned: '未計画',
  on_track: '順調',
  done_late: '期限後完了',
  done: '完了',
  not_applicable: '対象外',
};

/** Statuses that need someone to act (the dashboard's 要対応 list and the review's 要対応 figure). */
export const ATTENTION_STATUSES: readonly ItemStatus[] = ['past_deadline', 'at_risk', 'delayed', 'start_late', 'not_planned'];
/** Finished statuses (nothing left to do). */
export const FINISHED_STATUSES: readonly ItemStatus[] = ['done_late', 'done', 'not_applicable'];
export const isFinishedStatus = (s: ItemStatus) => FINISHED_STATUSES.includes(s);

/** Rank of an item status, 0 = worst: for sorting and for picking the worst of several. */
export function itemStatusSeverity(status: ItemStatus): number {
  return ITEM_STATUSES.indexOf(status);
}

/**
 * Where a milestone stands in 今期の更新 (an officer's list for the current quarter), most urgent first:
 * overdue — planned date passed and not finished; due_this_quarter — planned within this quarter;
 * upcoming — later; done; not_applicable.
 */
export const UPDATE_FOCUSES = ['overdue', 'due_this_quarter', 'upcoming', 'done', 'not_applicable'] as const;
export type UpdateFocus = (typeof UPDATE_FOCUSES)[number];
export const UPDATE_FOCUS_LABELS: Record<UpdateFocus, string> = {
  overdue: '期限超過',
  due_this_quarter: '今期が予定日',
  upcoming: '来期以降',
  done: '完了',
  not_applicable: '対象外',
};

/** A milestone against its plan (domain/adherence.ts `Adherence['kind']`). */
export const ADHERENCE_KINDS = ['done_on_time', 'done_late', 'overdue', 'upcoming', 'not_applicable'] as const;
export type AdherenceKind = (typeof ADHERENCE_KINDS)[number];
export const ADHERENCE_LABELS: Record<AdherenceKind, string> = {
  done_on_time: '予定どおり完了',
  done_late: '遅れて完了',
  overdue: '期限超過（未完了）',
  upcoming: '予定',
  not_applicable: '対象外',
};
/** The same, where a status column beside it already says the milestone is not done (CSV exports). */
export const ADHERENCE_SHORT_LABELS: Record<AdherenceKind, string> = { ...ADHERENCE_LABELS, overdue: '期限超過' };

/** The worst of several statuses; null when there are none. */
export function worstItemStatus(statuses: Iterable<ItemStatus>): ItemStatus | null {
  let worst: ItemStatus | null = null;
  for (const s of statuses) if (worst === null || itemStatusSeverity(s) < itemStatusSeverity(worst)) worst = s;
  return worst;
}

/** 国の期限 (as the government set it) and 延長後の期限 (an extension applies) are different words. */
export const deadlineWord = (extended: boolean) => (extended ? '延長後の期限' : '国の期限');

/**
 * KPI statuses. 未更新 (stale): no value for the period that should have been reported by now (one
 * quarter's grace); 未達成 (missed): the target year's figure is in, or the target year is over, and
 * the target is not met. Neither is ever shown as 順調 or 達成.
 */
export const KPI_STATUSES = ['achieved', 'on_track', 'behind', 'missed', 'stale', 'no_data'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];
export const KPI_STATUS_LABELS: Record<KpiStatus, string> = {
  achieved: '達成',
  on_track: '順調',
  behind: '遅れ',
  missed: '未達成',
  stale: '未更新',
  no_data: '未計測',
};

/**
 * What a KPI's values measure: 累計 (a running total), 期間値 (a total per fiscal year) or 時点値 (a
 * reading at a point in time). 期間値 values entered for quarters are year-to-date totals or the
 * quarter's own amount (KPI_PERIOD_ENTRIES); a whole-year value (quarter 0) is always the annual figure.
 */
export const KPI_KINDS = ['cumulative', 'period', 'point'] as const;
export type KpiKind = (typeof KPI_KINDS)[number];
export const KPI_KIND_LABELS: Record<KpiKind, string> = { cumulative: '累計', period: '期間値', point: '時点値' };
export const KPI_PERIOD_ENTRIES = ['year_to_date', 'per_quarter'] as const;
export type KpiPeriodEntry = (typeof KPI_PERIOD_ENTRIES)[number];
export const KPI_PERIOD_ENTRY_LABELS: Record<KpiPeriodEntry, string> = {
  year_to_date: '年度初めからの累計',
  per_quarter: '四半期ごとの値',
};

export const BODY_KINDS = ['prefecture', 'designated_city', 'city', 'ward', 'town', 'village'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  prefecture: '都道府県',
  designated_city: '政令指定都市',
  city: '市',
  ward: '特別区',
  town: '町',
  village: '村',
};

/** How precise a national deadline's date is in its source (「2026年9月」 is a month, 「令和7年度末」 a day). */
export const DATE_PRECISIONS = ['day', 'month', 'fiscal_year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** National numbers in the data pack: a published figure (全国の数値) or a benchmark series KPIs may be compared with. */
export const FIGURE_KINDS = ['figure', 'benchmark'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** Status of a national fact: confirmed from a primary source, or not (要確認). */
export const VERIFICATION_LABELS = { confirmed: '確認済み', unverified: '要確認' } as const;

/** Scope of a deadline extension: one system (body + business area), one plan item, or the whole body. */
export const EXTENSION_SCOPES = ['area', 'item', 'body'] as const;
export type ExtensionScope = (typeof EXTENSION_SCOPES)[number];
export const EXTENSION_SCOPE_LABELS: Record<ExtensionScope, string> = {
  area: '業務（システム）単位',
  item: '取組単位',
  body: '団体全体',
};

export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
export const KPI_DIRECTION_LABELS: Record<KpiDirection, string> = {
  higher: '高いほど良い',
  lower: '低いほど良い',
};

/**
 * Roles of user accounts (see server/auth/policy.ts for what each may do):
 * admin — system administrator; hq — DX推進本部 of one body; officer — DX推進員 of some sections of one body;
 * viewer — reads one body (e.g. council staff); prefecture — reads every body of one prefecture.
 */
export const ROLES = ['admin', 'hq', 'officer', 'viewer', 'prefecture'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'システム管理者',
  hq: 'DX推進本部',
  officer: 'DX推進員',
  viewer: '閲覧者',
  prefecture: '都道府県',
};

/** What an entry of the audit trail (変更履歴) records. `review` is a 「変更なし」 check of an item. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'review'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: '登録',
  update: '更新',
  delete: '削除',
  review: '確認（変更なし）',
};

/** ログイン記録: what happened to an account (server/auth/login-log.ts). */
export const LOGIN_EVENTS = [
  'login',
  'login_failed',
  'lock',
  'login_refused',
  'logout',
  'password_changed',
  'password_reset',
  'disabled',
  'enabled',
] as const;
export type LoginEvent = (typeof LOGIN_EVENTS)[number];
export const LOGIN_EVENT_LABELS: Record<LoginEvent, string> = {
  login: 'ログイン',
  login_failed: 'ログイン失敗',
  lock: 'ロック（失敗が続いたため一時停止）',
  login_refused: 'ロック中のため拒否',
  logout: 'ログアウト',
  password_changed: 'パスワード変更',
  password_reset: 'パスワード再設定（管理者）',
  disabled: '利用停止',
  enabled: '利用再開',
};
