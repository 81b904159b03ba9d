import { Type, type Static } from '@sinclair/typebox';
import { MILESTONE_STATUSES } from '../domain/labels.ts';
import { Id, IsoDate, LongText, Nullable, StringEnum, Title, Version } from './common.ts';

export const MilestoneStatus = StringEnum(MILESTONE_STATUSES, {
  description: '状況（not_started: 未着手、in_progress: 作業中、done: 完了、not_applicable: 対象外）',
});

export const Milestone = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  title: Type.String(),
  plannedStartDate: Nullable(Type.String({ description: '予定開始日（YYYY-MM-DD）' })),
  plannedDate: Type.String({ description: '予定日（期日、YYYY-MM-DD）' }),
  actualStartDate: Nullable(Type.String({ description: '実績開始日（YYYY-MM-DD）' })),
  actualDate: Nullable(Type.String({ description: '実績日（完了日、YYYY-MM-DD）' })),
  status: MilestoneStatus,
  nationalDeadlineId: Nullable(Type.Integer({ description: 'このマイルストーンが答える国の期限' })),
  note: Type.String(),
  sortOrder: Type.Integer(),
  isSample: Type.Boolean({ description: 'サンプルデータ（実在の値ではない）' }),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const SortOrder = Type.Integer({ minimum: 0, maximum: 1_000_000, description: '表示順（小さいほど先）' });

const milestoneFields = {
  title: Title,
  plannedDate: IsoDate,
  plannedStartDate: Type.Optional(Nullable(IsoDate)),
  actualStartDate: Type.Optional(Nullable(IsoDate)),
  actualDate: Type.Optional(Nullable(IsoDate)),
  status: Type.Optional(MilestoneStatus),
  nationalDeadlineId: Type.Optional(Nullable(Id)),
  note: Type.Optional(LongText),
  sortOrder: Type.Optional(SortOrder),
};

/**
 * `status` defaults to not_started, or to done when `actualDate` is given. 対象外 needs a reason in
 * `note`. `nationalDeadlineId`: the national deadline this step must be done by.
 */
export const MilestoneCreate = Type.Object(milestoneFields, { additionalProperties: false });

/** Why the planned dates change (計画変更): required when a write moves them; kept in the history with who and when. */
export const ReplanReason = Type.String({ maxLength: 1000, description: '計画変更の理由（予定日・予定開始日・目標値を変えるときは必須）' });

/** `version` plus at least one field; null clears an optional date. `replanReason` is required when the planned dates move. */
export const MilestoneUpdate = Type.Composite(
  [Type.Object({ version: Version, replanReason: Type.Optional(ReplanReason) }), Type.Partial(Type.Object(milestoneFields))],
  { additionalProperties: false, minProperties: 2 },
);

export type MilestoneCreate = Static<typeof MilestoneCreate>;
export type MilestoneUpdate = Static<typeof MilestoneUpdate>;
