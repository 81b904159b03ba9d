import type {
  ActivePack,
  ApiErrorBody,
  ApiFieldError,
  AuditEntry,
  BodyListResponse,
  BodyPeers,
  BodySectionInfo,
  DashboardResponse,
  ImportApplyResult,
  ImportPreview,
  ItemDetail,
  KpiValue,
  Me,
  Milestone,
  MyUpdates,
  NationalRollup,
  Page,
  QuarterReview,
  QuarterSnapshotDetail,
  QuarterSnapshotSummary,
  Decision,
  PrefectureRollup,
  ReportingStatus,
  Review,
  LoginLogEntry,
  PackApplyResult,
  PackPreview,
  ReferencePackInfo,
} from './types.ts';
import { contentDispositionFileName, contentLength, type FiscalQuarterRef } from './quarters.ts';

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

async function request<T>(method: 'GET' | WriteMethod, path: string, body: unknown, options: SendOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    const token = hooks.csrfToken();
    if (token) headers['x-csrf-token'] = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const note = options.auditNote?.trim();
    if (note) headers['x-audit-note'] = encodeURIComponent(note);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
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

/** GET a JSON resource under /api. Throws ApiError (or an AbortError when aborted). */
export function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return request<T>('GET', path, undefined, options);
}

/**
 * POST / PATCH / DELETE under /api with the session's CSRF token (`x-csrf-token`) and the optional
 * 変更理由 (`x-audit-note`). Throws ApiError; a 409 carries the current row in `details.current`.
 */
export function apiSend<T>(method: WriteMethod, path: string, body?: unknown, options: SendOptions = {}): Promise<T> {
  return request<T>(method, path, body, options);
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
 * (`fetch` cannot report it). Sends the CSRF token like `apiSend`; a non-2xx answer becomes
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

export function fetchBodies(
  params: { page?: number; pageSize?: number } = {},
  signal?: AbortSignal,
): Promise<BodyListResponse> {
  return apiGet<BodyListResponse>('/bodies', {
    query: { page: params.page ?? 1, pageSize: params.pageSize ?? 50 },
    ...(signal ? { signal } : {}),
  });
}

/**
 * GET /api/bodies/:bodyId/dashboard. `asOf` (YYYY-MM-DD, optional) is the reference date the
 * server judges every status against; omitted = today in Japan.
 */
export function fetchDashboard(
  bodyId: number,
  signal?: AbortSignal,
  asOf?: string | null,
): Promise<DashboardResponse> {
  return apiGet<DashboardResponse>(`/bodies/${encodeURIComponent(String(bodyId))}/dashboard`, {
    query: { asOf: asOf ?? undefined },
    ...(signal ? { signal } : {}),
  });
}

/** GET /api/items/:itemId: one item with its milestones, child items, KPIs and national deadline. */
export function fetchItem(itemId: number, signal?: AbortSignal, asOf?: string | null): Promise<ItemDetail> {
  return apiGet<ItemDetail>(`/items/${encodeURIComponent(String(itemId))}`, {
    query: { asOf: asOf ?? undefined },
    ...(signal ? { signal } : {}),
  });
}

const id = (n: number) => encodeURIComponent(String(n));
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

// ---- session -------------------------------------------------------------------------------------

/** GET /api/auth/me: the signed-in user (401 when there is no session). */
export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return request<Me>('GET', '/auth/me', undefined, { expectUnauthorized: true, ...withSignal(signal) });
}

/** POST /api/auth/login. 401: wrong user name or password; 429: throttled (Japanese messages). */
export function postLogin(username: string, password: string): Promise<Me> {
  return apiSend<Me>('POST', '/auth/login', { username, password }, { expectUnauthorized: true });
}

export function postLogout(): Promise<void> {
  return apiSend<void>('POST', '/auth/logout', undefined, { expectUnauthorized: true });
}

/**
 * POST /api/auth/password: changes the signed-in user's password. Every session of the user ends; this
 * browser gets a new one (the answer is the new /api/auth/me with a new CSRF token). 400: wrong current
 * password or a refused new one (message on the field); 429: too many wrong current passwords.
 */
export function postPasswordChange(currentPassword: string, newPassword: string): Promise<Me> {
  return apiSend<Me>('POST', '/auth/password', { currentPassword, newPassword });
}

