-- 0010 disclosure (公示): what residents may read of the three lists. Public items only,
-- coarse public status only, no personal data, no internal notes. Views run with the
-- caller's rights (security_invoker), so row-level security still scopes them to a tenant.

CREATE VIEW public_demand WITH (security_invoker = true) AS
SELECT d.tenant_id, d.id, d.title, d.category_code, c.name_zh AS category_name, o.name AS org_unit_name,
       d.quantity, d.measure_unit, d.priority, d.due_on, d.published_on,
       demand_public_status(d.state) AS public_status, d.filed_at::date AS filed_on
FROM demand d
JOIN tenant_category c ON c.tenant_id = d.tenant_id AND c.code = d.category_code
JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
WHERE d.is_public AND d.state <> 'draft';

CREATE VIEW public_demand_history WITH (security_invoker = true) AS
SELECT e.tenant_id, e.demand_id, e.id, e.at, demand_public_status(e.to_state) AS public_status, e.note
FROM demand_event e
JOIN demand d ON d.tenant_id = e.tenant_id AND d.id = e.demand_id
WHERE d.is_public AND e.visibility = 'public' AND e.kind = 'transition' AND demand_public_status(e.to_state) IS NOT NULL;

CREATE VIEW public_resource WITH (security_invoker = true) AS
SELECT r.tenant_id, r.id, r.title, u.name AS unit_name, r.category_code, r.kind, r.measure_unit,
       r.pledged, r.remaining, r.available_from, r.available_until, r.status, r.published_on
FROM resource r
JOIN unit u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id
WHERE r.is_public AND r.status <> 'withdrawn';

CREATE VIEW public_project WITH (security_invoker = true) AS
SELECT p.tenant_id, p.id, p.title, u.name AS responsible_unit_name, p.budget_fen, p.starts_on, p.due_on,
       p.status, p.progress_percent, p.completed_on, p.checked_on, p.rating, p.published_on
FROM project p
JOIN unit u ON u.tenant_id = p.tenant_id AND u.id = p.responsible_unit_id
WHERE p.is_public;

GRANT SELECT ON public_demand, public_demand_history, public_resource, public_project TO govreg_app;
