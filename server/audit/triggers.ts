/**
 * The audit triggers (変更履歴), generated from the drizzle schema so that every column of every audited
 * table is recorded. The SQL is committed as custom drizzle migrations (`*_audit_triggers.sql`);
 * tests/audit/audit.test.ts fails when the schema and the installed triggers drift apart. After
 * changing an audited table, `npm run db:generate` writes the schema migration and then the trigger
 * migration from this file (server/db/trigger-migrations.ts); nothing is pasted by hand.
 *
 * Each trigger writes one audit_log row in the same statement (hence the same transaction) as the
 * change, with the actor from `audit_context()` (see context.ts), the body, item and section the row
 * belongs to, and the row before and after as JSON keyed by the API's field names.
 */
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import {
  baselines,
  bodyAreaSteps,
  bodyBusinessAreas,
  businessAreas,
  categories,
  deadlineExtensions,
  imports,
  itemReviews,
  kpis,
  kpiValues,
  localBodies,
  milestones,
  nationalDeadlines,
  nationalFigures,
  planItems,
  plans,
  publicSettings,
  itemPublications,
  quarterSnapshots,
  referencePacks,
  reportingWindows,
  sectionNames,
  sections,
  snapshotDecisions,
  standardizationSteps,
  users,
  userSections,
} from '../db/schema.ts';
import type { AuditAction } from '../domain/labels.ts';

type Op = 'insert' | 'update' | 'delete';

interface AuditedTable {
  table: Table;
  /** Japanese name of the entity, for the UI. */
  label: string;
  /** SQL expressions over `X` (the NEW or OLD row). Omitted: NULL (global reference data). */
  entityId?: string;
  bodyId?: string;
  itemId?: string;
  sectionId?: string;
  /** Operations recorded (default: all three). */
  ops?: Op[];
  /** Action recorded for an operation when it is not the plain create / update / delete. */
  actions?: Partial<Record<Op, AuditAction>>;
  /**
   * Columns (API field names) never copied into the trail, each replaced by a flag saying whether it
   * changed (`passwordHash` → `passwordChanged`): a password hash is no one's business, that it changed is.
   */
  secret?: readonly string[];
}

const itemBody = (itemId: string) => `(SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = ${itemId})`;
const itemSection = (itemId: string) => `(SELECT section_id FROM plan_items WHERE id = ${itemId})`;

/** Every audited table, keyed by its SQL name (the `entity` of audit rows). */
export const AUDITED: Record<string, AuditedTable> = {
  local_bodies: { table: localBodies, label: '団体', bodyId: 'X.id' },
  sections: { table: sections, label: '課', bodyId: 'X.body_id', sectionId: 'X.id' },
  plans: { table: plans, label: '計画', bodyId: 'X.body_id' },
  plan_items: { table: planItems, label: '取組', bodyId: '(SELECT body_id FROM plans WHERE id = X.plan_id)', itemId: 'X.id', sectionId: 'X.section_id' },
  milestones: { table: milestones, label: 'マイルストーン', bodyId: itemBody('X.item_id'), itemId: 'X.item_id', sectionId: itemSection('X.item_id') },
  kpis: { table: kpis, label: '指標', bodyId: 'X.body_id', itemId: 'X.item_id', sectionId: itemSection('X.item_id') },
  kpi_values: {
    table: kpiValues,
    label: '指標の実績値',
    bodyId: '(SELECT body_id FROM kpis WHERE id = X.kpi_id)',
    itemId: '(SELECT item_id FROM kpis WHERE id = X.kpi_id)',
    sectionId: '(SELECT i.section_id FROM kpis k JOIN plan_items i ON i.id = k.item_id WHERE k.id = X.kpi_id)',
  },
  item_reviews: {
    table: itemReviews,
    label: '確認（変更なし）',
    bodyId: itemBody('X.item_id'),
    itemId: 'X.item_id',
    sectionId: itemSection('X.item_id'),
    actions: { insert: 'review' },
  },
  categories: { table: categories, label: '取組分野' },
  national_deadlines: { table: nationalDeadlines, label: '国の期限' },
  deadline_extensions: {
    table: deadlineExtensions,
    label: '期限の延長',
    bodyId: `COALESCE(X.body_id, ${itemBody('X.item_id')})`,
    itemId: 'X.item_id',
    sectionId: itemSection('X.item_id'),
  },
  national_figures: { table: nationalFigures, label: '全国の数値・比較系列' },
  // Who loaded which national data pack, and its roll back (the rows it changed are audited on their own tables).
  reference_packs: { table: referencePacks, label: '国の参照データ（データパック）' },
  business_areas: { table: businessAreas, label: '標準化対象業務' },
  standardization_steps: { table: standardizationSteps, label: '標準化の手順' },
  body_business_areas: { table: bodyBusinessAreas, label: '団体の標準化対象業務', bodyId: 'X.body_id', itemId: 'X.item_id', sectionId: 'X.section_id' },
  // Rows of the step matrix are created and removed with their step or area; only status changes are history.
  body_area_steps: {
    table: bodyAreaSteps,
    label: '標準化の手順の状況',
    entityId: 'X.step_id',
    bodyId: '(SELECT body_id FROM body_business_areas WHERE id = X.body_area_id)',
    itemId: '(SELECT item_id FROM body_business_areas WHERE id = X.body_area_id)',
    sectionId: '(SELECT section_id FROM body_business_areas WHERE id = X.body_area_id)',
    ops: ['update'],
  },
  quarter_snapshots: { table: quarterSnapshots, label: '四半期の締め', bodyId: 'X.body_id' },
  // Who uploaded which file, and when it was applied (the rows it changed are audited on their own tables).
  imports: { table: imports, label: '一括取込', bodyId: 'X.body_id', sectionId: 'X.section_id' },
  // A baseline (当初計画 / 計画改定) set: when, why, who approved it (its entries are copies, not audited).
  baselines: { table: baselines, label: '基準計画（当初計画・計画改定）', bodyId: '(SELECT body_id FROM plans WHERE id = X.plan_id)' },
  // Accounts (issue 20): who made, reset, disabled or re-enabled which account, and its sections.
  users: { table: users, label: '利用者', bodyId: 'X.body_id', secret: ['passwordHash'] },
  user_sections: {
    table: userSections,
    label: '利用者の担当課',
    entityId: 'X.user_id',
    // No section_id: an assignment is not the section reporting progress (services/updates.ts counts rows with one).
    bodyId: '(SELECT body_id FROM sections WHERE id = X.section_id)',
    ops: ['insert', 'delete'],
  },
  reporting_windows: { table: reportingWindows, label: '報告期限', bodyId: 'X.body_id' },
  section_names: { table: sectionNames, label: '課の旧名称', bodyId: '(SELECT body_id FROM sections WHERE id = X.section_id)', sectionId: 'X.section_id' },
  snapshot_decisions: {
    table: snapshotDecisions,
    label: '対応方針',
    bodyId: '(SELECT body_id FROM quarter_snapshots WHERE id = X.snapshot_id)',
    itemId: 'X.item_id',
    sectionId: itemSection('X.item_id'),
  },
  // 公開設定 (issue 21): every publish / unpublish and every change of the public text is history.
  public_settings: { table: publicSettings, label: '公開設定', bodyId: 'X.body_id' },
  item_publications: { table: itemPublications, label: '取組の公開', bodyId: itemBody('X.item_id'), itemId: 'X.item_id', sectionId: itemSection('X.item_id') },
};

