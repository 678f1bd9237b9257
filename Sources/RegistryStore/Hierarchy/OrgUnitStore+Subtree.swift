import Postgres
public import Registry

extension OrgUnitStore {
    /// Whether the org unit `code` lies in the subtree of the org unit `root` (itself
    /// included): community staff may write only there. An unknown code is outside.
    public static func isInside(code: String, subtreeOf root: Int64, in tx: TenantTransaction) async throws -> Bool {
        try await isInside("o.code = \(code)", subtreeOf: root, tx)
    }

    /// Whether the org unit with id `orgUnit` lies in the subtree of the org unit `root`.
    public static func isInside(orgUnit: Int64, subtreeOf root: Int64, in tx: TenantTransaction) async throws -> Bool {
        try await isInside("o.id = \(orgUnit)", subtreeOf: root, tx)
    }

    /// Whether the org unit that `node` (a condition over `org_unit o`) picks lies under `root`.
    private static func isInside(_ node: SQL, subtreeOf root: Int64, _ tx: TenantTransaction) async throws -> Bool {
        let rows = try await tx.connection.query("""
            SELECT EXISTS (
                SELECT 1 FROM org_unit o JOIN org_unit r ON r.tenant_id = o.tenant_id AND r.id = \(root)
                WHERE o.tenant_id = \(tx.tenantID) AND \(node) AND o.path LIKE r.path || '%'
            ) AS inside
            """)
        return try rows[0].decode(Bool.self, "inside")
    }

    /// Whether the demand `id` arises inside the subtree of the org unit `root`.
    public static func isInside(demand id: DemandID, subtreeOf root: Int64, in tx: TenantTransaction) async throws -> Bool {
        let rows = try await tx.connection.query("""
            SELECT EXISTS (
                SELECT 1 FROM demand d
                JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
                JOIN org_unit r ON r.tenant_id = o.tenant_id AND r.id = \(root)
                WHERE d.tenant_id = \(tx.tenantID) AND d.id = \(id.rawValue) AND o.path LIKE r.path || '%'
            ) AS inside
            """)
        return try rows[0].decode(Bool.self, "inside")
    }
}

extension ProjectStore {
    /// Whether every demand the project `key` serves arises inside the subtree of `root`
    /// (a project with no demand is inside no one's subtree).
    public static func isInside(_ key: String, subtreeOf root: Int64, in tx: TenantTransaction) async throws -> Bool {
        let project = try await id(of: key, tx)
        let rows = try await tx.connection.query("""
            SELECT count(*) > 0 AND bool_and(o.path LIKE r.path || '%') AS inside
            FROM project_demand pd
            JOIN demand d ON d.tenant_id = pd.tenant_id AND d.id = pd.demand_id
            JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
            JOIN org_unit r ON r.tenant_id = o.tenant_id AND r.id = \(root)
            WHERE pd.tenant_id = \(tx.tenantID) AND pd.project_id = \(project)
            """)
        return try rows[0].decode(Bool?.self, "inside") ?? false
    }
}
