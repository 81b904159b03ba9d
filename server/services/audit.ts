/**
 * Reading the audit trail (変更履歴). Rows are written only by the SQLite triggers (see
 * server/audit/triggers.ts) and never changed; here they are filtered, paged and shown with labels and
 * the list of fields that changed.
 */
import { getTableColumns } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AuditLogRow } from '../db/schema.ts';
import { addDays } from '../domain/dates.ts';
import { AUDIT_ACTION_LABELS } from '../domain/labels.ts';
import { AUDITED, ENTITY_LABELS } from '../audit/triggers.ts';
import { auditLogPage, type AuditFilter } from '../repositories/audit-log.ts';
import { pageOf, type PageRequest } from '../repositories/pagination.ts';
import type { AuditEntry, BodyAuditQuery } from '../schemas/audit.ts';

/** The first instant of a calendar date in Japan, as the UTC ISO text audit rows are stamped with. */
export const startOfJapanDate = (date: string) => new Date(`${date}T00:00:00+09:00`).toISOString();

/** Fields that change on every update and say nothing by themselves. */
const NOISE = new Set(['version', 'updatedAt', 'createdAt']);

const booleanFields = new Map(
  Object.entries(AUDITED).map(([entity, spec]) => [
    entity,
    new Set(Object.entries(getTableColumns(spec.table)).filter(([, c]) => c.columnType === 'SQLiteBoolean').map(([k]) => k)),
  ]),
);

function parseRow(entity: string, json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  const row = JSON.parse(json) as Record<string, unknown>;
  for (const k of booleanFields.get(entity) ?? []) if (typeof row[k] === 'number') row[k] = row[k] === 1;
  return row;
}

function changesOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((k) => !NOISE.has(k) && !(before === null && k === 'id') && !(after === null && k === 'id'))
    .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
}

type Joined = { a: AuditLogRow; itemTitle: string | null; sectionName: string | null };

function present({ a, itemTitle, sectionName }: Joined): AuditEntry {
  const before = parseRow(a.entity, a.before);
  const after = parseRow(a.entity, a.after);
  const ownTitle = a.entity === 'plan_items' ? ((after ?? before)?.title as string | undefined) : undefined;
  return {
    id: a.id,
    at: a.at,
    userId: a.userId,
    username: a.username,
    action: a.action,
    actionLabel: AUDIT_ACTION_LABELS[a.action],
    entity: a.entity,
    entityLabel: ENTITY_LABELS[a.entity] ?? a.entity,
    entityId: a.entityId,
    bodyId: a.bodyId,
    itemId: a.itemId,
    itemTitle: itemTitle ?? ownTitle ?? null,
    sectionId: a.sectionId,
    sectionName,
    before,
    after,
    changes: changesOf(before, after),
    note: a.note,
    requestId: a.requestId,
  };
}

function page(db: Db, filter: AuditFilter, req: PageRequest) {
  const { rows, total } = auditLogPage(db, filter, req);
  return pageOf(rows.map(present), total, req);
}

/** A body's log, newest first, filtered by entity, user, item, section, action and dates (Japan). */
export function bodyAudit(db: Db, bodyId: number, q: BodyAuditQuery) {
  return page(
    db,
    {
      bodyId,
      entity: q.entity,
      userId: q.userId,
      itemId: q.itemId,
      sectionId: q.sectionId,
      action: q.action,
      fromAt: q.from !== undefined ? startOfJapanDate(q.from) : undefined,
      toAt: q.to !== undefined ? startOfJapanDate(addDays(q.to, 1)) : undefined,
    },
    q,
  );
}

/** An item's history: the item, its milestones, KPIs, KPI values, reviews, extensions; newest first. */
export function itemAudit(db: Db, itemId: number, q: PageRequest) {
  return page(db, { itemId }, q);
}
