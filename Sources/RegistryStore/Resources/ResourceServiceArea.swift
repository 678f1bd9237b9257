public import Foundation
public import Postgres
import Registry

/// Where resources may serve: the org units listed for a resource, or, when none are, the
/// communities its unit contracts (包联). A node serves everything under it.
///
/// Matching asks "which resources may serve a demand raised at this org unit"; the answer is
/// the resources with a node of their effective area at or above the demand's org unit.
public enum ResourceServiceArea {
    /// The effective service area of every resource of `tenant`, as rows
    /// `(resource_id, org_unit_id)`, for use as a subquery:
    ///
    /// ```swift
    /// let sql: SQL = """
    ///     SELECT DISTINCT a.resource_id
    ///     FROM (\(ResourceServiceArea.pairs(tenant: tenant))) a
    ///     JOIN org_unit area ON area.tenant_id = \(tenant) AND area.id = a.org_unit_id
    ///     JOIN org_unit place ON place.tenant_id = \(tenant) AND place.id = \(demandOrgUnit)
    ///     WHERE place.path LIKE area.path || '%'
    ///     """
    /// ```
    public static func pairs(tenant: UUID) -> SQL {
        """
        SELECT sa.resource_id, sa.org_unit_id FROM resource_service_area sa WHERE sa.tenant_id = \(tenant)
        UNION ALL
        SELECT r.id, uc.org_unit_id
        FROM resource r JOIN unit_community uc ON uc.tenant_id = r.tenant_id AND uc.unit_id = r.unit_id
        WHERE r.tenant_id = \(tenant)
          AND NOT EXISTS (SELECT 1 FROM resource_service_area sa WHERE sa.tenant_id = \(tenant) AND sa.resource_id = r.id)
        """
    }

    /// The effective area of the one resource `r` of an enclosing query in district `tenant`
    /// (rows `org_unit_id`). Each table is filtered by the district itself, not by `r`'s, so
    /// that Citus sees one district's shard (a correlated `tenant_id` does not route).
    static func correlated(tenant: UUID) -> SQL {
        """
        SELECT sa.org_unit_id FROM resource_service_area sa WHERE sa.tenant_id = \(tenant) AND sa.resource_id = r.id
        UNION ALL
        SELECT uc.org_unit_id FROM unit_community uc
        WHERE uc.tenant_id = \(tenant) AND uc.unit_id = r.unit_id
          AND NOT EXISTS (SELECT 1 FROM resource_service_area sa WHERE sa.tenant_id = \(tenant) AND sa.resource_id = r.id)
        """
    }
}

extension ResourceStore {
    /// The ids of the resources that may serve a demand raised at the org unit `code`: those
    /// with a node of their effective service area at or above it.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown code.
    public static func resourceIDs(serving code: String, in tx: TenantTransaction) async throws -> [Int64] {
        let path = try await UnitStore.subtreePath(code, tx)
        return try await tx.connection.query("""
            SELECT DISTINCT a.resource_id FROM (\(ResourceServiceArea.pairs(tenant: tx.tenantID))) a
            JOIN org_unit area ON area.tenant_id = \(tx.tenantID) AND area.id = a.org_unit_id
            WHERE \(path) LIKE area.path || '%'
            ORDER BY a.resource_id
            """).map { try $0.decode(Int64.self, "resource_id") }
    }

    /// The effective service area of one resource, and whether it is the default.
    static func serviceArea(of resource: Int64, _ tx: TenantTransaction) async throws -> (isDefault: Bool, nodes: [ResourceAreaNode]) {
        let rows = try await tx.connection.query("""
            SELECT o.id, o.code, o.name, o.kind
            FROM resource r
            JOIN LATERAL (\(ResourceServiceArea.correlated(tenant: tx.tenantID))) a ON true
            JOIN org_unit o ON o.tenant_id = r.tenant_id AND o.id = a.org_unit_id
            WHERE r.tenant_id = \(tx.tenantID) AND r.id = \(resource)
            ORDER BY o.code
            """)
        let nodes = try rows.map { row in
            ResourceAreaNode(
                id: try row.decode(Int64.self, "id"), code: try row.decode(String.self, "code"),
                name: try row.decode(String.self, "name"), kind: try .init(parsing: try row.decode(String.self, "kind")))
        }
        let explicit = try await tx.connection.query("""
            SELECT 1 FROM resource_service_area WHERE tenant_id = \(tx.tenantID) AND resource_id = \(resource) LIMIT 1
            """)
        return (explicit.isEmpty, nodes)
    }
}
