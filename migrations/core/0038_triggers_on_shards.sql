-- 0038 the audit log's triggers, and a new district's categories, work on Citus shards as on
-- one server (issue 21).
--
-- On a Citus cluster a trigger of a distributed table fires on the shard, on a worker. There
-- a statement naming the distributed table audit_log fails ("cannot execute a distributed
-- query from a query on a shard"), and its transition table is not found when the statement
-- goes through Citus's planner. What works (docs/citus.md, tried on Citus 13.2.2): naming the
-- co-located shard of audit_log itself, through EXECUTE. It lives on the same node (co-located
-- shards cover the same range of tenant_id hashes, so any row of the statement finds it), the
-- write is local and in the same transaction, and EXECUTE sees the transition table. On one
-- server the same functions name audit_log, and write what they wrote before.
--
-- A shard has no column defaults, so the entry's id is given: nextval of audit_log's identity
-- sequence (the value the default gave on one server; on a worker, that node's range). And a
-- shard's trigger sees the shard's name in TG_TABLE_NAME (demand_102040): the entry records
-- the table's own name.

-- What a trigger that fired on `fired` writes into (or reads), for rows of district `tenant`:
-- `target` itself, unless `fired` is a Citus shard; then the shard of `target` that holds the
-- district, or NULL when that shard is not on this node (a trigger of a reference table fires
-- on every node's copy, and only one of them holds the district's shard). A reference
-- table's one shard is on every node (`tenant` is then not needed).
CREATE FUNCTION govreg_trigger_target(target regclass, fired oid, tenant uuid) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    on_shard boolean;
    shard text;
BEGIN
    -- Citus's own functions are called through EXECUTE: on a server without Citus they do not
    -- exist, and a direct call would not compile.
    IF to_regprocedure('pg_catalog.relation_is_a_known_shard(regclass)') IS NULL THEN
        RETURN target::text;
    END IF;
    EXECUTE 'SELECT pg_catalog.relation_is_a_known_shard($1)' INTO on_shard USING fired::regclass;
    IF NOT coalesce(on_shard, false) THEN
        RETURN target::text;
    END IF;
    EXECUTE 'SELECT pg_catalog.shard_name($1, pg_catalog.get_shard_id_for_distribution_column($1, $2))'
        INTO shard USING target, tenant;
    -- a shard placed on another node has no relation here
    IF to_regclass(shard) IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN shard;
END
$$;

-- The name of the table a trigger fired on: a shard's name less its shard number.
CREATE FUNCTION govreg_trigger_table(table_name text, wrote_to text, target regclass) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN wrote_to = target::text THEN table_name ELSE regexp_replace(table_name, '_[0-9]+$', '') END
$$;

GRANT USAGE ON SEQUENCE audit_log_id_seq TO govreg_app;

CREATE OR REPLACE FUNCTION audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    batch bigint := current_import_id();  -- read once per statement (0030)
    who text := current_actor();
    district uuid;
    log text;
BEGIN
    SELECT n.tenant_id INTO district FROM audit_new n LIMIT 1;
    IF district IS NULL THEN
        RETURN NULL;  -- no rows
    END IF;
    log := govreg_trigger_target('audit_log', TG_RELID, district);
    EXECUTE format($sql$
        INSERT INTO %s (tenant_id, id, actor, action, table_name, row_id, after, import_id) OVERRIDING SYSTEM VALUE
        SELECT n.tenant_id, nextval('audit_log_id_seq'), $1, 'insert', $2, n.id, to_jsonb(n) - $3, $4
        FROM audit_new n
        $sql$, log)
    USING who, govreg_trigger_table(TG_TABLE_NAME, log, 'audit_log'), coalesce(TG_ARGV, '{}'), batch;
    RETURN NULL;
END
$$;

-- Demand inserts: every row is audited except those tagged with this transaction's own
-- import (0030).
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
        WHERE n.import_id IS DISTINCT FROM $4
        $sql$, log)
    USING who, govreg_trigger_table(TG_TABLE_NAME, log, 'audit_log'), coalesce(TG_ARGV, '{}'), batch;
    RETURN NULL;
END
$$;

-- An update's images are built once per row (0031).
CREATE OR REPLACE FUNCTION audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
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
        INSERT INTO %s (tenant_id, id, actor, action, table_name, row_id, before, after, import_id) OVERRIDING SYSTEM VALUE
        SELECT i.tenant_id, nextval('audit_log_id_seq'), $1, 'update', $2, i.id, i.before - $3, i.after - $3, $4
        FROM (SELECT n.tenant_id, n.id, to_jsonb(o) AS before, to_jsonb(n) AS after
              FROM audit_new n JOIN audit_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
              OFFSET 0) i  -- OFFSET 0: built once here, not again wherever the outer query names them
        WHERE i.before IS DISTINCT FROM i.after
        $sql$, log)
    USING who, govreg_trigger_table(TG_TABLE_NAME, log, 'audit_log'), coalesce(TG_ARGV, '{}'), batch;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION audit_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    batch bigint := current_import_id();
    who text := current_actor();
    district uuid;
    log text;
BEGIN
    SELECT o.tenant_id INTO district FROM audit_old o LIMIT 1;
    IF district IS NULL THEN
        RETURN NULL;
    END IF;
    log := govreg_trigger_target('audit_log', TG_RELID, district);
    EXECUTE format($sql$
        INSERT INTO %s (tenant_id, id, actor, action, table_name, row_id, before, import_id) OVERRIDING SYSTEM VALUE
        SELECT o.tenant_id, nextval('audit_log_id_seq'), $1, 'delete', $2, o.id, to_jsonb(o) - $3, $4
        FROM audit_old o
        $sql$, log)
    USING who, govreg_trigger_table(TG_TABLE_NAME, log, 'audit_log'), coalesce(TG_ARGV, '{}'), batch;
    RETURN NULL;
END
$$;

-- A new district starts with the shared categories (0005). `tenant` is a reference table on
-- Citus: its trigger fires on every node's copy, and the node holding the district's shard of
-- tenant_category writes them, reading its own copy of `category`.
CREATE OR REPLACE FUNCTION tenant_seed_categories() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous text := coalesce(current_setting('app.tenant_id', true), '');
    target text := govreg_trigger_target('tenant_category', TG_RELID, NEW.id);
BEGIN
    IF target IS NULL THEN
        RETURN NULL;  -- another node holds the district's categories
    END IF;
    PERFORM set_config('app.tenant_id', NEW.id::text, true);
    EXECUTE format($sql$
        INSERT INTO %s (tenant_id, id, code, name_zh, name_en, sort_order, default_code)
        SELECT $1, nextval('tenant_category_id_seq'), code, name_zh, name_en, sort_order, code FROM %s
        $sql$, target, govreg_trigger_target('category', TG_RELID, NULL))
    USING NEW.id;
    PERFORM set_config('app.tenant_id', previous, true);
    RETURN NULL;
END
$$;
