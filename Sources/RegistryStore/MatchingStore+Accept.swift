public import Foundation
import Postgres
import Registry

extension MatchingStore {
    /// Accepts a run (or some of its allocations) into the project list, in one transaction:
    /// one planned project per demand served, with its allocations drawn from the resources
    /// and the demand moved accepted → in project with a public event.
    ///
    /// First it locks the run (a second admin accepting the same run waits, then is refused),
    /// then the demands and resources involved, in id order, and checks that the lists still
    /// allow every accepted allocation. If any does not, it refuses with every conflict named
    /// and nothing is written.
    ///
    /// - Parameter only: Allocation numbers to accept (as `match show` prints them); `nil` for all.
    /// - Throws: ``MatchingConflict`` when the lists changed; ``RegistryStoreError`` `.conflict`
    ///   for a run already accepted, `.notFound` for an unknown run, `.invalid` for numbers
    ///   the run does not have.
    @discardableResult
    public func accept(_ run: Int64, only: [Int]? = nil, tenant: UUID, actor: String) async throws -> MatchingAcceptance {
        try await database.withTenant(tenant, actor: actor) { tx in
            let record = try await Self.run(run, tx, lock: true)
            guard record.status == "proposed" else {
                let when = record.acceptedAt.map { " \($0.formatted(.iso8601))" } ?? ""
                throw RegistryStoreError.conflict("匹配运行 #\(run) 已被接受 already accepted by \(record.acceptedBy ?? "?")\(when)")
            }
            let plan = try await MatchingAcceptancePlan.load(run: run, only: only, tx)
            let conflicts = plan.conflicts()
            guard conflicts.isEmpty else { throw MatchingConflict(conflicts: conflicts) }
            let projects = try await plan.apply(run: run, tx)
            try await tx.connection.execute("""
                UPDATE matching_run SET status = 'accepted', accepted_by = current_actor(), accepted_at = now()
                WHERE tenant_id = \(tx.tenantID) AND id = \(run)
                """)
            return MatchingAcceptance(
                run: run, acceptedAllocations: plan.allocations.count, declinedAllocations: record.allocations - plan.allocations.count,
                projects: projects, demands: plan.demands.count, drawn: plan.drawn)
        }
    }
}
