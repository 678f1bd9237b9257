-- 0032 demand lists served by indexes (issue 16).
--
-- A list page is "the newest matches below the cursor": each filter the list offers gets an
-- index that yields its matches in id order, so a page is one backward range scan that stops
-- after a page. The other criteria of a filter are key columns after the id: btree checks them
-- on each index entry, without visiting the table (they show as Index Cond, not Filter).
--
-- The org subtree becomes one range condition: each demand carries its org unit's
-- materialised path (org_path, '/12/45/301/'), and "under X" is
-- org_path >= X.path AND org_path < X.path with its last '/' raised to '0', both bounds passed
-- as parameters (text comparisons are leakproof, so they stay index conditions under
-- row-level security; LIKE is not). COLLATE "C" makes that range byte order, whatever the
-- database's collation.
--
-- org_path cannot go stale: a foreign key to (org unit, path) refuses a demand whose path is
-- not its org unit's, and ON UPDATE CASCADE rewrites the demands of every node whose path a
-- move changes (org_unit_move_subtree updates the subtree's paths, each cascades). A writer
-- that names no path (intake, fixtures) gets it from the trigger below; the importer names it.

ALTER TABLE org_unit ADD CONSTRAINT org_unit_path_key UNIQUE (tenant_id, id, path);

ALTER TABLE demand ADD COLUMN org_path text COLLATE "C";
-- A derived copy, not a change anyone made: no after-image per demand in the audit log.
ALTER TABLE demand DISABLE TRIGGER audit_update;
UPDATE demand d SET org_path = o.path
FROM org_unit o WHERE o.tenant_id = d.tenant_id AND o.id = d.org_unit_id;
ALTER TABLE demand ENABLE TRIGGER audit_update;
ALTER TABLE demand ALTER COLUMN org_path SET NOT NULL;

ALTER TABLE demand DROP CONSTRAINT demand_tenant_id_org_unit_id_fkey;
ALTER TABLE demand ADD CONSTRAINT demand_org_unit_path_fkey
    FOREIGN KEY (tenant_id, org_unit_id, org_path) REFERENCES org_unit (tenant_id, id, path) ON UPDATE CASCADE;

-- Fills org_path for a writer that leaves it out, and follows a change of org unit. The WHEN
-- clauses are checked without calling the function, so an import that names the path pays
-- nothing for it.
CREATE FUNCTION demand_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.org_path := (SELECT path FROM org_unit WHERE tenant_id = NEW.tenant_id AND id = NEW.org_unit_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER demand_org_path_insert BEFORE INSERT ON demand
    FOR EACH ROW WHEN (NEW.org_path IS NULL) EXECUTE FUNCTION demand_org_path();
CREATE TRIGGER demand_org_path_update BEFORE UPDATE OF org_unit_id ON demand
    FOR EACH ROW WHEN (NEW.org_unit_id IS DISTINCT FROM OLD.org_unit_id AND NEW.org_path IS NOT DISTINCT FROM OLD.org_path)
    EXECUTE FUNCTION demand_org_path();

-- The secondary indexes of demand, each with what uses it. The primary key (tenant_id, id)
-- serves the detail page and lists with no filter but a text search.
DROP INDEX demand_state;
DROP INDEX demand_category;
-- DemandStore.list by state, or state and category, or state under an org unit (the desk's
-- open states too); ListSummary's count by state; MatchingStore's snapshot of accepted demands.
CREATE INDEX demand_state_list ON demand (tenant_id, state, id, category_code, org_path);
-- DemandStore.list by category, or category and state, or category under an org unit;
-- CategoryStore's count of demands per category.
CREATE INDEX demand_category_list ON demand (tenant_id, category_code, id, state, org_path);
-- DemandStore.list under an org unit: the newest demands in id order, the subtree checked in
-- the index. A grid of a 245-grid district reads about 245 entries per row shown, a few pages.
CREATE INDEX demand_place_list ON demand (tenant_id, id, org_path);
-- DemandStore.list at an escalation level: a desk (DemandStore.desk, the API's
-- assigned_to_me), open states and the subtree checked in the index.
CREATE INDEX demand_level_list ON demand (tenant_id, escalation_level, id, state, org_path);
-- Kept: demand_org_unit (tenant_id, org_unit_id, id): ON UPDATE CASCADE of the org path
-- (a moved node's demands), and PublicLists.demands' newest public demands per org unit.
-- Kept: demand_filed_at (tenant_id, filed_at, id): DemandStore.list by filing days, when the
-- days are few of the district's; QuarterFigures' demands filed in a quarter.
