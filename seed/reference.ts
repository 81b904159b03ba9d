/**
 * Reference data every installation needs comes from the national data pack shipped with the product,
 * `reference/default-pack.json` (format: server/schemas/reference-pack.ts, JSON Schema
 * `reference/pack.schema.json`): categories, national deadlines with their sources and status, extension
 * rules, the 20 business areas, the step template and national figures.
 *
 * `seedReference` loads the shipped pack into a database that has none yet (the first start, tests, the
 * seed CLI); a database that already has a pack is left alone — newer packs are loaded by an administrator
 * (`npm run reference:load`, or the admin page 国の参照データ), which shows what changes first.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../server/db/client.ts';
import type { ReferencePack } from '../server/schemas/reference-pack.ts';
import { activePack, applyPack } from '../server/services/reference-pack.ts';
import { todayInJapan } from '../server/domain/dates.ts';

export const DEFAULT_PACK_PATH = fileURLToPath(new URL('../reference/default-pack.json', import.meta.url));

let cached: ReferencePack | undefined;
/** The pack shipped with this version of the product (parsed once). */
export function defaultPack(): ReferencePack {
  cached ??= JSON.parse(readFileSync(DEFAULT_PACK_PATH, 'utf8')) as ReferencePack;
  return cached;
}

/** 標準化対象20業務, in the pack's order (area01..area20). */
export const BUSINESS_AREA_NAMES: readonly string[] = defaultPack().businessAreas.map((a) => a.name);

export function businessAreaCode(index0: number): string {
  return defaultPack().businessAreas[index0]!.code;
}

export interface StepSeed {
  code: string;
  phase: string;
  name: string;
}
/** The step template of the shipped pack (the product's numbering, see the pack's `steps.numbering`). */
export const STEP_TEMPLATE: readonly StepSeed[] = defaultPack().steps.items;

/** Loads the shipped pack into a database without one. Synchronous, one transaction; safe to run again. */
export function seedReference(db: Db): void {
  if (activePack(db)) return;
  applyPack(db, defaultPack(), todayInJapan(), { measure: false });
}
