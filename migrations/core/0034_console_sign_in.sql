-- 0034 the web console's sign-in (issue 17): a password per account, lock-out after failed
-- attempts, and sessions.
--
-- The password is a bcrypt hash made and checked by the application (hummingbird-auth's
-- HummingbirdBcrypt): the database never sees a password. The hash, the failure count and the
-- sessions are in tables the application role cannot read or write at all; it reaches them
-- only through the SECURITY DEFINER functions below, each doing one narrow thing: it can read
-- one account's hash by district and login (to check a password), count a failure, open a
-- session for an account it vouches for, and look one up by its secret's hash. It cannot list
-- hashes or sessions, change a hash outside a district's reset, or read a session's secret.
-- (Because the application checks the password, code running as the application could open
-- a session; checking it in the database, with pgcrypto's crypt(), would close that.)

CREATE TABLE account_password (
    account_id bigint PRIMARY KEY REFERENCES account (id),
    tenant_id uuid REFERENCES tenant (id),
    -- $2b$NN$ + 53 characters of bcrypt's base64
    password_hash text NOT NULL CHECK (password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
    set_at timestamptz NOT NULL DEFAULT now(),
    set_by text NOT NULL DEFAULT current_actor(),
    -- failed attempts since the last success or lock; the lock lasts until locked_until
    failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until timestamptz
);
-- Row-level security on, no policy and no grant for govreg_app: it sees nothing here. Not
-- FORCEd: the functions below run as the owner, who need not be a superuser.
ALTER TABLE account_password ENABLE ROW LEVEL SECURITY;

-- A signed-in browser. The cookie carries a random secret; only its SHA-256 is kept, like an
-- API token's. A session ends at expires_at, after idle_timeout without a request, at
-- sign-out, or when its account is disabled or given a new password.
CREATE TABLE console_session (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id),
    tenant_id uuid NOT NULL REFERENCES tenant (id),
    secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    idle_timeout interval NOT NULL,
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX console_session_account ON console_session (account_id) WHERE ended_at IS NULL;
ALTER TABLE console_session ENABLE ROW LEVEL SECURITY;

-- The account history learns the console's events too.
ALTER TABLE account_event DROP CONSTRAINT account_event_action_check;
ALTER TABLE account_event ADD CONSTRAINT account_event_action_check CHECK (action IN (
    'account_created', 'account_disabled', 'token_issued', 'token_revoked', 'password_set', 'account_locked'));

-- What a sign-in needs to check a password: the active account of `p_login` in the active or
-- archived district `p_tenant` (a slug), its hash (NULL: no password set) and the end of its
-- lock. Nothing for an unknown login, so the caller checks a dummy hash instead and takes as
-- long as for a real one.
CREATE FUNCTION govreg_sign_in_account(p_tenant text, p_login text)
RETURNS TABLE (account_id bigint, tenant_id uuid, password_hash text, locked_until timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.id, a.tenant_id, p.password_hash, CASE WHEN p.locked_until > now() THEN p.locked_until END
    FROM account a
    JOIN tenant t ON t.id = a.tenant_id AND t.status IN ('active', 'archived')
    LEFT JOIN account_password p ON p.account_id = a.id
    WHERE t.slug = p_tenant AND a.login = p_login AND a.status = 'active'
$$;

-- A wrong password: counts it, and at `p_limit` failures locks the account for `p_lock` (the
-- count starts again). Returns the lock's end when this failure locked it. One UPDATE, so
-- concurrent guesses cannot each see a count under the limit.
CREATE FUNCTION govreg_sign_in_failed(p_account bigint, p_limit integer, p_lock interval)
RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    locked timestamptz;
BEGIN
    UPDATE account_password
    SET failed_attempts = CASE WHEN failed_attempts + 1 >= p_limit THEN 0 ELSE failed_attempts + 1 END,
        locked_until = CASE WHEN failed_attempts + 1 >= p_limit THEN now() + p_lock ELSE locked_until END
    WHERE account_id = p_account
    RETURNING CASE WHEN failed_attempts = 0 THEN locked_until END INTO locked;
    IF locked IS NOT NULL THEN
        INSERT INTO account_event (tenant_id, account_id, action)
        SELECT a.tenant_id, a.id, 'account_locked' FROM account a WHERE a.id = p_account;
    END IF;
    RETURN locked;
END
$$;

-- A right password: clears the failures and opens a session under the secret's hash, unless
-- the account is locked (a guess checked in parallel with the one that locked it must not
-- open it, nor lift the lock).
CREATE FUNCTION govreg_sign_in_succeeded(p_account bigint, p_secret_hash bytea, p_lifetime interval, p_idle interval)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    session bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM account_password WHERE account_id = p_account AND locked_until > now()) THEN
        RETURN NULL;
    END IF;
    UPDATE account_password SET failed_attempts = 0, locked_until = NULL WHERE account_id = p_account;
    INSERT INTO console_session (account_id, tenant_id, secret_hash, expires_at, idle_timeout)
    SELECT a.id, a.tenant_id, p_secret_hash, now() + p_lifetime, p_idle
    FROM account a WHERE a.id = p_account AND a.status = 'active' AND a.tenant_id IS NOT NULL
    RETURNING id INTO session;
    RETURN session;
END
$$;

-- Who holds this session, if it is live; last_seen_at is written at most once a minute, so a
-- page view is not a write.
CREATE FUNCTION govreg_console_session(p_secret_hash bytea)
RETURNS TABLE (session_id bigint, account_id bigint, tenant_id uuid, tenant text, login text, display_name text,
               role text, org_unit_id bigint, expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    found bigint;
BEGIN
    SELECT s.id INTO found
    FROM console_session s
    JOIN account a ON a.id = s.account_id AND a.status = 'active'
    JOIN tenant t ON t.id = s.tenant_id AND t.status IN ('active', 'archived')
    WHERE s.secret_hash = p_secret_hash AND s.ended_at IS NULL AND s.expires_at > now()
      AND s.last_seen_at > now() - s.idle_timeout;
    IF found IS NULL THEN
        RETURN;
    END IF;
    UPDATE console_session SET last_seen_at = now() WHERE id = found AND last_seen_at < now() - interval '1 minute';
    RETURN QUERY
        SELECT s.id, a.id, s.tenant_id, t.slug, a.login, a.display_name, a.role, a.org_unit_id, s.expires_at
        FROM console_session s JOIN account a ON a.id = s.account_id JOIN tenant t ON t.id = s.tenant_id
        WHERE s.id = found;
END
$$;

-- Sign-out: ends the session holding this secret (harmless when there is none).
CREATE FUNCTION govreg_sign_out(p_secret_hash bytea)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE console_session SET ended_at = now() WHERE secret_hash = p_secret_hash AND ended_at IS NULL
$$;

-- A district admin sets a password for an account of the transaction's district (the console's
-- account page): the same as the operator's `govreg account password`, limited to the district.
CREATE FUNCTION govreg_set_password(p_account bigint, p_hash text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    district uuid;
BEGIN
    SELECT a.tenant_id INTO district FROM account a
    WHERE a.id = p_account AND a.status = 'active' AND a.tenant_id = current_tenant_id();
    IF district IS NULL THEN
        RETURN false;
    END IF;
    INSERT INTO account_password (account_id, tenant_id, password_hash) VALUES (p_account, district, p_hash)
    ON CONFLICT (account_id) DO UPDATE
    SET password_hash = EXCLUDED.password_hash, set_at = now(), set_by = current_actor(), failed_attempts = 0, locked_until = NULL;
    UPDATE console_session SET ended_at = now() WHERE account_id = p_account AND ended_at IS NULL;
    INSERT INTO account_event (tenant_id, account_id, action) VALUES (district, p_account, 'password_set');
    RETURN true;
END
$$;

REVOKE ALL ON FUNCTION govreg_set_password(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION govreg_set_password(bigint, text) TO govreg_app;
REVOKE ALL ON FUNCTION govreg_sign_in_account(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION govreg_sign_in_failed(bigint, integer, interval) FROM PUBLIC;
REVOKE ALL ON FUNCTION govreg_sign_in_succeeded(bigint, bytea, interval, interval) FROM PUBLIC;
REVOKE ALL ON FUNCTION govreg_console_session(bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION govreg_sign_out(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION govreg_sign_in_account(text, text) TO govreg_app;
GRANT EXECUTE ON FUNCTION govreg_sign_in_failed(bigint, integer, interval) TO govreg_app;
GRANT EXECUTE ON FUNCTION govreg_sign_in_succeeded(bigint, bytea, interval, interval) TO govreg_app;
GRANT EXECUTE ON FUNCTION govreg_console_session(bytea) TO govreg_app;
GRANT EXECUTE ON FUNCTION govreg_sign_out(bytea) TO govreg_app;

-- A disabled account's sessions end with it (tokens already stop working by the join in
-- govreg_authenticate; ending the rows also keeps the session list honest).
CREATE FUNCTION console_session_end_with_account() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE console_session SET ended_at = now() WHERE account_id = NEW.id AND ended_at IS NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER console_session_end_with_account AFTER UPDATE OF status ON account
    FOR EACH ROW WHEN (NEW.status = 'disabled') EXECUTE FUNCTION console_session_end_with_account();
