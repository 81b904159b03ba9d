// A tiny History-API router. State lives in a class with $state fields (see web/README.md).
//
// Links are ordinary <a href="/…"> elements: `start()` installs one document-level click
// handler that turns same-origin, unmodified left clicks into `navigate()` calls, and a
// popstate handler so the back/forward buttons work. Anything under /api/ (downloads,
// exports), target/download links, and same-page #hash links are left to the browser.

export type RouteParams = Record<string, string>;

export interface RouteDef<C> {
  /** Pattern such as '/', '/bodies/:bodyId'. Segments starting with ':' capture a parameter. */
  pattern: string;
  /** A component in the first bundle … */
  component?: C;
  /** … or a lazily loaded one: `load: () => import('./pages/X.svelte')` (own chunk). */
  load?: () => Promise<{ default: C }>;
}

export interface RouteMatch<R> {
  route: R;
  params: RouteParams;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Match one pattern against a pathname; trailing slashes are ignored. */
export function matchPattern(pattern: string, pathname: string): RouteParams | null {
  const want = splitPath(pattern);
  const have = splitPath(pathname);
  if (want.length !== have.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null; // malformed %-escape
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

export function matchRoute<R extends { pattern: string }>(routes: readonly R[], pathname: string): RouteMatch<R> | null {
  for (const route of routes) {
    const params = matchPattern(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}

export interface NavigateOptions {
  replace?: boolean;
  /**
   * The page's own state changed (e.g. a table's sort order in the query): the page stays where it
   * is and focus stays on the control (no scroll to the top, no focus move to the <h1>).
   */
  inPage?: boolean;
}

/** Asked before leaving the page: a message to confirm (unsaved changes), or null to leave freely. */
export type LeaveGuard = () => string | null;

export class Router {
  #guards = new Set<LeaveGuard>();
  path = $state('/');
  search = $state('');
  hash = $state('');
  /** Increments on every client-side navigation (not on the first render). */
  navigationCount = $state(0);

  query = $derived(new URLSearchParams(this.search));

  constructor() {
    if (typeof window !== 'undefined') this.#syncFromLocation();
  }

  #syncFromLocation(): void {
    this.path = window.location.pathname;
    this.search = window.location.search;
    this.hash = window.location.hash;
  }

  /** Go to an in-app URL (path, path?query, or absolute same-origin URL). */
  navigate(href: string, options: NavigateOptions = {}): void {
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) {
      window.location.assign(url.href);
      return;
    }
    const samePage = url.pathname === this.path && url.search === this.search;
    if (!samePage && !options.inPage && !this.#mayLeave()) return;
    // Re-clicking a link to the current page must not stack duplicate history entries.
    if (options.replace || (samePage && url.hash === this.hash)) window.history.replaceState(null, '', url.href);
    else window.history.pushState(null, '', url.href);
    this.#syncFromLocation();
    if (!samePage && !options.inPage) {
      this.navigationCount += 1;
      window.scrollTo(0, 0);
    }
  }

  #onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target;
    if (!(target instanceof Element)) return;
    const anchor = target.closest('a');
    if (!anchor || !anchor.hasAttribute('href')) return;
    if (anchor.hasAttribute('download')) return;
    const targetAttr = anchor.getAttribute('target');
    if (targetAttr && targetAttr !== '_self') return;
    if ((anchor.getAttribute('rel') ?? '').split(/\s+/).includes('external')) return;

    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    if (url.pathname.startsWith('/api/')) return;
    // Same page, only the hash differs (e.g. the skip link): let the browser scroll and focus.
    if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) {
      return;
    }
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  };

  /**
   * Registers a guard (a page with unsaved changes); returns the function that removes it. Client-side
   * navigation asks `window.confirm(message)` and stays when the user declines; the back button is undone the
   * same way. Reloading or closing the tab is the page's `beforeunload`.
   */
  addLeaveGuard(guard: LeaveGuard): () => void {
    this.#guards.add(guard);
    return () => this.#guards.delete(guard);
  }

  #mayLeave(): boolean {
    for (const guard of this.#guards) {
      const message = guard();
      if (message !== null && !window.confirm(message)) return false;
    }
    return true;
  }

  #onPopState = (): void => {
    const here = this.path + this.search + this.hash;
    if (window.location.pathname + window.location.search !== this.path + this.search && !this.#mayLeave()) {
      // The URL already changed: put the page's own address back (its state is kept).
      window.history.pushState(null, '', here);
      return;
    }
    const before = this.path + this.search;
    this.#syncFromLocation();
    if (this.path + this.search !== before) this.navigationCount += 1;
  };

  /** Install the click and popstate listeners; returns a function that removes them. */
  start(): () => void {
    document.addEventListener('click', this.#onClick);
    window.addEventListener('popstate', this.#onPopState);
    return () => {
      document.removeEventListener('click', this.#onClick);
      window.removeEventListener('popstate', this.#onPopState);
    };
  }

  /** True when `href` is the current page (for aria-current). */
  isCurrent(href: string): boolean {
    return this.path === href;
  }
}

export const router = new Router();
