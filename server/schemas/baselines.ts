/** 基準計画（当初計画・計画改定）and the re-plan history (計画変更の履歴). */
import { Type, type Static } from '@sinclair/typebox';
import { BASELINE_KINDS } from '../domain/baseline.ts';
import { IsoDate, LongText, Nullable, StringEnum } from './common.ts';

export const BaselineKindSchema = StringEnum(BASELINE_KINDS, { description: '種類（original: 当初計画、revision: 計画改定）' });

export const Baseline = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  kind: BaselineKindSchema,
  label: Type.String({ description: '「当初計画」または「計画改定（日付）」' }),
  varianceLabel: Type.String({ description: '差異の見出し（当初計画比・計画改定比）' }),
  setOn: Type.String({ description: '策定日・改定日（YYYY-MM-DD）' }),
  reason: Type.String({ description: '改定の理由' }),
  approvedBy: Type.String({ description: '承認した者（決裁者・会議）' }),
  username: Type.String({ description: '登録した利用者' }),
  createdAt: Type.String(),
});

export const BaselineCreated = Type.Composite([Baseline, Type.Object({ milestones: Type.Integer(), kpis: Type.Integer() })]);

/** POST: 計画改定 (or the 当初計画 of a plan that has none). */
export const BaselineCreate = Type.Object(
  {
    kind: Type.Optional(BaselineKindSchema),
    setOn: IsoDate,
    reason: Type.Optional(LongText),
    approvedBy: Type.Optional(Type.String({ maxLength: 200, description: '承認した者（決裁者・会議）' })),
  },
  { additionalProperties: false },
);
export type BaselineCreate = Static<typeof BaselineCreate>;

/** The dashboard's baseline in force, with the overview's counts against it. */
export const DashboardBaseline = Type.Composite([
  Baseline,
  Type.Object({
    lateMilestones: Type.Integer({ description: '基準計画に対して遅れたマイルストーン（完了が遅れた・予定日を過ぎて未完了）' }),
    lateMilestonesCurrent: Type.Integer({ description: '現在の計画に対して遅れたマイルストーン' }),
    notInBaseline: Type.Integer({ description: '基準計画になかった（後から追加した）マイルストーン' }),
  }),
]);

/** A milestone in the baseline in force: its planned dates then, and 差異（日） against them. */
export const MilestoneBaseline = Type.Object({
  plannedStartDate: Nullable(Type.String()),
  plannedDate: Type.String(),
  varianceDays: Nullable(Type.Integer({ description: '基準計画の予定日との差（日）。予定日前・対象外はnull' })),
  late: Type.Boolean(),
});

export const PlanChangeSchema = Type.Object({
  milestoneId: Type.Integer(),
  milestoneTitle: Type.String(),
  itemId: Type.Integer(),
  itemTitle: Type.String(),
  at: Type.String({ description: '変更した日時（ISO 8601）' }),
  on: Type.String({ description: '変更した日（日本時間）' }),
  fromStart: Nullable(Type.String()),
  from: Type.String(),
  toStart: Nullable(Type.String()),
  to: Type.String(),
  shiftDays: Type.Integer({ description: '予定日の移動（日）。正は後ろ倒し' }),
  username: Type.String(),
  reason: Type.String(),
});

export const TargetChangeSchema = Type.Object({
  kpiId: Type.Integer(),
  kpiName: Type.String(),
  at: Type.String(),
  on: Type.String(),
  fromValue: Type.Number(),
  fromFiscalYear: Type.Integer(),
  toValue: Type.Number(),
  toFiscalYear: Type.Integer(),
  username: Type.String(),
  reason: Type.String(),
});

/** One milestone's plan over time: 当初 → 変更1 → 変更2. */
export const MilestonePlanHistory = Type.Object({
  milestoneId: Type.Integer(),
  title: Type.String(),
  inBaseline: Type.Boolean(),
  baseline: Nullable(Type.Object({ plannedStartDate: Nullable(Type.String()), plannedDate: Type.String() })),
  first: Type.Object({ on: Type.String(), plannedStartDate: Nullable(Type.String()), plannedDate: Type.String() }),
  changes: Type.Array(PlanChangeSchema),
});

export const ItemPlanHistory = Type.Object({
  baseline: Nullable(Baseline),
  milestones: Type.Array(MilestonePlanHistory),
  kpis: Type.Array(
    Type.Object({ kpiId: Type.Integer(), name: Type.String(), baseline: Nullable(Type.Object({ targetValue: Type.Number(), targetFiscalYear: Type.Integer() })), changes: Type.Array(TargetChangeSchema) }),
  ),
});
