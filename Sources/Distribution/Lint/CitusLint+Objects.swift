import Postgres

extension CitusLint {
    /// Views without `security_invoker`: they would read with their owner's rights, past RLS.
    static func viewFindings(_ connection: Connection, local: [String]) async throws -> [LintFinding] {
        let views = try await connection.query("""
            \(relations(local))
            SELECT r.name FROM rel r
            WHERE r.kind = 'v'
              AND NOT coalesce((SELECT o.option_value::boolean FROM pg_options_to_table(r.reloptions) o
                                WHERE o.option_name = 'security_invoker'), false)
            ORDER BY 1
            """)
        return try views.map { row in
            LintFinding(rule: .viewSecurityInvoker, kind: .view, object: try row.decode(String.self, "name"),
                        detail: "view runs with its owner's rights (no security_invoker = true)")
        }
    }

    /// Sequences, by the columns they feed (identity columns and `DEFAULT nextval(…)`).
    ///
    /// The rule, and why: every sequence of a tenant table is already shared by all tenants,
    /// which is harmless — `nextval` takes no lock that lasts, and on Citus each worker
    /// generates from its own slice of the range. Citus slices only a **bigint** sequence,
    /// though: a smallint or integer one can be advanced on the coordinator alone, so every
    /// insert into the table would pass through it (and a 32-bit id runs out at platform
    /// scale). And a sequence feeding **several tables** must have one type for all of them
    /// on Citus and makes one counter the meeting point of unrelated writes, so each table
    /// gets its own. Sequences that only functions call (`nextval` in a body) are not seen.
    static func sequenceFindings(_ connection: Connection, local: [String]) async throws -> [LintFinding] {
        let uses = try await connection.query("""
            \(relations(local)),
            used AS (
                SELECT d.refobjid AS sequence, ad.adrelid AS relation, a.attname::text AS column_name, a.atttypid
                FROM pg_depend d
                JOIN pg_attrdef ad ON ad.oid = d.objid
                JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
                WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass
                UNION
                SELECT d.objid, d.refobjid, a.attname::text, a.atttypid
                FROM pg_depend d
                JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i' AND d.refobjsubid > 0
            )
            SELECT s.name AS sequence_name, t.name AS relation, u.column_name, format_type(u.atttypid, NULL) AS column_type,
                   format_type(q.seqtypid, NULL) AS sequence_type, t.is_tenant
            FROM used u
            JOIN pg_sequence q ON q.seqrelid = u.sequence
            JOIN rel s ON s.oid = u.sequence
            JOIN rel t ON t.oid = u.relation
            ORDER BY 1, 2, 3
            """)
        var findings: [LintFinding] = []
        var usesBySequence: [String: [(table: String, column: String)]] = [:]
        for row in uses {
            let sequence = try row.decode(String.self, "sequence_name"), relation = try row.decode(String.self, "relation")
            let column = try row.decode(String.self, "column_name")
            usesBySequence[sequence, default: []].append((relation, column))
            let columnType = try row.decode(String.self, "column_type"), sequenceType = try row.decode(String.self, "sequence_type")
            if try row.decode(Bool.self, "is_tenant"), columnType != "bigint" || sequenceType != "bigint" {
                findings.append(LintFinding(
                    rule: .sequenceBigint, kind: .sequence, object: sequence, constraint: "\(relation).\(column)",
                    detail: "\(sequenceType) sequence feeds \(columnType) column \(relation).\(column)"))
            }
        }
        for (sequence, uses) in usesBySequence where Set(uses.map(\.table)).count > 1 {
            findings.append(LintFinding(
                rule: .sequenceShared, kind: .sequence, object: sequence,
                detail: "feeds columns of \(Set(uses.map(\.table)).count) tables: \(uses.map { "\($0.table).\($0.column)" }.joined(separator: ", "))"))
        }
        return findings
    }

    /// Tenant tables without row-level security enabled, forced, and a policy: on Citus the
    /// policies travel with the shards, and they are the second wall between districts.
    static func rowSecurityFindings(_ connection: Connection, local: [String]) async throws -> [LintFinding] {
        let tables = try await connection.query("""
            \(relations(local))
            SELECT r.name, r.relrowsecurity AS enabled, r.relforcerowsecurity AS forced,
                   EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = r.oid) AS has_policy
            FROM rel r
            WHERE r.is_tenant
            ORDER BY 1
            """)
        var findings: [LintFinding] = []
        for row in tables {
            let name = try row.decode(String.self, "name")
            if !(try row.decode(Bool.self, "enabled")) {
                findings.append(LintFinding(rule: .rowSecurityEnabled, kind: .table, object: name, detail: "row-level security is not enabled"))
            }
            if !(try row.decode(Bool.self, "forced")) {
                findings.append(LintFinding(rule: .rowSecurityForced, kind: .table, object: name, detail: "row-level security is not forced: the table's owner bypasses it"))
            }
            if !(try row.decode(Bool.self, "has_policy")) {
                findings.append(LintFinding(rule: .rowSecurityPolicy, kind: .table, object: name, detail: "no policy: with RLS enabled nobody but the owner sees a row, without it everybody does"))
            }
        }
        return findings
    }
}
