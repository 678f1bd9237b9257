-- 0013 generated external ids that never collide: a row filed without an external id gets
-- GR-D<id> (GR-R, GR-P for resources and projects), but a district may already use that text
-- for another row (an import from elsewhere, an earlier export). Then it gets GR-D<id>-2,
-- -3 … instead of failing on the unique key.

CREATE FUNCTION govreg_free_external_id(table_name regclass, tenant uuid, base text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    candidate text := base;
    suffix integer := 1;
    taken boolean;
BEGIN
    LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE tenant_id = $1 AND external_id = $2)', table_name)
            INTO taken USING tenant, candidate;
        EXIT WHEN NOT taken;
        suffix := suffix + 1;
        candidate := base || '-' || suffix;
    END LOOP;
    RETURN candidate;
END
$$;
GRANT EXECUTE ON FUNCTION govreg_free_external_id(regclass, uuid, text) TO govreg_app;
