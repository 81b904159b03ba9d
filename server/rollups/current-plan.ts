/**
 * Which plan of a body the DX plan category roll-ups count: its **current** plan only (issues 16 and 19). The one
 * place that says so — every roll-up read (repositories/rollups.ts) joins `plans` through this fragment, and the
 * maintained tables (category-triggers.ts) are kept per plan so that no trigger has to know.
 *
 * `plans.ended_on` (issue 20 item 3, plan periods): NULL = the body's current plan; an ended plan stays readable on its
 * own pages but leaves the roll-ups. Ending a plan writes `plans`, which bumps the roll-up data version (cache/triggers.ts).
 */
export const currentPlanSql = (p: string): string => `${p}.ended_on IS NULL`;
