public import Postgres

/// `govreg db lint --citus`: reads the connected database's catalogue and names every place
/// where the schema breaks a rule of a deployment distributed by `tenant_id` on Citus.
///
/// Plain PostgreSQL is enough: the rules are read from `pg_catalog`, nothing is changed and
/// Citus need not be installed. Tables are found by their columns, never by name:
/// - a **tenant table** has a `tenant_id` column (module tables included);
/// - **`tenant`** itself (the districts) is the root: keyed by `id`, it may be distributed by
///   `id` or be a reference table, and both are accepted. Foreign keys to it must map
///   `tenant_id` → `id` (right either way) and it must not point at a tenant table (wrong
///   either way). Its own unique keys, and shared tables pointing at it, are fine for a reference
///   table; on a Citus database where `tenant` is already hash-distributed they are checked too;
/// - every other table is **shared**: a reference table on Citus.
///
/// ```swift
/// let connection = try await Connection.connect(configuration)
/// let findings = try await CitusLint.findings(connection)   // [] when the schema is clean
/// ```
public enum CitusLint {
    /// Every finding on the connected database, sorted by object, then rule.
    ///
    /// - Throws: ``LintError/notMigrated`` on a database without govreg's schema (no findings
    ///   there would be no news), ``PostgresError`` when a catalogue query fails.
    public static func findings(_ connection: Connection) async throws -> [LintFinding] {
        let schema = try await connection.query("SELECT to_regclass('tenant') IS NOT NULL AS migrated")
        guard try schema[0].decode(Bool.self, "migrated") else { throw LintError.notMigrated }
        let rootDistributed = try await tenantIsHashDistributed(connection)
        let local = try await PlacementPlan.declaredLocal(connection).keys.sorted()
        var findings: [LintFinding] = []
        findings += try await keyFindings(connection, local: local, rootDistributed: rootDistributed)
        findings += try await foreignKeyFindings(connection, local: local, rootDistributed: rootDistributed)
        findings += try await viewFindings(connection, local: local)
        findings += try await sequenceFindings(connection, local: local)
        findings += try await rowSecurityFindings(connection, local: local)
        findings += try await policyFindings(connection, local: local)
        findings += try await routineFindings(connection, local: local)
        return findings.sorted()
    }

    /// What the lint does not see, said once for the command's help and the README.
    public static let limits = [
        "Function bodies are scanned as text (LANGUAGE sql and plpgsql): SQL built at run time (EXECUTE), calls through operators and functions reached through other functions are not followed; a function name with overloads of different volatility is not counted.",
        "Only UPDATE, DELETE and ON CONFLICT DO UPDATE on tables of the schema count (not temporary tables); the SQL that govreg itself sends from Swift is not read (the router-plan test covers it).",
        "Citus also refuses a stable function called with a column in an UPDATE (`SET at = at + interval '1 day'`: timestamptz + interval is stable); operators are not seen, so this is not checked.",
        "Exclusion constraints must include tenant_id; whether its operator is equality is not checked. Triggers (Citus distributes a table with triggers only with citus.enable_unsafe_triggers) are not judged.",
    ]

    /// The relations the rules look at: tables, views and sequences outside the system's and
    /// extensions' schemas, partitions left to their parent. `is_tenant`: has `tenant_id` and
    /// is not one of the `local` tables the schema keeps on the coordinator by decision
    /// (`govreg_table_placement`, migration 0037); `is_root`: the `tenant` table.
    static func relations(_ local: [String]) -> SQL {
        """
        WITH rel AS (
            SELECT c.oid, c.oid::regclass::text AS name, c.relname::text AS relname, c.relkind::text AS kind,
                   c.relrowsecurity, c.relforcerowsecurity, c.reloptions,
                   t.attnum AS tenant_column, coalesce(t.attnotnull, false) AS tenant_not_null,
                   c.relkind IN ('r', 'p') AND t.attnum IS NOT NULL AND c.relname <> 'tenant'
                       AND c.oid::regclass::text <> ALL (\(local)::text[]) AS is_tenant,
                   c.relkind IN ('r', 'p') AND t.attnum IS NULL AND c.relname = 'tenant' AS is_root,
                   (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id' AND NOT a.attisdropped) AS id_column
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute t ON t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped
            WHERE c.relkind IN ('r', 'p', 'v', 'S') AND NOT c.relispartition
              AND n.nspname NOT IN ('information_schema', 'citus', 'citus_internal', 'columnar', 'columnar_internal')
              AND n.nspname !~ '^pg_'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        )
        """
    }

    /// On a Citus database where `tenant` is already distributed by hash (not a reference
    /// table), its unique keys must include `id` and no shared table may point at it.
    static func tenantIsHashDistributed(_ connection: Connection) async throws -> Bool {
        let citus = try await connection.query("SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL AS citus")
        guard try citus[0].decode(Bool.self, "citus") else { return false }
        let method = try await connection.query("""
            SELECT coalesce((SELECT p.partmethod::text FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid = to_regclass('tenant')), '') AS method
            """)
        return try method[0].decode(String.self, "method") == "h"
    }
}
