-- The audit trail names new operations (password changes, second factors, API tokens, throttled sign-ins), which
-- widens its operation check and so rebuilds the table. Nothing refers to it; its append-only guards go with the
-- old table and are made again below.
CREATE TABLE `__new_audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`operation` text NOT NULL,
	`before` text,
	`after` text,
	`request_id` text,
	`ip` text,
	CONSTRAINT "audit_events_operation_check" CHECK("operation" in ('create', 'update', 'delete', 'revoke', 'progress_update', 'sign_in', 'sign_in_failed', 'sign_in_throttled', 'sign_out', 'sessions_revoked', 'password_changed', 'second_factor_enabled', 'second_factor_disabled', 'second_factor_reset', 'token_used'))
);
--> statement-breakpoint
INSERT INTO `__new_audit_events`("id", "at", "actor_id", "actor_name", "entity", "entity_id", "operation", "before", "after", "request_id", "ip") SELECT "id", "at", "actor_id", "actor_name", "entity", "entity_id", "operation", "before", "after", "request_id", "ip" FROM `audit_events`;--> statement-breakpoint
DROP TABLE `audit_events`;--> statement-breakpoint
ALTER TABLE `__new_audit_events` RENAME TO `audit_events`;--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity`,`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events` BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events` BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
