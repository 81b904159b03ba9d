/**
 * Response shapes of assessed data (status, adherence, series) shared by the items and dashboard
 * routes. Labels are sent with codes so every client shows the same Japanese words.
 */
import { Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common.ts';
import { MilestoneBaseline } from './baselines.ts';
import { ITEM_STATUSES, KPI_KINDS, KPI_PERIOD_ENTRIES, KPI_STATUSES, MILESTONE_STATUSES } from '../domain/labels.ts';

export const ItemStatusSchema = StringEnum(ITEM_STATUSES, {
  description:
    '取組の状況。期限超過・要注意・遅延・着手遅れ・未計画・順調・期限後完了・完了・対象外（README「取組の状況」）。' +
    '親の取組は自身のマイルストーンと子の取組のうち最も悪い状況',
});
export const MilestoneStatusSchema = StringEnum(MILESTONE_STATUSES, { description: 'マイルストーンの状況' });
export const KpiStatusSchema = StringEnum(KPI_STATUSES, { description: '指標の状況（達成・順調・遅れ・未達成・未更新・未計測）' });
export const KpiKindSchema = StringEnum(KPI_KINDS, { description: '指標の種類：累計・期間値（年度ごと）・時点値' });
export const KpiPeriodEntrySchema = StringEnum(KPI_PERIOD_ENTRIES, { description: '期間値の四半期の値の入れ方：年度初めからの累計、または四半期ごとの値' });

export const FiscalQuarterSchema = Type.Object({
  fiscalYear: Type.Integer(),
  quarter: Type.Integer({ minimum: 1, maximum: 4 }),
  label: Type.String(),
});

export const DeadlineRef = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  originalDate: Type.String({ description: '国の期限（国が掲げた当初の期限）' }),
  effectiveDate: Type.String({ description: '延長を反映した期限（延長があれば延長後の期限）' }),
  extended: Type.Boolean(),
  label: Type.String({ description: '「国の期限」または「延長後の期限」' }),
  extensionReason: Nullable(Type.String()),
  daysLeft: Type.Integer({ description: '基準日から期限までの日数（超過は負）' }),
  milestoneId: Nullable(Type.Integer({ description: 'この期限に答えるマイルストーン（取組の期限のとき）' })),
  milestoneTitle: Nullable(Type.String()),
  state: Nullable(StringEnum(['met', 'missed', 'passed', 'at_risk', 'open'] as const)),
  stateLabel: Nullable(Type.String()),
});

export const AdherenceSchema = Type.Object({
  kind: StringEnum(['done_on_time', 'done_late', 'overdue', 'upcoming', 'not_applicable'] as const),
  label: Type.String(),
  /** Days late (done_late, overdue) or left (upcoming); 0 otherwise. Positive = behind. */
  varianceDays: Type.Integer({ description: '予定との差（日）。正は遅れ、負は残り日数' }),
});

export const AssessedMilestoneSchema = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  title: Type.String(),
  plannedStartDate: Nullable(Type.String()),
  plannedDate: Type.String(),
  actualStartDate: Nullable(Type.String()),
  actualDate: Nullable(Type.String()),
  status: MilestoneStatusSchema,
  statusLabel: Type.String(),
  nationalDeadlineId: Nullable(Type.Integer({ description: 'このマイルストーンが答える国の期限' })),
  deadline: Nullable(DeadlineRef),
  note: Type.String({ description: '備考。対象外のときはその理由' }),
  isSample: Type.Boolean(),
  version: Type.Integer(),
  adherence: AdherenceSchema,
  // Optional: quarters frozen before baselines (issue 13) have none.
  baseline: Type.Optional(Nullable(MilestoneBaseline, { description: '基準計画での予定と差異。基準計画がない・基準計画になかったマイルストーンはnull' })),
});

