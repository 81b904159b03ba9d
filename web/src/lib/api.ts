// The browser's API client: a typed map of the endpoints it calls (request and response types are the
// server's TypeBox schemas, see types.ts) and one request function that adds what every call needs —
// the CSRF token and 変更理由 on writes, AbortSignal, Japanese ApiError for every failure, upload and
// download progress. A path, parameter or field that does not exist on the server is a compile error.
import type { Static, TSchema } from '@sinclair/typebox';
import type { FiscalQuarter } from '$domain/fiscal.ts';
import type * as Accounts from '$schemas/accounts.ts';
import type * as Assessed from '$schemas/assessed.ts';
import type * as Audit from '$schemas/audit.ts';
import type * as Auth from '$schemas/auth.ts';
import type * as Baselines from '$schemas/baselines.ts';
import type * as Bodies from '$schemas/bodies.ts';
import type * as Imports from '$schemas/imports.ts';
import type * as Items from '$schemas/items.ts';
import type * as Kpis from '$schemas/kpis.ts';
import type * as LoginLog from '$schemas/login-log.ts';
import type * as Milestones from '$schemas/milestones.ts';
import type * as PlanPeriods from '$schemas/plan-periods.ts';
import type * as Dash from '$schemas/dashboard.ts';
import type * as Public from '$schemas/public.ts';
import type * as Quarters from '$schemas/quarters.ts';
import type * as Reporting from '$schemas/reporting.ts';
import type * as Sections from '$schemas/sections.ts';
import type * as Updates from '$schemas/updates.ts';
import type { CategoryInfo, PlanInfo, SectionInfo } from './timeline-types.ts';
import type {
  Account,
  AccountWithPassword,
  ActivePack,
  Reminders,
  ReportingWindow,
  ReportingWindows,
  ApiErrorBody,
  ApiFieldError,
  BaselineCreated,
  BaselineInfo,
  Body,
  BodyListResponse,
  BodyPeers,
  DashboardResponse,
  Decision,
  ImportApplyResult,
  ImportPreview,
  ImportProgress,
  IsoDate,
  ItemDetail,
  ItemPlanHistory,
  KpiValue,
  Me,
  Milestone,
  MyUpdates,
  NationalRollup,
  Page,
  PrefectureRollup,
  PublicationItem,
  PublicationSettings,
  QuarterReview,
  QuarterSnapshotDetail,
  QuarterSnapshotSummary,
  ReportingStatus,
  Review,
  PackApplyResult,
  PackPreview,
  ReferencePackInfo,
} from './types.ts';
import { contentDispositionFileName, contentLength } from './quarters.ts';

export const NETWORK_ERROR_MESSAGE = 'サーバーに接続できません';

/** A failed API call. `message` is Japanese and safe to show to users. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached or its answer was unreadable. */
  readonly status: number;
  /** Machine-readable code from the server, or 'NETWORK_ERROR' / 'BAD_RESPONSE'. */
  readonly code: string;
  readonly fieldErrors: ApiFieldError[];
  /** Extra data from the server, e.g. `details.current` (the current row) on a 409 conflict. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    fieldErrors: ApiFieldError[] = [],
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.details = details;
  }
}

/**
 * Hooks the session (lib/session.svelte.ts) installs: the CSRF token sent with every write, and what
 * to do when the server answers 401 (the session is gone: show the login page).
 */
export interface ApiHooks {
  csrfToken: () => string | null;
  onUnauthorized: () => void;
}

let hooks: ApiHooks = { csrfToken: () => null, onUnauthorized: () => undefined };

