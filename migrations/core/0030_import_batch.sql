-- 0030 an import is audited as one batch: one record of who loaded which file (its name and
-- SHA-256), when, with which options and what it changed, and each demand it creates tagged
-- with that record and the file line it came from; instead of one audit row per demand.
--
-- Why: the audit log keeps a whole after-image per inserted row (to_jsonb of the row), which
-- was a quarter of a million-row import's time, and repeats what the file already holds. An
-- auditor's question, "who put this demand here, when, and from what", is answered as well by
-- the batch record and the row's tag, and the file itself is proven by its digest.
--
-- What keeps its per-row audit: every single-record change, and every demand an import
-- *changes* (the before and after images, which a file cannot show; their entries name the
-- import through audit_log.import_id, and the after-image holds the line).

-- The import of the current transaction, or NULL: set with set_config('app.import_id', …,
-- true) by the store right after it writes the batch record.
CREATE FUNCTION current_import_id() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN current_setting('app.import_id', true) ~ '^[0-9]{1,18}$'
                THEN current_setting('app.import_id', true)::bigint END
$$;

ALTER TABLE tenant_number DROP CONSTRAINT tenant_number_list_check,
    ADD CONSTRAINT tenant_number_list_check CHECK (list IN ('demand', 'resource', 'project', 'matching_run', 'import'));

CREATE TABLE import_batch (
    tenant_id uuid NOT NULL REFERENCES tenant (id),
    -- counted per district like the lists' numbers (0026): 导入 #1 is a district's first
    id bigint NOT NULL DEFAULT govreg_take_numbers('import', current_tenant_id(), 1),
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL DEFAULT current_actor(),
    list text NOT NULL CHECK (list ~ '^[a-z][a-z_]{1,30}$'),
    -- the name the file had for the person who loaded it (no folder), if it came as a file
    file_name text CHECK (length(file_name) BETWEEN 1 AND 255),
    file_sha256 text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_bytes bigint CHECK (file_bytes >= 0),
    rows integer NOT NULL CHECK (rows >= 0),
    inserted integer NOT NULL DEFAULT 0 CHECK (inserted >= 0),
    updated integer NOT NULL DEFAULT 0 CHECK (updated >= 0),
    unchanged integer NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
    options jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object'),
    PRIMARY KEY (tenant_id, id)
);
-- The batch record is itself audit: read and appended, never removed. It is written before
-- the rows (so that they can name it) and its counts once they are known, by the same
-- transaction: the only update allowed, on the counts, of the transaction's own import.
ALTER TABLE import_batch ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_batch FORCE ROW LEVEL SECURITY;
CREATE POLICY import_read ON import_batch FOR SELECT USING (tenant_id = current_tenant_id());
CREATE POLICY import_append ON import_batch FOR INSERT WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY import_count ON import_batch FOR UPDATE
    USING (tenant_id = current_tenant_id() AND id = current_import_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON import_batch TO govreg_app;
GRANT UPDATE (inserted, updated, unchanged) ON import_batch TO govreg_app;

-- The tag: the import that last wrote the demand (created it, or changed it) and the line.
-- No foreign key: the batch row is written first in the same transaction, is never deleted,
-- and a key would cost a lookup per imported row; the audit trigger below only trusts a tag
-- that names the transaction's own import.
ALTER TABLE demand ADD COLUMN import_id bigint, ADD COLUMN import_line integer,
    ADD CONSTRAINT demand_import_tag CHECK ((import_id IS NULL) = (import_line IS NULL) AND import_line > 0);

-- Per-row audit entries written while an import runs name it. The trigger functions read the
-- import once per statement into a variable (a column default, or the function in the select
-- list, would be evaluated again for every row an accepted run writes). audit_update() is
-- rewritten the same way by 0031, which also builds its images once.
ALTER TABLE audit_log ADD COLUMN import_id bigint;

CREATE OR REPLACE FUNCTION audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    batch bigint := current_import_id();
    who text := current_actor();
BEGIN
    INSERT INTO audit_log (tenant_id, actor, action, table_name, row_id, after, import_id)
    SELECT n.tenant_id, who, 'insert', TG_TABLE_NAME, n.id, to_jsonb(n) - coalesce(TG_ARGV, '{}'), batch
    FROM audit_new n;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION audit_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    batch bigint := current_import_id();
    who text := current_actor();
BEGIN
    INSERT INTO audit_log (tenant_id, actor, action, table_name, row_id, before, import_id)
    SELECT o.tenant_id, who, 'delete', TG_TABLE_NAME, o.id, to_jsonb(o) - coalesce(TG_ARGV, '{}'), batch
    FROM audit_old o;
    RETURN NULL;
END
$$;

-- Demand inserts: every row is audited except those tagged with this transaction's own
-- import (a row cannot escape its audit by carrying some other batch's tag).
CREATE FUNCTION audit_insert_unless_imported() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    batch bigint := current_import_id();
    who text := current_actor();
BEGIN
    INSERT INTO audit_log (tenant_id, actor, action, table_name, row_id, after, import_id)
    SELECT n.tenant_id, who, 'insert', TG_TABLE_NAME, n.id, to_jsonb(n) - coalesce(TG_ARGV, '{}'), batch
    FROM audit_new n
    WHERE n.import_id IS DISTINCT FROM batch;
    RETURN NULL;
END
$$;
DROP TRIGGER audit_insert ON demand;
CREATE TRIGGER audit_insert AFTER INSERT ON demand REFERENCING NEW TABLE AS audit_new
    FOR EACH STATEMENT EXECUTE FUNCTION audit_insert_unless_imported();
