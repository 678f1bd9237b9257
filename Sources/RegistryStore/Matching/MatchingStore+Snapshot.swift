import ListMatching
import Postgres
import Registry

extension MatchingStore {
    /// What a run reads, in four set-based queries: the hierarchy, the accepted demands (and
    /// the unmet remainders of demands a project serves in part, at their remaining quantity),
    /// the available resources with their service areas, and the units' contracts.
    ///
    /// With `pairs` (demand and resource ids), those rows whatever their state: what
    /// acceptance checks eligibility on again.
    static func snapshot(category: String?, pairs: (demands: [Int64], resources: [Int64])? = nil, _ tx: TenantTransaction) async throws -> MatchingSnapshot {
        let tenant = tx.tenantID
        // The accepted demands, and those in a project with part of them unmet: a run sees
        // only what no live project serves yet (DemandService).
        let demandFilter: SQL = pairs.map { "d.id = ANY(\($0.demands))" }
            ?? "(d.state = 'accepted' OR \(DemandStore.hasUnmetRemainder("d", tenant: tenant))) AND (\(category)::text IS NULL OR d.category_code = \(category))"
        let resourceFilter: SQL = pairs.map { "r.id = ANY(\($0.resources))" }
            ?? "r.status = 'available' AND r.remaining > 0 AND (\(category)::text IS NULL OR r.category_code = \(category))"
        let orgUnits = try await tx.connection.query("SELECT id, parent_id, kind FROM org_unit WHERE tenant_id = \(tenant)").map { row in
            OrgNode(id: try row.decode(at: 0), parent: try row.decode(at: 1), kind: try OrgUnitKind(parsing: try row.decode(String.self, at: 2)))
        }
        var demandSQL: SQL = """
            SELECT d.id, d.category_code, d.org_unit_id,
                   -- What live projects already serve (the view demand_service, the one
                   -- definition) is looked up only for a demand in a project: the demand's key
                   -- is pushed into the view's grouping, so it is an index lookup, never an
                   -- aggregate over the whole district.
                   CASE WHEN d.state = 'in_project' THEN d.quantity - coalesce((
                       SELECT s.served FROM demand_service s WHERE s.tenant_id = \(tenant) AND s.demand_id = d.id), 0)
                   ELSE d.quantity END,
                   d.measure_unit, d.priority, extract(epoch FROM d.filed_at)::bigint,
                   -- the zone the transaction read, as a value (district_time_zone() would
                   -- read tenant from inside the shard's query on Citus)
                   (d.filed_at AT TIME ZONE \(tx.timeZone)::text)::date - DATE '1970-01-01', d.due_on - DATE '1970-01-01'
            FROM demand d
            WHERE d.tenant_id = \(tenant) AND
            """
        demandSQL.append(" ")
        demandSQL.append(demandFilter)
        let demands = try await tx.connection.query(demandSQL).map { row in
            CandidateDemand(
                id: try row.decode(at: 0), category: try row.decode(at: 1), orgUnit: try row.decode(at: 2), quantity: try row.decode(at: 3),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, at: 4)), priority: try row.decode(at: 5),
                // Dates as day numbers: parsing 200,000 date texts was a visible share of a large run's load.
                filedAt: try row.decode(at: 6), filedOn: CivilDate(daysSince1970: try row.decode(Int.self, at: 7)),
                dueOn: try row.decode(Int?.self, at: 8).map { CivilDate(daysSince1970: $0) })
        }
        var resourceSQL: SQL = """
            SELECT r.id, r.unit_id, r.category_code, r.measure_unit, r.remaining, r.unit_cost_fen,
                   r.available_from - DATE '1970-01-01', r.available_until - DATE '1970-01-01',
                   coalesce(array_agg(a.org_unit_id ORDER BY a.org_unit_id) FILTER (WHERE a.org_unit_id IS NOT NULL), '{}')
            FROM resource r
            LEFT JOIN resource_service_area a ON a.tenant_id = r.tenant_id AND a.resource_id = r.id
            WHERE r.tenant_id = \(tenant) AND
            """
        resourceSQL.append(" ")
        resourceSQL.append(resourceFilter)
        resourceSQL.append(" GROUP BY r.tenant_id, r.id")
        let resources = try await tx.connection.query(resourceSQL).map { row in
            CandidateResource(
                id: try row.decode(at: 0), unit: try row.decode(at: 1), category: try row.decode(at: 2),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, at: 3)), remaining: try row.decode(at: 4),
                unitCostFen: try row.decode(at: 5), availableFrom: try row.decode(Int?.self, at: 6).map { CivilDate(daysSince1970: $0) },
                availableUntil: try row.decode(Int?.self, at: 7).map { CivilDate(daysSince1970: $0) }, serviceArea: try row.decode(at: 8))
        }
        var contracts: [Int64: [Int64]] = [:]
        for row in try await tx.connection.query("SELECT unit_id, org_unit_id FROM unit_community WHERE tenant_id = \(tenant)") {
            contracts[try row.decode(Int64.self, at: 0), default: []].append(try row.decode(at: 1))
        }
        return MatchingSnapshot(orgUnits: orgUnits, demands: demands, resources: resources, contracts: contracts)
    }
}
