/**
 * Which plan of a body the DX plan category roll-ups count: its **current** plan only (issues 16 and 19). The one
 * place that says so — every roll-up read (repositories/rollups.ts) joins `plans` through this fragment, and the
 * maintained tables (category-triggers.ts) are kept per plan so that no trigger has to know.
 *
 * Integration note: branch `plans` (issue 20 item 3) adds `plans.ended_on` (NULL = the current plan). When it is
 * merged, change the fragment below to `${p}.ended_on IS NULL` — nothing else. Until then a body has one plan and
 * every plan counts.
 */
export const currentPlanSql = (p: string): string => `${p}.id IS NOT NULL`;
