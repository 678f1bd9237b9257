-- 0026 the numbers people see count per district: demand, resource and project numbers
-- (and the GR-D/GR-R/GR-P external ids made from them) and matching run numbers. A new
-- district's first demand is 1 and its first run #1, whatever other districts hold; an
-- auditor reading a district's list sees no gaps, and no district learns another's size.
--
-- Why a counter row and not a sequence per district: a sequence hands out numbers outside
-- the transaction, so a refused or rolled-back write leaves a gap. The counter row is
-- updated in the writing transaction: a rollback (a refused intake, an accept's dry run)
-- gives its numbers back. The price is that writers of one district and one list take turns
-- on that row from their insert to their commit; districts never wait for each other.
--
-- The keys stay (tenant_id, id): every foreign key already carries tenant_id, so an id only
-- needs to be unique within its district. Rows that exist keep their ids; each district
-- counts on from its highest.

CREATE TABLE tenant_number (
    tenant_id uuid NOT NULL REFERENCES tenant (id),
    list text NOT NULL CHECK (list IN ('demand', 'resource', 'project', 'matching_run')),
    last bigint NOT NULL CHECK (last >= 0),
    PRIMARY KEY (tenant_id, list)
);
-- Bookkeeping, not a record: under row-level security like every tenant table, but not
-- audited (the rows it numbers are).
ALTER TABLE tenant_number ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_number FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_number
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON tenant_number TO govreg_app;

INSERT INTO tenant_number (tenant_id, list, last)
SELECT tenant_id, 'demand', max(id) FROM demand GROUP BY tenant_id
UNION ALL SELECT tenant_id, 'resource', max(id) FROM resource GROUP BY tenant_id
UNION ALL SELECT tenant_id, 'project', max(id) FROM project GROUP BY tenant_id
UNION ALL SELECT tenant_id, 'matching_run', max(id) FROM matching_run GROUP BY tenant_id;

-- Takes the next `how_many` numbers of a district's list and returns the first of them
-- (the block is first … first + how_many - 1). Security invoker: row-level security keeps a
-- district to its own counters.
CREATE FUNCTION govreg_take_numbers(list text, tenant uuid, how_many bigint) RETURNS bigint
LANGUAGE sql VOLATILE AS $$
    INSERT INTO tenant_number AS n (tenant_id, list, last) VALUES (tenant, list, how_many)
    ON CONFLICT (tenant_id, list) DO UPDATE SET last = n.last + excluded.last
    RETURNING last - how_many + 1
$$;
GRANT EXECUTE ON FUNCTION govreg_take_numbers(text, uuid, bigint) TO govreg_app;

-- A row takes its number from the counter as its default: every write runs under a district
-- (current_tenant_id(), which row-level security also checks the row against). Bulk writes
-- (an import, an accepted run's projects) take a block in one call and number their rows
-- themselves instead of updating the counter once per row.
ALTER TABLE demand ALTER COLUMN id DROP IDENTITY,
    ALTER COLUMN id SET DEFAULT govreg_take_numbers('demand', current_tenant_id(), 1);
ALTER TABLE resource ALTER COLUMN id DROP IDENTITY,
    ALTER COLUMN id SET DEFAULT govreg_take_numbers('resource', current_tenant_id(), 1);
ALTER TABLE project ALTER COLUMN id DROP IDENTITY,
    ALTER COLUMN id SET DEFAULT govreg_take_numbers('project', current_tenant_id(), 1);
ALTER TABLE matching_run ALTER COLUMN id DROP IDENTITY,
    ALTER COLUMN id SET DEFAULT govreg_take_numbers('matching_run', current_tenant_id(), 1);
