/**
 * 報告期限 and 報告のお知らせ (issue 20 item 4): HQ sets a quarter's due date; officers see what still needs their
 * word; e-mail reminders 7 and 1 days before go to officers with unreported items (never to disabled users,
 * at most one a day), a summary of the late sections to HQ after the due date; everything logged. The mail
 * goes through nodemailer to a real SMTP server in this process (tests/helpers/smtp.ts) and is read there.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../server/db/schema.ts';
import { sendReminders, smtpMailer, type Mailer } from '../../server/services/reminders.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';

const TODAY = '2026-12-03'; // FY2026 Q3 (October–December)
let t: TestApp;
let smtp: TestSmtp;
let mailer: Mailer;
let bodyId: number;

const userId = (username: string) => t.db.select().from(users).where(eq(users.username, username)).get()!.id;
const at = (day: string) => new Date(`${day}T00:30:00Z`);

beforeAll(async () => {
  smtp = await startTestSmtp();
  mailer = smtpMailer(smtp.url, 'dx-dashboard@example.lg.jp');
  t = await createTestApp({ demo: true, today: TODAY, mailer });
  bodyId = (await t.as('hq').inject('/api/auth/me')).json().body.id;
  // E-mail addresses for the officer, a second officer who is disabled, and HQ (through the account API).
  for (const [who, email] of [
    ['demo-officer', 'officer@example.lg.jp'],
    ['demo-hq', 'hq@example.lg.jp'],
  ] as const) {
    const res = await t.inject({ method: 'PATCH', url: `/api/accounts/${userId(who)}`, payload: { email } });
    expect(res.statusCode, res.body).toBe(200);
  }
  const sections = (await t.inject(`/api/bodies/${bodyId}/sections`)).json() as { id: number; name: string }[];
  const made = await t.as('hq').inject({
    method: 'POST',
    url: `/api/bodies/${bodyId}/accounts`,
    payload: { username: 'yasumi', displayName: '休職中', role: 'officer', sectionIds: sections.map((s) => s.id), email: 'yasumi@example.lg.jp' },
  });
  expect(made.statusCode, made.body).toBe(201);
  expect((await t.as('hq').inject({ method: 'POST', url: `/api/accounts/${made.json().account.id}/disable` })).statusCode).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('報告期限', () => {
  it('HQ sets a quarter’s due date (suggested ten days after the quarter); a date before the quarter is refused in Japanese', async () => {
    const before = (await t.as('officer').inject(`/api/bodies/${bodyId}/reporting-windows`)).json();
    expect(before.suggestions).toContainEqual({ fiscalYear: 2026, quarter: 3, label: '2026年度 第3四半期', dueDate: '2027-01-10' });
    const bad = await t.as('hq').inject({ method: 'PUT', url: `/api/bodies/${bodyId}/reporting-windows/2026/3`, payload: { dueDate: '2026-09-30' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('報告期限は、その四半期の初日以降の日付にしてください。');
    const ok = await t.as('hq').inject({ method: 'PUT', url: `/api/bodies/${bodyId}/reporting-windows/2026/3`, payload: { dueDate: '2026-12-10' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ fiscalYear: 2026, quarter: 3, dueDate: '2026-12-10' });
    expect((await t.as('officer').inject({ method: 'PUT', url: `/api/bodies/${bodyId}/reporting-windows/2026/3`, payload: { dueDate: '2026-12-11' } })).statusCode).toBe(403);
    const audit = t.db.$client.prepare("SELECT username FROM audit_log WHERE entity = 'reporting_windows'").all();
    expect(audit).toEqual([{ username: 'demo-hq' }]);
  });

  it('the officer sees the quarter, the days left and only their sections’ unreported items', async () => {
    const r = (await t.as('officer').inject(`/api/bodies/${bodyId}/reminders`)).json();
    expect(r.period).toMatchObject({ fiscalYear: 2026, quarter: 3, dueDate: '2026-12-10' });
    expect(r.daysLeft).toBe(7);
    expect(r.itemCount).toBeGreaterThan(0);
    expect(new Set(r.items.map((i: { sectionName: string }) => i.sectionName))).toEqual(new Set(['行革デジタル戦略課', '市民課']));
    const hq = (await t.as('hq').inject(`/api/bodies/${bodyId}/reminders`)).json();
    expect(hq.itemCount).toBeGreaterThan(r.itemCount);
  });
});

describe('reminder e-mails', () => {
  it('7 days before: one mail to the officer with unreported items, none to the disabled officer or to HQ; logged', async () => {
    const run = await sendReminders(t.db, mailer, '2026-12-03', at('2026-12-03'));
    expect(run).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['officer@example.lg.jp']);
    expect(mail!.from).toBe('dx-dashboard@example.lg.jp');
    expect(mail!.subject).toBe('【上天草市】2026年度 第3四半期の進捗報告の期限は2026年12月10日です（あと7日）');
    expect(mail!.text).toContain('市民課');
    const log = (await t.as('hq').inject(`/api/bodies/${bodyId}/mail-log`)).json();
    expect(log).toEqual([expect.objectContaining({ email: 'officer@example.lg.jp', kind: 'due_soon', status: 'sent', fiscalYear: 2026, quarter: 3 })]);
  });

  it('at most one a day: a second run the same day (here: the server’s “send now”) sends nothing', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/reminders/send' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sent: 0, failed: 0, skipped: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('no mail on days that are not 7 or 1 before; the day before, only to whoever still has unreported items', async () => {
    expect(await sendReminders(t.db, mailer, '2026-12-05', at('2026-12-05'))).toEqual({ sent: 0, failed: 0, skipped: 0 });
    // The officer answers for every item of their sections (「変更なし」 counts as the quarter's word).
    const r = (await t.as('officer').inject(`/api/bodies/${bodyId}/reminders`)).json();
    for (const item of r.items as { itemId: number }[]) {
      const res = await t.as('officer').inject({ method: 'POST', url: `/api/items/${item.itemId}/reviews`, payload: { note: '変更なし' } });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await t.as('officer').inject(`/api/bodies/${bodyId}/reminders`)).json().itemCount).toBe(0);
    expect(await sendReminders(t.db, mailer, '2026-12-09', at('2026-12-09'))).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('after the due date: HQ gets one summary mail naming the late sections (and reporting-status says who is late)', async () => {
    // FY2027 Q1: nobody has done anything in it (the demo rows were written in FY2026 Q3, when this test runs its seed).
    await t.as('hq').inject({ method: 'PUT', url: `/api/bodies/${bodyId}/reporting-windows/2027/1`, payload: { dueDate: '2027-07-10' } });
    const status = (await t.as('hq').inject(`/api/bodies/${bodyId}/reporting-status?fiscalYear=2027&quarter=1`)).json();
    expect(status.period.dueDate).toBe('2027-07-10');
    expect(status.overdue).toBe(false); // the app's today is 2026-12-03
    const run = await sendReminders(t.db, mailer, '2027-07-11', at('2027-07-11'));
    expect(run).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const mail = (await smtp.waitFor(2))[1]!;
    expect(mail.to).toEqual(['hq@example.lg.jp']);
    expect(mail.subject).toBe(`【上天草市】2027年度 第1四半期の報告期限（2027年7月10日）を過ぎて未報告の課: ${status.sectionCount}課`);
    expect(mail.text).toContain('・市民課（担当: ');
    // Once per quarter, not every day of the week after.
    expect(await sendReminders(t.db, mailer, '2027-07-12', at('2027-07-12'))).toEqual({ sent: 0, failed: 0, skipped: 0 });
  });

  it('a relay that refuses is logged as failed, and tried again on another day', async () => {
    await t.as('hq').inject({ method: 'PUT', url: `/api/bodies/${bodyId}/reporting-windows/2026/4`, payload: { dueDate: '2027-04-10' } });
    await t.as('hq').inject({ method: 'POST', url: `/api/accounts/${userId('demo-officer')}/password-reset`, payload: {} }); // unrelated: still mailed
    smtp.refuse(true);
    try {
      expect(await sendReminders(t.db, mailer, '2027-04-03', at('2027-04-03'))).toEqual({ sent: 0, failed: 1, skipped: 0 });
    } finally {
      smtp.refuse(false);
    }
    const failed = (await t.as('hq').inject(`/api/bodies/${bodyId}/mail-log`)).json().at(-1);
    expect(failed).toMatchObject({ status: 'failed', kind: 'due_soon', quarter: 4 });
    expect(failed.error).toMatch(/550/);
    expect(await sendReminders(t.db, mailer, '2027-04-09', at('2027-04-09'))).toEqual({ sent: 1, failed: 0, skipped: 0 });
  });
});
