DROP TRIGGER IF EXISTS plan_rollup_milestones_insert;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_milestones_insert AFTER INSERT ON milestones WHEN NOT dry_run()
BEGIN
  UPDATE item_milestone_counts SET
    not_started = not_started + (NEW.status = 'not_started'),
    in_progress = in_progress + (NEW.status = 'in_progress'),
    done = done + (NEW.status = 'done'),
    not_applicable = not_applicable + (NEW.status = 'not_applicable'),
    done_on_time = done_on_time + (NEW.status = 'done' AND coalesce(NEW.actual_date, NEW.planned_date) <= NEW.planned_date),
    done_late = done_late + (NEW.status = 'done' AND coalesce(NEW.actual_date, NEW.planned_date) > NEW.planned_date),
    first_open_date = (SELECT min(planned_date) FROM milestones WHERE item_id = NEW.item_id AND status IN ('not_started', 'in_progress'))
  WHERE item_id = NEW.item_id;
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open)
  SELECT c.plan_id, c.category_id, NEW.planned_date, 1, (NEW.status IN ('not_started', 'in_progress')) FROM item_milestone_counts c
  WHERE c.item_id = NEW.item_id AND NEW.status <> 'not_applicable'
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET applicable = applicable + excluded.applicable, open = open + excluded.open;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_milestones_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_milestones_delete AFTER DELETE ON milestones WHEN NOT dry_run()
BEGIN
  UPDATE item_milestone_counts SET
    not_started = not_started - (OLD.status = 'not_started'),
    in_progress = in_progress - (OLD.status = 'in_progress'),
    done = done - (OLD.status = 'done'),
    not_applicable = not_applicable - (OLD.status = 'not_applicable'),
    done_on_time = done_on_time - (OLD.status = 'done' AND coalesce(OLD.actual_date, OLD.planned_date) <= OLD.planned_date),
    done_late = done_late - (OLD.status = 'done' AND coalesce(OLD.actual_date, OLD.planned_date) > OLD.planned_date),
    first_open_date = (SELECT min(planned_date) FROM milestones WHERE item_id = OLD.item_id AND status IN ('not_started', 'in_progress'))
  WHERE item_id = OLD.item_id;
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open)
  SELECT c.plan_id, c.category_id, OLD.planned_date, -1, -(OLD.status IN ('not_started', 'in_progress')) FROM item_milestone_counts c
  WHERE c.item_id = OLD.item_id AND OLD.status <> 'not_applicable'
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET applicable = applicable + excluded.applicable, open = open + excluded.open;
  DELETE FROM plan_category_dates WHERE (plan_id, category_id) = (SELECT plan_id, category_id FROM item_milestone_counts WHERE item_id = OLD.item_id)
    AND planned_date = OLD.planned_date AND applicable = 0 AND open = 0 AND first_open_items = 0;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_milestones_update;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_milestones_update AFTER UPDATE OF status, planned_date, actual_date, item_id ON milestones WHEN NOT dry_run() AND (OLD.status IS NOT NEW.status OR OLD.planned_date IS NOT NEW.planned_date OR OLD.actual_date IS NOT NEW.actual_date OR OLD.item_id IS NOT NEW.item_id)
