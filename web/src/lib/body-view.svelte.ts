// What a body page shows: the live dashboard (optionally as of ?asOf=) or a closed quarter's frozen
// dashboard (?quarter=YYYY-Q, which wins), plus the body's closed quarters for the 「表示」 selector.
// Create one per page during component initialisation: `new BodyView(() => bodyId)`.

import { api, fetchDashboardView, type DashboardView } from './api.ts';
import { readAsOf, readPlanParam } from './paths.ts';
import type { PlanInfo } from './timeline-types.ts';
import { parseQuarterParam, quarterParam, readQuarter } from './quarters.ts';
import { createResource, type Resource } from './resource.svelte.ts';
import { router } from './router.svelte.ts';
import type { QuarterSnapshotSummary } from './types.ts';

export class BodyView {
  /** The closed quarter asked for in the URL, if any. */
  quarter = $derived(readQuarter(router.query));
  /** '2026-2' (kept in links) or null. */
  quarterValue = $derived(this.quarter ? quarterParam(this.quarter) : null);
  /** ?asOf= of the live view (ignored while a quarter is shown). */
  asOf = $derived(this.quarter ? null : readAsOf(router.query));
  /** ?plan= : an ended plan shown as it was at its end (issue 20); null = the current plan. */
  plan = $derived(this.quarter ? null : readPlanParam(router.query));
  view: Resource<DashboardView | null>;
  quarters: Resource<QuarterSnapshotSummary[]>;
  /** The body's plans (the 計画 selector when there is more than one). */
  plans: Resource<PlanInfo[]>;
  /** The plan shown has ended: read-only, no edit controls. */
  readOnly = $derived.by(() => this.view.data?.dashboard.plan?.readOnly ?? false);
  /** The frozen quarter being shown (null: live). */
  snapshot = $derived.by(() => this.view.data?.snapshot ?? null);
  /** 基準日 for links to item pages: the quarter's last day when a quarter is shown. */
  linkAsOf = $derived.by(() => this.snapshot?.asOf ?? this.asOf);

  constructor(bodyId: () => number | null) {
    this.view = createResource((signal) => {
      const id = bodyId();
      // Strings, not the parsed object: the fetch reruns only when the value really changes.
      const quarter = parseQuarterParam(this.quarterValue);
      return id === null ? Promise.resolve(null) : fetchDashboardView(id, { asOf: this.asOf, quarter, plan: this.plan }, signal);
    });
    this.plans = createResource((signal) => {
      const id = bodyId();
      return id === null ? Promise.resolve([]) : api('GET /bodies/:bodyId/plans', { params: { bodyId: id }, signal });
    });
    this.quarters = createResource((signal) => {
      const id = bodyId();
      return id === null ? Promise.resolve([]) : api('GET /bodies/:bodyId/quarters', { params: { bodyId: id }, signal });
    });
  }
}

/** Options of the 「表示」 selector: '' = 現在 (live), then each closed quarter. */
export function viewOptions(quarters: readonly QuarterSnapshotSummary[]): { value: string; label: string }[] {
  return [
    { value: '', label: '現在' },
    ...quarters.map((q) => ({ value: quarterParam(q), label: `${q.label}（${q.statusLabel}）` })),
  ];
}

