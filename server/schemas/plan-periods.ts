/** 計画期間 (issue 20): the next plan started from the current one, and what it can carry over. */
import { Type, type Static } from '@sinclair/typebox';
import { ITEM_STATUSES } from '../domain/labels.ts';
import { FiscalYear, Id, IsoDate, LongText, Nullable, StringEnum, Title, Version } from './common.ts';
import { Plan } from './plans.ts';
import { BaselineCreated } from './baselines.ts';

/** One item of the current plan, as the 次期計画 page lists it. */
export const CarryCandidate = Type.Object({
  itemId: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  depth: Type.Integer({ description: '階層（0 が最上位）' }),
  title: Type.String(),
  sectionName: Type.String(),
  categoryName: Type.String(),
  status: StringEnum(ITEM_STATUSES),
  statusLabel: Type.String(),
  unfinished: Type.Boolean({ description: '未完了（引き継ぐ取組として最初から選ばれています）' }),
  milestones: Type.Integer({ description: 'マイルストーンの数' }),
  kpis: Type.Integer({ description: '指標の数' }),
});

export const NextPlanDraft = Type.Object({
  plan: Plan,
  items: Type.Array(CarryCandidate),
});
export type NextPlanDraft = Static<typeof NextPlanDraft>;

/** POST: start the next plan. `version` is the current plan's (it ends); `carryItemIds` the items chosen to continue. */
export const NextPlanCreate = Type.Object(
  {
    version: Version,
    title: Title,
    startFiscalYear: FiscalYear,
    endFiscalYear: FiscalYear,
    adoptedOn: IsoDate,
    sourceText: Type.Optional(LongText),
    carryItemIds: Type.Array(Id, { maxItems: 10000, uniqueItems: true, description: '引き継ぐ取組のID（下位の取組と上位の見出しも一緒に引き継がれます）' }),
  },
  { additionalProperties: false },
);
export type NextPlanCreate = Static<typeof NextPlanCreate>;

export const NextPlanCreated = Type.Object({
  plan: Plan,
  endedPlan: Plan,
  carriedItems: Type.Integer({ description: '引き継いだ取組の数（下位の取組・上位の見出しを含む）' }),
  baseline: BaselineCreated,
});
