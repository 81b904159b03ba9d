CREATE TABLE `body_last_reports` (
	`body_id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `item_milestone_counts` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`plan_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`not_started` integer DEFAULT 0 NOT NULL,
	`in_progress` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`not_applicable` integer DEFAULT 0 NOT NULL,
	`done_on_time` integer DEFAULT 0 NOT NULL,
	`done_late` integer DEFAULT 0 NOT NULL,
	`first_open_date` text
);
--> statement-breakpoint
CREATE INDEX `item_milestone_counts_plan_idx` ON `item_milestone_counts` (`plan_id`,`category_id`);--> statement-breakpoint
CREATE TABLE `plan_category_counts` (
	`plan_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`items` integer DEFAULT 0 NOT NULL,
	`open_items` integer DEFAULT 0 NOT NULL,
	`not_started` integer DEFAULT 0 NOT NULL,
	`in_progress` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`not_applicable` integer DEFAULT 0 NOT NULL,
	`done_on_time` integer DEFAULT 0 NOT NULL,
	`done_late` integer DEFAULT 0 NOT NULL,
	`first_open_date` text,
	PRIMARY KEY(`plan_id`, `category_id`)
);
--> statement-breakpoint
CREATE TABLE `plan_category_dates` (
	`plan_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`planned_date` text NOT NULL,
	`applicable` integer DEFAULT 0 NOT NULL,
	`open` integer DEFAULT 0 NOT NULL,
	`first_open_items` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`plan_id`, `category_id`, `planned_date`)
);
--> statement-breakpoint
CREATE INDEX `plan_category_dates_date_idx` ON `plan_category_dates` (`planned_date`);