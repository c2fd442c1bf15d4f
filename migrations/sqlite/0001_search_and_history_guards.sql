-- Full-text search over actions: their ref, learning need, action, success measure and every progress note.
CREATE VIRTUAL TABLE `actions_fts` USING fts5(ref, learning_need, action, success_measure, notes, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `actions_fts_after_insert` AFTER INSERT ON `actions` BEGIN
  INSERT INTO actions_fts(rowid, ref, learning_need, action, success_measure, notes)
  VALUES (NEW.id, NEW.ref, NEW.learning_need, NEW.action, NEW.success_measure, '');
END;
--> statement-breakpoint
CREATE TRIGGER `actions_fts_after_update` AFTER UPDATE OF ref, learning_need, action, success_measure ON `actions` BEGIN
  UPDATE actions_fts SET ref = NEW.ref, learning_need = NEW.learning_need, action = NEW.action, success_measure = NEW.success_measure
  WHERE rowid = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `actions_fts_after_delete` AFTER DELETE ON `actions` BEGIN
  DELETE FROM actions_fts WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_fts_after_insert` AFTER INSERT ON `progress_updates` BEGIN
  UPDATE actions_fts SET notes = notes || ' ' || NEW.note WHERE rowid = NEW.action_id;
END;
--> statement-breakpoint
-- Progress updates are the history of an action: nothing may edit or remove one.
CREATE TRIGGER `progress_updates_no_update` BEFORE UPDATE ON `progress_updates` BEGIN
  SELECT RAISE(ABORT, 'progress updates are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `progress_updates_no_delete` BEFORE DELETE ON `progress_updates` BEGIN
  SELECT RAISE(ABORT, 'progress updates are append-only');
END;
--> statement-breakpoint
INSERT INTO `settings` (`id`) VALUES (1);
