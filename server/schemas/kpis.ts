import { ReplanReason } from './milestones.ts';
import { Type, type Static } from '@sinclair/typebox';
import { KPI_DIRECTIONS } from '../domain/labels.ts';
import { KpiKindSchema, KpiPeriodEntrySchema } from './assessed.ts';
import { FiscalYear, Id, LongText, Nullable, PageQuery, StringEnum, Title, Version } from './common.ts';

export const KpiDirection = StringEnum(KPI_DIRECTIONS, { description: '方向（higher: 高いほど良い、lower: 低いほど良い）' });

/** A finite value of a reasonable size (JSON cannot carry NaN; 1e400 parses as Infinity and is refused here). */
export const KpiNumber = Type.Number({ minimum: -1e12, maximum: 1e12 });

export const Kpi = Type.Object({
  id: Type.Integer(),
  bodyId: Type.Integer(),
  itemId: Nullable(Type.Integer()),
  name: Type.String(),
  unit: Type.String(),
  direction: KpiDirection,
  valueKind: KpiKindSchema,
  periodEntry: KpiPeriodEntrySchema,
  baselineValue: Type.Number(),
  baselineFiscalYear: Type.Integer(),
  targetValue: Type.Number(),
  targetFiscalYear: Type.Integer(),
  benchmarkValue: Nullable(Type.Number()),
  benchmarkLabel: Type.String(),
  benchmarkCode: Nullable(Type.String({ description: '比べる全国の系列のコード（国の参照データの比較系列）' })),
  allowedMin: Nullable(Type.Number({ description: '許容範囲（下限）。実績値はこれ以上。null: 宣言なし' })),
  allowedMax: Nullable(Type.Number({ description: '許容範囲（上限）。実績値はこれ以下。null: 宣言なし' })),
  notes: Type.String(),
  isSample: Type.Boolean({ description: 'サンプルデータ（実在の値ではない）' }),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const kpiFields = {
  name: Title,
  unit: Type.String({ maxLength: 20, description: '単位（%、件 など）' }),
  direction: KpiDirection,
  /** Optional on create: 時点値 unless told (the behaviour of KPIs before kinds existed). */
  valueKind: Type.Optional(KpiKindSchema),
  periodEntry: Type.Optional(KpiPeriodEntrySchema),
  baselineValue: KpiNumber,
  baselineFiscalYear: FiscalYear,
  targetValue: KpiNumber,
  targetFiscalYear: FiscalYear,
  benchmarkValue: Type.Optional(Nullable(KpiNumber)),
  benchmarkLabel: Type.Optional(Type.String({ maxLength: 100, description: '団体が入力する比較値の説明（例: 県内平均）。国の系列は benchmarkCode で指定する' })),
  benchmarkCode: Type.Optional(
    Nullable(Type.String({ pattern: '^[a-z][a-z0-9_]{0,49}$', description: '比べる全国の系列のコード。指標と同じ定義の系列だけを指定する（国の参照データの比較系列）' })),
  ),
  /** The declared allowed range of values (domain/kpi-range.ts): when either side is set, it replaces the derived range. */
  allowedMin: Type.Optional(Nullable(KpiNumber)),
  allowedMax: Type.Optional(Nullable(KpiNumber)),
  notes: Type.Optional(LongText),
  itemId: Type.Optional(Nullable(Id)),
};

/** `itemId`, when given, must be an item of one of this body's plans. */
export const KpiCreate = Type.Object(kpiFields, { additionalProperties: false });

export const KpiUpdate = Type.Composite(
  [Type.Object({ version: Version, replanReason: Type.Optional(ReplanReason) }), Type.Partial(Type.Object(kpiFields))],
  { additionalProperties: false, minProperties: 2 },
);

export const KpiListQuery = Type.Object(
  { ...PageQuery, itemId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const Quarter = Type.Integer({ minimum: 0, maximum: 4, description: '四半期（1〜4）。0は年度（通年）の値' });

export const KpiValue = Type.Object({
  id: Type.Integer(),
  kpiId: Type.Integer(),
  fiscalYear: Type.Integer(),
  quarter: Type.Integer({ description: '四半期（1〜4）。0は年度（通年）の値' }),
  value: Type.Number(),
  note: Type.String(),
  isSample: Type.Boolean({ description: 'サンプルデータ（実在の値ではない）' }),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const KpiValueCreate = Type.Object(
  { fiscalYear: FiscalYear, quarter: Quarter, value: KpiNumber, note: Type.Optional(LongText) },
  { additionalProperties: false },
);

/** The period of a value is its identity: to move a value, delete it and register it again. */
export const KpiValueUpdate = Type.Composite(
  [Type.Object({ version: Version }), Type.Partial(Type.Object({ value: KpiNumber, note: LongText }))],
  { additionalProperties: false, minProperties: 2 },
);

export type KpiCreate = Static<typeof KpiCreate>;
export type KpiUpdate = Static<typeof KpiUpdate>;
export type KpiListQuery = Static<typeof KpiListQuery>;
export type KpiValueCreate = Static<typeof KpiValueCreate>;
export type KpiValueUpdate = Static<typeof KpiValueUpdate>;
