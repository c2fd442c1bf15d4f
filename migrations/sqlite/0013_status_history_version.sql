ALTER TABLE `plan_version` ADD `history_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TRIGGER `actions_insert_moves_history_version` AFTER INSERT ON `actions` BEGIN
  UPDATE `plan_version` SET `history_version` = `history_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `actions_delete_moves_history_version` AFTER DELETE ON `actions` BEGIN
  UPDATE `plan_version` SET `history_version` = `history_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `actions_belonging_moves_history_version` AFTER UPDATE OF `created_at`, `review_id`, `owner_agency_id`, `subgroup_id` ON `actions`
WHEN OLD.`created_at` IS NOT NEW.`created_at` OR OLD.`review_id` IS NOT NEW.`review_id` OR OLD.`owner_agency_id` IS NOT NEW.`owner_agency_id` OR OLD.`subgroup_id` IS NOT NEW.`subgroup_id` BEGIN
  UPDATE `plan_version` SET `history_version` = `history_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `action_agencies_insert_moves_history_version` AFTER INSERT ON `action_agencies` BEGIN
  UPDATE `plan_version` SET `history_version` = `history_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `action_agencies_update_moves_history_version` AFTER UPDATE ON `action_agencies` BEGIN
  UPDATE `plan_version` SET `history_version` = `history_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `action_agencies_delete_moves_history_version` AFTER DELETE ON `action_agencies` BEGIN
  UPDATE `plan_version` SET `history_version` = `history_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_status_insert_moves_history_version` AFTER INSERT ON `progress_updates` WHEN NEW.`status_to` IS NOT NULL BEGIN
  UPDATE `plan_version` SET `history_version` = `history_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_status_update_moves_history_version` AFTER UPDATE OF `status_to`, `created_at`, `action_id` ON `progress_updates` BEGIN
  UPDATE `plan_version` SET `history_version` = `history_version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_status_delete_moves_history_version` AFTER DELETE ON `progress_updates` WHEN OLD.`status_to` IS NOT NULL BEGIN
  UPDATE `plan_version` SET `history_version` = `history_version` + 1 WHERE `id` = 1;
END;
