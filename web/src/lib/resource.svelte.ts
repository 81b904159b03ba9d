// Async data for a component: loading / ready / error, with reload and abort.
//
// `createResource(fetcher)` must be called during component initialisation. The fetcher runs
// inside an $effect: reactive values it reads *synchronously* (props, router.query …) are
// tracked, so the resource refetches when they change and aborts the previous request.

import { untrack } from 'svelte';
import { ApiError, isAbortError } from './api.ts';

export type ResourceStatus = 'loading' | 'ready' | 'error';

export class Resource<T> {
  status = $state<ResourceStatus>('loading');
  data = $state.raw<T | undefined>(undefined);
  error = $state.raw<ApiError | undefined>(undefined);
  #version = $state(0);

  constructor(fetcher: (signal: AbortSignal) => Promise<T>) {
    $effect(() => {
      void this.#version; // dependency: reload() bumps it
      const controller = new AbortController();
      let promise: Promise<T>;
      try {
        promise = fetcher(controller.signal);
      } catch (error) {
        promise = Promise.reject(error);
      }
      untrack(() => {
        this.status = 'loading';
        this.data = undefined;
        this.error = undefined;
      });
      promise.then(
        (value) => {
          if (controller.signal.aborted) return;
          this.data = value;
          this.status = 'ready';
        },
        (reason: unknown) => {
          if (controller.signal.aborted || isAbortError(reason)) return;
          this.error =
            reason instanceof ApiError
              ? reason
              : new ApiError(0, 'CLIENT_ERROR', '画面の表示中にエラーが発生しました');
          if (!(reason instanceof ApiError)) console.error(reason);
          this.status = 'error';
        },
      );
      return () => controller.abort();
    });
  }

  /** Fetch again (e.g. from the 再読み込み button). */
  reload = (): void => {
    this.#version += 1;
  };
}

export function createResource<T>(fetcher: (signal: AbortSignal) => Promise<T>): Resource<T> {
  return new Resource(fetcher);
}
