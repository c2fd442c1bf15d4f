-- What the SQLite migrations do with triggers, FTS5 and seed rows, in PostgreSQL: the same rows, the same guards.
-- Written by hand (drizzle-kit describes tables, not triggers); schema-compare.test.ts checks both databases agree.

-- The rows every database starts with: the one settings row and the one plan_version row.
INSERT INTO "settings" ("id") VALUES (1);
--> statement-breakpoint
INSERT INTO "plan_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint

-- Append-only tables: an UPDATE or DELETE is refused with the table's own words (SQLite's RAISE(ABORT, ...)).
CREATE FUNCTION lrt_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "action_revisions_no_update" BEFORE UPDATE ON "action_revisions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('history is append-only');
--> statement-breakpoint
CREATE TRIGGER "action_revisions_no_delete" BEFORE DELETE ON "action_revisions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('history is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('the audit trail is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('the audit trail is append-only');
--> statement-breakpoint
CREATE TRIGGER "progress_update_files_no_update" BEFORE UPDATE ON "progress_update_files" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('progress updates are append-only');
--> statement-breakpoint
CREATE TRIGGER "progress_update_files_no_delete" BEFORE DELETE ON "progress_update_files" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('progress updates are append-only');
--> statement-breakpoint
CREATE TRIGGER "progress_updates_no_update" BEFORE UPDATE ON "progress_updates" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('progress updates are append-only');
--> statement-breakpoint
CREATE TRIGGER "progress_updates_no_delete" BEFORE DELETE ON "progress_updates" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('progress updates are append-only');
--> statement-breakpoint
CREATE TRIGGER "recommendation_revisions_no_update" BEFORE UPDATE ON "recommendation_revisions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('history is append-only');
--> statement-breakpoint
CREATE TRIGGER "recommendation_revisions_no_delete" BEFORE DELETE ON "recommendation_revisions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('history is append-only');
--> statement-breakpoint
CREATE TRIGGER "review_revisions_no_update" BEFORE UPDATE ON "review_revisions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('history is append-only');
--> statement-breakpoint
CREATE TRIGGER "review_revisions_no_delete" BEFORE DELETE ON "review_revisions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('history is append-only');
--> statement-breakpoint
CREATE TRIGGER "settings_revisions_no_update" BEFORE UPDATE ON "settings_revisions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('history is append-only');
--> statement-breakpoint
CREATE TRIGGER "settings_revisions_no_delete" BEFORE DELETE ON "settings_revisions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('history is append-only');
--> statement-breakpoint
CREATE TRIGGER "snapshot_actions_no_update" BEFORE UPDATE ON "snapshot_actions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('a board snapshot cannot be changed');
--> statement-breakpoint
CREATE TRIGGER "snapshot_actions_no_delete" BEFORE DELETE ON "snapshot_actions" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('a board snapshot cannot be changed');
--> statement-breakpoint
CREATE TRIGGER "snapshots_no_update" BEFORE UPDATE ON "snapshots" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('a board snapshot cannot be changed');
--> statement-breakpoint
CREATE TRIGGER "snapshots_no_delete" BEFORE DELETE ON "snapshots" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('a board snapshot cannot be changed');
--> statement-breakpoint
CREATE TRIGGER "target_date_changes_no_update" BEFORE UPDATE ON "target_date_changes" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('the target date history is append-only');
--> statement-breakpoint
CREATE TRIGGER "target_date_changes_no_delete" BEFORE DELETE ON "target_date_changes" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('the target date history is append-only');
--> statement-breakpoint
-- An evidence file is never changed, and never deleted once a progress update cites it.
CREATE TRIGGER "evidence_files_no_update" BEFORE UPDATE ON "evidence_files" FOR EACH ROW EXECUTE FUNCTION lrt_refuse_change('evidence files are append-only');
--> statement-breakpoint
CREATE FUNCTION lrt_keep_cited_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "progress_update_files" WHERE "evidence_file_id" = OLD."id") THEN
    RAISE EXCEPTION 'evidence files cited by a progress update are kept for good' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "evidence_files_no_delete" BEFORE DELETE ON "evidence_files" FOR EACH ROW EXECUTE FUNCTION lrt_keep_cited_evidence();
--> statement-breakpoint

