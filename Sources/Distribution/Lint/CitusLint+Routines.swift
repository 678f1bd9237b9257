import Postgres

extension CitusLint {
    /// Policies that call a volatile function. A policy's expressions become part of every
    /// UPDATE and DELETE on its table (USING filters the rows, WITH CHECK the new ones), and
    /// Citus refuses a volatile function anywhere in those. Read exactly: the function ids in
    /// the stored expression trees (`pg_policy.polqual`, `polwithcheck`), subqueries included.
    static func policyFindings(_ connection: Connection, local: [String]) async throws -> [LintFinding] {
        let policies = try await connection.query("""
            \(relations(local))
            SELECT r.name, p.polname::text AS policy, string_agg(f.oid::regprocedure::text, ', ' ORDER BY f.oid::regprocedure::text) AS functions
            FROM pg_policy p
            JOIN rel r ON r.oid = p.polrelid
            CROSS JOIN LATERAL (
                SELECT DISTINCT m[1]::oid AS id
                FROM regexp_matches(coalesce(p.polqual::text, '') || ' ' || coalesce(p.polwithcheck::text, ''), ':(?:funcid|opfuncid) (\\d+)', 'g') AS m
            ) used
            JOIN pg_proc f ON f.oid = used.id
            WHERE f.provolatile = 'v'
            GROUP BY 1, 2
            ORDER BY 1, 2
            """)
        return try policies.map { row in
            LintFinding(rule: .volatileInModification, kind: .table, object: try row.decode(String.self, "name"),
                        constraint: "policy \(try row.decode(String.self, "policy"))",
                        detail: "policy calls volatile \(try row.decode(String.self, "functions"))")
        }
    }

    /// The schema's SQL and PL/pgSQL functions, procedures and trigger functions, scanned as
    /// text (``RoutineText``): a volatile function in an UPDATE or DELETE (Citus refuses one
    /// anywhere in the statement, not only in its WHERE), or a non-immutable function in the
    /// SET or WHERE of an ON CONFLICT DO UPDATE, on a table of the schema.
    static func routineFindings(_ connection: Connection, local: [String]) async throws -> [LintFinding] {
        // A name counts only when every function of that name has the volatility: an
        // overloaded name is not guessed at.
        let names = try await connection.query("""
            SELECT p.proname::text AS name, bool_and(p.provolatile = 'v') AS volatile
            FROM pg_proc p GROUP BY p.proname HAVING bool_and(p.provolatile <> 'i')
            """)
        var volatile: Set<String> = [], mutable = RoutineText.stableKeywords
        for row in names {
            let name = try row.decode(String.self, "name")
            mutable.insert(name)
            if try row.decode(Bool.self, "volatile") { volatile.insert(name) }
        }
        let tables = Set(try await connection.query("""
            \(relations(local))
            SELECT r.relname FROM rel r WHERE r.kind IN ('r', 'p')
            """).map { try $0.decode(String.self, "relname") })
        let routines = try await connection.query("""
            SELECT p.oid::regprocedure::text AS signature,
                   CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_functiondef(p.oid) ELSE p.prosrc END AS body,
                   coalesce((SELECT string_agg(DISTINCT tg.tgrelid::regclass::text, ', ') FROM pg_trigger tg
                             WHERE tg.tgfoid = p.oid AND NOT tg.tgisinternal), '') AS trigger_tables
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            JOIN pg_language l ON l.oid = p.prolang
            WHERE l.lanname IN ('sql', 'plpgsql')
              AND n.nspname NOT IN ('information_schema', 'citus', 'citus_internal', 'columnar', 'columnar_internal')
              AND n.nspname !~ '^pg_'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1
            """)
        var findings: [LintFinding] = []
        for row in routines {
            let signature = try row.decode(String.self, "signature")
            let triggers = try row.decode(String.self, "trigger_tables")
            let role = triggers.isEmpty ? "" : "; trigger function of \(triggers)"
            for statement in RoutineText(try row.decode(String.self, "body")).modifications() where tables.contains(statement.table) {
                let constraint = "\(statement.verb.rawValue) \(statement.table)"
                let calls = RoutineText.calls(in: statement.text)
                if statement.verb == .upsert {
                    let offending = calls.filter(mutable.contains)
                    guard !offending.isEmpty else { continue }
                    findings.append(LintFinding(
                        rule: .mutableInUpsert, kind: .function, object: signature, constraint: constraint,
                        detail: "calls non-immutable \(Self.list(offending))\(role)"))
                    continue
                }
                let offending = calls.filter(volatile.contains)
                if !offending.isEmpty {
                    findings.append(LintFinding(
                        rule: .volatileInModification, kind: .function, object: signature, constraint: constraint,
                        detail: "calls volatile \(Self.list(offending))\(role)"))
                }
                let guarded = RoutineText.immutableOnlyParts(of: statement.text).flatMap(RoutineText.calls(in:))
                let stable = guarded.filter { mutable.contains($0) && !offending.contains($0) }
                if !stable.isEmpty {
                    findings.append(LintFinding(
                        rule: .mutableInCaseOrReturning, kind: .function, object: signature, constraint: constraint,
                        detail: "calls non-immutable \(Self.list(Array(Set(stable)).sorted())) inside CASE, COALESCE or RETURNING\(role)"))
                }
            }
        }
        return findings
    }

    /// `now(), random()`.
    static func list(_ names: [String]) -> String {
        names.map { RoutineText.stableKeywords.contains($0) ? $0 : "\($0)()" }.joined(separator: ", ")
    }
}
