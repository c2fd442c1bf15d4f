CREATE TABLE `action_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`changed_at` text NOT NULL,
	`version` integer NOT NULL,
	`ref` text NOT NULL,
	`recommendation_id` integer,
	`kind` text NOT NULL,
	`owner_agency_id` integer NOT NULL,
	`learning_need` text NOT NULL,
	`action` text NOT NULL,
	`success_measure` text NOT NULL,
	`target_date` text,
	`subgroup_id` integer
);
--> statement-breakpoint
CREATE INDEX `action_revisions_action_changed_idx` ON `action_revisions` (`action_id`,`changed_at`,`id`);--> statement-breakpoint
CREATE TABLE `recommendation_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recommendation_id` integer NOT NULL,
	`changed_at` text NOT NULL,
	`version` integer NOT NULL,
	`number` integer NOT NULL,
	`text` text NOT NULL,
	`addressee` text NOT NULL,
	`lead_agency_id` integer,
	`subgroup_id` integer,
	`target_date` text
);
--> statement-breakpoint
CREATE INDEX `recommendation_revisions_changed_idx` ON `recommendation_revisions` (`recommendation_id`,`changed_at`,`id`);--> statement-breakpoint
CREATE TABLE `review_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`changed_at` text NOT NULL,
	`version` integer NOT NULL,
	`code` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`stage` text NOT NULL,
	`notified_on` text,
	`rapid_review_on` text,
	`started_on` text,
	`completed_on` text,
	`published_on` text,
	`subgroup_id` integer
);
--> statement-breakpoint
CREATE INDEX `review_revisions_changed_idx` ON `review_revisions` (`review_id`,`changed_at`,`id`);--> statement-breakpoint
CREATE TABLE `settings_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`changed_at` text NOT NULL,
	`update_cadence_days` integer NOT NULL,
	`due_soon_days` integer NOT NULL,
	`partnership_name` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `settings_revisions_changed_idx` ON `settings_revisions` (`changed_at`,`id`);--> statement-breakpoint
CREATE TABLE `snapshot_actions` (
	`snapshot_id` integer NOT NULL,
	`action_id` integer NOT NULL,
	`ref` text NOT NULL,
	`review_id` integer NOT NULL,
	`subgroup_id` integer,
	`owner_agency_id` integer NOT NULL,
	`status` text NOT NULL,
	`brag` text,
	`overdue` integer NOT NULL,
	`stale` integer NOT NULL,
	`target_date` text,
	PRIMARY KEY(`snapshot_id`, `action_id`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "snapshot_actions_status_check" CHECK("snapshot_actions"."status" in ('not_started', 'in_progress', 'completed', 'assured', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`as_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by_user_id` integer,
	`created_by_name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `snapshots_name_unique` ON `snapshots` (lower("name"));
--> statement-breakpoint
-- Every change of a action's reported fields keeps the state before it, in the same transaction.
CREATE TRIGGER `actions_keep_revision` AFTER UPDATE ON `actions` WHEN OLD.`ref` IS NOT NEW.`ref` OR OLD.`recommendation_id` IS NOT NEW.`recommendation_id` OR OLD.`kind` IS NOT NEW.`kind` OR OLD.`owner_agency_id` IS NOT NEW.`owner_agency_id` OR OLD.`learning_need` IS NOT NEW.`learning_need` OR OLD.`action` IS NOT NEW.`action` OR OLD.`success_measure` IS NOT NEW.`success_measure` OR OLD.`target_date` IS NOT NEW.`target_date` OR OLD.`subgroup_id` IS NOT NEW.`subgroup_id` BEGIN
  INSERT INTO `action_revisions` (`action_id`, `changed_at`, `version`, `ref`, `recommendation_id`, `kind`, `owner_agency_id`, `learning_need`, `action`, `success_measure`, `target_date`, `subgroup_id`) VALUES (OLD.`id`, CASE WHEN NEW.`updated_at` IS NOT OLD.`updated_at` THEN NEW.`updated_at` ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END, OLD.`version`, OLD.`ref`, OLD.`recommendation_id`, OLD.`kind`, OLD.`owner_agency_id`, OLD.`learning_need`, OLD.`action`, OLD.`success_measure`, OLD.`target_date`, OLD.`subgroup_id`);
