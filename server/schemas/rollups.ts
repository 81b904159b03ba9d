import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable } from './common.ts';
import { StepCounts } from './standardization.ts';
import { BodyKind } from './bodies.ts';

const Rate = (description = '総務省の完了率 =（完了済み + 対象外）÷ 手順数。手順がなければ null') =>
  Nullable(Type.Number({ minimum: 0, maximum: 1, description }));

const Count = (description: string) => Type.Integer({ minimum: 0, description });

/** What every roll-up row (a country, a prefecture, an area) says about standardization. */
const stepFields = {
  steps: Count('手順の数（業務×手順）'),
  counts: StepCounts,
  completionRate: Rate(),
};

const bodyFields = {
  bodies: Count('団体数'),
  bodiesWithAreas: Count('標準化対象業務のある団体数'),
  completeBodies: Count('全業務の全手順が完了（完了済み・対象外）の団体数'),
  bodiesIncomplete: Count('標準化対象業務があり、全業務は完了していない団体数（期限にかかわらず）'),
  bodiesPastDeadline: Count('自分の期限を過ぎて完了していないシステム（業務）が1つ以上ある団体数。システムの期限は移行期限、またはその団体のその業務（あるいは団体全体）に認められた延長後の期限'),
  migrationSupportBodies: Count('特定移行支援システムのある団体数'),
};

const areaFields = {
  bodyAreas: Count('団体×業務の数（1団体の1業務 ≒ 1システム）'),
  completeAreas: Count('完了した団体×業務の数'),
  migrationSupportAreas: Count('特定移行支援システムの数（団体×業務）'),
  systemsPastDeadline: Count('自分の期限（延長があれば延長後）を過ぎて完了していないシステム（団体×業務）の数'),
  extendedSystems: Count('移行期限の延長が認められたシステム（団体×業務）の数（業務単位または団体全体の延長）'),
};

export const RollupDeadline = Type.Object({
  code: Type.String(),
  title: Type.String(),
  dueDate: IsoDate,
  passed: Type.Boolean({ description: '基準日が期限を過ぎているか' }),
});

export const RollupTotals = Type.Object({ ...bodyFields, ...areaFields, ...stepFields });

export const PrefectureRollupRow = Type.Object({
  prefectureCode: Type.String(),
  prefectureName: Type.String(),
  ...bodyFields,
  ...areaFields,
  ...stepFields,
});

export const AreaRollupRow = Type.Object({
  areaId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  ...areaFields,
  ...stepFields,
});

export const CategoryRollupRow = Type.Object(
  {
    categoryId: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    items: Count('取組の数'),
    bodies: Count('この分野の取組がある団体数'),
    milestones: Count('マイルストーンの数'),
    applicableMilestones: Count('対象外を除くマイルストーンの数'),
    milestonesDue: Count('基準日までに予定日が来た（対象外を除く）マイルストーンの数'),
    milestonesDone: Count('完了したマイルストーンの数'),
    milestonesDoneOnTime: Count('予定日までに完了したマイルストーンの数'),
    milestonesDoneLate: Count('予定日を過ぎて完了したマイルストーンの数'),
    overdueMilestones: Count('予定日を過ぎて未完了のマイルストーンの数'),
    progress: Rate('進捗率 = 完了 ÷ 対象外を除くマイルストーン。なければ null'),
    onTimeRate: Rate('予定どおり率 = 予定日までに完了 ÷（予定日までに完了 + 遅れて完了 + 期限超過）。判定できるものがなければ null'),
    bodiesWithOverdue: Count('期限超過のマイルストーンがある団体数'),
  },
  { description: '分野別の取組・マイルストーン（DX推進計画の全分野）' },
);

export const NationalRollup = Type.Object({
  asOf: IsoDate,
  deadline: Nullable(RollupDeadline),
  totals: RollupTotals,
  migrationSupport: Type.Object(
    {
      bodies: Count('特定移行支援システムのある団体数'),
      bodyShare: Rate('団体に占める割合'),
      systems: Count('特定移行支援システムの数（団体×業務）'),
      systemShare: Rate('システム（団体×業務）に占める割合'),
    },
    { description: '特定移行支援システム（期限延長）の集計' },
  ),
  prefectures: Type.Array(PrefectureRollupRow),
  areas: Type.Array(AreaRollupRow),
  categories: Type.Array(CategoryRollupRow, { description: '取組のある分野（分野の並び順）' }),
});