BEGIN
  UPDATE item_milestone_counts SET
    not_started = not_started - (OLD.status = 'not_started') + (NEW.status = 'not_started'),
    in_progress = in_progress - (OLD.status = 'in_progress') + (NEW.status = 'in_progress'),
    done = done - (OLD.status = 'done') + (NEW.status = 'done'),
    not_applicable = not_applicable - (OLD.status = 'not_applicable') + (NEW.status = 'not_applicable'),
    done_on_time = done_on_time - (OLD.status = 'done' AND coalesce(OLD.actual_date, OLD.planned_date) <= OLD.planned_date) + (NEW.status = 'done' AND coalesce(NEW.actual_date, NEW.planned_date) <= NEW.planned_date),
    done_late = done_late - (OLD.status = 'done' AND coalesce(OLD.actual_date, OLD.planned_date) > OLD.planned_date) + (NEW.status = 'done' AND coalesce(NEW.actual_date, NEW.planned_date) > NEW.planned_date),
    first_open_date = (SELECT min(planned_date) FROM milestones WHERE item_id = NEW.item_id AND status IN ('not_started', 'in_progress'))
  WHERE item_id = NEW.item_id AND NEW.item_id IS OLD.item_id;
  UPDATE item_milestone_counts SET
    not_started = not_started - (OLD.status = 'not_started'),
    in_progress = in_progress - (OLD.status = 'in_progress'),
    done = done - (OLD.status = 'done'),
    not_applicable = not_applicable - (OLD.status = 'not_applicable'),
    done_on_time = done_on_time - (OLD.status = 'done' AND coalesce(OLD.actual_date, OLD.planned_date) <= OLD.planned_date),
    done_late = done_late - (OLD.status = 'done' AND coalesce(OLD.actual_date, OLD.planned_date) > OLD.planned_date),
    first_open_date = (SELECT min(planned_date) FROM milestones WHERE item_id = OLD.item_id AND status IN ('not_started', 'in_progress'))
  WHERE item_id = OLD.item_id AND NEW.item_id IS NOT OLD.item_id;
  UPDATE item_milestone_counts SET
    not_started = not_started + (NEW.status = 'not_started'),
    in_progress = in_progress + (NEW.status = 'in_progress'),
    done = done + (NEW.status = 'done'),
    not_applicable = not_applicable + (NEW.status = 'not_applicable'),
    done_on_time = done_on_time + (NEW.status = 'done' AND coalesce(NEW.actual_date, NEW.planned_date) <= NEW.planned_date),
    done_late = done_late + (NEW.status = 'done' AND coalesce(NEW.actual_date, NEW.planned_date) > NEW.planned_date),
    first_open_date = (SELECT min(planned_date) FROM milestones WHERE item_id = NEW.item_id AND status IN ('not_started', 'in_progress'))
  WHERE item_id = NEW.item_id AND NEW.item_id IS NOT OLD.item_id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_milestones_dates;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_milestones_dates AFTER UPDATE OF status, planned_date, item_id ON milestones WHEN NOT dry_run() AND (OLD.item_id IS NOT NEW.item_id OR OLD.planned_date IS NOT NEW.planned_date
    OR (OLD.status IN ('not_started', 'in_progress')) IS NOT (NEW.status IN ('not_started', 'in_progress')) OR (OLD.status = 'not_applicable') IS NOT (NEW.status = 'not_applicable'))
BEGIN
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open)
  SELECT c.plan_id, c.category_id, OLD.planned_date, -1, -(OLD.status IN ('not_started', 'in_progress')) FROM item_milestone_counts c
  WHERE c.item_id = OLD.item_id AND OLD.status <> 'not_applicable'
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET applicable = applicable + excluded.applicable, open = open + excluded.open;
  DELETE FROM plan_category_dates WHERE (plan_id, category_id) = (SELECT plan_id, category_id FROM item_milestone_counts WHERE item_id = OLD.item_id)
    AND planned_date = OLD.planned_date AND applicable = 0 AND open = 0 AND first_open_items = 0;
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open)
  SELECT c.plan_id, c.category_id, NEW.planned_date, 1, (NEW.status IN ('not_started', 'in_progress')) FROM item_milestone_counts c
  WHERE c.item_id = NEW.item_id AND NEW.status <> 'not_applicable'
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET applicable = applicable + excluded.applicable, open = open + excluded.open;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_items_insert;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_items_insert AFTER INSERT ON plan_items WHEN NOT dry_run()
BEGIN
  INSERT INTO item_milestone_counts (item_id, plan_id, category_id) VALUES (NEW.id, NEW.plan_id, NEW.category_id);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_items_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_items_delete AFTER DELETE ON plan_items WHEN NOT dry_run()
BEGIN
  DELETE FROM item_milestone_counts WHERE item_id = OLD.id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_items_update;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_items_update AFTER UPDATE OF plan_id, category_id ON plan_items WHEN NOT dry_run() AND (OLD.plan_id IS NOT NEW.plan_id OR OLD.category_id IS NOT NEW.category_id)
