-- 0037 the schema as Citus can distribute it, part two: the platform's account tables
-- (issue 21).
--
-- An account, its password, its events, its API tokens and its console sessions belong to
-- the platform, not to one district: an operator has no district (tenant_id NULL), and a
-- request is matched to its token by the token's hash before its district is known. On a
-- Citus cluster they stay on the coordinator (Citus-managed local tables, whose keys to the
-- reference table `tenant` Citus enforces); split by tenant_id they could not hold an
-- operator, and every token check would ask every worker.
--
-- That is a decision, so it is written down here, in a table that `govreg db lint --citus`
-- and `govreg db distribute` both read: a table listed here is exempt from the rules of
-- tenant tables, and any other table with a nullable tenant_id is still a finding.

CREATE TABLE govreg_table_placement (
    -- the table's name as regclass prints it (text, not regclass: pg_upgrade refuses reg*
    -- columns in user tables)
    table_name text PRIMARY KEY,
    placement text NOT NULL CHECK (placement = 'local'),
    reason text NOT NULL CHECK (length(btrim(reason)) > 0)
);

INSERT INTO govreg_table_placement (table_name, placement, reason) VALUES
    ('account', 'local', 'the platform''s logins: operators have no district, and a token or a session is checked before its district is known'),
    ('account_event', 'local', 'the history of the platform''s logins, kept with them'),
    ('account_password', 'local', 'the passwords of the platform''s logins, kept with them'),
    ('api_token', 'local', 'found by its hash on every API request, before the district is known'),
    ('console_session', 'local', 'found by its secret''s hash on every console page, before the district is known');

-- A community staff member's org unit was a key to org_unit (tenant_id, id). Citus refuses a
-- key from a table on the coordinator to a distributed one, so it goes; the org unit is still
-- resolved by code inside the account's district when the account is made
-- (AccountStore.insert), and org units are never deleted (they end by valid_to).
ALTER TABLE account DROP CONSTRAINT account_tenant_id_org_unit_id_fkey;