END;
--> statement-breakpoint
-- Every change of a recommendation's reported fields keeps the state before it, in the same transaction.
CREATE TRIGGER `recommendations_keep_revision` AFTER UPDATE ON `recommendations` WHEN OLD.`number` IS NOT NEW.`number` OR OLD.`text` IS NOT NEW.`text` OR OLD.`addressee` IS NOT NEW.`addressee` OR OLD.`lead_agency_id` IS NOT NEW.`lead_agency_id` OR OLD.`subgroup_id` IS NOT NEW.`subgroup_id` OR OLD.`target_date` IS NOT NEW.`target_date` BEGIN
  INSERT INTO `recommendation_revisions` (`recommendation_id`, `changed_at`, `version`, `number`, `text`, `addressee`, `lead_agency_id`, `subgroup_id`, `target_date`) VALUES (OLD.`id`, CASE WHEN NEW.`updated_at` IS NOT OLD.`updated_at` THEN NEW.`updated_at` ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END, OLD.`version`, OLD.`number`, OLD.`text`, OLD.`addressee`, OLD.`lead_agency_id`, OLD.`subgroup_id`, OLD.`target_date`);
END;
--> statement-breakpoint
-- Every change of a review's reported fields keeps the state before it, in the same transaction.
CREATE TRIGGER `reviews_keep_revision` AFTER UPDATE ON `reviews` WHEN OLD.`code` IS NOT NEW.`code` OR OLD.`type` IS NOT NEW.`type` OR OLD.`title` IS NOT NEW.`title` OR OLD.`stage` IS NOT NEW.`stage` OR OLD.`notified_on` IS NOT NEW.`notified_on` OR OLD.`rapid_review_on` IS NOT NEW.`rapid_review_on` OR OLD.`started_on` IS NOT NEW.`started_on` OR OLD.`completed_on` IS NOT NEW.`completed_on` OR OLD.`published_on` IS NOT NEW.`published_on` OR OLD.`subgroup_id` IS NOT NEW.`subgroup_id` BEGIN
  INSERT INTO `review_revisions` (`review_id`, `changed_at`, `version`, `code`, `type`, `title`, `stage`, `notified_on`, `rapid_review_on`, `started_on`, `completed_on`, `published_on`, `subgroup_id`) VALUES (OLD.`id`, CASE WHEN NEW.`updated_at` IS NOT OLD.`updated_at` THEN NEW.`updated_at` ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END, OLD.`version`, OLD.`code`, OLD.`type`, OLD.`title`, OLD.`stage`, OLD.`notified_on`, OLD.`rapid_review_on`, OLD.`started_on`, OLD.`completed_on`, OLD.`published_on`, OLD.`subgroup_id`);
END;
--> statement-breakpoint
-- The settings the rules use, before each change: a past day is rated with the cadence in force then.
CREATE TRIGGER `settings_keep_revision` AFTER UPDATE ON `settings` WHEN OLD.`update_cadence_days` IS NOT NEW.`update_cadence_days` OR OLD.`due_soon_days` IS NOT NEW.`due_soon_days` OR OLD.`partnership_name` IS NOT NEW.`partnership_name` BEGIN
  INSERT INTO `settings_revisions` (`changed_at`, `update_cadence_days`, `due_soon_days`, `partnership_name`) VALUES (CASE WHEN NEW.`updated_at` IS NOT OLD.`updated_at` THEN NEW.`updated_at` ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END, OLD.`update_cadence_days`, OLD.`due_soon_days`, OLD.`partnership_name`);
END;
--> statement-breakpoint
CREATE TRIGGER `action_revisions_no_update` BEFORE UPDATE ON `action_revisions` BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `action_revisions_no_delete` BEFORE DELETE ON `action_revisions` BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `recommendation_revisions_no_update` BEFORE UPDATE ON `recommendation_revisions` BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `recommendation_revisions_no_delete` BEFORE DELETE ON `recommendation_revisions` BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `review_revisions_no_update` BEFORE UPDATE ON `review_revisions` BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `review_revisions_no_delete` BEFORE DELETE ON `review_revisions` BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `settings_revisions_no_update` BEFORE UPDATE ON `settings_revisions` BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `settings_revisions_no_delete` BEFORE DELETE ON `settings_revisions` BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `snapshots_no_update` BEFORE UPDATE ON `snapshots` BEGIN
  SELECT RAISE(ABORT, 'a board snapshot cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `snapshots_no_delete` BEFORE DELETE ON `snapshots` BEGIN
  SELECT RAISE(ABORT, 'a board snapshot cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_actions_no_update` BEFORE UPDATE ON `snapshot_actions` BEGIN
  SELECT RAISE(ABORT, 'a board snapshot cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `snapshot_actions_no_delete` BEFORE DELETE ON `snapshot_actions` BEGIN
  SELECT RAISE(ABORT, 'a board snapshot cannot be changed');
END;
