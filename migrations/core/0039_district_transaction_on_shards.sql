-- 0039 a district's transaction on Citus as on one server (issue 21): its settings reach the
-- workers, and the remaining triggers that read or write other tables work on shards.
--
-- 1. The district, the actor and the import are set with SET LOCAL, which Citus passes on to
--    every worker the transaction reaches (`citus.propagate_set_commands = 'local'`, set by
--    `govreg db distribute`); set_config(…, true) stays on the coordinator, where a shard's
--    row-level security and triggers cannot see it. govreg_set_local runs SET LOCAL through
--    EXECUTE (a function cannot run it otherwise) for the app.* settings alone.
--    govreg_enter is a district transaction's first statement (RegistryDatabase.withTenant,
--    govreg_intake): its settings, the shared archive lock for a writer, and the district's
--    status, read by a later statement than the lock's (a function's statements each take
--    their own snapshot), so an archive that committed before the lock was granted is seen.
-- 2. A trigger fires on the shard, on a worker, where a statement naming a distributed table
--    fails ("cannot execute a distributed query from a query on a shard"); and it sees the
--    shard's name in TG_TABLE_NAME (demand_102040). Each trigger below keeps its statement as
--    it was for one server, where TG_TABLE_NAME is the table's own name, and on a shard runs
--    the same statement through EXECUTE on the co-located shards (govreg_trigger_target,
--    0038). Not EXECUTE everywhere: planned on every row, it made a row trigger's lookup about
--    40 µs slower on one server (4 s more for an import of 100,000 demands, measured).
--    A shard has no sequence defaults: a row written there is given its id (nextval).

CREATE FUNCTION govreg_set_local(setting text, value text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF setting !~ '^app\.[a-z_]+$' THEN
        RAISE EXCEPTION 'govreg_set_local sets app.* settings only, not %', setting USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('SET LOCAL %s = %L', setting, coalesce(value, ''));
    RETURN value;
END
$$;
GRANT EXECUTE ON FUNCTION govreg_set_local(text, text) TO govreg_app;

-- p_label: the transaction's application_name (a request's id), NULL to keep the session's;
-- p_lock_key: the district's archive lock, taken shared by a writer, NULL for a reader.
CREATE FUNCTION govreg_enter(p_tenant uuid, p_actor text, p_label text, p_lock_key bigint)
RETURNS TABLE (status text, time_zone text)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM govreg_set_local('app.tenant_id', p_tenant::text), govreg_set_local('app.actor', p_actor),
        set_config('application_name', coalesce(p_label, current_setting('application_name')), true);
    IF p_lock_key IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock_shared(p_lock_key);
    END IF;
    RETURN QUERY SELECT t.status, t.time_zone FROM tenant t WHERE t.id = p_tenant;
END
$$;
GRANT EXECUTE ON FUNCTION govreg_enter(uuid, text, text, bigint) TO govreg_app;

-- The intake (0033, 0036) enters its district through govreg_enter.
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
    -- and the oldest key still held, worked out here: `timestamptz - interval` is a STABLE
    -- function, which Citus refuses in that WHERE even over two parameters
    v_expired timestamptz := v_now - p_key_lifetime;
BEGIN
    SELECT e.status, e.time_zone INTO v_status, v_zone FROM govreg_enter(p_tenant, p_actor, NULL, p_lock_key) e;
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
            WHERE k.created_at < v_expired
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

-- The org unit hierarchy (0004, 0036).
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
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION org_unit_move_subtree() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.path = OLD.path THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'org_unit' THEN
        UPDATE org_unit
        SET path = NEW.path || substr(path, length(OLD.path) + 1),
            depth = depth + (NEW.depth - OLD.depth)
        WHERE tenant_id = NEW.tenant_id AND path LIKE OLD.path || '%' AND id <> NEW.id;
        UPDATE demand d SET org_path = o.path
        FROM org_unit o
        WHERE o.tenant_id = NEW.tenant_id AND o.path LIKE NEW.path || '%'
          AND d.tenant_id = o.tenant_id AND d.org_unit_id = o.id AND d.org_path <> o.path;
    ELSE
        EXECUTE format($sql$
            UPDATE %s
            SET path = $1 || substr(path, length($2) + 1), depth = depth + ($3 - $4)
            WHERE tenant_id = $5 AND path LIKE $2 || '%%' AND id <> $6
            $sql$, TG_RELID::regclass)
        USING NEW.path, OLD.path, NEW.depth, OLD.depth, NEW.tenant_id, NEW.id;
        EXECUTE format($sql$
            UPDATE %s d SET org_path = o.path
            FROM %s o
            WHERE o.tenant_id = $1 AND o.path LIKE $2 || '%%'
              AND d.tenant_id = o.tenant_id AND d.org_unit_id = o.id AND d.org_path <> o.path
            $sql$, govreg_trigger_target('demand', TG_RELID, NEW.tenant_id), TG_RELID::regclass)
        USING NEW.tenant_id, NEW.path;
    END IF;
    RETURN NULL;
