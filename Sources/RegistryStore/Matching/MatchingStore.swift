public import Foundation
public import ListMatching
import Matching
import Postgres
import Registry

/// Matching runs (供需匹配): read the demand and resource lists, solve them with the engine,
/// record the run for review, compare runs, and accept one into the project list.
///
/// A run reads its lists in one repeatable-read snapshot, solves outside any transaction
/// (the engine is CPU-bound and holds no connection), then records everything in one
/// transaction: the run row, its allocations and one explanation per demand, in batches.
/// So ``run(_:on:tenant:actor:)`` owns its transactions, and so does
/// ``accept(_:only:on:tenant:actor:)``, which retries its transaction after a deadlock.
///
/// A store function that takes `in tx: TenantTransaction` runs inside its caller's
/// transaction; a caller opens that transaction with
/// `database.withTenant(tenant, actor:, readOnly:, isolation:)` (see
/// ``RegistryDatabase/withTenant(_:actor:readOnly:isolation:_:)``).
///
/// ```swift
/// let run = try await MatchingStore.run(MatchingRequest(), on: database, tenant: langao, actor: "cli:root")
/// let detail = try await database.withTenant(langao, actor: "cli:root", readOnly: true) { tx in
///     try await MatchingStore.show(run.id!, in: tx)
/// }
/// try await MatchingStore.accept(run.id!, on: database, tenant: langao, actor: "cli:admin")
/// ```
public enum MatchingStore {
    /// Runs the matching for a tenant and, unless it is a dry run, records it.
    ///
    /// Owns its transactions, so it takes the database rather than a transaction: the lists
    /// are read in one read-only repeatable-read snapshot, the engine solves outside any
    /// transaction, and the run is recorded in a second transaction.
    ///
    /// - Throws: ``RegistryStoreError`` for an unknown category or tenant; ``MatchingError``
    ///   if the engine refuses the input (a bug in the model, since the lists are validated).
    public static func run(
        _ request: MatchingRequest, on database: RegistryDatabase, tenant: UUID, actor: String
    ) async throws -> MatchingRunRecord {
        let clock = ContinuousClock()
        let started = clock.now
        let (snapshot, weights, category, rules) = try await database.withTenant(tenant, actor: actor, readOnly: true, isolation: .repeatableRead) { tx in
            var category: String?
            if let name = request.category { category = try await Self.categoryCode(name, tx) }
            var weights = request.weights
            if weights == nil { weights = try await Self.storedWeights(tx) }
            let snapshot = try await Self.snapshot(category: category, tx)
            return (snapshot, weights!, category, try await Self.rules(for: snapshot, tx))
        }
        let loaded = clock.now
        let (fingerprint, solution, network) = try await Self.solve(snapshot, weights: weights, rules: rules, threads: request.threads)
        let solved = clock.now
        database.figures.matchingSolved(solved - loaded)
        var record = MatchingRunRecord(
            id: nil, category: category, weights: weights, fingerprint: fingerprint, status: "proposed",
            demands: solution.summary.demands, resources: solution.summary.resources, arcs: solution.summary.arcs,
            allocations: solution.summary.assignments,
            demandsServed: solution.summary.fullyServed + solution.summary.partlyServed, demandsFilled: solution.summary.fullyServed, weightedSatisfaction: solution.summary.weightedSatisfaction,
            cost: solution.summary.cost, statistics: solution.statistics,
            timings: MatchingTimings(
                load: Self.seconds(loaded - started), network: Self.seconds(network),
                solve: Self.seconds(solved - loaded - network), record: 0),
            actor: actor)
        guard !request.dryRun else { return record }
        return try await database.withTenant(tenant, actor: actor) { tx in
            record.id = try await Self.record(record, solution, tx)
            // Recording's own time, up to the commit, goes in with the run.
            record.timings.record = Self.seconds(clock.now - solved)
            try await tx.connection.execute("""
                UPDATE matching_run SET timings = \(JSONDocument(record.timings)) WHERE tenant_id = \(tx.tenantID) AND id = \(record.id)
                """)
            return record
        }
    }

    /// The tenant's weights: stored ones, or the defaults.
    public static func weights(in tx: TenantTransaction) async throws -> MatchingWeights {
        try await Self.storedWeights(tx)
    }

    /// Stores the tenant's weights (`nil`: back to the defaults).
    public static func setWeights(_ weights: MatchingWeights?, in tx: TenantTransaction) async throws {
        if let weights {
            try await tx.connection.execute("""
                INSERT INTO matching_weights (tenant_id, weights) VALUES (\(tx.tenantID), \(JSONDocument(weights)))
                ON CONFLICT (tenant_id) DO UPDATE SET weights = EXCLUDED.weights, updated_at = EXCLUDED.updated_at, actor = EXCLUDED.actor
                """)
        } else {
            try await tx.connection.execute("DELETE FROM matching_weights WHERE tenant_id = \(tx.tenantID)")
        }
    }

    // MARK: - Shared

    /// The matching rules of the modules enabled for the tenant, in module id order.
    static func rules(for snapshot: MatchingSnapshot, _ tx: TenantTransaction) async throws -> [any MatchingRule] {
        let adjustments = tx.modules.modules.flatMap { module in
            module.contributions.compactMap { $0 as? any MatchingAdjustment }.map { (module.id, $0) }
        }
        guard !adjustments.isEmpty else { return [] }
        let enabled = try await ModuleStore.enabledSettings(tx)
        var rules: [any MatchingRule] = []
        for (id, adjustment) in adjustments {
            guard let settings = enabled[id] else { continue }
            rules.append(try await adjustment.prepare(settings: settings, snapshot: snapshot, in: tx))
        }
        return rules
    }

    static func storedWeights(_ tx: TenantTransaction) async throws -> MatchingWeights {
        let rows = try await tx.connection.query("SELECT weights::text AS weights FROM matching_weights WHERE tenant_id = \(tx.tenantID)")
        guard let text = try rows.first?.decode(String.self, "weights") else { return .defaults }
        return try MatchingWeights(json: Data(text.utf8))
    }

    /// The code of the category named `text` (code, Chinese or English name).
    static func categoryCode(_ text: String, _ tx: TenantTransaction) async throws -> String {
        guard let code = try await ResourceStore.categoryCodes(tx)[ResourceStore.categoryKey(text)] else {
            throw RegistryStoreError.notFound(kind: "category 类别", key: text)
        }
        return code
    }

    /// Builds the network, fingerprints it and solves it on a thread of its own: the engine
    /// blocks while it works, which must not hold up Swift's cooperative pool. Returns the
    /// fingerprint, the solution and how long building and fingerprinting took.
    static func solve(
        _ snapshot: MatchingSnapshot, weights: MatchingWeights, rules: [any MatchingRule], threads: Int?
    ) async throws -> (String, Solution, Duration) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    let clock = ContinuousClock(), start = clock.now
                    let problem = try MatchingNetwork(weights: weights).problem(from: snapshot, rules: rules)
                    let fingerprint = try problem.fingerprint()
                    let built = clock.now
                    return (fingerprint, try Solver.solve(problem, options: .init(threads: threads)), built - start)
                })
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