// ---- 今期の更新 -----------------------------------------------------------------------------------

export function fetchMyUpdates(bodyId: number, signal?: AbortSignal): Promise<MyUpdates> {
  return apiGet<MyUpdates>(`/bodies/${id(bodyId)}/my-updates`, withSignal(signal));
}

export function fetchReportingStatus(bodyId: number, signal?: AbortSignal): Promise<ReportingStatus> {
  return apiGet<ReportingStatus>(`/bodies/${id(bodyId)}/reporting-status`, withSignal(signal));
}

export type MilestoneProgress = Partial<Pick<Milestone, 'status' | 'actualDate' | 'note'>>;

/** PATCH /api/milestones/:id with the version read; 409 → ApiError with details.current (Milestone). */
export function patchMilestone(milestoneId: number, version: number, changes: MilestoneProgress, auditNote?: string): Promise<Milestone> {
  return apiSend<Milestone>('PATCH', `/milestones/${id(milestoneId)}`, { version, ...changes }, { auditNote });
}

export function createKpiValue(
  kpiId: number,
  value: { fiscalYear: number; quarter: number; value: number; note?: string },
  auditNote?: string,
): Promise<KpiValue> {
  return apiSend<KpiValue>('POST', `/kpis/${id(kpiId)}/values`, value, { auditNote });
}

export function patchKpiValue(valueId: number, version: number, changes: { value?: number; note?: string }, auditNote?: string): Promise<KpiValue> {
  return apiSend<KpiValue>('PATCH', `/kpi-values/${id(valueId)}`, { version, ...changes }, { auditNote });
}

/** 「変更なし」: POST /api/items/:id/reviews */
export function createReview(itemId: number, note?: string): Promise<Review> {
  return apiSend<Review>('POST', `/items/${id(itemId)}/reviews`, note ? { note } : {});
}

// ---- 変更履歴 -------------------------------------------------------------------------------------

export interface AuditFilter {
  entity?: string | null;
  userId?: number | null;
  from?: string | null;
  to?: string | null;
  page?: number;
  pageSize?: number;
}

export function fetchBodyAudit(bodyId: number, filter: AuditFilter, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return apiGet<Page<AuditEntry>>(`/bodies/${id(bodyId)}/audit`, {
    query: { ...filter, page: filter.page ?? 1, pageSize: filter.pageSize ?? 50 },
    ...withSignal(signal),
  });
}

export function fetchItemAudit(itemId: number, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return apiGet<Page<AuditEntry>>(`/items/${id(itemId)}/audit`, { query: { page, pageSize }, ...withSignal(signal) });
}

// ---- ログイン記録 -----------------------------------------------------------------------------------

export interface LoginLogFilter {
  event?: string | null;
  username?: string | null;
  from?: string | null;
  to?: string | null;
  page?: number;
  pageSize?: number;
}

/** ログイン記録: a body's users (hq, admin) or, with `bodyId` null, every record (admin). */
export function fetchLoginLog(bodyId: number | null, filter: LoginLogFilter, signal?: AbortSignal): Promise<Page<LoginLogEntry>> {
  return apiGet<Page<LoginLogEntry>>(bodyId === null ? '/login-log' : `/bodies/${id(bodyId)}/login-log`, {
    query: { ...filter, page: filter.page ?? 1, pageSize: filter.pageSize ?? 50 },
    ...withSignal(signal),
  });
}

// ---- 四半期の締め・レビュー・議会報告 ----------------------------------------------------------------

/** GET /api/health: `today` is the server's date in Japan (which quarters have ended). */
export function fetchServerToday(signal?: AbortSignal): Promise<string> {
  return apiGet<{ today: string }>('/health', withSignal(signal)).then((h) => h.today);
}

const quarterPath = (bodyId: number, fq: FiscalQuarterRef) => `/bodies/${id(bodyId)}/quarters/${id(fq.fiscalYear)}/${id(fq.quarter)}`;

/** GET /api/bodies/:bodyId/quarters: closed (and reopened) quarters, newest first. */
export function fetchQuarters(bodyId: number, signal?: AbortSignal): Promise<QuarterSnapshotSummary[]> {
  return apiGet<QuarterSnapshotSummary[]>(`/bodies/${id(bodyId)}/quarters`, withSignal(signal));
}

