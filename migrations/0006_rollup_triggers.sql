DROP TRIGGER IF EXISTS rollup_steps_insert;
--> statement-breakpoint
CREATE TRIGGER rollup_steps_insert AFTER INSERT ON body_area_steps
BEGIN
  UPDATE body_area_step_counts SET
    not_started = not_started + (NEW.status = 'not_started'),
    in_progress = in_progress + (NEW.status = 'in_progress'),
    done = done + (NEW.status = 'done'),
    not_applicable = not_applicable + (NEW.status = 'not_applicable'),
    steps = steps + 1
  WHERE body_area_id = NEW.body_area_id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_steps_delete;
--> statement-breakpoint
CREATE TRIGGER rollup_steps_delete AFTER DELETE ON body_area_steps
BEGIN
  UPDATE body_area_step_counts SET
    not_started = not_started - (OLD.status = 'not_started'),
    in_progress = in_progress - (OLD.status = 'in_progress'),
    done = done - (OLD.status = 'done'),
    not_applicable = not_applicable - (OLD.status = 'not_applicable'),
    steps = steps - 1
  WHERE body_area_id = OLD.body_area_id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_steps_update;
--> statement-breakpoint
CREATE TRIGGER rollup_steps_update AFTER UPDATE OF status, body_area_id ON body_area_steps WHEN OLD.status IS NOT NEW.status OR OLD.body_area_id IS NOT NEW.body_area_id
BEGIN
  UPDATE body_area_step_counts SET
    not_started = not_started - (OLD.status = 'not_started'),
    in_progress = in_progress - (OLD.status = 'in_progress'),
    done = done - (OLD.status = 'done'),
    not_applicable = not_applicable - (OLD.status = 'not_applicable'),
    steps = steps - 1
  WHERE body_area_id = OLD.body_area_id;
  UPDATE body_area_step_counts SET
    not_started = not_started + (NEW.status = 'not_started'),
    in_progress = in_progress + (NEW.status = 'in_progress'),
    done = done + (NEW.status = 'done'),
    not_applicable = not_applicable + (NEW.status = 'not_applicable'),
    steps = steps + 1
  WHERE body_area_id = NEW.body_area_id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_body_areas_insert;
--> statement-breakpoint
CREATE TRIGGER rollup_body_areas_insert AFTER INSERT ON body_business_areas
BEGIN
  INSERT INTO body_area_step_counts (body_area_id, body_id, area_id, prefecture_code, migration_support)
  VALUES (NEW.id, NEW.body_id, NEW.area_id, (SELECT prefecture_code FROM local_bodies WHERE id = NEW.body_id), NEW.migration_support);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_body_areas_delete;
--> statement-breakpoint
CREATE TRIGGER rollup_body_areas_delete AFTER DELETE ON body_business_areas
BEGIN
  DELETE FROM body_area_step_counts WHERE body_area_id = OLD.id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_body_areas_update;
--> statement-breakpoint
CREATE TRIGGER rollup_body_areas_update AFTER UPDATE OF body_id, area_id, migration_support ON body_business_areas
BEGIN
  UPDATE body_area_step_counts SET body_id = NEW.body_id, area_id = NEW.area_id,
    prefecture_code = (SELECT prefecture_code FROM local_bodies WHERE id = NEW.body_id), migration_support = NEW.migration_support
  WHERE body_area_id = OLD.id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_bodies_insert;
--> statement-breakpoint
CREATE TRIGGER rollup_bodies_insert AFTER INSERT ON local_bodies
BEGIN
  INSERT INTO body_step_counts (body_id, prefecture_code) VALUES (NEW.id, NEW.prefecture_code);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_bodies_delete;
--> statement-breakpoint
CREATE TRIGGER rollup_bodies_delete AFTER DELETE ON local_bodies
BEGIN
  DELETE FROM body_step_counts WHERE body_id = OLD.id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_bodies_update;
--> statement-breakpoint
CREATE TRIGGER rollup_bodies_update AFTER UPDATE OF prefecture_code ON local_bodies WHEN OLD.prefecture_code IS NOT NEW.prefecture_code
BEGIN
  UPDATE body_step_counts SET prefecture_code = NEW.prefecture_code WHERE body_id = NEW.id;
  UPDATE body_area_step_counts SET prefecture_code = NEW.prefecture_code WHERE body_id = NEW.id;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_area_counts_insert;
