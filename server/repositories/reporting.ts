/** 報告期限 per body and quarter, the people reminders go to, and the mail log (issue 20 item 4). */
import { and, asc, eq, gte, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { mailLog, reportingWindows, users, userSections } from '../db/schema.ts';
import type { FiscalQuarter } from '../domain/fiscal.ts';
import { nowIso } from './versioned.ts';

export const listWindows = (db: Db, bodyId: number) =>
  db.select().from(reportingWindows).where(eq(reportingWindows.bodyId, bodyId)).orderBy(asc(reportingWindows.fiscalYear), asc(reportingWindows.quarter)).all();

export const windowOf = (db: Db, bodyId: number, fq: FiscalQuarter) =>
  db
    .select()
    .from(reportingWindows)
    .where(and(eq(reportingWindows.bodyId, bodyId), eq(reportingWindows.fiscalYear, fq.fiscalYear), eq(reportingWindows.quarter, fq.quarter)))
    .get();

/** A quarter's due date (null: none set). */
export const dueDateOf = (db: Db, bodyId: number) => (fq: FiscalQuarter) => windowOf(db, bodyId, fq)?.dueDate ?? null;

export function upsertWindow(db: Db, bodyId: number, fq: FiscalQuarter, dueDate: string) {
  const existing = windowOf(db, bodyId, fq);
  if (existing) {
    if (existing.dueDate === dueDate) return existing;
    return db.update(reportingWindows).set({ dueDate, updatedAt: nowIso() }).where(eq(reportingWindows.id, existing.id)).returning().get();
  }
  return db.insert(reportingWindows).values({ bodyId, fiscalYear: fq.fiscalYear, quarter: fq.quarter, dueDate }).returning().get();
}

export const deleteWindow = (db: Db, id: number) => db.delete(reportingWindows).where(eq(reportingWindows.id, id)).run();

/** Windows whose due date lies between two dates (the mailer's daily look). */
export const windowsDueBetween = (db: Db, from: string, to: string) =>
  db.select().from(reportingWindows).where(and(gte(reportingWindows.dueDate, from), lte(reportingWindows.dueDate, to))).all();

/** Enabled accounts of a role in a body that have an e-mail address, with an officer's sections. */
export function mailRecipients(db: Db, bodyId: number, role: 'officer' | 'hq') {
  const people = db
    .select({ id: users.id, username: users.username, displayName: users.displayName, email: users.email })
    .from(users)
    .where(and(eq(users.bodyId, bodyId), eq(users.role, role), eq(users.disabled, false), isNotNull(users.email)))
    .orderBy(asc(users.id))
    .all();
  return people.map((p) => ({
    ...p,
    email: p.email!,
    sectionIds: db.select({ id: userSections.sectionId }).from(userSections).where(eq(userSections.userId, p.id)).all().map((r) => r.id),
  }));
}

/**
 * Claims today's message for a person: false when they already got one today (mail_log's unique key on
 * user and day, so two processes never both send). The row says 'sending' until `finishMail`.
 */
export function claimMail(db: Db, row: Omit<typeof mailLog.$inferInsert, 'id' | 'status' | 'error'>): number | null {
  const r = db.insert(mailLog).values({ ...row, status: 'sending' }).onConflictDoNothing().returning({ id: mailLog.id }).get();
  return r?.id ?? null;
}

export const finishMail = (db: Db, id: number, error: string | null) =>
  db.update(mailLog).set({ status: error === null ? 'sent' : 'failed', error: error ?? '' }).where(eq(mailLog.id, id)).run();

/** Whether a person already got this kind of message for the quarter (HQ's summary goes once). */
export const alreadyMailed = (db: Db, userId: number, kind: 'due_soon' | 'hq_summary', fq: FiscalQuarter) =>
  db
    .select({ id: mailLog.id })
    .from(mailLog)
    .where(and(eq(mailLog.userId, userId), eq(mailLog.kind, kind), eq(mailLog.fiscalYear, fq.fiscalYear), eq(mailLog.quarter, fq.quarter), eq(mailLog.status, 'sent')))
    .get() !== undefined;

export const mailLogOf = (db: Db, bodyId: number) => db.select().from(mailLog).where(eq(mailLog.bodyId, bodyId)).orderBy(asc(mailLog.id)).all();

/** The body's pieces of work (items without sub-items), with their section, for "what still needs a word". */
export const leafItemsOf = (db: Db, bodyId: number) =>
  db.$client
    .prepare(
      `SELECT i.id AS itemId, i.title, i.section_id AS sectionId, s.name AS sectionName
       FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN sections s ON s.id = i.section_id
       WHERE p.body_id = ? AND p.ended_on IS NULL AND NOT EXISTS (SELECT 1 FROM plan_items c WHERE c.parent_id = i.id)
       ORDER BY s.id, i.id`,
    )
    .all(bodyId) as { itemId: number; title: string; sectionId: number; sectionName: string }[];
