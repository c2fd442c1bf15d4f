CREATE TABLE `target_date_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`from_date` text,
	`to_date` text,
	`reason` text NOT NULL,
	`decided_by_user_id` integer,
	`decided_by_name` text NOT NULL,
	`changed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`request_id` integer,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`request_id`) REFERENCES `target_date_requests`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `target_date_changes_action_idx` ON `target_date_changes` (`action_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `target_date_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`current_target_date` text,
	`requested_target_date` text NOT NULL,
	`reason` text NOT NULL,
	`requested_by_user_id` integer,
	`requested_by_name` text NOT NULL,
	`agency_id` integer,
	`requested_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`decided_by_user_id` integer,
	`decided_by_name` text,
	`decided_at` text,
	`decision_note` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "target_date_requests_state_check" CHECK("target_date_requests"."state" in ('pending', 'agreed', 'refused')),
	CONSTRAINT "target_date_requests_decision_check" CHECK(("target_date_requests"."state" = 'pending' and "target_date_requests"."decided_at" is null) or ("target_date_requests"."state" <> 'pending' and "target_date_requests"."decided_at" is not null and "target_date_requests"."decided_by_name" is not null))
);
--> statement-breakpoint
CREATE INDEX `target_date_requests_action_idx` ON `target_date_requests` (`action_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `target_date_requests_pending_idx` ON `target_date_requests` (`state`) WHERE "target_date_requests"."state" = 'pending';--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`content_type` text NOT NULL,
	`uploaded_by_user_id` integer,
	`uploaded_by_name` text NOT NULL,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `evidence_files_sha256_idx` ON `evidence_files` (`sha256`);--> statement-breakpoint
CREATE INDEX `evidence_files_uploader_idx` ON `evidence_files` (`uploaded_by_user_id`);--> statement-breakpoint
CREATE TABLE `progress_update_files` (
	`progress_update_id` integer NOT NULL,
	`evidence_file_id` integer NOT NULL,
	PRIMARY KEY(`progress_update_id`, `evidence_file_id`),
	FOREIGN KEY (`progress_update_id`) REFERENCES `progress_updates`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`evidence_file_id`) REFERENCES `evidence_files`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `progress_update_files_file_idx` ON `progress_update_files` (`evidence_file_id`);--> statement-breakpoint
-- Progress updates gain a kind (a sign-off decision carries no confidence), a return's question and its reply-by
-- day. Making confidence nullable rebuilds the table; nothing references it yet but the new, empty
-- progress_update_files, and the rebuild runs inside the migration's transaction, so the triggers on the old
-- table (full-text notes, append-only guards) are dropped with it and made again below.
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
	CONSTRAINT "progress_updates_kind_check" CHECK("kind" in ('progress', 'assurance', 'return')),
	CONSTRAINT "progress_updates_confidence_check" CHECK(("kind" = 'progress' and "confidence" in ('on_track', 'at_risk', 'off_track')) or ("kind" <> 'progress' and "confidence" is null)),
	CONSTRAINT "progress_updates_return_check" CHECK("kind" <> 'return' or ("question" is not null and "reply_by" is not null)),
	CONSTRAINT "progress_updates_status_check" CHECK(("status_from" is null and "status_to" is null) or ("status_from" in ('not_started', 'in_progress', 'completed', 'assured', 'withdrawn') and "status_to" in ('not_started', 'in_progress', 'completed', 'assured', 'withdrawn')))
);
--> statement-breakpoint
INSERT INTO `__new_progress_updates`("id", "action_id", "author_name", "author_user_id", "agency_id", "created_at", "kind", "note", "confidence", "status_from", "status_to", "evidence", "evidence_of_impact", "reason") SELECT "id", "action_id", "author_name", "author_user_id", "agency_id", "created_at", 'progress', "note", "confidence", "status_from", "status_to", "evidence", "evidence_of_impact", "reason" FROM `progress_updates`;--> statement-breakpoint
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
-- Actions and settings gain columns in place (a rebuild of actions would cascade to its link tables); their
-- checks are column constraints here, the same rules as the schema's table constraints.
ALTER TABLE `actions` ADD `returned_at` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `returned_question` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `returned_reply_by` text CONSTRAINT "actions_returned_check" CHECK(("returned_at" is null and "returned_question" is null and "returned_reply_by" is null) or ("status" = 'in_progress' and "returned_at" is not null and "returned_question" is not null and "returned_reply_by" is not null));--> statement-breakpoint
ALTER TABLE `settings` ADD `reply_period_days` integer DEFAULT 28 NOT NULL CONSTRAINT "settings_reply_period_check" CHECK("reply_period_days" between 1 and 366);--> statement-breakpoint
ALTER TABLE `settings` ADD `evidence_max_megabytes` integer DEFAULT 20 NOT NULL CONSTRAINT "settings_evidence_max_check" CHECK("evidence_max_megabytes" between 1 and 100);--> statement-breakpoint
-- The history of target dates, evidence documents and the files a progress update cites are never rewritten.
CREATE TRIGGER `target_date_changes_no_update` BEFORE UPDATE ON `target_date_changes` BEGIN
  SELECT RAISE(ABORT, 'the target date history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `target_date_changes_no_delete` BEFORE DELETE ON `target_date_changes` BEGIN
  SELECT RAISE(ABORT, 'the target date history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_files_no_update` BEFORE UPDATE ON `evidence_files` BEGIN
  SELECT RAISE(ABORT, 'evidence files are append-only');
END;
--> statement-breakpoint
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
