-- 0014 accounts, API tokens and idempotency keys for the HTTP API (issue 6).
--
-- An account is a person's login to the API: an operator (the platform, no tenant) or a
-- district admin, community staff or viewer of one tenant. Community staff write only inside
-- the subtree of their org unit. Tokens are random strings shown once; only their SHA-256 is
-- stored, so a copy of this table opens nothing.

CREATE TABLE account (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL for operators: they belong to the platform, not to a district
    tenant_id uuid REFERENCES tenant (id),
    login text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
    display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
    role text NOT NULL CHECK (role IN ('operator', 'district_admin', 'community_staff', 'viewer')),
    -- the root of a community staff member's writable subtree
    org_unit_id bigint,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_by text NOT NULL DEFAULT current_actor(),
    created_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz,
    row_version integer NOT NULL DEFAULT 1,
    CHECK ((role = 'operator') = (tenant_id IS NULL)),
    CHECK ((role = 'community_staff') = (org_unit_id IS NOT NULL)),
    CHECK ((status = 'disabled') = (disabled_at IS NOT NULL)),
    FOREIGN KEY (tenant_id, org_unit_id) REFERENCES org_unit (tenant_id, id)
);
CREATE INDEX account_tenant ON account (tenant_id, id);

CREATE TABLE api_token (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id),
    -- copied from the account so that row-level security needs no join
    tenant_id uuid REFERENCES tenant (id),
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    -- the first characters of the token, to tell tokens apart in lists (not enough to use one)
    prefix text NOT NULL CHECK (length(prefix) BETWEEN 4 AND 16),
    label text CHECK (length(label) <= 100),
    created_by text NOT NULL DEFAULT current_actor(),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    last_used_at timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX api_token_account ON api_token (account_id);

-- District admins manage their own tenant's accounts and tokens over the API; operators
-- (the schema owner, at the command line) manage all. Not FORCEd: like `tenant`, these are
-- the platform's catalogue, and the owner works on them across tenants.
ALTER TABLE account ENABLE ROW LEVEL SECURITY;
CREATE POLICY account_tenant ON account TO govreg_app
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON account TO govreg_app;

ALTER TABLE api_token ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_token_tenant ON api_token TO govreg_app
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
-- No SELECT of token_hash for the application: it reads tokens through the view below, and
-- authenticates through govreg_authenticate.
GRANT INSERT, UPDATE (revoked_at) ON api_token TO govreg_app;
GRANT SELECT (id, account_id, tenant_id, prefix, label, created_by, created_at, expires_at, revoked_at, last_used_at)
    ON api_token TO govreg_app;

-- A token's tenant is its account's: checked here, so a forged tenant_id cannot be inserted.
CREATE FUNCTION api_token_tenant_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.tenant_id IS DISTINCT FROM (SELECT tenant_id FROM account WHERE id = NEW.account_id) THEN
        RAISE EXCEPTION 'a token belongs to its account''s tenant' USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER api_token_tenant_check BEFORE INSERT OR UPDATE OF account_id, tenant_id ON api_token
    FOR EACH ROW EXECUTE FUNCTION api_token_tenant_check();

-- Who holds this token hash, if it is live (not revoked, not expired, account active, and a
-- tenant account's tenant active or archived (archived tenants are read-only, not closed)).
-- SECURITY DEFINER: the application must authenticate before it knows the tenant, yet must
-- not be able to list other tenants' accounts or any token hash. last_used_at is written at
-- most once a minute per token, so authentication does not turn every read into a write.
CREATE FUNCTION govreg_authenticate(presented bytea)
RETURNS TABLE (account_id bigint, token_id bigint, tenant_id uuid, login text, role text, org_unit_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    found_token bigint;
BEGIN
    SELECT t.id INTO found_token
    FROM api_token t JOIN account a ON a.id = t.account_id
    WHERE t.token_hash = presented AND t.revoked_at IS NULL AND t.expires_at > now() AND a.status = 'active';
    IF found_token IS NULL THEN
        RETURN;
    END IF;
    UPDATE api_token SET last_used_at = now()
    WHERE id = found_token AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
    RETURN QUERY
        SELECT a.id, t.id, a.tenant_id, a.login, a.role, a.org_unit_id
        FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.id = found_token;
END
$$;
REVOKE ALL ON FUNCTION govreg_authenticate(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION govreg_authenticate(bytea) TO govreg_app;

-- A write's Idempotency-Key and its first answer, stored in the write's own transaction: a
-- retried request finds either nothing (the first never committed, so it runs again) or the
-- answer (and creates nothing new). Keys are per account and live 24 hours.
CREATE TABLE idempotency_key (
    tenant_id uuid NOT NULL REFERENCES tenant (id),
    account_id bigint NOT NULL,
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    -- SHA-256 of method, path and body: the same key with another request is refused
    request_hash bytea NOT NULL CHECK (length(request_hash) = 32),
    status_code smallint,
    response_headers jsonb,
    response_body bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, account_id, key)
);
ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_key
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_key TO govreg_app;
