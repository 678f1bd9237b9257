import Distribution
import GovregTestSupport
import Postgres
import Testing

/// A small schema that follows every rule: the districts, a shared catalogue, two tenant
/// tables with their keys, foreign keys, RLS, a view and functions that write.
private let cleanSchema = """
    CREATE TABLE tenant (id uuid PRIMARY KEY, slug text NOT NULL UNIQUE);
    CREATE TABLE category (code text PRIMARY KEY, name text NOT NULL);
    CREATE FUNCTION current_tenant_id() RETURNS uuid LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
    CREATE TABLE demand (
        tenant_id uuid NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        category text REFERENCES category (code),
        title text NOT NULL,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (id, tenant_id)
    );
    CREATE UNIQUE INDEX demand_title ON demand (tenant_id, lower(title));
    CREATE TABLE demand_event (
        tenant_id uuid NOT NULL,
        id bigserial,
        demand_id bigint NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, demand_id) REFERENCES demand (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (demand_id, tenant_id) REFERENCES demand (id, tenant_id)
    );
    ALTER TABLE demand ENABLE ROW LEVEL SECURITY;
    ALTER TABLE demand FORCE ROW LEVEL SECURITY;
    CREATE POLICY isolation ON demand USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
    ALTER TABLE demand_event ENABLE ROW LEVEL SECURITY;
    ALTER TABLE demand_event FORCE ROW LEVEL SECURITY;
    CREATE POLICY isolation ON demand_event USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
    CREATE VIEW open_demand WITH (security_invoker = true) AS SELECT * FROM demand;
    CREATE FUNCTION demand_retitle(t uuid, d bigint, title text) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        -- random() in a comment, or in a string, is not a call
        UPDATE demand SET title = demand_retitle.title || 'random()' WHERE tenant_id = t AND id = d AND now() > '2000-01-01';
        DELETE FROM demand_event WHERE tenant_id = t AND demand_id = d;
        PERFORM random();  -- volatile, but outside an UPDATE or DELETE
    END $$;

    """

/// A tenant table's RLS, so that a broken schema breaks only the rule under test.
private func guarded(_ table: String) -> String {
    """
    ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
    ALTER TABLE \(table) FORCE ROW LEVEL SECURITY;
    CREATE POLICY isolation ON \(table) USING (tenant_id = current_tenant_id());

    """
}

/// The findings on a fresh database holding `cleanSchema` plus `schema`, as "rule object constraint".
private func lint(_ schema: String) async throws -> Set<String> {
    try await TestDatabase.withFresh { configuration in
        let connection = try await Connection.connect(configuration)
        do {
            try await connection.executeScript(unsafeRaw: cleanSchema + schema)
            let findings = try await CitusLint.findings(connection)
            await connection.close()
            return Set(findings.map { "\($0.rule.rawValue) \($0.object) \($0.constraint ?? "-")" })
        } catch {
            await connection.close()
            throw error
        }
    }
}

@Suite struct CitusLintTests {
    @Test func aCleanSchemaHasNoFindings() async throws {
        #expect(try await lint("") == [])
    }

    @Test func keysWithoutTenantIDAreNamed() async throws {
        let findings = try await lint("""
            CREATE TABLE note (tenant_id uuid NOT NULL, id bigint PRIMARY KEY, code text);
            CREATE UNIQUE INDEX note_code ON note (code) INCLUDE (tenant_id);
            CREATE UNIQUE INDEX note_tenant_code ON note (tenant_id, code);
            \(guarded("note"))
            """)
        #expect(findings == ["key-includes-tenant-id note note_pkey", "key-includes-tenant-id note note_code"])
    }

    @Test func aNullableTenantIDIsNamed() async throws {
        let findings = try await lint("""
            CREATE TABLE note (tenant_id uuid, id bigint, PRIMARY KEY (id, tenant_id));
            \(guarded("note"))
            """)
        // A primary key makes its columns NOT NULL: a unique key does not.
        #expect(findings == [])
        let nullable = try await lint("""
            CREATE TABLE note (tenant_id uuid, id bigint NOT NULL, UNIQUE (tenant_id, id));
            \(guarded("note"))
            """)
        #expect(nullable == ["tenant-id-not-null note tenant_id"])
    }