export function configureApi(next: ApiHooks): void {
  hooks = next;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

export interface SendOptions extends RequestOptions {
  /** 変更理由: recorded in the audit trail (sent as the percent-encoded `x-audit-note` header). */
  auditNote?: string | undefined;
  /** A 401 is an answer, not an expired session (the login request itself). */
  expectUnauthorized?: boolean;
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined) params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

/** The ApiError for a non-2xx answer (`payload`: the parsed JSON body, if any); a 401 ends the session. */
function errorFromResponse(status: number, payload: unknown, expectUnauthorized: boolean): ApiError {
  if (status === 401 && !expectUnauthorized) hooks.onUnauthorized();
  if (isErrorBody(payload)) {
    return new ApiError(
      status,
      typeof payload.code === 'string' ? payload.code : 'HTTP_ERROR',
      payload.message,
      Array.isArray(payload.errors) ? payload.errors : [],
      typeof payload.details === 'object' && payload.details !== null ? payload.details : undefined,
    );
  }
  // A proxy or gateway answered with something that is not our error shape: 502/503/504 from a
  // proxy (e.g. the Vite dev server while the API is down) mean the API could not be reached.
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError(status, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
  if (status === 413) return new ApiError(status, 'PAYLOAD_TOO_LARGE', 'ファイルが大きすぎます');
  return new ApiError(status, 'HTTP_ERROR', `サーバーでエラーが発生しました（HTTP ${status}）`);
}

/**
 * GET answers asked for before the page that reads them exists (`prefetch`): on a cold load the page's code is
 * still arriving (a dozen chunks over a slow LGWAN link) when its data could already be on its way. The page's own
 * request for the same URL takes the answer (once); an answer nobody takes within EARLY_MS is dropped.
 */
const early = new Map<string, Promise<Response>>();
const EARLY_MS = 10_000;

/** The headers of a GET request: the same for `prefetch` and `request`, so the two ask for the same thing. */
const GET_INIT: RequestInit = { method: 'GET', headers: { Accept: 'application/json' }, credentials: 'same-origin' };

/**
 * Starts a GET now for a page about to be shown (routes.ts `prefetch`); `api()` of the same endpoint and
 * arguments uses its answer. A failure is the page's own request failing (it is not retried).
 */
export function prefetch<K extends keyof Endpoints>(endpoint: K, ...args: Record<never, never> extends CallArgs<K> ? [CallArgs<K>?] : [CallArgs<K>]): void {
  const options = (args[0] ?? {}) as Loose;
  const { method, path } = fillPath(endpoint, options.params);
  if (method !== 'GET') return;
  const url = buildUrl(path, options.query);
  if (early.has(url)) return;
  const answer = fetch(url, GET_INIT);
  answer.catch(() => undefined); // taken later, or dropped: never an unhandled rejection
  early.set(url, answer);
  setTimeout(() => {
    if (early.get(url) === answer) early.delete(url);
  }, EARLY_MS);
}

/**
 * The prefetched answer for `url` (once) when it succeeded, else a new fetch: a refusal asked for before the
 * session was known (401 before signing in, 403) is asked again, not shown.
 */
async function fetchGet(url: string, signal: AbortSignal | undefined): Promise<Response> {
  const fresh = () => fetch(url, { ...GET_INIT, signal: signal ?? null });
  const answer = early.get(url);
  if (!answer) return fresh();
  early.delete(url);
  const response = await new Promise<Response | null>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    answer.then(resolve, () => resolve(null));
  });
  return response?.ok ? response : fresh();
}

async function request<T>(method: 'GET' | WriteMethod, path: string, body: unknown, options: SendOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    // A write makes every answer asked for in advance possibly stale.
    early.clear();
    const token = hooks.csrfToken();
    if (token) headers['x-csrf-token'] = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const note = options.auditNote?.trim();
    if (note) headers['x-audit-note'] = encodeURIComponent(note);
  }
  let response: Response;
  try {
    response =
      method === 'GET'
        ? await fetchGet(buildUrl(path, options.query), options.signal)
        : await fetch(buildUrl(path, options.query), {
            method,
            headers,
            credentials: 'same-origin',
            signal: options.signal ?? null,
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }

  let payload: unknown;
  if (response.status !== 204) {
    try {
      payload = await response.json();
    } catch (error) {
      if (isAbortError(error)) throw error;
      payload = undefined;
    }
  }

  if (!response.ok) throw errorFromResponse(response.status, payload, options.expectUnauthorized ?? false);
  if (response.status === 204) return undefined as T;
  if (payload === undefined) {
    throw new ApiError(0, 'BAD_RESPONSE', 'サーバーの応答を読み取れませんでした');
  }
  return payload as T;
}

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send (the file size when the browser does not know better). */
  total: number;
}

