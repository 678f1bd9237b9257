-- 0003 audit log: every change to tenant-owned tables, written in the same transaction.
--
-- Rows are written by statement-level triggers with transition tables (one INSERT … SELECT
-- per statement, not one per row), so a bulk import does not pay a trigger call per row.
-- The application may insert and read its own tenant's entries, never update or delete them.

CREATE TABLE audit_log (
    tenant_id uuid NOT NULL REFERENCES tenant (id),
    id bigint GENERATED ALWAYS AS IDENTITY,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    table_name text NOT NULL,
    row_id bigint NOT NULL,
    before jsonb,
    after jsonb,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_log_row ON audit_log (tenant_id, table_name, row_id);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON audit_log FOR SELECT USING (tenant_id = current_tenant_id());
CREATE POLICY audit_append ON audit_log FOR INSERT WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON audit_log TO govreg_app;

-- Audit triggers for a table with columns tenant_id and id. Personal data columns are
-- dropped from before/after by name (TG_ARGV): the log records that they changed, not what
-- they were.
CREATE FUNCTION audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (tenant_id, actor, action, table_name, row_id, after)
    SELECT n.tenant_id, current_actor(), 'insert', TG_TABLE_NAME, n.id, to_jsonb(n) - coalesce(TG_ARGV, '{}')
    FROM audit_new n;
    RETURN NULL;
END
$$;

CREATE FUNCTION audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (tenant_id, actor, action, table_name, row_id, before, after)
    SELECT n.tenant_id, current_actor(), 'update', TG_TABLE_NAME, n.id, to_jsonb(o) - coalesce(TG_ARGV, '{}'), to_jsonb(n) - coalesce(TG_ARGV, '{}')
    FROM audit_new n JOIN audit_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
    WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n);
    RETURN NULL;
END
$$;

CREATE FUNCTION audit_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (tenant_id, actor, action, table_name, row_id, before)
    SELECT o.tenant_id, current_actor(), 'delete', TG_TABLE_NAME, o.id, to_jsonb(o) - coalesce(TG_ARGV, '{}')
    FROM audit_old o;
    RETURN NULL;
END
$$;

-- Attaches the three audit triggers and the standard tenant policy to a tenant-owned table:
-- row-level security FORCEd, the same tenant test for reading and writing (USING and WITH
-- CHECK, so an UPDATE cannot move a row to another tenant), and the grants of govreg_app.
-- `private_columns` are left out of the audit log.
CREATE FUNCTION govreg_tenant_table(table_name regclass, private_columns text[] DEFAULT '{}') RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    args text := (SELECT coalesce(string_agg(quote_literal(c), ', '), '') FROM unnest(private_columns) c);
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', table_name);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', table_name);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = current_tenant_id()) '
                   'WITH CHECK (tenant_id = current_tenant_id())', table_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO govreg_app', table_name);
    EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS audit_new '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit_insert(%s)', table_name, args);
    EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit_update(%s)', table_name, args);
    EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS audit_old '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit_delete(%s)', table_name, args);
END
$$;
