CREATE TABLE `plan_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_version_single_row" CHECK("plan_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO `plan_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `actions_insert_moves_plan_version` AFTER INSERT ON `actions` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `actions_update_moves_plan_version` AFTER UPDATE ON `actions` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `actions_delete_moves_plan_version` AFTER DELETE ON `actions` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `action_agencies_insert_moves_plan_version` AFTER INSERT ON `action_agencies` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `action_agencies_update_moves_plan_version` AFTER UPDATE ON `action_agencies` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `action_agencies_delete_moves_plan_version` AFTER DELETE ON `action_agencies` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `action_themes_insert_moves_plan_version` AFTER INSERT ON `action_themes` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `action_themes_update_moves_plan_version` AFTER UPDATE ON `action_themes` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `action_themes_delete_moves_plan_version` AFTER DELETE ON `action_themes` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `agencies_insert_moves_plan_version` AFTER INSERT ON `agencies` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `agencies_update_moves_plan_version` AFTER UPDATE ON `agencies` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `agencies_delete_moves_plan_version` AFTER DELETE ON `agencies` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_insert_moves_plan_version` AFTER INSERT ON `progress_updates` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_update_moves_plan_version` AFTER UPDATE ON `progress_updates` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_delete_moves_plan_version` AFTER DELETE ON `progress_updates` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_themes_insert_moves_plan_version` AFTER INSERT ON `review_themes` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_themes_update_moves_plan_version` AFTER UPDATE ON `review_themes` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_themes_delete_moves_plan_version` AFTER DELETE ON `review_themes` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_insert_moves_plan_version` AFTER INSERT ON `reviews` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_update_moves_plan_version` AFTER UPDATE ON `reviews` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_delete_moves_plan_version` AFTER DELETE ON `reviews` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `recommendations_insert_moves_plan_version` AFTER INSERT ON `recommendations` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `recommendations_update_moves_plan_version` AFTER UPDATE ON `recommendations` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `recommendations_delete_moves_plan_version` AFTER DELETE ON `recommendations` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `themes_insert_moves_plan_version` AFTER INSERT ON `themes` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `themes_update_moves_plan_version` AFTER UPDATE ON `themes` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `themes_delete_moves_plan_version` AFTER DELETE ON `themes` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `subgroups_insert_moves_plan_version` AFTER INSERT ON `subgroups` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `subgroups_update_moves_plan_version` AFTER UPDATE ON `subgroups` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `subgroups_delete_moves_plan_version` AFTER DELETE ON `subgroups` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_insert_moves_plan_version` AFTER INSERT ON `users` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_update_moves_plan_version` AFTER UPDATE ON `users` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_delete_moves_plan_version` AFTER DELETE ON `users` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_insert_moves_plan_version` AFTER INSERT ON `user_roles` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_update_moves_plan_version` AFTER UPDATE ON `user_roles` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `user_roles_delete_moves_plan_version` AFTER DELETE ON `user_roles` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `user_agencies_insert_moves_plan_version` AFTER INSERT ON `user_agencies` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `user_agencies_update_moves_plan_version` AFTER UPDATE ON `user_agencies` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `user_agencies_delete_moves_plan_version` AFTER DELETE ON `user_agencies` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `user_subgroups_insert_moves_plan_version` AFTER INSERT ON `user_subgroups` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `user_subgroups_update_moves_plan_version` AFTER UPDATE ON `user_subgroups` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `user_subgroups_delete_moves_plan_version` AFTER DELETE ON `user_subgroups` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `settings_insert_moves_plan_version` AFTER INSERT ON `settings` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `settings_update_moves_plan_version` AFTER UPDATE ON `settings` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `settings_delete_moves_plan_version` AFTER DELETE ON `settings` BEGIN
  UPDATE `plan_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
