import { Type } from '@sinclair/typebox';
import { Body } from './bodies.ts';
import { Nullable, StringEnum } from './common.ts';
import { DATE_PRECISIONS, EXTENSION_SCOPES } from '../domain/labels.ts';
import {
  AssessedMilestoneSchema,
  DeadlineRef,
  FiscalQuarterSchema,
  ItemStatusSchema,
  KpiWithSeries,
} from './assessed.ts';

const count = Type.Integer({ minimum: 0 });

export const StatusCounts = Type.Object({
  done: count,
  on_track: count,
  delayed: count,
  at_risk: count,
  past_deadline: count,
  not_applicable: count,
});

export const Rollup = Type.Object({
  itemCount: count,
  counts: StatusCounts,
  milestoneCount: count,
  applicableMilestones: count,
  doneMilestones: count,
  progress: Nullable(Type.Number({ description: '完了マイルストーン ÷ 対象外を除くマイルストーン' })),
  onTimeRate: Nullable(Type.Number({ description: '予定どおり完了 ÷（予定どおり完了＋遅れて完了＋期限超過）' })),
  doneOnTime: count,
  doneLate: count,
  overdue: count,
});

export const CategorySummary = Type.Composite([
  Rollup,
  Type.Object({
    categoryId: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    isCore: Type.Boolean(),
    nextDeadline: Nullable(
      Type.Object({
        title: Type.String(),
        date: Type.String(),
        originalDate: Type.String(),
        daysLeft: Type.Integer({ description: '負の値は期限超過の日数' }),
        extended: Type.Boolean(),
      }),
    ),
  }),
]);

export const AttentionItem = Type.Object({
  itemId: Type.Integer(),
  title: Type.String(),
  categoryName: Type.String(),
  sectionName: Type.String(),
  status: ItemStatusSchema,
  statusLabel: Type.String(),
  reasons: Type.Array(Type.String()),
  deadlineDate: Nullable(Type.String()),
  daysToDeadline: Nullable(Type.Integer()),
  delayDays: Type.Integer(),
  forecastFinish: Nullable(Type.String()),
});

export const AdherencePoint = Type.Object({
  fiscalYear: Type.Integer(),
  quarter: Type.Integer(),
  label: Type.String(),
  plannedCumulative: count,
  actualCumulative: count,
  plannedInQuarter: count,
  doneInQuarter: count,
  isFuture: Type.Boolean(),
});

export const TimelineRow = Type.Object({
  itemId: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  depth: Type.Integer(),
  isGroup: Type.Boolean(),
  title: Type.String(),
  categoryId: Type.Integer(),
  categoryName: Type.String(),
  sectionId: Type.Integer(),
  sectionName: Type.String(),
  status: ItemStatusSchema,
  statusLabel: Type.String(),
  plannedStart: Nullable(Type.String()),
  plannedEnd: Nullable(Type.String()),
  actualStart: Nullable(Type.String()),
  actualEnd: Nullable(Type.String({ description: '完了していれば完了日。作業中はnull（基準日まで描画）' })),
  forecastFinish: Nullable(Type.String()),
  delayDays: Type.Integer(),
  deadline: Nullable(DeadlineRef),
  milestones: Type.Array(AssessedMilestoneSchema),
});

export const DeadlineLine = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  originalDate: Type.String(),
  needsVerification: Type.Boolean({ description: '要確認（一次資料で未確認）: 確定した期限として示さない' }),
  // Optional: quarters frozen before the national data pack have none of these (their payload is kept as it was).
  datePrecision: Type.Optional(StringEnum(DATE_PRECISIONS)),
  note: Type.Optional(Type.String({ description: '出典の注記（確認できたこと・できなかったこと）' })),
  sources: Type.Optional(Type.Array(
    Type.Object({ publisher: Type.String(), title: Type.String(), publishedOn: Nullable(Type.String()), url: Nullable(Type.String()), kind: Type.String() }),
    { description: '出典（発行者・資料名・公表日・URL。URLは表示のみ）' },
  )),
  extensions: Type.Array(
    Type.Object({
      date: Type.String(),
      scope: StringEnum(EXTENSION_SCOPES, { description: 'area = 業務（システム）単位、item = 取組単位、body = 団体全体' }),
      itemId: Nullable(Type.Integer()),
      itemTitle: Nullable(Type.String()),
      areaId: Type.Optional(Nullable(Type.Integer())),
      areaName: Type.Optional(Nullable(Type.String())),
      reason: Type.String(),
    }),
  ),
  itemIds: Type.Array(Type.Integer()),
});

export const Dashboard = Type.Object({
  body: Body,
  asOf: Type.String({ description: '基準日（この日時点の状況）' }),
  containsSampleData: Type.Boolean({ description: '取組・マイルストーン・指標にサンプル（架空）の値を含む' }),
  fiscalQuarter: FiscalQuarterSchema,
  range: Type.Object({ startFiscalYear: Type.Integer(), endFiscalYear: Type.Integer() }),
  totals: Rollup,
  categories: Type.Array(CategorySummary),
  attention: Type.Array(AttentionItem),
  adherence: Type.Array(AdherencePoint),
  timeline: Type.Array(TimelineRow),
  deadlines: Type.Array(DeadlineLine),
  kpis: Type.Array(KpiWithSeries),
});

