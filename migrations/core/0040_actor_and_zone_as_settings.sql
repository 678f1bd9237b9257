-- 0040 the actor and the district's time zone as calls that read the transaction's settings
-- (issue 21).
--
-- 1. current_actor() was an SQL function, inlined into every statement that named it, so
--    the statement held `coalesce(nullif(current_setting(…)))`: Citus refuses a function that
--    is not IMMUTABLE inside COALESCE or CASE of an UPDATE or an INSERT … ON CONFLICT on a
--    distributed table (`UPDATE matching_run SET accepted_by = current_actor()`, a module's
--    settings). A PL/pgSQL function is never inlined: Citus evaluates the call on the
--    coordinator, where the transaction's app.actor is set, and sends the value.
CREATE OR REPLACE FUNCTION current_actor() RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    RETURN coalesce(nullif(current_setting('app.actor', true), ''), 'db:' || session_user);
END
$$;

-- 2. district_time_zone() read the zone from `tenant` (0029). In a statement Citus sends to a
--    shard (the view public_demand, the quarter's figures) the call runs on the worker, and a
--    query of `tenant` there fails ("cannot execute a distributed query from a query on a
--    shard"). govreg_enter, every district transaction's first statement, now also sets
--    app.time_zone (SET LOCAL reaches the workers), from the row it reads anyway; the function
--    reads that setting, and `tenant` only outside a district transaction entered so (an
--    operator's session). PL/pgSQL, so the table is planned only when that branch runs; it
--    is no longer inlined, so a view calls it once a row (public_demand.filed_on) where the
--    inlined subquery ran once a statement: a few microseconds a row.
CREATE OR REPLACE FUNCTION district_time_zone() RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    zone text := nullif(current_setting('app.time_zone', true), '');
BEGIN
    IF zone IS NOT NULL THEN
        RETURN zone;
    END IF;
    RETURN coalesce((SELECT t.time_zone FROM tenant t WHERE t.id = current_tenant_id()), 'Asia/Shanghai');
END
$$;

-- govreg_set_local makes the app.* settings alone, so app.time_zone is one of them.
CREATE OR REPLACE FUNCTION govreg_enter(p_tenant uuid, p_actor text, p_label text, p_lock_key bigint)
RETURNS TABLE (status text, time_zone text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_status text;
    v_zone text;
BEGIN
    PERFORM govreg_set_local('app.tenant_id', p_tenant::text), govreg_set_local('app.actor', p_actor),
        set_config('application_name', coalesce(p_label, current_setting('application_name')), true);
    IF p_lock_key IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock_shared(p_lock_key);
    END IF;
    SELECT t.status, t.time_zone INTO v_status, v_zone FROM tenant t WHERE t.id = p_tenant;
    IF v_zone IS NOT NULL THEN
        PERFORM govreg_set_local('app.time_zone', v_zone);
    END IF;
    RETURN QUERY SELECT v_status, v_zone WHERE v_status IS NOT NULL;
END
$$;

-- 3. A move of an org unit defers the key from a demand's org path to its org unit's path
--    until commit (0036): OrgUnitStore runs SET CONSTRAINTS … DEFERRED, and the move rewrites
--    the subtree's paths, then its demands'. On Citus that statement stays on the
--    coordinator, and the shards' key was checked at once (tried: "update or delete on table
--    org_unit_102031 violates foreign key constraint demand_org_unit_path_fkey_102095"). So on
--    a shard the row's own BEFORE trigger defers the worker's keys when a path changes, before
--    any key check of the row is queued; on one server nothing changes. The key is
--    DEFERRABLE INITIALLY IMMEDIATE and the schema's only deferrable one, so ALL names it.
CREATE OR REPLACE FUNCTION org_unit_place() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_path text;
    parent_depth integer;
BEGIN
    IF NEW.parent_id IS NULL THEN
        NEW.path := '/' || NEW.id || '/';
        NEW.depth := 0;
    ELSE
        IF TG_TABLE_NAME = 'org_unit' THEN
            SELECT path, depth INTO parent_path, parent_depth
            FROM org_unit WHERE tenant_id = NEW.tenant_id AND id = NEW.parent_id;
        ELSE
            EXECUTE format('SELECT path, depth FROM %s WHERE tenant_id = $1 AND id = $2', TG_RELID::regclass)
                INTO parent_path, parent_depth USING NEW.tenant_id, NEW.parent_id;
        END IF;
        IF parent_path IS NULL THEN
            RAISE EXCEPTION 'parent org unit % does not exist', NEW.parent_id USING ERRCODE = 'foreign_key_violation';
        END IF;
        IF TG_OP = 'UPDATE' AND parent_path LIKE OLD.path || '%' THEN
            RAISE EXCEPTION 'moving org unit % under % would make a cycle', NEW.id, NEW.parent_id
                USING ERRCODE = 'check_violation', HINT = 'a node cannot move into its own subtree';
        END IF;
        NEW.path := parent_path || NEW.id || '/';
        NEW.depth := parent_depth + 1;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        NEW.updated_at := now();
        NEW.row_version := OLD.row_version + 1;
        IF TG_TABLE_NAME <> 'org_unit' AND NEW.path IS DISTINCT FROM OLD.path THEN
            SET CONSTRAINTS ALL DEFERRED;
        END IF;
    END IF;
    RETURN NEW;
END
$$;
