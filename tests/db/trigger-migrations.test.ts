/**
 * The trigger migrations are generated from the code (server/db/trigger-migrations.ts, `npm run db:generate`):
 * on the real migrations every set is up to date, and a changed, missing or left-over trigger makes its set
 * out of date, with a migration that installs the new triggers and drops the left-over ones.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  TRIGGER_SETS,
  createdTriggers,
  installedTriggers,
  migrationSqlFor,
  outdatedTriggerSets,
  type TriggerSet,
} from '../../server/db/trigger-migrations.ts';

const migrations = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
const installed = installedTriggers(migrations);
const audit = TRIGGER_SETS.find((s) => s.name === 'audit_triggers')!;

describe('trigger migrations generated from the code', () => {
  it('the migrations install exactly what the code generates, for every set', () => {
    for (const set of TRIGGER_SETS) expect(createdTriggers(set.migrationSql()).size, set.name).toBeGreaterThan(0);
    expect(outdatedTriggerSets(installed).map((s) => s.name)).toEqual([]);
  });

  it('a trigger the code now writes differently makes its set out of date', () => {
    const changed: TriggerSet = { ...audit, migrationSql: () => audit.migrationSql().replace("'create'", "'created'") };
    expect(outdatedTriggerSets(installed, [changed, ...TRIGGER_SETS.filter((s) => s !== audit)]).map((s) => s.name)).toEqual(['audit_triggers']);
  });

  it('a trigger the code no longer makes is dropped by the new migration', () => {
    const first = [...createdTriggers(audit.migrationSql()).keys()][0]!;
    const fewer: TriggerSet = {
      ...audit,
      migrationSql: () =>
        audit
          .migrationSql()
          .split('\n--> statement-breakpoint\n')
          .filter((s) => !s.includes(`TRIGGER ${first} `) && !s.includes(`TRIGGER IF EXISTS ${first};`))
          .join('\n--> statement-breakpoint\n'),
    };
    expect(outdatedTriggerSets(installed, [fewer]).map((s) => s.name)).toEqual(['audit_triggers']);
    expect(migrationSqlFor(fewer, installed).split('\n--> statement-breakpoint\n')[0]).toBe(`DROP TRIGGER IF EXISTS ${first};`);
  });
});
