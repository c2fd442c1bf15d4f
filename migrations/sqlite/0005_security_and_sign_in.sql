CREATE TABLE `sign_in_addresses` (
	`user_id` integer NOT NULL,
	`ip` text NOT NULL,
	`last_success_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `ip`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_on` text NOT NULL,
	`subgroup_id` integer,
	`agency_id` integer,
	`revoked_at` text,
	`last_used_at` text,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`subgroup_id`) REFERENCES `subgroups`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `mfa_challenges` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`ip` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mfa_challenges_expires_idx` ON `mfa_challenges` (`expires_at`);--> statement-breakpoint
CREATE TABLE `mfa_recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mfa_recovery_codes_user_idx` ON `mfa_recovery_codes` (`user_id`);--> statement-breakpoint
CREATE TABLE `oidc_logins` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`return_to` text DEFAULT '/' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oidc_logins_expires_idx` ON `oidc_logins` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sso_domains` (
	`domain` text PRIMARY KEY NOT NULL,
	`roles` text NOT NULL,
	`agency_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by_user_id` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
-- A chair's comment is a fourth kind of entry in an action's history, which widens the kind check and so
-- rebuilds progress_updates. progress_update_files refers to it and holds rows already, so it is set aside
-- first and made again after (with its index and guards), inside the migration's one transaction; the triggers
-- on progress_updates (full-text notes, append-only guards) go with the old table and are made again below.
-- evidence_files' delete guard names progress_update_files and is made again too.
CREATE TABLE `__progress_update_files_copy` AS SELECT `progress_update_id`, `evidence_file_id` FROM `progress_update_files`;--> statement-breakpoint
DROP TRIGGER `evidence_files_no_delete`;--> statement-breakpoint
DROP TABLE `progress_update_files`;--> statement-breakpoint
CREATE TABLE `__new_progress_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`author_name` text NOT NULL,
	`author_user_id` integer,
	`agency_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`kind` text DEFAULT 'progress' NOT NULL,
	`note` text NOT NULL,
	`confidence` text,
	`status_from` text,
	`status_to` text,
	`evidence` text DEFAULT '[]' NOT NULL,
	`evidence_of_impact` text,
	`reason` text,
	`question` text,
	`reply_by` text,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "progress_updates_kind_check" CHECK("kind" in ('progress', 'assurance', 'return', 'comment')),
	CONSTRAINT "progress_updates_confidence_check" CHECK(("kind" = 'progress' and "confidence" in ('on_track', 'at_risk', 'off_track')) or ("kind" <> 'progress' and "confidence" is null)),
	CONSTRAINT "progress_updates_return_check" CHECK("kind" <> 'return' or ("question" is not null and "reply_by" is not null)),
	CONSTRAINT "progress_updates_status_check" CHECK(("status_from" is null and "status_to" is null) or ("status_from" in ('not_started', 'in_progress', 'completed', 'assured', 'withdrawn') and "status_to" in ('not_started', 'in_progress', 'completed', 'assured', 'withdrawn')))
);
--> statement-breakpoint
INSERT INTO `__new_progress_updates`("id", "action_id", "author_name", "author_user_id", "agency_id", "created_at", "kind", "note", "confidence", "status_from", "status_to", "evidence", "evidence_of_impact", "reason", "question", "reply_by") SELECT "id", "action_id", "author_name", "author_user_id", "agency_id", "created_at", "kind", "note", "confidence", "status_from", "status_to", "evidence", "evidence_of_impact", "reason", "question", "reply_by" FROM `progress_updates`;--> statement-breakpoint
DROP TABLE `progress_updates`;--> statement-breakpoint
ALTER TABLE `__new_progress_updates` RENAME TO `progress_updates`;--> statement-breakpoint
CREATE INDEX `progress_updates_action_created_idx` ON `progress_updates` (`action_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `progress_updates_status_change_idx` ON `progress_updates` (`action_id`,`created_at`) WHERE "progress_updates"."status_to" is not null;--> statement-breakpoint
CREATE TRIGGER `progress_updates_fts_after_insert` AFTER INSERT ON `progress_updates` BEGIN
  UPDATE actions_fts SET notes = notes || ' ' || NEW.note WHERE rowid = NEW.action_id;
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_no_update` BEFORE UPDATE ON `progress_updates` BEGIN
  SELECT RAISE(ABORT, 'progress updates are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_no_delete` BEFORE DELETE ON `progress_updates` BEGIN
  SELECT RAISE(ABORT, 'progress updates are append-only');
END;
--> statement-breakpoint
CREATE TABLE `progress_update_files` (
	`progress_update_id` integer NOT NULL,
	`evidence_file_id` integer NOT NULL,
	PRIMARY KEY(`progress_update_id`, `evidence_file_id`),
	FOREIGN KEY (`progress_update_id`) REFERENCES `progress_updates`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`evidence_file_id`) REFERENCES `evidence_files`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
INSERT INTO `progress_update_files` SELECT `progress_update_id`, `evidence_file_id` FROM `__progress_update_files_copy`;--> statement-breakpoint
DROP TABLE `__progress_update_files_copy`;--> statement-breakpoint
CREATE INDEX `progress_update_files_file_idx` ON `progress_update_files` (`evidence_file_id`);--> statement-breakpoint
CREATE TRIGGER `evidence_files_no_delete` BEFORE DELETE ON `evidence_files` WHEN EXISTS (SELECT 1 FROM progress_update_files WHERE evidence_file_id = OLD.id) BEGIN
  SELECT RAISE(ABORT, 'evidence files cited by a progress update are kept for good');
END;
--> statement-breakpoint
CREATE TRIGGER `progress_update_files_no_update` BEFORE UPDATE ON `progress_update_files` BEGIN
  SELECT RAISE(ABORT, 'progress updates are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `progress_update_files_no_delete` BEFORE DELETE ON `progress_update_files` BEGIN
  SELECT RAISE(ABORT, 'progress updates are append-only');
END;
--> statement-breakpoint
ALTER TABLE `settings` ADD `require_mfa_roles` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `password_changed_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_pending_secret` text;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_enabled_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_last_step` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_oidc_subject_unique` ON `users` (`oidc_subject`);