/** 四半期の締め・レビュー・議会報告の出力. */
import { PlanChangeSchema, TargetChangeSchema } from './baselines.ts';
import { Type, type Static } from '@sinclair/typebox';
import { FiscalYear, Id, Nullable } from './common.ts';
import { Dashboard } from './dashboard.ts';
import type { Quarter } from '../domain/fiscal.ts';

/** 1–4, typed as the domain's `Quarter` (1 | 2 | 3 | 4) for the server and the browser alike. */
export const QuarterNumber = Type.Unsafe<Quarter>(
  Type.Integer({ minimum: 1, maximum: 4, description: '四半期（1: 4〜6月, 2: 7〜9月, 3: 10〜12月, 4: 1〜3月）' }),
);

export const QuarterParams = Type.Object({ bodyId: Id, fiscalYear: FiscalYear, quarter: QuarterNumber });

export const QuarterClose = Type.Object(
  { fiscalYear: FiscalYear, quarter: QuarterNumber },
  { additionalProperties: false },
);
export type QuarterClose = Static<typeof QuarterClose>;

export const QuarterReopen = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S', description: '再開の理由（必須、変更履歴に残ります）' }) },
  { additionalProperties: false },
);
export type QuarterReopen = Static<typeof QuarterReopen>;

export const DecisionInput = Type.Object(
  { itemId: Id, decision: Type.String({ maxLength: 2000, description: '対応方針（空で消去）' }) },
  { additionalProperties: false },
);
export type DecisionInput = Static<typeof DecisionInput>;

const Labels = {
  fiscalYear: Type.Integer(),
  quarter: QuarterNumber,
  label: Type.String({ examples: ['2026年度 第2四半期'] }),
  fiscalYearLabel: Type.String({ examples: ['2026年度（令和8年度）'] }),
  asOf: Type.String({ description: '基準日（四半期の最終日）' }),
};

export const QuarterSnapshotSummary = Type.Object({
  id: Type.Integer(),
  bodyId: Type.Integer(),
  ...Labels,
  status: Type.Union([Type.Literal('closed'), Type.Literal('reopened')]),
  statusLabel: Type.String(),
  closedBy: Type.String(),
  closedAt: Type.String(),
  reopenedBy: Nullable(Type.String()),
  reopenedAt: Nullable(Type.String()),
  reopenReason: Nullable(Type.String()),
});

export const Decision = Type.Object({ itemId: Type.Integer(), decision: Type.String(), username: Type.String(), updatedAt: Type.String() });

const ItemRow = Type.Object({
  itemId: Type.Integer(),
  title: Type.String(),
  categoryName: Type.String(),
  sectionName: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  delayDays: Type.Number(),
  plannedEnd: Nullable(Type.String()),
  actualEnd: Nullable(Type.String()),
  forecastFinish: Nullable(Type.String()),
  deadlineTitle: Nullable(Type.String()),
  deadlineDate: Nullable(Type.String()),
  countedStatus: Type.Optional(Nullable(Type.String({ description: '件数に数える状況（見出しだけの親はnull）' }))),
  deadlines: Type.Optional(
    Type.Array(
      Type.Object({ title: Type.String(), milestoneTitle: Type.String(), date: Type.String(), extended: Type.Boolean(), open: Type.Boolean() }),
      { description: 'この取組のマイルストーンが答える国の期限' },
    ),
  ),
});
const MilestoneRow = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  itemTitle: Type.String(),
  categoryName: Type.String(),
  sectionName: Type.String(),
  title: Type.String(),
  plannedStartDate: Nullable(Type.String()),
  plannedDate: Type.String(),
  actualStartDate: Nullable(Type.String()),
  actualDate: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  varianceDays: Type.Number(),
  adherenceKind: Type.Optional(Type.String()),
  deadlineTitle: Type.Optional(Nullable(Type.String({ description: 'このマイルストーンが答える国の期限' }))),
  deadlineLabel: Type.Optional(Nullable(Type.String({ description: '「国の期限」または「延長後の期限」' }))),
  deadlineDate: Type.Optional(Nullable(Type.String())),
  // Optional: quarters frozen before baselines (issue 13) have none.
  inBaseline: Type.Optional(Type.Boolean({ description: '基準計画にあるマイルストーン' })),
  baselinePlannedDate: Type.Optional(Nullable(Type.String({ description: '基準計画での予定日' }))),
  baselineVarianceDays: Type.Optional(Nullable(Type.Integer({ description: '基準計画比（日）。予定日前・対象外はnull' }))),
});
const KpiRow = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  unit: Type.String(),
  direction: Type.String(),
  directionLabel: Type.String(),
  itemTitle: Nullable(Type.String()),
  baselineValue: Type.Number(),
  baselineFiscalYear: Type.Integer(),
  targetValue: Type.Number(),
  targetFiscalYear: Type.Integer(),
  value: Nullable(Type.Number()),
  periodLabel: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
});
const SectionRef = Type.Object({ sectionId: Type.Integer(), sectionName: Type.String() });

