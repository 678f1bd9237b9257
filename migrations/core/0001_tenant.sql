-- 0001 tenant: the districts (区/县) that share this database.
-- A tenant is the root of every tenant-owned row; its id leads their keys.

CREATE TABLE tenant (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- short, URL-safe name used on the command line and in API paths: langao
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
    name text NOT NULL CHECK (length(btrim(name)) > 0),
    -- GB/T 2260 administrative division code, the district's natural key: 610925
    division_code text NOT NULL UNIQUE CHECK (division_code ~ '^[0-9]{6}$'),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    settings jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    archived_at timestamptz,
    CHECK ((status = 'archived') = (archived_at IS NOT NULL))
);

COMMENT ON TABLE tenant IS '区县 district: one tenant of govreg';
