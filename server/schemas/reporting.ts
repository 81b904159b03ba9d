/** 報告期限 and 報告のお知らせ (issue 20 item 4). */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable } from './common.ts';
import { QuarterPeriod } from './updates.ts';

export const ReportingWindow = Type.Object({
  id: Type.Integer(),
  fiscalYear: Type.Integer(),
  quarter: Type.Integer({ minimum: 1, maximum: 4 }),
  label: Type.String({ description: '2026年度 第2四半期' }),
  dueDate: Type.String({ description: '報告期限' }),
  updatedAt: Type.String(),
});
export type ReportingWindow = Static<typeof ReportingWindow>;

export const ReportingWindows = Type.Object({
  windows: Type.Array(ReportingWindow),
  defaultDaysAfterQuarter: Type.Integer({ description: '既定の報告期限: 四半期の末日から何日後か' }),
  suggestions: Type.Array(Type.Object({ fiscalYear: Type.Integer(), quarter: Type.Integer(), label: Type.String(), dueDate: Type.String() }), {
    description: '期限が未設定の今期・来期と、その既定の報告期限',
  }),
});

export const ReportingWindowSet = Type.Object({ dueDate: IsoDate }, { additionalProperties: false });
export type ReportingWindowSet = Static<typeof ReportingWindowSet>;

export const Reminders = Type.Object({
  period: QuarterPeriod,
  today: Type.String(),
  daysLeft: Nullable(Type.Integer({ description: '報告期限まであと何日（当日 0、過ぎると負）。期限が未設定なら null' })),
  items: Type.Array(
    Type.Object({ itemId: Type.Integer(), title: Type.String(), sectionId: Type.Integer(), sectionName: Type.String() }),
    { description: 'まだ報告（更新または「変更なし」）のない取組（DX推進員は担当課の取組だけ）' },
  ),
  itemCount: Type.Integer(),
});
export type Reminders = Static<typeof Reminders>;

export const MailLogEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  userId: Type.Integer(),
  email: Type.String(),
  kind: Type.String({ description: 'due_soon: 期限前のお知らせ / hq_summary: 期限後の未報告のまとめ' }),
  fiscalYear: Type.Integer(),
  quarter: Type.Integer(),
  subject: Type.String(),
  status: Type.String({ description: 'sending / sent / failed' }),
  error: Type.String(),
});
