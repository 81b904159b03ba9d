// The route table. Each page component takes `{ params: RouteParams }`.
// The list and not-found pages are in the first bundle; every body/item page is its own chunk
// (`load: () => import(...)`), and Chart.js is a further chunk that ChartCanvas loads on first use.
import type { Component } from 'svelte';
import { prefetch } from './lib/api.ts';
import { parseId, readAsOf, readPlanParam, type BodySection } from './lib/paths.ts';
import { readQuarter } from './lib/quarters.ts';
import type { RouteDef, RouteParams } from './lib/router.svelte.ts';
import BodyListPage from './pages/BodyListPage.svelte';
import NotFoundPage from './pages/NotFoundPage.svelte';

export type PageComponent = Component<{ params: RouteParams }>;

export interface AppRoute extends RouteDef<PageComponent> {
  /** Body pages: App shows the body sub-navigation (BodyNav) with this entry current. */
  bodySection?: BodySection;
  /**
   * Asks for the page's first data while its code is still loading (api.ts `prefetch`): the same requests, with
   * the same arguments, as the page makes on mount — one round trip of a slow link less before it shows.
   */
  prefetch?: (params: RouteParams, query: URLSearchParams) => void;
}

/**
 * 概要: the dashboard (as of ?asOf=, of ?plan=), the closed quarters and the plans, as BodyView and
 * fetchDashboardView ask for them (a ?quarter= view is left to the page).
 */
function prefetchOverview(params: RouteParams, query: URLSearchParams): void {
  const bodyId = parseId(params.bodyId);
  if (bodyId === null || readQuarter(query)) return;
  prefetch('GET /bodies/:bodyId/dashboard', { params: { bodyId }, query: { asOf: readAsOf(query) ?? undefined, planId: readPlanParam(query) ?? undefined } });
  prefetch('GET /bodies/:bodyId/quarters', { params: { bodyId } });
  prefetch('GET /bodies/:bodyId/plans', { params: { bodyId } });
}

export const routes: AppRoute[] = [
  { pattern: '/', component: BodyListPage },
  { pattern: '/bodies/:bodyId', load: () => import('./pages/BodyPage.svelte'), bodySection: 'overview', prefetch: prefetchOverview },
  { pattern: '/bodies/:bodyId/timeline', load: () => import('./pages/TimelinePage.svelte'), bodySection: 'timeline' },
  { pattern: '/bodies/:bodyId/kpis', load: () => import('./pages/KpiPage.svelte'), bodySection: 'kpis' },
  { pattern: '/bodies/:bodyId/deadlines', load: () => import('./pages/DeadlinesPage.svelte'), bodySection: 'deadlines' },
  { pattern: '/bodies/:bodyId/review', load: () => import('./pages/ReviewPage.svelte'), bodySection: 'review' },
  { pattern: '/bodies/:bodyId/updates', load: () => import('./pages/UpdatesPage.svelte'), bodySection: 'updates' },
  { pattern: '/bodies/:bodyId/audit', load: () => import('./pages/AuditPage.svelte'), bodySection: 'audit' },
  { pattern: '/bodies/:bodyId/login-log', load: () => import('./pages/LoginLogPage.svelte'), bodySection: 'login-log' },
  { pattern: '/bodies/:bodyId/import', load: () => import('./pages/ImportPage.svelte'), bodySection: 'import' },
  { pattern: '/bodies/:bodyId/import/:importId', load: () => import('./pages/ImportPage.svelte'), bodySection: 'import' },
  { pattern: '/bodies/:bodyId/publication', load: () => import('./pages/PublicationPage.svelte'), bodySection: 'publication' },
  { pattern: '/items/:itemId', load: () => import('./pages/ItemPage.svelte') },
  { pattern: '/national', load: () => import('./pages/NationalPage.svelte') },
  { pattern: '/bodies/:bodyId/sections', load: () => import('./pages/SectionsPage.svelte'), bodySection: 'sections' },
  { pattern: '/bodies/:bodyId/next-plan', load: () => import('./pages/NextPlanPage.svelte'), bodySection: 'next-plan' },
  { pattern: '/bodies/:bodyId/accounts', load: () => import('./pages/AccountsPage.svelte'), bodySection: 'accounts' },
  { pattern: '/login-log', load: () => import('./pages/LoginLogPage.svelte') },
  { pattern: '/accounts', load: () => import('./pages/AccountsPage.svelte') },
  { pattern: '/account/password', load: () => import('./pages/PasswordPage.svelte') },
  { pattern: '/prefectures/:prefectureCode', load: () => import('./pages/PrefecturePage.svelte') },
  { pattern: '/reference', load: () => import('./pages/ReferencePage.svelte') },
];

export const notFoundPage: PageComponent = NotFoundPage;
