DROP TRIGGER IF EXISTS audit_local_bodies_insert;
--> statement-breakpoint
CREATE TRIGGER audit_local_bodies_insert AFTER INSERT ON local_bodies WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'local_bodies', NEW.id,
    NEW.id, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'code', NEW."code", 'name', NEW."name", 'prefectureCode', NEW."prefecture_code", 'prefectureName', NEW."prefecture_name", 'kind', NEW."kind", 'population', NEW."population", 'isSample', NEW."is_sample", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_local_bodies_update;
--> statement-breakpoint
CREATE TRIGGER audit_local_bodies_update AFTER UPDATE ON local_bodies WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'local_bodies', NEW.id,
    NEW.id, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'name', OLD."name", 'prefectureCode', OLD."prefecture_code", 'prefectureName', OLD."prefecture_name", 'kind', OLD."kind", 'population', OLD."population", 'isSample', OLD."is_sample", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'code', NEW."code", 'name', NEW."name", 'prefectureCode', NEW."prefecture_code", 'prefectureName', NEW."prefecture_name", 'kind', NEW."kind", 'population', NEW."population", 'isSample', NEW."is_sample", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_local_bodies_delete;
--> statement-breakpoint
CREATE TRIGGER audit_local_bodies_delete AFTER DELETE ON local_bodies WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'local_bodies', OLD.id,
    COALESCE(OLD.id, json_extract(audit_context(), '$.bodyId')), NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'name', OLD."name", 'prefectureCode', OLD."prefecture_code", 'prefectureName', OLD."prefecture_name", 'kind', OLD."kind", 'population', OLD."population", 'isSample', OLD."is_sample", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_sections_insert;
--> statement-breakpoint
CREATE TRIGGER audit_sections_insert AFTER INSERT ON sections WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'sections', NEW.id,
    NEW.body_id, NULL, NEW.id,
    NULL,
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'name', NEW."name", 'retiredOn', NEW."retired_on", 'mergedIntoId', NEW."merged_into_id", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_sections_update;
--> statement-breakpoint
CREATE TRIGGER audit_sections_update AFTER UPDATE ON sections WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'sections', NEW.id,
    NEW.body_id, NULL, NEW.id,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'name', OLD."name", 'retiredOn', OLD."retired_on", 'mergedIntoId', OLD."merged_into_id", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'name', NEW."name", 'retiredOn', NEW."retired_on", 'mergedIntoId', NEW."merged_into_id", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_sections_delete;
