import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, LongText, Nullable, Title } from './common.ts';

/** Code of a reference row: short and stable (seeds and imports find rows by it). */
const Code = Type.String({ minLength: 1, maxLength: 50, description: 'コード（参照データを一意に識別する）' });

export const Category = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  isCore: Type.Boolean({ description: 'この製品の中心となる5分野の一つ' }),
  sortOrder: Type.Integer(),
});

export const DeadlineExtension = Type.Object({
  id: Type.Integer(),
  deadlineId: Type.Integer(),
  bodyId: Nullable(Type.Integer()),
  bodyName: Nullable(Type.String({ description: '団体名（団体に対する延長のとき）' })),
  itemId: Nullable(Type.Integer()),
  itemTitle: Nullable(Type.String({ description: '取組名（取組に対する延長のとき）' })),
  extendedDueDate: Type.String({ description: '延長後の期限（YYYY-MM-DD）' }),
  reason: Type.String(),
  sourceText: Type.String(),
  createdAt: Type.String(),
});

export const NationalDeadline = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  dueDate: Type.String({ description: '国が掲げる目標時期（元の期限、延長されても変わらない）' }),
  categoryId: Nullable(Type.Integer()),
  category: Nullable(Type.String({ description: '分野名' })),
  sourceText: Type.String(),
  needsVerification: Type.Boolean({ description: '一次資料で未確認（要確認）' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  extensions: Type.Array(DeadlineExtension),
});

const deadlineFields = {
  code: Code,
  title: Title,
  dueDate: IsoDate,
  categoryId: Type.Optional(Nullable(Id)),
  sourceText: Type.Optional(LongText),
  needsVerification: Type.Optional(Type.Boolean()),
};

export const NationalDeadlineCreate = Type.Object(deadlineFields, { additionalProperties: false });
export const NationalDeadlineUpdate = Type.Partial(Type.Object(deadlineFields), { additionalProperties: false, minProperties: 1 });
export const NationalDeadlineListQuery = Type.Object(
  { categoryId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const DeadlineExtensionCreate = Type.Object(
  {
    bodyId: Type.Optional(Nullable(Id)),
    itemId: Type.Optional(Nullable(Id)),
    extendedDueDate: IsoDate,
    reason: Type.Optional(LongText),
    sourceText: Type.Optional(LongText),
  },
  { additionalProperties: false },
);

export const BusinessArea = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  sortOrder: Type.Integer(),
});

export const StandardizationStep = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  phase: Type.String(),
  name: Type.String(),
  sortOrder: Type.Integer(),
});

const stepFields = {
  phase: Type.String({ minLength: 1, maxLength: 100, description: 'フェーズ（現行調査、フィット&ギャップ分析 …）' }),
  name: Title,
  sortOrder: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
};

export const StandardizationStepCreate = Type.Object(
  { code: Code, phase: stepFields.phase, name: stepFields.name, sortOrder: Type.Optional(stepFields.sortOrder) },
  { additionalProperties: false },
);
export const StandardizationStepUpdate = Type.Partial(Type.Object(stepFields), { additionalProperties: false, minProperties: 1 });

export type NationalDeadlineCreate = Static<typeof NationalDeadlineCreate>;
export type NationalDeadlineUpdate = Static<typeof NationalDeadlineUpdate>;
export type NationalDeadlineListQuery = Static<typeof NationalDeadlineListQuery>;
export type DeadlineExtensionCreate = Static<typeof DeadlineExtensionCreate>;
export type StandardizationStepCreate = Static<typeof StandardizationStepCreate>;
export type StandardizationStepUpdate = Static<typeof StandardizationStepUpdate>;
export type NationalDeadlineView = Static<typeof NationalDeadline>;
export type DeadlineExtensionView = Static<typeof DeadlineExtension>;