export interface UploadOptions extends RequestOptions {
  /** `Content-Type` of the raw body (the file is sent as-is, not as multipart). */
  contentType: string;
  /** Sent percent-encoded (UTF-8) as `x-file-name`. */
  fileName?: string;
  /** Upload progress (XMLHttpRequest `upload.onprogress`). */
  onProgress?: (progress: UploadProgress) => void;
  /** The whole file has been sent; the server is now reading it. */
  onUploaded?: () => void;
}

/**
 * POST a file as the raw request body with XMLHttpRequest, so the page can show upload progress
 * (`fetch` cannot report it). Sends the CSRF token like `api()`; a non-2xx answer becomes
 * ApiError with the server's Japanese message; `signal` aborts (xhr.abort()) with an AbortError.
 */
export function uploadFile<T>(path: string, file: Blob, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(new DOMException('アップロードを中止しました', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', options.contentType);
    const token = hooks.csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    if (options.fileName) xhr.setRequestHeader('x-file-name', encodeURIComponent(options.fileName));
    xhr.responseType = 'text';

    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);

    xhr.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.upload.onload = () => {
      options.onProgress?.({ loaded: file.size, total: file.size });
      options.onUploaded?.();
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('アップロードを中止しました', 'AbortError'));
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE));
    };
    xhr.onload = () => {
      done();
      let payload: unknown;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFromResponse(xhr.status, payload, false));
      } else if (payload === undefined) {
        reject(new ApiError(0, 'BAD_RESPONSE', 'サーバーの応答を読み取れませんでした'));
      } else {
        resolve(payload as T);
      }
    };
    xhr.send(file);
  });
}

// ---- the endpoints -------------------------------------------------------------------------------

type Q<T extends TSchema> = Partial<Static<T>>;
type B<T extends TSchema> = Static<T>;

/**
 * Every JSON endpoint the browser calls, as 'METHOD /path' (under /api) → its query string, body and
 * response. The types are the server's schemas: only the association of a path with its schemas is
 * written here, and tests/api/web-endpoints.test.ts checks each path against the server's routes.
 */
export interface Endpoints {
  'GET /auth/me': { response: Me };
  'GET /auth/login-help': { response: Static<typeof Auth.LoginHelp> };
  'POST /auth/login': { body: B<typeof Auth.LoginBody>; response: Me };
  'POST /auth/logout': { response: null };
  /**
   * Every session of the user ends; this browser gets a new one (the answer is the new /auth/me with a new
   * CSRF token). 400: wrong current password or a refused new one; 429: too many wrong current passwords.
   */
  'POST /auth/password': { body: B<typeof Auth.PasswordChange>; response: Me };
  /** routes/health.ts: `today` is the server's date in Japan (which quarters have ended). */
  'GET /health': { response: { today: IsoDate } };

