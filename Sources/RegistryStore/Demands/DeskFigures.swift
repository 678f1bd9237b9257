import Foundation
import Postgres
public import Registry

/// What the console's dashboard counts at a glance: demands by state and by the level that
/// must act (吹哨), overdue open demands, and projects by status. Two statements, each one
/// pass over the tenant's rows.
public struct DeskFigures: Sendable, Hashable {
    public var demandsByState: [DemandState: Int] = [:]
    /// Open demands by the level they are at.
    public var openByLevel: [EscalationLevel: Int] = [:]
    /// Open demands past their due day.
    public var overdue = 0
    public var projectsByStatus: [ProjectStatus: Int] = [:]

    public var openDemands: Int { demandsByState.filter { $0.key.isOpen }.values.reduce(0, +) }

    /// The figures of the transaction's tenant, counted on its "today".
    public static func read(in tx: TenantTransaction) async throws -> DeskFigures {
        var figures = DeskFigures()
        let today = try tx.today()
        let open = DemandState.allCases.filter(\.isOpen).map(\.rawValue)
        for row in try await tx.connection.query("""
            SELECT state, escalation_level, count(*) AS n, count(*) FILTER (WHERE due_on < \(today.description)::date) AS overdue
            FROM demand WHERE tenant_id = \(tx.tenantID) GROUP BY state, escalation_level
            """) {
            guard let state = DemandState(rawValue: try row.decode(String.self, "state")),
                  let level = EscalationLevel(rawValue: try row.decode(String.self, "escalation_level")) else { continue }
            let count = try row.decode(Int.self, "n")
            figures.demandsByState[state, default: 0] += count
            if open.contains(state.rawValue) {
                figures.openByLevel[level, default: 0] += count
                figures.overdue += try row.decode(Int.self, "overdue")
            }
        }
        for row in try await tx.connection.query("SELECT status, count(*) AS n FROM project WHERE tenant_id = \(tx.tenantID) GROUP BY status") {
            if let status = ProjectStatus(rawValue: try row.decode(String.self, "status")) {
                figures.projectsByStatus[status] = try row.decode(Int.self, "n")
            }
        }
        return figures
    }
}