--> statement-breakpoint
CREATE TRIGGER audit_sections_delete AFTER DELETE ON sections WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'sections', OLD.id,
    COALESCE(OLD.body_id, json_extract(audit_context(), '$.bodyId')), NULL, COALESCE(OLD.id, json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'name', OLD."name", 'retiredOn', OLD."retired_on", 'mergedIntoId', OLD."merged_into_id", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_plans_insert;
--> statement-breakpoint
CREATE TRIGGER audit_plans_insert AFTER INSERT ON plans WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'plans', NEW.id,
    NEW.body_id, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'title', NEW."title", 'startFiscalYear', NEW."start_fiscal_year", 'endFiscalYear', NEW."end_fiscal_year", 'adoptedOn', NEW."adopted_on", 'sourceText', NEW."source_text", 'endedOn', NEW."ended_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_plans_update;
--> statement-breakpoint
CREATE TRIGGER audit_plans_update AFTER UPDATE ON plans WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'plans', NEW.id,
    NEW.body_id, NULL, NULL,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'title', OLD."title", 'startFiscalYear', OLD."start_fiscal_year", 'endFiscalYear', OLD."end_fiscal_year", 'adoptedOn', OLD."adopted_on", 'sourceText', OLD."source_text", 'endedOn', OLD."ended_on", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'title', NEW."title", 'startFiscalYear', NEW."start_fiscal_year", 'endFiscalYear', NEW."end_fiscal_year", 'adoptedOn', NEW."adopted_on", 'sourceText', NEW."source_text", 'endedOn', NEW."ended_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_plans_delete;
--> statement-breakpoint
CREATE TRIGGER audit_plans_delete AFTER DELETE ON plans WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'plans', OLD.id,
    COALESCE(OLD.body_id, json_extract(audit_context(), '$.bodyId')), NULL, NULL,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'title', OLD."title", 'startFiscalYear', OLD."start_fiscal_year", 'endFiscalYear', OLD."end_fiscal_year", 'adoptedOn', OLD."adopted_on", 'sourceText', OLD."source_text", 'endedOn', OLD."ended_on", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_plan_items_insert;
--> statement-breakpoint
CREATE TRIGGER audit_plan_items_insert AFTER INSERT ON plan_items WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'plan_items', NEW.id,
    (SELECT body_id FROM plans WHERE id = NEW.plan_id), NEW.id, NEW.section_id,
    NULL,
    json_object('id', NEW."id", 'planId', NEW."plan_id", 'categoryId', NEW."category_id", 'sectionId', NEW."section_id", 'parentId', NEW."parent_id", 'nationalDeadlineId', NEW."national_deadline_id", 'title', NEW."title", 'targetFiscalYear', NEW."target_fiscal_year", 'notes', NEW."notes", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_plan_items_update;
--> statement-breakpoint
CREATE TRIGGER audit_plan_items_update AFTER UPDATE ON plan_items WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'plan_items', NEW.id,
    (SELECT body_id FROM plans WHERE id = NEW.plan_id), NEW.id, NEW.section_id,
    json_object('id', OLD."id", 'planId', OLD."plan_id", 'categoryId', OLD."category_id", 'sectionId', OLD."section_id", 'parentId', OLD."parent_id", 'nationalDeadlineId', OLD."national_deadline_id", 'title', OLD."title", 'targetFiscalYear', OLD."target_fiscal_year", 'notes', OLD."notes", 'sortOrder', OLD."sort_order", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'planId', NEW."plan_id", 'categoryId', NEW."category_id", 'sectionId', NEW."section_id", 'parentId', NEW."parent_id", 'nationalDeadlineId', NEW."national_deadline_id", 'title', NEW."title", 'targetFiscalYear', NEW."target_fiscal_year", 'notes', NEW."notes", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_plan_items_delete;
--> statement-breakpoint
CREATE TRIGGER audit_plan_items_delete AFTER DELETE ON plan_items WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'plan_items', OLD.id,
    COALESCE((SELECT body_id FROM plans WHERE id = OLD.plan_id), json_extract(audit_context(), '$.bodyId')), COALESCE(OLD.id, json_extract(audit_context(), '$.itemId')), COALESCE(OLD.section_id, json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'planId', OLD."plan_id", 'categoryId', OLD."category_id", 'sectionId', OLD."section_id", 'parentId', OLD."parent_id", 'nationalDeadlineId', OLD."national_deadline_id", 'title', OLD."title", 'targetFiscalYear', OLD."target_fiscal_year", 'notes', OLD."notes", 'sortOrder', OLD."sort_order", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_milestones_insert;
--> statement-breakpoint
CREATE TRIGGER audit_milestones_insert AFTER INSERT ON milestones WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'milestones', NEW.id,
    (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    NULL,
    json_object('id', NEW."id", 'itemId', NEW."item_id", 'title', NEW."title", 'plannedStartDate', NEW."planned_start_date", 'plannedDate', NEW."planned_date", 'actualStartDate', NEW."actual_start_date", 'actualDate', NEW."actual_date", 'status', NEW."status", 'nationalDeadlineId', NEW."national_deadline_id", 'note', NEW."note", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_milestones_update;
--> statement-breakpoint
CREATE TRIGGER audit_milestones_update AFTER UPDATE ON milestones WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'milestones', NEW.id,
    (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    json_object('id', OLD."id", 'itemId', OLD."item_id", 'title', OLD."title", 'plannedStartDate', OLD."planned_start_date", 'plannedDate', OLD."planned_date", 'actualStartDate', OLD."actual_start_date", 'actualDate', OLD."actual_date", 'status', OLD."status", 'nationalDeadlineId', OLD."national_deadline_id", 'note', OLD."note", 'sortOrder', OLD."sort_order", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'itemId', NEW."item_id", 'title', NEW."title", 'plannedStartDate', NEW."planned_start_date", 'plannedDate', NEW."planned_date", 'actualStartDate', NEW."actual_start_date", 'actualDate', NEW."actual_date", 'status', NEW."status", 'nationalDeadlineId', NEW."national_deadline_id", 'note', NEW."note", 'sortOrder', NEW."sort_order", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_milestones_delete;
--> statement-breakpoint
CREATE TRIGGER audit_milestones_delete AFTER DELETE ON milestones WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'milestones', OLD.id,
    COALESCE((SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id), json_extract(audit_context(), '$.bodyId')), COALESCE(OLD.item_id, json_extract(audit_context(), '$.itemId')), COALESCE((SELECT section_id FROM plan_items WHERE id = OLD.item_id), json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'itemId', OLD."item_id", 'title', OLD."title", 'plannedStartDate', OLD."planned_start_date", 'plannedDate', OLD."planned_date", 'actualStartDate', OLD."actual_start_date", 'actualDate', OLD."actual_date", 'status', OLD."status", 'nationalDeadlineId', OLD."national_deadline_id", 'note', OLD."note", 'sortOrder', OLD."sort_order", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_kpis_insert;
--> statement-breakpoint
CREATE TRIGGER audit_kpis_insert AFTER INSERT ON kpis WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'kpis', NEW.id,
    NEW.body_id, NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    NULL,
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'itemId', NEW."item_id", 'name', NEW."name", 'unit', NEW."unit", 'direction', NEW."direction", 'valueKind', NEW."value_kind", 'periodEntry', NEW."period_entry", 'baselineValue', NEW."baseline_value", 'baselineFiscalYear', NEW."baseline_fiscal_year", 'targetValue', NEW."target_value", 'targetFiscalYear', NEW."target_fiscal_year", 'benchmarkValue', NEW."benchmark_value", 'benchmarkLabel', NEW."benchmark_label", 'benchmarkCode', NEW."benchmark_code", 'allowedMin', NEW."allowed_min", 'allowedMax', NEW."allowed_max", 'notes', NEW."notes", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_kpis_update;
--> statement-breakpoint
CREATE TRIGGER audit_kpis_update AFTER UPDATE ON kpis WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'kpis', NEW.id,
    NEW.body_id, NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'itemId', OLD."item_id", 'name', OLD."name", 'unit', OLD."unit", 'direction', OLD."direction", 'valueKind', OLD."value_kind", 'periodEntry', OLD."period_entry", 'baselineValue', OLD."baseline_value", 'baselineFiscalYear', OLD."baseline_fiscal_year", 'targetValue', OLD."target_value", 'targetFiscalYear', OLD."target_fiscal_year", 'benchmarkValue', OLD."benchmark_value", 'benchmarkLabel', OLD."benchmark_label", 'benchmarkCode', OLD."benchmark_code", 'allowedMin', OLD."allowed_min", 'allowedMax', OLD."allowed_max", 'notes', OLD."notes", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'itemId', NEW."item_id", 'name', NEW."name", 'unit', NEW."unit", 'direction', NEW."direction", 'valueKind', NEW."value_kind", 'periodEntry', NEW."period_entry", 'baselineValue', NEW."baseline_value", 'baselineFiscalYear', NEW."baseline_fiscal_year", 'targetValue', NEW."target_value", 'targetFiscalYear', NEW."target_fiscal_year", 'benchmarkValue', NEW."benchmark_value", 'benchmarkLabel', NEW."benchmark_label", 'benchmarkCode', NEW."benchmark_code", 'allowedMin', NEW."allowed_min", 'allowedMax', NEW."allowed_max", 'notes', NEW."notes", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_kpis_delete;
--> statement-breakpoint
CREATE TRIGGER audit_kpis_delete AFTER DELETE ON kpis WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'kpis', OLD.id,
    COALESCE(OLD.body_id, json_extract(audit_context(), '$.bodyId')), COALESCE(OLD.item_id, json_extract(audit_context(), '$.itemId')), COALESCE((SELECT section_id FROM plan_items WHERE id = OLD.item_id), json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'itemId', OLD."item_id", 'name', OLD."name", 'unit', OLD."unit", 'direction', OLD."direction", 'valueKind', OLD."value_kind", 'periodEntry', OLD."period_entry", 'baselineValue', OLD."baseline_value", 'baselineFiscalYear', OLD."baseline_fiscal_year", 'targetValue', OLD."target_value", 'targetFiscalYear', OLD."target_fiscal_year", 'benchmarkValue', OLD."benchmark_value", 'benchmarkLabel', OLD."benchmark_label", 'benchmarkCode', OLD."benchmark_code", 'allowedMin', OLD."allowed_min", 'allowedMax', OLD."allowed_max", 'notes', OLD."notes", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_kpi_values_insert;
--> statement-breakpoint
CREATE TRIGGER audit_kpi_values_insert AFTER INSERT ON kpi_values WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'kpi_values', NEW.id,
    (SELECT body_id FROM kpis WHERE id = NEW.kpi_id), (SELECT item_id FROM kpis WHERE id = NEW.kpi_id), (SELECT i.section_id FROM kpis k JOIN plan_items i ON i.id = k.item_id WHERE k.id = NEW.kpi_id),
    NULL,
    json_object('id', NEW."id", 'kpiId', NEW."kpi_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'value', NEW."value", 'note', NEW."note", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_kpi_values_update;
--> statement-breakpoint
CREATE TRIGGER audit_kpi_values_update AFTER UPDATE ON kpi_values WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'kpi_values', NEW.id,
    (SELECT body_id FROM kpis WHERE id = NEW.kpi_id), (SELECT item_id FROM kpis WHERE id = NEW.kpi_id), (SELECT i.section_id FROM kpis k JOIN plan_items i ON i.id = k.item_id WHERE k.id = NEW.kpi_id),
    json_object('id', OLD."id", 'kpiId', OLD."kpi_id", 'fiscalYear', OLD."fiscal_year", 'quarter', OLD."quarter", 'value', OLD."value", 'note', OLD."note", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'kpiId', NEW."kpi_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'value', NEW."value", 'note', NEW."note", 'isSample', NEW."is_sample", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_kpi_values_delete;
--> statement-breakpoint
CREATE TRIGGER audit_kpi_values_delete AFTER DELETE ON kpi_values WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'kpi_values', OLD.id,
    COALESCE((SELECT body_id FROM kpis WHERE id = OLD.kpi_id), json_extract(audit_context(), '$.bodyId')), COALESCE((SELECT item_id FROM kpis WHERE id = OLD.kpi_id), json_extract(audit_context(), '$.itemId')), COALESCE((SELECT i.section_id FROM kpis k JOIN plan_items i ON i.id = k.item_id WHERE k.id = OLD.kpi_id), json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'kpiId', OLD."kpi_id", 'fiscalYear', OLD."fiscal_year", 'quarter', OLD."quarter", 'value', OLD."value", 'note', OLD."note", 'isSample', OLD."is_sample", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_item_reviews_insert;
--> statement-breakpoint
CREATE TRIGGER audit_item_reviews_insert AFTER INSERT ON item_reviews WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'review', 'item_reviews', NEW.id,
    (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    NULL,
    json_object('id', NEW."id", 'itemId', NEW."item_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'userId', NEW."user_id", 'note', NEW."note", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_item_reviews_update;
--> statement-breakpoint
CREATE TRIGGER audit_item_reviews_update AFTER UPDATE ON item_reviews WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'item_reviews', NEW.id,
    (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    json_object('id', OLD."id", 'itemId', OLD."item_id", 'fiscalYear', OLD."fiscal_year", 'quarter', OLD."quarter", 'userId', OLD."user_id", 'note', OLD."note", 'createdAt', OLD."created_at"),
    json_object('id', NEW."id", 'itemId', NEW."item_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'userId', NEW."user_id", 'note', NEW."note", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_item_reviews_delete;
--> statement-breakpoint
CREATE TRIGGER audit_item_reviews_delete AFTER DELETE ON item_reviews WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'item_reviews', OLD.id,
    COALESCE((SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id), json_extract(audit_context(), '$.bodyId')), COALESCE(OLD.item_id, json_extract(audit_context(), '$.itemId')), COALESCE((SELECT section_id FROM plan_items WHERE id = OLD.item_id), json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'itemId', OLD."item_id", 'fiscalYear', OLD."fiscal_year", 'quarter', OLD."quarter", 'userId', OLD."user_id", 'note', OLD."note", 'createdAt', OLD."created_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_categories_insert;
--> statement-breakpoint
CREATE TRIGGER audit_categories_insert AFTER INSERT ON categories WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'categories', NEW.id,
    NULL, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'code', NEW."code", 'name', NEW."name", 'description', NEW."description", 'isCore', NEW."is_core", 'sortOrder', NEW."sort_order")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_categories_update;
--> statement-breakpoint
CREATE TRIGGER audit_categories_update AFTER UPDATE ON categories WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'categories', NEW.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'name', OLD."name", 'description', OLD."description", 'isCore', OLD."is_core", 'sortOrder', OLD."sort_order"),
    json_object('id', NEW."id", 'code', NEW."code", 'name', NEW."name", 'description', NEW."description", 'isCore', NEW."is_core", 'sortOrder', NEW."sort_order")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_categories_delete;
--> statement-breakpoint
CREATE TRIGGER audit_categories_delete AFTER DELETE ON categories WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'categories', OLD.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'name', OLD."name", 'description', OLD."description", 'isCore', OLD."is_core", 'sortOrder', OLD."sort_order"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_national_deadlines_insert;
--> statement-breakpoint
CREATE TRIGGER audit_national_deadlines_insert AFTER INSERT ON national_deadlines WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'national_deadlines', NEW.id,
    NULL, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'code', NEW."code", 'title', NEW."title", 'dueDate', NEW."due_date", 'categoryId', NEW."category_id", 'sourceText', NEW."source_text", 'needsVerification', NEW."needs_verification", 'datePrecision', NEW."date_precision", 'sources', NEW."sources", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_national_deadlines_update;
--> statement-breakpoint
CREATE TRIGGER audit_national_deadlines_update AFTER UPDATE ON national_deadlines WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'national_deadlines', NEW.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'title', OLD."title", 'dueDate', OLD."due_date", 'categoryId', OLD."category_id", 'sourceText', OLD."source_text", 'needsVerification', OLD."needs_verification", 'datePrecision', OLD."date_precision", 'sources', OLD."sources", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'code', NEW."code", 'title', NEW."title", 'dueDate', NEW."due_date", 'categoryId', NEW."category_id", 'sourceText', NEW."source_text", 'needsVerification', NEW."needs_verification", 'datePrecision', NEW."date_precision", 'sources', NEW."sources", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_national_deadlines_delete;
--> statement-breakpoint
CREATE TRIGGER audit_national_deadlines_delete AFTER DELETE ON national_deadlines WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'national_deadlines', OLD.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'title', OLD."title", 'dueDate', OLD."due_date", 'categoryId', OLD."category_id", 'sourceText', OLD."source_text", 'needsVerification', OLD."needs_verification", 'datePrecision', OLD."date_precision", 'sources', OLD."sources", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_deadline_extensions_insert;
--> statement-breakpoint
CREATE TRIGGER audit_deadline_extensions_insert AFTER INSERT ON deadline_extensions WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'deadline_extensions', NEW.id,
    COALESCE(NEW.body_id, (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id)), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    NULL,
    json_object('id', NEW."id", 'deadlineId', NEW."deadline_id", 'bodyId', NEW."body_id", 'itemId', NEW."item_id", 'areaId', NEW."area_id", 'extendedDueDate', NEW."extended_due_date", 'reason', NEW."reason", 'sourceText', NEW."source_text", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_deadline_extensions_update;
--> statement-breakpoint
CREATE TRIGGER audit_deadline_extensions_update AFTER UPDATE ON deadline_extensions WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'deadline_extensions', NEW.id,
    COALESCE(NEW.body_id, (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id)), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    json_object('id', OLD."id", 'deadlineId', OLD."deadline_id", 'bodyId', OLD."body_id", 'itemId', OLD."item_id", 'areaId', OLD."area_id", 'extendedDueDate', OLD."extended_due_date", 'reason', OLD."reason", 'sourceText', OLD."source_text", 'createdAt', OLD."created_at"),
    json_object('id', NEW."id", 'deadlineId', NEW."deadline_id", 'bodyId', NEW."body_id", 'itemId', NEW."item_id", 'areaId', NEW."area_id", 'extendedDueDate', NEW."extended_due_date", 'reason', NEW."reason", 'sourceText', NEW."source_text", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_deadline_extensions_delete;
--> statement-breakpoint
CREATE TRIGGER audit_deadline_extensions_delete AFTER DELETE ON deadline_extensions WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'deadline_extensions', OLD.id,
    COALESCE(COALESCE(OLD.body_id, (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), json_extract(audit_context(), '$.bodyId')), COALESCE(OLD.item_id, json_extract(audit_context(), '$.itemId')), COALESCE((SELECT section_id FROM plan_items WHERE id = OLD.item_id), json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'deadlineId', OLD."deadline_id", 'bodyId', OLD."body_id", 'itemId', OLD."item_id", 'areaId', OLD."area_id", 'extendedDueDate', OLD."extended_due_date", 'reason', OLD."reason", 'sourceText', OLD."source_text", 'createdAt', OLD."created_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_national_figures_insert;
--> statement-breakpoint
CREATE TRIGGER audit_national_figures_insert AFTER INSERT ON national_figures WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'national_figures', NEW.id,
    NULL, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'code', NEW."code", 'kind', NEW."kind", 'title', NEW."title", 'definition', NEW."definition", 'value', NEW."value", 'unit', NEW."unit", 'asOf', NEW."as_of", 'fiscalYear', NEW."fiscal_year", 'needsVerification', NEW."needs_verification", 'sources', NEW."sources", 'note', NEW."note", 'sortOrder', NEW."sort_order")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_national_figures_update;
--> statement-breakpoint
CREATE TRIGGER audit_national_figures_update AFTER UPDATE ON national_figures WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'national_figures', NEW.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'kind', OLD."kind", 'title', OLD."title", 'definition', OLD."definition", 'value', OLD."value", 'unit', OLD."unit", 'asOf', OLD."as_of", 'fiscalYear', OLD."fiscal_year", 'needsVerification', OLD."needs_verification", 'sources', OLD."sources", 'note', OLD."note", 'sortOrder', OLD."sort_order"),
    json_object('id', NEW."id", 'code', NEW."code", 'kind', NEW."kind", 'title', NEW."title", 'definition', NEW."definition", 'value', NEW."value", 'unit', NEW."unit", 'asOf', NEW."as_of", 'fiscalYear', NEW."fiscal_year", 'needsVerification', NEW."needs_verification", 'sources', NEW."sources", 'note', NEW."note", 'sortOrder', NEW."sort_order")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_national_figures_delete;
--> statement-breakpoint
CREATE TRIGGER audit_national_figures_delete AFTER DELETE ON national_figures WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'national_figures', OLD.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'kind', OLD."kind", 'title', OLD."title", 'definition', OLD."definition", 'value', OLD."value", 'unit', OLD."unit", 'asOf', OLD."as_of", 'fiscalYear', OLD."fiscal_year", 'needsVerification', OLD."needs_verification", 'sources', OLD."sources", 'note', OLD."note", 'sortOrder', OLD."sort_order"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_reference_packs_insert;
--> statement-breakpoint
CREATE TRIGGER audit_reference_packs_insert AFTER INSERT ON reference_packs WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'reference_packs', NEW.id,
    NULL, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'version', NEW."version", 'title', NEW."title", 'publishedOn', NEW."published_on", 'status', NEW."status", 'previousId', NEW."previous_id", 'userId', NEW."user_id", 'userName', NEW."user_name", 'summary', NEW."summary", 'loadedAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_reference_packs_update;
--> statement-breakpoint
CREATE TRIGGER audit_reference_packs_update AFTER UPDATE ON reference_packs WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'reference_packs', NEW.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'version', OLD."version", 'title', OLD."title", 'publishedOn', OLD."published_on", 'status', OLD."status", 'previousId', OLD."previous_id", 'userId', OLD."user_id", 'userName', OLD."user_name", 'summary', OLD."summary", 'loadedAt', OLD."created_at"),
    json_object('id', NEW."id", 'version', NEW."version", 'title', NEW."title", 'publishedOn', NEW."published_on", 'status', NEW."status", 'previousId', NEW."previous_id", 'userId', NEW."user_id", 'userName', NEW."user_name", 'summary', NEW."summary", 'loadedAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_reference_packs_delete;
--> statement-breakpoint
CREATE TRIGGER audit_reference_packs_delete AFTER DELETE ON reference_packs WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'reference_packs', OLD.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'version', OLD."version", 'title', OLD."title", 'publishedOn', OLD."published_on", 'status', OLD."status", 'previousId', OLD."previous_id", 'userId', OLD."user_id", 'userName', OLD."user_name", 'summary', OLD."summary", 'loadedAt', OLD."created_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_business_areas_insert;
--> statement-breakpoint
CREATE TRIGGER audit_business_areas_insert AFTER INSERT ON business_areas WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'business_areas', NEW.id,
    NULL, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'code', NEW."code", 'name', NEW."name", 'sortOrder', NEW."sort_order")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_business_areas_update;
--> statement-breakpoint
CREATE TRIGGER audit_business_areas_update AFTER UPDATE ON business_areas WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'business_areas', NEW.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'name', OLD."name", 'sortOrder', OLD."sort_order"),
    json_object('id', NEW."id", 'code', NEW."code", 'name', NEW."name", 'sortOrder', NEW."sort_order")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_business_areas_delete;
--> statement-breakpoint
CREATE TRIGGER audit_business_areas_delete AFTER DELETE ON business_areas WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'business_areas', OLD.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'name', OLD."name", 'sortOrder', OLD."sort_order"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_standardization_steps_insert;
--> statement-breakpoint
CREATE TRIGGER audit_standardization_steps_insert AFTER INSERT ON standardization_steps WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'standardization_steps', NEW.id,
    NULL, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'code', NEW."code", 'phase', NEW."phase", 'name', NEW."name", 'sortOrder', NEW."sort_order")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_standardization_steps_update;
--> statement-breakpoint
CREATE TRIGGER audit_standardization_steps_update AFTER UPDATE ON standardization_steps WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'standardization_steps', NEW.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'phase', OLD."phase", 'name', OLD."name", 'sortOrder', OLD."sort_order"),
    json_object('id', NEW."id", 'code', NEW."code", 'phase', NEW."phase", 'name', NEW."name", 'sortOrder', NEW."sort_order")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_standardization_steps_delete;
--> statement-breakpoint
CREATE TRIGGER audit_standardization_steps_delete AFTER DELETE ON standardization_steps WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'standardization_steps', OLD.id,
    NULL, NULL, NULL,
    json_object('id', OLD."id", 'code', OLD."code", 'phase', OLD."phase", 'name', OLD."name", 'sortOrder', OLD."sort_order"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_body_business_areas_insert;
--> statement-breakpoint
CREATE TRIGGER audit_body_business_areas_insert AFTER INSERT ON body_business_areas WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'body_business_areas', NEW.id,
    NEW.body_id, NEW.item_id, NEW.section_id,
    NULL,
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'areaId', NEW."area_id", 'sectionId', NEW."section_id", 'itemId', NEW."item_id", 'migrationSupport', NEW."migration_support", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_body_business_areas_update;
--> statement-breakpoint
CREATE TRIGGER audit_body_business_areas_update AFTER UPDATE ON body_business_areas WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'body_business_areas', NEW.id,
    NEW.body_id, NEW.item_id, NEW.section_id,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'areaId', OLD."area_id", 'sectionId', OLD."section_id", 'itemId', OLD."item_id", 'migrationSupport', OLD."migration_support", 'createdAt', OLD."created_at"),
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'areaId', NEW."area_id", 'sectionId', NEW."section_id", 'itemId', NEW."item_id", 'migrationSupport', NEW."migration_support", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_body_business_areas_delete;
--> statement-breakpoint
CREATE TRIGGER audit_body_business_areas_delete AFTER DELETE ON body_business_areas WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'body_business_areas', OLD.id,
    COALESCE(OLD.body_id, json_extract(audit_context(), '$.bodyId')), COALESCE(OLD.item_id, json_extract(audit_context(), '$.itemId')), COALESCE(OLD.section_id, json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'areaId', OLD."area_id", 'sectionId', OLD."section_id", 'itemId', OLD."item_id", 'migrationSupport', OLD."migration_support", 'createdAt', OLD."created_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_body_area_steps_update;
--> statement-breakpoint
CREATE TRIGGER audit_body_area_steps_update AFTER UPDATE ON body_area_steps WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'body_area_steps', NEW.step_id,
    (SELECT body_id FROM body_business_areas WHERE id = NEW.body_area_id), (SELECT item_id FROM body_business_areas WHERE id = NEW.body_area_id), (SELECT section_id FROM body_business_areas WHERE id = NEW.body_area_id),
    json_object('bodyAreaId', OLD."body_area_id", 'stepId', OLD."step_id", 'status', OLD."status", 'version', OLD."version", 'updatedAt', OLD."updated_at"),
    json_object('bodyAreaId', NEW."body_area_id", 'stepId', NEW."step_id", 'status', NEW."status", 'version', NEW."version", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_quarter_snapshots_insert;
--> statement-breakpoint
CREATE TRIGGER audit_quarter_snapshots_insert AFTER INSERT ON quarter_snapshots WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'quarter_snapshots', NEW.id,
    NEW.body_id, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'asOf', NEW."as_of", 'status', NEW."status", 'closedBy', NEW."closed_by", 'closedByName', NEW."closed_by_name", 'closedAt', NEW."closed_at", 'reopenedBy', NEW."reopened_by", 'reopenedByName', NEW."reopened_by_name", 'reopenedAt', NEW."reopened_at", 'reopenReason', NEW."reopen_reason", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_quarter_snapshots_update;
--> statement-breakpoint
CREATE TRIGGER audit_quarter_snapshots_update AFTER UPDATE ON quarter_snapshots WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'quarter_snapshots', NEW.id,
    NEW.body_id, NULL, NULL,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'fiscalYear', OLD."fiscal_year", 'quarter', OLD."quarter", 'asOf', OLD."as_of", 'status', OLD."status", 'closedBy', OLD."closed_by", 'closedByName', OLD."closed_by_name", 'closedAt', OLD."closed_at", 'reopenedBy', OLD."reopened_by", 'reopenedByName', OLD."reopened_by_name", 'reopenedAt', OLD."reopened_at", 'reopenReason', OLD."reopen_reason", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'asOf', NEW."as_of", 'status', NEW."status", 'closedBy', NEW."closed_by", 'closedByName', NEW."closed_by_name", 'closedAt', NEW."closed_at", 'reopenedBy', NEW."reopened_by", 'reopenedByName', NEW."reopened_by_name", 'reopenedAt', NEW."reopened_at", 'reopenReason', NEW."reopen_reason", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_quarter_snapshots_delete;
--> statement-breakpoint
CREATE TRIGGER audit_quarter_snapshots_delete AFTER DELETE ON quarter_snapshots WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'quarter_snapshots', OLD.id,
    COALESCE(OLD.body_id, json_extract(audit_context(), '$.bodyId')), NULL, NULL,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'fiscalYear', OLD."fiscal_year", 'quarter', OLD."quarter", 'asOf', OLD."as_of", 'status', OLD."status", 'closedBy', OLD."closed_by", 'closedByName', OLD."closed_by_name", 'closedAt', OLD."closed_at", 'reopenedBy', OLD."reopened_by", 'reopenedByName', OLD."reopened_by_name", 'reopenedAt', OLD."reopened_at", 'reopenReason', OLD."reopen_reason", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_imports_insert;
--> statement-breakpoint
CREATE TRIGGER audit_imports_insert AFTER INSERT ON imports WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'imports', NEW.id,
    NEW.body_id, NULL, NEW.section_id,
    NULL,
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'sectionId', NEW."section_id", 'userId', NEW."user_id", 'userName', NEW."user_name", 'fileName', NEW."file_name", 'format', NEW."format", 'encoding', NEW."encoding", 'status', NEW."status", 'rowCount', NEW."row_count", 'appliedCreate', NEW."applied_create", 'appliedUpdate', NEW."applied_update", 'appliedAt', NEW."applied_at", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_imports_update;
--> statement-breakpoint
CREATE TRIGGER audit_imports_update AFTER UPDATE ON imports WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'imports', NEW.id,
    NEW.body_id, NULL, NEW.section_id,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'sectionId', OLD."section_id", 'userId', OLD."user_id", 'userName', OLD."user_name", 'fileName', OLD."file_name", 'format', OLD."format", 'encoding', OLD."encoding", 'status', OLD."status", 'rowCount', OLD."row_count", 'appliedCreate', OLD."applied_create", 'appliedUpdate', OLD."applied_update", 'appliedAt', OLD."applied_at", 'createdAt', OLD."created_at"),
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'sectionId', NEW."section_id", 'userId', NEW."user_id", 'userName', NEW."user_name", 'fileName', NEW."file_name", 'format', NEW."format", 'encoding', NEW."encoding", 'status', NEW."status", 'rowCount', NEW."row_count", 'appliedCreate', NEW."applied_create", 'appliedUpdate', NEW."applied_update", 'appliedAt', NEW."applied_at", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_imports_delete;
--> statement-breakpoint
CREATE TRIGGER audit_imports_delete AFTER DELETE ON imports WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'imports', OLD.id,
    COALESCE(OLD.body_id, json_extract(audit_context(), '$.bodyId')), NULL, COALESCE(OLD.section_id, json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'sectionId', OLD."section_id", 'userId', OLD."user_id", 'userName', OLD."user_name", 'fileName', OLD."file_name", 'format', OLD."format", 'encoding', OLD."encoding", 'status', OLD."status", 'rowCount', OLD."row_count", 'appliedCreate', OLD."applied_create", 'appliedUpdate', OLD."applied_update", 'appliedAt', OLD."applied_at", 'createdAt', OLD."created_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_baselines_insert;
--> statement-breakpoint
CREATE TRIGGER audit_baselines_insert AFTER INSERT ON baselines WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'baselines', NEW.id,
    (SELECT body_id FROM plans WHERE id = NEW.plan_id), NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'planId', NEW."plan_id", 'kind', NEW."kind", 'setOn', NEW."set_on", 'reason', NEW."reason", 'approvedBy', NEW."approved_by", 'userId', NEW."user_id", 'username', NEW."username", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_baselines_update;
--> statement-breakpoint
CREATE TRIGGER audit_baselines_update AFTER UPDATE ON baselines WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'baselines', NEW.id,
    (SELECT body_id FROM plans WHERE id = NEW.plan_id), NULL, NULL,
    json_object('id', OLD."id", 'planId', OLD."plan_id", 'kind', OLD."kind", 'setOn', OLD."set_on", 'reason', OLD."reason", 'approvedBy', OLD."approved_by", 'userId', OLD."user_id", 'username', OLD."username", 'createdAt', OLD."created_at"),
    json_object('id', NEW."id", 'planId', NEW."plan_id", 'kind', NEW."kind", 'setOn', NEW."set_on", 'reason', NEW."reason", 'approvedBy', NEW."approved_by", 'userId', NEW."user_id", 'username', NEW."username", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_baselines_delete;
--> statement-breakpoint
CREATE TRIGGER audit_baselines_delete AFTER DELETE ON baselines WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'baselines', OLD.id,
    COALESCE((SELECT body_id FROM plans WHERE id = OLD.plan_id), json_extract(audit_context(), '$.bodyId')), NULL, NULL,
    json_object('id', OLD."id", 'planId', OLD."plan_id", 'kind', OLD."kind", 'setOn', OLD."set_on", 'reason', OLD."reason", 'approvedBy', OLD."approved_by", 'userId', OLD."user_id", 'username', OLD."username", 'createdAt', OLD."created_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_users_insert;
--> statement-breakpoint
CREATE TRIGGER audit_users_insert AFTER INSERT ON users WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'users', NEW.id,
    NEW.body_id, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'username', NEW."username", 'displayName', NEW."display_name", 'passwordChanged', json(CASE WHEN 0 THEN 'true' ELSE 'false' END), 'role', NEW."role", 'bodyId', NEW."body_id", 'prefectureCode', NEW."prefecture_code", 'disabled', NEW."disabled", 'mustChangePassword', NEW."must_change_password", 'email', NEW."email", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_users_update;
--> statement-breakpoint
CREATE TRIGGER audit_users_update AFTER UPDATE ON users WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'users', NEW.id,
    NEW.body_id, NULL, NULL,
    json_object('id', OLD."id", 'username', OLD."username", 'displayName', OLD."display_name", 'passwordChanged', json(CASE WHEN 0 THEN 'true' ELSE 'false' END), 'role', OLD."role", 'bodyId', OLD."body_id", 'prefectureCode', OLD."prefecture_code", 'disabled', OLD."disabled", 'mustChangePassword', OLD."must_change_password", 'email', OLD."email", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'username', NEW."username", 'displayName', NEW."display_name", 'passwordChanged', json(CASE WHEN OLD."password_hash" IS NOT NEW."password_hash" THEN 'true' ELSE 'false' END), 'role', NEW."role", 'bodyId', NEW."body_id", 'prefectureCode', NEW."prefecture_code", 'disabled', NEW."disabled", 'mustChangePassword', NEW."must_change_password", 'email', NEW."email", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_users_delete;
--> statement-breakpoint
CREATE TRIGGER audit_users_delete AFTER DELETE ON users WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'users', OLD.id,
    COALESCE(OLD.body_id, json_extract(audit_context(), '$.bodyId')), NULL, NULL,
    json_object('id', OLD."id", 'username', OLD."username", 'displayName', OLD."display_name", 'passwordChanged', json(CASE WHEN 0 THEN 'true' ELSE 'false' END), 'role', OLD."role", 'bodyId', OLD."body_id", 'prefectureCode', OLD."prefecture_code", 'disabled', OLD."disabled", 'mustChangePassword', OLD."must_change_password", 'email', OLD."email", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_user_sections_insert;
--> statement-breakpoint
CREATE TRIGGER audit_user_sections_insert AFTER INSERT ON user_sections WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'user_sections', NEW.user_id,
    (SELECT body_id FROM sections WHERE id = NEW.section_id), NULL, NULL,
    NULL,
    json_object('userId', NEW."user_id", 'sectionId', NEW."section_id")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_user_sections_delete;
--> statement-breakpoint
CREATE TRIGGER audit_user_sections_delete AFTER DELETE ON user_sections WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'user_sections', OLD.user_id,
    COALESCE((SELECT body_id FROM sections WHERE id = OLD.section_id), json_extract(audit_context(), '$.bodyId')), NULL, NULL,
    json_object('userId', OLD."user_id", 'sectionId', OLD."section_id"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_reporting_windows_insert;
--> statement-breakpoint
CREATE TRIGGER audit_reporting_windows_insert AFTER INSERT ON reporting_windows WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'reporting_windows', NEW.id,
    NEW.body_id, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'dueDate', NEW."due_date", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_reporting_windows_update;
--> statement-breakpoint
CREATE TRIGGER audit_reporting_windows_update AFTER UPDATE ON reporting_windows WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'reporting_windows', NEW.id,
    NEW.body_id, NULL, NULL,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'fiscalYear', OLD."fiscal_year", 'quarter', OLD."quarter", 'dueDate', OLD."due_date", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'fiscalYear', NEW."fiscal_year", 'quarter', NEW."quarter", 'dueDate', NEW."due_date", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_reporting_windows_delete;
--> statement-breakpoint
CREATE TRIGGER audit_reporting_windows_delete AFTER DELETE ON reporting_windows WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'reporting_windows', OLD.id,
    COALESCE(OLD.body_id, json_extract(audit_context(), '$.bodyId')), NULL, NULL,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'fiscalYear', OLD."fiscal_year", 'quarter', OLD."quarter", 'dueDate', OLD."due_date", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_section_names_insert;
--> statement-breakpoint
CREATE TRIGGER audit_section_names_insert AFTER INSERT ON section_names WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'section_names', NEW.id,
    (SELECT body_id FROM sections WHERE id = NEW.section_id), NULL, NEW.section_id,
    NULL,
    json_object('id', NEW."id", 'sectionId', NEW."section_id", 'name', NEW."name", 'validUntil', NEW."valid_until", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_section_names_update;
--> statement-breakpoint
CREATE TRIGGER audit_section_names_update AFTER UPDATE ON section_names WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'section_names', NEW.id,
    (SELECT body_id FROM sections WHERE id = NEW.section_id), NULL, NEW.section_id,
    json_object('id', OLD."id", 'sectionId', OLD."section_id", 'name', OLD."name", 'validUntil', OLD."valid_until", 'createdAt', OLD."created_at"),
    json_object('id', NEW."id", 'sectionId', NEW."section_id", 'name', NEW."name", 'validUntil', NEW."valid_until", 'createdAt', NEW."created_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_section_names_delete;
--> statement-breakpoint
CREATE TRIGGER audit_section_names_delete AFTER DELETE ON section_names WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'section_names', OLD.id,
    COALESCE((SELECT body_id FROM sections WHERE id = OLD.section_id), json_extract(audit_context(), '$.bodyId')), NULL, COALESCE(OLD.section_id, json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'sectionId', OLD."section_id", 'name', OLD."name", 'validUntil', OLD."valid_until", 'createdAt', OLD."created_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_snapshot_decisions_insert;
--> statement-breakpoint
CREATE TRIGGER audit_snapshot_decisions_insert AFTER INSERT ON snapshot_decisions WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'snapshot_decisions', NEW.id,
    (SELECT body_id FROM quarter_snapshots WHERE id = NEW.snapshot_id), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    NULL,
    json_object('id', NEW."id", 'snapshotId', NEW."snapshot_id", 'itemId', NEW."item_id", 'decision', NEW."decision", 'userId', NEW."user_id", 'username', NEW."username", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_snapshot_decisions_update;
--> statement-breakpoint
CREATE TRIGGER audit_snapshot_decisions_update AFTER UPDATE ON snapshot_decisions WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'snapshot_decisions', NEW.id,
    (SELECT body_id FROM quarter_snapshots WHERE id = NEW.snapshot_id), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    json_object('id', OLD."id", 'snapshotId', OLD."snapshot_id", 'itemId', OLD."item_id", 'decision', OLD."decision", 'userId', OLD."user_id", 'username', OLD."username", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'snapshotId', NEW."snapshot_id", 'itemId', NEW."item_id", 'decision', NEW."decision", 'userId', NEW."user_id", 'username', NEW."username", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_snapshot_decisions_delete;
--> statement-breakpoint
CREATE TRIGGER audit_snapshot_decisions_delete AFTER DELETE ON snapshot_decisions WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'snapshot_decisions', OLD.id,
    COALESCE((SELECT body_id FROM quarter_snapshots WHERE id = OLD.snapshot_id), json_extract(audit_context(), '$.bodyId')), COALESCE(OLD.item_id, json_extract(audit_context(), '$.itemId')), COALESCE((SELECT section_id FROM plan_items WHERE id = OLD.item_id), json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'snapshotId', OLD."snapshot_id", 'itemId', OLD."item_id", 'decision', OLD."decision", 'userId', OLD."user_id", 'username', OLD."username", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_public_settings_insert;
--> statement-breakpoint
CREATE TRIGGER audit_public_settings_insert AFTER INSERT ON public_settings WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'public_settings', NEW.id,
    NEW.body_id, NULL, NULL,
    NULL,
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'defaultPublished', NEW."default_published", 'licence', NEW."licence", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_public_settings_update;
--> statement-breakpoint
CREATE TRIGGER audit_public_settings_update AFTER UPDATE ON public_settings WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'public_settings', NEW.id,
    NEW.body_id, NULL, NULL,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'defaultPublished', OLD."default_published", 'licence', OLD."licence", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'bodyId', NEW."body_id", 'defaultPublished', NEW."default_published", 'licence', NEW."licence", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_public_settings_delete;
--> statement-breakpoint
CREATE TRIGGER audit_public_settings_delete AFTER DELETE ON public_settings WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'public_settings', OLD.id,
    COALESCE(OLD.body_id, json_extract(audit_context(), '$.bodyId')), NULL, NULL,
    json_object('id', OLD."id", 'bodyId', OLD."body_id", 'defaultPublished', OLD."default_published", 'licence', OLD."licence", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_item_publications_insert;
--> statement-breakpoint
CREATE TRIGGER audit_item_publications_insert AFTER INSERT ON item_publications WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'create', 'item_publications', NEW.id,
    (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    NULL,
    json_object('id', NEW."id", 'itemId', NEW."item_id", 'published', NEW."published", 'publicText', NEW."public_text", 'hiddenMilestoneIds', NEW."hidden_milestone_ids", 'hiddenKpiIds', NEW."hidden_kpi_ids", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_item_publications_update;
--> statement-breakpoint
CREATE TRIGGER audit_item_publications_update AFTER UPDATE ON item_publications WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'update', 'item_publications', NEW.id,
    (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), NEW.item_id, (SELECT section_id FROM plan_items WHERE id = NEW.item_id),
    json_object('id', OLD."id", 'itemId', OLD."item_id", 'published', OLD."published", 'publicText', OLD."public_text", 'hiddenMilestoneIds', OLD."hidden_milestone_ids", 'hiddenKpiIds', OLD."hidden_kpi_ids", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    json_object('id', NEW."id", 'itemId', NEW."item_id", 'published', NEW."published", 'publicText', NEW."public_text", 'hiddenMilestoneIds', NEW."hidden_milestone_ids", 'hiddenKpiIds', NEW."hidden_kpi_ids", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at")
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_item_publications_delete;
--> statement-breakpoint
CREATE TRIGGER audit_item_publications_delete AFTER DELETE ON item_publications WHEN audit_context() IS NOT NULL
BEGIN
  INSERT INTO audit_log (at, user_id, username, request_id, note, action, entity, entity_id, body_id, item_id, section_id, before, after)
  VALUES (
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), json_extract(audit_context(), '$.userId'), json_extract(audit_context(), '$.username'), json_extract(audit_context(), '$.requestId'), COALESCE(json_extract(audit_context(), '$.note'), ''),
    'delete', 'item_publications', OLD.id,
    COALESCE((SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id), json_extract(audit_context(), '$.bodyId')), COALESCE(OLD.item_id, json_extract(audit_context(), '$.itemId')), COALESCE((SELECT section_id FROM plan_items WHERE id = OLD.item_id), json_extract(audit_context(), '$.sectionId')),
    json_object('id', OLD."id", 'itemId', OLD."item_id", 'published', OLD."published", 'publicText', OLD."public_text", 'hiddenMilestoneIds', OLD."hidden_milestone_ids", 'hiddenKpiIds', OLD."hidden_kpi_ids", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at"),
    NULL
  );
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_no_update;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed');
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_no_delete;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted');
END;
