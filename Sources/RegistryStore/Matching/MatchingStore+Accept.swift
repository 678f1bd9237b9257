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
    ///
    /// - Parameter dryRun: Do everything, list the projects it would make, then roll back.
    @discardableResult
    public static func accept(
        _ run: Int64, only: [Int]? = nil, dryRun: Bool = false, on database: RegistryDatabase, tenant: UUID, actor: String
    ) async throws -> MatchingAcceptance {
        let started = ContinuousClock.now
        let acceptance = try await acceptRetrying(run, only: only, dryRun: dryRun, on: database, tenant: tenant, actor: actor)
        database.figures.matchingAccepted(ContinuousClock.now - started, dryRun: dryRun)
        return acceptance
    }

    private static func acceptRetrying(
        _ run: Int64, only: [Int]?, dryRun: Bool, on database: RegistryDatabase, tenant: UUID, actor: String
    ) async throws -> MatchingAcceptance {
        // A deadlock or serialization failure with a concurrent change rolled everything
        // back; the acceptance is tried again from the start (its checks run again).
        for attempt in 1... {
            do {
                return try await database.withTenant(tenant, actor: actor) { tx in
                    var acceptance = try await acceptOnce(run, only: only, in: tx)
                    // A dry run wrote everything, so every check ran; the rollback undoes it.
                    if dryRun {
                        acceptance.dryRun = true
                        throw AcceptanceDryRun(acceptance: acceptance)
                    }
                    return acceptance
                }
            } catch let finished as AcceptanceDryRun {
                return finished.acceptance
            } catch let error as PostgresError where error.isRetryableTransactionFailure && attempt < 3 {
                continue
            }
        }
        preconditionFailure("unreachable")
    }

    /// Discards a proposed run that will not be accepted: it stays on record, with who
    /// discarded it and when, and can no longer be accepted.
    ///
    /// - Throws: ``RegistryStoreError`` `.conflict` for a run accepted or discarded already,
    ///   `.notFound` for an unknown run.
    public static func discard(_ run: Int64, in tx: TenantTransaction) async throws -> MatchingRunRecord {
        let record = try await Self.run(run, tx, lock: true)
        guard record.status == "proposed" else {
            throw RegistryStoreError.conflict("匹配运行 #\(run) 为「\(record.status)」，只能舍弃待审核的运行 only a proposed run can be discarded; this one is \(record.status)")
        }
        try await tx.connection.execute("""
            UPDATE matching_run SET status = 'discarded', discarded_by = current_actor(), discarded_at = now()
            WHERE tenant_id = \(tx.tenantID) AND id = \(run)
            """)
        return try await Self.run(run, tx, lock: false)
    }

    /// Discards every proposed run recorded before `before` (those left waiting), oldest
    /// first; returns their numbers.
    public static func discardProposed(before: Date, in tx: TenantTransaction) async throws -> [Int64] {
        try await tx.connection.query("""
            UPDATE matching_run SET status = 'discarded', discarded_by = current_actor(), discarded_at = now()
            WHERE tenant_id = \(tx.tenantID) AND status = 'proposed' AND created_at < \(before)
            RETURNING id
            """).map { try $0.decode(Int64.self, "id") }.sorted()
    }

    private static func acceptOnce(_ run: Int64, only: [Int]?, in tx: TenantTransaction) async throws -> MatchingAcceptance {
        let record = try await Self.run(run, tx, lock: true)
        guard record.status == "proposed" else {
            if record.status == "discarded" {
                throw RegistryStoreError.conflict("匹配运行 #\(run) 已舍弃，不能接受 was discarded and cannot be accepted: run matching again")
            }
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
        let created = try await tx.connection.query("""
            SELECT p.external_id, p.title, u.name AS unit, p.description FROM project p
            JOIN unit u ON u.tenant_id = p.tenant_id AND u.id = p.responsible_unit_id
            WHERE p.tenant_id = \(tx.tenantID) AND p.id = ANY(\(projects.map(\.id))) ORDER BY p.id
            """).map { row in
            AcceptedProject(externalID: try row.decode(String.self, "external_id"), title: try row.decode(String.self, "title"),
                            unit: try row.decode(String.self, "unit"), description: try row.decode(String?.self, "description") ?? "")
        }
        return MatchingAcceptance(
            run: run, acceptedAllocations: plan.allocations.count, declinedAllocations: record.allocations - plan.allocations.count,
            projects: projects.map(\.externalID), created: created, demands: plan.demands.count, drawn: plan.drawn)
    }

    /// The accepted allocations whose demand and resource the district's rules (and the
    /// enabled modules' rules) no longer pair: a category, unit of measure, place, service
    /// area or availability window changed since the run.
    static func ineligible(_ plan: MatchingAcceptancePlan, weights: MatchingWeights, _ tx: TenantTransaction) async throws -> [String] {
        let snapshot = try await snapshot(category: nil, pairs: (Array(plan.demands.keys), Array(plan.resources.keys)), tx)
        let problem = try MatchingNetwork(weights: weights).problem(from: snapshot, rules: try await rules(for: snapshot, tx))
        // The accepted pairs the rules still allow, found by walking the arcs once (a set of
        // the accepted pairs, not of every eligible arc: a large run has 64,000 of the first
        // and 1.4 million of the second).
        let accepted = Set(plan.allocations.map { AcceptedPair(resource: $0.resource, demand: $0.demand) })
        var eligible = Set<AcceptedPair>()
        for category in problem.categories {
            for arc in 0..<category.arcs.count {
                let pair = AcceptedPair(resource: rowID(category.resources[Int(category.arcs.resources[arc])].id),
                                        demand: rowID(category.demands[Int(category.arcs.demands[arc])].id))
                if accepted.contains(pair) { eligible.insert(pair) }
            }
        }
        return plan.allocations
            .filter { !eligible.contains(AcceptedPair(resource: $0.resource, demand: $0.demand)) && plan.demands[$0.demand] != nil && plan.resources[$0.resource] != nil }
            .map { allocation in
                "需求 demand \(plan.demands[allocation.demand]!.name) 与资源 resource \(plan.resources[allocation.resource]!.name) 已不再符合匹配条件 "
                    + "no longer eligible (category, unit of measure, place, service area or availability changed since the run)"
            }
    }
}

/// An allocation's resource and demand, as a set's key.
private struct AcceptedPair: Hashable {
    var resource: Int64
    var demand: Int64
}

/// Carries a dry run's result out of its transaction, which rolls back.
private struct AcceptanceDryRun: Error {
    var acceptance: MatchingAcceptance
}
