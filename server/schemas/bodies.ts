import { Type, type Static } from '@sinclair/typebox';
import { BODY_KINDS } from '../domain/labels.ts';
import { Nullable, PageQuery, StringEnum, Title } from './common.ts';

export const BodyKind = StringEnum(BODY_KINDS, { description: '団体区分' });

export const Body = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: '全国地方公共団体コード（6桁、検査数字付き）' }),
  name: Type.String(),
  prefectureCode: Type.String(),
  prefectureName: Type.String(),
  kind: BodyKind,
  population: Nullable(Type.Integer()),
  isSample: Type.Boolean({ description: 'サンプルデータ（実在の値ではない）' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const bodyFields = {
  code: Type.String({ pattern: '^[0-9]{6}$', description: '全国地方公共団体コード（6桁）' }),
  name: Title,
  prefectureCode: Type.String({ pattern: '^[0-9]{2}$' }),
  prefectureName: Type.String({ minLength: 1, maxLength: 10 }),
  kind: BodyKind,
  population: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 50_000_000 }))),
  isSample: Type.Optional(Type.Boolean()),
};

export const BodyCreate = Type.Object(bodyFields, { additionalProperties: false });
export const BodyUpdate = Type.Partial(Type.Object(bodyFields), { additionalProperties: false, minProperties: 1 });
export const BodyListQuery = Type.Object(
  {
    ...PageQuery,
    prefectureCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
    kind: Type.Optional(BodyKind),
    q: Type.Optional(Type.String({ maxLength: 50, description: '名称の部分一致' })),
  },
  { additionalProperties: false },
);

export type BodyCreate = Static<typeof BodyCreate>;
export type BodyUpdate = Static<typeof BodyUpdate>;
export type BodyListQuery = Static<typeof BodyListQuery>;
