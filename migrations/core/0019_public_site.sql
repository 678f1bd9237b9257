-- 0019 the public site (公示): what residents browse, filtered by street or community.
--
-- The demand view gains the demand's org unit id (a filter, never shown) and `area_name`:
-- the community (or street) it was raised in, the finest place the site shows, since a
-- grid, compound or building can be named after a person or point to a door. A view of the
-- org units residents may see: streets, towns, communities and villages, by name and code,
-- for the site's filters and its community pages. Grids and below stay internal.

CREATE OR REPLACE VIEW public_demand WITH (security_invoker = true) AS
SELECT d.tenant_id, d.id, d.title, d.category_code, c.name_zh AS category_name, o.name AS org_unit_name,
       d.quantity, d.measure_unit, d.priority, d.due_on, d.published_on,
       demand_public_status(d.state) AS public_status, d.filed_at::date AS filed_on, d.org_unit_id,
       (SELECT a.name FROM org_unit a
        WHERE a.tenant_id = d.tenant_id AND a.id = ANY (string_to_array(btrim(o.path, '/'), '/')::bigint[])
          AND a.kind IN ('street', 'town', 'community', 'village')
        ORDER BY a.depth DESC LIMIT 1) AS area_name
FROM demand d
JOIN tenant_category c ON c.tenant_id = d.tenant_id AND c.code = d.category_code
JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
WHERE d.is_public AND d.state <> 'draft';

CREATE VIEW public_area WITH (security_invoker = true) AS
SELECT o.tenant_id, o.id, o.code, o.name, o.kind, o.parent_id, o.path, o.depth
FROM org_unit o
WHERE o.kind IN ('street', 'town', 'community', 'village');

GRANT SELECT ON public_demand, public_area TO govreg_app;