  'GET /bodies': { query: Q<typeof Bodies.BodyListQuery>; response: BodyListResponse };
  'GET /bodies/:bodyId': { response: Body };
  'GET /bodies/:bodyId/dashboard': { query: Q<typeof Dash.DashboardQuery>; response: DashboardResponse };
  /** The body's plans: the current one (endedOn null) and the ended ones (read-only, issue 20). */
  'GET /bodies/:bodyId/plans': { response: PlanInfo[] };
  'GET /bodies/:bodyId/sections': { response: SectionInfo[] };
  /** 課の再編 (hq): rename / merge / split / retire from a date. */
  'POST /bodies/:bodyId/sections/reorganize': { body: B<typeof Sections.SectionReorganize>; response: Static<typeof Sections.ReorganizeResult> };
  'GET /bodies/:bodyId/items': { query: Q<typeof Items.ItemListQuery>; response: Page<typeof Assessed.ItemSummary> };
  'GET /bodies/:bodyId/peers': { response: BodyPeers };
  'GET /categories': { response: CategoryInfo[] };
  'GET /plans/:planId': { response: PlanInfo };
  'GET /items/:itemId': { query: Q<typeof Items.AsOfQuery>; response: ItemDetail };
  /** 計画変更の履歴 (当初 → 変更1 → 変更2) and the baseline's dates. */
  'GET /items/:itemId/plan-history': { query: Q<typeof Items.AsOfQuery>; response: ItemPlanHistory };
  /** 基準計画（当初計画・計画改定）. */
  'GET /plans/:planId/baselines': { response: BaselineInfo[] };
  'POST /plans/:planId/baselines': { body: B<typeof Baselines.BaselineCreate>; response: BaselineCreated };
  /** 次期計画 (hq): the current plan's items with the unfinished ones marked, and starting the next plan from it. */
  'GET /plans/:planId/next-plan': { response: Static<typeof PlanPeriods.NextPlanDraft> };
  'POST /plans/:planId/next-plan': { body: B<typeof PlanPeriods.NextPlanCreate>; response: Static<typeof PlanPeriods.NextPlanCreated> };

  // 今期の更新
  'GET /bodies/:bodyId/my-updates': { query: Q<typeof Updates.MyUpdatesQuery>; response: MyUpdates };
  'GET /bodies/:bodyId/reporting-status': { query: Q<typeof Updates.ReportingStatusQuery>; response: ReportingStatus };
  'PATCH /milestones/:milestoneId': { body: B<typeof Milestones.MilestoneUpdate>; response: Milestone };
  'POST /kpis/:kpiId/values': { body: B<typeof Kpis.KpiValueCreate>; response: KpiValue };
  'PATCH /kpi-values/:valueId': { body: B<typeof Kpis.KpiValueUpdate>; response: KpiValue };
  /** 「変更なし」 */
  'POST /items/:itemId/reviews': { body: B<typeof Updates.ReviewCreate>; response: Review };

  // 報告期限とお知らせ: due dates per quarter (hq sets them), what still needs the user's word
  'GET /bodies/:bodyId/reporting-windows': { response: ReportingWindows };
  'PUT /bodies/:bodyId/reporting-windows/:fiscalYear/:quarter': { body: B<typeof Reporting.ReportingWindowSet>; response: ReportingWindow };
  'GET /bodies/:bodyId/reminders': { response: Reminders };

  // 変更履歴
  'GET /bodies/:bodyId/audit': { query: Q<typeof Audit.BodyAuditQuery>; response: Page<typeof Audit.AuditEntry> };
  'GET /items/:itemId/audit': { query: Q<typeof Audit.ItemAuditQuery>; response: Page<typeof Audit.AuditEntry> };

  // ログイン記録: every record (admin), or a body's users (hq, admin)
  'GET /login-log': { query: Q<typeof LoginLog.LoginLogQuery>; response: Page<typeof LoginLog.LoginLogEntry> };
  'GET /bodies/:bodyId/login-log': { query: Q<typeof LoginLog.LoginLogQuery>; response: Page<typeof LoginLog.LoginLogEntry> };