END
$$;

-- A demand's org path (0007) and its generated external id (0013).
CREATE OR REPLACE FUNCTION demand_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'demand' THEN
        NEW.org_path := (SELECT path FROM org_unit WHERE tenant_id = NEW.tenant_id AND id = NEW.org_unit_id);
    ELSE
        EXECUTE format('SELECT path FROM %s WHERE tenant_id = $1 AND id = $2', govreg_trigger_target('org_unit', TG_RELID, NEW.tenant_id))
            INTO NEW.org_path USING NEW.tenant_id, NEW.org_unit_id;
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION demand_default_external_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    taken boolean;
BEGIN
    NEW.external_id := 'GR-D' || NEW.id;
    IF TG_TABLE_NAME = 'demand' THEN
        taken := EXISTS (SELECT 1 FROM demand WHERE tenant_id = NEW.tenant_id AND external_id = NEW.external_id);
    ELSE
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE tenant_id = $1 AND external_id = $2)', TG_RELID::regclass)
            INTO taken USING NEW.tenant_id, NEW.external_id;
    END IF;
    IF taken THEN
        -- the shard itself on Citus: govreg_free_external_id looks in the table it is given
        NEW.external_id := govreg_free_external_id(TG_RELID::regclass, NEW.tenant_id, 'GR-D' || NEW.id);
    END IF;
    RETURN NEW;
END
$$;

-- A project's progress never goes back (0016).
CREATE OR REPLACE FUNCTION project_progress_in_day_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    other record;
    found_one integer;  -- FOUND is not set by EXECUTE
BEGIN
    IF TG_TABLE_NAME = 'project_progress' THEN
        SELECT reported_on, percent INTO other FROM project_progress
        WHERE tenant_id = NEW.tenant_id AND project_id = NEW.project_id AND id <> NEW.id
          AND ((reported_on, id) < (NEW.reported_on, NEW.id) AND percent > NEW.percent
               OR (reported_on, id) > (NEW.reported_on, NEW.id) AND percent < NEW.percent)
        LIMIT 1;
    ELSE
        EXECUTE format($sql$
            SELECT reported_on, percent FROM %s
            WHERE tenant_id = $1 AND project_id = $2 AND id <> $3
              AND ((reported_on, id) < ($4, $3) AND percent > $5
                   OR (reported_on, id) > ($4, $3) AND percent < $5)
            LIMIT 1
            $sql$, TG_RELID::regclass)
        INTO other USING NEW.tenant_id, NEW.project_id, NEW.id, NEW.reported_on, NEW.percent;
    END IF;
    GET DIAGNOSTICS found_one = ROW_COUNT;
    IF found_one > 0 THEN
        RAISE EXCEPTION 'progress cannot go back: % %% on % against % %% on %',
            NEW.percent, NEW.reported_on, other.percent, other.reported_on
            USING ERRCODE = '23514', CONSTRAINT = 'project_progress_in_day_order';
    END IF;
    RETURN NEW;
END
$$;

-- A resource's ledger moves its figures (0031).
CREATE OR REPLACE FUNCTION resource_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    excess record;
    found_one integer;  -- FOUND is not set by EXECUTE
    district uuid;
