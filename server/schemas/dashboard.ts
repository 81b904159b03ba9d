import { DashboardBaseline } from './baselines.ts';
import { Type } from '@sinclair/typebox';
import { ITEM_STATUSES, type ItemStatus } from '../domain/labels.ts';
import { Body } from './bodies.ts';
import { IsoDate, Nullable, StringEnum } from './common.ts';
import { DATE_PRECISIONS, EXTENSION_SCOPES } from '../domain/labels.ts';
import {
  AssessedMilestoneSchema,
  DeadlineRef,
  FiscalQuarterSchema,
  ItemStatusSchema,
  KpiWithSeries,
} from './assessed.ts';

const count = Type.Integer({ minimum: 0 });

/**
 * Items by status, each piece of work once: every item without children with its status, and a parent
 * that has milestones of its own once more for those milestones alone (its `countedStatus`). A parent's
 * rolled-up status (the worst of its own milestones and its children) is shown on the parent and never
 * counted again, so the counts at category and body level add up to `itemCount`.
 */
export const StatusCounts = Type.Object(
  Object.fromEntries(ITEM_STATUSES.map((s) => [s, count])) as Record<ItemStatus, typeof count>,
  {
    description:
      '状況ごとの件数。子のない取組をその状況で、自身のマイルストーンを持つ親の取組をそのマイルストーンだけの状況で、それぞれ1件と数える（親の集約した状況は数えない。二重計上なし）',
  },
);

export const Rollup = Type.Object({
  itemCount: Type.Integer({ minimum: 0, description: '件数の合計（countsの合計。子のない取組＋自身のマイルストーンを持つ親の取組）' }),
  counts: StatusCounts,
  milestoneCount: Type.Integer({ minimum: 0, description: 'マイルストーン数（親の取組のマイルストーンを含め、各1回）' }),
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
        milestoneTitle: Type.String({ description: 'この期限に答えるマイルストーン' }),
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
  countedStatus: Nullable(ItemStatusSchema, {
    description: '件数に数える状況：子のない取組はその状況、自身のマイルストーンを持つ親の取組はそのマイルストーンだけの状況、見出しだけの親はnull',
  }),
  plannedStart: Nullable(Type.String()),
  plannedEnd: Nullable(Type.String()),
  actualStart: Nullable(Type.String()),
  actualEnd: Nullable(Type.String({ description: '完了していれば完了日。作業中はnull（基準日まで描画）' })),
  forecastFinish: Nullable(Type.String()),
  delayDays: Type.Integer(),
  deadline: Nullable(DeadlineRef),
  deadlines: Type.Array(DeadlineRef),
  milestones: Type.Array(AssessedMilestoneSchema),
  baselineStart: Type.Optional(Nullable(Type.String({ description: '基準計画での予定開始（工程表の基準線）' }))),
  baselineEnd: Type.Optional(Nullable(Type.String({ description: '基準計画での予定終了' }))),
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
  milestones: Type.Array(
    Type.Object({ itemId: Type.Integer(), milestoneId: Type.Integer(), milestoneTitle: Type.String() }),
    { description: 'この期限に答えるマイルストーン' },
  ),
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
  baseline: Type.Optional(Nullable(DashboardBaseline, { description: '基準日に有効な基準計画（当初計画・計画改定）と、それに対する遅れの件数' })),
  plan: Type.Optional(
    Nullable(
      Type.Object({
        id: Type.Integer(),
        title: Type.String(),
        startFiscalYear: Type.Integer(),
        endFiscalYear: Type.Integer(),
        endedOn: Nullable(Type.String()),
        readOnly: Type.Boolean({ description: '終了した計画（閲覧のみ、その終了時点の内容）' }),
      }),
      { description: '表示している計画（計画がない団体は null）' },
    ),
  ),
});

/** ?asOf= and ?planId= (issue 20: an ended plan is shown as it was at its end, read-only). */
export const DashboardQuery = Type.Object(
  {
    asOf: Type.Optional(IsoDate),
    planId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: '計画ID（省略時は現行の計画）' })),
  },
  { additionalProperties: false },
);

