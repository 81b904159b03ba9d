import { Type, type Static } from '@sinclair/typebox';
import { FiscalYear, Id, IsoDate, LongText, Nullable, PageQuery, Title, Version } from './common.ts';
import { AssessedMilestoneSchema, DeadlineRef, ItemStatusSchema, ItemSummary, KpiWithSeries } from './assessed.ts';

export const ItemDetail = Type.Composite([
  ItemSummary,
  Type.Object({
    milestones: Type.Array(AssessedMilestoneSchema),
    children: Type.Array(ItemSummary),
    kpis: Type.Array(KpiWithSeries),
    deadline: Nullable(DeadlineRef),
    endedPlan: Type.Optional(
      Nullable(
        Type.Object({
          id: Type.Integer(),
          title: Type.String(),
          startFiscalYear: Type.Integer(),
          endFiscalYear: Type.Integer(),
          endedOn: Nullable(Type.String()),
        }),
        { description: '終了した計画の取組のとき、その計画（終了時点の内容を閲覧のみで表示）。現行の計画の取組は null' },
      ),
    ),
  }),
]);

const itemFields = {
  title: Title,
  categoryId: Id,
  sectionId: Id,
  targetFiscalYear: FiscalYear,
  parentId: Type.Optional(Nullable(Id)),
  notes: Type.Optional(LongText),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
};

export const ItemCreate = Type.Object(itemFields, { additionalProperties: false });
export const ItemUpdate = Type.Composite([Type.Object({ version: Version }), Type.Partial(Type.Object(itemFields))], {
  additionalProperties: false,
  minProperties: 2,
});
export const ItemListQuery = Type.Object(
  {
    ...PageQuery,
    categoryId: Type.Optional(Id),
    sectionId: Type.Optional(Id),
    status: Type.Optional(ItemStatusSchema),
    asOf: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export type ItemCreate = Static<typeof ItemCreate>;
export type ItemUpdate = Static<typeof ItemUpdate>;
export type ItemListQuery = Static<typeof ItemListQuery>;

/** Judge statuses as of another day (the default is today in Japan), as the dashboard does. */
export const AsOfQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false });
