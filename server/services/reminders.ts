/**
 * 報告のお知らせ (issue 20 item 4): what still needs a user's word for the quarter asked for today (the banner
 * and list on their pages), and the e-mail reminders — 7 and 1 days before the 報告期限 to officers with
 * unreported items, and after it a summary of the late sections to HQ — sent through the town hall's SMTP
 * relay (SMTP_URL, MAIL_FROM) at most once per person per day, never to disabled users, logged in mail_log.
 */
import type { Db } from '../db/client.ts';
import { addDays, formatJapaneseDate } from '../domain/dates.ts';
import { fiscalQuarterLabel, type FiscalQuarter, type Quarter } from '../domain/fiscal.ts';
import { daysUntilDue, HQ_SUMMARY_WITHIN_DAYS, reminderOn, reportingQuarter, REMINDER_DAYS_BEFORE } from '../domain/reporting.ts';
import type { Principal } from '../auth/policy.ts';
import * as reporting from '../repositories/reporting.ts';
import * as updatesRepo from '../repositories/updates.ts';
import { getBody } from '../repositories/bodies.ts';
import { quarterPeriod, reportingStatus } from './updates.ts';

/** Items of `sectionIds` (null: every section) with neither a change nor a 「変更なし」 in the quarter's counted days. */
export function unreportedItems(db: Db, bodyId: number, sectionIds: readonly number[] | null, period: ReturnType<typeof quarterPeriod>) {
  const items = reporting.leafItemsOf(db, bodyId).filter((i) => sectionIds === null || sectionIds.includes(i.sectionId));
  const changed = new Set(updatesRepo.lastItemChanges(db, bodyId, period).map((c) => c.itemId));
  const reviewed = new Set(updatesRepo.reviewsOf(db, items.map((i) => i.itemId), period).map((r) => r.itemId));
  return items.filter((i) => !changed.has(i.itemId) && !reviewed.has(i.itemId));
}

/** The banner and list: the quarter asked for today, its due date, and what still needs this user's word. */
export function remindersFor(db: Db, bodyId: number, user: Principal, today: string) {
  getBody(db, bodyId);
  const { quarter, dueDate } = reportingQuarter(today, reporting.dueDateOf(db, bodyId));
  const period = quarterPeriod(quarter.fiscalYear, quarter.quarter, dueDate);
  const items = unreportedItems(db, bodyId, user.role === 'officer' ? user.sectionIds : null, period);
  const { from: _f, to: _t, ...shown } = period;
  return { period: shown, today, daysLeft: dueDate === null ? null : daysUntilDue(today, dueDate), items, itemCount: items.length };
}

// ---- e-mail ----------------------------------------------------------------------------------------

export interface Mail {
  to: string;
  subject: string;
  text: string;
}
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** The town hall's SMTP relay (nodemailer, loaded on first use: the server without SMTP_URL never loads it). */
export function smtpMailer(url: string, from: string): Mailer {
  let transport: Promise<{ sendMail: (m: object) => Promise<unknown> }> | null = null;
  return {
    async send(mail) {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(url));
      await (await transport).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

export interface ReminderRun {
  sent: number;
  failed: number;
  /** Messages not sent because the person already got one today. */
  skipped: number;
}

/** Writes without the server's group commit (tests, scripts). */
const direct = async <T>(fn: () => T) => await fn();

const quarterOf = (w: { fiscalYear: number; quarter: number }): FiscalQuarter => ({ fiscalYear: w.fiscalYear, quarter: w.quarter as Quarter });

/**
 * Sends today's reminders (called at start-up and hourly when SMTP_URL is set; idempotent within a day).
 * `now` is the clock of the log rows; `today` the date in Japan.
 */
export async function sendReminders(
  db: Db,
  mailer: Mailer,
  today: string,
  now: Date,
  publicUrl: string | null = null,
  /** Runs each write: in the server the group commit's `write` (it waits while a worker holds the write lock). */
  writeVia?: <T>(fn: () => T) => Promise<Awaited<T>>,
): Promise<ReminderRun> {
  const write = writeVia ?? direct;
  const run: ReminderRun = { sent: 0, failed: 0, skipped: 0 };
  const maxAhead = Math.max(...REMINDER_DAYS_BEFORE);
  for (const w of reporting.windowsDueBetween(db, addDays(today, -HQ_SUMMARY_WITHIN_DAYS), addDays(today, maxAhead))) {
    const kind = reminderOn(today, w.dueDate);
    if (kind === null) continue;
    const fq = quarterOf(w);
    const body = getBody(db, w.bodyId);
    const period = quarterPeriod(fq.fiscalYear, fq.quarter, w.dueDate);
    const label = fiscalQuarterLabel(fq);
    const due = formatJapaneseDate(w.dueDate);
    const link = publicUrl ? `\n\n${publicUrl}/bodies/${w.bodyId}/updates` : '';
    const deliver = async (person: { id: number; email: string }, subject: string, text: string) => {
      const id = await write(() =>
        reporting.claimMail(db, { at: now.toISOString(), day: today, userId: person.id, bodyId: w.bodyId, email: person.email, kind, fiscalYear: fq.fiscalYear, quarter: fq.quarter, subject }),
      );
      if (id === null) {
        run.skipped++;
        return;
      }
      try {
        await mailer.send({ to: person.email, subject, text });
      } catch (err) {
        await write(() => reporting.finishMail(db, id, err instanceof Error ? err.message.slice(0, 500) : String(err)));
        run.failed++;
        return;
      }
      await write(() => reporting.finishMail(db, id, null));
      run.sent++;
    };

    if (kind === 'due_soon') {
      const left = daysUntilDue(today, w.dueDate);
      for (const officer of reporting.mailRecipients(db, w.bodyId, 'officer')) {
        const items = unreportedItems(db, w.bodyId, officer.sectionIds, period);
        if (items.length === 0) continue;
        const subject = `【${body.name}】${label}の進捗報告の期限は${due}です（あと${left}日）`;
        const text =
          `${officer.displayName} 様\n\n${label}の進捗の報告期限は${due}です（あと${left}日）。\n` +
          `次の取組について、マイルストーン・指標の更新、または「変更なし」の記録をお願いします（${items.length}件）。\n\n` +
          items.map((i) => `・${i.title}（${i.sectionName}）`).join('\n') +
          `\n\n「今期の更新」の画面から記録できます。${link}\n\n（このメールは自治体DX進捗ダッシュボードから自動で送信しています）`;
        await deliver(officer, subject, text);
      }
    } else {
      const status = reportingStatus(db, w.bodyId, { fiscalYear: fq.fiscalYear, quarter: fq.quarter }, today);
      const late = status.sections.filter((s) => s.late);
      if (late.length === 0) continue;
      for (const hq of reporting.mailRecipients(db, w.bodyId, 'hq')) {
        if (reporting.alreadyMailed(db, hq.id, 'hq_summary', fq)) continue;
        const subject = `【${body.name}】${label}の報告期限（${due}）を過ぎて未報告の課: ${late.length}課`;
        const text =
          `${hq.displayName} 様\n\n${label}の報告期限（${due}）を過ぎて、まだ報告のない課があります（${status.reportedCount}／${status.sectionCount}課が報告済み）。\n\n` +
          late.map((s) => `・${s.sectionName}（担当: ${s.officers.map((o) => o.displayName).join('、') || 'なし'}）`).join('\n') +
          `\n\n「今期の更新」の報告状況で確認できます。${link}\n\n（このメールは自治体DX進捗ダッシュボードから自動で送信しています）`;
        await deliver(hq, subject, text);
      }
    }
  }
  return run;
}
