// Lazily loaded page components (code splitting by route). A route either has a `component`
// (in the first bundle) or a `load()` that imports its module. Loaded modules are cached, so
// going back to a page is instant; while a module loads, `resolve()` returns undefined and the
// app shows 「読み込み中…」.

export interface LazyRoute<C> {
  component?: C;
  load?: () => Promise<{ default: C }>;
}

export class PageLoader<C> {
  /** Bumped when a module arrives or fails, so `resolve()` callers re-run. */
  #version = $state(0);
  /** The route whose module failed to load (e.g. a chunk missing after a redeploy). */
  failed = $state.raw<LazyRoute<C> | null>(null);
  #loaded = new Map<LazyRoute<C>, C>();
  #pending = new Set<LazyRoute<C>>();

  /** The route's component if available now; otherwise starts loading it and returns undefined. */
  resolve(route: LazyRoute<C>): C | undefined {
    void this.#version; // dependency
    if (route.component) return route.component;
    const loaded = this.#loaded.get(route);
    if (loaded) return loaded;
    if (route.load && !this.#pending.has(route) && this.failed !== route) {
      this.#pending.add(route);
      route.load().then(
        (module) => {
          this.#pending.delete(route);
          this.#loaded.set(route, module.default);
          this.#version += 1;
        },
        (error: unknown) => {
          console.error(error);
          this.#pending.delete(route);
          this.failed = route;
          this.#version += 1;
        },
      );
    }
    return undefined;
  }

  /** Try a failed route again (the 「再読み込み」 button). */
  retry = (): void => {
    this.failed = null;
    this.#version += 1;
  };
}
