import { Type, type Static } from '@sinclair/typebox';
import { MILESTONE_STATUSES } from '../domain/labels.ts';
import { Id, Nullable, StringEnum, Version } from './common.ts';

export const StepStatus = StringEnum(MILESTONE_STATUSES, {
  description: '手順の状況: not_started（未着手）、in_progress（作業中）、done（完了済み）、not_applicable（対象外）',
});

const Rate = Nullable(
  Type.Number({ minimum: 0, maximum: 1, description: '総務省の完了率 =（完了済み + 対象外）÷ 手順数。手順がなければ null' }),
);

export const StepCounts = Type.Object({
  not_started: Type.Integer(),
  in_progress: Type.Integer(),
  done: Type.Integer(),
  not_applicable: Type.Integer(),
});

export const BodyAreaStep = Type.Object({
  stepId: Type.Integer(),
  code: Type.String(),
  phase: Type.String(),
  name: Type.String(),
  status: StepStatus,
  version: Type.Integer(),
  updatedAt: Type.String(),
});

export const AreaDeadline = Type.Object(
  {
    deadlineId: Type.Integer(),
    code: Type.String(),
    title: Type.String(),
    originalDate: Type.String({ description: '国が掲げる元の期限' }),
    effectiveDate: Type.String({ description: '延長があれば延長後の期限' }),
    extended: Type.Boolean(),
  },
  { description: '業務の取組が答える国の期限（延長を反映）。取組または期限がなければ null' },
);

export const BodyArea = Type.Object({
  bodyAreaId: Type.Integer(),
  areaId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  sectionId: Nullable(Type.Integer()),
  sectionName: Nullable(Type.String()),
  itemId: Nullable(Type.Integer()),
  migrationSupport: Type.Boolean({ description: '特定移行支援システム' }),
  deadline: Nullable(AreaDeadline),
  completionRate: Rate,
  counts: StepCounts,
  steps: Type.Array(BodyAreaStep),
});

export const BodyStandardization = Type.Object({
  bodyId: Type.Integer(),
  completionRate: Rate,
  counts: StepCounts,
  stepCount: Type.Integer({ description: '全業務の手順の合計' }),
  areas: Type.Array(BodyArea),
});

export const BodyAreaStepParams = Type.Object({ bodyId: Id, areaId: Id, stepId: Id });

export const BodyAreaStepUpdate = Type.Object({ status: StepStatus, version: Version }, { additionalProperties: false });

export const StandardizationSummaryQuery = Type.Object(
  { prefectureCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', description: '都道府県コード（2桁）' })) },
  { additionalProperties: false },
);

export const StandardizationSummaryRow = Type.Object({
  bodyId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  prefectureName: Type.String(),
  completionRate: Rate,
  stepCount: Type.Integer(),
  doneOrNa: Type.Integer({ description: '完了済み + 対象外 の手順数' }),
});

export type StepCounts = Static<typeof StepCounts>;
export type BodyAreaStep = Static<typeof BodyAreaStep>;
export type BodyArea = Static<typeof BodyArea>;
export type BodyStandardization = Static<typeof BodyStandardization>;
export type BodyAreaStepUpdate = Static<typeof BodyAreaStepUpdate>;
export type StandardizationSummaryQuery = Static<typeof StandardizationSummaryQuery>;
export type StandardizationSummaryRow = Static<typeof StandardizationSummaryRow>;
