-- Booking a line on Citus (issue 21, as core 0039): the trigger fires on the ledger's shard,
-- where a statement naming the distributed tables fails, so there it reads its own shard and
-- moves the co-located shard of points_holder through EXECUTE. On one server (TG_TABLE_NAME
-- is the table's own name) it runs the statements it ran before.
CREATE OR REPLACE FUNCTION points_ledger_book() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    paid boolean := false;
BEGIN
    -- A BEFORE trigger runs before ON CONFLICT is checked: an occasion already paid is
    -- skipped here, so a replay moves no balance (writers lock the holder's row first, so
    -- the earlier line is committed and seen).
    IF TG_TABLE_NAME = 'points_ledger' THEN
        IF NEW.occasion IS NOT NULL THEN
            paid := EXISTS (SELECT 1 FROM points_ledger WHERE tenant_id = NEW.tenant_id AND occasion = NEW.occasion);
        END IF;
        IF paid THEN
            RETURN NULL;
        END IF;
        UPDATE points_holder SET balance = balance + NEW.points
        WHERE tenant_id = NEW.tenant_id AND id = NEW.holder_id
        RETURNING balance INTO NEW.balance_after;
    ELSE
        IF NEW.occasion IS NOT NULL THEN
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE tenant_id = $1 AND occasion = $2)', TG_RELID::regclass)
                INTO paid USING NEW.tenant_id, NEW.occasion;
        END IF;
        IF paid THEN
            RETURN NULL;
        END IF;
        EXECUTE format('UPDATE %s SET balance = balance + $1 WHERE tenant_id = $2 AND id = $3 RETURNING balance',
                       govreg_trigger_target('points_holder', TG_RELID, NEW.tenant_id))
            INTO NEW.balance_after USING NEW.points, NEW.tenant_id, NEW.holder_id;
    END IF;
    IF NEW.balance_after IS NULL THEN
        RAISE EXCEPTION 'no points holder %', NEW.holder_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END
$$;
