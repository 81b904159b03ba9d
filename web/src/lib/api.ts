import type { ApiErrorBody, ApiFieldError, BodyListResponse, DashboardResponse, ItemDetail } from './types.ts';

export const NETWORK_ERROR_MESSAGE = 'サーバーに接続できません';

/** A failed API call. `message` is Japanese and safe to show to users. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached or its answer was unreadable. */
  readonly status: number;
  /** Machine-readable code from the server, or 'NETWORK_ERROR' / 'BAD_RESPONSE'. */
  readonly code: string;
  readonly fieldErrors: ApiFieldError[];

  constructor(status: number, code: string, message: string, fieldErrors: ApiFieldError[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
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

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined) params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

/** GET a JSON resource under /api. Throws ApiError (or an AbortError when aborted). */
export async function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: 'GET',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }

  let payload: unknown;
  try {
    payload = await response.json();
  } catch (error) {
    if (isAbortError(error)) throw error;
    payload = undefined;
  }

  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiError(
        response.status,
        typeof payload.code === 'string' ? payload.code : 'HTTP_ERROR',
        payload.message,
        Array.isArray(payload.errors) ? payload.errors : [],
      );
    }
    // A proxy or gateway answered with something that is not our error shape: 502/503/504 from a
    // proxy (e.g. the Vite dev server while the API is down) mean the API could not be reached.
    if (response.status === 502 || response.status === 503 || response.status === 504) {
      throw new ApiError(response.status, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
    }
    throw new ApiError(
      response.status,
      'HTTP_ERROR',
      `サーバーでエラーが発生しました（HTTP ${response.status}）`,
    );
  }
  if (payload === undefined) {
    throw new ApiError(0, 'BAD_RESPONSE', 'サーバーの応答を読み取れませんでした');
  }
  return payload as T;
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
