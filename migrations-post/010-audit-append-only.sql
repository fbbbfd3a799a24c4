-- The audit log is append-only. Only erasure (Art. 17) and retention may redact, and they
-- announce it with SET LOCAL lotse.audit_redaction = 'on' inside their transaction.
CREATE OR REPLACE FUNCTION lotse_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('lotse.audit_redaction', true), '') <> 'on' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION lotse_audit_append_only();
