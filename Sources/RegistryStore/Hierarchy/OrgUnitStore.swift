public import Foundation
public import ImportIssues
import Postgres
public import Registry

/// One row of a hierarchy file, already parsed: the node and the code of its parent.
public struct OrgUnitImportRow: Sendable, Hashable, Encodable {
    /// The file line the row came from, for error messages.
    public var line: Int
    public var code: String
    public var name: String
    public var kind: OrgUnitKind
    /// The parent's code, in the same file or already stored; nil for a top-level node.
    public var parentCode: String?
    public var validFrom: CivilDate?
    public var validUntil: CivilDate?

    // The file line is for messages, not part of the node.
    private enum CodingKeys: String, CodingKey { case code, name, kind, parentCode, validFrom, validUntil }

    public init(line: Int, code: String, name: String, kind: OrgUnitKind, parentCode: String?, validFrom: CivilDate? = nil, validUntil: CivilDate? = nil) {
        self.line = line
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
        self.validFrom = validFrom
        self.validUntil = validUntil
    }
}

/// A district's hierarchy: import, subtree queries, moves.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
public enum OrgUnitStore {
    /// The id of the tenant's org unit with this code, inside a transaction (what a module's
    /// store calls to place its records).
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown code.
    public static func id(of code: String, in tx: TenantTransaction) async throws -> Int64 {
        let rows = try await tx.connection.query("SELECT id FROM org_unit WHERE tenant_id = \(tx.tenantID) AND code = \(code)")
        guard let row = rows.first else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: code) }
        return try row.decode(Int64.self, "id")
    }

    /// Imports a hierarchy all or nothing: rows are matched to stored nodes by code, so a
    /// second import of the same file changes nothing and an edited file updates (or moves)
    /// nodes in place. Parents may be earlier or later in the file, or already stored.
    ///
    /// Owns its transaction, so it takes the database rather than a transaction (see
    /// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``): all or nothing, and a
    /// dry run does the work, then rolls the transaction back.
    ///
    /// - Throws: ``ImportRejected`` with every problem (unknown parent, duplicate code,
    ///   a cycle, and `issues`, those the file reader found), in which case nothing was written.
    public static func importRows(
        _ rows: [OrgUnitImportRow], issues: IssueList = IssueList(), on database: RegistryDatabase, tenant: UUID, actor: String, dryRun: Bool = false
    ) async throws -> ImportSummary {
        do {
            return try await database.withTenant(tenant, actor: actor) { tx in
                try await Self.serialiseHierarchyChanges(tx)
                let (stored, kinds) = try await storedParents(tx)
                let ordered = try OrgUnitImportPlan(rows: rows, stored: stored, storedKinds: kinds).ordered(adding: issues)
                var summary = ImportSummary()
                for row in ordered {
                    summary.count(try await upsert(row, tx))
                }
                // A dry run writes everything, so the database's own checks run too, then
                // rolls it all back.
                if dryRun { throw OrgImportDryRun(summary: summary) }
                return summary
            }
        } catch let finished as OrgImportDryRun {
            return finished.summary
        }
    }

    /// Codes of the stored nodes, with the code of each one's parent.
    private static func storedParents(_ tx: TenantTransaction) async throws -> ([String: String?], [String: OrgUnitKind]) {
        let rows = try await tx.connection.query("""
            SELECT o.code, o.kind, p.code AS parent_code FROM org_unit o
            LEFT JOIN org_unit p ON p.tenant_id = o.tenant_id AND p.id = o.parent_id
            WHERE o.tenant_id = \(tx.tenantID)
            """)
        var parents: [String: String?] = [:]
        var kinds: [String: OrgUnitKind] = [:]
        for row in rows {
            let code = try row.decode(String.self, "code")
            parents[code] = try row.decode(String?.self, "parent_code")
            kinds[code] = OrgUnitKind(rawValue: try row.decode(String.self, "kind"))
        }
        return (parents, kinds)
    }

    private static func upsert(_ row: OrgUnitImportRow, _ tx: TenantTransaction) async throws -> ListRowOutcome {
        let tenant = tx.tenantID
        // The parent is looked up first, not by a subquery in VALUES: Citus plans an INSERT
        // with a subquery only as INSERT … SELECT.
        var parentID: Int64?
        if let parentCode = row.parentCode {
            parentID = try await tx.connection.query(
                "SELECT id FROM org_unit WHERE tenant_id = \(tenant) AND code = \(parentCode)"
            ).first?.decode(Int64.self, "id")
        }
        let (_, outcome) = try await ListRowOutcome.upsert(
            existing: "SELECT id FROM org_unit WHERE tenant_id = \(tenant) AND code = \(row.code)",
            upsert: """
                INSERT INTO org_unit (tenant_id, parent_id, kind, code, name, valid_from, valid_to)
                VALUES (\(tenant), \(parentID), \(row.kind.rawValue), \(row.code), \(row.name),
                        \(row.validFrom?.description)::date, \(row.validUntil?.description)::date)
                ON CONFLICT (tenant_id, code) DO UPDATE
                SET parent_id = excluded.parent_id, kind = excluded.kind, name = excluded.name,
                    valid_from = excluded.valid_from, valid_to = excluded.valid_to
                    -- updated_at and row_version: org_unit_place stamps them (parent_id is set),
                    -- and Citus refuses now() here
                WHERE (org_unit.parent_id, org_unit.kind, org_unit.name, org_unit.valid_from, org_unit.valid_to)
                      IS DISTINCT FROM (excluded.parent_id, excluded.kind, excluded.name, excluded.valid_from, excluded.valid_to)
                RETURNING id
                """, tx)
        return outcome
    }

    /// Every node under the node with `code` (itself included), found by one index range scan.
    public static func subtree(of code: String, in tx: TenantTransaction) async throws -> [OrgUnitRecord] {
        let rows = try await tx.connection.query("""
            SELECT o.id, o.code, o.name, o.kind, o.depth, o.path, p.code AS parent_code
            FROM org_unit root
            JOIN org_unit o ON o.tenant_id = root.tenant_id AND o.path LIKE root.path || '%'
            LEFT JOIN org_unit p ON p.tenant_id = o.tenant_id AND p.id = o.parent_id
            WHERE root.tenant_id = \(tx.tenantID) AND root.code = \(code)
            ORDER BY \(unsafeRaw: Self.treeOrder)
            """)
        guard !rows.isEmpty else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: code) }
        return try rows.map(OrgUnitRecord.init)
    }

    /// Moves the node `code` (with its subtree) under `newParent`; nil makes it top-level.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown node or parent;
    ///   ``InvalidFields`` (at `parent_code`) when the move would turn the levels over (a town
    ///   under a grid) or put the node into its own subtree.
    public static func move(_ code: String, under newParent: String?, in tx: TenantTransaction) async throws {
        try await Self.serialiseHierarchyChanges(tx)
        let nodes = try await tx.connection.query("""
            SELECT code, kind, path FROM org_unit WHERE tenant_id = \(tx.tenantID) AND code = ANY(\([code] + (newParent.map { [$0] } ?? [])))
            """)
        var found: [String: (kind: OrgUnitKind, path: String)] = [:]
        for row in nodes {
            guard let kind = OrgUnitKind(rawValue: try row.decode(String.self, "kind")) else { continue }
            found[try row.decode(String.self, "code")] = (kind, try row.decode(String.self, "path"))
        }
        guard let node = found[code] else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: code) }
        if let newParent {
            // An unknown parent code must not quietly make the node top-level.
            guard let parent = found[newParent] else { throw RegistryStoreError.notFound(kind: "org unit 组织", key: newParent) }
            if parent.path.hasPrefix(node.path) {
                throw InvalidFields([FieldProblem(
                    "parent_code", value: newParent, chinese: "形成循环：\(newParent) 在 \(code) 之下",
                    english: "makes a cycle: \(newParent) is under \(code), and a node cannot move into its own subtree")])
            }
            if let problem = node.kind.misplaced(under: parent.kind, field: "parent_code", value: newParent) {
                throw InvalidFields([problem])
            }
        }
        try await tx.connection.execute("""
            UPDATE org_unit SET parent_id = (SELECT id FROM org_unit WHERE tenant_id = \(tx.tenantID) AND code = \(newParent))
            WHERE tenant_id = \(tx.tenantID) AND code = \(code)
            """)
    }

    /// One hierarchy change at a time per tenant. The path triggers read the parent's path
    /// without seeing uncommitted moves, so two concurrent moves (A under B, B under A) could
    /// both pass the cycle check, and a node placed under a subtree being moved could keep a
    /// stale path. A transaction-scoped advisory lock (safe behind a pooler) serialises them.
    ///
    /// A move rewrites its subtree's paths, then their demands' copies (migration 0036): the
    /// key between them is checked at this transaction's commit, not after the first update.
    static func serialiseHierarchyChanges(_ tx: TenantTransaction) async throws {
        try await tx.connection.execute("""
            SELECT pg_advisory_xact_lock(hashtextextended('govreg.org_unit.' || \(tx.tenantID.uuidString.lowercased()), 0))
            """)
        try await tx.connection.execute("SET CONSTRAINTS demand_org_unit_path_fkey DEFERRED")
    }
}

/// A stored node as lists show it.
public struct OrgUnitRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: OrgUnitKind
    public var depth: Int
    public var parentCode: String?

    init(_ row: Row) throws {
        id = try row.decode(Int64.self, "id")
        code = try row.decode(String.self, "code")
        name = try row.decode(String.self, "name")
        kind = try OrgUnitKind(parsing: try row.decode(String.self, "kind"))
        depth = try row.decode(Int.self, "depth")
        parentCode = try row.decode(String?.self, "parent_code")
    }
}

/// Ends a dry run's transaction with a rollback, carrying what would have been written.
private struct OrgImportDryRun: Error {
    var summary: ImportSummary
}
