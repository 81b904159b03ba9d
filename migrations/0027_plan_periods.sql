CREATE TABLE `ended_plan_payloads` (
	`plan_id` integer PRIMARY KEY NOT NULL,
	`payload` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `plans` ADD `ended_on` text;--> statement-breakpoint
-- Hand-written (issue 20): a body that already had several plans keeps the latest (start year, then id) as its current
-- plan; the others end on the last day of the fiscal year before the current plan starts (today at the latest).
UPDATE `plans` SET `ended_on` = min(date('now'), (
  SELECT printf('%04d-03-31', c.start_fiscal_year) FROM plans c WHERE c.body_id = plans.body_id
  ORDER BY c.start_fiscal_year DESC, c.id DESC LIMIT 1))
WHERE `id` <> (SELECT c.id FROM plans c WHERE c.body_id = plans.body_id ORDER BY c.start_fiscal_year DESC, c.id DESC LIMIT 1);--> statement-breakpoint
CREATE UNIQUE INDEX `plans_current_uq` ON `plans` (`body_id`) WHERE ended_on IS NULL;