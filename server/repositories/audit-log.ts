/** Reading audit_log (変更履歴), newest first, with the item's title and the section's name beside each row. */
import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog, planItems } from '../db/schema.ts';
import { sectionNameAtSql } from './sections.ts';
import { offsetOf, type PageRequest } from './pagination.ts';

/** Which rows: every given field must match; `fromAt` / `toAt` are instants (UTC ISO text), `toAt` excluded. */
export interface AuditFilter {
  bodyId?: number;
  itemId?: number;
  entity?: string;
  userId?: number;
  sectionId?: number;
  action?: (typeof auditLog.action.enumValues)[number];
  fromAt?: string;
  toAt?: string;
}

function whereOf(f: AuditFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.bodyId !== undefined) where.push(eq(auditLog.bodyId, f.bodyId));
  if (f.itemId !== undefined) where.push(eq(auditLog.itemId, f.itemId));
  if (f.entity !== undefined) where.push(eq(auditLog.entity, f.entity));
  if (f.userId !== undefined) where.push(eq(auditLog.userId, f.userId));
  if (f.sectionId !== undefined) where.push(eq(auditLog.sectionId, f.sectionId));
  if (f.action !== undefined) where.push(eq(auditLog.action, f.action));
  if (f.fromAt !== undefined) where.push(gte(auditLog.at, f.fromAt));
  if (f.toAt !== undefined) where.push(lt(auditLog.at, f.toAt));
  return and(...where);
}

/** One page of the matching rows and how many match in all. */
export function auditLogPage(db: Db, filter: AuditFilter, req: PageRequest) {
  const where = whereOf(filter);
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db
    // The section's name on the day of the change (課の再編: an entry before a rename shows the old name).
    .select({ a: auditLog, itemTitle: planItems.title, sectionName: sql<string | null>`${sql.raw(sectionNameAtSql('"audit_log"."section_id"', `date("audit_log"."at", '+9 hours')`))}` })
    .from(auditLog)
    .leftJoin(planItems, eq(planItems.id, auditLog.itemId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(req.pageSize)
    .offset(offsetOf(req))
    .all();
  return { rows, total };
}
