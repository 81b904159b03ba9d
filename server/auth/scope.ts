/**
 * What a request acts on, found generically: every path parameter names a row, and the row says which
 * body (and prefecture) and which section it belongs to. Writes may also name targets in their body
 * (an item's `sectionId`, an extension's `bodyId` / `itemId`, a KPI's `itemId`): those are added, and
 * every target must be allowed.
 *
 * A parameter this file does not know stops the server at start-up (`checkRouteParams`), so a new
 * route cannot skip authorization by using a new name.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { Role } from '../domain/labels.ts';
import type { Target } from './policy.ts';

type Row =
  | {
      bodyId: number;
      prefectureCode: string;
      sectionId: number | null;
      itemId: number | null;
      ownerId?: number | null;
      accountRole?: Role | null;
      endedPlanId?: number | null;
    }
  | undefined;

/** The plan of the row when it has ended (issue 20: its rows are read-only; auth/ended-plan.ts refuses writes). */
const ENDED = `CASE WHEN p.ended_on IS NULL THEN NULL ELSE p.id END AS endedPlanId`;
const ITEM_SQL = `SELECT p.body_id AS bodyId, b.prefecture_code AS prefectureCode, i.section_id AS sectionId, i.id AS itemId, ${ENDED}
  FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN local_bodies b ON b.id = p.body_id`;
const KPI_SQL = `SELECT k.body_id AS bodyId, b.prefecture_code AS prefectureCode, i.section_id AS sectionId, k.item_id AS itemId, ${ENDED}
  FROM kpis k JOIN local_bodies b ON b.id = k.body_id LEFT JOIN plan_items i ON i.id = k.item_id LEFT JOIN plans p ON p.id = i.plan_id`;

interface ParamResolver {
  /** Japanese name of the row, for the 404 message (the same as the handlers'). */
  what: string;
  /** null: the parameter names global data (no body). */
  sql: string | null;
  /** Resolved with the route's bodyId as well (a body's business area is keyed by body + area). */
  withBody?: true;
  /** The parameter is not an integer id: how to read it (null: invalid, left to the schema's 400). */
  parse?: (raw: unknown) => string | null;
}

/** Every path parameter an API route may use, and how to find its body and section. */
export const PARAMS: Readonly<Record<string, ParamResolver>> = {
  bodyId: {
    what: '団体',
    sql: `SELECT id AS bodyId, prefecture_code AS prefectureCode, NULL AS sectionId, NULL AS itemId FROM local_bodies WHERE id = ?`,
  },
  sectionId: {
    what: '課',
    sql: `SELECT s.body_id AS bodyId, b.prefecture_code AS prefectureCode, s.id AS sectionId, NULL AS itemId
      FROM sections s JOIN local_bodies b ON b.id = s.body_id WHERE s.id = ?`,
  },
  planId: {
    what: '計画',
    sql: `SELECT p.body_id AS bodyId, b.prefecture_code AS prefectureCode, NULL AS sectionId, NULL AS itemId, ${ENDED}
      FROM plans p JOIN local_bodies b ON b.id = p.body_id WHERE p.id = ?`,
  },
  itemId: { what: '取組', sql: `${ITEM_SQL} WHERE i.id = ?` },
  milestoneId: { what: 'マイルストーン', sql: `${ITEM_SQL} WHERE i.id = (SELECT item_id FROM milestones WHERE id = ?)` },
  kpiId: { what: '指標', sql: `${KPI_SQL} WHERE k.id = ?` },
  valueId: { what: '指標の実績値', sql: `${KPI_SQL} WHERE k.id = (SELECT kpi_id FROM kpi_values WHERE id = ?)` },
  extensionId: {
    what: '期限の延長',
    sql: `SELECT b.id AS bodyId, b.prefecture_code AS prefectureCode, i.section_id AS sectionId, e.item_id AS itemId
      FROM deadline_extensions e
      LEFT JOIN plan_items i ON i.id = e.item_id LEFT JOIN plans p ON p.id = i.plan_id
      JOIN local_bodies b ON b.id = COALESCE(e.body_id, p.body_id)
      WHERE e.id = ?`,
  },
  areaId: {
    what: '団体の標準化対象業務',
    sql: `SELECT ba.body_id AS bodyId, b.prefecture_code AS prefectureCode, ba.section_id AS sectionId, ba.item_id AS itemId
      FROM body_business_areas ba JOIN local_bodies b ON b.id = ba.body_id WHERE ba.area_id = ? AND ba.body_id = ?`,
    withBody: true,
  },
  // An upload (一括取込): its body, and who uploaded it (importOwner). Section-limited uploads stay
  // body-level targets: the rows are checked one by one when the upload is checked and applied.
  importId: {
    what: '取込',
    sql: `SELECT i.body_id AS bodyId, b.prefecture_code AS prefectureCode, NULL AS sectionId, NULL AS itemId, i.user_id AS ownerId
      FROM imports i JOIN local_bodies b ON b.id = i.body_id WHERE i.id = ?`,
  },
  // A whole prefecture (roll-ups): a target with no body (bodyId 0), only its prefecture code.
  prefectureCode: {
    what: '都道府県',
    sql: `SELECT 0 AS bodyId, prefecture_code AS prefectureCode, NULL AS sectionId, NULL AS itemId FROM local_bodies WHERE prefecture_code = ? LIMIT 1`,
    parse: (raw) => (typeof raw === 'string' && /^(0[1-9]|[1-3][0-9]|4[0-7])$/.test(raw) ? raw : null),
  },
  // An account (issue 20): its body (0 for admin and prefecture accounts), its prefecture and role; ownerId is
  // the account itself, so nobody manages their own account through these routes.
  userId: {
    what: '利用者',
    sql: `SELECT COALESCE(u.body_id, 0) AS bodyId, COALESCE(b.prefecture_code, u.prefecture_code, '') AS prefectureCode,
        NULL AS sectionId, NULL AS itemId, u.id AS ownerId, u.role AS accountRole
      FROM users u LEFT JOIN local_bodies b ON b.id = u.body_id WHERE u.id = ?`,
  },
  // Global reference data: no body of its own.
  deadlineId: { what: '国の期限', sql: null },
  stepId: { what: '標準化の手順', sql: null },
  packId: { what: '国の参照データ（データパック）', sql: null },
  // 公開ページ (issue 21): public routes resolve no target; the public view looks the body up by its code and
  // answers 404 for anything not published.
  bodyCode: { what: '団体', sql: null },
  file: { what: 'ファイル', sql: null },
  // A fiscal quarter of the route's body (/bodies/:bodyId/quarters/:fiscalYear/:quarter): not a row.
  fiscalYear: { what: '年度', sql: null },
  quarter: { what: '四半期', sql: null },
};

