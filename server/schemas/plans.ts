import { Type, type Static } from '@sinclair/typebox';
import { FiscalYear, IsoDate, LongText, Nullable, Title, Version } from './common.ts';

export const Plan = Type.Object({
  id: Type.Integer(),
  bodyId: Type.Integer(),
  title: Type.String(),
  startFiscalYear: Type.Integer(),
  endFiscalYear: Type.Integer(),
  adoptedOn: Nullable(Type.String()),
  sourceText: Type.String(),
  endedOn: Nullable(Type.String({ description: '終了日（YYYY-MM-DD）。null は現行の計画。終了した計画は閲覧のみ' })),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const planFields = {
  title: Title,
  startFiscalYear: FiscalYear,
  endFiscalYear: FiscalYear,
  adoptedOn: Type.Optional(Nullable(IsoDate)),
  sourceText: Type.Optional(LongText),
};

export const PlanCreate = Type.Object(planFields, { additionalProperties: false });
export const PlanUpdate = Type.Composite(
  [Type.Object({ version: Version }), Type.Partial(Type.Object(planFields))],
  { additionalProperties: false, minProperties: 2 },
);
export type PlanCreate = Static<typeof PlanCreate>;
export type PlanUpdate = Static<typeof PlanUpdate>;
