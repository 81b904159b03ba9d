/**
 * Rebuilding the history of an existing database from its audit log (run once, by the migration that creates
 * `row_versions`; the SQL is generated here and pasted into that migration — print it with
 * `npx tsx server/history/backfill.ts`). What can be known, and what cannot (server/history/README.md):
 * - every change made through the API or an import since the audit trail existed: its `after` is a version, valid
 *   until the row's next audited change;
 * - before a row's first audited change, its `before` is assumed valid since the row's `created_at`;
 * - the current row is valid since its last audited change (or its `created_at` when it has none);
 * - writes without an actor (seeding, scripts, data migrations) were never audited: what a row looked like between
 *   them is lost, and a row created and deleted without an actor left no trace at all.
 */
import { fileURLToPath } from 'node:url';
import { AUDITED, rowJson } from '../audit/triggers.ts';
import { COLUMNS_ADDED_AFTER_BACKFILL, HISTORY_TABLES } from './triggers.ts';

const COLUMNS = 'entity, row_id, body_id, valid_from, valid_to, data, user_id, username, reason';
const entities = HISTORY_TABLES.map((t) => `'${t}'`).join(', ');

export function historyBackfillStatements(): string[] {
  const fromAudit = `INSERT INTO row_versions (${COLUMNS})
WITH ev AS (
  SELECT entity, entity_id, body_id, at, user_id, username, note, before, after,
    ROW_NUMBER() OVER (PARTITION BY entity, entity_id ORDER BY at, id) AS n,
    LEAD(at) OVER (PARTITION BY entity, entity_id ORDER BY at, id) AS next_at
  FROM audit_log WHERE entity IN (${entities}) AND entity_id IS NOT NULL
)
SELECT entity, entity_id, body_id, at, next_at, after, user_id, username, note FROM ev WHERE after IS NOT NULL AND next_at IS NOT NULL
UNION ALL
SELECT entity, entity_id, body_id, COALESCE(json_extract(before, '$.createdAt'), at), at, before, NULL, '', '' FROM ev WHERE n = 1 AND before IS NOT NULL;`;
  // The current row: since its last audited change, by whom and why (writes without an actor since then are unknowable).
  const current = HISTORY_TABLES.map((name) => {
    const spec = AUDITED[name]!;
    return `INSERT INTO row_versions (${COLUMNS})
SELECT '${name}', X.id, ${spec.bodyId!}, COALESCE(last.at, X.created_at), NULL, ${rowJson(spec.table, 'X' as 'NEW', [], 'update', COLUMNS_ADDED_AFTER_BACKFILL[name] ?? [])}, last.user_id, COALESCE(last.username, ''), COALESCE(last.note, '')
FROM ${name} X LEFT JOIN (
  SELECT entity_id, at, user_id, username, note FROM (
    SELECT entity_id, at, user_id, username, note, ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY at DESC, id DESC) AS rn
    FROM audit_log WHERE entity = '${name}'
  ) WHERE rn = 1
) last ON last.entity_id = X.id;`;
  });
  return [fromAudit, ...current];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(historyBackfillStatements().join('\n--> statement-breakpoint\n'));
}
