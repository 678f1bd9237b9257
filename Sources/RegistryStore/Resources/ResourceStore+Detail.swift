import Foundation
import Postgres
import Registry

extension ResourceStore {
    /// A resource with its ledger, effective service area and holdings.
    static func detail(_ id: Int64, _ tx: TenantTransaction) async throws -> ResourceDetail {
        let tenant = tx.tenantID
        guard let resource = try await records(tx, where: " AND r.id = \(id)", limit: 1).first else {
            throw RegistryStoreError.notFound(kind: "resource 资源", key: "\(id)")
        }
        let extra = try await tx.connection.query("""
            SELECT description, withdrawn_reason, withdrawn_by, withdrawn_at FROM resource WHERE tenant_id = \(tenant) AND id = \(id)
            """)[0]
        let description = try extra.decode(String?.self, "description")
        let withdrawal = try extra.decode(String?.self, "withdrawn_reason").map { reason in
            ResourceWithdrawal(reason: reason, actor: try extra.decode(String?.self, "withdrawn_by") ?? "",
                               at: try extra.decode(Date?.self, "withdrawn_at") ?? Date(timeIntervalSince1970: 0))
        }
        let area = try await serviceArea(of: id, tx)
        let ledger = try await tx.connection.query("""
            SELECT l.id, l.kind, l.quantity, l.project_id, p.external_id AS project_external_id, l.at, l.actor, l.note
            FROM resource_ledger l LEFT JOIN project p ON p.tenant_id = l.tenant_id AND p.id = l.project_id
            WHERE l.tenant_id = \(tenant) AND l.resource_id = \(id)
            ORDER BY l.id
            """).map { row in
            ResourceLedgerLine(
                id: try row.decode(Int64.self, "id"),
                kind: try LedgerEntry.Kind(parsing: try row.decode(String.self, "kind")),
                measureUnit: resource.measureUnit,
                quantity: try row.decode(Int64.self, "quantity"),
                projectID: try row.decode(Int64?.self, "project_id"),
                projectExternalID: try row.decode(String?.self, "project_external_id"),
                at: try row.decode(Date.self, "at"),
                actor: try row.decode(String.self, "actor"),
                note: try row.decode(String?.self, "note"))
        }
        let holdings = try await tx.connection.query("""
            SELECT p.id, p.external_id, p.title, p.status, a.quantity AS allocated,
                   coalesce((SELECT sum(CASE l.kind WHEN 'drawn' THEN l.quantity ELSE -l.quantity END) FROM resource_ledger l
                             WHERE l.tenant_id = \(tenant) AND l.resource_id = a.resource_id AND l.project_id = a.project_id), 0)::bigint AS held
            FROM project_allocation a JOIN project p ON p.tenant_id = a.tenant_id AND p.id = a.project_id
            WHERE a.tenant_id = \(tenant) AND a.resource_id = \(id)
            ORDER BY p.id
            """).map { row in
            ResourceHolding(
                projectID: try row.decode(Int64.self, "id"),
                projectExternalID: try row.decode(String?.self, "external_id"),
                title: try row.decode(String.self, "title"),
                status: try ProjectStatus(parsing: try row.decode(String.self, "status")),
                measureUnit: resource.measureUnit,
                allocated: try row.decode(Int64.self, "allocated"),
                held: try row.decode(Int64.self, "held"))
        }
        return ResourceDetail(
            resource: resource, description: description, serviceAreaIsDefault: area.isDefault,
            effectiveServiceArea: area.nodes, ledger: ledger, holdings: holdings, withdrawal: withdrawal)
    }
}
