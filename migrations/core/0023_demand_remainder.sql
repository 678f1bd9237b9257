-- 0023 what a project serves of a demand, so that a partly served demand keeps its unmet
-- remainder on the list.
--
-- A matching run may serve 120 of a demand's 200 volunteer hours. Its project records the
-- 120 it serves (project_demand.served); the other 80 stay matchable need: the next run sees
-- them, `demand list --unmet` lists them and the report counts them. A project made by hand
-- serves its demands whole (served is NULL). Cancelled projects serve nothing.

ALTER TABLE project_demand ADD COLUMN served bigint CHECK (served > 0);

-- A remainder's story is told in the demand's history without a change of state ("another
-- project took 50 of the 80 hours still missing"): a third kind of event.
ALTER TABLE demand_event DROP CONSTRAINT demand_event_kind_check;
ALTER TABLE demand_event ADD CONSTRAINT demand_event_kind_check CHECK (kind IN ('transition', 'escalation', 'remainder'));

-- Per demand served by live projects: how much they serve, whether one serves it whole, and
-- how many are still being worked on. With the caller's rights, so row-level security holds.
CREATE VIEW demand_service WITH (security_invoker = true) AS
    SELECT pd.tenant_id, pd.demand_id,
           coalesce(sum(pd.served), 0)::bigint AS served,
           bool_or(pd.served IS NULL) AS served_whole,
           count(*) FILTER (WHERE p.status IN ('planned', 'in_progress'))::integer AS open_projects
    FROM project_demand pd
    JOIN project p ON p.tenant_id = pd.tenant_id AND p.id = pd.project_id
    WHERE p.status <> 'cancelled'
    GROUP BY pd.tenant_id, pd.demand_id;

GRANT SELECT ON demand_service TO govreg_app;
