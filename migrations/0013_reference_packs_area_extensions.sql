CREATE TABLE `national_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`definition` text DEFAULT '' NOT NULL,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`as_of` text,
	`fiscal_year` integer,
	`needs_verification` integer DEFAULT false NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `national_figures_code_uq` ON `national_figures` (`code`);--> statement-breakpoint
CREATE TABLE `reference_pack_contents` (
	`pack_id` integer PRIMARY KEY NOT NULL,
	`content` text NOT NULL,
	FOREIGN KEY (`pack_id`) REFERENCES `reference_packs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reference_packs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` text NOT NULL,
	`title` text NOT NULL,
	`published_on` text NOT NULL,
	`status` text NOT NULL,
	`previous_id` integer,
	`user_id` integer,
	`user_name` text DEFAULT '' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `reference_packs_status_idx` ON `reference_packs` (`status`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_deadline_extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deadline_id` integer NOT NULL,
	`body_id` integer,
	`item_id` integer,
	`area_id` integer,
	`extended_due_date` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`source_text` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`deadline_id`) REFERENCES `national_deadlines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`body_id`) REFERENCES `local_bodies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `plan_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `business_areas`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "deadline_extensions_scope_ck" CHECK("__new_deadline_extensions"."body_id" IS NOT NULL OR "__new_deadline_extensions"."item_id" IS NOT NULL),
	CONSTRAINT "deadline_extensions_area_ck" CHECK("__new_deadline_extensions"."area_id" IS NULL OR ("__new_deadline_extensions"."body_id" IS NOT NULL AND "__new_deadline_extensions"."item_id" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_deadline_extensions`("id", "deadline_id", "body_id", "item_id", "area_id", "extended_due_date", "reason", "source_text", "created_at") SELECT "id", "deadline_id", "body_id", "item_id", NULL, "extended_due_date", "reason", "source_text", "created_at" FROM `deadline_extensions`;--> statement-breakpoint
DROP TABLE `deadline_extensions`;--> statement-breakpoint
ALTER TABLE `__new_deadline_extensions` RENAME TO `deadline_extensions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `deadline_extensions_area_idx` ON `deadline_extensions` (`body_id`,`area_id`);--> statement-breakpoint
CREATE INDEX `deadline_extensions_deadline_idx` ON `deadline_extensions` (`deadline_id`);--> statement-breakpoint
CREATE INDEX `deadline_extensions_body_idx` ON `deadline_extensions` (`body_id`);--> statement-breakpoint
CREATE INDEX `deadline_extensions_item_idx` ON `deadline_extensions` (`item_id`);--> statement-breakpoint
ALTER TABLE `kpis` ADD `benchmark_code` text;--> statement-breakpoint
ALTER TABLE `national_deadlines` ADD `date_precision` text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE `national_deadlines` ADD `sources` text DEFAULT '[]' NOT NULL;