/** POST /api/bodies/:bodyId/quarters (HQ): 400 QUARTER_NOT_ENDED, 409 QUARTER_ALREADY_CLOSED (Japanese messages). */
export function closeQuarter(bodyId: number, fq: FiscalQuarterRef): Promise<QuarterSnapshotSummary> {
  return apiSend<QuarterSnapshotSummary>('POST', `/bodies/${id(bodyId)}/quarters`, { fiscalYear: fq.fiscalYear, quarter: fq.quarter });
}

/** POST …/quarters/:fy/:q/reopen (HQ) with the required reason (kept in the audit trail). */
export function reopenQuarter(bodyId: number, fq: FiscalQuarterRef, reason: string): Promise<QuarterSnapshotSummary> {
  return apiSend<QuarterSnapshotSummary>('POST', `${quarterPath(bodyId, fq)}/reopen`, { reason });
}

/** GET …/quarters/:fy/:q: the frozen snapshot (dashboard as of the quarter's last day) and 対応方針. 404 when not closed. */
export function fetchQuarter(bodyId: number, fq: FiscalQuarterRef, signal?: AbortSignal): Promise<QuarterSnapshotDetail> {
  return apiGet<QuarterSnapshotDetail>(quarterPath(bodyId, fq), withSignal(signal));
}

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
  view: { asOf?: string | null; quarter?: FiscalQuarterRef | null },
  signal?: AbortSignal,
): Promise<DashboardView> {
  if (view.quarter) {
    const { data, decisions: _decisions, ...snapshot } = await fetchQuarter(bodyId, view.quarter, signal);
    return { dashboard: data.dashboard, snapshot };
  }
  return { dashboard: await fetchDashboard(bodyId, signal, view.asOf), snapshot: null };
}

/** GET …/quarters/:fy/:q/review: the quarter against the previous one, with the summary sentence. */
export function fetchQuarterReview(bodyId: number, fq: FiscalQuarterRef, signal?: AbortSignal): Promise<QuarterReview> {
  return apiGet<QuarterReview>(`${quarterPath(bodyId, fq)}/review`, withSignal(signal));
}

/** PUT …/quarters/:fy/:q/decisions (HQ): one 対応方針 per item; an empty text clears it. */
export function saveDecision(bodyId: number, fq: FiscalQuarterRef, itemId: number, decision: string): Promise<Decision> {
  return apiSend<Decision>('PUT', `${quarterPath(bodyId, fq)}/decisions`, { itemId, decision });
}

export type ReportFormat = 'pdf' | 'xlsx' | 'csv';

const reportPath = (bodyId: number, fq: FiscalQuarterRef, format: ReportFormat) => `${quarterPath(bodyId, fq)}/report.${format}`;

/** '/api/bodies/3/quarters/2026/2/report.pdf' — also usable as a plain link (the router lets /api through). */
export function reportUrl(bodyId: number, fq: FiscalQuarterRef, format: ReportFormat): string {
  return buildUrl(reportPath(bodyId, fq, format));
}

/** The council report of a closed quarter, streamed with progress (see apiDownload). */
export function downloadReport(
  bodyId: number,
  fq: FiscalQuarterRef,
  format: ReportFormat,
  options: { signal?: AbortSignal; onProgress?: (received: number, total: number | null) => void } = {},
): Promise<DownloadedFile> {
  return apiDownload(reportPath(bodyId, fq, format), options);
}

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

// ---- 全国・都道府県の集計と団体の比較 -------------------------------------------------------------
// The roll-ups are read from counts the server maintains: always the current state (no asOf).

/** GET /api/rollups/national (admin). */
export function fetchNationalRollup(signal?: AbortSignal): Promise<NationalRollup> {
  return apiGet<NationalRollup>('/rollups/national', withSignal(signal));
}

/** GET /api/rollups/prefectures/:code (admin, users of that prefecture). */
export function fetchPrefectureRollup(prefectureCode: string, signal?: AbortSignal): Promise<PrefectureRollup> {
  return apiGet<PrefectureRollup>(`/rollups/prefectures/${encodeURIComponent(prefectureCode)}`, withSignal(signal));
}