--> statement-breakpoint
CREATE TRIGGER rollup_area_counts_insert AFTER INSERT ON body_area_step_counts
BEGIN
  UPDATE body_step_counts SET
    areas = areas + 1,
    complete_areas = complete_areas + (NEW.steps > 0 AND NEW.done + NEW.not_applicable = NEW.steps),
    ms_areas = ms_areas + NEW.migration_support,
    complete_ms_areas = complete_ms_areas + (NEW.migration_support AND (NEW.steps > 0 AND NEW.done + NEW.not_applicable = NEW.steps)),
    not_started = not_started + NEW.not_started,
    in_progress = in_progress + NEW.in_progress,
    done = done + NEW.done,
    not_applicable = not_applicable + NEW.not_applicable,
    steps = steps + NEW.steps
  WHERE body_id = NEW.body_id;
  INSERT INTO prefecture_area_step_counts (prefecture_code, area_id, body_areas, complete_areas, ms_areas, complete_ms_areas, not_started, in_progress, done, not_applicable, steps)
  VALUES (NEW.prefecture_code, NEW.area_id, 1, (NEW.steps > 0 AND NEW.done + NEW.not_applicable = NEW.steps), NEW.migration_support, (NEW.migration_support AND (NEW.steps > 0 AND NEW.done + NEW.not_applicable = NEW.steps)), NEW.not_started, NEW.in_progress, NEW.done, NEW.not_applicable, NEW.steps)
  ON CONFLICT (prefecture_code, area_id) DO UPDATE SET body_areas = body_areas + excluded.body_areas, complete_areas = complete_areas + excluded.complete_areas, ms_areas = ms_areas + excluded.ms_areas, complete_ms_areas = complete_ms_areas + excluded.complete_ms_areas, not_started = not_started + excluded.not_started, in_progress = in_progress + excluded.in_progress, done = done + excluded.done, not_applicable = not_applicable + excluded.not_applicable, steps = steps + excluded.steps;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_area_counts_delete;
--> statement-breakpoint
CREATE TRIGGER rollup_area_counts_delete AFTER DELETE ON body_area_step_counts
BEGIN
  UPDATE body_step_counts SET
    areas = areas - 1,
    complete_areas = complete_areas - (OLD.steps > 0 AND OLD.done + OLD.not_applicable = OLD.steps),
    ms_areas = ms_areas - OLD.migration_support,
    complete_ms_areas = complete_ms_areas - (OLD.migration_support AND (OLD.steps > 0 AND OLD.done + OLD.not_applicable = OLD.steps)),
    not_started = not_started - OLD.not_started,
    in_progress = in_progress - OLD.in_progress,
    done = done - OLD.done,
    not_applicable = not_applicable - OLD.not_applicable,
    steps = steps - OLD.steps
  WHERE body_id = OLD.body_id;
  INSERT INTO prefecture_area_step_counts (prefecture_code, area_id, body_areas, complete_areas, ms_areas, complete_ms_areas, not_started, in_progress, done, not_applicable, steps)
  VALUES (OLD.prefecture_code, OLD.area_id, -1, -(OLD.steps > 0 AND OLD.done + OLD.not_applicable = OLD.steps), -OLD.migration_support, -(OLD.migration_support AND (OLD.steps > 0 AND OLD.done + OLD.not_applicable = OLD.steps)), -OLD.not_started, -OLD.in_progress, -OLD.done, -OLD.not_applicable, -OLD.steps)
  ON CONFLICT (prefecture_code, area_id) DO UPDATE SET body_areas = body_areas + excluded.body_areas, complete_areas = complete_areas + excluded.complete_areas, ms_areas = ms_areas + excluded.ms_areas, complete_ms_areas = complete_ms_areas + excluded.complete_ms_areas, not_started = not_started + excluded.not_started, in_progress = in_progress + excluded.in_progress, done = done + excluded.done, not_applicable = not_applicable + excluded.not_applicable, steps = steps + excluded.steps;
  DELETE FROM prefecture_area_step_counts WHERE prefecture_code = OLD.prefecture_code AND area_id = OLD.area_id AND body_areas = 0;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_area_counts_update;