BEGIN
    IF TG_TABLE_NAME = 'resource_ledger' THEN
        SELECT * INTO excess FROM (
            SELECT r.resource_id, r.project_id, r.returned,
                   coalesce((SELECT sum(CASE l.kind WHEN 'drawn' THEN l.quantity ELSE -l.quantity END)
                             FROM resource_ledger l
                             WHERE l.tenant_id = r.tenant_id AND l.resource_id = r.resource_id AND l.project_id = r.project_id
                               AND l.kind IN ('drawn', 'returned')), 0) AS held
            FROM (SELECT tenant_id, resource_id, project_id, sum(quantity) AS returned
                  FROM ledger_new WHERE kind = 'returned' GROUP BY tenant_id, resource_id, project_id) r
        ) h
        WHERE h.held < 0
        ORDER BY h.resource_id, h.project_id
        LIMIT 1;
    ELSE
        SELECT n.tenant_id INTO district FROM ledger_new n LIMIT 1;
        EXECUTE format($sql$
            SELECT * FROM (
                SELECT r.resource_id, r.project_id, r.returned,
                       coalesce((SELECT sum(CASE l.kind WHEN 'drawn' THEN l.quantity ELSE -l.quantity END)
                                 FROM %s l
                                 WHERE l.tenant_id = r.tenant_id AND l.resource_id = r.resource_id AND l.project_id = r.project_id
                                   AND l.kind IN ('drawn', 'returned')), 0) AS held
                FROM (SELECT tenant_id, resource_id, project_id, sum(quantity) AS returned
                      FROM ledger_new WHERE kind = 'returned' GROUP BY tenant_id, resource_id, project_id) r
            ) h
            WHERE h.held < 0
            ORDER BY h.resource_id, h.project_id
            LIMIT 1
            $sql$, TG_RELID::regclass)
        INTO excess;
    END IF;
    GET DIAGNOSTICS found_one = ROW_COUNT;
    IF found_one > 0 THEN
        -- `held` already counts this statement's returns: what was held before them is held + returned.
        RAISE EXCEPTION 'return of % exceeds the % that project % still holds of resource %',
            excess.returned, excess.held + excess.returned, excess.project_id, excess.resource_id USING ERRCODE = 'check_violation';
    END IF;
    IF TG_TABLE_NAME = 'resource_ledger' THEN
        UPDATE resource r SET
            pledged = r.pledged + l.pledged,
            remaining = r.remaining + l.change,
            status = CASE
                WHEN r.status = 'withdrawn' THEN r.status
                WHEN r.remaining + l.change = 0 THEN 'exhausted'
                WHEN r.status = 'exhausted' THEN 'available'
                ELSE r.status END,
            updated_at = now(),
            row_version = r.row_version + 1
        FROM (SELECT tenant_id, resource_id,
                     coalesce(sum(quantity) FILTER (WHERE kind = 'pledged'), 0) AS pledged,
                     sum(CASE kind WHEN 'drawn' THEN -quantity ELSE quantity END) AS change
              FROM ledger_new GROUP BY tenant_id, resource_id) l
        WHERE r.tenant_id = l.tenant_id AND r.id = l.resource_id;
    ELSIF district IS NOT NULL THEN
        EXECUTE format($sql$
            UPDATE %s r SET
                pledged = r.pledged + l.pledged,
                remaining = r.remaining + l.change,
                status = CASE
                    WHEN r.status = 'withdrawn' THEN r.status
                    WHEN r.remaining + l.change = 0 THEN 'exhausted'
                    WHEN r.status = 'exhausted' THEN 'available'
                    ELSE r.status END,
                updated_at = now(),
                row_version = r.row_version + 1
            FROM (SELECT tenant_id, resource_id,
                         coalesce(sum(quantity) FILTER (WHERE kind = 'pledged'), 0) AS pledged,
                         sum(CASE kind WHEN 'drawn' THEN -quantity ELSE quantity END) AS change
                  FROM ledger_new GROUP BY tenant_id, resource_id) l
            WHERE r.tenant_id = l.tenant_id AND r.id = l.resource_id
            $sql$, govreg_trigger_target('resource', TG_RELID, district));
    END IF;
    RETURN NULL;
END
$$;

-- A quarterly report is closed in version order and then frozen (0018).
CREATE OR REPLACE FUNCTION quarterly_report_closing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last integer;
BEGIN
    IF TG_TABLE_NAME = 'quarterly_report' THEN
        SELECT max(version) INTO last FROM quarterly_report WHERE tenant_id = NEW.tenant_id AND quarter = NEW.quarter;
    ELSE
        EXECUTE format('SELECT max(version) FROM %s WHERE tenant_id = $1 AND quarter = $2', TG_RELID::regclass)
            INTO last USING NEW.tenant_id, NEW.quarter;
    END IF;
    IF NEW.version IS DISTINCT FROM coalesce(last, 0) + 1 OR NEW.replaces_version IS DISTINCT FROM last THEN
        RAISE EXCEPTION 'quarterly report % must be closed as version %, replacing %',
            NEW.quarter, coalesce(last, 0) + 1, coalesce(last::text, 'nothing') USING ERRCODE = 'check_violation';
    END IF;
    NEW.closed_at := now();
    NEW.closed_by := current_actor();
    NEW.published_at := NULL;
    NEW.published_by := NULL;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION quarterly_report_document_closing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    closing boolean;
