/** Reads the change counters kept by server/cache/triggers.ts: one indexed lookup per cached request. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { ROLLUP_SCOPE, SHARED_SCOPE } from './triggers.ts';

const versionsOf = (db: Db) =>
  db
    .select({
      scope: sql<number>`coalesce((SELECT version FROM data_versions WHERE scope = ${sql.placeholder('scope')}), 0)`,
      shared: sql<number>`coalesce((SELECT version FROM data_versions WHERE scope = ${SHARED_SCOPE}), 0)`,
    })
    .from(sql`(SELECT 1)`)
    .prepare();

/** The version of a body's dashboard data: changes whenever anything it is made of changes. */
export function bodyDataVersion(db: Db, bodyId: number): string {
  const v = prepared(db, versionsOf).get({ scope: bodyId })!;
  return `${v.shared}.${v.scope}`;
}

/** The version of the national and prefecture roll-ups. */
export function rollupDataVersion(db: Db): string {
  const v = prepared(db, versionsOf).get({ scope: ROLLUP_SCOPE })!;
  return `${v.shared}.${v.scope}`;
}
