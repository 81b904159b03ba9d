// 今期の更新: the page's state around the server's list (GET /bodies/:id/my-updates). Which items are reported
// this quarter (the counter 「10件中7件 報告済み」 follows saves and 「変更なし」 without a reload), the filter
// 要報告のみ / すべて, the order in which focus moves after a save, and the unsaved input of every form.
// What needs a word is the server's (domain/quarter-word.ts); this class only follows the user's session.
import { reportedCountText } from '$domain/quarter-word.ts';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { MyUpdateItem, MyUpdates, Review } from './types.ts';
import { UnsavedChanges } from './unsaved.svelte.ts';

export type UpdatesFilter = 'needs' | 'all';

/** A form that needs this quarter's word, in page order: where focus goes after a save. */
interface Entry {
  itemId: number;
  key: string;
  /** id of the element that takes the focus (the milestone's 状況, the KPI's value). */
  focusId: string;
}

export class QuarterUpdates {
  readonly items: MyUpdateItem[];
  readonly unsaved = new UnsavedChanges();
  readonly #reported: SvelteSet<number>;
  readonly #saved = new SvelteSet<string>();
  readonly #reviews: SvelteMap<number, Review>;
  readonly #entries: Entry[];
  filter = $state<UpdatesFilter>('needs');

  constructor(data: MyUpdates) {
    this.items = data.items;
    this.#reported = new SvelteSet(data.items.filter((i) => i.reported).map((i) => i.item.id));
    this.#reviews = new SvelteMap(data.items.flatMap((i) => (i.lastReview ? [[i.item.id, i.lastReview] as const] : [])));
    this.#entries = data.items
      .filter((i) => i.canEdit)
      .flatMap((i) => [
        ...i.milestones.filter((m) => m.needsWord).map((m) => ({ itemId: i.item.id, key: `ms-${m.id}`, focusId: `ms-${m.id}-status` })),
        ...i.kpis.filter((k) => k.needsWord).map((k) => ({ itemId: i.item.id, key: `kpi-${k.id}`, focusId: `kpi-${k.id}-value` })),
      ]);
    // Nothing needs a word (or all is reported): show everything rather than an empty list.
    if (!data.items.some((i) => i.needsWord)) this.filter = 'all';
  }

  get shown(): MyUpdateItem[] {
    return this.filter === 'all' ? this.items : this.items.filter((i) => i.needsWord);
  }

  get hiddenCount(): number {
    return this.items.length - this.shown.length;
  }

  isReported(itemId: number): boolean {
    return this.#reported.has(itemId);
  }

  get reportedCount(): number {
    return this.#reported.size;
  }

  get counterText(): string {
    return reportedCountText(this.reportedCount, this.items.length);
  }

  /** Items the user may still record 「変更なし」 for (editable, not reported), in page order. */
  get unreported(): MyUpdateItem[] {
    return this.items.filter((i) => i.canEdit && !this.#reported.has(i.item.id));
  }

  /**
   * A form was saved: the item is reported. Returns the id of the element to focus next: the item's next form
   * that needs a word, else the first form of the next item still unreported; null when none is left (the page
   * then focuses 「残りをすべて変更なし」).
   */
  saved(itemId: number, key: string): string | null {
    this.#reported.add(itemId);
    this.#saved.add(key);
    const at = this.#entries.findIndex((e) => e.key === key);
    const after = [...this.#entries.slice(at + 1), ...this.#entries.slice(0, Math.max(at, 0))];
    const visible = (e: Entry) => !this.#saved.has(e.key) && this.shown.some((i) => i.item.id === e.itemId);
    const sameItem = after.find((e) => e.itemId === itemId && visible(e));
    const nextItem = after.find((e) => visible(e) && !this.#reported.has(e.itemId));
    return (sameItem ?? nextItem)?.focusId ?? null;
  }

  /** 「変更なし」 was recorded for the item (its card or 「残りをすべて変更なし」). */
  reviewed(itemId: number, review: Review): void {
    this.#reported.add(itemId);
    this.#reviews.set(itemId, review);
  }

  lastReview(itemId: number): Review | null {
    return this.#reviews.get(itemId) ?? null;
  }
}
