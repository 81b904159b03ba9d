/**
 * Demo data: 上天草市 with the real schedule of its DX plan (seeds/002 §3.3) and sample progress, two sample
 * municipalities of 千葉県 for comparisons, and the two prefectures. See seed/README.md for what is real.
 *
 * Deterministic (fixed dates and timestamps, a seeded PRNG), one transaction, and it refuses to run twice:
 * it throws if any of its bodies already exists. Run `seedReference(db)` first.
 */
import type { Db } from '../server/db/client.ts';
import { plans } from '../server/db/schema.ts';
import { endOfJapanDay } from '../server/domain/dates.ts';
import { setBaseline } from '../server/services/baselines.ts';
import { DEMO_AS_OF, existingBodyCodes, loadRef } from './demo/helpers.ts';
import { KAMIAMAKUSA_CODE, seedKamiamakusa } from './demo/kamiamakusa.ts';
import { MATSUDO_CODE, seedMatsudo } from './demo/matsudo.ts';
import { PREFECTURE_CODES, seedPrefectures } from './demo/prefectures.ts';
import { SODEGAURA_CODE, seedSodegaura } from './demo/sodegaura.ts';

export { DEMO_AS_OF } from './demo/helpers.ts';
export { KAMIAMAKUSA_CODE, KAMIAMAKUSA_EXPECTED_ITEM_STATES, KAMIAMAKUSA_ITEM_TITLES } from './demo/kamiamakusa.ts';
export { MATSUDO_CODE } from './demo/matsudo.ts';
export { SODEGAURA_CODE } from './demo/sodegaura.ts';

/** The municipalities with a demo plan. */
export const DEMO_MUNICIPALITY_CODES = [KAMIAMAKUSA_CODE, SODEGAURA_CODE, MATSUDO_CODE] as const;
/** Every body the demo inserts. */
export const DEMO_BODY_CODES = [...PREFECTURE_CODES, ...DEMO_MUNICIPALITY_CODES] as const;

export function seedDemo(db: Db): void {
  db.transaction((tx) => {
    const existing = existingBodyCodes(tx, DEMO_BODY_CODES);
    if (existing.length > 0) {
      throw new Error(
        `seedDemo: refusing to insert the demo data: bodies with code ${existing.join(', ')} already exist. ` +
          'Start from an empty database (npm run seed -- --reset deletes the file first).',
      );
    }
    const ref = loadRef(tx);
    seedPrefectures(tx);
    seedKamiamakusa(tx, ref);
    seedSodegaura(tx, ref);
    seedMatsudo(tx, ref);
    setAdoptedBaselines(db);
  });
}

/**
 * 当初計画: every demo plan with an adoption date gets its baseline as the plan stood at the end of that day — read
 * from the history the seed recorded (server/services/baselines.ts, the same service HQ's 計画改定 uses).
 */
function setAdoptedBaselines(db: Db): void {
  for (const p of db.select().from(plans).all()) {
    if (p.adoptedOn === null) continue;
    setBaseline(
      db,
      p.id,
      { kind: 'original', setOn: p.adoptedOn, reason: '計画の策定（当初計画）', approvedBy: '' },
      null,
      DEMO_AS_OF,
      endOfJapanDay(p.adoptedOn),
    );
  }
}
