ALTER TABLE `kpis` ADD `allowed_min` real;--> statement-breakpoint
ALTER TABLE `kpis` ADD `allowed_max` real;