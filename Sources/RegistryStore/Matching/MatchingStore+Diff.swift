import Foundation
import Postgres
public import Registry

/// How two runs differ (`govreg match diff`): inputs, weights, figures and allocations.
public struct MatchingRunDiff: Sendable, Hashable, Codable {
    public var first: MatchingRunRecord
    public var second: MatchingRunRecord
    /// Whether both runs read the same input (same fingerprint).
    public var sameInput: Bool
    public var sameWeights: Bool
    /// Allocations (by demand and resource) in both with the same quantity.
    public var unchanged: Int
    public var added: Int
    public var removed: Int
    public var changed: Int
    /// The differing allocations, by demand then resource, up to the limit asked for.
    public var changes: [MatchingAllocationChange]
}

/// One allocation that differs between two runs.
public struct MatchingAllocationChange: Sendable, Hashable, Codable {
    public var demand: String
    public var resource: String
    public var measureUnit: MeasureUnit
    /// The quantity in the first and the second run; `nil` where the run has no such allocation.
    public var first: Int64?
    public var second: Int64?
}

extension MatchingStore {
    /// Compares two runs of a tenant.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown run.
    public static func diff(_ first: Int64, _ second: Int64, limit: Int = 50, in tx: TenantTransaction) async throws -> MatchingRunDiff {
        let a = try await Self.run(first, tx), b = try await Self.run(second, tx)
        let pairs: SQL = """
            FROM (SELECT demand_id, resource_id, quantity FROM matching_allocation_row WHERE tenant_id = \(tx.tenantID) AND run_id = \(first)) x
            FULL JOIN (SELECT demand_id, resource_id, quantity FROM matching_allocation_row WHERE tenant_id = \(tx.tenantID) AND run_id = \(second)) y
              ON x.demand_id = y.demand_id AND x.resource_id = y.resource_id
            """
        var counts: SQL = """
            SELECT count(*) FILTER (WHERE x.quantity = y.quantity) AS unchanged, count(*) FILTER (WHERE x.quantity IS NULL) AS added,
                   count(*) FILTER (WHERE y.quantity IS NULL) AS removed, count(*) FILTER (WHERE x.quantity <> y.quantity) AS changed
            """
        counts.append(" ")
        counts.append(pairs)
        let totals = try await tx.connection.query(counts)[0]
        var listing: SQL = """
            SELECT coalesce(d.external_id, '#' || d.id) AS demand, coalesce(r.external_id, '#' || r.id) AS resource, r.measure_unit,
                   x.quantity AS first, y.quantity AS second
            """
        listing.append(" ")
        listing.append(pairs)
        listing.append("""
             JOIN demand d ON d.tenant_id = \(tx.tenantID) AND d.id = coalesce(x.demand_id, y.demand_id)
             JOIN resource r ON r.tenant_id = \(tx.tenantID) AND r.id = coalesce(x.resource_id, y.resource_id)
            WHERE x.quantity IS DISTINCT FROM y.quantity
            ORDER BY d.id, r.id LIMIT \(max(0, limit))
            """)
        let changes = try await tx.connection.query(listing).map { row in
            MatchingAllocationChange(
                demand: try row.decode(String.self, "demand"), resource: try row.decode(String.self, "resource"),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                first: try row.decode(Int64?.self, "first"), second: try row.decode(Int64?.self, "second"))
        }
        return MatchingRunDiff(
            first: a, second: b, sameInput: a.fingerprint == b.fingerprint, sameWeights: a.weights == b.weights,
            unchanged: try totals.decode(Int.self, "unchanged"), added: try totals.decode(Int.self, "added"),
            removed: try totals.decode(Int.self, "removed"), changed: try totals.decode(Int.self, "changed"), changes: changes)
    }
}
