import { Type, type Static } from '@sinclair/typebox';
import { AssessedMilestoneSchema, ItemSummary } from './assessed.ts';
import { FiscalYear, Id, LongText, Nullable, StringEnum } from './common.ts';
import { KpiValue } from './kpis.ts';
import { UPDATE_FOCUSES } from '../domain/labels.ts';

export const QuarterPeriod = Type.Object({
  fiscalYear: Type.Integer(),
  quarter: Type.Integer({ minimum: 1, maximum: 4 }),
  label: Type.String({ description: '2026年度 第3四半期' }),
  startDate: Type.String(),
  endDate: Type.String(),
  dueDate: Nullable(Type.String({ description: '報告期限（DX推進本部が設定。未設定は null）。期限までの更新はこの四半期の報告に数えます' })),
});

export const Review = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  fiscalYear: Type.Integer(),
  quarter: Type.Integer(),
  userId: Nullable(Type.Integer()),
  username: Nullable(Type.String()),
  note: Type.String(),
  createdAt: Type.String(),
});
export const ReviewCreate = Type.Object({ note: Type.Optional(LongText) }, { additionalProperties: false });
export type ReviewCreate = Static<typeof ReviewCreate>;

const Focus = StringEnum(UPDATE_FOCUSES, {
  description: 'overdue: 予定日を過ぎて未完了 / due_this_quarter: 今期が予定日 / upcoming: 来期以降 / done: 完了 / not_applicable: 対象外',
});

export const UpdateKpi = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  unit: Type.String(),
  direction: Type.String(),
  directionLabel: Type.String(),
  targetValue: Type.Number(),
  targetFiscalYear: Type.Integer(),
  version: Type.Integer(),
  entryPeriod: Type.Object(
    { fiscalYear: Type.Integer(), quarter: Type.Integer({ minimum: 0, maximum: 4 }), label: Type.String({ description: '2026年度第3四半期 / 2025年度の年間値' }) },
    { description: '今期の更新で入力する期間: 年間値で報告する指標は終わった直近の年度（quarter 0）、それ以外は今期' },
  ),
  range: Type.Object(
    { min: Nullable(Type.Number()), max: Nullable(Type.Number()) },
    { description: '入力できる実績値の範囲（domain/kpi-range.ts、null は上限・下限なし）' },
  ),
  needsWord: Type.Boolean({ description: '入力期間の値が未登録（今期に報告が必要）' }),
  thisQuarter: Nullable(KpiValue, { description: '入力期間（entryPeriod）の実績値（未登録なら null: POST /kpis/:kpiId/values で登録）' }),
  previous: Nullable(KpiValue, { description: '入力期間より前の直近の実績値' }),
});

export const MyUpdateItem = Type.Object({
  item: ItemSummary,
  canEdit: Type.Boolean({ description: 'この利用者が進捗を更新できるか' }),
  milestones: Type.Array(
    Type.Composite([
      AssessedMilestoneSchema,
      Type.Object({ focus: Focus, needsWord: Type.Boolean({ description: '期限超過・今期が予定日・進行中（domain/quarter-word.ts）' }) }),
    ]),
    {
      description: '期限超過、今期が予定日、その他の順',
    },
  ),
  kpis: Type.Array(UpdateKpi),
  overdueCount: Type.Integer(),
  dueThisQuarterCount: Type.Integer(),
  lastReview: Nullable(Review, { description: '今期の「変更なし」（最新）' }),
  lastChange: Nullable(Type.Object({ at: Type.String(), username: Type.String() }), { description: '今期の変更（最新、変更履歴から）' }),
  needsWord: Type.Boolean({ description: '今期に報告が必要なマイルストーンまたは指標がある' }),
  reported: Type.Boolean({ description: '今期に変更または「変更なし」を記録済み' }),
});

export const MyUpdates = Type.Object({
  asOf: Type.String(),
  period: QuarterPeriod,
  sections: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  items: Type.Array(MyUpdateItem, { description: '期限超過・今期予定のマイルストーンがある取組から順に' }),
  summary: Type.Object({
    items: Type.Integer(),
    overdueMilestones: Type.Integer(),
    dueThisQuarter: Type.Integer(),
    reportedItems: Type.Integer({ description: '今期に変更または「変更なし」を記録した取組' }),
    needsWordItems: Type.Integer({ description: '今期に報告が必要なマイルストーンまたは指標がある取組' }),
  }),
});

export const MyUpdatesQuery = Type.Object({ sectionId: Type.Optional(Id) }, { additionalProperties: false });
export type MyUpdatesQuery = Static<typeof MyUpdatesQuery>;

export const ReportingStatusQuery = Type.Object(
  {
    fiscalYear: Type.Optional(FiscalYear),
    quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  },
  { additionalProperties: false },
);
export type ReportingStatusQuery = Static<typeof ReportingStatusQuery>;

export const SectionReport = Type.Object({
  sectionId: Type.Integer(),
  sectionName: Type.String(),
  itemCount: Type.Integer(),
  reported: Type.Boolean(),
  late: Type.Boolean({ description: '報告期限を過ぎて未報告' }),
  changedItems: Type.Integer({ description: '期間中に変更があった取組の数' }),
  reviewedItems: Type.Integer({ description: '期間中に「変更なし」を記録した取組の数' }),
  lastReportedAt: Nullable(Type.String()),
  lastReportedBy: Nullable(Type.String()),
  officers: Type.Array(Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() })),
});

export const ReportingStatus = Type.Object({
  period: QuarterPeriod,
  overdue: Type.Boolean({ description: '報告期限を過ぎている' }),
  sections: Type.Array(SectionReport, { description: '取組を担当する課（未報告の課から）' }),
  reportedCount: Type.Integer(),
  sectionCount: Type.Integer(),
  lateCount: Type.Integer({ description: '報告期限を過ぎて未報告の課の数' }),
});
