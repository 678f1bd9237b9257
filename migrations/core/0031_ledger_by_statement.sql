-- 0031 the ledger moves its resources once per statement, not once per line (issue 16:
-- accepting a large run set-based).
--
-- Why: resource_ledger_apply() was a row trigger. Accepting a run of 64,000 allocations
-- inserts 64,000 `drawn` lines in one statement, and each line ran its own UPDATE of its
-- resource, and each of those UPDATEs its own statement-level audit trigger (0003): 64,000
-- UPDATEs and 64,000 audit INSERTs, 15 of the 21 seconds that acceptance took. Now the lines
-- of one statement are summed per resource and applied in one UPDATE, which the audit
-- trigger records once (one before/after image per resource changed; every line keeps its
-- own audit row as an insert into resource_ledger).
--
-- The guarantees stay in the database, checked on the statement's result:
-- * an overdraw is refused by resource's CHECK (remaining >= 0). A statement of draws only
--   (all the application writes in bulk) reaches its lowest point at its end, so refusing
--   the end is refusing every line;
-- * a return larger than what that project still holds of the resource is refused: the
--   project's draws less its returns, this statement's lines included, may not go below 0
--   (what the row trigger checked line by line comes to the same sum);
-- * the status follows the remaining amount as before: exhausted at 0, available again
--   when an exhausted resource gets something back, withdrawn stays withdrawn. The one
--   difference is inside a single statement that mixes kinds on one resource (none does):
--   its status follows where the statement ends, not each line on the way.

CREATE OR REPLACE FUNCTION resource_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    excess record;
BEGIN
    SELECT * INTO excess FROM (
        SELECT r.resource_id, r.project_id, r.returned,
               coalesce((SELECT sum(CASE l.kind WHEN 'drawn' THEN l.quantity ELSE -l.quantity END)
                         FROM resource_ledger l
                         WHERE l.tenant_id = r.tenant_id AND l.resource_id = r.resource_id AND l.project_id = r.project_id
                           AND l.kind IN ('drawn', 'returned')), 0) AS held
        FROM (SELECT tenant_id, resource_id, project_id, sum(quantity) AS returned
              FROM ledger_new WHERE kind = 'returned' GROUP BY tenant_id, resource_id, project_id) r
    ) h
    WHERE h.held < 0
    ORDER BY h.resource_id, h.project_id
    LIMIT 1;
    IF FOUND THEN
        -- `held` already counts this statement's returns: what was held before them is held + returned.
        RAISE EXCEPTION 'return of % exceeds the % that project % still holds of resource %',
            excess.returned, excess.held + excess.returned, excess.project_id, excess.resource_id USING ERRCODE = 'check_violation';
    END IF;
    UPDATE resource r SET
        pledged = r.pledged + l.pledged,
        remaining = r.remaining + l.change,
        status = CASE
            WHEN r.status = 'withdrawn' THEN r.status
            WHEN r.remaining + l.change = 0 THEN 'exhausted'
            WHEN r.status = 'exhausted' THEN 'available'
            ELSE r.status END,
        updated_at = now(),
        row_version = r.row_version + 1
    FROM (SELECT tenant_id, resource_id,
                 coalesce(sum(quantity) FILTER (WHERE kind = 'pledged'), 0) AS pledged,
                 sum(CASE kind WHEN 'drawn' THEN -quantity ELSE quantity END) AS change
          FROM ledger_new GROUP BY tenant_id, resource_id) l
    WHERE r.tenant_id = l.tenant_id AND r.id = l.resource_id;
    RETURN NULL;
END
$$;

DROP TRIGGER resource_ledger_apply ON resource_ledger;
CREATE TRIGGER resource_ledger_apply AFTER INSERT ON resource_ledger REFERENCING NEW TABLE AS ledger_new
    FOR EACH STATEMENT EXECUTE FUNCTION resource_ledger_apply();

-- An update's audit entry builds each row's images once. The images were built twice, once
-- to compare them and once to store them; to_jsonb of a demand row costs about as much as
-- the rest of its update, and accepting a run moves 58,000 demands in one statement.
CREATE OR REPLACE FUNCTION audit_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    batch bigint := current_import_id();  -- read once per statement (0030)
    who text := current_actor();
BEGIN
    INSERT INTO audit_log (tenant_id, actor, action, table_name, row_id, before, after, import_id)
    SELECT i.tenant_id, who, 'update', TG_TABLE_NAME, i.id, i.before - coalesce(TG_ARGV, '{}'), i.after - coalesce(TG_ARGV, '{}'), batch
    FROM (SELECT n.tenant_id, n.id, to_jsonb(o) AS before, to_jsonb(n) AS after
          FROM audit_new n JOIN audit_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
          OFFSET 0) i  -- OFFSET 0: built once here, not again wherever the outer query names them
    WHERE i.before IS DISTINCT FROM i.after;
    RETURN NULL;
END
$$;

-- The tenant foreign keys of the rows an acceptance writes by the ten thousand: each is one
-- more lookup and lock of the same tenant row per row written (a third of a million for a
-- large run, audit entries included). As for demand and demand_event (0015), their
-- composite keys already prove the tenant exists (project → unit, project_demand → project
-- and demand, project_allocation → project and resource, resource_ledger → resource,
-- matching_acceptance → matching_run and project), and tenants are archived, never deleted.
-- An audit entry is written for a row of a tenant table under row-level security, by the
-- trigger of that row's statement, in the district set for the transaction.
ALTER TABLE project DROP CONSTRAINT project_tenant_id_fkey;
ALTER TABLE project_demand DROP CONSTRAINT project_demand_tenant_id_fkey;
ALTER TABLE project_allocation DROP CONSTRAINT project_allocation_tenant_id_fkey;
ALTER TABLE resource_ledger DROP CONSTRAINT resource_ledger_tenant_id_fkey;
ALTER TABLE matching_acceptance DROP CONSTRAINT matching_acceptance_tenant_id_fkey;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_tenant_id_fkey;
