CREATE TABLE `login_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`event` text NOT NULL,
	`username` text NOT NULL,
	`user_id` integer,
	`body_id` integer,
	`ip` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`bucket` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_log_at_idx` ON `login_log` (`at`);--> statement-breakpoint
CREATE INDEX `login_log_user_idx` ON `login_log` (`username`,`bucket`,`at`);--> statement-breakpoint
CREATE INDEX `login_log_ip_idx` ON `login_log` (`ip`,`at`);--> statement-breakpoint
CREATE INDEX `login_log_body_idx` ON `login_log` (`body_id`,`at`);--> statement-breakpoint
CREATE TABLE `trusted_devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trusted_devices_token_user_uq` ON `trusted_devices` (`token_hash`,`user_id`);--> statement-breakpoint
CREATE INDEX `trusted_devices_user_idx` ON `trusted_devices` (`user_id`);--> statement-breakpoint
DROP TABLE `login_failures`;