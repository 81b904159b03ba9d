/**
 * The authorization rule of EVERY API route, keyed by `METHOD url-pattern` exactly as the route is
 * registered (HEAD uses its GET rule; /api/docs* is the public API browser). A route registered under
 * /api without a rule stops the server at start-up (server/auth/plugin.ts), and the authorization
 * matrix test (tests/auth/matrix.test.ts) checks every rule against every role.
 *
 * What each access means is in policy.ts; the target of a request (body, section) is resolved from its
 * path parameters and, for writes, from ids named in the body (scope.ts).
 */
import type { Access } from './policy.ts';

export interface Rule {
  access: Access;
  /**
   * For officers only: the fields they may send (besides `version`). Anything else is refused with
   * 403, so an officer updates progress but does not re-plan (planned dates, titles, owner section).
   */
  officerFields?: readonly string[];
  /** The route has no target in its path: its targets are the ids in the request body (bodyId, itemId…). */
  targetsFromBody?: boolean;
  /** For the reader: the handler filters what it returns by what the user may read. */
  filtered?: true;
}

export const OFFICER_ITEM_FIELDS = ['notes'] as const;
export const OFFICER_MILESTONE_FIELDS = ['status', 'actualStartDate', 'actualDate', 'note'] as const;

export const RULES: Readonly<Record<string, Rule>> = {
  // ---- public ---------------------------------------------------------------------------------
  'GET /api/health': { access: 'public' },
  'GET /api/openapi.json': { access: 'public' },
  'POST /api/auth/login': { access: 'public' },

  // ---- the session ----------------------------------------------------------------------------
  'POST /api/auth/logout': { access: 'authenticated' },
  'GET /api/auth/me': { access: 'authenticated' },

  // ---- bodies: read by those who may read them; created and changed by admin ---------------------
  'GET /api/bodies': { access: 'authenticated', filtered: true },
  'POST /api/bodies': { access: 'admin' },
  'GET /api/bodies/:bodyId': { access: 'bodyReader' },
  'PATCH /api/bodies/:bodyId': { access: 'admin' },
  'DELETE /api/bodies/:bodyId': { access: 'admin' },
  'GET /api/bodies/:bodyId/dashboard': { access: 'bodyReader' },

  // ---- quarterly review: closed by hq of the body, read by its readers ---------------------------
  'GET /api/bodies/:bodyId/quarters': { access: 'bodyReader' },
  'POST /api/bodies/:bodyId/quarters': { access: 'bodyHq' },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter': { access: 'bodyReader' },
  'POST /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/reopen': { access: 'bodyHq' },
  'PUT /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/decisions': { access: 'bodyHq' },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/review': { access: 'bodyReader' },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/report.csv': { access: 'bodyReader' },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/report.xlsx': { access: 'bodyReader' },
  'GET /api/bodies/:bodyId/quarters/:fiscalYear/:quarter/report.pdf': { access: 'bodyReader' },

  // ---- the plan's structure: hq of the body ----------------------------------------------------
  'GET /api/bodies/:bodyId/sections': { access: 'bodyReader' },
  'POST /api/bodies/:bodyId/sections': { access: 'bodyHq' },
  'GET /api/sections/:sectionId': { access: 'bodyReader' },
  'PATCH /api/sections/:sectionId': { access: 'bodyHq' },
  'DELETE /api/sections/:sectionId': { access: 'bodyHq' },

  'GET /api/bodies/:bodyId/plans': { access: 'bodyReader' },
  'POST /api/bodies/:bodyId/plans': { access: 'bodyHq' },
  'GET /api/plans/:planId': { access: 'bodyReader' },
  'PATCH /api/plans/:planId': { access: 'bodyHq' },
  'DELETE /api/plans/:planId': { access: 'bodyHq' },

  'GET /api/bodies/:bodyId/items': { access: 'bodyReader' },
  'GET /api/items/:itemId': { access: 'bodyReader' },
  'POST /api/plans/:planId/items': { access: 'bodyHq' },
  'PATCH /api/items/:itemId': { access: 'bodySection', officerFields: OFFICER_ITEM_FIELDS },
  'DELETE /api/items/:itemId': { access: 'bodyHq' },

  'GET /api/items/:itemId/milestones': { access: 'bodyReader' },
  'POST /api/items/:itemId/milestones': { access: 'bodyHq' },
  'GET /api/milestones/:milestoneId': { access: 'bodyReader' },
  'PATCH /api/milestones/:milestoneId': { access: 'bodySection', officerFields: OFFICER_MILESTONE_FIELDS },
  'DELETE /api/milestones/:milestoneId': { access: 'bodyHq' },

  'GET /api/bodies/:bodyId/kpis': { access: 'bodyReader' },
  'POST /api/bodies/:bodyId/kpis': { access: 'bodyHq' },
  'GET /api/kpis/:kpiId': { access: 'bodyReader' },
  'PATCH /api/kpis/:kpiId': { access: 'bodyHq' },
  'DELETE /api/kpis/:kpiId': { access: 'bodyHq' },

  // ---- progress: officers of the owning section, and hq ------------------------------------------
  'GET /api/kpis/:kpiId/values': { access: 'bodyReader' },
  'POST /api/kpis/:kpiId/values': { access: 'bodySection' },
  'PATCH /api/kpi-values/:valueId': { access: 'bodySection' },
  'DELETE /api/kpi-values/:valueId': { access: 'bodySection' },

  'GET /api/bodies/:bodyId/standardization': { access: 'bodyReader' },
  'PATCH /api/bodies/:bodyId/standardization/:areaId/steps/:stepId': { access: 'bodySection' },
  'GET /api/standardization/summary': { access: 'authenticated', filtered: true },

  // ---- global reference data: everyone reads, admin writes; extensions belong to a body ----------
  'GET /api/categories': { access: 'authenticated' },
  'GET /api/national-deadlines': { access: 'authenticated', filtered: true },
  'GET /api/national-deadlines/:deadlineId': { access: 'authenticated', filtered: true },
  'POST /api/national-deadlines': { access: 'admin' },
  'PATCH /api/national-deadlines/:deadlineId': { access: 'admin' },
  'POST /api/national-deadlines/:deadlineId/extensions': { access: 'bodyHq', targetsFromBody: true },
  'DELETE /api/deadline-extensions/:extensionId': { access: 'bodyHq' },
  'GET /api/business-areas': { access: 'authenticated' },
  'GET /api/standardization-steps': { access: 'authenticated' },
  // National data pack: its facts and sources are read by all; loading, checking and rolling back is the admin's.
  'GET /api/reference-packs/active': { access: 'authenticated' },
  'GET /api/reference-packs': { access: 'admin' },
  'POST /api/reference-packs/preview': { access: 'admin' },
  'POST /api/reference-packs': { access: 'admin' },
  'POST /api/reference-packs/:packId/rollback': { access: 'admin' },
  'POST /api/standardization-steps': { access: 'admin' },
  'PATCH /api/standardization-steps/:stepId': { access: 'admin' },

  // ---- 変更履歴 (audit trail): per item for its readers, the whole body's log for hq --------------
  'GET /api/bodies/:bodyId/audit': { access: 'bodyHq' },
  'GET /api/items/:itemId/audit': { access: 'bodyReader' },

  // ---- 進捗管理表: the editing workbook for readers; uploads (dry run) by staff, each row checked
  //      against the uploader's role; an upload is read and applied by its uploader or hq ----------------
  'GET /api/bodies/:bodyId/workbook.xlsx': { access: 'bodyReader' },
  'GET /api/bodies/:bodyId/workbook.csv': { access: 'bodyReader' },
  'POST /api/bodies/:bodyId/imports': { access: 'bodyStaff' },
  'GET /api/imports/:importId': { access: 'importOwner' },
  'POST /api/imports/:importId/apply': { access: 'importOwner' },

  // ---- 今期の更新 -------------------------------------------------------------------------------
  'GET /api/bodies/:bodyId/my-updates': { access: 'bodyStaff' },
  'POST /api/items/:itemId/reviews': { access: 'bodySection' },
  'GET /api/bodies/:bodyId/reporting-status': { access: 'bodyHq' },

  // ---- roll-ups: the country for admin; a prefecture for admin and its prefecture users; a body's
  //      comparison with its prefecture and the country for whoever reads the body -------------------
  'GET /api/rollups/national': { access: 'admin' },
  'GET /api/rollups/prefectures/:prefectureCode': { access: 'prefectureReader' },
  'GET /api/rollups/national/milestones.csv': { access: 'admin' },
  'GET /api/rollups/prefectures/:prefectureCode/milestones.csv': { access: 'prefectureReader' },
  'GET /api/bodies/:bodyId/peers': { access: 'bodyReader' },
};

/** The API browser (swagger-ui's pages and assets) is public like the OpenAPI document. */
export const isPublicDocsUrl = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

export function ruleFor(method: string, url: string): Rule | undefined {
  if (isPublicDocsUrl(url)) return { access: 'public' };
  return RULES[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}