  // アカウント管理: admin (every account, administrators), hq (its body's officers and viewers), prefecture users
  // (their prefecture's accounts). 400 / 403 / 409 USERNAME_TAKEN with Japanese messages.
  'GET /accounts': { response: Account[] };
  'POST /accounts': { body: B<typeof Accounts.AccountCreate>; response: AccountWithPassword };
  'GET /bodies/:bodyId/accounts': { response: Account[] };
  'POST /bodies/:bodyId/accounts': { body: B<typeof Accounts.AccountCreate>; response: AccountWithPassword };
  'GET /prefectures/:prefectureCode/accounts': { response: Account[] };
  'POST /prefectures/:prefectureCode/accounts': { body: B<typeof Accounts.AccountCreate>; response: AccountWithPassword };
  'PATCH /accounts/:userId': { body: B<typeof Accounts.AccountUpdate>; response: Account };
  'POST /accounts/:userId/password-reset': { body: B<typeof Accounts.PasswordReset>; response: AccountWithPassword };
  'POST /accounts/:userId/disable': { response: Account };
  'POST /accounts/:userId/enable': { response: Account };

  // 国の参照データ（データパック）: the pack is a file the user chose, sent as parsed and validated by the server
  'GET /reference-packs/active': { response: ActivePack };
  'GET /reference-packs': { response: ReferencePackInfo[] };
  /** What loading the pack would change (nothing is written). */
  'POST /reference-packs/preview': { body: unknown; response: PackPreview };
  'POST /reference-packs': { body: unknown; response: PackApplyResult };
  'POST /reference-packs/:packId/rollback': { response: PackApplyResult };

  // 四半期の締め・レビュー: 400 QUARTER_NOT_ENDED, 409 QUARTER_ALREADY_CLOSED (Japanese messages)
  'GET /bodies/:bodyId/quarters': { response: QuarterSnapshotSummary[] };
  'POST /bodies/:bodyId/quarters': { body: B<typeof Quarters.QuarterClose>; response: QuarterSnapshotSummary };
  'GET /bodies/:bodyId/quarters/:fiscalYear/:quarter': { response: QuarterSnapshotDetail };
  'POST /bodies/:bodyId/quarters/:fiscalYear/:quarter/reopen': { body: B<typeof Quarters.QuarterReopen>; response: QuarterSnapshotSummary };
  'GET /bodies/:bodyId/quarters/:fiscalYear/:quarter/review': { response: QuarterReview };
  'PUT /bodies/:bodyId/quarters/:fiscalYear/:quarter/decisions': { body: B<typeof Quarters.DecisionInput>; response: Decision };

  // 公開設定 (issue 21): 409 VERSION_CONFLICT when another user saved first
  'GET /bodies/:bodyId/publication': { response: PublicationSettings };
  'PUT /bodies/:bodyId/publication': { body: B<typeof Public.PublicationSettingsInput>; response: PublicationSettings };
  'PUT /items/:itemId/publication': { body: B<typeof Public.ItemPublicationInput>; response: PublicationItem };

  // 全国・都道府県の集計 (always the current state: no asOf)
  'GET /rollups/national': { response: NationalRollup };
  'GET /rollups/prefectures/:prefectureCode': { response: PrefectureRollup };

  // Excelで一括更新: the upload is `upload()`, the rest JSON
  'POST /bodies/:bodyId/imports': { query: Q<typeof Imports.ImportUploadQuery>; response: ImportPreview };
  'GET /imports/:importId': { response: ImportPreview };
  /** The caller's running import (upload being checked, or an apply) with rows read / checked, or null. */
  'GET /imports/progress': { response: ImportProgress };
  /** All or nothing. 409 IMPORT_CONFLICT / 400 IMPORT_HAS_ERRORS carry the fresh preview in `details`. */
  'POST /imports/:importId/apply': { response: ImportApplyResult };
}

/** Files the browser links to or downloads with progress: 'GET /path' → its query string. */
export interface FileEndpoints {
  'GET /bodies/:bodyId/workbook.xlsx': { query: Q<typeof Imports.WorkbookQuery> };
  'GET /bodies/:bodyId/workbook.csv': { query: Q<typeof Imports.WorkbookCsvQuery> };
  'GET /bodies/:bodyId/quarters/:fiscalYear/:quarter/report.pdf': { query: Record<string, never> };
  'GET /bodies/:bodyId/quarters/:fiscalYear/:quarter/report.xlsx': { query: Record<string, never> };
  'GET /bodies/:bodyId/quarters/:fiscalYear/:quarter/report.csv': { query: Record<string, never> };
  'GET /rollups/national/milestones.csv': { query: Record<string, never> };
  'GET /rollups/prefectures/:prefectureCode/milestones.csv': { query: Record<string, never> };
}

