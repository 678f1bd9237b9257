-- Account changes go only through paths that record them in account_event (0017).
--
-- The application role could UPDATE every column of account, so a plain UPDATE could
-- re-enable a disabled account, raise a viewer to district admin or move an account, and
-- one on api_token could un-revoke a token, all without an event. Now it may update only
-- what disabling writes, and disabling an account and revoking a token are final for every
-- role, the schema's owner included (a person who needs access again gets a new account or
-- token, which is recorded).

REVOKE UPDATE ON account FROM govreg_app;
GRANT UPDATE (status, disabled_at, row_version) ON account TO govreg_app;

CREATE FUNCTION account_change_final() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'account' THEN
        IF OLD.status = 'disabled' AND (NEW.status <> 'disabled' OR NEW.disabled_at IS DISTINCT FROM OLD.disabled_at) THEN
            RAISE EXCEPTION '账号停用后不能恢复 a disabled account stays disabled (account %)', OLD.id USING ERRCODE = '23514';
        END IF;
    ELSIF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
        RAISE EXCEPTION '令牌吊销后不能恢复 a revoked token stays revoked (token %)', OLD.id USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER account_change_final BEFORE UPDATE OF status, disabled_at ON account
    FOR EACH ROW EXECUTE FUNCTION account_change_final();
CREATE TRIGGER account_change_final BEFORE UPDATE OF revoked_at ON api_token
    FOR EACH ROW EXECUTE FUNCTION account_change_final();
