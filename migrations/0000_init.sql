CREATE TABLE `body_area_steps` (
	`body_area_id` integer NOT NULL,
	`step_id` integer NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`body_area_id`) REFERENCES `body_business_areas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`step_id`) REFERENCES `standardization_steps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `body_area_steps_pk` ON `body_area_steps` (`body_area_id`,`step_id`);--> statement-breakpoint
CREATE TABLE `body_business_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`section_id` integer,
	`item_id` integer,
	`migration_support` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `local_bodies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `business_areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`item_id`) REFERENCES `plan_items`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `body_business_areas_uq` ON `body_business_areas` (`body_id`,`area_id`);--> statement-breakpoint
CREATE TABLE `business_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `business_areas_code_uq` ON `business_areas` (`code`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`is_core` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_code_uq` ON `categories` (`code`);--> statement-breakpoint
CREATE TABLE `deadline_extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deadline_id` integer NOT NULL,
	`body_id` integer,
	`item_id` integer,
	`extended_due_date` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`source_text` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`deadline_id`) REFERENCES `national_deadlines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`body_id`) REFERENCES `local_bodies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `plan_items`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "deadline_extensions_scope_ck" CHECK("deadline_extensions"."body_id" IS NOT NULL OR "deadline_extensions"."item_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `deadline_extensions_deadline_idx` ON `deadline_extensions` (`deadline_id`);--> statement-breakpoint
CREATE INDEX `deadline_extensions_body_idx` ON `deadline_extensions` (`body_id`);--> statement-breakpoint
CREATE INDEX `deadline_extensions_item_idx` ON `deadline_extensions` (`item_id`);--> statement-breakpoint
CREATE TABLE `kpi_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kpi_id` integer NOT NULL,
	`fiscal_year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`value` real NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`is_sample` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`kpi_id`) REFERENCES `kpis`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "kpi_values_quarter_ck" CHECK("kpi_values"."quarter" BETWEEN 0 AND 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_values_period_uq` ON `kpi_values` (`kpi_id`,`fiscal_year`,`quarter`);--> statement-breakpoint
CREATE TABLE `kpis` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`item_id` integer,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`baseline_value` real NOT NULL,
	`baseline_fiscal_year` integer NOT NULL,
	`target_value` real NOT NULL,
	`target_fiscal_year` integer NOT NULL,
	`benchmark_value` real,
	`benchmark_label` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`is_sample` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `local_bodies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `plan_items`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "kpis_period_ck" CHECK("kpis"."baseline_fiscal_year" <= "kpis"."target_fiscal_year")
);
--> statement-breakpoint
CREATE INDEX `kpis_body_idx` ON `kpis` (`body_id`);--> statement-breakpoint
CREATE INDEX `kpis_item_idx` ON `kpis` (`item_id`);--> statement-breakpoint
CREATE TABLE `local_bodies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`prefecture_code` text NOT NULL,
	`prefecture_name` text NOT NULL,
	`kind` text NOT NULL,
	`population` integer,
	`is_sample` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `local_bodies_code_uq` ON `local_bodies` (`code`);--> statement-breakpoint
CREATE INDEX `local_bodies_prefecture_idx` ON `local_bodies` (`prefecture_code`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`title` text NOT NULL,
	`planned_start_date` text,
	`planned_date` text NOT NULL,
	`actual_start_date` text,
	`actual_date` text,
	`status` text DEFAULT 'not_started' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`is_sample` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `plan_items`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "milestones_done_has_date_ck" CHECK(("milestones"."status" = 'done') = ("milestones"."actual_date" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `milestones_item_idx` ON `milestones` (`item_id`);--> statement-breakpoint
CREATE TABLE `national_deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	`category_id` integer,
	`source_text` text DEFAULT '' NOT NULL,
	`needs_verification` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `national_deadlines_code_uq` ON `national_deadlines` (`code`);--> statement-breakpoint
CREATE TABLE `plan_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`section_id` integer NOT NULL,
	`parent_id` integer,
	`national_deadline_id` integer,
	`title` text NOT NULL,
	`target_fiscal_year` integer NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`is_sample` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `plan_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`national_deadline_id`) REFERENCES `national_deadlines`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `plan_items_plan_idx` ON `plan_items` (`plan_id`);--> statement-breakpoint
CREATE INDEX `plan_items_section_idx` ON `plan_items` (`section_id`);--> statement-breakpoint
CREATE INDEX `plan_items_category_idx` ON `plan_items` (`category_id`);--> statement-breakpoint
CREATE INDEX `plan_items_parent_idx` ON `plan_items` (`parent_id`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`title` text NOT NULL,
	`start_fiscal_year` integer NOT NULL,
	`end_fiscal_year` integer NOT NULL,
	`adopted_on` text,
	`source_text` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `local_bodies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "plans_period_ck" CHECK("plans"."start_fiscal_year" <= "plans"."end_fiscal_year")
);
--> statement-breakpoint
CREATE INDEX `plans_body_idx` ON `plans` (`body_id`);--> statement-breakpoint
CREATE TABLE `sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `local_bodies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sections_body_name_uq` ON `sections` (`body_id`,`name`);--> statement-breakpoint
CREATE TABLE `standardization_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`phase` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standardization_steps_code_uq` ON `standardization_steps` (`code`);