BEGIN
    IF TG_TABLE_NAME = 'quarterly_report_document' THEN
        closing := EXISTS (SELECT 1 FROM quarterly_report r
                           WHERE r.tenant_id = NEW.tenant_id AND r.id = NEW.report_id AND r.closed_at = now());
    ELSE
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s r WHERE r.tenant_id = $1 AND r.id = $2 AND r.closed_at = now())',
                       govreg_trigger_target('quarterly_report', TG_RELID, NEW.tenant_id))
            INTO closing USING NEW.tenant_id, NEW.report_id;
    END IF;
    IF NOT closing THEN
        RAISE EXCEPTION 'documents are stored only when their report is closed'
            USING ERRCODE = 'check_violation', HINT = 'close a correction: a new version that replaces this one';
    END IF;
    RETURN NEW;
END
$$;

-- One function for both tables: which one fired is told by its name, a shard's less its number.
CREATE OR REPLACE FUNCTION quarterly_report_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') OR TG_TABLE_NAME ~ '^quarterly_report_document(_[0-9]+)?$' THEN
        RAISE EXCEPTION 'a closed quarterly report cannot be changed or deleted'
            USING ERRCODE = 'check_violation', HINT = 'close a correction: a new version that replaces this one';
    END IF;
    IF (NEW.tenant_id, NEW.id, NEW.quarter, NEW.version, NEW.replaces_version, NEW.correction_reason, NEW.figures, NEW.closed_at, NEW.closed_by)
        IS DISTINCT FROM
       (OLD.tenant_id, OLD.id, OLD.quarter, OLD.version, OLD.replaces_version, OLD.correction_reason, OLD.figures, OLD.closed_at, OLD.closed_by)
       OR OLD.published_at IS NOT NULL OR NEW.published_at IS NULL THEN
        RAISE EXCEPTION 'quarterly report % v% is closed: only its publication may be recorded, once', OLD.quarter, OLD.version
            USING ERRCODE = 'check_violation', HINT = 'close a correction: a new version that replaces this one';
    END IF;
    NEW.published_at := now();
    NEW.published_by := current_actor();
    RETURN NEW;
END
$$;

-- Accounts and tokens (0014, 0017, 0021, 0034) stay on the coordinator, but as Citus tables
-- (0037): their triggers fire on the coordinator's shard of each, under the shard's name.
CREATE OR REPLACE FUNCTION account_change_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME ~ '^account(_[0-9]+)?$' THEN
        IF OLD.status = 'disabled' AND (NEW.status <> 'disabled' OR NEW.disabled_at IS DISTINCT FROM OLD.disabled_at) THEN
            RAISE EXCEPTION '账号停用后不能恢复 a disabled account stays disabled (account %)', OLD.id USING ERRCODE = '23514';
        END IF;
    ELSIF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
        RAISE EXCEPTION '令牌吊销后不能恢复 a revoked token stays revoked (token %)', OLD.id USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION account_event_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    action text;
    account bigint;
    token bigint;
BEGIN
    IF TG_TABLE_NAME ~ '^account(_[0-9]+)?$' THEN
        account := NEW.id;
        IF TG_OP = 'INSERT' THEN
            action := 'account_created';
        ELSIF NEW.status = 'disabled' AND OLD.status <> 'disabled' THEN
            action := 'account_disabled';
        END IF;
    ELSE
        account := NEW.account_id;
        token := NEW.id;
        IF TG_OP = 'INSERT' THEN
            action := 'token_issued';
        ELSIF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
            action := 'token_revoked';
        END IF;
    END IF;
    IF action IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME IN ('account', 'api_token') THEN
        INSERT INTO account_event (tenant_id, account_id, token_id, action) VALUES (NEW.tenant_id, account, token, action);
    ELSE
        EXECUTE format($sql$
            INSERT INTO %s (id, tenant_id, account_id, token_id, action) OVERRIDING SYSTEM VALUE
            VALUES (nextval('account_event_id_seq'), $1, $2, $3, $4)
            $sql$, govreg_trigger_target('account_event', TG_RELID, NULL))
        USING NEW.tenant_id, account, token, action;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION api_token_tenant_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner_tenant uuid;
