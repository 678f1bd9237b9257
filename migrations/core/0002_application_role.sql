-- 0002 application role and the current tenant.
--
-- govreg's code connects as govreg_app: not a superuser, not the owner of any table, without
-- BYPASSRLS, so row-level security applies to it. Migrations run as the owner. The tenant is
-- set per transaction with set_config('app.tenant_id', …, true).

DO $$
BEGIN
    CREATE ROLE govreg_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
EXCEPTION
    -- Roles belong to the cluster: another database of it (or a concurrent migration of
    -- one) may have created it already.
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- A govreg_app that already existed must still be subject to row-level security.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'govreg_app' AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'role govreg_app is a superuser or has BYPASSRLS, so row-level security would not apply to it'
            USING HINT = 'ALTER ROLE govreg_app NOSUPERUSER NOBYPASSRLS';
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO govreg_app;

-- The tenant of the current transaction, or NULL. An unset setting reads as NULL before its
-- first use in a session and as '' after a transaction that set it; garbage must match
-- nothing too. So anything but a well-formed UUID gives NULL, and `tenant_id = NULL` is never
-- true. A plain SQL expression, so the planner inlines it and can use it in index scans.
CREATE FUNCTION current_tenant_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN current_setting('app.tenant_id', true) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        THEN current_setting('app.tenant_id', true)::uuid
    END
$$;

-- Who is acting, for the audit log: set per transaction with set_config('app.actor', …, true).
CREATE FUNCTION current_actor() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT coalesce(nullif(current_setting('app.actor', true), ''), 'db:' || session_user)
$$;

-- The application sees its own tenant's row, read-only; operators (the owner) manage tenants.
-- Not FORCEd: the tenant table is the operators' catalogue, not a tenant-owned table.
ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON tenant FOR SELECT TO govreg_app USING (id = current_tenant_id());
GRANT SELECT ON tenant TO govreg_app;
