-- 0033 filing a demand is one statement, and an API intake one round trip after its token
-- check (issue 16).
--
-- An intake was about a dozen statements, each a round trip: the tenant settings and lock,
-- the tenant's status, the idempotency key, the category, the org unit, the insert, its
-- event, the demand read back with its names and history, the answer stored under the key,
-- and the transaction's begin and commit. Round trips, not work, were most of its time, and
-- they cost more still once the database is a Citus coordinator across a network.
--
-- 1. govreg_file_demand: the filing itself (resolve the category by code or Chinese name and
--    the org code, take the district's next number, name it GR-D<n> unless it has an
--    external id, insert it on its starting rung, and record the move draft → submitted),
--    returning the demand as the answer shows it. Every door files through it, so the
--    rule is written once.
-- 2. govreg_intake: an API intake in one statement, run outside an explicit transaction (the
--    statement is its transaction): the tenant settings, lock and status, the idempotency key
--    (claimed, or its stored answer given back), the subtree of community staff, the filing,
--    and the answer stored under the key as the filed row (the server encodes it; a replay
--    decodes the same row, so it gives the same answer). Module event handlers run in the
--    server, inside the transaction of the change: when a module that hears core events is
--    enabled, the function does nothing and says so, and the server runs the same function
--    inside a transaction of its own, followed by the handlers.

-- The demand as a filing returns it: the columns DemandStore reads for a detail, and its
-- first event (NULL when filed as a draft), prefixed event_.
CREATE TYPE demand_filed AS (
    id bigint, external_id text, title text, description text, category_code text, org_unit_id bigint,
    source_channel text, reporter_id bigint, beneficiaries integer, quantity bigint, measure_unit text,
    priority smallint, due_on text, is_public boolean, published_on text, state text, escalation_level text,
    settled_level text, merged_into bigint, rating smallint, rating_comment text, row_version integer,
    org_code text, org_name text, category_name text, filed_at timestamptz, updated_at timestamptz,
    event_id bigint, event_kind text, event_at timestamptz, event_actor text, event_from_state text,
    event_to_state text, event_from_level text, event_to_level text, event_note text, event_reason text,
    event_visibility text
);

-- Files one demand in the current tenant; no row when the category or org code names nothing
-- in it (the caller then says which). The values were checked by the server (the domain's
-- rules); the table's constraints and keys check them again.
CREATE FUNCTION govreg_file_demand(
    p_tenant uuid, p_external_id text, p_title text, p_description text, p_category text, p_org_code text,
    p_source_channel text, p_reporter bigint, p_beneficiaries integer, p_quantity bigint, p_measure_unit text,
    p_priority smallint, p_due_on date, p_is_public boolean, p_published_on date, p_filed_on date,
    p_submit boolean, p_actor text, p_note text, p_visibility text
) RETURNS SETOF demand_filed LANGUAGE sql VOLATILE AS $$
    WITH category AS (
        -- a code wins over a Chinese name spelt the same; a shared name goes to the first in order
        SELECT code, name_zh FROM tenant_category
        WHERE tenant_id = p_tenant AND (code = p_category OR name_zh = p_category)
        ORDER BY code = p_category DESC, sort_order LIMIT 1
    ), place AS (
        SELECT id, code, name, kind, path FROM org_unit WHERE tenant_id = p_tenant AND code = p_org_code
    ), number AS MATERIALIZED (
        -- taken only when both resolve, so a refused filing uses no number
        SELECT n, 'GR-D' || n AS name FROM (SELECT govreg_take_numbers('demand', p_tenant, 1) AS n FROM category, place) taken
    ), filed AS (
        INSERT INTO demand (tenant_id, id, external_id, title, description, category_code, org_unit_id, org_path, source_channel,
            reporter_id, beneficiaries, quantity, measure_unit, priority, due_on, state, is_public, published_on,
            filed_at, escalation_level)
        SELECT p_tenant, number.n,
               -- GR-D<n>, unless a district already uses that text for another row (0013). The
               -- name is compared as a value made beforehand: an expression (`'GR-D' || n`) is
               -- not leakproof, so under row-level security it would be no index condition, and
               -- the probe would read the whole district's external ids (115 ms at a million).
               coalesce(p_external_id, CASE
                   WHEN EXISTS (SELECT 1 FROM demand x WHERE x.tenant_id = p_tenant AND x.external_id = number.name)
                   THEN govreg_free_external_id('demand', p_tenant, number.name) ELSE number.name END),
               -- the place's path, for lists by subtree (0032)
               p_title, p_description, category.code, place.id, place.path, p_source_channel, p_reporter, p_beneficiaries,
               p_quantity, p_measure_unit, p_priority, p_due_on, CASE WHEN p_submit THEN 'submitted' ELSE 'draft' END,
               p_is_public, p_published_on,
               coalesce(p_filed_on::timestamp AT TIME ZONE district_time_zone(), now()),
               -- it starts on the rung where it arises (0027)
               org_unit_starting_level(place.kind)
        FROM number, category, place
        RETURNING *
    ), event AS (
        INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, at, note, visibility)
        SELECT p_tenant, filed.id, 'transition', 'draft', 'submitted', p_actor, now(), p_note, p_visibility
        FROM filed WHERE p_submit
        RETURNING *
    )
    SELECT f.id, f.external_id, f.title, f.description, f.category_code, f.org_unit_id, f.source_channel, f.reporter_id,
           f.beneficiaries, f.quantity, f.measure_unit, f.priority, f.due_on::text, f.is_public, f.published_on::text,
           f.state, f.escalation_level, f.settled_level, f.merged_into, f.rating, f.rating_comment, f.row_version,
           place.code, place.name, category.name_zh, f.filed_at, f.updated_at,
           e.id, e.kind, e.at, e.actor, e.from_state, e.to_state, e.from_level, e.to_level, e.note, e.reason, e.visibility
    FROM filed f CROSS JOIN place CROSS JOIN category LEFT JOIN event e ON true
$$;
GRANT EXECUTE ON FUNCTION govreg_file_demand(uuid, text, text, text, text, text, text, bigint, integer, bigint, text,
    smallint, date, boolean, date, date, boolean, text, text, text) TO govreg_app;

-- An intake's answer stored under its key as the filed row, for the server to encode again.
ALTER TABLE idempotency_key ADD COLUMN response_row jsonb;

-- An API intake in one statement. `outcome` says what happened:
--   filed      the demand was filed (`filed_*` columns); the key, if any, now holds it
--   replayed   the key held a filed demand: that one (nothing written)
--   answered   the key held an answer stored by another path (`status_code`, `response_*`)
--   key_used   the key was used for a different request (nothing written)
--   no_tenant, archived, zone_changed (the server checked the dates in another zone than the
--              district's, now in `time_zone`), outside_subtree, unresolved (category or org
--              code), listeners (a module that hears core events is enabled: nothing was done)
-- Nothing is written unless the outcome is `filed`. A key is remembered `p_key_lifetime`
-- (IdempotencyKeys.lifetime, the one place that says how long).
CREATE FUNCTION govreg_intake(
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
            SET request_hash = EXCLUDED.request_hash, created_at = now(),
                status_code = NULL, response_headers = NULL, response_body = NULL, response_row = NULL
            WHERE k.created_at < now() - p_key_lifetime
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
GRANT EXECUTE ON FUNCTION govreg_intake(uuid, text, bigint, text, text[], bigint, text, bytea, interval, bigint, text, text, text,
    text, text, text, bigint, integer, bigint, text, smallint, date, boolean, date, date, boolean, text, text) TO govreg_app;
