import Foundation
import Postgres
public import Registry

extension DemandStore {
    /// Hands every demand of the tenant to `body`, a page at a time, oldest first.
    ///
    /// One read-only, repeatable-read transaction: the pages together are one consistent
    /// picture even while others file or move demands, and memory stays one page.
    ///
    /// - Parameters:
    ///   - pageSize: Rows per call of `body`.
    ///   - body: Receives each page.
    public static func export(
        pageSize: Int = 10_000, in tx: TenantTransaction, _ body: ([DemandExportRow]) async throws -> Void
    ) async throws {
        var after: Int64 = 0
        while true {
            let rows = try await tx.connection.query("""
                SELECT \(DemandExportRow.columns(zone: tx.timeZone))
                FROM demand d JOIN org_unit o ON o.tenant_id = d.tenant_id AND o.id = d.org_unit_id
                WHERE d.tenant_id = \(tx.tenantID) AND d.id > \(after)
                ORDER BY d.id LIMIT \(max(1, pageSize))
                """).map(DemandExportRow.init)
            guard let last = rows.last else { return }
            try await body(rows)
            after = last.id.rawValue
        }
    }

    /// Hands every disclosed demand to `body`, with its public history, a page at a time.
    ///
    /// Reads only the disclosure views (`public_demand`, `public_demand_history`), so
    /// nothing that is not meant for residents can reach the output.
    public static func exportPublic(
        pageSize: Int = 5_000, in tx: TenantTransaction, _ body: ([PublicDemand]) async throws -> Void
    ) async throws {
        var after: Int64 = 0
        while true {
            let page = try await Self.publicDemands(
                "p.id > \(after) ORDER BY p.id LIMIT \(max(1, pageSize))", tx)
            guard let last = page.last else { return }
            try await body(page)
            after = last.id.rawValue
        }
    }

    /// One demand as residents see it, with its public history.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` unless the demand exists, is
    ///   disclosed and is not a draft.
    public static func publicDemand(_ id: DemandID, in tx: TenantTransaction) async throws -> PublicDemand {
        guard let found = try await Self.publicDemands("p.id = \(id.rawValue)", tx).first else {
            throw Self.notFound(id)
        }
        return found
    }

    /// Disclosed demands matching `condition` (over `public_demand p`, with its ORDER BY
    /// and LIMIT), each with its collapsed public history.
    private static func publicDemands(_ condition: SQL, _ tx: TenantTransaction) async throws -> [PublicDemand] {
        let rows = try await tx.connection.query(
            "SELECT \(unsafeRaw: PublicDemand.columns) FROM public_demand p WHERE p.tenant_id = \(tx.tenantID) AND "
                + condition)
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(Int64.self, "id") }
        let events = try await tx.connection.query("""
            SELECT demand_id, at, public_status, note FROM public_demand_history
            WHERE tenant_id = \(tx.tenantID) AND demand_id = ANY(\(ids))
            ORDER BY demand_id, at, id
            """)
        var byDemand: [Int64: [(status: PublicStatus, at: Date, note: String?)]] = [:]
        for event in events {
            byDemand[try event.decode(Int64.self, "demand_id"), default: []].append((
                try PublicStatus(parsing: try event.decode(String.self, "public_status")),
                try event.decode(Date.self, "at"), try event.decode(String?.self, "note")))
        }
        return try rows.map { row in
            let id = try row.decode(Int64.self, "id")
            return try PublicDemand(row, history: PublicDemand.history(byDemand[id] ?? []))
        }
    }
}
