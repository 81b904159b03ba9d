// In-app URLs. Body pages and item pages keep an optional `?asOf=YYYY-MM-DD` (基準日) so a whole
// session can look at the plan "as of" one day; the value is passed through to the API.
import { isValidIsoDate } from '$domain/dates.ts';

export type BodySection =
  | 'overview'
  | 'timeline'
  | 'kpis'
  | 'deadlines'
  | 'review'
  | 'updates'
  | 'audit'
  | 'login-log'
  | 'import'
  | 'publication'
  | 'accounts'
  | 'sections'
  | 'next-plan';

/** The pages that show the dashboard of a plan: they keep `?plan=` (an ended plan, issue 20). */
export const PLAN_SECTIONS: readonly BodySection[] = ['overview', 'timeline', 'kpis', 'deadlines'];

/** The body sub-navigation (BodyNav), in display order. */
export const BODY_SECTIONS: readonly { section: BodySection; label: string }[] = [
  { section: 'overview', label: '概要' },
  { section: 'timeline', label: '工程表' },
  { section: 'kpis', label: '指標' },
  { section: 'deadlines', label: '国の期限' },
  { section: 'review', label: '四半期レビュー' },
];

/** Tabs shown only to those who may use them (see `session` in lib/session.svelte.ts). */
export const EXTRA_SECTIONS: readonly { section: BodySection; label: string }[] = [
  { section: 'updates', label: '今期の更新' },
  { section: 'audit', label: '変更履歴' },
  { section: 'login-log', label: 'ログイン記録' },
  { section: 'import', label: 'Excelで一括更新' },
  { section: 'publication', label: '公開設定' },
  { section: 'accounts', label: 'アカウント' },
  { section: 'sections', label: '課と再編' },
  { section: 'next-plan', label: '次期計画' },
];

/** The residents' public page of a body (server-rendered, outside the app): '/public/432121'. */
export const publicPagePath = (bodyCode: string) => `/public/${encodeURIComponent(bodyCode)}`;

/** The `asOf` query value when it is a valid YYYY-MM-DD date, else null. */
export function readAsOf(query: URLSearchParams): string | null {
  const value = query.get('asOf');
  return value !== null && isValidIsoDate(value) ? value : null;
}

/** `?plan=` (an ended plan of the body, shown as it was at its end), or null for the current plan. */
export function readPlanParam(query: URLSearchParams): number | null {
  return parseId(query.get('plan') ?? undefined);
}

function withAsOf(path: string, asOf: string | null | undefined, quarter?: string | null, plan?: number | null): string {
  const params = new URLSearchParams();
  if (quarter) params.set('quarter', quarter);
  else if (plan) params.set('plan', String(plan));
  else if (asOf) params.set('asOf', asOf);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * '/bodies/3', '/bodies/3/kpis?asOf=2026-03-31', '/bodies/3?quarter=2026-2', '/bodies/3/timeline?plan=4' … A closed
 * quarter (`?quarter=YYYY-Q`, lib/quarters.ts) wins over an ended plan (`?plan=`, shown as at its end), which wins over asOf.
 */
export function bodyPath(bodyId: number | string, section: BodySection = 'overview', asOf?: string | null, quarter?: string | null, plan?: number | null): string {
  const base = `/bodies/${encodeURIComponent(String(bodyId))}`;
  return withAsOf(section === 'overview' ? base : `${base}/${section}`, asOf, quarter, PLAN_SECTIONS.includes(section) ? plan : null);
}

/** Excelで一括更新: '/bodies/3/import' (download + upload), '/bodies/3/import/12' (one import's preview). */
export function importPath(bodyId: number | string, importId?: number | null): string {
  const base = bodyPath(bodyId, 'import');
  return importId ? `${base}/${encodeURIComponent(String(importId))}` : base;
}

/** ログイン記録: '/bodies/3/login-log' (a body's users), '/login-log' (every record, admin). */
export function loginLogPath(bodyId: number | string | null): string {
  return bodyId === null ? '/login-log' : bodyPath(bodyId, 'login-log');
}

/** パスワード変更 (from the header). */
export const PASSWORD_PATH = '/account/password';

/** アカウント管理: a body's accounts ('/bodies/3/accounts'), or every account / the own prefecture's ('/accounts'). */
export function accountsPath(bodyId: number | string | null): string {
  return bodyId === null ? '/accounts' : bodyPath(bodyId, 'accounts');
}

/** '/items/7', '/items/7?asOf=2026-03-31' */
export function itemPath(itemId: number | string, asOf?: string | null): string {
  return withAsOf(`/items/${encodeURIComponent(String(itemId))}`, asOf);
}

/** A route parameter that must be a positive integer id ('3' → 3; '03', 'x', '' → null). */
export function parseId(raw: string | undefined): number | null {
  return raw !== undefined && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}

/**
 * `path` with query parameters (null/undefined/'' are left out), asOf first so URLs read alike:
 * ('/national', { asOf: '2026-03-31', sort: 'rate' }) → '/national?asOf=2026-03-31&sort=rate'.
 */
export function pathWithQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** '/national', '/national?asOf=2026-03-31' (全国の状況). */
export function nationalPath(asOf?: string | null, query: Record<string, string | number | null | undefined> = {}): string {
  return pathWithQuery('/national', { asOf, ...query });
}

/** '/prefectures/43', '/prefectures/43?asOf=…' (都道府県の状況). */
export function prefecturePath(
  prefectureCode: string,
  asOf?: string | null,
  query: Record<string, string | number | null | undefined> = {},
): string {
  return pathWithQuery(`/prefectures/${encodeURIComponent(prefectureCode)}`, { asOf, ...query });
}

/** A route parameter that must be a prefecture code '01'…'47', else null. */
export function parsePrefectureCode(raw: string | undefined): string | null {
  return raw !== undefined && /^(0[1-9]|[1-3][0-9]|4[0-7])$/.test(raw) ? raw : null;
}