/** Ids in a write's body that name rows of some body: they are targets too. */
const BODY_FIELDS: Readonly<Record<string, keyof typeof PARAMS>> = {
  bodyId: 'bodyId',
  sectionId: 'sectionId',
  itemId: 'itemId',
  parentId: 'itemId',
};

export function routeParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/** Start-up check: every parameter of the route is known here. Returns whether any names a body. */
export function checkRouteParams(method: string, url: string): { hasBodyTarget: boolean } {
  const params = routeParams(url);
  const unknown = params.filter((p) => !(p in PARAMS));
  if (unknown.length) {
    throw new Error(`${method} ${url}: path parameter(s) ${unknown.join(', ')} unknown to server/auth/scope.ts (teach PARAMS how to find their body)`);
  }
  for (const p of params) {
    if (PARAMS[p]!.withBody && !params.includes('bodyId')) throw new Error(`${method} ${url}: :${p} needs :bodyId in the same route`);
  }
  return { hasBodyTarget: params.some((p) => PARAMS[p]!.sql !== null) };
}

// Read as the schema's coercion (Ajv) will read it: '1e3' and ' 7' are the ids 1000 and 7 to the handler,
// so they must be looked up (and be a 404 when missing) here too, never skipped.
const asId = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 2_147_483_647 ? n : null;
};

export class ScopeResolver {
  private readonly statements = new Map<string, Statement<unknown[]>>();
  constructor(private readonly db: Db) {}

  private lookup(param: string, args: (number | string)[]): Row {
    const r = PARAMS[param]!;
    let stmt = this.statements.get(param);
    if (!stmt) {
      stmt = this.db.$client.prepare(r.sql!);
      this.statements.set(param, stmt);
    }
    return stmt.get(...args) as Row;
  }

  /**
   * The targets of a request. A path id that does not exist is a 404 (before anything else); an id
   * that is not a valid integer is left to the schema validation (400). Ids in the body that do not
   * exist are ignored here: the service refuses them with a field error.
   */
  resolve(params: Record<string, unknown>, body: unknown, write: boolean): Target[] {
    const fromPath: Target[] = [];
    const bodyId = asId(params.bodyId);
    for (const [name, raw] of Object.entries(params)) {
      const r = PARAMS[name];
      if (!r || r.sql === null) continue;
      const id = r.parse ? r.parse(raw) : asId(raw);
      if (id === null) continue;
      if (r.withBody && bodyId === null) continue;
      const row = this.lookup(name, r.withBody ? [id, bodyId!] : [id]);
      if (!row) throw notFound(r.what, id);
      fromPath.push({ ...row });
    }
    const fromBody: Target[] = [];
    if (write && body !== null && typeof body === 'object' && !Array.isArray(body)) {
      for (const [field, param] of Object.entries(BODY_FIELDS)) {
        const id = asId((body as Record<string, unknown>)[field]);
        if (id === null) continue;
        const row = this.lookup(param, [id]);
        if (row) fromBody.push({ ...row });
      }
    }
    // Only path targets are narrowed: ids sent in the body never stand in for the path's own target.
    return dedupe([...narrow(fromPath), ...fromBody]);
  }
}

/**
 * A body-level target is implied by a more precise one of the same body (the body of
 * /bodies/:bodyId/standardization/:areaId is the area's): keep the precise ones only, so an
 * officer is judged on the section that owns the row.
 */
function narrow(targets: Target[]): Target[] {
  const precise = new Set(targets.filter((t) => t.sectionId !== null).map((t) => t.bodyId));
  return targets.filter((t) => t.sectionId !== null || !precise.has(t.bodyId));
}

function dedupe(targets: Target[]): Target[] {
  const out: Target[] = [];
  for (const t of targets) {
    if (!out.some((o) => o.bodyId === t.bodyId && o.sectionId === t.sectionId && o.itemId === t.itemId && o.endedPlanId === t.endedPlanId)) out.push(t);
  }
  return out;
}