BEGIN
    IF TG_TABLE_NAME = 'api_token' THEN
        owner_tenant := (SELECT tenant_id FROM account WHERE id = NEW.account_id);
    ELSE
        EXECUTE format('SELECT tenant_id FROM %s WHERE id = $1', govreg_trigger_target('account', TG_RELID, NULL))
            INTO owner_tenant USING NEW.account_id;
    END IF;
    IF NEW.tenant_id IS DISTINCT FROM owner_tenant THEN
        RAISE EXCEPTION 'a token belongs to its account''s tenant' USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION console_session_end_with_account() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_TABLE_NAME = 'account' THEN
        UPDATE console_session SET ended_at = now() WHERE account_id = NEW.id AND ended_at IS NULL;
    ELSE
        EXECUTE format('UPDATE %s SET ended_at = now() WHERE account_id = $1 AND ended_at IS NULL',
                       govreg_trigger_target('console_session', TG_RELID, NULL))
            USING NEW.id;
    END IF;
    RETURN NULL;
END
$$;

-- Demand inserts: every row is audited except those tagged with this transaction's own import
-- (0030). Outside an import there is no batch, and `import_id IS DISTINCT FROM NULL` dropped
-- every untagged row too: a demand filed by intake or by hand had no insert entry (0030-0038).
CREATE OR REPLACE FUNCTION audit_insert_unless_imported() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    batch bigint := current_import_id();
    who text := current_actor();
    district uuid;
    log text;
BEGIN
    SELECT n.tenant_id INTO district FROM audit_new n LIMIT 1;
    IF district IS NULL THEN
        RETURN NULL;
    END IF;
    log := govreg_trigger_target('audit_log', TG_RELID, district);
    EXECUTE format($sql$
        INSERT INTO %s (tenant_id, id, actor, action, table_name, row_id, after, import_id) OVERRIDING SYSTEM VALUE
        SELECT n.tenant_id, nextval('audit_log_id_seq'), $1, 'insert', $2, n.id, to_jsonb(n) - $3, $4
        FROM audit_new n
        WHERE $4 IS NULL OR n.import_id IS DISTINCT FROM $4
        $sql$, log)
    USING who, govreg_trigger_table(TG_TABLE_NAME, log, 'audit_log'), coalesce(TG_ARGV, '{}'), batch;
    RETURN NULL;
END
$$;

-- A trigger on a shard gives its rows their ids from the logical table's sequence (0038), and
-- Citus does not pass a sequence's GRANTs on to the workers (tried: USAGE granted after
-- distributing stays on the coordinator), so there govreg_app may not use it. The triggers
-- that do run as their owner, as account_event_record (0017) already did.
ALTER FUNCTION audit_insert() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION audit_insert_unless_imported() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION audit_update() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION audit_delete() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION tenant_seed_categories() SECURITY DEFINER SET search_path = public, pg_temp;

-- Filing a demand (0033, 0036) in PL/pgSQL, a statement at a time. Citus cannot plan a SQL
-- function's statements over distributed tables when they use its parameters ("could not
-- create distributed plan … parameters in SQL functions"), nor push an INSERT … SELECT into
-- a table with an identity column down to the shard; in PL/pgSQL each statement is planned
-- with its variables as parameters, and each names one district's shard. One server runs
-- the same few statements, each with its plan kept.
CREATE OR REPLACE FUNCTION govreg_take_numbers(list text, tenant uuid, how_many bigint) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    first bigint;
BEGIN
    -- the parameters by position: their names are the columns' (and cannot be renamed)
    INSERT INTO tenant_number AS n (tenant_id, list, last) VALUES ($2, $1, $3)
    ON CONFLICT (tenant_id, list) DO UPDATE SET last = n.last + excluded.last
    RETURNING n.last - $3 + 1 INTO first;
    RETURN first;
END
$$;

CREATE OR REPLACE FUNCTION govreg_file_demand(
    p_tenant uuid, p_external_id text, p_title text, p_description text, p_category text, p_org_code text,
    p_source_channel text, p_reporter bigint, p_beneficiaries integer, p_quantity bigint, p_measure_unit text,
    p_priority smallint, p_due_on date, p_is_public boolean, p_published_on date, p_filed_on date,
    p_submit boolean, p_actor text, p_note text, p_visibility text
) RETURNS SETOF demand_filed
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_category text;
    v_category_name text;
    v_place record;
    v_number bigint;
    v_name text;
    v_external_id text := p_external_id;
    v_filed demand%ROWTYPE;
    v_event demand_event%ROWTYPE;
    v_state text := CASE WHEN p_submit THEN 'submitted' ELSE 'draft' END;
    v_filed_at timestamptz;
    v_level text;