BEGIN
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open)
  SELECT OLD.plan_id, OLD.category_id, m.planned_date, -count(*), -sum(m.status IN ('not_started', 'in_progress')) FROM milestones m
  WHERE m.item_id = OLD.id AND m.status <> 'not_applicable' GROUP BY m.planned_date
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET applicable = applicable + excluded.applicable, open = open + excluded.open;
  DELETE FROM plan_category_dates WHERE plan_id = OLD.plan_id AND category_id = OLD.category_id AND applicable = 0 AND open = 0 AND first_open_items = 0;
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open)
  SELECT NEW.plan_id, NEW.category_id, m.planned_date, count(*), sum(m.status IN ('not_started', 'in_progress')) FROM milestones m
  WHERE m.item_id = NEW.id AND m.status <> 'not_applicable' GROUP BY m.planned_date
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET applicable = applicable + excluded.applicable, open = open + excluded.open;
  UPDATE item_milestone_counts SET plan_id = NEW.plan_id, category_id = NEW.category_id WHERE item_id = NEW.id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_item_counts_insert;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_item_counts_insert AFTER INSERT ON item_milestone_counts WHEN NOT dry_run()
BEGIN
  INSERT INTO plan_category_counts (plan_id, category_id, items, open_items, not_started, in_progress, done, not_applicable, done_on_time, done_late)
  VALUES (NEW.plan_id, NEW.category_id, 1, (NEW.first_open_date IS NOT NULL), NEW.not_started, NEW.in_progress, NEW.done, NEW.not_applicable, NEW.done_on_time, NEW.done_late)
  ON CONFLICT (plan_id, category_id) DO UPDATE SET items = items + excluded.items, open_items = open_items + excluded.open_items, not_started = not_started + excluded.not_started, in_progress = in_progress + excluded.in_progress, done = done + excluded.done, not_applicable = not_applicable + excluded.not_applicable, done_on_time = done_on_time + excluded.done_on_time, done_late = done_late + excluded.done_late;
  UPDATE plan_category_counts SET first_open_date = (SELECT min(first_open_date) FROM item_milestone_counts
    WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id) WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id;
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, first_open_items)
  SELECT NEW.plan_id, NEW.category_id, NEW.first_open_date, 1 WHERE NEW.first_open_date IS NOT NULL
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET first_open_items = first_open_items + excluded.first_open_items;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_item_counts_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_item_counts_delete AFTER DELETE ON item_milestone_counts WHEN NOT dry_run()
BEGIN
  INSERT INTO plan_category_counts (plan_id, category_id, items, open_items, not_started, in_progress, done, not_applicable, done_on_time, done_late)
  VALUES (OLD.plan_id, OLD.category_id, -1, -(OLD.first_open_date IS NOT NULL), -OLD.not_started, -OLD.in_progress, -OLD.done, -OLD.not_applicable, -OLD.done_on_time, -OLD.done_late)
  ON CONFLICT (plan_id, category_id) DO UPDATE SET items = items + excluded.items, open_items = open_items + excluded.open_items, not_started = not_started + excluded.not_started, in_progress = in_progress + excluded.in_progress, done = done + excluded.done, not_applicable = not_applicable + excluded.not_applicable, done_on_time = done_on_time + excluded.done_on_time, done_late = done_late + excluded.done_late;
  DELETE FROM plan_category_counts WHERE plan_id = OLD.plan_id AND category_id = OLD.category_id AND items = 0;
  UPDATE plan_category_counts SET first_open_date = (SELECT min(first_open_date) FROM item_milestone_counts
    WHERE plan_id = OLD.plan_id AND category_id = OLD.category_id) WHERE plan_id = OLD.plan_id AND category_id = OLD.category_id;
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, first_open_items)
  SELECT OLD.plan_id, OLD.category_id, OLD.first_open_date, -1 WHERE OLD.first_open_date IS NOT NULL
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET first_open_items = first_open_items + excluded.first_open_items;
  DELETE FROM plan_category_dates WHERE plan_id = OLD.plan_id AND category_id = OLD.category_id AND planned_date = OLD.first_open_date AND applicable = 0 AND open = 0 AND first_open_items = 0;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_item_counts_update;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_item_counts_update AFTER UPDATE ON item_milestone_counts WHEN NOT dry_run() AND (OLD.plan_id = NEW.plan_id AND OLD.category_id = NEW.category_id
    AND (OLD.first_open_date IS NOT NEW.first_open_date OR OLD.not_started IS NOT NEW.not_started OR OLD.in_progress IS NOT NEW.in_progress OR OLD.done IS NOT NEW.done OR OLD.not_applicable IS NOT NEW.not_applicable OR OLD.done_on_time IS NOT NEW.done_on_time OR OLD.done_late IS NOT NEW.done_late))
