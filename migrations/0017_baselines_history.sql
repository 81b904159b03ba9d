CREATE TABLE `baseline_kpis` (
	`baseline_id` integer NOT NULL,
	`kpi_id` integer NOT NULL,
	`target_value` real NOT NULL,
	`target_fiscal_year` integer NOT NULL,
	PRIMARY KEY(`baseline_id`, `kpi_id`),
	FOREIGN KEY (`baseline_id`) REFERENCES `baselines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `baseline_milestones` (
	`baseline_id` integer NOT NULL,
	`milestone_id` integer NOT NULL,
	`planned_start_date` text,
	`planned_date` text NOT NULL,
	PRIMARY KEY(`baseline_id`, `milestone_id`),
	FOREIGN KEY (`baseline_id`) REFERENCES `baselines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `baselines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`kind` text NOT NULL,
	`set_on` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`approved_by` text DEFAULT '' NOT NULL,
	`user_id` integer,
	`username` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `baselines_plan_idx` ON `baselines` (`plan_id`,`set_on`);--> statement-breakpoint
CREATE TABLE `row_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`row_id` integer NOT NULL,
	`body_id` integer,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`data` text NOT NULL,
	`user_id` integer,
	`username` text DEFAULT '' NOT NULL,
	`reason` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `row_versions_body_idx` ON `row_versions` (`body_id`,`entity`,`valid_from`);--> statement-breakpoint
CREATE INDEX `row_versions_row_idx` ON `row_versions` (`entity`,`row_id`,`valid_to`);--> statement-breakpoint
-- Rebuild the history of existing rows from the audit log (server/history/backfill.ts, where what cannot be known is said).
INSERT INTO row_versions (entity, row_id, body_id, valid_from, valid_to, data, user_id, username, reason)
WITH ev AS (
  SELECT entity, entity_id, body_id, at, user_id, username, note, before, after,
    ROW_NUMBER() OVER (PARTITION BY entity, entity_id ORDER BY at, id) AS n,
    LEAD(at) OVER (PARTITION BY entity, entity_id ORDER BY at, id) AS next_at
  FROM audit_log WHERE entity IN ('plan_items', 'milestones', 'kpis', 'kpi_values') AND entity_id IS NOT NULL
)
SELECT entity, entity_id, body_id, at, next_at, after, user_id, username, note FROM ev WHERE after IS NOT NULL AND next_at IS NOT NULL
UNION ALL
SELECT entity, entity_id, body_id, COALESCE(json_extract(before, '$.createdAt'), at), at, before, NULL, '', '' FROM ev WHERE n = 1 AND before IS NOT NULL;
--> statement-breakpoint
INSERT INTO row_versions (entity, row_id, body_id, valid_from, valid_to, data, user_id, username, reason)
SELECT 'plan_items', X.id, (SELECT body_id FROM plans WHERE id = X.plan_id), COALESCE(last.at, X.created_at), NULL, json_object('id', X."id", 'planId', X."plan_id", 'categoryId', X."category_id", 'sectionId', X."section_id", 'parentId', X."parent_id", 'nationalDeadlineId', X."national_deadline_id", 'title', X."title", 'targetFiscalYear', X."target_fiscal_year", 'notes', X."notes", 'sortOrder', X."sort_order", 'isSample', X."is_sample", 'version', X."version", 'createdAt', X."created_at", 'updatedAt', X."updated_at"), last.user_id, COALESCE(last.username, ''), COALESCE(last.note, '')
FROM plan_items X LEFT JOIN (
  SELECT entity_id, at, user_id, username, note FROM (
    SELECT entity_id, at, user_id, username, note, ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY at DESC, id DESC) AS rn
    FROM audit_log WHERE entity = 'plan_items'
  ) WHERE rn = 1
) last ON last.entity_id = X.id;
--> statement-breakpoint
INSERT INTO row_versions (entity, row_id, body_id, valid_from, valid_to, data, user_id, username, reason)
SELECT 'milestones', X.id, (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = X.item_id), COALESCE(last.at, X.created_at), NULL, json_object('id', X."id", 'itemId', X."item_id", 'title', X."title", 'plannedStartDate', X."planned_start_date", 'plannedDate', X."planned_date", 'actualStartDate', X."actual_start_date", 'actualDate', X."actual_date", 'status', X."status", 'nationalDeadlineId', X."national_deadline_id", 'note', X."note", 'sortOrder', X."sort_order", 'isSample', X."is_sample", 'version', X."version", 'createdAt', X."created_at", 'updatedAt', X."updated_at"), last.user_id, COALESCE(last.username, ''), COALESCE(last.note, '')
FROM milestones X LEFT JOIN (
  SELECT entity_id, at, user_id, username, note FROM (
    SELECT entity_id, at, user_id, username, note, ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY at DESC, id DESC) AS rn
    FROM audit_log WHERE entity = 'milestones'
  ) WHERE rn = 1
) last ON last.entity_id = X.id;
--> statement-breakpoint
INSERT INTO row_versions (entity, row_id, body_id, valid_from, valid_to, data, user_id, username, reason)
SELECT 'kpis', X.id, X.body_id, COALESCE(last.at, X.created_at), NULL, json_object('id', X."id", 'bodyId', X."body_id", 'itemId', X."item_id", 'name', X."name", 'unit', X."unit", 'direction', X."direction", 'valueKind', X."value_kind", 'periodEntry', X."period_entry", 'baselineValue', X."baseline_value", 'baselineFiscalYear', X."baseline_fiscal_year", 'targetValue', X."target_value", 'targetFiscalYear', X."target_fiscal_year", 'benchmarkValue', X."benchmark_value", 'benchmarkLabel', X."benchmark_label", 'benchmarkCode', X."benchmark_code", 'notes', X."notes", 'isSample', X."is_sample", 'version', X."version", 'createdAt', X."created_at", 'updatedAt', X."updated_at"), last.user_id, COALESCE(last.username, ''), COALESCE(last.note, '')
FROM kpis X LEFT JOIN (
  SELECT entity_id, at, user_id, username, note FROM (
    SELECT entity_id, at, user_id, username, note, ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY at DESC, id DESC) AS rn
    FROM audit_log WHERE entity = 'kpis'
  ) WHERE rn = 1
) last ON last.entity_id = X.id;
--> statement-breakpoint
INSERT INTO row_versions (entity, row_id, body_id, valid_from, valid_to, data, user_id, username, reason)
SELECT 'kpi_values', X.id, (SELECT body_id FROM kpis WHERE id = X.kpi_id), COALESCE(last.at, X.created_at), NULL, json_object('id', X."id", 'kpiId', X."kpi_id", 'fiscalYear', X."fiscal_year", 'quarter', X."quarter", 'value', X."value", 'note', X."note", 'isSample', X."is_sample", 'version', X."version", 'createdAt', X."created_at", 'updatedAt', X."updated_at"), last.user_id, COALESCE(last.username, ''), COALESCE(last.note, '')
FROM kpi_values X LEFT JOIN (
  SELECT entity_id, at, user_id, username, note FROM (
    SELECT entity_id, at, user_id, username, note, ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY at DESC, id DESC) AS rn
    FROM audit_log WHERE entity = 'kpi_values'
  ) WHERE rn = 1
) last ON last.entity_id = X.id;
