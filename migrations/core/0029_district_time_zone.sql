-- 0029 a district's days are its own: the time zone its days begin and end in (default
-- Beijing time, the zone all of China keeps officially). Until now the lists counted days in
-- UTC, so a demand raised at 07:00 Beijing time on 1 October was filed on 30 September and
-- counted in the third quarter's report.
--
-- The sessions stay in UTC (timestamps travel as UTC text); what turns an instant into a day,
-- or a day into its first instant, names the district's zone: district_time_zone(), the zone
-- of the tenant the transaction is scoped to. The zones are those China's districts keep
-- (mirrors Registry.TenantSettings.timeZones; a test keeps them equal), a closed list rather
-- than any IANA name, so that the application, the API's schema and the database agree.

ALTER TABLE tenant ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Shanghai'
    CHECK (time_zone IN ('Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'UTC'));

-- Inlined where it is used, it is an uncorrelated subquery: evaluated once per statement.
CREATE FUNCTION district_time_zone() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce((SELECT time_zone FROM tenant WHERE id = current_tenant_id()), 'Asia/Shanghai')
$$;
GRANT EXECUTE ON FUNCTION district_time_zone() TO govreg_app;

-- The day a demand was filed on, as residents read it, in the district's days.
CREATE OR REPLACE VIEW public_demand WITH (security_invoker = true) AS
SELECT d.tenant_id, d.id, d.title, d.category_code, c.name_zh AS category_name, o.name AS org_unit_name,
       d.quantity, d.measure_unit, d.priority, d.due_on, d.published_on,
       demand_public_status(d.state) AS public_status, (d.filed_at AT TIME ZONE district_time_zone())::date AS filed_on, d.org_unit_id,
       (SELECT a.name FROM org_unit a
        WHERE a.tenant_id = d.tenant_id AND a.id = ANY (string_to_array(btrim(o.path, '/'), '/')::bigint[])
          AND a.kind IN ('street', 'town', 'community', 'village')
        ORDER BY a.depth DESC LIMIT 1) AS area_name
FROM demand d
JOIN tenant_category c ON c.tenant_id = d.tenant_id AND c.code = d.category_code
JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
WHERE d.is_public AND d.state <> 'draft';