/** GET /api/bodies/:bodyId/peers (whoever reads the body). */
export function fetchBodyPeers(bodyId: number, signal?: AbortSignal): Promise<BodyPeers> {
  return apiGet<BodyPeers>(`/bodies/${id(bodyId)}/peers`, withSignal(signal));
}

/** '/api/rollups/national/milestones.csv' (every milestone of the country, streamed; a plain link). */
export function nationalMilestonesCsvUrl(): string {
  return buildUrl('/rollups/national/milestones.csv');
}

/** '/api/rollups/prefectures/43/milestones.csv' (every milestone of the prefecture's bodies; a plain link). */
export function prefectureMilestonesCsvUrl(prefectureCode: string): string {
  return buildUrl(`/rollups/prefectures/${encodeURIComponent(prefectureCode)}/milestones.csv`);
}

// ---- Excelで一括更新 (export → edit → import) ----------------------------------------------------------

export function fetchSections(bodyId: number, signal?: AbortSignal): Promise<BodySectionInfo[]> {
  return apiGet<BodySectionInfo[]>(`/bodies/${id(bodyId)}/sections`, withSignal(signal));
}

/** URL of the editing workbook (進捗管理表) of the body, or of one section's part: a plain download link. */
export function workbookUrl(bodyId: number, sectionId: number | null): string {
  return buildUrl(`/bodies/${id(bodyId)}/workbook.xlsx`, { sectionId });
}

export type WorkbookCsvSheet = 'items' | 'milestones' | 'kpiValues';

/** URL of one sheet of the workbook as CSV (UTF-8 with BOM), for those who edit CSV. */
export function workbookCsvUrl(bodyId: number, sectionId: number | null, sheet: WorkbookCsvSheet): string {
  return buildUrl(`/bodies/${id(bodyId)}/workbook.csv`, { sectionId, sheet });
}

/**
 * POST /api/bodies/:bodyId/imports: the dry run. The file goes as the raw body (xlsx or csv) with
 * upload progress; nothing in the plan changes. 400: the file cannot be read (Japanese message).
 */
export function uploadImport(
  bodyId: number,
  file: File,
  contentType: string,
  options: { sectionId?: number | null; onProgress?: (p: UploadProgress) => void; onUploaded?: () => void; signal?: AbortSignal } = {},
): Promise<ImportPreview> {
  return uploadFile<ImportPreview>(`/bodies/${id(bodyId)}/imports`, file, {
    contentType,
    fileName: file.name,
    query: { sectionId: options.sectionId ?? undefined },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onUploaded ? { onUploaded: options.onUploaded } : {}),
    ...withSignal(options.signal),
  });
}

export function fetchImport(importId: number, signal?: AbortSignal): Promise<ImportPreview> {
  return apiGet<ImportPreview>(`/imports/${id(importId)}`, withSignal(signal));
}

/**
 * POST /api/imports/:importId/apply — all or nothing. 409 IMPORT_CONFLICT / 400 IMPORT_HAS_ERRORS carry
 * the fresh preview in `details`; 409 IMPORT_ALREADY_APPLIED when it was applied before.
 */
export function applyImport(importId: number): Promise<ImportApplyResult> {
  return apiSend<ImportApplyResult>('POST', `/imports/${id(importId)}/apply`, {});
}

// ---- 国の参照データ（データパック） --------------------------------------------------------------------

export function fetchActivePack(signal?: AbortSignal): Promise<ActivePack> {
  return apiGet<ActivePack>('/reference-packs/active', withSignal(signal));
}

export function fetchPackHistory(signal?: AbortSignal): Promise<ReferencePackInfo[]> {
  return apiGet<ReferencePackInfo[]>('/reference-packs', withSignal(signal));
}

/** What loading the pack would change (nothing is written). */
export function previewPack(pack: unknown): Promise<PackPreview> {
  return apiSend<PackPreview>('POST', '/reference-packs/preview', pack);
}

export function applyPack(pack: unknown): Promise<PackApplyResult> {
  return apiSend<PackApplyResult>('POST', '/reference-packs', pack);
}

export function rollbackPack(packId: number): Promise<PackApplyResult> {
  return apiSend<PackApplyResult>('POST', `/reference-packs/${packId}/rollback`);
}
