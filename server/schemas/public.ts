/**
 * 公開ページとオープンデータ (issue 21): what residents read at /public/:bodyCode and in the open data, and
 * HQ's publication settings. The public shapes are written field by field (never a spread of an internal
 * row): a field that is not listed here cannot leave the server through a public route, because every
 * response is serialized through its schema.
 */
import { Type } from '@sinclair/typebox';
import { ITEM_STATUSES, KPI_STATUSES, MILESTONE_STATUSES } from '../domain/labels.ts';
import { KPI_RATINGS } from '../domain/kpi-rating.ts';
import { Id, LongText, Nullable, StringEnum } from './common.ts';

export const BodyCodeParams = Type.Object({
  bodyCode: Type.String({ pattern: '^[0-9]{6}$', description: '全国地方公共団体コード（6桁）' }),
});
export const PublicItemParams = Type.Object({
  bodyCode: BodyCodeParams.properties.bodyCode,
  itemId: Id,
});
export const PUBLIC_TABLES = ['items', 'milestones', 'kpis', 'kpi-values'] as const;
export const PublicFileParams = Type.Object({
  bodyCode: BodyCodeParams.properties.bodyCode,
  file: StringEnum(
    PUBLIC_TABLES.map((t) => `${t}.csv` as const),
    { description: 'items.csv = 取組、milestones.csv = マイルストーン、kpis.csv = 指標、kpi-values.csv = 指標の推移' },
  ),
});

const PublicDeadline = Type.Object({
  title: Type.String({ description: '国の期限の名称' }),
  label: Type.String({ description: '「国の期限」または「延長後の期限」' }),
  date: Type.String({ description: '期限日（延長があれば延長後）' }),
  milestoneTitle: Type.String({ description: 'この期限に答えるマイルストーン' }),
});

export const PublicMilestone = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  plannedStartDate: Nullable(Type.String()),
  plannedDate: Type.String(),
  actualStartDate: Nullable(Type.String()),
  actualDate: Nullable(Type.String()),
  status: StringEnum(MILESTONE_STATUSES),
  statusLabel: Type.String(),
  deadline: Nullable(PublicDeadline),
});

export const PublicKpiPoint = Type.Object({
  fiscalYear: Type.Integer(),
  quarter: Type.Integer(),
  label: Type.String(),
  actual: Nullable(Type.Number()),
  expected: Type.Number({ description: '計画線（基準値から目標値への線）の値' }),
});

export const PublicKpi = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  name: Type.String(),
  unit: Type.String(),
  kindLabel: Type.String({ description: '累計・期間値・時点値' }),
  directionLabel: Type.String(),
  baselineValue: Type.Number(),
  baselineFiscalYear: Type.Integer(),
  targetValue: Type.Number(),
  targetFiscalYear: Type.Integer(),
  latestValue: Nullable(Type.Number()),
  latestLabel: Nullable(Type.String({ description: '「2026年度第2四半期」など' })),
  status: StringEnum(KPI_STATUSES),
  statusLabel: Type.String(),
  achievement: Nullable(Type.Number({ description: '達成率（1 = 100%）' })),
  rating: Nullable(StringEnum(KPI_RATINGS, { description: 'A–D の評価（README「公開ページ」）。null は評価なし' })),
  series: Type.Array(PublicKpiPoint),
});

export const PublicItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  categoryName: Type.String(),
  sectionName: Type.String({ description: '担当課' }),
  status: StringEnum(ITEM_STATUSES),
  statusLabel: Type.String(),
  plannedStart: Nullable(Type.String()),
  plannedEnd: Nullable(Type.String()),
  actualStart: Nullable(Type.String()),
  actualEnd: Nullable(Type.String()),
  deadlines: Type.Array(PublicDeadline),
  publicText: Type.String({ description: '公開用の説明・実績（DX推進本部が記入）' }),
  milestones: Type.Array(PublicMilestone),
  kpis: Type.Array(PublicKpi),
});

export const PublicView = Type.Object({
  body: Type.Object({ code: Type.String(), name: Type.String(), prefectureName: Type.String() }),
  plans: Type.Array(Type.Object({ title: Type.String(), startFiscalYear: Type.Integer(), endFiscalYear: Type.Integer(), periodLabel: Type.String() })),
  quarter: Type.Object({
    fiscalYear: Type.Integer(),
    quarter: Type.Integer(),
    label: Type.String({ description: '「2026年度第2四半期」' }),
    asOf: Type.String({ description: 'この日時点の状況（四半期の最終日）' }),
    closedOn: Type.String({ description: '締めた日（日本の暦日）' }),
  }),
  licence: Type.String({ description: 'オープンデータの利用条件（既定 CC BY 4.0）' }),
  statusCounts: Type.Array(Type.Object({ status: StringEnum(ITEM_STATUSES), label: Type.String(), count: Type.Integer() }), {
    description: '公開している取組の状況ごとの件数（ダッシュボードと同じ数え方: 親の取組の集約した状況は数えない）',
  }),
  categories: Type.Array(Type.Object({ name: Type.String(), itemCount: Type.Integer() })),
  items: Type.Array(PublicItem),
});

/** HQ's view of the publication of a body. */
export const PublicationSettings = Type.Object({
  bodyId: Type.Integer(),
  bodyCode: Type.String(),
  defaultPublished: Type.Boolean({ description: '個別に設定していない取組を公開するか（団体全体の既定）' }),
  licence: Type.String(),
  version: Type.Integer({ description: '0 はまだ設定していない' }),
  publicQuarter: Nullable(Type.Object({ label: Type.String(), asOf: Type.String(), closedOn: Type.String() }), {
    description: '公開ページに表示される四半期（最新の締め済み四半期）。null はまだ締めていない（何も公開されない）',
  }),
  items: Type.Array(
    Type.Object({
      itemId: Type.Integer(),
      title: Type.String(),
      categoryName: Type.String(),
      sectionName: Type.String(),
      published: Nullable(Type.Boolean({ description: 'null は団体全体の既定に従う' })),
      effectivePublished: Type.Boolean(),
      publicText: Type.String(),
      milestones: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), hidden: Type.Boolean() })),
      kpis: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), hidden: Type.Boolean() })),
      version: Type.Integer({ description: '0 はまだ設定していない' }),
    }),
  ),
});

const ExpectedVersion = Type.Integer({ minimum: 0, description: '読み込んだ時点のバージョン（まだ設定がなければ 0）' });

export const PublicationSettingsInput = Type.Object(
  {
    defaultPublished: Type.Boolean(),
    licence: Type.String({ minLength: 1, maxLength: 200 }),
    version: ExpectedVersion,
  },
  { additionalProperties: false },
);

export const ItemPublicationInput = Type.Object(
  {
    published: Nullable(Type.Boolean()),
    publicText: LongText,
    hiddenMilestoneIds: Type.Array(Id, { maxItems: 500, uniqueItems: true }),
    hiddenKpiIds: Type.Array(Id, { maxItems: 500, uniqueItems: true }),
    version: ExpectedVersion,
  },
  { additionalProperties: false },
);
