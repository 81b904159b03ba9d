// Types for the timeline (工程表), item detail (取組詳細) and national deadline (国の期限) pages.
// The API shapes shared with other pages live in types.ts and are re-exported here; the few
// responses only these pages read are declared below (server/schemas/{plans,sections,reference}.ts).
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

/** GET /api/plans/:planId (the fields used here). */
export interface PlanInfo {
  id: number;
  bodyId: number;
  title: string;
  startFiscalYear: number;
  endFiscalYear: number;
  adoptedOn: string | null;
}

/** GET /api/bodies/:bodyId/sections */
export interface SectionInfo {
  id: number;
  bodyId: number;
  name: string;
}

/** GET /api/categories */
export interface CategoryInfo {
  id: number;
  code: string;
  name: string;
  description: string;
  isCore: boolean;
  sortOrder: number;
}
