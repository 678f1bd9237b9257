-- 0036 the schema as Citus can distribute it, part one: what `govreg db lint --citus` found in
-- the core's routines and keys (issue 21). Each change keeps the behaviour on one server.
--
-- 1. A demand's org path follows a move of its org unit through the move itself, not through
--    ON UPDATE CASCADE, which Citus refuses on a key holding the distribution column. The key
--    stays checked at once for every writer (so a demand filed under a node takes its share
--    lock, and a move waits for it, as before); a hierarchy change defers it to its commit
--    (SET CONSTRAINTS, OrgUnitStore.serialiseHierarchyChanges), so the move may rewrite the
--    subtree's paths first and its demands' paths after. A demand whose path is not its org
--    unit's is still refused.
-- 2. now() leaves ON CONFLICT DO UPDATE and CASE: the routines take the time once into a
--    variable, which reaches the statement as a parameter (Citus plans an upsert only when its
--    SET and WHERE call IMMUTABLE functions, and refuses other functions inside CASE of an
--    UPDATE). now() is the transaction's time, so the value is the same as before.

ALTER TABLE demand DROP CONSTRAINT demand_org_unit_path_fkey;
ALTER TABLE demand ADD CONSTRAINT demand_org_unit_path_fkey
    FOREIGN KEY (tenant_id, org_unit_id, org_path) REFERENCES org_unit (tenant_id, id, path)
    DEFERRABLE INITIALLY IMMEDIATE;

-- After a move, the subtree follows (one UPDATE over the old path's range), then the demands
-- of every node in it take their node's new path (through demand_org_unit, a node at a time).
CREATE OR REPLACE FUNCTION org_unit_move_subtree() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.path <> OLD.path THEN
        UPDATE org_unit
        SET path = NEW.path || substr(path, length(OLD.path) + 1),
            depth = depth + (NEW.depth - OLD.depth)
        WHERE tenant_id = NEW.tenant_id AND path LIKE OLD.path || '%' AND id <> NEW.id;
        UPDATE demand d SET org_path = o.path
        FROM org_unit o
        WHERE o.tenant_id = NEW.tenant_id AND o.path LIKE NEW.path || '%'
          AND d.tenant_id = o.tenant_id AND d.org_unit_id = o.id AND d.org_path <> o.path;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION govreg_intake(
    p_tenant uuid, p_actor text, p_lock_key bigint, p_time_zone text, p_listeners text[],
    p_account bigint, p_key text, p_request_hash bytea, p_key_lifetime interval, p_subtree_root bigint,
    p_external_id text, p_title text, p_description text, p_category text, p_org_code text,
    p_source_channel text, p_reporter bigint, p_beneficiaries integer, p_quantity bigint, p_measure_unit text,
    p_priority smallint, p_due_on date, p_is_public boolean, p_published_on date, p_filed_on date,
    p_submit boolean, p_note text, p_visibility text
) RETURNS TABLE (outcome text, time_zone text, status_code smallint, response_headers text, response_body bytea, filed demand_filed)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_status text;
    v_zone text;
    v_key idempotency_key%ROWTYPE;
    v_claimed boolean := false;
    v_filed demand_filed;
    -- the statement's time as a value: Citus plans an ON CONFLICT DO UPDATE only when its SET
    -- and WHERE call no function that is not IMMUTABLE (a PL/pgSQL variable is a parameter)
    v_now timestamptz := now();
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant::text, true), set_config('app.actor', p_actor, true);
    -- writers share it and archiving takes it alone (RegistryDatabase.withTenant)
    PERFORM pg_advisory_xact_lock_shared(p_lock_key);
    SELECT t.status, t.time_zone INTO v_status, v_zone FROM tenant t WHERE t.id = p_tenant;
    IF v_status IS NULL THEN RETURN QUERY SELECT 'no_tenant', NULL::text, NULL::smallint, NULL::text, NULL::bytea, NULL::demand_filed; RETURN; END IF;
    IF v_status = 'archived' THEN RETURN QUERY SELECT 'archived', v_zone, NULL::smallint, NULL::text, NULL::bytea, NULL::demand_filed; RETURN; END IF;
    IF v_zone IS DISTINCT FROM p_time_zone THEN
        RETURN QUERY SELECT 'zone_changed', v_zone, NULL::smallint, NULL::text, NULL::bytea, NULL::demand_filed; RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM tenant_module m WHERE m.tenant_id = p_tenant AND m.enabled AND m.module_id = ANY (p_listeners)) THEN
        RETURN QUERY SELECT 'listeners', v_zone, NULL::smallint, NULL::text, NULL::bytea, NULL::demand_filed; RETURN;
    END IF;
    IF p_key IS NOT NULL THEN
        -- waits while another transaction holds the same key; then claims it only if it expired
        INSERT INTO idempotency_key AS k (tenant_id, account_id, key, request_hash)
        VALUES (p_tenant, p_account, p_key, p_request_hash)
        ON CONFLICT (tenant_id, account_id, key) DO UPDATE
            SET request_hash = EXCLUDED.request_hash, created_at = v_now,
                status_code = NULL, response_headers = NULL, response_body = NULL, response_row = NULL
            WHERE k.created_at < v_now - p_key_lifetime
        RETURNING true INTO v_claimed;
        IF NOT coalesce(v_claimed, false) THEN
            SELECT * INTO v_key FROM idempotency_key k WHERE k.tenant_id = p_tenant AND k.account_id = p_account AND k.key = p_key;
            IF v_key.request_hash <> p_request_hash THEN
                RETURN QUERY SELECT 'key_used', v_zone, NULL::smallint, NULL::text, NULL::bytea, NULL::demand_filed; RETURN;
            END IF;
            IF v_key.response_row IS NOT NULL THEN
                RETURN QUERY SELECT 'replayed', v_zone, v_key.status_code, NULL::text, NULL::bytea,
                    jsonb_populate_record(NULL::demand_filed, v_key.response_row);
                RETURN;
            END IF;
            RETURN QUERY SELECT 'answered', v_zone, v_key.status_code, v_key.response_headers::text, v_key.response_body, NULL::demand_filed;
            RETURN;
        END IF;
    END IF;
    IF p_subtree_root IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM org_unit o JOIN org_unit r ON r.tenant_id = o.tenant_id AND r.id = p_subtree_root
        WHERE o.tenant_id = p_tenant AND o.code = p_org_code AND o.path LIKE r.path || '%'
    ) THEN
        -- a claimed key is given back with the rest of the statement
        RAISE EXCEPTION 'outside the subtree' USING ERRCODE = 'GR403';
    END IF;
    SELECT * INTO v_filed FROM govreg_file_demand(
        p_tenant, p_external_id, p_title, p_description, p_category, p_org_code, p_source_channel, p_reporter,
        p_beneficiaries, p_quantity, p_measure_unit, p_priority, p_due_on, p_is_public, p_published_on, p_filed_on,
        p_submit, p_actor, p_note, p_visibility);
    IF v_filed.id IS NULL THEN
        RAISE EXCEPTION 'category or org code names nothing in this district' USING ERRCODE = 'GR422';
    END IF;
    IF p_key IS NOT NULL THEN
        UPDATE idempotency_key k SET status_code = 201, response_row = to_jsonb(v_filed)
        WHERE k.tenant_id = p_tenant AND k.account_id = p_account AND k.key = p_key;
    END IF;
    RETURN QUERY SELECT 'filed', v_zone, 201::smallint, NULL::text, NULL::bytea, v_filed;
