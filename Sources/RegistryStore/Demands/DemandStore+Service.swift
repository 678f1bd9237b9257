import Foundation
import Postgres
import Registry

extension DemandStore {
    /// How far live projects serve each of these demands (``DemandService``), by demand id.
    static func service(of demands: [Int64], _ tx: TenantTransaction) async throws -> [Int64: DemandService] {
        guard !demands.isEmpty else { return [:] }
        let rows = try await tx.connection.query("""
            SELECT d.id, d.quantity, d.measure_unit, coalesce(s.served, 0) AS served, coalesce(s.served_whole, false) AS served_whole,
                   coalesce(s.open_projects, 0) AS open_projects
            FROM demand d LEFT JOIN demand_service s ON s.tenant_id = d.tenant_id AND s.demand_id = d.id
            WHERE d.tenant_id = \(tx.tenantID) AND d.id = ANY(\(demands))
            """)
        var service: [Int64: DemandService] = [:]
        for row in rows {
            service[try row.decode(Int64.self, "id")] = DemandService(
                quantity: try row.decode(Int64.self, "quantity"), measureUnit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                served: try row.decode(Int64.self, "served"),
                servedWhole: try row.decode(Bool.self, "served_whole"), openProjects: try row.decode(Int.self, "open_projects"))
        }
        return service
    }

    /// Records a change of a demand's unmet remainder in its history (no change of state).
    static func recordRemainder(_ demand: Int64, note: String, _ tx: TenantTransaction) async throws {
        try await tx.connection.execute("""
            INSERT INTO demand_event (tenant_id, demand_id, kind, actor, note, visibility)
            VALUES (\(tx.tenantID), \(demand), 'remainder', \(try ActorID(tx.actor).rawValue), \(note), 'internal')
            """)
    }

    /// The SQL condition "the demand `alias` of `tenant` is in a project with part of it unmet".
    /// The view is matched on the district's own parameter, not on the outer row's district:
    /// only so does Citus route the subquery to the district's shard.
    static func hasUnmetRemainder(_ alias: String, tenant: UUID) -> SQL {
        """
        (\(identifier: alias).state = 'in_project' AND EXISTS (
            SELECT 1 FROM demand_service s WHERE s.tenant_id = \(tenant) AND s.demand_id = \(identifier: alias).id
                AND NOT s.served_whole AND s.served < \(identifier: alias).quantity))
        """
    }
}
