DROP TRIGGER IF EXISTS history_plan_items_insert;
--> statement-breakpoint
CREATE TRIGGER history_plan_items_insert AFTER INSERT ON plan_items WHEN NOT dry_run()
BEGIN
  INSERT INTO row_versions (entity, row_id, body_id, valid_from, data, user_id, username, reason)
  VALUES ('plan_items', NEW.id, (SELECT body_id FROM plans WHERE id = NEW.plan_id), COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), json_object('id', NEW."id", 'planId', NEW."plan_id", 'categoryId', NEW."category_id", 'sectionId', NEW."section_id", 'parentId', NEW."parent_id", 'nationalDeadlineId', NEW."national_deadline_id", 'title', NEW."title", 'targetFiscalYear', NEW."target_fiscal_year", 'notes', NEW."notes", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at"),
    json_extract(history_context(), '$.userId'), COALESCE(json_extract(history_context(), '$.username'), ''), COALESCE(json_extract(history_context(), '$.note'), ''));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_plan_items_update;
--> statement-breakpoint
CREATE TRIGGER history_plan_items_update AFTER UPDATE ON plan_items WHEN NOT dry_run() AND json_object('id', OLD."id", 'planId', OLD."plan_id", 'categoryId', OLD."category_id", 'sectionId', OLD."section_id", 'parentId', OLD."parent_id", 'nationalDeadlineId', OLD."national_deadline_id", 'title', OLD."title", 'targetFiscalYear', OLD."target_fiscal_year", 'notes', OLD."notes", 'sortOrder', OLD."sort_order", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at") IS NOT json_object('id', NEW."id", 'planId', NEW."plan_id", 'categoryId', NEW."category_id", 'sectionId', NEW."section_id", 'parentId', NEW."parent_id", 'nationalDeadlineId', NEW."national_deadline_id", 'title', NEW."title", 'targetFiscalYear', NEW."target_fiscal_year", 'notes', NEW."notes", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
BEGIN
  UPDATE row_versions SET valid_to = COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE entity = 'plan_items' AND row_id = OLD.id AND valid_to IS NULL;
  INSERT INTO row_versions (entity, row_id, body_id, valid_from, data, user_id, username, reason)
  VALUES ('plan_items', NEW.id, (SELECT body_id FROM plans WHERE id = NEW.plan_id), COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), json_object('id', NEW."id", 'planId', NEW."plan_id", 'categoryId', NEW."category_id", 'sectionId', NEW."section_id", 'parentId', NEW."parent_id", 'nationalDeadlineId', NEW."national_deadline_id", 'title', NEW."title", 'targetFiscalYear', NEW."target_fiscal_year", 'notes', NEW."notes", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at"),
    json_extract(history_context(), '$.userId'), COALESCE(json_extract(history_context(), '$.username'), ''), COALESCE(json_extract(history_context(), '$.note'), ''));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_plan_items_delete;
--> statement-breakpoint
CREATE TRIGGER history_plan_items_delete AFTER DELETE ON plan_items WHEN NOT dry_run()
BEGIN
  UPDATE row_versions SET valid_to = COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE entity = 'plan_items' AND row_id = OLD.id AND valid_to IS NULL;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_milestones_insert;
--> statement-breakpoint
CREATE TRIGGER history_milestones_insert AFTER INSERT ON milestones WHEN NOT dry_run()
BEGIN
  INSERT INTO row_versions (entity, row_id, body_id, valid_from, data, user_id, username, reason)
  VALUES ('milestones', NEW.id, (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), json_object('id', NEW."id", 'itemId', NEW."item_id", 'title', NEW."title", 'plannedStartDate', NEW."planned_start_date", 'plannedDate', NEW."planned_date", 'actualStartDate', NEW."actual_start_date", 'actualDate', NEW."actual_date", 'status', NEW."status", 'nationalDeadlineId', NEW."national_deadline_id", 'note', NEW."note", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at"),
    json_extract(history_context(), '$.userId'), COALESCE(json_extract(history_context(), '$.username'), ''), COALESCE(json_extract(history_context(), '$.note'), ''));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_milestones_update;
--> statement-breakpoint
CREATE TRIGGER history_milestones_update AFTER UPDATE ON milestones WHEN NOT dry_run() AND json_object('id', OLD."id", 'itemId', OLD."item_id", 'title', OLD."title", 'plannedStartDate', OLD."planned_start_date", 'plannedDate', OLD."planned_date", 'actualStartDate', OLD."actual_start_date", 'actualDate', OLD."actual_date", 'status', OLD."status", 'nationalDeadlineId', OLD."national_deadline_id", 'note', OLD."note", 'sortOrder', OLD."sort_order", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at") IS NOT json_object('id', NEW."id", 'itemId', NEW."item_id", 'title', NEW."title", 'plannedStartDate', NEW."planned_start_date", 'plannedDate', NEW."planned_date", 'actualStartDate', NEW."actual_start_date", 'actualDate', NEW."actual_date", 'status', NEW."status", 'nationalDeadlineId', NEW."national_deadline_id", 'note', NEW."note", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
BEGIN
  UPDATE row_versions SET valid_to = COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE entity = 'milestones' AND row_id = OLD.id AND valid_to IS NULL;
  INSERT INTO row_versions (entity, row_id, body_id, valid_from, data, user_id, username, reason)
  VALUES ('milestones', NEW.id, (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), json_object('id', NEW."id", 'itemId', NEW."item_id", 'title', NEW."title", 'plannedStartDate', NEW."planned_start_date", 'plannedDate', NEW."planned_date", 'actualStartDate', NEW."actual_start_date", 'actualDate', NEW."actual_date", 'status', NEW."status", 'nationalDeadlineId', NEW."national_deadline_id", 'note', NEW."note", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at"),
    json_extract(history_context(), '$.userId'), COALESCE(json_extract(history_context(), '$.username'), ''), COALESCE(json_extract(history_context(), '$.note'), ''));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_milestones_delete;
--> statement-breakpoint
CREATE TRIGGER history_milestones_delete AFTER DELETE ON milestones WHEN NOT dry_run()
BEGIN
  UPDATE row_versions SET valid_to = COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE entity = 'milestones' AND row_id = OLD.id AND valid_to IS NULL;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_kpis_insert;
--> statement-breakpoint
CREATE TRIGGER history_kpis_insert AFTER INSERT ON kpis WHEN NOT dry_run()
BEGIN
  INSERT INTO row_versions (entity, row_id, body_id, valid_from, data, user_id, username, reason)
  VALUES ('kpis', NEW.id, NEW.body_id, COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), json_object('id', NEW."id", 'bodyId', NEW."body_id", 'itemId', NEW."item_id", 'name', NEW."name", 'unit', NEW."unit", 'direction', NEW."direction", 'valueKind', NEW."value_kind", 'periodEntry', NEW."period_entry", 'baselineValue', NEW."baseline_value", 'baselineFiscalYear', NEW."baseline_fiscal_year", 'targetValue', NEW."target_value", 'targetFiscalYear', NEW."target_fiscal_year", 'benchmarkValue', NEW."benchmark_value", 'benchmarkLabel', NEW."benchmark_label", 'benchmarkCode', NEW."benchmark_code", 'allowedMin', NEW."allowed_min", 'allowedMax', NEW."allowed_max", 'notes', NEW."notes", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at"),
    json_extract(history_context(), '$.userId'), COALESCE(json_extract(history_context(), '$.username'), ''), COALESCE(json_extract(history_context(), '$.note'), ''));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_kpis_update;
--> statement-breakpoint
CREATE TRIGGER history_kpis_update AFTER UPDATE ON kpis WHEN NOT dry_run() AND json_object('id', OLD."id", 'bodyId', OLD."body_id", 'itemId', OLD."item_id", 'name', OLD."name", 'unit', OLD."unit", 'direction', OLD."direction", 'valueKind', OLD."value_kind", 'periodEntry', OLD."period_entry", 'baselineValue', OLD."baseline_value", 'baselineFiscalYear', OLD."baseline_fiscal_year", 'targetValue', OLD."target_value", 'targetFiscalYear', OLD."target_fiscal_year", 'benchmarkValue', OLD."benchmark_value", 'benchmarkLabel', OLD."benchmark_label", 'benchmarkCode', OLD."benchmark_code", 'allowedMin', OLD."allowed_min", 'allowedMax', OLD."allowed_max", 'notes', OLD."notes", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at") IS NOT json_object('id', NEW."id", 'bodyId', NEW."body_id", 'itemId', NEW."item_id", 'name', NEW."name", 'unit', NEW."unit", 'direction', NEW."direction", 'valueKind', NEW."value_kind", 'periodEntry', NEW."period_entry", 'baselineValue', NEW."baseline_value", 'baselineFiscalYear', NEW."baseline_fiscal_year", 'targetValue', NEW."target_value", 'targetFiscalYear', NEW."target_fiscal_year", 'benchmarkValue', NEW."benchmark_value", 'benchmarkLabel', NEW."benchmark_label", 'benchmarkCode', NEW."benchmark_code", 'allowedMin', NEW."allowed_min", 'allowedMax', NEW."allowed_max", 'notes', NEW."notes", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
BEGIN
  UPDATE row_versions SET valid_to = COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE entity = 'kpis' AND row_id = OLD.id AND valid_to IS NULL;
  INSERT INTO row_versions (entity, row_id, body_id, valid_from, data, user_id, username, reason)
  VALUES ('kpis', NEW.id, NEW.body_id, COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), json_object('id', NEW."id", 'bodyId', NEW."body_id", 'itemId', NEW."item_id", 'name', NEW."name", 'unit', NEW."unit", 'direction', NEW."direction", 'valueKind', NEW."value_kind", 'periodEntry', NEW."period_entry", 'baselineValue', NEW."baseline_value", 'baselineFiscalYear', NEW."baseline_fiscal_year", 'targetValue', NEW."target_value", 'targetFiscalYear', NEW."target_fiscal_year", 'benchmarkValue', NEW."benchmark_value", 'benchmarkLabel', NEW."benchmark_label", 'benchmarkCode', NEW."benchmark_code", 'allowedMin', NEW."allowed_min", 'allowedMax', NEW."allowed_max", 'notes', NEW."notes", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at"),
    json_extract(history_context(), '$.userId'), COALESCE(json_extract(history_context(), '$.username'), ''), COALESCE(json_extract(history_context(), '$.note'), ''));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_kpis_delete;
--> statement-breakpoint
CREATE TRIGGER history_kpis_delete AFTER DELETE ON kpis WHEN NOT dry_run()
BEGIN
  UPDATE row_versions SET valid_to = COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE entity = 'kpis' AND row_id = OLD.id AND valid_to IS NULL;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_kpi_values_insert;
--> statement-breakpoint
CREATE TRIGGER history_kpi_values_insert AFTER INSERT ON kpi_values WHEN NOT dry_run()
BEGIN
  INSERT INTO row_versions (entity, row_id, body_id, valid_from, data, user_id, username, reason)
  VALUES ('kpi_values', NEW.id, (SELECT body_id FROM kpis WHERE id = NEW.kpi_id), COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), json_object('id', NEW."id", 'kpiId', NEW."kpi_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'value', NEW."value", 'note', NEW."note", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at"),
    json_extract(history_context(), '$.userId'), COALESCE(json_extract(history_context(), '$.username'), ''), COALESCE(json_extract(history_context(), '$.note'), ''));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_kpi_values_update;
--> statement-breakpoint
CREATE TRIGGER history_kpi_values_update AFTER UPDATE ON kpi_values WHEN NOT dry_run() AND json_object('id', OLD."id", 'kpiId', OLD."kpi_id", 'fiscalYear', OLD."fiscal_year", 'quarter', OLD."quarter", 'value', OLD."value", 'note', OLD."note", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at") IS NOT json_object('id', NEW."id", 'kpiId', NEW."kpi_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'value', NEW."value", 'note', NEW."note", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
BEGIN
  UPDATE row_versions SET valid_to = COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE entity = 'kpi_values' AND row_id = OLD.id AND valid_to IS NULL;
  INSERT INTO row_versions (entity, row_id, body_id, valid_from, data, user_id, username, reason)
  VALUES ('kpi_values', NEW.id, (SELECT body_id FROM kpis WHERE id = NEW.kpi_id), COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), json_object('id', NEW."id", 'kpiId', NEW."kpi_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'value', NEW."value", 'note', NEW."note", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at"),
    json_extract(history_context(), '$.userId'), COALESCE(json_extract(history_context(), '$.username'), ''), COALESCE(json_extract(history_context(), '$.note'), ''));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_kpi_values_delete;
--> statement-breakpoint
CREATE TRIGGER history_kpi_values_delete AFTER DELETE ON kpi_values WHEN NOT dry_run()
BEGIN
  UPDATE row_versions SET valid_to = COALESCE(json_extract(history_context(), '$.at'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE entity = 'kpi_values' AND row_id = OLD.id AND valid_to IS NULL;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_row_versions_no_rewrite;
--> statement-breakpoint
CREATE TRIGGER history_row_versions_no_rewrite BEFORE UPDATE ON row_versions WHEN OLD.valid_to IS NOT NULL OR NEW.valid_to IS NULL OR NEW.id IS NOT OLD.id OR NEW.entity IS NOT OLD.entity OR NEW.row_id IS NOT OLD.row_id
  OR NEW.body_id IS NOT OLD.body_id OR NEW.valid_from IS NOT OLD.valid_from OR NEW.data IS NOT OLD.data OR NEW.user_id IS NOT OLD.user_id
  OR NEW.username IS NOT OLD.username OR NEW.reason IS NOT OLD.reason
BEGIN
  SELECT RAISE(ABORT, 'row_versions is history: a version can only be closed, never changed');
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS history_row_versions_no_delete;
--> statement-breakpoint
CREATE TRIGGER history_row_versions_no_delete BEFORE DELETE ON row_versions
BEGIN
  SELECT RAISE(ABORT, 'row_versions is history: versions cannot be deleted');
END;