export const QuarterSnapshotDetail = Type.Object({
  ...QuarterSnapshotSummary.properties,
  data: Type.Object({
    ...Labels,
    dashboard: Dashboard,
    items: Type.Array(ItemRow),
    milestones: Type.Array(MilestoneRow),
    kpis: Type.Array(KpiRow),
    unreportedSections: Type.Array(SectionRef),
  }),
  decisions: Type.Array(Decision),
});

const ReviewItem = Type.Object({
  itemId: Type.Integer(),
  title: Type.String(),
  categoryName: Type.String(),
  sectionName: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  deadlineTitle: Nullable(Type.String()),
  deadlineDate: Nullable(Type.String()),
});
const DeadlineRow = Type.Object({
  itemId: Type.Integer(),
  title: Type.String(),
  categoryName: Type.String(),
  statusLabel: Type.String(),
  milestoneTitle: Type.String({ description: '期限に答えるマイルストーン（以前の締めでは空）' }),
  deadlineTitle: Type.String(),
  deadlineLabel: Type.String({ description: '「国の期限」または「延長後の期限」' }),
  deadlineDate: Type.String(),
  daysLeft: Type.Integer({ description: '四半期の最終日から期限までの日数（負: 超過日数）' }),
});
const Source = {
  source: Type.Union([Type.Literal('snapshot'), Type.Literal('reopened_snapshot'), Type.Literal('live')]),
  sourceLabel: Type.String(),
};

export const QuarterReview = Type.Object({
  body: Type.Object({ id: Type.Integer(), name: Type.String() }),
  quarter: Type.Object({ ...Labels, ...Source }),
  previous: Type.Object({ ...Labels, ...Source }),
  closed: Nullable(QuarterSnapshotSummary),
  newlyLate: Type.Array(ReviewItem),
  newlyDone: Type.Array(ReviewItem),
  recovered: Type.Array(ReviewItem, { description: '前四半期に要対応で、今期は要対応でなくなった取組' }),
  slippedMilestones: Type.Array(
    Type.Object({
      id: Type.Integer(),
      itemId: Type.Integer(),
      itemTitle: Type.String(),
      title: Type.String(),
      previousPlannedDate: Type.String(),
      plannedDate: Type.String(),
      slipDays: Type.Integer(),
      status: Type.String(),
    }),
  ),
  kpiMoves: Type.Array(
    Type.Object({
      kpiId: Type.Integer(),
      name: Type.String(),
      unit: Type.String(),
      direction: Type.String(),
      before: Type.Number(),
      after: Type.Number(),
      delta: Type.Number(),
      movement: Type.Union([Type.Literal('improved'), Type.Literal('worsened')]),
      movementLabel: Type.String(),
      targetValue: Type.Number(),
      reached: Type.Boolean(),
      remainingToTarget: Type.Number(),
    }),
  ),
  deadlinesPassed: Type.Array(DeadlineRow),
  deadlinesDueSoon: Type.Array(DeadlineRow),
  horizonEnd: Type.String({ description: '「今後2四半期」の終わり' }),
  unreportedSections: Type.Array(SectionRef),
  numbers: Type.Object({
    lateChange: Type.Integer(),
    lateNow: Type.Integer(),
    lateChangeByCategory: Type.Array(Type.Object({ category: Type.String(), change: Type.Integer() })),
    newlyDone: Type.Integer(),
    newlyDoneLate: Type.Integer({ description: 'newlyDoneのうち期限後完了' }),
    pastDeadline: Type.Integer(),
    dueSoon: Type.Integer(),
    unreportedSections: Type.Integer(),
  }),
  summary: Type.String({ description: '数値から生成した要約文' }),
  planChanges: Type.Array(PlanChangeSchema, { description: '今期の計画変更：この四半期に予定日を変更したマイルストーン（理由・変更者つき）' }),
  targetChanges: Type.Array(TargetChangeSchema, { description: '今期の目標値の変更' }),
  decisions: Type.Array(Decision),
});

export const FileDownload = Type.String({ format: 'binary', description: 'ファイル（Content-Disposition: attachment）' });
