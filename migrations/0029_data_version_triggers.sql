DROP TRIGGER IF EXISTS data_version_local_bodies_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_local_bodies_insert AFTER INSERT ON local_bodies WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_local_bodies_update;
--> statement-breakpoint
CREATE TRIGGER data_version_local_bodies_update AFTER UPDATE ON local_bodies WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_local_bodies_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_local_bodies_delete AFTER DELETE ON local_bodies WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_categories_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_categories_insert AFTER INSERT ON categories WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_categories_update;
--> statement-breakpoint
CREATE TRIGGER data_version_categories_update AFTER UPDATE ON categories WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_categories_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_categories_delete AFTER DELETE ON categories WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_national_deadlines_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_national_deadlines_insert AFTER INSERT ON national_deadlines WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_national_deadlines_update;
--> statement-breakpoint
CREATE TRIGGER data_version_national_deadlines_update AFTER UPDATE ON national_deadlines WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_national_deadlines_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_national_deadlines_delete AFTER DELETE ON national_deadlines WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_deadline_extensions_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_deadline_extensions_insert AFTER INSERT ON deadline_extensions WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_deadline_extensions_update;
--> statement-breakpoint
CREATE TRIGGER data_version_deadline_extensions_update AFTER UPDATE ON deadline_extensions WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_deadline_extensions_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_deadline_extensions_delete AFTER DELETE ON deadline_extensions WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_business_areas_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_business_areas_insert AFTER INSERT ON business_areas WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_business_areas_update;
--> statement-breakpoint
CREATE TRIGGER data_version_business_areas_update AFTER UPDATE ON business_areas WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_business_areas_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_business_areas_delete AFTER DELETE ON business_areas WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_standardization_steps_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_standardization_steps_insert AFTER INSERT ON standardization_steps WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_standardization_steps_update;
--> statement-breakpoint
CREATE TRIGGER data_version_standardization_steps_update AFTER UPDATE ON standardization_steps WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_standardization_steps_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_standardization_steps_delete AFTER DELETE ON standardization_steps WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_national_figures_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_national_figures_insert AFTER INSERT ON national_figures WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_national_figures_update;
--> statement-breakpoint
CREATE TRIGGER data_version_national_figures_update AFTER UPDATE ON national_figures WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_national_figures_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_national_figures_delete AFTER DELETE ON national_figures WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (0, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_plans_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_plans_insert AFTER INSERT ON plans WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(NEW.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_plans_update;
--> statement-breakpoint
CREATE TRIGGER data_version_plans_update AFTER UPDATE ON plans WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(OLD.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce(NEW.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_plans_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_plans_delete AFTER DELETE ON plans WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(OLD.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_sections_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_sections_insert AFTER INSERT ON sections WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(NEW.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_sections_update;
--> statement-breakpoint
CREATE TRIGGER data_version_sections_update AFTER UPDATE ON sections WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(OLD.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce(NEW.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_sections_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_sections_delete AFTER DELETE ON sections WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(OLD.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_kpis_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_kpis_insert AFTER INSERT ON kpis WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(NEW.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_kpis_update;
--> statement-breakpoint
CREATE TRIGGER data_version_kpis_update AFTER UPDATE ON kpis WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(OLD.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce(NEW.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_kpis_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_kpis_delete AFTER DELETE ON kpis WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(OLD.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_plan_items_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_plan_items_insert AFTER INSERT ON plan_items WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = NEW.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_plan_items_update;
--> statement-breakpoint
CREATE TRIGGER data_version_plan_items_update AFTER UPDATE ON plan_items WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = OLD.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = NEW.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_plan_items_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_plan_items_delete AFTER DELETE ON plan_items WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = OLD.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_milestones_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_milestones_insert AFTER INSERT ON milestones WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_milestones_update;
--> statement-breakpoint
CREATE TRIGGER data_version_milestones_update AFTER UPDATE ON milestones WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_milestones_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_milestones_delete AFTER DELETE ON milestones WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_kpi_values_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_kpi_values_insert AFTER INSERT ON kpi_values WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM kpis WHERE id = NEW.kpi_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_kpi_values_update;
--> statement-breakpoint
CREATE TRIGGER data_version_kpi_values_update AFTER UPDATE ON kpi_values WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM kpis WHERE id = OLD.kpi_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM kpis WHERE id = NEW.kpi_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_kpi_values_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_kpi_values_delete AFTER DELETE ON kpi_values WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM kpis WHERE id = OLD.kpi_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_row_versions_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_row_versions_insert AFTER INSERT ON row_versions WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(NEW.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_row_versions_update;
--> statement-breakpoint
CREATE TRIGGER data_version_row_versions_update AFTER UPDATE ON row_versions WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(OLD.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce(NEW.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_row_versions_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_row_versions_delete AFTER DELETE ON row_versions WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce(OLD.body_id, 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_baselines_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_baselines_insert AFTER INSERT ON baselines WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = NEW.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_baselines_update;
--> statement-breakpoint
CREATE TRIGGER data_version_baselines_update AFTER UPDATE ON baselines WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = OLD.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = NEW.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_baselines_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_baselines_delete AFTER DELETE ON baselines WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = OLD.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_baseline_milestones_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_baseline_milestones_insert AFTER INSERT ON baseline_milestones WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = NEW.baseline_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_baseline_milestones_update;
--> statement-breakpoint
CREATE TRIGGER data_version_baseline_milestones_update AFTER UPDATE ON baseline_milestones WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = OLD.baseline_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = NEW.baseline_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_baseline_milestones_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_baseline_milestones_delete AFTER DELETE ON baseline_milestones WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = OLD.baseline_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_baseline_kpis_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_baseline_kpis_insert AFTER INSERT ON baseline_kpis WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = NEW.baseline_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_baseline_kpis_update;
--> statement-breakpoint
CREATE TRIGGER data_version_baseline_kpis_update AFTER UPDATE ON baseline_kpis WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = OLD.baseline_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = NEW.baseline_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_baseline_kpis_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_baseline_kpis_delete AFTER DELETE ON baseline_kpis WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT p.body_id FROM baselines b JOIN plans p ON p.id = b.plan_id WHERE b.id = OLD.baseline_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_ended_plan_payloads_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_ended_plan_payloads_insert AFTER INSERT ON ended_plan_payloads WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = NEW.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_ended_plan_payloads_update;
--> statement-breakpoint
CREATE TRIGGER data_version_ended_plan_payloads_update AFTER UPDATE ON ended_plan_payloads WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = OLD.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = NEW.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_ended_plan_payloads_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_ended_plan_payloads_delete AFTER DELETE ON ended_plan_payloads WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (coalesce((SELECT body_id FROM plans WHERE id = OLD.plan_id), 0), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_body_step_counts_insert;
--> statement-breakpoint
CREATE TRIGGER data_version_body_step_counts_insert AFTER INSERT ON body_step_counts WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_body_step_counts_update;
--> statement-breakpoint
CREATE TRIGGER data_version_body_step_counts_update AFTER UPDATE ON body_step_counts WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS data_version_body_step_counts_delete;
--> statement-breakpoint
CREATE TRIGGER data_version_body_step_counts_delete AFTER DELETE ON body_step_counts WHEN NOT dry_run()
BEGIN
  INSERT INTO data_versions (scope, version) VALUES (-1, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
