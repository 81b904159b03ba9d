CREATE TABLE `body_area_step_counts` (
	`body_area_id` integer PRIMARY KEY NOT NULL,
	`body_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`prefecture_code` text NOT NULL,
	`migration_support` integer DEFAULT 0 NOT NULL,
	`not_started` integer DEFAULT 0 NOT NULL,
	`in_progress` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`not_applicable` integer DEFAULT 0 NOT NULL,
	`steps` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `body_area_step_counts_body_idx` ON `body_area_step_counts` (`body_id`);--> statement-breakpoint
CREATE TABLE `body_step_counts` (
	`body_id` integer PRIMARY KEY NOT NULL,
	`prefecture_code` text NOT NULL,
	`areas` integer DEFAULT 0 NOT NULL,
	`complete_areas` integer DEFAULT 0 NOT NULL,
	`ms_areas` integer DEFAULT 0 NOT NULL,
	`complete_ms_areas` integer DEFAULT 0 NOT NULL,
	`not_started` integer DEFAULT 0 NOT NULL,
	`in_progress` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`not_applicable` integer DEFAULT 0 NOT NULL,
	`steps` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `body_step_counts_prefecture_idx` ON `body_step_counts` (`prefecture_code`);--> statement-breakpoint
CREATE TABLE `prefecture_area_step_counts` (
	`prefecture_code` text NOT NULL,
	`area_id` integer NOT NULL,
	`body_areas` integer DEFAULT 0 NOT NULL,
	`complete_areas` integer DEFAULT 0 NOT NULL,
	`ms_areas` integer DEFAULT 0 NOT NULL,
	`complete_ms_areas` integer DEFAULT 0 NOT NULL,
	`not_started` integer DEFAULT 0 NOT NULL,
	`in_progress` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`not_applicable` integer DEFAULT 0 NOT NULL,
	`steps` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`prefecture_code`, `area_id`)
);
