-- Chasing updates and email: update requests (chases), the actions they asked of each agency, their recipients and
-- reply links (hashes only), single-use account links, and the outbox every email goes through. Agencies gain a
-- senior contact for escalations; settings gain the chase's message detail, reply-link grace, reminder and
-- escalation intervals (the settings row is rebuilt for their checks, keeping what it held).
CREATE TABLE `chase_actions` (
	`chase_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`action_id` integer NOT NULL,
	PRIMARY KEY(`chase_id`, `agency_id`, `action_id`),
	FOREIGN KEY (`chase_id`) REFERENCES `chases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chase_actions_action_idx` ON `chase_actions` (`action_id`,`chase_id`);--> statement-breakpoint
CREATE INDEX `chase_actions_agency_idx` ON `chase_actions` (`agency_id`,`chase_id`);--> statement-breakpoint
CREATE TABLE `chase_recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chase_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`user_id` integer,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`link_expires_on` text NOT NULL,
	`revoked_at` text,
	`revoked_by_name` text,
	FOREIGN KEY (`chase_id`) REFERENCES `chases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `chase_recipients_chase_idx` ON `chase_recipients` (`chase_id`,`agency_id`);--> statement-breakpoint
CREATE INDEX `chase_recipients_user_idx` ON `chase_recipients` (`user_id`);--> statement-breakpoint
CREATE TABLE `chases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text DEFAULT 'chase' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by_user_id` integer,
	`created_by_name` text NOT NULL,
	`reply_by` text NOT NULL,
	`review_id` integer,
	`subgroup_id` integer,
	`agency_id` integer,
	`by_hand` integer DEFAULT false NOT NULL,
	`question` text,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`subgroup_id`) REFERENCES `subgroups`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "chases_kind_check" CHECK("chases"."kind" in ('chase', 'return'))
);
--> statement-breakpoint
CREATE INDEX `chases_created_idx` ON `chases` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `reply_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_used_at` text,
	FOREIGN KEY (`recipient_id`) REFERENCES `chase_recipients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reply_links_token_unique` ON `reply_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `reply_links_recipient_idx` ON `reply_links` (`recipient_id`);--> statement-breakpoint
CREATE TABLE `account_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by_user_id` integer,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "account_links_purpose_check" CHECK("account_links"."purpose" in ('invitation', 'password_reset'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_links_token_unique` ON `account_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `account_links_user_idx` ON `account_links` (`user_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`to_name` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`chase_id` integer,
	`reply_recipient_id` integer,
	`account_link_id` integer,
	`dedupe_key` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_error` text,
	`claimed_by` text,
	`claimed_at` text,
	`sent_at` text,
	`message_id` text,
	FOREIGN KEY (`chase_id`) REFERENCES `chases`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reply_recipient_id`) REFERENCES `chase_recipients`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`account_link_id`) REFERENCES `account_links`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "emails_kind_check" CHECK("emails"."kind" in ('chase', 'return', 'reminder', 'escalation', 'invitation', 'password_reset')),
	CONSTRAINT "emails_status_check" CHECK("emails"."status" in ('queued', 'sending', 'sent', 'logged'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emails_dedupe_unique` ON `emails` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `emails_due_idx` ON `emails` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `emails_created_idx` ON `emails` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `emails_chase_idx` ON `emails` (`chase_id`);--> statement-breakpoint
ALTER TABLE `agencies` ADD `senior_contact_name` text;--> statement-breakpoint
ALTER TABLE `agencies` ADD `senior_contact_email` text;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`partnership_name` text DEFAULT 'Safeguarding Children Partnership' NOT NULL,
	`update_cadence_days` integer DEFAULT 56 NOT NULL,
	`due_soon_days` integer DEFAULT 28 NOT NULL,
	`reply_period_days` integer DEFAULT 28 NOT NULL,
	`evidence_max_megabytes` integer DEFAULT 20 NOT NULL,
	`require_mfa_roles` text DEFAULT '[]' NOT NULL,
	`chase_message_detail` text DEFAULT 'notes' NOT NULL,
	`reply_link_grace_days` integer DEFAULT 14 NOT NULL,
	`reminder_days_before` integer DEFAULT 3 NOT NULL,
	`escalation_days_after` integer DEFAULT 7 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "settings_single_row" CHECK("__new_settings"."id" = 1),
	CONSTRAINT "settings_cadence_check" CHECK("__new_settings"."update_cadence_days" between 7 and 366),
	CONSTRAINT "settings_due_soon_check" CHECK("__new_settings"."due_soon_days" between 1 and 366),
	CONSTRAINT "settings_reply_period_check" CHECK("__new_settings"."reply_period_days" between 1 and 366),
	CONSTRAINT "settings_evidence_max_check" CHECK("__new_settings"."evidence_max_megabytes" between 1 and 100),
	CONSTRAINT "settings_chase_detail_check" CHECK("__new_settings"."chase_message_detail" in ('notes', 'refs_only')),
	CONSTRAINT "settings_reply_link_grace_check" CHECK("__new_settings"."reply_link_grace_days" between 0 and 90),
	CONSTRAINT "settings_reminder_check" CHECK("__new_settings"."reminder_days_before" between 0 and 60),
	CONSTRAINT "settings_escalation_check" CHECK("__new_settings"."escalation_days_after" between 0 and 90)
);
--> statement-breakpoint
INSERT INTO `__new_settings`("id", "partnership_name", "update_cadence_days", "due_soon_days", "reply_period_days", "evidence_max_megabytes", "require_mfa_roles", "version", "created_at", "updated_at") SELECT "id", "partnership_name", "update_cadence_days", "due_soon_days", "reply_period_days", "evidence_max_megabytes", "require_mfa_roles", "version", "created_at", "updated_at" FROM `settings`;--> statement-breakpoint
DROP TABLE `settings`;--> statement-breakpoint
ALTER TABLE `__new_settings` RENAME TO `settings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `progress_updates_agency_created_idx` ON `progress_updates` (`agency_id`,`created_at`);