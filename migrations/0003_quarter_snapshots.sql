CREATE TABLE `quarter_snapshot_payloads` (
	`snapshot_id` integer PRIMARY KEY NOT NULL,
	`payload` text NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `quarter_snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `quarter_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`fiscal_year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`as_of` text NOT NULL,
	`status` text DEFAULT 'closed' NOT NULL,
	`closed_by` integer,
	`closed_by_name` text DEFAULT '' NOT NULL,
	`closed_at` text NOT NULL,
	`reopened_by` integer,
	`reopened_by_name` text,
	`reopened_at` text,
	`reopen_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `local_bodies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reopened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "quarter_snapshots_quarter_ck" CHECK("quarter_snapshots"."quarter" BETWEEN 1 AND 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quarter_snapshots_body_quarter_uq` ON `quarter_snapshots` (`body_id`,`fiscal_year`,`quarter`);--> statement-breakpoint
CREATE TABLE `snapshot_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`snapshot_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`decision` text NOT NULL,
	`user_id` integer,
	`username` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`snapshot_id`) REFERENCES `quarter_snapshots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `snapshot_decisions_item_uq` ON `snapshot_decisions` (`snapshot_id`,`item_id`);