BEGIN
  UPDATE plan_category_counts SET
    open_items = open_items - (OLD.first_open_date IS NOT NULL) + (NEW.first_open_date IS NOT NULL),
    not_started = not_started - OLD.not_started + NEW.not_started,
    in_progress = in_progress - OLD.in_progress + NEW.in_progress,
    done = done - OLD.done + NEW.done,
    not_applicable = not_applicable - OLD.not_applicable + NEW.not_applicable,
    done_on_time = done_on_time - OLD.done_on_time + NEW.done_on_time,
    done_late = done_late - OLD.done_late + NEW.done_late
  WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id;
  UPDATE plan_category_counts SET first_open_date = (SELECT min(first_open_date) FROM item_milestone_counts
    WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id) WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id
    AND OLD.first_open_date IS NOT NEW.first_open_date;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_item_counts_moved;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_item_counts_moved AFTER UPDATE OF plan_id, category_id ON item_milestone_counts WHEN NOT dry_run() AND (OLD.plan_id IS NOT NEW.plan_id OR OLD.category_id IS NOT NEW.category_id)
BEGIN
  INSERT INTO plan_category_counts (plan_id, category_id, items, open_items, not_started, in_progress, done, not_applicable, done_on_time, done_late)
  VALUES (OLD.plan_id, OLD.category_id, -1, -(OLD.first_open_date IS NOT NULL), -OLD.not_started, -OLD.in_progress, -OLD.done, -OLD.not_applicable, -OLD.done_on_time, -OLD.done_late)
  ON CONFLICT (plan_id, category_id) DO UPDATE SET items = items + excluded.items, open_items = open_items + excluded.open_items, not_started = not_started + excluded.not_started, in_progress = in_progress + excluded.in_progress, done = done + excluded.done, not_applicable = not_applicable + excluded.not_applicable, done_on_time = done_on_time + excluded.done_on_time, done_late = done_late + excluded.done_late;
  DELETE FROM plan_category_counts WHERE plan_id = OLD.plan_id AND category_id = OLD.category_id AND items = 0;
  UPDATE plan_category_counts SET first_open_date = (SELECT min(first_open_date) FROM item_milestone_counts
    WHERE plan_id = OLD.plan_id AND category_id = OLD.category_id) WHERE plan_id = OLD.plan_id AND category_id = OLD.category_id;
  INSERT INTO plan_category_counts (plan_id, category_id, items, open_items, not_started, in_progress, done, not_applicable, done_on_time, done_late)
  VALUES (NEW.plan_id, NEW.category_id, 1, (NEW.first_open_date IS NOT NULL), NEW.not_started, NEW.in_progress, NEW.done, NEW.not_applicable, NEW.done_on_time, NEW.done_late)
  ON CONFLICT (plan_id, category_id) DO UPDATE SET items = items + excluded.items, open_items = open_items + excluded.open_items, not_started = not_started + excluded.not_started, in_progress = in_progress + excluded.in_progress, done = done + excluded.done, not_applicable = not_applicable + excluded.not_applicable, done_on_time = done_on_time + excluded.done_on_time, done_late = done_late + excluded.done_late;
  UPDATE plan_category_counts SET first_open_date = (SELECT min(first_open_date) FROM item_milestone_counts
    WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id) WHERE plan_id = NEW.plan_id AND category_id = NEW.category_id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_item_counts_first_open;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_item_counts_first_open AFTER UPDATE OF plan_id, category_id, first_open_date ON item_milestone_counts WHEN NOT dry_run() AND (OLD.plan_id IS NOT NEW.plan_id OR OLD.category_id IS NOT NEW.category_id OR OLD.first_open_date IS NOT NEW.first_open_date)
BEGIN
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, first_open_items)
  SELECT OLD.plan_id, OLD.category_id, OLD.first_open_date, -1 WHERE OLD.first_open_date IS NOT NULL
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET first_open_items = first_open_items + excluded.first_open_items;
  DELETE FROM plan_category_dates WHERE plan_id = OLD.plan_id AND category_id = OLD.category_id AND planned_date = OLD.first_open_date AND applicable = 0 AND open = 0 AND first_open_items = 0;
  INSERT INTO plan_category_dates (plan_id, category_id, planned_date, first_open_items)
  SELECT NEW.plan_id, NEW.category_id, NEW.first_open_date, 1 WHERE NEW.first_open_date IS NOT NULL
  ON CONFLICT (plan_id, category_id, planned_date) DO UPDATE SET first_open_items = first_open_items + excluded.first_open_items;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_audit_insert;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_audit_insert AFTER INSERT ON audit_log WHEN NOT dry_run()