--> statement-breakpoint
CREATE TRIGGER rollup_area_counts_update AFTER UPDATE ON body_area_step_counts
BEGIN
  UPDATE body_step_counts SET
    areas = areas - 1,
    complete_areas = complete_areas - (OLD.steps > 0 AND OLD.done + OLD.not_applicable = OLD.steps),
    ms_areas = ms_areas - OLD.migration_support,
    complete_ms_areas = complete_ms_areas - (OLD.migration_support AND (OLD.steps > 0 AND OLD.done + OLD.not_applicable = OLD.steps)),
    not_started = not_started - OLD.not_started,
    in_progress = in_progress - OLD.in_progress,
    done = done - OLD.done,
    not_applicable = not_applicable - OLD.not_applicable,
    steps = steps - OLD.steps
  WHERE body_id = OLD.body_id;
  INSERT INTO prefecture_area_step_counts (prefecture_code, area_id, body_areas, complete_areas, ms_areas, complete_ms_areas, not_started, in_progress, done, not_applicable, steps)
  VALUES (OLD.prefecture_code, OLD.area_id, -1, -(OLD.steps > 0 AND OLD.done + OLD.not_applicable = OLD.steps), -OLD.migration_support, -(OLD.migration_support AND (OLD.steps > 0 AND OLD.done + OLD.not_applicable = OLD.steps)), -OLD.not_started, -OLD.in_progress, -OLD.done, -OLD.not_applicable, -OLD.steps)
  ON CONFLICT (prefecture_code, area_id) DO UPDATE SET body_areas = body_areas + excluded.body_areas, complete_areas = complete_areas + excluded.complete_areas, ms_areas = ms_areas + excluded.ms_areas, complete_ms_areas = complete_ms_areas + excluded.complete_ms_areas, not_started = not_started + excluded.not_started, in_progress = in_progress + excluded.in_progress, done = done + excluded.done, not_applicable = not_applicable + excluded.not_applicable, steps = steps + excluded.steps;
  DELETE FROM prefecture_area_step_counts WHERE prefecture_code = OLD.prefecture_code AND area_id = OLD.area_id AND body_areas = 0;
  UPDATE body_step_counts SET
    areas = areas + 1,
    complete_areas = complete_areas + (NEW.steps > 0 AND NEW.done + NEW.not_applicable = NEW.steps),
    ms_areas = ms_areas + NEW.migration_support,
    complete_ms_areas = complete_ms_areas + (NEW.migration_support AND (NEW.steps > 0 AND NEW.done + NEW.not_applicable = NEW.steps)),
    not_started = not_started + NEW.not_started,
    in_progress = in_progress + NEW.in_progress,
    done = done + NEW.done,
    not_applicable = not_applicable + NEW.not_applicable,
    steps = steps + NEW.steps
  WHERE body_id = NEW.body_id;
  INSERT INTO prefecture_area_step_counts (prefecture_code, area_id, body_areas, complete_areas, ms_areas, complete_ms_areas, not_started, in_progress, done, not_applicable, steps)
  VALUES (NEW.prefecture_code, NEW.area_id, 1, (NEW.steps > 0 AND NEW.done + NEW.not_applicable = NEW.steps), NEW.migration_support, (NEW.migration_support AND (NEW.steps > 0 AND NEW.done + NEW.not_applicable = NEW.steps)), NEW.not_started, NEW.in_progress, NEW.done, NEW.not_applicable, NEW.steps)
  ON CONFLICT (prefecture_code, area_id) DO UPDATE SET body_areas = body_areas + excluded.body_areas, complete_areas = complete_areas + excluded.complete_areas, ms_areas = ms_areas + excluded.ms_areas, complete_ms_areas = complete_ms_areas + excluded.complete_ms_areas, not_started = not_started + excluded.not_started, in_progress = in_progress + excluded.in_progress, done = done + excluded.done, not_applicable = not_applicable + excluded.not_applicable, steps = steps + excluded.steps;
