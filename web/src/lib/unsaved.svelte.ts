// Unsaved edits on a page (今期の更新): each form reports whether it holds changes not yet saved, under a key
// and a name the user recognises. While any is pending, leaving the page asks first (router guard for in-app
// links and the back button, `beforeunload` for reload / closing the tab), and 「変更なし」 is held back.
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { router } from './router.svelte.ts';

export class UnsavedChanges {
  /** key → what is unsaved (e.g. the milestone's title). */
  #pending = new SvelteMap<string, string>();

  /** Records (dirty) or clears (not dirty) the form `key`. */
  mark(key: string, name: string, dirty: boolean): void {
    // Not a dependency of the caller's $effect: a form reports its own state, it does not follow the others'.
    untrack(() => {
      if (dirty) {
        if (this.#pending.get(key) !== name) this.#pending.set(key, name);
      } else if (this.#pending.has(key)) {
        this.#pending.delete(key);
      }
    });
  }

  get count(): number {
    return this.#pending.size;
  }

  /** Whether a form whose key starts with `prefix` (e.g. `item-12/`) has unsaved changes. */
  pendingUnder(prefix: string): boolean {
    for (const key of this.#pending.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  /** The question asked before leaving, or null when nothing is pending. */
  leaveMessage(): string | null {
    if (this.#pending.size === 0) return null;
    const names = [...new Set(this.#pending.values())];
    const shown = names.slice(0, 3).map((n) => `「${n}」`).join('、') + (names.length > 3 ? `ほか${names.length - 3}件` : '');
    return `保存していない変更があります（${shown}）。このページを離れると入力した内容は失われます。移動しますか？`;
  }

  /** Installs the guards; returns the function that removes them (call from an $effect). */
  guard(): () => void {
    const removeRouteGuard = router.addLeaveGuard(() => this.leaveMessage());
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (this.#pending.size === 0) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers need it to show their own question
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      removeRouteGuard();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }
}