-- Every change to what the overview counts moves plan_version on, in the writing transaction (lib/plan-cache.ts).
CREATE FUNCTION lrt_move_plan_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "plan_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "action_agencies_insert_moves_plan_version" AFTER INSERT ON "action_agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "action_agencies_update_moves_plan_version" AFTER UPDATE ON "action_agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "action_agencies_delete_moves_plan_version" AFTER DELETE ON "action_agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "action_themes_insert_moves_plan_version" AFTER INSERT ON "action_themes" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "action_themes_update_moves_plan_version" AFTER UPDATE ON "action_themes" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "action_themes_delete_moves_plan_version" AFTER DELETE ON "action_themes" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "actions_insert_moves_plan_version" AFTER INSERT ON "actions" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "actions_update_moves_plan_version" AFTER UPDATE ON "actions" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "actions_delete_moves_plan_version" AFTER DELETE ON "actions" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "agencies_insert_moves_plan_version" AFTER INSERT ON "agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "agencies_update_moves_plan_version" AFTER UPDATE ON "agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "agencies_delete_moves_plan_version" AFTER DELETE ON "agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "progress_updates_insert_moves_plan_version" AFTER INSERT ON "progress_updates" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "progress_updates_update_moves_plan_version" AFTER UPDATE ON "progress_updates" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "progress_updates_delete_moves_plan_version" AFTER DELETE ON "progress_updates" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "recommendations_insert_moves_plan_version" AFTER INSERT ON "recommendations" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "recommendations_update_moves_plan_version" AFTER UPDATE ON "recommendations" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "recommendations_delete_moves_plan_version" AFTER DELETE ON "recommendations" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "review_themes_insert_moves_plan_version" AFTER INSERT ON "review_themes" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "review_themes_update_moves_plan_version" AFTER UPDATE ON "review_themes" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "review_themes_delete_moves_plan_version" AFTER DELETE ON "review_themes" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "reviews_insert_moves_plan_version" AFTER INSERT ON "reviews" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "reviews_update_moves_plan_version" AFTER UPDATE ON "reviews" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "reviews_delete_moves_plan_version" AFTER DELETE ON "reviews" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "settings_insert_moves_plan_version" AFTER INSERT ON "settings" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "settings_update_moves_plan_version" AFTER UPDATE ON "settings" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "settings_delete_moves_plan_version" AFTER DELETE ON "settings" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "subgroups_insert_moves_plan_version" AFTER INSERT ON "subgroups" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "subgroups_update_moves_plan_version" AFTER UPDATE ON "subgroups" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "subgroups_delete_moves_plan_version" AFTER DELETE ON "subgroups" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "themes_insert_moves_plan_version" AFTER INSERT ON "themes" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "themes_update_moves_plan_version" AFTER UPDATE ON "themes" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "themes_delete_moves_plan_version" AFTER DELETE ON "themes" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "user_agencies_insert_moves_plan_version" AFTER INSERT ON "user_agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "user_agencies_update_moves_plan_version" AFTER UPDATE ON "user_agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "user_agencies_delete_moves_plan_version" AFTER DELETE ON "user_agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "user_roles_insert_moves_plan_version" AFTER INSERT ON "user_roles" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "user_roles_update_moves_plan_version" AFTER UPDATE ON "user_roles" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "user_roles_delete_moves_plan_version" AFTER DELETE ON "user_roles" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "user_subgroups_insert_moves_plan_version" AFTER INSERT ON "user_subgroups" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "user_subgroups_update_moves_plan_version" AFTER UPDATE ON "user_subgroups" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "user_subgroups_delete_moves_plan_version" AFTER DELETE ON "user_subgroups" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "users_insert_moves_plan_version" AFTER INSERT ON "users" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "users_update_moves_plan_version" AFTER UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
CREATE TRIGGER "users_delete_moves_plan_version" AFTER DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION lrt_move_plan_version();
--> statement-breakpoint
-- The status history and what each action belongs to move history_version on (the dashboard's trend).
CREATE FUNCTION lrt_move_history_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "plan_version" SET "history_version" = "history_version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "action_agencies_insert_moves_history_version" AFTER INSERT ON "action_agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_history_version();
--> statement-breakpoint
CREATE TRIGGER "action_agencies_update_moves_history_version" AFTER UPDATE ON "action_agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_history_version();
--> statement-breakpoint
CREATE TRIGGER "action_agencies_delete_moves_history_version" AFTER DELETE ON "action_agencies" FOR EACH ROW EXECUTE FUNCTION lrt_move_history_version();
--> statement-breakpoint
CREATE TRIGGER "actions_insert_moves_history_version" AFTER INSERT ON "actions" FOR EACH ROW EXECUTE FUNCTION lrt_move_history_version();
--> statement-breakpoint
CREATE TRIGGER "actions_delete_moves_history_version" AFTER DELETE ON "actions" FOR EACH ROW EXECUTE FUNCTION lrt_move_history_version();
--> statement-breakpoint
CREATE TRIGGER "actions_belonging_moves_history_version" AFTER UPDATE OF "created_at", "review_id", "owner_agency_id", "subgroup_id" ON "actions" FOR EACH ROW
  WHEN (OLD."created_at" IS DISTINCT FROM NEW."created_at" OR OLD."review_id" IS DISTINCT FROM NEW."review_id" OR OLD."owner_agency_id" IS DISTINCT FROM NEW."owner_agency_id" OR OLD."subgroup_id" IS DISTINCT FROM NEW."subgroup_id")
  EXECUTE FUNCTION lrt_move_history_version();
--> statement-breakpoint
CREATE TRIGGER "progress_updates_status_insert_moves_history_version" AFTER INSERT ON "progress_updates" FOR EACH ROW WHEN (NEW."status_to" IS NOT NULL) EXECUTE FUNCTION lrt_move_history_version();
--> statement-breakpoint
CREATE TRIGGER "progress_updates_status_delete_moves_history_version" AFTER DELETE ON "progress_updates" FOR EACH ROW WHEN (OLD."status_to" IS NOT NULL) EXECUTE FUNCTION lrt_move_history_version();
--> statement-breakpoint
CREATE TRIGGER "progress_updates_status_update_moves_history_version" AFTER UPDATE OF "status_to", "created_at", "action_id" ON "progress_updates" FOR EACH ROW EXECUTE FUNCTION lrt_move_history_version();
--> statement-breakpoint

-- Each edit of an action, a recommendation, a review or the settings keeps the row as it was (history/as-at.ts).
CREATE FUNCTION lrt_keep_actions_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "action_revisions" ("action_id", "changed_at", "version", "ref", "recommendation_id", "kind", "owner_agency_id", "learning_need", "action", "success_measure", "target_date", "subgroup_id")
  VALUES (OLD."id", CASE WHEN NEW."updated_at" IS DISTINCT FROM OLD."updated_at" THEN NEW."updated_at" ELSE to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END, OLD."version", OLD."ref", OLD."recommendation_id", OLD."kind", OLD."owner_agency_id", OLD."learning_need", OLD."action", OLD."success_measure", OLD."target_date", OLD."subgroup_id");
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "actions_keep_revision" AFTER UPDATE ON "actions" FOR EACH ROW
  WHEN (OLD."ref" IS DISTINCT FROM NEW."ref" OR OLD."recommendation_id" IS DISTINCT FROM NEW."recommendation_id" OR OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."owner_agency_id" IS DISTINCT FROM NEW."owner_agency_id" OR OLD."learning_need" IS DISTINCT FROM NEW."learning_need" OR OLD."action" IS DISTINCT FROM NEW."action" OR OLD."success_measure" IS DISTINCT FROM NEW."success_measure" OR OLD."target_date" IS DISTINCT FROM NEW."target_date" OR OLD."subgroup_id" IS DISTINCT FROM NEW."subgroup_id")
  EXECUTE FUNCTION lrt_keep_actions_revision();
--> statement-breakpoint
CREATE FUNCTION lrt_keep_recommendations_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "recommendation_revisions" ("recommendation_id", "changed_at", "version", "number", "text", "addressee", "lead_agency_id", "subgroup_id", "target_date")
  VALUES (OLD."id", CASE WHEN NEW."updated_at" IS DISTINCT FROM OLD."updated_at" THEN NEW."updated_at" ELSE to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END, OLD."version", OLD."number", OLD."text", OLD."addressee", OLD."lead_agency_id", OLD."subgroup_id", OLD."target_date");
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "recommendations_keep_revision" AFTER UPDATE ON "recommendations" FOR EACH ROW
  WHEN (OLD."number" IS DISTINCT FROM NEW."number" OR OLD."text" IS DISTINCT FROM NEW."text" OR OLD."addressee" IS DISTINCT FROM NEW."addressee" OR OLD."lead_agency_id" IS DISTINCT FROM NEW."lead_agency_id" OR OLD."subgroup_id" IS DISTINCT FROM NEW."subgroup_id" OR OLD."target_date" IS DISTINCT FROM NEW."target_date")
  EXECUTE FUNCTION lrt_keep_recommendations_revision();
--> statement-breakpoint
CREATE FUNCTION lrt_keep_reviews_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "review_revisions" ("review_id", "changed_at", "version", "code", "type", "title", "stage", "notified_on", "rapid_review_on", "started_on", "completed_on", "published_on", "subgroup_id")
  VALUES (OLD."id", CASE WHEN NEW."updated_at" IS DISTINCT FROM OLD."updated_at" THEN NEW."updated_at" ELSE to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END, OLD."version", OLD."code", OLD."type", OLD."title", OLD."stage", OLD."notified_on", OLD."rapid_review_on", OLD."started_on", OLD."completed_on", OLD."published_on", OLD."subgroup_id");
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "reviews_keep_revision" AFTER UPDATE ON "reviews" FOR EACH ROW
  WHEN (OLD."code" IS DISTINCT FROM NEW."code" OR OLD."type" IS DISTINCT FROM NEW."type" OR OLD."title" IS DISTINCT FROM NEW."title" OR OLD."stage" IS DISTINCT FROM NEW."stage" OR OLD."notified_on" IS DISTINCT FROM NEW."notified_on" OR OLD."rapid_review_on" IS DISTINCT FROM NEW."rapid_review_on" OR OLD."started_on" IS DISTINCT FROM NEW."started_on" OR OLD."completed_on" IS DISTINCT FROM NEW."completed_on" OR OLD."published_on" IS DISTINCT FROM NEW."published_on" OR OLD."subgroup_id" IS DISTINCT FROM NEW."subgroup_id")
  EXECUTE FUNCTION lrt_keep_reviews_revision();
--> statement-breakpoint
CREATE FUNCTION lrt_keep_settings_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "settings_revisions" ("changed_at", "update_cadence_days", "due_soon_days", "partnership_name")
  VALUES (CASE WHEN NEW."updated_at" IS DISTINCT FROM OLD."updated_at" THEN NEW."updated_at" ELSE to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END, OLD."update_cadence_days", OLD."due_soon_days", OLD."partnership_name");
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "settings_keep_revision" AFTER UPDATE ON "settings" FOR EACH ROW
  WHEN (OLD."update_cadence_days" IS DISTINCT FROM NEW."update_cadence_days" OR OLD."due_soon_days" IS DISTINCT FROM NEW."due_soon_days" OR OLD."partnership_name" IS DISTINCT FROM NEW."partnership_name")
  EXECUTE FUNCTION lrt_keep_settings_revision();
--> statement-breakpoint
-- Full-text search of actions (SQLite: the FTS5 table actions_fts): each action's words and the notes of its
-- progress updates, as an English tsvector with a GIN index, kept by triggers in the writing transaction.
CREATE TABLE "actions_search" (
  "action_id" integer PRIMARY KEY REFERENCES "actions" ("id") ON DELETE CASCADE,
  "ref" text NOT NULL,
  "learning_need" text NOT NULL,
  "action" text NOT NULL,
  "success_measure" text NOT NULL,
  "notes" text NOT NULL DEFAULT '',
  "document" tsvector GENERATED ALWAYS AS (
    to_tsvector('english', "ref" || ' ' || "learning_need" || ' ' || "action" || ' ' || "success_measure" || ' ' || "notes")
  ) STORED
);
--> statement-breakpoint
CREATE INDEX "actions_search_document_idx" ON "actions_search" USING gin ("document");
--> statement-breakpoint
CREATE FUNCTION lrt_search_action() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "actions_search" ("action_id", "ref", "learning_need", "action", "success_measure")
    VALUES (NEW."id", NEW."ref", NEW."learning_need", NEW."action", NEW."success_measure");
  ELSE
    UPDATE "actions_search" SET "ref" = NEW."ref", "learning_need" = NEW."learning_need", "action" = NEW."action", "success_measure" = NEW."success_measure"
    WHERE "action_id" = NEW."id";
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "actions_search_after_insert" AFTER INSERT ON "actions" FOR EACH ROW EXECUTE FUNCTION lrt_search_action();
--> statement-breakpoint
CREATE TRIGGER "actions_search_after_update" AFTER UPDATE OF "ref", "learning_need", "action", "success_measure" ON "actions" FOR EACH ROW EXECUTE FUNCTION lrt_search_action();
--> statement-breakpoint
CREATE FUNCTION lrt_search_progress_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "actions_search" SET "notes" = "notes" || ' ' || NEW."note" WHERE "action_id" = NEW."action_id";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "progress_updates_search_after_insert" AFTER INSERT ON "progress_updates" FOR EACH ROW EXECUTE FUNCTION lrt_search_progress_note();
