import { Type, type Static } from '@sinclair/typebox';
import { DATE_PRECISIONS, EXTENSION_SCOPES } from '../domain/labels.ts';
import { Id, IsoDate, LongText, Nullable, StringEnum, Title } from './common.ts';
import { PackSource } from './reference-pack.ts';

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
  areaId: Nullable(Type.Integer({ description: '標準化対象業務（業務＝システム単位の延長のとき）' })),
  areaName: Nullable(Type.String({ description: '業務名（業務単位の延長のとき）' })),
  scope: StringEnum(EXTENSION_SCOPES, { description: 'area = 団体の業務（システム）単位、item = 取組単位、body = 団体全体' }),
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
  sourceText: Type.String({ description: '注記（出典から確認できたこと・できなかったこと）' }),
  needsVerification: Type.Boolean({ description: '一次資料で未確認（要確認）。要確認の期限は確定した期限として示さない' }),
  datePrecision: StringEnum(DATE_PRECISIONS, { description: '期限の精度: day = 日付、month = 月まで（期限はその月末日）、fiscal_year = 年度末' }),
  sources: Type.Array(Type.Intersect([Type.Object({ code: Type.String() }), PackSource]), { description: '出典（発行者・資料名・公表日・URL）' }),
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
    areaId: Type.Optional(Nullable(Id, { description: '標準化対象業務の ID。指定すると、その団体のその業務（システム）だけの延長（bodyId 必須、itemId は指定しない）' })),
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
