-- 0024 why a resource was withdrawn, by whom and when: withdrawal is final, so the registry
-- keeps its reason (a unit that pulls out of a pledge should say why, and an auditor asks).
-- Resources withdrawn before this migration have no recorded reason.

ALTER TABLE resource
    ADD COLUMN withdrawn_reason text CHECK (withdrawn_reason IS NULL OR length(btrim(withdrawn_reason)) > 0),
    ADD COLUMN withdrawn_by text,
    ADD COLUMN withdrawn_at timestamptz,
    ADD CONSTRAINT resource_withdrawal_recorded CHECK (withdrawn_reason IS NULL OR (status = 'withdrawn' AND withdrawn_at IS NOT NULL));