BEGIN
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT NEW.body_id AS b, NEW.at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_items_insert;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_items_insert AFTER INSERT ON plan_items WHEN NOT dry_run()
BEGIN
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT body_id FROM plans WHERE id = NEW.plan_id) AS b, NEW.updated_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_items_later;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_items_later AFTER UPDATE OF updated_at ON plan_items WHEN NOT dry_run() AND (NEW.plan_id IS OLD.plan_id AND NEW.updated_at > OLD.updated_at)
BEGIN
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT body_id FROM plans WHERE id = NEW.plan_id) AS b, NEW.updated_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_items_earlier;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_items_earlier AFTER UPDATE OF updated_at ON plan_items WHEN NOT dry_run() AND (NEW.plan_id IS OLD.plan_id AND NEW.updated_at < OLD.updated_at)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT body_id FROM plans WHERE id = OLD.plan_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_items_moved;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_items_moved AFTER UPDATE OF plan_id ON plan_items WHEN NOT dry_run() AND (NEW.plan_id IS NOT OLD.plan_id)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id) AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT body_id FROM plans WHERE id = OLD.plan_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
  DELETE FROM body_last_reports WHERE body_id = (SELECT body_id FROM plans WHERE id = NEW.plan_id) AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT body_id FROM plans WHERE id = NEW.plan_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = NEW.plan_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = NEW.plan_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = NEW.plan_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = NEW.plan_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT body_id FROM plans WHERE id = NEW.plan_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_items_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_items_delete AFTER DELETE ON plan_items WHEN NOT dry_run()
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id) AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT body_id FROM plans WHERE id = OLD.plan_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT body_id FROM plans WHERE id = OLD.plan_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_milestones_insert;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_milestones_insert AFTER INSERT ON milestones WHEN NOT dry_run()
BEGIN
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id) AS b, NEW.updated_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_milestones_later;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_milestones_later AFTER UPDATE OF updated_at ON milestones WHEN NOT dry_run() AND (NEW.item_id IS OLD.item_id AND NEW.updated_at > OLD.updated_at)
BEGIN
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id) AS b, NEW.updated_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_milestones_earlier;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_milestones_earlier AFTER UPDATE OF updated_at ON milestones WHEN NOT dry_run() AND (NEW.item_id IS OLD.item_id AND NEW.updated_at < OLD.updated_at)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_milestones_moved;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_milestones_moved AFTER UPDATE OF item_id ON milestones WHEN NOT dry_run() AND (NEW.item_id IS NOT OLD.item_id)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id) AS b, NEW.updated_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_milestones_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_milestones_delete AFTER DELETE ON milestones WHEN NOT dry_run()
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_kpi_values_insert;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_kpi_values_insert AFTER INSERT ON kpi_values WHEN NOT dry_run()
BEGIN
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = NEW.kpi_id) AS b, NEW.updated_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_kpi_values_later;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_kpi_values_later AFTER UPDATE OF updated_at ON kpi_values WHEN NOT dry_run() AND (NEW.kpi_id IS OLD.kpi_id AND NEW.updated_at > OLD.updated_at)
BEGIN
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = NEW.kpi_id) AS b, NEW.updated_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_kpi_values_earlier;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_kpi_values_earlier AFTER UPDATE OF updated_at ON kpi_values WHEN NOT dry_run() AND (NEW.kpi_id IS OLD.kpi_id AND NEW.updated_at < OLD.updated_at)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_kpi_values_moved;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_kpi_values_moved AFTER UPDATE OF kpi_id ON kpi_values WHEN NOT dry_run() AND (NEW.kpi_id IS NOT OLD.kpi_id)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = NEW.kpi_id) AS b, NEW.updated_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_kpi_values_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_kpi_values_delete AFTER DELETE ON kpi_values WHEN NOT dry_run()
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM kpis k JOIN plan_items i ON i.id = k.item_id JOIN plans p ON p.id = i.plan_id WHERE k.id = OLD.kpi_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.updated_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_reviews_insert;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_reviews_insert AFTER INSERT ON item_reviews WHEN NOT dry_run()
BEGIN
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id) AS b, NEW.created_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_reviews_later;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_reviews_later AFTER UPDATE OF created_at ON item_reviews WHEN NOT dry_run() AND (NEW.item_id IS OLD.item_id AND NEW.created_at > OLD.created_at)
BEGIN
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id) AS b, NEW.created_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_reviews_earlier;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_reviews_earlier AFTER UPDATE OF created_at ON item_reviews WHEN NOT dry_run() AND (NEW.item_id IS OLD.item_id AND NEW.created_at < OLD.created_at)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AND OLD.created_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.created_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_reviews_moved;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_reviews_moved AFTER UPDATE OF item_id ON item_reviews WHEN NOT dry_run() AND (NEW.item_id IS NOT OLD.item_id)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AND OLD.created_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.created_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
  INSERT INTO body_last_reports (body_id, at)
  SELECT t.b, t.a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id) AS b, NEW.created_at AS a) t WHERE t.a IS NOT NULL AND t.b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at > body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_reviews_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_reviews_delete AFTER DELETE ON item_reviews WHEN NOT dry_run()
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AND OLD.created_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '') AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies) AND OLD.created_at >= coalesce((SELECT at FROM body_last_reports WHERE body_id = b), '')
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_kpis_moved;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_kpis_moved AFTER UPDATE OF item_id ON kpis WHEN NOT dry_run() AND (NEW.item_id IS NOT OLD.item_id)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id) AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = NEW.item_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_kpis_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_kpis_delete AFTER DELETE ON kpis WHEN NOT dry_run()
BEGIN
  DELETE FROM body_last_reports WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id)), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT (SELECT p.body_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = OLD.item_id) AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_plans_moved;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_plans_moved AFTER UPDATE OF body_id ON plans WHEN NOT dry_run() AND (NEW.body_id IS NOT OLD.body_id)