export const ItemSummary = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  depth: Type.Integer(),
  isGroup: Type.Boolean({ description: '子の取組をまとめる取組（集計は子で行う）' }),
  title: Type.String(),
  categoryId: Type.Integer(),
  categoryName: Type.String(),
  sectionId: Type.Integer(),
  sectionName: Type.String(),
  targetFiscalYear: Type.Integer(),
  targetFiscalYearLabel: Type.String(),
  notes: Type.String(),
  sortOrder: Type.Integer(),
  isSample: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  status: ItemStatusSchema,
  statusLabel: Type.String(),
  reasons: Type.Array(Type.String()),
  plannedFinish: Nullable(Type.String()),
  forecastFinish: Nullable(Type.String()),
  actualFinish: Nullable(Type.String()),
  delayDays: Type.Integer(),
  milestoneCount: Type.Integer({ description: '対象外を除くマイルストーン数（親の取組は子を含む）' }),
  doneCount: Type.Integer(),
  deadline: Nullable(DeadlineRef, { description: '最も差し迫った国の期限（未完了のうち最も早いもの）' }),
  deadlines: Type.Array(DeadlineRef, { description: 'この取組のマイルストーンが答える国の期限（複数可）' }),
});

export const KpiSeriesPointSchema = Type.Object({
  fiscalYear: Type.Integer(),
  quarter: Type.Integer(),
  label: Type.String(),
  actual: Nullable(Type.Number()),
  expected: Type.Number({ description: '比べる値：基準値から目標値への計画線の値（期間値は年度の値を四半期で按分した値）' }),
});

export const KpiWithSeries = Type.Object({
  id: Type.Integer(),
  itemId: Nullable(Type.Integer()),
  itemTitle: Nullable(Type.String()),
  name: Type.String(),
  unit: Type.String(),
  valueKind: KpiKindSchema,
  kindLabel: Type.String(),
  periodEntry: KpiPeriodEntrySchema,
  direction: StringEnum(['higher', 'lower'] as const),
  directionLabel: Type.String(),
  baselineValue: Type.Number(),
  baselineFiscalYear: Type.Integer(),
  targetValue: Type.Number(),
  targetFiscalYear: Type.Integer(),
  benchmarkValue: Nullable(Type.Number({ description: '団体が入力した比較値（国の系列ではない）' })),
  benchmarkLabel: Type.String({ description: '団体が入力した比較値の説明' }),
  // Optional: absent from quarters frozen before the national data pack.
  nationalBenchmark: Type.Optional(Nullable(
    Type.Object({
      code: Type.String(),
      title: Type.String({ description: '系列の名称' }),
      definition: Type.String({ description: '系列の定義（何を数えたか）' }),
      value: Type.Number(),
      unit: Type.String(),
      asOf: Nullable(Type.String()),
      fiscalYear: Nullable(Type.Integer()),
      needsVerification: Type.Boolean({ description: '要確認（一次資料で未確認）' }),
      sources: Type.Array(Type.Object({ publisher: Type.String(), title: Type.String(), publishedOn: Nullable(Type.String()), url: Nullable(Type.String()) })),
    }),
    { description: '比べる全国の系列（指標と同じ定義の系列を指定したときだけ。国の参照データの比較系列）' },
  )),
  isSample: Type.Boolean(),
  version: Type.Integer(),
  status: KpiStatusSchema,
  statusLabel: Type.String(),
  latest: Nullable(
    Type.Object({
      fiscalYear: Type.Integer(),
      quarter: Type.Integer(),
      label: Type.String({ description: '「2026年度第2四半期」「2025年度の年間値」' }),
      value: Type.Number({ description: '状況の判定に使う値（期間値は年度初めからの累計）' }),
      yearToDate: Type.Boolean({ description: '期間値の年度途中の累計' }),
    }),
  ),
  expected: Nullable(Type.Number()),
  expectedLabel: Type.String({ description: '「この時点の計画値」、目標年度以降は「目標値」' }),
  progressToTarget: Nullable(Type.Number()),
  summary: Type.String({ description: '指標の状況を説明する文（です・ます）' }),
  series: Type.Array(KpiSeriesPointSchema),
});
