/**
 * Who may do what: the one place the roles are turned into decisions. Each API route names, next to
 * its definition (`config.rule`, see rules.ts), which kind of access it needs; `scope.ts` finds what a request targets (bodies and sections);
 * `allows` decides.
 *
 * - admin: everything.
 * - hq (DX推進本部): everything of its own body (sections, plans, items, milestones, KPIs, deadline
 *   extensions of the body, standardization progress, the audit log, reporting status).
 * - officer (DX推進員): reads its own body; updates the milestones (progress fields), KPI values, item
 *   notes and standardization steps of what its sections own; records 「変更なし」 reviews.
 * - viewer: reads its own body.
 * - prefecture: reads every body whose prefecture code is its own.
 * Global reference data (categories, national deadlines, business areas, the step template) is read by
 * every signed-in user and written by admin only. Nobody reads another body's data otherwise.
 */
import type { Role } from '../domain/labels.ts';

/** A signed-in user as the server sees them on each request. */
export interface Principal {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  bodyId: number | null;
  prefectureCode: string | null;
  /** Sections an officer updates (empty for other roles). */
  sectionIds: number[];
  /** Signed in with a password someone else chose: only the password change is allowed (auth/plugin.ts). */
  mustChangePassword?: boolean;
}

/** What a request acts on: a body (with its prefecture) and, when the row belongs to one, a section. */
export interface Target {
  bodyId: number;
  prefectureCode: string;
  sectionId: number | null;
  itemId: number | null;
  /** The user who made the row, for rows that belong to one person (an upload: `importOwner`). */
  ownerId?: number | null;
  /** An account (:userId): its role, for `accountManager`. Prefecture and admin accounts have bodyId 0. */
  accountRole?: Role | null;
  /** The row belongs to a plan that has ended (issue 20): writes are refused (auth/ended-plan.ts). */
  endedPlanId?: number | null;
}

/**
 * Kinds of access a route needs.
 * - public: no session needed.
 * - authenticated: any signed-in user (global reference data; lists are filtered by `canReadBody`).
 * - admin: system administrators only.
 * - bodyReader: users who may read every target body (hq, officer, viewer of it; prefecture of its prefecture).
 * - bodyStaff: hq and officers of the target body (今期の更新).
 * - bodyHq: hq of the target body (plan structure, audit log, reporting status).
 * - bodySection: hq of the target body, or an officer whose sections own every target.
 * - importOwner: an upload (一括取込) of the target body: hq of the body, or the user who uploaded it
 *   while still staff of the body.
 * - prefectureReader: the roll-up of a whole prefecture (target from :prefectureCode): admin, and
 *   prefecture users of that prefecture. Body users see their body's comparison (peers) instead.
 * - accountManager: one account (:userId, issue 20): admin any; hq of the body its officers and viewers;
 *   a prefecture user the other prefecture accounts of its prefecture. Nobody manages their own account
 *   here (they change their own password at /auth/password).
 */
export const ACCESS_KINDS = ['public', 'authenticated', 'admin', 'bodyReader', 'bodyStaff', 'bodyHq', 'bodySection', 'importOwner', 'prefectureReader', 'accountManager'] as const;
export type Access = (typeof ACCESS_KINDS)[number];

/** Accesses decided on the request's targets (the route must name at least one). */
export const TARGETED: ReadonlySet<Access> = new Set(['bodyReader', 'bodyStaff', 'bodyHq', 'bodySection', 'importOwner', 'prefectureReader', 'accountManager']);

/** Roles an HQ user gives its body's staff (it does not make or manage other HQ users). */
export const HQ_MANAGED_ROLES: readonly Role[] = ['officer', 'viewer'];

const ownBody = (p: Principal, t: { bodyId: number }) => p.bodyId !== null && p.bodyId === t.bodyId;

export function canReadBody(p: Principal, body: { bodyId: number; prefectureCode: string }): boolean {
  switch (p.role) {
    case 'admin':
      return true;
    case 'prefecture':
      return p.prefectureCode !== null && p.prefectureCode === body.prefectureCode;
    default:
      return ownBody(p, body);
  }
}

function allowsOne(p: Principal, access: Access, t: Target): boolean {
  switch (access) {
    case 'bodyReader':
      return canReadBody(p, t);
    case 'bodyStaff':
      return (p.role === 'hq' || p.role === 'officer') && ownBody(p, t);
    case 'bodyHq':
      return p.role === 'hq' && ownBody(p, t);
    case 'importOwner':
      return ownBody(p, t) && (p.role === 'hq' || (p.role === 'officer' && t.ownerId != null && t.ownerId === p.id));
    case 'prefectureReader':
      return p.role === 'prefecture' && p.prefectureCode !== null && p.prefectureCode === t.prefectureCode;
    case 'accountManager':
      if (t.ownerId === p.id) return false;
      if (p.role === 'hq') return ownBody(p, t) && t.accountRole != null && HQ_MANAGED_ROLES.includes(t.accountRole);
      return p.role === 'prefecture' && t.accountRole === 'prefecture' && p.prefectureCode !== null && p.prefectureCode === t.prefectureCode;
    case 'bodySection':
      return (
        ownBody(p, t) &&
        (p.role === 'hq' || (p.role === 'officer' && t.sectionId !== null && p.sectionIds.includes(t.sectionId)))
      );
    default:
      return false;
  }
}

/** Whether `p` may make a request needing `access` on `targets` (every target must be allowed). */
export function allows(p: Principal | null, access: Access, targets: readonly Target[]): boolean {
  if (access === 'public') return true;
  if (p === null) return false;
  if (access === 'authenticated' || p.role === 'admin') return true;
  if (access === 'admin' || targets.length === 0) return false;
  return targets.every((t) => allowsOne(p, access, t));
}

/**
 * What the UI may offer, for /api/auth/me. Decisions stay on the server; this only lets the UI hide
 * what would be refused. `editableSectionIds: null` means every section of the body.
 */
export function permissionsOf(p: Principal, officerFields: { item: readonly string[]; milestone: readonly string[] }) {
  const admin = p.role === 'admin';
  const hq = p.role === 'hq';
  const officer = p.role === 'officer';
  return {
    readScope:
      admin
        ? { kind: 'all' as const, bodyId: null, prefectureCode: null }
        : p.role === 'prefecture'
          ? { kind: 'prefecture' as const, bodyId: null, prefectureCode: p.prefectureCode }
          : { kind: 'body' as const, bodyId: p.bodyId, prefectureCode: null },
    /** Bodies, categories, national deadlines, business areas, the step template. */
    manageReferenceData: admin,
    /** Sections, plans, items, milestones (create/delete, planned dates), KPIs, deadline extensions. */
    managePlan: admin || hq,
    /** Milestone progress, KPI values, item notes, standardization steps, 「変更なし」. */
    editProgress: admin || hq || officer,
    editableSectionIds: admin || hq ? null : officer ? [...p.sectionIds] : [],
    /** Fields an officer may send when updating; hq and admin may send every field. */
    officerEditableFields: officer ? { item: [...officerFields.item], milestone: [...officerFields.milestone] } : null,
    viewAuditLog: admin || hq,
    viewItemAudit: true,
    viewReportingStatus: admin || hq,
    useMyUpdates: admin || hq || officer,
  };
}
