/**
 * Response shapes of assessed data (status, adherence, series) shared by the items and dashboard
 * routes. Labels are sent with codes so every client shows the same Japanese words.
 */
import { Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common.ts';
import { ITEM_STATUSES, KPI_STATUSES, MILESTONE_STATUSES } from '../domain/labels.ts';

export const ItemStatusSchema = StringEnum(ITEM_STATUSES, { description: '取組の状況' });
export const MilestoneStatusSchema = StringEnum(MILESTONE_STATUSES, { description: 'マイルストーンの状況' });
export const KpiStatusSchema = StringEnum(KPI_STATUSES, { description: '指標の状況' });

export const FiscalQuarterSchema = Type.Object({
  fiscalYear: Type.Integer(),
  quarter: Type.Integer({ minimum: 1, maximum: 4 }),
  label: Type.String(),
});

export const DeadlineRef = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  originalDate: Type.String({ description: '国が掲げた当初の期限' }),
  effectiveDate: Type.String({ description: '延長を反映した期限' }),
  extended: Type.Boolean(),
  extensionReason: Nullable(Type.String()),
  daysLeft: Type.Integer({ description: '基準日から期限までの日数（超過は負）' }),
});

export const AdherenceSchema = Type.Object({
  kind: StringEnum(['done_on_time', 'done_late', 'overdue', 'upcoming', 'not_applicable'] as const),
  label: Type.String(),
  /** Days late (done_late, overdue) or left (upcoming); 0 otherwise. Positive = behind. */
  varianceDays: Type.Integer({ description: '予定との差（日）。正は遅れ、負は残り日数' }),
});

export const AssessedMilestoneSchema = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  title: Type.String(),
  plannedStartDate: Nullable(Type.String()),
  plannedDate: Type.String(),
  actualStartDate: Nullable(Type.String()),
  actualDate: Nullable(Type.String()),
  status: MilestoneStatusSchema,
  statusLabel: Type.String(),
  note: Type.String(),
  isSample: Type.Boolean(),
  version: Type.Integer(),
  adherence: AdherenceSchema,
});

export const ItemSummary = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  depth: Type.Integer(),
  isGroup: Type.Boolean({ description: '子の取組をまとめる取組（集計は子で行う）' }),
  title: Type.String(),
  categoryId: Type.Integer(),
  categoryName: Type.String(),
  sectionId: Type.Integer(),
  sectionName: Type.String(),
  targetFiscalYear: Type.Integer(),
  targetFiscalYearLabel: Type.String(),
  nationalDeadlineId: Nullable(Type.Integer()),
  notes: Type.String(),
  sortOrder: Type.Integer(),
  isSample: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  status: ItemStatusSchema,
  statusLabel: Type.String(),
  reasons: Type.Array(Type.String()),
  plannedFinish: Nullable(Type.String()),
  forecastFinish: Nullable(Type.String()),
  actualFinish: Nullable(Type.String()),
  delayDays: Type.Integer(),
  milestoneCount: Type.Integer({ description: '対象外を除くマイルストーン数' }),
  doneCount: Type.Integer(),
  deadline: Nullable(DeadlineRef),
});

export const KpiSeriesPointSchema = Type.Object({
  fiscalYear: Type.Integer(),
  quarter: Type.Integer(),
  label: Type.String(),
  actual: Nullable(Type.Number()),
  expected: Type.Number({ description: '基準値から目標値への直線上の期待値' }),
});

export const KpiWithSeries = Type.Object({
  id: Type.Integer(),
  itemId: Nullable(Type.Integer()),
  itemTitle: Nullable(Type.String()),
  name: Type.String(),
  unit: Type.String(),
  direction: StringEnum(['higher', 'lower'] as const),
  directionLabel: Type.String(),
  baselineValue: Type.Number(),
  baselineFiscalYear: Type.Integer(),
  targetValue: Type.Number(),
  targetFiscalYear: Type.Integer(),
  benchmarkValue: Nullable(Type.Number({ description: '団体が入力した比較値（国の系列ではない）' })),
  benchmarkLabel: Type.String({ description: '団体が入力した比較値の説明' }),
  // Optional: absent from quarters frozen before the national data pack.
  nationalBenchmark: Type.Optional(Nullable(
    Type.Object({
      code: Type.String(),
      title: Type.String({ description: '系列の名称' }),
      definition: Type.String({ description: '系列の定義（何を数えたか）' }),
      value: Type.Number(),
      unit: Type.String(),
      asOf: Nullable(Type.String()),
      fiscalYear: Nullable(Type.Integer()),
      needsVerification: Type.Boolean({ description: '要確認（一次資料で未確認）' }),
      sources: Type.Array(Type.Object({ publisher: Type.String(), title: Type.String(), publishedOn: Nullable(Type.String()), url: Nullable(Type.String()) })),
    }),
    { description: '比べる全国の系列（指標と同じ定義の系列を指定したときだけ。国の参照データの比較系列）' },
  )),
  isSample: Type.Boolean(),
  version: Type.Integer(),
  status: KpiStatusSchema,
  statusLabel: Type.String(),
  latest: Nullable(Type.Object({ fiscalYear: Type.Integer(), quarter: Type.Integer(), label: Type.String(), value: Type.Number() })),
  expected: Nullable(Type.Number()),
  progressToTarget: Nullable(Type.Number()),
  series: Type.Array(KpiSeriesPointSchema),
});
