/**
 * The history triggers (履歴): every insert, update and delete of the rows a plan's state is made of closes the
 * row's open version in `row_versions` and opens the new one, in the same statement as the change (hence the same
 * transaction), whatever wrote it — a request, an import, a script, the seed. Generated from the drizzle schema
 * (the row's JSON is the audit trail's `rowJson`, keyed by the API's field names) and committed as the custom
 * migration `*_history_triggers.sql` by `npm run db:generate` (server/db/trigger-migrations.ts).
 *
 * When, who, why: `history_context()` (server/audit/context.ts) — the request's user and reason with the real
 * time, or a recorded past (`runAsRecorded`: the seed, the bench). Without either (a migration, a plain script)
 * the version is stamped now with no user.
 */
import { AUDITED, rowJson } from '../audit/triggers.ts';

/** The tables whose versions are kept (their SQL names), and the body of a row (`X` = NEW or OLD). */
export const HISTORY_TABLES = ['plan_items', 'milestones', 'kpis', 'kpi_values'] as const;
export type HistoryEntity = (typeof HISTORY_TABLES)[number];

/**
 * Columns (API field names) added to a versioned table after the migration that created `row_versions`: its backfill
 * (backfill.ts) is SQL of that time and leaves them out, and versions written before they existed read them as null
 * (repositories/history.ts). Add a column here when you add one to a versioned table.
 */
export const COLUMNS_ADDED_AFTER_BACKFILL: Partial<Record<HistoryEntity, readonly string[]>> = {
  kpis: ['allowedMin', 'allowedMax'], // issue 19: a KPI's declared 許容範囲
};

const ctx = (key: string) => `json_extract(history_context(), '$.${key}')`;
export const HISTORY_NOW = `COALESCE(${ctx('at')}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

function spec(name: HistoryEntity) {
  const s = AUDITED[name];
  if (!s?.bodyId) throw new Error(`history: ${name} is not an audited table with a body`);
  return s;
}

const bodyOf = (name: HistoryEntity, row: 'NEW' | 'OLD') => spec(name).bodyId!.replaceAll('X.', `${row}.`);

const openVersion = (name: HistoryEntity) => `INSERT INTO row_versions (entity, row_id, body_id, valid_from, data, user_id, username, reason)
  VALUES ('${name}', NEW.id, ${bodyOf(name, 'NEW')}, ${HISTORY_NOW}, ${rowJson(spec(name).table, 'NEW')},
    ${ctx('userId')}, COALESCE(${ctx('username')}, ''), COALESCE(${ctx('note')}, ''));`;

const closeVersion = (name: HistoryEntity) =>
  `UPDATE row_versions SET valid_to = ${HISTORY_NOW} WHERE entity = '${name}' AND row_id = OLD.id AND valid_to IS NULL;`;

const trigger = (name: string, when: string, body: string[]) => [
  `DROP TRIGGER IF EXISTS ${name};`,
  `CREATE TRIGGER ${name} ${when}
BEGIN
  ${body.join('\n  ')}
END;`,
];

/** The statements of the history migration: the version triggers of every kept table, and the guards. */
export function historyTriggerStatements(): string[] {
  const out: string[] = [];
  for (const name of HISTORY_TABLES) {
    // Nothing of a dry run is kept (an import's check, `runAsDryRun` in audit/context.ts): no version to record.
    out.push(...trigger(`history_${name}_insert`, `AFTER INSERT ON ${name} WHEN NOT dry_run()`, [openVersion(name)]));
    // An update that changes nothing is no new version.
    out.push(
      ...trigger(`history_${name}_update`, `AFTER UPDATE ON ${name} WHEN NOT dry_run() AND ${rowJson(spec(name).table, 'OLD')} IS NOT ${rowJson(spec(name).table, 'NEW')}`, [
        closeVersion(name),
        openVersion(name),
      ]),
    );
    out.push(...trigger(`history_${name}_delete`, `AFTER DELETE ON ${name} WHEN NOT dry_run()`, [closeVersion(name)]));
  }
  // The past cannot be rewritten: a version may only be closed once (valid_to NULL → a time), never changed or deleted.
  out.push(
    ...trigger(
      'history_row_versions_no_rewrite',
      `BEFORE UPDATE ON row_versions WHEN OLD.valid_to IS NOT NULL OR NEW.valid_to IS NULL OR NEW.id IS NOT OLD.id OR NEW.entity IS NOT OLD.entity OR NEW.row_id IS NOT OLD.row_id
  OR NEW.body_id IS NOT OLD.body_id OR NEW.valid_from IS NOT OLD.valid_from OR NEW.data IS NOT OLD.data OR NEW.user_id IS NOT OLD.user_id
  OR NEW.username IS NOT OLD.username OR NEW.reason IS NOT OLD.reason`,
      ["SELECT RAISE(ABORT, 'row_versions is history: a version can only be closed, never changed');"],
    ),
    ...trigger('history_row_versions_no_delete', 'BEFORE DELETE ON row_versions', ["SELECT RAISE(ABORT, 'row_versions is history: versions cannot be deleted');"]),
  );
  return out;
}

export function historyMigrationSql(): string {
  return `${historyTriggerStatements().join('\n--> statement-breakpoint\n')}\n`;
}
