-- 0025 a proposed matching run that nobody will accept can be discarded, and an accepted one
-- taken back while none of its projects has started (revoked: its projects cancelled, with
-- the reason). Either stays on record (who, when) and can no longer be accepted.

ALTER TABLE matching_run DROP CONSTRAINT matching_run_status_check;
ALTER TABLE matching_run ADD CONSTRAINT matching_run_status_check CHECK (status IN ('proposed', 'accepted', 'discarded', 'revoked'));
-- A revoked run was accepted first: its accepted_by and accepted_at stay.
ALTER TABLE matching_run DROP CONSTRAINT matching_run_check;
ALTER TABLE matching_run ADD CONSTRAINT matching_run_accepted_recorded
    CHECK ((status IN ('accepted', 'revoked')) = (accepted_at IS NOT NULL AND accepted_by IS NOT NULL));
ALTER TABLE matching_run
    ADD COLUMN discarded_by text,
    ADD COLUMN discarded_at timestamptz,
    ADD CONSTRAINT matching_run_discard_recorded
        CHECK ((status IN ('discarded', 'revoked')) = (discarded_at IS NOT NULL AND discarded_by IS NOT NULL));

-- A run is still a record: an accepted run may only be marked revoked (nothing else of it
-- changes), and a discarded or revoked one never changes again.
CREATE OR REPLACE FUNCTION matching_run_accepted_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IN ('discarded', 'revoked') THEN
        RAISE EXCEPTION 'matching run % is % and cannot change', OLD.id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status = 'accepted' AND NOT (NEW.status = 'revoked'
            AND (to_jsonb(NEW) - 'status' - 'discarded_by' - 'discarded_at') = (to_jsonb(OLD) - 'status' - 'discarded_by' - 'discarded_at')) THEN
        RAISE EXCEPTION 'matching run % is accepted and cannot change', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
