ALTER TABLE `kpis` ADD `value_kind` text DEFAULT 'point' NOT NULL;--> statement-breakpoint
ALTER TABLE `kpis` ADD `period_entry` text DEFAULT 'year_to_date' NOT NULL;--> statement-breakpoint
ALTER TABLE `milestones` ADD `national_deadline_id` integer REFERENCES national_deadlines(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `milestones_deadline_idx` ON `milestones` (`national_deadline_id`);--> statement-breakpoint
-- A national deadline applies to the milestone that answers it. Existing item-level links move to the
-- item's last milestone (latest planned date; then display order, then id). An item without milestones
-- keeps no link (there is no step to judge; it shows as 未計画 until it gets a schedule).
UPDATE `milestones` SET `national_deadline_id` = (SELECT `national_deadline_id` FROM `plan_items` WHERE `plan_items`.`id` = `milestones`.`item_id`)
WHERE `id` IN (
  SELECT (SELECT m.`id` FROM `milestones` m WHERE m.`item_id` = i.`id` ORDER BY m.`planned_date` DESC, m.`sort_order` DESC, m.`id` DESC LIMIT 1)
  FROM `plan_items` i WHERE i.`national_deadline_id` IS NOT NULL
);--> statement-breakpoint
UPDATE `plan_items` SET `national_deadline_id` = NULL WHERE `national_deadline_id` IS NOT NULL;