export const ENTITY_LABELS: Record<string, string> = Object.fromEntries(Object.entries(AUDITED).map(([k, v]) => [k, v.label]));

/** json_object('id', X.id, 'bodyId', X.body_id, …) over every column (but `omit`), keyed by the API field name. */
export function rowJson(table: Table, row: 'NEW' | 'OLD', secret: readonly string[] = [], op: Op = 'update', omit: readonly string[] = []): string {
  const pairs = Object.entries(getTableColumns(table)).filter(([key]) => !omit.includes(key)).map(([key, col]) => {
    if (!secret.includes(key)) return `'${key}', ${row}."${col.name}"`;
    const changed = row === 'NEW' && op === 'update' ? `OLD."${col.name}" IS NOT NEW."${col.name}"` : '0';
    return `'${key.replace(/Hash$/, '')}Changed', json(CASE WHEN ${changed} THEN 'true' ELSE 'false' END)`;
  });
  return `json_object(${pairs.join(', ')})`;
}

const ctx = (key: string) => `json_extract(audit_context(), '$.${key}')`;

function triggerSql(name: string, spec: AuditedTable, op: Op): [drop: string, create: string] {
  const row = op === 'delete' ? 'OLD' : 'NEW';
  const x = (expr: string | undefined) => (expr ? expr.replaceAll('X.', `${row}.`) : 'NULL');
  // A row deleted by ON DELETE CASCADE has lost its parent: fall back on the request's own target.
  const scoped = (expr: string | undefined, key: string) =>
    expr === undefined ? 'NULL' : op === 'delete' ? `COALESCE(${x(expr)}, ${ctx(key)})` : x(expr);
  const action: AuditAction = spec.actions?.[op] ?? (op === 'insert' ? 'create' : op);
  const trigger = `audit_${name}_${op}`;
  return [
    `DROP TRIGGER IF EXISTS ${trigger};`,
    `CREATE TRIGGER ${trigger} AFTER ${op.toUpperCase()} ON ${name} WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ${ctx('userId')}, ${ctx('username')}, ${ctx('requestId')}, COALESCE(${ctx('note')}, ''),
    '${action}', '${name}', ${x(spec.entityId ?? 'X.id')},
    ${scoped(spec.bodyId, 'bodyId')}, ${scoped(spec.itemId, 'itemId')}, ${scoped(spec.sectionId, 'sectionId')},
    ${op === 'insert' ? 'NULL' : rowJson(spec.table, 'OLD', spec.secret, op)},
    ${op === 'delete' ? 'NULL' : rowJson(spec.table, 'NEW', spec.secret, op)}
  );
END;`,
  ];
}

/** The statements of the audit migration: capture triggers for every audited table, and append-only guards. */
export function auditTriggerStatements(): string[] {
  const out: string[] = [];
  for (const [name, spec] of Object.entries(AUDITED)) {
    if (getTableName(spec.table) !== name) throw new Error(`AUDITED key ${name} is not the table's name`);
    for (const op of spec.ops ?? (['insert', 'update', 'delete'] as const)) {
      out.push(...triggerSql(name, spec, op));
    }
  }
  out.push(
    'DROP TRIGGER IF EXISTS audit_log_no_update;',
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed');
END;`,
    'DROP TRIGGER IF EXISTS audit_log_no_delete;',
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted');
END;`,
  );
  return out;
}

/** The migration file's text: statements separated by drizzle's breakpoint marker. */
export function auditMigrationSql(): string {
  return `${auditTriggerStatements().join('\n--> statement-breakpoint\n')}\n`;
}
