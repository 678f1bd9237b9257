import Foundation
import Postgres
public import Registry

/// The three lists of one district in figures: what `govreg demo` prints, and what the
/// quarterly report will start from.
public struct ListSummary: Sendable, Encodable, Equatable {
    /// Org units by kind (`street`, `community`, `grid` …).
    public var orgUnits: [String: Int]
    public var units: Int
    /// Units with at least one contracted (包联) community, and the communities contracted.
    public var contractingUnits: Int
    public var contractedCommunities: Int
    public var members: Int
    /// Demands by state.
    public var demands: [String: Int]
    /// Resources by measure unit: how many, pledged and remaining (yuan as fen).
    public var resources: [String: ResourceTotals]
    /// Projects by status.
    public var projects: [String: Int]
    /// Items disclosed on each list.
    public var publicDemands: Int
    public var publicResources: Int
    public var publicProjects: Int

    /// One measure unit's resources: how many, pledged and remaining (stored amounts; JSON
    /// carries them in the unit, `"1500.00"` yuan).
    public struct ResourceTotals: Sendable, Encodable, Equatable {
        public var measureUnit: MeasureUnit
        public var count: Int
        public var pledged: Int64
        public var remaining: Int64

        private enum CodingKeys: String, CodingKey { case measureUnit, count, pledged, remaining }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(measureUnit, forKey: .measureUnit)
            try c.encode(count, forKey: .count)
            try c.encode(pledged, in: measureUnit, forKey: .pledged)
            try c.encode(remaining, in: measureUnit, forKey: .remaining)
        }
    }

    /// Reads the figures of `tx`'s tenant.
    ///
    /// Open `tx` read-only at repeatable read, so that the figures are one consistent picture:
    ///
    /// ```swift
    /// let summary = try await database.withTenant(tenant, actor: actor, readOnly: true, isolation: .repeatableRead) { tx in
    ///     try await ListSummary.read(in: tx)
    /// }
    /// ```
    public static func read(in tx: TenantTransaction) async throws -> ListSummary {
        let c = tx.connection, t = tx.tenantID
        func counts(_ sql: SQL) async throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try await c.query(sql) { result[try row.decode(String.self, "key")] = try row.decode(Int.self, "n") }
            return result
        }
        func count(_ sql: SQL) async throws -> Int { try await c.query(sql)[0].decode(Int.self, "n") }
        var resources: [String: ResourceTotals] = [:]
        for row in try await c.query("""
            SELECT measure_unit, count(*) AS n, sum(pledged)::bigint AS pledged, sum(remaining)::bigint AS remaining
            FROM resource WHERE tenant_id = \(t) GROUP BY measure_unit
            """) {
            let unit = try MeasureUnit(parsing: try row.decode(String.self, "measure_unit"))
            resources[unit.rawValue] = ResourceTotals(
                measureUnit: unit, count: try row.decode(Int.self, "n"), pledged: try row.decode(Int64.self, "pledged"),
                remaining: try row.decode(Int64.self, "remaining"))
        }
        return ListSummary(
            orgUnits: try await counts("SELECT kind AS key, count(*) AS n FROM org_unit WHERE tenant_id = \(t) GROUP BY kind"),
            units: try await count("SELECT count(*) AS n FROM unit WHERE tenant_id = \(t)"),
            contractingUnits: try await count("SELECT count(DISTINCT unit_id) AS n FROM unit_community WHERE tenant_id = \(t)"),
            contractedCommunities: try await count("SELECT count(DISTINCT org_unit_id) AS n FROM unit_community WHERE tenant_id = \(t)"),
            members: try await count("SELECT count(*) AS n FROM duty_registration WHERE tenant_id = \(t)"),
            demands: try await counts("SELECT state AS key, count(*) AS n FROM demand WHERE tenant_id = \(t) GROUP BY state"),
            resources: resources,
            projects: try await counts("SELECT status AS key, count(*) AS n FROM project WHERE tenant_id = \(t) GROUP BY status"),
            publicDemands: try await count("SELECT count(*) AS n FROM public_demand WHERE tenant_id = \(t)"),
            publicResources: try await count("SELECT count(*) AS n FROM public_resource WHERE tenant_id = \(t)"),
            publicProjects: try await count("SELECT count(*) AS n FROM public_project WHERE tenant_id = \(t)"))
    }
}
