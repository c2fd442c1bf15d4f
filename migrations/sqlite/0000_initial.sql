CREATE TABLE `agencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`kind` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "agencies_kind_check" CHECK("agencies"."kind" in ('police', 'health', 'local_authority', 'education', 'voluntary', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_name_unique` ON `agencies` (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_short_name_unique` ON `agencies` (lower("short_name"));--> statement-breakpoint
CREATE TABLE `subgroups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subgroups_name_unique` ON `subgroups` (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX `subgroups_short_name_unique` ON `subgroups` (lower("short_name"));--> statement-breakpoint
CREATE TABLE `themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `themes_name_unique` ON `themes` (lower("name"));--> statement-breakpoint
CREATE TABLE `review_themes` (
	`review_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	PRIMARY KEY(`review_id`, `theme_id`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `review_themes_theme_idx` ON `review_themes` (`theme_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`type` text NOT NULL,
	`child_pseudonym` text NOT NULL,
	`title` text NOT NULL,
	`stage` text NOT NULL,
	`notified_on` text,
	`rapid_review_on` text,
	`started_on` text,
	`completed_on` text,
	`published_on` text,
	`lead_reviewer` text DEFAULT '' NOT NULL,
	`subgroup_id` integer,
	`summary` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`subgroup_id`) REFERENCES `subgroups`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "reviews_type_check" CHECK("reviews"."type" in ('rapid_review', 'lcspr', 'scr', 'partnership_learning_review', 'reflective_learning_event', 'thematic_review', 'multi_agency_audit')),
	CONSTRAINT "reviews_stage_check" CHECK("reviews"."stage" in ('rapid_review', 'review', 'published', 'closed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_code_unique` ON `reviews` (lower("code"));--> statement-breakpoint
CREATE INDEX `reviews_subgroup_idx` ON `reviews` (`subgroup_id`);--> statement-breakpoint
CREATE INDEX `reviews_stage_idx` ON `reviews` (`stage`);--> statement-breakpoint
CREATE TABLE `learning_points` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learning_points_review_number_unique` ON `learning_points` (`review_id`,`number`);--> statement-breakpoint
CREATE INDEX `learning_points_review_idx` ON `learning_points` (`review_id`);--> statement-breakpoint
CREATE TABLE `recommendation_learning_points` (
	`recommendation_id` integer NOT NULL,
	`learning_point_id` integer NOT NULL,
	PRIMARY KEY(`recommendation_id`, `learning_point_id`),
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learning_point_id`) REFERENCES `learning_points`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recommendation_learning_points_lp_idx` ON `recommendation_learning_points` (`learning_point_id`);--> statement-breakpoint
CREATE TABLE `recommendations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`number` integer NOT NULL,
	`text` text NOT NULL,
	`addressee` text DEFAULT 'partnership' NOT NULL,
	`lead_agency_id` integer,
	`subgroup_id` integer,
	`target_date` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`subgroup_id`) REFERENCES `subgroups`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "recommendations_addressee_check" CHECK("recommendations"."addressee" in ('partnership', 'subgroup', 'agency'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recommendations_review_number_unique` ON `recommendations` (`review_id`,`number`);--> statement-breakpoint
CREATE INDEX `recommendations_subgroup_idx` ON `recommendations` (`subgroup_id`);--> statement-breakpoint
CREATE INDEX `recommendations_lead_agency_idx` ON `recommendations` (`lead_agency_id`);--> statement-breakpoint
CREATE TABLE `action_agencies` (
	`action_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	PRIMARY KEY(`action_id`, `agency_id`),
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `action_agencies_agency_idx` ON `action_agencies` (`agency_id`);--> statement-breakpoint
CREATE TABLE `action_themes` (
	`action_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	PRIMARY KEY(`action_id`, `theme_id`),
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `action_themes_theme_idx` ON `action_themes` (`theme_id`);--> statement-breakpoint
CREATE TABLE `actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`review_id` integer NOT NULL,
	`recommendation_id` integer,
	`kind` text NOT NULL,
	`owner_agency_id` integer NOT NULL,
	`learning_need` text NOT NULL,
	`action` text NOT NULL,
	`success_measure` text DEFAULT '' NOT NULL,
	`target_date` text,
	`status` text DEFAULT 'not_started' NOT NULL,
	`evidence_of_impact` text,
	`withdrawn_reason` text,
	`subgroup_id` integer,
	`last_update_at` text,
	`latest_confidence` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`owner_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`subgroup_id`) REFERENCES `subgroups`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "actions_kind_check" CHECK("actions"."kind" in ('single_agency', 'multi_agency')),
	CONSTRAINT "actions_status_check" CHECK("actions"."status" in ('not_started', 'in_progress', 'completed', 'assured', 'withdrawn')),
	CONSTRAINT "actions_confidence_check" CHECK("actions"."latest_confidence" is null or "actions"."latest_confidence" in ('on_track', 'at_risk', 'off_track')),
	CONSTRAINT "actions_assured_evidence_check" CHECK("actions"."status" <> 'assured' or "actions"."evidence_of_impact" is not null),
	CONSTRAINT "actions_withdrawn_reason_check" CHECK("actions"."status" <> 'withdrawn' or "actions"."withdrawn_reason" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `actions_ref_unique` ON `actions` (lower("ref"));--> statement-breakpoint
CREATE INDEX `actions_review_idx` ON `actions` (`review_id`);--> statement-breakpoint
CREATE INDEX `actions_recommendation_idx` ON `actions` (`recommendation_id`);--> statement-breakpoint
CREATE INDEX `actions_owner_agency_idx` ON `actions` (`owner_agency_id`);--> statement-breakpoint
CREATE INDEX `actions_subgroup_idx` ON `actions` (`subgroup_id`);--> statement-breakpoint
CREATE INDEX `actions_status_target_idx` ON `actions` (`status`,`target_date`);--> statement-breakpoint
CREATE INDEX `actions_target_date_idx` ON `actions` (`target_date`,`id`);--> statement-breakpoint
CREATE INDEX `actions_last_update_idx` ON `actions` (`last_update_at`,`id`);--> statement-breakpoint
CREATE TABLE `progress_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`author_name` text NOT NULL,
	`agency_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`note` text NOT NULL,
	`confidence` text NOT NULL,
	`status_from` text,
	`status_to` text,
	`evidence` text DEFAULT '[]' NOT NULL,
	`evidence_of_impact` text,
	`reason` text,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "progress_updates_confidence_check" CHECK("progress_updates"."confidence" in ('on_track', 'at_risk', 'off_track')),
	CONSTRAINT "progress_updates_status_check" CHECK(("progress_updates"."status_from" is null and "progress_updates"."status_to" is null) or ("progress_updates"."status_from" in ('not_started', 'in_progress', 'completed', 'assured', 'withdrawn') and "progress_updates"."status_to" in ('not_started', 'in_progress', 'completed', 'assured', 'withdrawn')))
);
--> statement-breakpoint
CREATE INDEX `progress_updates_action_created_idx` ON `progress_updates` (`action_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `progress_updates_status_change_idx` ON `progress_updates` (`action_id`,`created_at`) WHERE "progress_updates"."status_to" is not null;--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`partnership_name` text DEFAULT 'Safeguarding Children Partnership' NOT NULL,
	`update_cadence_days` integer DEFAULT 56 NOT NULL,
	`due_soon_days` integer DEFAULT 28 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "settings_single_row" CHECK("settings"."id" = 1),
	CONSTRAINT "settings_cadence_check" CHECK("settings"."update_cadence_days" between 7 and 366),
	CONSTRAINT "settings_due_soon_check" CHECK("settings"."due_soon_days" between 1 and 366)
);