BEGIN
  DELETE FROM body_last_reports WHERE body_id = OLD.body_id AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = OLD.body_id), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = OLD.body_id), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = OLD.body_id), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = OLD.body_id), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = OLD.body_id), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT OLD.body_id AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
  DELETE FROM body_last_reports WHERE body_id = NEW.body_id AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = NEW.body_id), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = NEW.body_id), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = NEW.body_id), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = NEW.body_id), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = NEW.body_id), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT NEW.body_id AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_plans_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_plans_delete AFTER DELETE ON plans WHEN NOT dry_run()
BEGIN
  DELETE FROM body_last_reports WHERE body_id = OLD.body_id AND nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = OLD.body_id), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = OLD.body_id), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = OLD.body_id), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = OLD.body_id), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = OLD.body_id), '')), '') IS NULL;
  INSERT INTO body_last_reports (body_id, at)
  SELECT b, a FROM (SELECT t.b, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = t.b), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = t.b), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = t.b), '')), '') AS a FROM (SELECT OLD.body_id AS b) t) WHERE a IS NOT NULL AND b IN (SELECT id FROM local_bodies)
  ON CONFLICT (body_id) DO UPDATE SET at = excluded.at WHERE excluded.at IS NOT body_last_reports.at;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS plan_rollup_report_bodies_delete;
--> statement-breakpoint
CREATE TRIGGER plan_rollup_report_bodies_delete AFTER DELETE ON local_bodies WHEN NOT dry_run()
BEGIN
  DELETE FROM body_last_reports WHERE body_id = OLD.id;
END;
--> statement-breakpoint
DELETE FROM item_milestone_counts;
--> statement-breakpoint
INSERT INTO item_milestone_counts (item_id, plan_id, category_id, not_started, in_progress, done, not_applicable, done_on_time, done_late, first_open_date) SELECT i.id AS item_id, i.plan_id, i.category_id,
    coalesce(sum((m.status = 'not_started')), 0) AS not_started, coalesce(sum((m.status = 'in_progress')), 0) AS in_progress, coalesce(sum((m.status = 'done')), 0) AS done, coalesce(sum((m.status = 'not_applicable')), 0) AS not_applicable, coalesce(sum((m.status = 'done' AND coalesce(m.actual_date, m.planned_date) <= m.planned_date)), 0) AS done_on_time, coalesce(sum((m.status = 'done' AND coalesce(m.actual_date, m.planned_date) > m.planned_date)), 0) AS done_late,
    min(CASE WHEN m.status IN ('not_started', 'in_progress') THEN m.planned_date END) AS first_open_date
  FROM plan_items i LEFT JOIN milestones m ON m.item_id = i.id
  GROUP BY i.id;