BEGIN
    -- a code wins over a Chinese name spelt the same; a shared name goes to the first in order
    SELECT c.code, c.name_zh INTO v_category, v_category_name FROM tenant_category c
    WHERE c.tenant_id = p_tenant AND (c.code = p_category OR c.name_zh = p_category)
    ORDER BY c.code = p_category DESC, c.sort_order LIMIT 1;
    SELECT o.id, o.code, o.name, o.kind, o.path INTO v_place FROM org_unit o WHERE o.tenant_id = p_tenant AND o.code = p_org_code;
    IF v_category IS NULL OR v_place.id IS NULL THEN
        RETURN;  -- nothing filed, and no number used
    END IF;
    v_number := govreg_take_numbers('demand', p_tenant, 1);
    -- GR-D<n>, unless a district already uses that text for another row (0013). The name is
    -- compared as a value (a variable), so that under row-level security it is an index
    -- condition (an expression would not be leakproof, and the probe would read the whole
    -- district's external ids: 115 ms at a million).
    IF v_external_id IS NULL THEN
        v_name := 'GR-D' || v_number;
        IF EXISTS (SELECT 1 FROM demand x WHERE x.tenant_id = p_tenant AND x.external_id = v_name) THEN
            v_external_id := govreg_free_external_id('demand', p_tenant, v_name);
        ELSE
            v_external_id := v_name;
        END IF;
    END IF;
    -- Values worked out here, not in the INSERT: Citus passes the statement to the worker with
    -- the variables as values, and an inlined `CASE kind WHEN …` with one is deparsed wrongly.
    v_filed_at := coalesce(p_filed_on::timestamp AT TIME ZONE district_time_zone(), now());
    v_level := org_unit_starting_level(v_place.kind);  -- it starts on the rung where it arises (0027)
    INSERT INTO demand (tenant_id, id, external_id, title, description, category_code, org_unit_id, org_path, source_channel,
        reporter_id, beneficiaries, quantity, measure_unit, priority, due_on, state, is_public, published_on,
        filed_at, escalation_level)
    VALUES (p_tenant, v_number, v_external_id, p_title, p_description, v_category, v_place.id, v_place.path, p_source_channel,
        p_reporter, p_beneficiaries, p_quantity, p_measure_unit, p_priority, p_due_on, v_state, p_is_public, p_published_on,
        v_filed_at, v_level)
    RETURNING * INTO v_filed;
    IF p_submit THEN
        INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, at, note, visibility)
        VALUES (p_tenant, v_filed.id, 'transition', 'draft', 'submitted', p_actor, now(), p_note, p_visibility)
        RETURNING * INTO v_event;
    END IF;
    RETURN QUERY SELECT v_filed.id, v_filed.external_id, v_filed.title, v_filed.description, v_filed.category_code,
        v_filed.org_unit_id, v_filed.source_channel, v_filed.reporter_id, v_filed.beneficiaries, v_filed.quantity,
        v_filed.measure_unit, v_filed.priority, v_filed.due_on::text, v_filed.is_public, v_filed.published_on::text,
        v_filed.state, v_filed.escalation_level, v_filed.settled_level, v_filed.merged_into, v_filed.rating,
        v_filed.rating_comment, v_filed.row_version, v_place.code::text, v_place.name::text, v_category_name, v_filed.filed_at,
        v_filed.updated_at, v_event.id, v_event.kind, v_event.at, v_event.actor, v_event.from_state, v_event.to_state,
        v_event.from_level, v_event.to_level, v_event.note, v_event.reason, v_event.visibility;
END
$$;

-- Whether a role may run a trigger function is checked when a trigger is made, not when it
-- fires: govreg_app could attach these owner's functions to a temporary table of its own and
-- write as the owner. No one calls them but their triggers, which still fire.
REVOKE EXECUTE ON FUNCTION audit_insert(), audit_insert_unless_imported(), audit_update(), audit_delete(),
    tenant_seed_categories(), account_event_record(), console_session_end_with_account() FROM PUBLIC;
