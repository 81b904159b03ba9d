// The route table. Add pages here; each page component takes `{ params: RouteParams }`.
// Pages that pull in Chart.js should be loaded lazily (dynamic import) to keep the first
// bundle small — extend RouteDef with a `load()` when the first such page arrives.
import type { Component } from 'svelte';
import type { RouteDef, RouteParams } from './lib/router.svelte.ts';
import BodyListPage from './pages/BodyListPage.svelte';
import BodyPage from './pages/BodyPage.svelte';
import NotFoundPage from './pages/NotFoundPage.svelte';

export type PageComponent = Component<{ params: RouteParams }>;

export const routes: RouteDef<PageComponent>[] = [
  { pattern: '/', component: BodyListPage },
  { pattern: '/bodies/:bodyId', component: BodyPage },
];

export const notFoundPage: PageComponent = NotFoundPage;
