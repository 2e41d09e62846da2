-- Custom migration (drizzle-kit generate --custom): triggers drizzle's schema cannot express.
-- 1. The moderation audit log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks. The one exception is the
-- erasure of a deleted account (GDPR Article 17): inside that transaction (`set_config('spejl.erasure', 'on', true)`)
-- rows may be updated, so entries keep the action but lose the person's id and name. Rows are never deleted.
CREATE FUNCTION moderation_audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('spejl.erasure', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'moderation_audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER moderation_audit_log_no_change BEFORE UPDATE OR DELETE ON moderation_audit_log
  FOR EACH ROW EXECUTE FUNCTION moderation_audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER moderation_audit_log_no_truncate BEFORE TRUNCATE ON moderation_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION moderation_audit_log_refuse_change();
--> statement-breakpoint
-- 2. Every membership event (joins, removals, blocks, role changes) is copied into the audit log as it is written,
-- so the log is complete without the groups module knowing about it, and survives the deletion of the user.
CREATE FUNCTION moderation_audit_log_copy_membership_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO moderation_audit_log (group_id, actor_id, target_user_id, action, reason, before, after, created_at)
  VALUES (
    NEW.group_id,
    NEW.actor_id,
    NEW.user_id,
    'membership.' || NEW.kind,
    NEW.reason,
    CASE WHEN NEW.from_role IS NULL THEN NULL ELSE jsonb_build_object('role', NEW.from_role) END,
    CASE WHEN NEW.to_role IS NULL THEN NULL ELSE jsonb_build_object('role', NEW.to_role) END,
    NEW.created_at
  );
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER group_membership_events_to_audit_log AFTER INSERT ON group_membership_events
  FOR EACH ROW EXECUTE FUNCTION moderation_audit_log_copy_membership_event();
