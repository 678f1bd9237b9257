-- 0016 a project's history holds together whoever writes it (files now load it, issue 3).
--
-- 1. A project's progress reports never go back in the order of their days.
--
-- Reports may be dated back (a late quarterly report) and files now load a project's history,
-- so the order that counts is that of the days (reports of one day in the order they came,
-- by id): no report may show a higher percentage than one after it. Registry.Project.report
-- checks this for the command and the API, and the progress import for whole files; this
-- trigger checks every writer again. Writers lock the project row first, so two reports
-- cannot pass the check at once. (An identity default is set before BEFORE triggers run.)
CREATE FUNCTION project_progress_in_day_order() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    other record;
BEGIN
    SELECT reported_on, percent INTO other FROM project_progress
    WHERE tenant_id = NEW.tenant_id AND project_id = NEW.project_id AND id <> NEW.id
      AND ((reported_on, id) < (NEW.reported_on, NEW.id) AND percent > NEW.percent
           OR (reported_on, id) > (NEW.reported_on, NEW.id) AND percent < NEW.percent)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'progress cannot go back: % %% on % against % %% on %',
            NEW.percent, NEW.reported_on, other.percent, other.reported_on
            USING ERRCODE = '23514', CONSTRAINT = 'project_progress_in_day_order';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER project_progress_in_day_order BEFORE INSERT OR UPDATE OF project_id, reported_on, percent ON project_progress
    FOR EACH ROW EXECUTE FUNCTION project_progress_in_day_order();

-- 2. Completion and check days belong to the statuses that have them, in that order.
ALTER TABLE project
    ADD CONSTRAINT project_completed_on_status CHECK (completed_on IS NULL OR status IN ('completed', 'checked')),
    ADD CONSTRAINT project_checked_on_status CHECK (checked_on IS NULL OR status = 'checked'),
    ADD CONSTRAINT project_checked_after_completed CHECK (checked_on IS NULL OR completed_on IS NULL OR checked_on >= completed_on);