export const BodyRollupRow = Type.Object({
  bodyId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: BodyKind,
  isSample: Type.Boolean(),
  areas: Count('標準化対象業務の数'),
  completeAreas: Count('完了した業務の数'),
  migrationSupportAreas: Count('特定移行支援システムの数'),
  ...stepFields,
  complete: Type.Boolean({ description: '全業務の全手順が完了' }),
  pastDeadline: Type.Boolean({ description: '自分の期限（延長があれば延長後）を過ぎて完了していないシステム（業務）がある' }),
  systemsPastDeadline: Count('期限を過ぎて完了していないシステム（業務）の数'),
  extendedSystems: Count('移行期限の延長が認められたシステム（業務）の数'),
  rank: Nullable(Type.Integer({ minimum: 1, description: '都道府県内の完了率の順位（同率は同順位）。手順がなければ null' })),
});

export const PrefectureAreaRow = Type.Object({
  areaId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  ...areaFields,
  ...stepFields,
  nationalCompletionRate: Rate('全国の完了率'),
});

export const MunicipalityCategoryCell = Type.Object({
  categoryId: Type.Integer(),
  items: Count('取組の数'),
  itemsWithOverdue: Count('期限超過のマイルストーンがある取組の数'),
  overdueMilestones: Count('予定日を過ぎて未完了のマイルストーンの数'),
  onTimeRate: Rate('予定どおり率 = 予定日までに完了 ÷（予定日までに完了 + 遅れて完了 + 期限超過）。判定できるものがなければ null'),
});

export const MunicipalityCategories = Type.Object(
  {
    categories: Type.Array(Type.Object({ categoryId: Type.Integer(), code: Type.String(), name: Type.String() }), { description: '列: 取組のある分野（分野の並び順）' }),
    bodies: Type.Array(
      Type.Object({
        bodyId: Type.Integer(),
        code: Type.String(),
        name: Type.String(),
        items: Count('取組の数（全分野）'),
        overdueMilestones: Count('期限超過のマイルストーンの数（全分野）'),
        onTimeRate: Rate('予定どおり率（全分野）'),
        lastReportedAt: Nullable(Type.String({ description: '最後の変更または「変更なし」の記録（変更履歴、UTC）' })),
        cells: Type.Array(MunicipalityCategoryCell, { description: 'categories と同じ順。取組がない分野は items 0' }),
      }),
      { description: '行: 都道府県内の市区町村（都道府県自身は含めない、団体コード順）' },
    ),
  },
  { description: '市区町村 × DX推進計画の分野' },
);

export const PrefectureRollup = Type.Object({
  asOf: IsoDate,
  deadline: Nullable(RollupDeadline),
  prefectureCode: Type.String(),
  prefectureName: Type.String(),
  totals: RollupTotals,
  national: RollupTotals,
  bodies: Type.Array(BodyRollupRow, { description: '団体（完了率の高い順、同率は団体コード順）' }),
  areas: Type.Array(PrefectureAreaRow),
  categories: Type.Array(CategoryRollupRow, { description: 'この都道府県の団体の、取組のある分野' }),
  municipalityCategories: MunicipalityCategories,
});

export const PrefectureParams = Type.Object({
  prefectureCode: Type.String({ pattern: '^(0[1-9]|[1-3][0-9]|4[0-7])$', description: '都道府県コード（01〜47）' }),
});

export const PeerAreaRow = Type.Object({
  areaId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  hasArea: Type.Boolean({ description: 'この団体がこの業務を持つか' }),
  migrationSupport: Type.Boolean({ description: '特定移行支援システム' }),
  completionRate: Rate('この団体の完了率'),
  prefectureCompletionRate: Rate('都道府県の完了率'),
  nationalCompletionRate: Rate('全国の完了率'),
});

const Rank = Type.Object({
  rank: Nullable(Type.Integer({ minimum: 1 })),
  of: Count('順位の対象となる団体数（手順のある団体）'),
});

export const BodyPeers = Type.Object({
  bodyId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  prefectureCode: Type.String(),
  prefectureName: Type.String(),
  completionRate: Rate('この団体の完了率'),
  prefectureCompletionRate: Rate('都道府県の完了率（手順数で加重）'),
  nationalCompletionRate: Rate('全国の完了率（手順数で加重）'),
  rankInPrefecture: Rank,
  rankNational: Rank,
  areas: Type.Array(PeerAreaRow),
});

export type RollupTotals = Static<typeof RollupTotals>;
export type CategoryRollupRow = Static<typeof CategoryRollupRow>;
export type NationalRollup = Static<typeof NationalRollup>;
export type PrefectureRollup = Static<typeof PrefectureRollup>;
export type MunicipalityCategories = Static<typeof MunicipalityCategories>;
export type BodyPeers = Static<typeof BodyPeers>;
export type BodyRollupRow = Static<typeof BodyRollupRow>;
