public import Foundation
import ListMatching
import Matching
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
    ///
    /// Owns its transaction, so it takes the database rather than a transaction: a
    /// deadlock or serialization failure rolls the whole acceptance back and it is tried
    /// again in a new transaction.
    @discardableResult
    public static func accept(
        _ run: Int64, only: [Int]? = nil, on database: RegistryDatabase, tenant: UUID, actor: String
    ) async throws -> MatchingAcceptance {
        // A deadlock or serialization failure with a concurrent change rolled everything
        // back; the acceptance is tried again from the start (its checks run again).
        for attempt in 1... {
            do {
                return try await database.withTenant(tenant, actor: actor) { tx in try await acceptOnce(run, only: only, in: tx) }
            } catch let error as PostgresError where error.isRetryableTransactionFailure && attempt < 3 {
                continue
            }
        }
        preconditionFailure("unreachable")
    }

    private static func acceptOnce(_ run: Int64, only: [Int]?, in tx: TenantTransaction) async throws -> MatchingAcceptance {
        let record = try await Self.run(run, tx, lock: true)
        guard record.status == "proposed" else {
            let when = record.acceptedAt.map { " \($0.formatted(.iso8601))" } ?? ""
            throw RegistryStoreError.conflict("匹配运行 #\(run) 已被接受 already accepted by \(record.acceptedBy ?? "?")\(when)")
        }
        let plan = try await MatchingAcceptancePlan.load(run: run, only: only, tx)
        let conflicts = plan.conflicts() + (try await Self.ineligible(plan, weights: record.weights, tx))
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

    /// The accepted allocations whose demand and resource the district's rules (and the
    /// enabled modules' rules) no longer pair: a category, unit of measure, place, service
    /// area or availability window changed since the run.
    static func ineligible(_ plan: MatchingAcceptancePlan, weights: MatchingWeights, _ tx: TenantTransaction) async throws -> [String] {
        let snapshot = try await snapshot(category: nil, pairs: (Array(plan.demands.keys), Array(plan.resources.keys)), tx)
        let problem = try MatchingNetwork(weights: weights).problem(from: snapshot, rules: try await rules(for: snapshot, tx))
        var eligible = Set<[Int64]>()
        for category in problem.categories {
            for arc in 0..<category.arcs.count {
                let resource = category.resources[Int(category.arcs.resources[arc])].id
                let demand = category.demands[Int(category.arcs.demands[arc])].id
                eligible.insert([rowID(resource), rowID(demand)])
            }
        }
        return plan.allocations.filter { !eligible.contains([$0.resource, $0.demand]) && plan.demands[$0.demand] != nil && plan.resources[$0.resource] != nil }
            .map { allocation in
                "需求 demand \(plan.demands[allocation.demand]!.name) 与资源 resource \(plan.resources[allocation.resource]!.name) 已不再符合匹配条件 "
                    + "no longer eligible (category, unit of measure, place, service area or availability changed since the run)"
            }
    }
}
