-- 0017 who did what to accounts and tokens: one append-only row per account created or
-- disabled and per token issued or revoked, written by triggers in the same transaction as
-- the change, whoever makes it (an operator at the command line, a district admin over the
-- API). The audit log cannot hold these: operators' accounts belong to no tenant.

CREATE TABLE account_event (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL for an operator's account, like account.tenant_id
    tenant_id uuid REFERENCES tenant (id),
    account_id bigint NOT NULL REFERENCES account (id),
    token_id bigint REFERENCES api_token (id),
    action text NOT NULL CHECK (action IN ('account_created', 'account_disabled', 'token_issued', 'token_revoked')),
    actor text NOT NULL DEFAULT current_actor(),
    at timestamptz NOT NULL DEFAULT now(),
    CHECK ((action LIKE 'token_%') = (token_id IS NOT NULL))
);
CREATE INDEX account_event_account ON account_event (account_id, id);

-- District admins read their own tenant's rows; operators (the owner) read all. Rows are
-- written only by the trigger below, as the owner (SECURITY DEFINER), from the row that
-- changed: the application can neither forge an event nor change or remove one.
ALTER TABLE account_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY account_event_read ON account_event FOR SELECT TO govreg_app USING (tenant_id = current_tenant_id());
GRANT SELECT ON account_event TO govreg_app;

CREATE FUNCTION account_event_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_TABLE_NAME = 'account' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO account_event (tenant_id, account_id, action) VALUES (NEW.tenant_id, NEW.id, 'account_created');
        ELSIF NEW.status = 'disabled' AND OLD.status <> 'disabled' THEN
            INSERT INTO account_event (tenant_id, account_id, action) VALUES (NEW.tenant_id, NEW.id, 'account_disabled');
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO account_event (tenant_id, account_id, token_id, action) VALUES (NEW.tenant_id, NEW.account_id, NEW.id, 'token_issued');
    ELSIF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
        INSERT INTO account_event (tenant_id, account_id, token_id, action) VALUES (NEW.tenant_id, NEW.account_id, NEW.id, 'token_revoked');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER account_event AFTER INSERT OR UPDATE OF status ON account
    FOR EACH ROW EXECUTE FUNCTION account_event_record();
CREATE TRIGGER account_event AFTER INSERT OR UPDATE OF revoked_at ON api_token
    FOR EACH ROW EXECUTE FUNCTION account_event_record();
