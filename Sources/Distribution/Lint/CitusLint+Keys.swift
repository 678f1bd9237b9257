import Postgres

extension CitusLint {
    /// Primary keys, unique constraints, unique indexes and exclusion constraints of tenant
    /// tables without `tenant_id` among their key columns (INCLUDE columns do not count: Citus
    /// enforces uniqueness per shard, so the key itself must hold the distribution column);
    /// and tenant tables whose `tenant_id` may be NULL.
    static func keyFindings(_ connection: Connection, local: [String], rootDistributed: Bool) async throws -> [LintFinding] {
        let keys = try await connection.query("""
            \(relations(local))
            SELECT r.name, coalesce(con.conname, ic.relname)::text AS part,
                   CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique constraint'
                                    WHEN 'x' THEN 'exclusion constraint' ELSE 'unique index' END AS what,
                   CASE WHEN con.oid IS NULL THEN pg_get_indexdef(i.indexrelid) ELSE pg_get_constraintdef(con.oid) END AS definition,
                   r.is_root
            FROM rel r
            JOIN pg_index i ON i.indrelid = r.oid
            JOIN pg_class ic ON ic.oid = i.indexrelid
            LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = r.oid AND con.contype IN ('p', 'u', 'x')
            WHERE (r.is_tenant OR (r.is_root AND \(rootDistributed)))
              AND (i.indisunique OR i.indisexclusion)
              AND NOT coalesce(CASE WHEN r.is_root THEN r.id_column ELSE r.tenant_column END = ANY ((i.indkey::int2[])[0:i.indnkeyatts - 1]), false)
            ORDER BY 1, 2
            """)
        var findings = try keys.map { row in
            let column = try row.decode(Bool.self, "is_root") ? "id" : "tenant_id"
            return LintFinding(
                rule: .keyIncludesTenant, kind: .table, object: try row.decode(String.self, "name"),
                constraint: try row.decode(String.self, "part"),
                detail: "\(try row.decode(String.self, "what")) lacks \(column): \(try row.decode(String.self, "definition"))")
        }
        let nullable = try await connection.query("""
            \(relations(local))
            SELECT r.name FROM rel r WHERE r.is_tenant AND NOT r.tenant_not_null ORDER BY 1
            """)
        findings += try nullable.map { row in
            LintFinding(rule: .tenantColumnNotNull, kind: .table, object: try row.decode(String.self, "name"),
                        constraint: "tenant_id", detail: "tenant_id allows NULL")
        }
        return findings
    }

    /// Foreign keys, judged by what they join: tenant → tenant needs `tenant_id` at the same
    /// position on both sides; tenant → `tenant` needs `tenant_id` → `id`; a shared table (or
    /// `tenant`) must not point at a tenant table; and a key holding `tenant_id` must not set
    /// it to NULL or a default, nor cascade an update of it. (Citus 13.2 refuses `ON DELETE SET
    /// NULL (col)` too, even when the list leaves `tenant_id` out: "SET NULL or SET DEFAULT is
    /// not supported in ON DELETE operation when distribution key is included in the foreign key
    /// constraint"; tried on a real coordinator.)
    static func foreignKeyFindings(_ connection: Connection, local: [String], rootDistributed: Bool) async throws -> [LintFinding] {
        let keys = try await connection.query("""
            \(relations(local))
            SELECT f.name AS referencing, con.conname::text AS constraint_name, t.name AS referenced,
                   f.is_tenant AS from_tenant, f.is_root AS from_root, t.is_tenant AS to_tenant, t.is_root AS to_root,
                   f.name = ANY (\(local)::text[]) AS from_local, t.name = ANY (\(local)::text[]) AS to_local,
                   coalesce(array_position(con.conkey, f.tenant_column), 0) AS from_position,
                   coalesce(array_position(con.confkey, CASE WHEN t.is_root THEN t.id_column ELSE t.tenant_column END), 0) AS to_position,
                   con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update,
                   pg_get_constraintdef(con.oid) AS definition
            FROM pg_constraint con
            JOIN rel f ON f.oid = con.conrelid
            JOIN rel t ON t.oid = con.confrelid
            WHERE con.contype = 'f' AND con.conparentid = 0
            ORDER BY 1, 2
            """)
        var findings: [LintFinding] = []
        for row in keys {
            let fromTenant = try row.decode(Bool.self, "from_tenant"), fromRoot = try row.decode(Bool.self, "from_root")
            let toTenant = try row.decode(Bool.self, "to_tenant"), toRoot = try row.decode(Bool.self, "to_root")
            let fromPosition = try row.decode(Int.self, "from_position"), toPosition = try row.decode(Int.self, "to_position")
            let referenced = try row.decode(String.self, "referenced")
            let definition = try row.decode(String.self, "definition")
            func finding(_ rule: LintRule, _ detail: String) throws -> LintFinding {
                LintFinding(rule: rule, kind: .table, object: try row.decode(String.self, "referencing"),
                            constraint: try row.decode(String.self, "constraint_name"), detail: "\(detail): \(definition)")
            }
            if try row.decode(Bool.self, "to_local"), try !row.decode(Bool.self, "from_local") {
                findings.append(try finding(.referencesCoordinatorTable,
                    "references \(referenced), which the schema keeps on the coordinator (govreg_table_placement)"))
            } else if fromTenant && (toTenant || toRoot) {
                if fromPosition == 0 || fromPosition != toPosition {
                    findings.append(try finding(.foreignKeyIncludesTenant, toRoot
                        ? "references \(referenced) without tenant_id → id"
                        : "references tenant table \(referenced) without tenant_id on both sides at the same position"))
                }
                let onDelete = try row.decode(String.self, "on_delete"), onUpdate = try row.decode(String.self, "on_update")
                if fromPosition > 0, ["n", "d"].contains(onDelete) || ["n", "d", "c"].contains(onUpdate) {
                    findings.append(try finding(.foreignKeyAction, "holds tenant_id and \(Self.action(onDelete: onDelete, onUpdate: onUpdate))"))
                }
            } else if !fromTenant && toTenant {
                findings.append(try finding(.sharedReferencesTenantTable, "\(fromRoot ? "the root table" : "shared table") references tenant table \(referenced)"))
            } else if !fromTenant && !fromRoot && toRoot && rootDistributed {
                findings.append(try finding(.sharedReferencesTenantTable, "shared table references \(referenced), which is distributed by id"))
            }
        }
        return findings
    }

    /// `ON DELETE SET NULL` / `ON UPDATE CASCADE` … from `pg_constraint`'s action codes.
    static func action(onDelete: String, onUpdate: String) -> String {
        let names = ["n": "SET NULL", "d": "SET DEFAULT", "c": "CASCADE"]
        var parts: [String] = []
        if let name = names[onDelete], onDelete != "c" { parts.append("ON DELETE \(name)") }
        if let name = names[onUpdate] { parts.append("ON UPDATE \(name)") }
        return parts.joined(separator: ", ")
    }
}
