-- scripts/bench-report's set-up: the history the workflow would have recorded for the
-- imported demands, and :projects projects serving the demands in projects and the resolved
-- ones. Run as the owner with psql -v projects=N.
\set ON_ERROR_STOP on
SET app.actor = 'bench';
INSERT INTO unit (tenant_id, name, kind) SELECT id, '县住建局', 'department' FROM tenant WHERE slug = 'bench';
INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, at, visibility)
SELECT tenant_id, id, 'transition', 'draft', 'submitted', 'bench', filed_at + interval '1 hour', 'public'
FROM demand WHERE state <> 'draft';
INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, at, reason, visibility)
SELECT tenant_id, id, 'transition', 'submitted', state, 'bench', filed_at + (id % 60 + 1) * interval '1 day',
       CASE WHEN state = 'rejected' THEN '不属于受理范围' END, 'public'
FROM demand WHERE state IN ('accepted', 'rejected', 'in_project');
INSERT INTO demand_event (tenant_id, demand_id, kind, from_state, to_state, actor, at, visibility)
SELECT tenant_id, id, 'transition', 'submitted', 'resolved', 'bench', filed_at + (id % 90 + 1) * interval '1 day', 'public'
FROM demand WHERE state = 'resolved';
UPDATE demand SET settled_level = (ARRAY['grid', 'community', 'street', 'district'])[id % 4 + 1] WHERE state = 'resolved';
-- Numbers count per district (migration 0026): the projects take one block.
SELECT govreg_take_numbers('project', id, :projects) AS first_project FROM tenant WHERE slug = 'bench' \gset
INSERT INTO project (tenant_id, id, title, responsible_unit_id, budget_fen, starts_on, due_on, status, progress_percent,
                     completed_on, rating, is_public)
SELECT t.id, :first_project + n - 1, '基准项目 ' || n, u.id, n * 100, DATE '2024-01-01' + n % 300, DATE '2024-01-01' + n % 300 + 60,
       CASE WHEN n % 3 = 0 THEN 'completed' ELSE 'in_progress' END, CASE WHEN n % 3 = 0 THEN 100 ELSE 40 END,
       CASE WHEN n % 3 = 0 THEN DATE '2024-01-01' + n % 300 + 30 END, CASE WHEN n % 6 = 0 THEN n % 5 + 1 END, n % 2 = 0
FROM tenant t JOIN unit u ON u.tenant_id = t.id, generate_series(1, :projects) AS n
WHERE t.slug = 'bench';
INSERT INTO project_demand (tenant_id, project_id, demand_id)
SELECT p.tenant_id, p.id, d.id
FROM (SELECT tenant_id, id, row_number() OVER (ORDER BY id) AS k FROM project) p
JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM demand WHERE state IN ('in_project', 'resolved')) d ON d.k = p.k;