END
$$;

CREATE OR REPLACE FUNCTION govreg_sign_in_failed(p_account bigint, p_limit integer, p_lock interval)
RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    locked timestamptz;
    -- the end of a lock this failure starts, as a value (see the head of this file)
    lock_end timestamptz := now() + p_lock;
BEGIN
    UPDATE account_password
    SET failed_attempts = CASE WHEN failed_attempts + 1 >= p_limit THEN 0 ELSE failed_attempts + 1 END,
        locked_until = CASE WHEN failed_attempts + 1 >= p_limit THEN lock_end ELSE locked_until END
    WHERE account_id = p_account
    RETURNING CASE WHEN failed_attempts = 0 THEN locked_until END INTO locked;
    IF locked IS NOT NULL THEN
        INSERT INTO account_event (tenant_id, account_id, action)
        SELECT a.tenant_id, a.id, 'account_locked' FROM account a WHERE a.id = p_account;
    END IF;
    RETURN locked;
END
$$;

CREATE OR REPLACE FUNCTION govreg_set_password(p_account bigint, p_hash text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    district uuid;
    -- the time and the actor as values (see the head of this file)
    v_now timestamptz := now();
    v_actor text := current_actor();
BEGIN
    SELECT a.tenant_id INTO district FROM account a
    WHERE a.id = p_account AND a.status = 'active' AND a.tenant_id = current_tenant_id();
    IF district IS NULL THEN
        RETURN false;
    END IF;
    INSERT INTO account_password (account_id, tenant_id, password_hash) VALUES (p_account, district, p_hash)
    ON CONFLICT (account_id) DO UPDATE
    SET password_hash = EXCLUDED.password_hash, set_at = v_now, set_by = v_actor, failed_attempts = 0, locked_until = NULL;
    UPDATE console_session SET ended_at = v_now WHERE account_id = p_account AND ended_at IS NULL;
    INSERT INTO account_event (tenant_id, account_id, action) VALUES (district, p_account, 'password_set');
    RETURN true;
END
$$;