--> statement-breakpoint
DELETE FROM plan_category_counts;
--> statement-breakpoint
DELETE FROM plan_category_dates;
--> statement-breakpoint
INSERT INTO plan_category_counts (plan_id, category_id, items, open_items, not_started, in_progress, done, not_applicable, done_on_time, done_late, first_open_date) SELECT x.plan_id, x.category_id, count(*) AS items, sum(x.first_open_date IS NOT NULL) AS open_items,
    sum(x.not_started) AS not_started, sum(x.in_progress) AS in_progress, sum(x.done) AS done, sum(x.not_applicable) AS not_applicable, sum(x.done_on_time) AS done_on_time, sum(x.done_late) AS done_late, min(x.first_open_date) AS first_open_date
  FROM (SELECT i.id AS item_id, i.plan_id, i.category_id,
    coalesce(sum((m.status = 'not_started')), 0) AS not_started, coalesce(sum((m.status = 'in_progress')), 0) AS in_progress, coalesce(sum((m.status = 'done')), 0) AS done, coalesce(sum((m.status = 'not_applicable')), 0) AS not_applicable, coalesce(sum((m.status = 'done' AND coalesce(m.actual_date, m.planned_date) <= m.planned_date)), 0) AS done_on_time, coalesce(sum((m.status = 'done' AND coalesce(m.actual_date, m.planned_date) > m.planned_date)), 0) AS done_late,
    min(CASE WHEN m.status IN ('not_started', 'in_progress') THEN m.planned_date END) AS first_open_date
  FROM plan_items i LEFT JOIN milestones m ON m.item_id = i.id
  GROUP BY i.id) x
  GROUP BY x.plan_id, x.category_id;
--> statement-breakpoint
INSERT INTO plan_category_dates (plan_id, category_id, planned_date, applicable, open, first_open_items) SELECT plan_id, category_id, planned_date, sum(applicable) AS applicable, sum(open) AS open, sum(first_open_items) AS first_open_items
  FROM (
    SELECT i.plan_id, i.category_id, m.planned_date, 1 AS applicable, (m.status IN ('not_started', 'in_progress')) AS open, 0 AS first_open_items
      FROM milestones m JOIN plan_items i ON i.id = m.item_id WHERE m.status <> 'not_applicable'
    UNION ALL
    SELECT x.plan_id, x.category_id, x.first_open_date, 0, 0, 1 FROM (SELECT i.id AS item_id, i.plan_id, i.category_id,
    coalesce(sum((m.status = 'not_started')), 0) AS not_started, coalesce(sum((m.status = 'in_progress')), 0) AS in_progress, coalesce(sum((m.status = 'done')), 0) AS done, coalesce(sum((m.status = 'not_applicable')), 0) AS not_applicable, coalesce(sum((m.status = 'done' AND coalesce(m.actual_date, m.planned_date) <= m.planned_date)), 0) AS done_on_time, coalesce(sum((m.status = 'done' AND coalesce(m.actual_date, m.planned_date) > m.planned_date)), 0) AS done_late,
    min(CASE WHEN m.status IN ('not_started', 'in_progress') THEN m.planned_date END) AS first_open_date
  FROM plan_items i LEFT JOIN milestones m ON m.item_id = i.id
  GROUP BY i.id) x WHERE x.first_open_date IS NOT NULL)
  GROUP BY plan_id, category_id, planned_date;
--> statement-breakpoint
DELETE FROM body_last_reports;
--> statement-breakpoint
INSERT INTO body_last_reports (body_id, at) SELECT body_id, at FROM (SELECT b.id AS body_id, nullif(max(
      coalesce((SELECT max(at) FROM audit_log WHERE body_id = b.id), ''),
      coalesce((SELECT max(i.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.body_id = b.id), ''),
      coalesce((SELECT max(m.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN milestones m ON m.item_id = i.id WHERE p.body_id = b.id), ''),
      coalesce((SELECT max(v.updated_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN kpis k ON k.item_id = i.id JOIN kpi_values v ON v.kpi_id = k.id WHERE p.body_id = b.id), ''),
      coalesce((SELECT max(r.created_at) FROM plans p JOIN plan_items i ON i.plan_id = p.id JOIN item_reviews r ON r.item_id = i.id WHERE p.body_id = b.id), '')), '') AS at FROM local_bodies b) WHERE at IS NOT NULL;
