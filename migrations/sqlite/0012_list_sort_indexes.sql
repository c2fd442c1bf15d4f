CREATE INDEX `actions_target_sort_idx` ON `actions` (coalesce("target_date", '9999-12-31'),`id`);--> statement-breakpoint
CREATE INDEX `actions_last_update_sort_idx` ON `actions` (coalesce("last_update_at", ''),`id`);
