import { Type, type Static } from '@sinclair/typebox';
import { AUDIT_ACTIONS } from '../domain/labels.ts';
import { Id, IsoDate, Nullable, PageQuery, StringEnum } from './common.ts';

export const AuditChange = Type.Object({
  field: Type.String({ description: '項目（APIの項目名）' }),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ description: '日時（ISO 8601, UTC）' }),
  userId: Nullable(Type.Integer()),
  username: Type.String(),
  action: StringEnum(AUDIT_ACTIONS, { description: 'create（登録）/ update（更新）/ delete（削除）/ review（確認・変更なし）' }),
  actionLabel: Type.String(),
  entity: Type.String({ description: '対象のテーブル（milestones, kpi_values …）' }),
  entityLabel: Type.String(),
  entityId: Nullable(Type.Integer()),
  bodyId: Nullable(Type.Integer()),
  itemId: Nullable(Type.Integer()),
  itemTitle: Nullable(Type.String({ description: '取組名（現在の名称。削除済みなら削除時の名称）' })),
  sectionId: Nullable(Type.Integer()),
  sectionName: Nullable(Type.String()),
  before: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: '変更前の行（登録では null）' })),
  after: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: '変更後の行（削除では null）' })),
  changes: Type.Array(AuditChange, { description: '変わった項目（version・更新日時を除く）' }),
  note: Type.String({ description: '変更理由（x-audit-note ヘッダー）' }),
  requestId: Type.String({ description: '同じ要求で記録された行に共通の値' }),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const BodyAuditQuery = Type.Object(
  {
    ...PageQuery,
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '対象のテーブル（milestones など）' })),
    userId: Type.Optional(Id),
    itemId: Type.Optional(Id),
    sectionId: Type.Optional(Id),
    action: Type.Optional(StringEnum(AUDIT_ACTIONS)),
    from: Type.Optional({ ...IsoDate, description: 'この日（日本時間）以降' }),
    to: Type.Optional({ ...IsoDate, description: 'この日（日本時間）まで' }),
  },
  { additionalProperties: false },
);
export type BodyAuditQuery = Static<typeof BodyAuditQuery>;

export const ItemAuditQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type ItemAuditQuery = Static<typeof ItemAuditQuery>;