END;
--> statement-breakpoint
DELETE FROM body_area_step_counts;
--> statement-breakpoint
INSERT INTO body_area_step_counts (body_area_id, body_id, area_id, prefecture_code, migration_support, not_started, in_progress, done, not_applicable, steps) SELECT ba.id AS body_area_id, ba.body_id, ba.area_id, b.prefecture_code, ba.migration_support,
    coalesce(sum(s.status = 'not_started'), 0) AS not_started, coalesce(sum(s.status = 'in_progress'), 0) AS in_progress, coalesce(sum(s.status = 'done'), 0) AS done, coalesce(sum(s.status = 'not_applicable'), 0) AS not_applicable, count(s.step_id) AS steps
  FROM body_business_areas ba JOIN local_bodies b ON b.id = ba.body_id
  LEFT JOIN body_area_steps s ON s.body_area_id = ba.id
  GROUP BY ba.id;
--> statement-breakpoint
DELETE FROM body_step_counts;
--> statement-breakpoint
DELETE FROM prefecture_area_step_counts;
--> statement-breakpoint
INSERT INTO body_step_counts (body_id, prefecture_code, areas, complete_areas, ms_areas, complete_ms_areas, not_started, in_progress, done, not_applicable, steps) SELECT b.id AS body_id, b.prefecture_code, count(c.body_area_id) AS areas, coalesce(sum((c.steps > 0 AND c.done + c.not_applicable = c.steps)), 0) AS complete_areas,
    coalesce(sum(c.migration_support), 0) AS ms_areas, coalesce(sum(c.migration_support AND (c.steps > 0 AND c.done + c.not_applicable = c.steps)), 0) AS complete_ms_areas,
    coalesce(sum(c.not_started), 0) AS not_started, coalesce(sum(c.in_progress), 0) AS in_progress, coalesce(sum(c.done), 0) AS done, coalesce(sum(c.not_applicable), 0) AS not_applicable, coalesce(sum(c.steps), 0) AS steps
  FROM local_bodies b LEFT JOIN (SELECT ba.id AS body_area_id, ba.body_id, ba.area_id, b.prefecture_code, ba.migration_support,
    coalesce(sum(s.status = 'not_started'), 0) AS not_started, coalesce(sum(s.status = 'in_progress'), 0) AS in_progress, coalesce(sum(s.status = 'done'), 0) AS done, coalesce(sum(s.status = 'not_applicable'), 0) AS not_applicable, count(s.step_id) AS steps
  FROM body_business_areas ba JOIN local_bodies b ON b.id = ba.body_id
  LEFT JOIN body_area_steps s ON s.body_area_id = ba.id
  GROUP BY ba.id) c ON c.body_id = b.id
  GROUP BY b.id;
--> statement-breakpoint
INSERT INTO prefecture_area_step_counts (prefecture_code, area_id, body_areas, complete_areas, ms_areas, complete_ms_areas, not_started, in_progress, done, not_applicable, steps) SELECT c.prefecture_code, c.area_id, count(*) AS body_areas, sum((c.steps > 0 AND c.done + c.not_applicable = c.steps)) AS complete_areas,
    sum(c.migration_support) AS ms_areas, sum(c.migration_support AND (c.steps > 0 AND c.done + c.not_applicable = c.steps)) AS complete_ms_areas,
    sum(c.not_started) AS not_started, sum(c.in_progress) AS in_progress, sum(c.done) AS done, sum(c.not_applicable) AS not_applicable, sum(c.steps) AS steps
  FROM (SELECT ba.id AS body_area_id, ba.body_id, ba.area_id, b.prefecture_code, ba.migration_support,
    coalesce(sum(s.status = 'not_started'), 0) AS not_started, coalesce(sum(s.status = 'in_progress'), 0) AS in_progress, coalesce(sum(s.status = 'done'), 0) AS done, coalesce(sum(s.status = 'not_applicable'), 0) AS not_applicable, count(s.step_id) AS steps
  FROM body_business_areas ba JOIN local_bodies b ON b.id = ba.body_id
  LEFT JOIN body_area_steps s ON s.body_area_id = ba.id
  GROUP BY ba.id) c
  GROUP BY c.prefecture_code, c.area_id;