/** `{ bodyId: …, fiscalYear: … }` from '/bodies/:bodyId/quarters/:fiscalYear/…'. */
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string | number } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string | number }
    : unknown;
type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;

type Part<Name extends string, T> = [T] extends [undefined] ? unknown : undefined extends T ? { [K in Name]?: T } : { [K in Name]: T };
type Field<E, Name extends string> = E extends { [K in Name]: infer T } ? T : undefined;

/** What a call of `K` needs: `params` for each `:name` of the path, `query`, `body` (when it has one). */
export type CallArgs<K extends keyof Endpoints> = (PathParams<PathOf<K>> extends infer P
  ? unknown extends P
    ? unknown
    : { params: P }
  : never) &
  Part<'query', Field<Endpoints[K], 'query'> | undefined> &
  Part<'body', Field<Endpoints[K], 'body'>> &
  SendOptions;

type FileArgs<K extends keyof FileEndpoints> = (PathParams<PathOf<K>> extends infer P ? (unknown extends P ? unknown : { params: P }) : never) & {
  query?: FileEndpoints[K]['query'];
};

/** The path of `endpoint` under /api with its `:name` parts filled in (percent-encoded). */
function fillPath(endpoint: string, params: Record<string, string | number> | undefined): { method: string; path: string } {
  const space = endpoint.indexOf(' ');
  const method = endpoint.slice(0, space);
  const path = endpoint.slice(space + 1).replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} of ${endpoint}`);
    return encodeURIComponent(String(value));
  });
  return { method, path };
}

type Loose = { params?: Record<string, string | number>; query?: Record<string, QueryValue>; body?: unknown } & SendOptions;

/**
 * Calls a JSON endpoint: `api('GET /items/:itemId', { params: { itemId }, query: { asOf }, signal })`.
 * Writes carry the CSRF token and `auditNote`; every failure is an ApiError with the server's Japanese
 * message (an AbortError when aborted); a 409 carries the current row in `details.current`.
 */
export function api<K extends keyof Endpoints>(
  endpoint: K,
  ...args: Record<never, never> extends CallArgs<K> ? [CallArgs<K>?] : [CallArgs<K>]
): Promise<Endpoints[K]['response']> {
  const options = (args[0] ?? {}) as Loose;
  const { method, path } = fillPath(endpoint, options.params);
  return request<Endpoints[K]['response']>(method as 'GET' | WriteMethod, path, options.body, {
    ...options,
    // The session's own requests: a 401 is an answer there, not an expired session.
    expectUnauthorized: options.expectUnauthorized ?? (endpoint.startsWith('POST /auth/') || endpoint === 'GET /auth/me'),
  });
}

/** '/api/bodies/3/quarters/2026/2/report.pdf' — a plain link (the router lets /api through). */
export function fileUrl<K extends keyof FileEndpoints>(endpoint: K, ...args: Record<never, never> extends FileArgs<K> ? [FileArgs<K>?] : [FileArgs<K>]): string {
  const options = (args[0] ?? {}) as Loose;
  return buildUrl(fillPath(endpoint, options.params).path, options.query);
}

/** The same file streamed with progress (see apiDownload). */
export function downloadFile<K extends keyof FileEndpoints>(
  endpoint: K,
  args: FileArgs<K>,
  options: { signal?: AbortSignal; onProgress?: (received: number, total: number | null) => void } = {},
): Promise<DownloadedFile> {
  const loose = args as Loose;
  const { path } = fillPath(endpoint, loose.params);
  const url = buildUrl(path, loose.query);
  return apiDownload(url.slice('/api'.length), options);
}

/**
 * POST a file to an upload endpoint with progress (see uploadFile):
 * `upload('POST /bodies/:bodyId/imports', file, { params: { bodyId }, contentType, … })`.
 */
export function upload<K extends 'POST /bodies/:bodyId/imports'>(
  endpoint: K,
  file: Blob,
  options: CallArgs<K> & Omit<UploadOptions, 'query'>,
): Promise<Endpoints[K]['response']> {
  const loose = options as Loose & UploadOptions;
  return uploadFile<Endpoints[K]['response']>(fillPath(endpoint, loose.params).path, file, loose);
}

// ---- the few calls that are more than one endpoint ----------------------------------------------------

/** What an officer changes on a milestone (the PATCH body without the version read). */
export type MilestoneProgress = Omit<Endpoints['PATCH /milestones/:milestoneId']['body'], 'version'>;

/** The parameters of a quarter's paths. */
export const quarterParams = (bodyId: number, fq: FiscalQuarter) => ({ bodyId, fiscalYear: fq.fiscalYear, quarter: fq.quarter });

export interface DashboardView {
  dashboard: DashboardResponse;
  /** The closed quarter whose frozen dashboard this is; null for the live state. */
  snapshot: QuarterSnapshotSummary | null;
}

/**
 * The dashboard of a body page: a closed quarter's frozen dashboard (stored when it was closed, same
 * shape as /dashboard) when `quarter` is given, else the live one as of `asOf` (or today).
 */
export async function fetchDashboardView(
  bodyId: number,
  view: { asOf?: string | null; quarter?: FiscalQuarter | null; plan?: number | null },
  signal?: AbortSignal,
): Promise<DashboardView> {
  if (view.quarter) {
    const { data, decisions: _decisions, ...snapshot } = await api('GET /bodies/:bodyId/quarters/:fiscalYear/:quarter', {
      params: quarterParams(bodyId, view.quarter),
      ...withSignal(signal),
    });
    return { dashboard: data.dashboard, snapshot };
  }
  const dashboard = await api('GET /bodies/:bodyId/dashboard', {
    params: { bodyId },
    query: { asOf: view.asOf ?? undefined, planId: view.plan ?? undefined },
    ...withSignal(signal),
  });
  return { dashboard, snapshot: null };
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition (filename* wins), else the last path segment. */
  fileName: string;
  bytes: number;
}

/**
 * GET a file under /api with the session, reading the body as a stream: `onProgress(received, total)`
 * after each chunk (`total` from Content-Length, null when unknown). Errors are ApiError with the
 * server's Japanese message, as for JSON calls.
 */
export async function apiDownload(
  path: string,
  options: { signal?: AbortSignal; onProgress?: (received: number, total: number | null) => void } = {},
): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { credentials: 'same-origin', signal: options.signal ?? null });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
  if (!response.ok) {
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      payload = undefined;
    }
    if (response.status === 401) hooks.onUnauthorized();
    if (isErrorBody(payload)) {
      throw new ApiError(response.status, typeof payload.code === 'string' ? payload.code : 'HTTP_ERROR', payload.message);
    }
    throw new ApiError(response.status, 'HTTP_ERROR', `ファイルを取得できませんでした（HTTP ${response.status}）`);
  }
  const total = contentLength(response.headers.get('content-length'));
  const chunks: Uint8Array[] = [];
  let received = 0;
  options.onProgress?.(0, total);
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        options.onProgress?.(received, total);
      }
    } else {
      const buffer = new Uint8Array(await response.arrayBuffer());
      chunks.push(buffer);
      received = buffer.byteLength;
      options.onProgress?.(received, total);
    }
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', 'ファイルの受信中に接続が切れました');
  }
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const fallback = decodeURIComponent(path.split('/').pop() ?? 'download');
  const fileName = contentDispositionFileName(response.headers.get('content-disposition')) ?? fallback;
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName, bytes: received };
}