    /// A table the schema keeps on the coordinator (govreg_table_placement) is exempt from the
    /// rules of tenant tables; a tenant or shared table pointing at it is named, and so is a
    /// nullable tenant_id nobody declared.
    @Test func aDeclaredCoordinatorTableIsExemptAndMayNotBePointedAt() async throws {
        let findings = try await lint("""
            CREATE TABLE govreg_table_placement (table_name text PRIMARY KEY, placement text NOT NULL, reason text NOT NULL);
            INSERT INTO govreg_table_placement VALUES ('login', 'local', 'operators have no district');
            CREATE TABLE login (id bigint PRIMARY KEY, tenant_id uuid REFERENCES tenant (id), name text UNIQUE);
            CREATE TABLE login_note (id bigint PRIMARY KEY, login_id bigint REFERENCES login (id));
            INSERT INTO govreg_table_placement VALUES ('login_note', 'local', 'kept with the logins');
            CREATE TABLE grant_of (tenant_id uuid NOT NULL, login_id bigint NOT NULL REFERENCES login (id), PRIMARY KEY (tenant_id, login_id));
            \(guarded("grant_of"))
            CREATE TABLE stray (tenant_id uuid, id bigint NOT NULL, UNIQUE (tenant_id, id));
            \(guarded("stray"))
            """)
        #expect(findings == [
            "references-coordinator-table grant_of grant_of_login_id_fkey",
            "tenant-id-not-null stray tenant_id",
        ])
    }

    @Test func foreignKeysMustCarryTenantIDAtTheSamePosition() async throws {
        let findings = try await lint("""
            CREATE TABLE link (tenant_id uuid NOT NULL, other uuid NOT NULL, PRIMARY KEY (tenant_id, other), UNIQUE (other, tenant_id));
            CREATE TABLE crossed (
                tenant_id uuid NOT NULL, other uuid NOT NULL, slug text NOT NULL, PRIMARY KEY (tenant_id, other),
                CONSTRAINT crossed_link FOREIGN KEY (tenant_id, other) REFERENCES link (other, tenant_id),
                CONSTRAINT crossed_tenant FOREIGN KEY (slug) REFERENCES tenant (slug)
            );
            \(guarded("link"))\(guarded("crossed"))
            """)
        #expect(findings == ["foreign-key-includes-tenant-id crossed crossed_link", "foreign-key-includes-tenant-id crossed crossed_tenant"])
    }

    @Test func foreignKeyActionsThatRewriteTenantIDAreNamed() async throws {
        let findings = try await lint("""
            CREATE TABLE reply (
                tenant_id uuid NOT NULL, id bigint NOT NULL, demand_id bigint, PRIMARY KEY (tenant_id, id),
                CONSTRAINT reply_cascade FOREIGN KEY (tenant_id, demand_id) REFERENCES demand (tenant_id, id) ON UPDATE CASCADE,
                CONSTRAINT reply_null FOREIGN KEY (tenant_id, demand_id) REFERENCES demand (tenant_id, id) ON DELETE SET NULL (demand_id)
            );
            \(guarded("reply"))
            """)
        #expect(findings == ["foreign-key-action reply reply_cascade", "foreign-key-action reply reply_null"])
    }

    @Test func aSharedTableMustNotReferenceATenantTable() async throws {
        let findings = try await lint("""
            CREATE TABLE featured (
                district uuid NOT NULL, demand_id bigint NOT NULL, PRIMARY KEY (district, demand_id),
                CONSTRAINT featured_demand FOREIGN KEY (district, demand_id) REFERENCES demand (tenant_id, id)
            );
            CREATE TABLE district_note (district uuid PRIMARY KEY REFERENCES tenant (id));
            """)
        // Pointing at `tenant` is fine while it may be a reference table.
        #expect(findings == ["shared-table-references-tenant-table featured featured_demand"])
    }

    @Test func volatileFunctionsInUpdatesDeletesAndPoliciesAreNamed() async throws {
        let findings = try await lint("""
            CREATE FUNCTION demand_sample(t uuid) RETURNS void LANGUAGE sql AS $$
                UPDATE demand SET title = title WHERE tenant_id = t AND random() < 0.5
            $$;
            CREATE FUNCTION demand_event_prune() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM demand_event WHERE tenant_id = NEW.tenant_id AND at < clock_timestamp() - interval '1 year';
                RETURN NULL;
            END $$;
            CREATE TRIGGER prune AFTER INSERT ON demand FOR EACH ROW EXECUTE FUNCTION demand_event_prune();
            CREATE FUNCTION tenant_of_session() RETURNS uuid LANGUAGE sql AS $$ SELECT current_tenant_id() $$;
            CREATE POLICY own_deletes ON demand FOR DELETE USING (tenant_id = tenant_of_session());
            """)
        #expect(findings == [
            "volatile-function-in-update-or-delete demand_sample(uuid) UPDATE demand",
            "volatile-function-in-update-or-delete demand_event_prune() DELETE demand_event",
            "volatile-function-in-update-or-delete demand policy own_deletes",
        ])
    }

    @Test func nonImmutableFunctionsInAnUpsertAreNamed() async throws {
        let findings = try await lint("""
            CREATE TABLE counter (tenant_id uuid NOT NULL, name text NOT NULL, n bigint NOT NULL, at timestamptz, PRIMARY KEY (tenant_id, name));
            \(guarded("counter"))
            CREATE FUNCTION counter_bump(t uuid, k text) RETURNS void LANGUAGE sql AS $$
                INSERT INTO counter (tenant_id, name, n) VALUES (t, k, 1)
                ON CONFLICT (tenant_id, name) DO UPDATE SET n = counter.n + 1, at = now()
            $$;
            CREATE FUNCTION counter_keep(t uuid, k text) RETURNS void LANGUAGE sql AS $$
                INSERT INTO counter (tenant_id, name, n, at) VALUES (t, k, 1, now())
                ON CONFLICT (tenant_id, name) DO UPDATE SET n = counter.n + excluded.n
            $$;
            """)
        #expect(findings == ["non-immutable-function-in-on-conflict-update counter_bump(uuid,text) ON CONFLICT DO UPDATE counter"])
    }

    @Test func nonImmutableFunctionsInCaseCoalesceOrReturningOfAnUpdateAreNamed() async throws {
        let findings = try await lint("""
            CREATE FUNCTION demand_flag(t uuid, d bigint, p_lock interval) RETURNS timestamptz LANGUAGE plpgsql AS $$
            DECLARE
                flagged text;
            BEGIN
                UPDATE demand SET title = CASE WHEN title = '' THEN now()::text ELSE title END
                WHERE tenant_id = t AND id = d RETURNING title INTO flagged;
                UPDATE demand SET title = 'x' WHERE tenant_id = t AND id = d AND title < now()::text;
                RETURN now() + p_lock;
            END $$;
            """)
        #expect(findings == ["non-immutable-function-in-case-or-returning demand_flag(uuid,bigint,interval) UPDATE demand"])
    }

    @Test func aViewWithoutSecurityInvokerIsNamed() async throws {
        let findings = try await lint("""
            CREATE VIEW leaky AS SELECT * FROM demand;
            CREATE VIEW turned_off WITH (security_invoker = off) AS SELECT * FROM demand;
            """)
        #expect(findings == ["view-security-invoker leaky -", "view-security-invoker turned_off -"])
    }

    @Test func smallAndSharedSequencesAreNamed() async throws {
        let findings = try await lint("""
            CREATE TABLE small (tenant_id uuid NOT NULL, id serial, PRIMARY KEY (tenant_id, id));
            CREATE TABLE smaller (tenant_id uuid NOT NULL, id integer GENERATED ALWAYS AS IDENTITY, PRIMARY KEY (tenant_id, id));
            CREATE SEQUENCE shared_number;
            CREATE TABLE first_use (tenant_id uuid NOT NULL, n bigint DEFAULT nextval('shared_number'), PRIMARY KEY (tenant_id, n));
            CREATE TABLE second_use (tenant_id uuid NOT NULL, n bigint DEFAULT nextval('shared_number'), PRIMARY KEY (tenant_id, n));
            \(guarded("small"))\(guarded("smaller"))\(guarded("first_use"))\(guarded("second_use"))
            """)
        #expect(findings == [
            "sequence-bigint small_id_seq small.id",
            "sequence-bigint smaller_id_seq smaller.id",
            "sequence-shared shared_number -",
        ])
    }

    @Test func tenantTablesNeedRowSecurityForcedWithAPolicy() async throws {
        let findings = try await lint("""
            CREATE TABLE open_table (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
            CREATE TABLE half_closed (tenant_id uuid NOT NULL, id bigint, PRIMARY KEY (tenant_id, id));
            ALTER TABLE half_closed ENABLE ROW LEVEL SECURITY;
            CREATE POLICY isolation ON half_closed USING (tenant_id = current_tenant_id());
            """)
        #expect(findings == [
            "rls-enabled open_table -", "rls-forced open_table -", "rls-policy open_table -",
            "rls-forced half_closed -",
        ])
    }
}
