/** API shapes of the national data pack's loading (routes/reference-packs.ts); the pack itself is in reference-pack.ts. */
import { Type, type Static } from '@sinclair/typebox';
import { ITEM_STATUSES } from '../domain/labels.ts';
import { PACK_SECTIONS } from '../domain/reference-pack.ts';
import { Id, IsoDate, Nullable, StringEnum } from './common.ts';
import { ReferencePack } from './reference-pack.ts';

export const ReferencePackInfo = Type.Object({
  id: Type.Integer(),
  version: Type.String(),
  title: Type.String(),
  publishedOn: Type.String(),
  status: StringEnum(['active', 'superseded', 'rolled_back'] as const, { description: 'active = 適用中、superseded = 新しい版に置き換え済み、rolled_back = 前の版に戻した' }),
  previousId: Nullable(Type.Integer(), { description: 'この版を適用する前に適用されていた版（戻し先）' }),
  userName: Type.String({ description: '読み込んだ人' }),
  summary: Type.String(),
  loadedAt: Type.String(),
});

const Section = StringEnum(PACK_SECTIONS);

export const FactChangeSchema = Type.Object({
  section: Section,
  sectionLabel: Type.String(),
  code: Type.String(),
  title: Type.String(),
  change: StringEnum(['added', 'changed', 'removed'] as const),
  fields: Type.Array(Type.Object({ field: Type.String(), before: Type.String(), after: Type.String() })),
});

const Status = StringEnum(ITEM_STATUSES);

export const PackPreview = Type.Object({
  version: Type.String(),
  title: Type.String(),
  publishedOn: IsoDate,
  current: Nullable(ReferencePackInfo, { description: '適用中のデータパック（まだなければ null）' }),
  newer: Type.Boolean({ description: '適用中の版より新しい（適用できる）' }),
  counts: Type.Object({ added: Type.Integer(), changed: Type.Integer(), removed: Type.Integer() }),
  changes: Type.Array(FactChangeSchema),
  kept: Type.Array(
    Type.Object({ section: Section, sectionLabel: Type.String(), code: Type.String(), title: Type.String(), reason: Type.String() }),
    { description: 'パックから消えたが、団体のデータが参照しているため残す項目' },
  ),
  statusChanges: Type.Object({
    bodyCount: Type.Integer({ description: '状況が変わる団体の数' }),
    itemCount: Type.Integer({ description: '状況が変わる取組の数' }),
    truncated: Type.Boolean({ description: '団体の一覧を先頭200団体で打ち切った' }),
    bodies: Type.Array(
      Type.Object({
        bodyId: Type.Integer(),
        code: Type.String(),
        name: Type.String(),
        items: Type.Array(
          Type.Object({ itemId: Type.Integer(), title: Type.String(), before: Status, after: Status, beforeLabel: Type.String(), afterLabel: Type.String() }),
        ),
        systemsPastDeadline: Type.Object({ before: Type.Integer(), after: Type.Integer() }, { description: '期限を過ぎて未完了のシステム（業務）の数' }),
      }),
    ),
  }),
});

export const PackApplyResult = Type.Intersect([PackPreview, Type.Object({ pack: ReferencePackInfo })]);

export const ActivePack = Type.Object({
  info: Nullable(ReferencePackInfo),
  pack: Nullable(ReferencePack),
});

export const PackIdParams = Type.Object({ packId: Id });

export type ReferencePackInfo = Static<typeof ReferencePackInfo>;
export type PackPreview = Static<typeof PackPreview>;
export type PackApplyResult = Static<typeof PackApplyResult>;
