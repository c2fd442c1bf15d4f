CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by_user_id` integer,
	`created_by_name` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`sheet_name` text,
	`header_row` integer NOT NULL,
	`headings` text NOT NULL,
	`cells` text NOT NULL,
	`read_warnings` text DEFAULT '[]' NOT NULL,
	`mapping` text NOT NULL,
	`agency_matches` text DEFAULT '[]' NOT NULL,
	`leave_out` text DEFAULT '[]' NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`committed_at` text,
	`result` text,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "imports_format_check" CHECK("imports"."format" in ('csv', 'xlsx')),
	CONSTRAINT "imports_state_check" CHECK("imports"."state" in ('draft', 'committed'))
);
--> statement-breakpoint
CREATE INDEX `imports_review_idx` ON `imports` (`review_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `progress_updates` ADD `imported_from` text;