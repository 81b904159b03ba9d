// Types for the timeline (工程表), item detail (取組詳細) and national deadline (国の期限) pages.
// The API shapes shared with other pages live in types.ts and are re-exported here; the few
// responses only these pages read are aliased below from server/schemas/{plans,sections,reference}.ts.
import type { Static } from '@sinclair/typebox';
import type * as Plans from '$schemas/plans.ts';
import type * as Reference from '$schemas/reference.ts';
import type * as Sections from '$schemas/sections.ts';
export type {
  AdherenceKind,
  AssessedMilestone,
  DatePrecision,
  DeadlineExtension,
  DeadlineLine,
  DeadlineRef,
  FactSource,
  IsoDate,
  ItemDetail,
  ItemSummary,
  KpiSeriesPoint,
  KpiStatus,
  KpiWithSeries,
  MilestoneAdherence,
  MilestoneStatus,
  TimelineRow,
} from './types.ts';

/** GET /api/plans/:planId */
export type PlanInfo = Static<typeof Plans.Plan>;
/** GET /api/bodies/:bodyId/sections */
export type SectionInfo = Static<typeof Sections.Section>;
/** GET /api/categories */
export type CategoryInfo = Static<typeof Reference.Category>;
