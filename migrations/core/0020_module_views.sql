-- What a plug-in module may read of the core's tables: these views and nothing else
-- (docs/writing-a-module.md, "Reading the core"). The core may reshape its tables; these
-- columns stay, so a module's SQL keeps working. They run with the caller's rights
-- (security_invoker), so row-level security still scopes them to the transaction's tenant,
-- and they carry no personal data (a unit's contact, a person's name or phone).
--
-- A module's own tables may still hold a foreign key to (tenant_id, id) of org_unit, demand
-- or unit: that pair is the documented, stable key of each.

-- The hierarchy: streets, communities, grids, compounds ...
CREATE VIEW module_org_unit WITH (security_invoker = true) AS
    SELECT tenant_id, id, parent_id, kind, code, name, path, depth FROM org_unit;

-- The demand list: what a demand is, where it arises and how far it has come.
CREATE VIEW module_demand WITH (security_invoker = true) AS
    SELECT tenant_id, id, external_id, title, category_code, org_unit_id, source_channel, state,
           escalation_level, settled_level, filed_at
    FROM demand;

-- Registered units (驻区单位): their names and kinds, not their contacts.
CREATE VIEW module_unit WITH (security_invoker = true) AS
    SELECT tenant_id, id, external_id, name, kind FROM unit;

GRANT SELECT ON module_org_unit, module_demand, module_unit TO govreg_app;
