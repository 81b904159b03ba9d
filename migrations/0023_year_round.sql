CREATE TABLE `mail_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`day` text NOT NULL,
	`user_id` integer NOT NULL,
	`body_id` integer,
	`email` text NOT NULL,
	`kind` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`error` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_log_user_day_uq` ON `mail_log` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `mail_log_body_idx` ON `mail_log` (`body_id`,`at`);--> statement-breakpoint
CREATE TABLE `reporting_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`fiscal_year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`due_date` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `local_bodies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "reporting_windows_quarter_ck" CHECK("reporting_windows"."quarter" BETWEEN 1 AND 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reporting_windows_body_quarter_uq` ON `reporting_windows` (`body_id`,`fiscal_year`,`quarter`);--> statement-breakpoint
CREATE TABLE `section_names` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`section_id` integer NOT NULL,
	`name` text NOT NULL,
	`valid_until` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `section_names_section_idx` ON `section_names` (`section_id`,`valid_until`);--> statement-breakpoint
ALTER TABLE `sections` ADD `retired_on` text;--> statement-breakpoint
ALTER TABLE `sections` ADD `merged_into_id` integer REFERENCES sections(id);--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `email` text;--> statement-breakpoint
CREATE INDEX `login_log_user_id_idx` ON `login_log` (`user_id`,`event`,`at`);