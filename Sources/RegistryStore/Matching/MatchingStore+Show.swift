import Foundation
import ListMatching
import Matching
import Postgres
import Registry

extension MatchingStore {
    /// The tenant's runs, newest first.
    public static func runs(limit: Int = 20, in tx: TenantTransaction) async throws -> [MatchingRunRecord] {
        try await tx.connection.query("\(Self.runColumns) WHERE tenant_id = \(tx.tenantID) ORDER BY id DESC LIMIT \(max(1, limit))")
            .map(Self.runRecord)
    }

    /// A run with its demands, allocations and explanations: the first `limit` served demands
    /// (by category, then id), the `unservedLimit` most urgent unserved ones, the summary by
    /// community over the whole run and by unit for the `unitLimit` units drawn on most.
    ///
    /// - Throws: ``RegistryStoreError/notFound(kind:key:)`` for an unknown run.
    public static func show(
        _ run: Int64, limit: Int = 20, unservedLimit: Int = 10, unitLimit: Int = 20, in tx: TenantTransaction
    ) async throws -> MatchingRunDetail {
        let record = try await Self.run(run, tx)
        let served = try await Self.demandLines(run, served: true, limit: limit, tx)
        let unserved = try await Self.demandLines(run, served: false, limit: unservedLimit, tx)
        let units = try await Self.unitSummaries(run, tx)
        return MatchingRunDetail(
            run: record, served: served, moreServed: max(0, record.demandsServed - served.count),
            unserved: unserved, moreUnserved: max(0, record.demands - record.demandsServed - unserved.count),
            byCommunity: try await Self.communitySummaries(run, tx), byUnit: Array(units.prefix(max(0, unitLimit))),
            moreUnits: max(0, units.count - max(0, unitLimit)))
    }

    // MARK: - Reading runs

    static let runColumns: SQL = """
        SELECT id, category_code, weights::text AS weights, fingerprint, status, demands, resources, arcs, allocations,
               demands_served, demands_filled, weighted_satisfaction, cost, statistics::text AS statistics,
               timings::text AS timings, actor, created_at, accepted_by, accepted_at
        FROM matching_run
        """

    static func run(_ id: Int64, _ tx: TenantTransaction, lock: Bool = false) async throws -> MatchingRunRecord {
        var sql = runColumns
        sql.append(" WHERE tenant_id = \(tx.tenantID) AND id = \(id)")
        if lock { sql.append(" FOR UPDATE") }
        guard let row = try await tx.connection.query(sql).first else {
            throw RegistryStoreError.notFound(kind: "matching run 匹配运行", key: "#\(id)")
        }
        return try runRecord(row)
    }

    static func runRecord(_ row: Row) throws -> MatchingRunRecord {
        let decoder = JSONDecoder()
        return MatchingRunRecord(
            id: try row.decode(Int64.self, "id"), category: try row.decode(String?.self, "category_code"),
            weights: try MatchingWeights(json: Data(try row.decode(String.self, "weights").utf8)),
            fingerprint: try row.decode(String.self, "fingerprint"), status: try row.decode(String.self, "status"),
            demands: try row.decode(Int.self, "demands"), resources: try row.decode(Int.self, "resources"),
            arcs: try row.decode(Int.self, "arcs"), allocations: try row.decode(Int.self, "allocations"),
            demandsServed: try row.decode(Int.self, "demands_served"), demandsFilled: try row.decode(Int.self, "demands_filled"),
            weightedSatisfaction: try row.decode(Int64.self, "weighted_satisfaction"), cost: try row.decode(Int64.self, "cost"),
            statistics: try decoder.decode(SolverStatistics.self, from: Data(try row.decode(String.self, "statistics").utf8)),
            timings: try decoder.decode(MatchingTimings.self, from: Data(try row.decode(String.self, "timings").utf8)),
            actor: try row.decode(String.self, "actor"), createdAt: try row.decode(Date.self, "created_at"),
            acceptedBy: try row.decode(String?.self, "accepted_by"), acceptedAt: try row.decode(Date?.self, "accepted_at"))
    }

    /// The community (or village) above a demand's org unit `ou` in district `tenant`: one
    /// primary-key lookup per id of its materialised path.
    static func communityOfDemand(tenant: UUID) -> SQL {
        """
        (SELECT c.name FROM org_unit c
         WHERE c.tenant_id = \(tenant) AND c.id = ANY(string_to_array(btrim(ou.path, '/'), '/')::bigint[])
           AND c.kind IN ('community', 'village')
         ORDER BY c.depth DESC LIMIT 1)
        """
    }

    private static func demandLines(_ run: Int64, served: Bool, limit: Int, _ tx: TenantTransaction) async throws -> [MatchingDemandLine] {
        guard limit > 0 else { return [] }
        // The page is chosen from the outcome arrays alone; only its rows meet the demand table.
        var sql: SQL = """
            WITH listed AS (
                SELECT o.category_code, o.batch, x.position, x.demand_id, x.priority, x.requested, x.served
                FROM matching_outcome o
                CROSS JOIN LATERAL unnest(o.demand_ids, o.priorities, o.requested, o.served) WITH ORDINALITY
                    AS x(demand_id, priority, requested, served, position)
                WHERE o.tenant_id = \(tx.tenantID) AND o.run_id = \(run) AND (x.served > 0) = \(served)
            """
        let order: SQL = served ? " ORDER BY category_code, demand_id" : " ORDER BY priority DESC, demand_id"
        sql.append(order)
        sql.append(" LIMIT \(limit))")
        sql.append("""

            SELECT x.demand_id, d.external_id, d.title, x.category_code, x.batch, x.position, d.measure_unit, x.priority,
                   x.requested, x.served,
            """)
        sql.append(" ")
        sql.append(communityOfDemand(tenant: tx.tenantID))
        sql.append("""
             AS community
            FROM listed x
            JOIN demand d ON d.tenant_id = \(tx.tenantID) AND d.id = x.demand_id
            JOIN org_unit ou ON ou.tenant_id = d.tenant_id AND ou.id = d.org_unit_id
            """)
        sql.append(order)
        let rows = try await tx.connection.query(sql)
        var places: (categories: [String], batches: [Int], positions: [Int64]) = ([], [], [])
        var lines: [MatchingDemandLine] = []
        for row in rows {
            places.categories.append(try row.decode(String.self, "category_code"))
            places.batches.append(try row.decode(Int.self, "batch"))
            places.positions.append(try row.decode(Int64.self, "position"))
            let demand = try row.decode(Int64.self, "demand_id")
            lines.append(MatchingDemandLine(
                demandID: demand, externalID: try row.decode(String?.self, "external_id"),
                title: try row.decode(String.self, "title"), category: try row.decode(String.self, "category_code"),
                community: try row.decode(String?.self, "community"),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                priority: try row.decode(Int.self, "priority"), requested: try row.decode(Int64.self, "requested"),
                served: try row.decode(Int64.self, "served"), allocations: [],
                explanation: DemandOutcome(demand: .number(demand), priority: 0, requested: 0, served: 0, alternatives: [], moreAlternatives: 0, shortfall: nil)))
        }
        guard !lines.isEmpty else { return [] }
        // Each listed demand's explanation: one element of its batch's JSON array.
        let explanations = try await tx.connection.query("""
            SELECT t.line, (o.explanations::json -> (t.position::int - 1))::text AS explanation
            FROM unnest(\(places.categories)::text[], \(places.batches)::integer[], \(places.positions)::bigint[]) WITH ORDINALITY
                AS t(category_code, batch, position, line)
            JOIN matching_outcome o ON o.tenant_id = \(tx.tenantID) AND o.run_id = \(run) AND o.category_code = t.category_code AND o.batch = t.batch
            """)
        for row in explanations {
            let line = try row.decode(Int.self, "line") - 1
            lines[line].explanation = try DemandOutcome(compactJSON: Data(try row.decode(String.self, "explanation").utf8))
        }
        let allocations = try await allocationLines(run, demands: lines.map(\.demandID), tx)
        let names = try await externalIDs(of: lines.map(\.explanation), tx)
        for index in lines.indices {
            lines[index].allocations = allocations[lines[index].demandID] ?? []
            lines[index].explanation = relabel(lines[index].explanation, names)
        }
        return lines
    }

    /// The allocations to these demands, by demand, each ordered by resource id.
    private static func allocationLines(_ run: Int64, demands: [Int64], _ tx: TenantTransaction) async throws -> [Int64: [MatchingAllocationLine]] {
        guard !demands.isEmpty else { return [:] }
        let rows = try await tx.connection.query("""
            SELECT a.number, a.demand_id, a.resource_id, r.external_id, r.title, r.measure_unit, u.external_id AS unit_external_id, u.name AS unit_name,
                   a.quantity, a.unit_cost, a.terms, a.term_names, p.external_id AS project_external_id
            FROM matching_allocation_row a
            JOIN resource r ON r.tenant_id = a.tenant_id AND r.id = a.resource_id
            JOIN unit u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id
            LEFT JOIN project p ON p.tenant_id = a.tenant_id AND p.id = a.project_id
            WHERE a.tenant_id = \(tx.tenantID) AND a.run_id = \(run) AND a.demand_id = ANY(\(demands))
            ORDER BY a.demand_id, a.resource_id
            """)
        var byDemand: [Int64: [MatchingAllocationLine]] = [:]
        for row in rows {
            let amounts = try row.decode([Int64].self, "terms"), names = try row.decode([String].self, "term_names")
            byDemand[try row.decode(Int64.self, "demand_id"), default: []].append(MatchingAllocationLine(
                number: try row.decode(Int.self, "number"), resourceID: try row.decode(Int64.self, "resource_id"),
                resourceExternalID: try row.decode(String?.self, "external_id"), resourceTitle: try row.decode(String.self, "title"),
                unitExternalID: try row.decode(String?.self, "unit_external_id"), unitName: try row.decode(String.self, "unit_name"),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                quantity: try row.decode(Int64.self, "quantity"), unitCost: try row.decode(Int64.self, "unit_cost"),
                terms: zip(names, amounts).map { CostTerm(name: $0, amount: $1) },
                projectExternalID: try row.decode(String?.self, "project_external_id")))
        }
        return byDemand
    }

    private static func communitySummaries(_ run: Int64, _ tx: TenantTransaction) async throws -> [MatchingCommunitySummary] {
        // Each org unit's community is found once, not once per demand: MATERIALIZED, since
        // inlined the planner (which guesses ten rows for an unnest) put it inside a nested
        // loop over the run's demands, and the lookup is a scan of the district's org units
        // (`= ANY` is not leakproof, so under row-level security it is no index condition):
        // 27 s for a run of 100,000 demands.
        var sql: SQL = "WITH place AS MATERIALIZED (SELECT ou.id, "
        sql.append(communityOfDemand(tenant: tx.tenantID))
        sql.append("""
             AS community FROM org_unit ou WHERE ou.tenant_id = \(tx.tenantID))
            SELECT coalesce(p.community, '(none)') AS community,
                   count(*) AS demands, count(*) FILTER (WHERE x.served = x.requested) AS filled,
                   count(*) FILTER (WHERE x.served > 0 AND x.served < x.requested) AS partly,
                   count(*) FILTER (WHERE x.served = 0) AS unserved
            FROM matching_outcome o
            CROSS JOIN LATERAL unnest(o.demand_ids, o.requested, o.served) AS x(demand_id, requested, served)
            JOIN demand d ON d.tenant_id = o.tenant_id AND d.id = x.demand_id
            JOIN place p ON p.id = d.org_unit_id
            WHERE o.tenant_id = \(tx.tenantID) AND o.run_id = \(run)
            GROUP BY 1 ORDER BY 1
            """)
        return try await tx.connection.query(sql).map { row in
            MatchingCommunitySummary(
                community: try row.decode(String.self, "community"), demands: try row.decode(Int.self, "demands"),
                filled: try row.decode(Int.self, "filled"), partly: try row.decode(Int.self, "partly"),
                unserved: try row.decode(Int.self, "unserved"))
        }
    }

    private static func unitSummaries(_ run: Int64, _ tx: TenantTransaction) async throws -> [MatchingUnitSummary] {
        try await tx.connection.query("""
            SELECT u.external_id, u.name, r.measure_unit, count(DISTINCT r.id) AS resources, count(*) AS allocations,
                   count(DISTINCT a.demand_id) AS demands, sum(a.quantity)::bigint AS allocated
            FROM matching_allocation_row a
            JOIN resource r ON r.tenant_id = a.tenant_id AND r.id = a.resource_id
            JOIN unit u ON u.tenant_id = r.tenant_id AND u.id = r.unit_id
            WHERE a.tenant_id = \(tx.tenantID) AND a.run_id = \(run)
            GROUP BY u.id, u.external_id, u.name, r.measure_unit
            ORDER BY count(*) DESC, u.external_id, u.id, r.measure_unit
            """).map { row in
            MatchingUnitSummary(
                unitExternalID: try row.decode(String?.self, "external_id"), unitName: try row.decode(String.self, "name"),
                measureUnit: try MeasureUnit(parsing: try row.decode(String.self, "measure_unit")),
                resources: try row.decode(Int.self, "resources"), allocations: try row.decode(Int.self, "allocations"),
                demands: try row.decode(Int.self, "demands"), allocated: try row.decode(Int64.self, "allocated"))
        }
    }

    /// External ids of the resources and demands these explanations name: row id → external id.
    private static func externalIDs(of outcomes: [DemandOutcome], _ tx: TenantTransaction) async throws -> (resources: [Int64: String], demands: [Int64: String]) {
        var resources = Set<Int64>(), demands = Set<Int64>()
        func note(_ competitors: [Competitor]) {
            for competitor in competitors { if case let .number(id) = competitor.demand { demands.insert(id) } }
        }
        for outcome in outcomes {
            if case let .number(id) = outcome.demand { demands.insert(id) }
            for alternative in outcome.alternatives {
                if case let .number(id) = alternative.resource { resources.insert(id) }
                if case let .full(competitors, _) = alternative.reason { note(competitors) }
            }
            if case let .capacityExhausted(competitors, _) = outcome.shortfall?.reason { note(competitors) }
        }
        func lookup(_ table: SQL, _ ids: Set<Int64>) async throws -> [Int64: String] {
            guard !ids.isEmpty else { return [:] }
            var sql: SQL = "SELECT id, external_id FROM "
            sql.append(table)
            sql.append(" WHERE tenant_id = \(tx.tenantID) AND id = ANY(\(Array(ids))) AND external_id IS NOT NULL")
            var names: [Int64: String] = [:]
            for row in try await tx.connection.query(sql) { names[try row.decode(Int64.self, at: 0)] = try row.decode(String.self, at: 1) }
            return names
        }
        return (try await lookup("resource", resources), try await lookup("demand", demands))
    }

    /// The explanation with external ids in place of row ids, as people know the rows.
    private static func relabel(_ outcome: DemandOutcome, _ names: (resources: [Int64: String], demands: [Int64: String])) -> DemandOutcome {
        func name(_ id: MatchID, _ table: [Int64: String]) -> MatchID {
            if case let .number(number) = id, let text = table[number] { return .text(text) }
            return id
        }
        func competitors(_ list: [Competitor]) -> [Competitor] {
            list.map { Competitor(demand: name($0.demand, names.demands), priority: $0.priority, quantity: $0.quantity) }
        }
        var outcome = outcome
        outcome.demand = name(outcome.demand, names.demands)
        outcome.alternatives = outcome.alternatives.map { alternative in
            var alternative = alternative
            alternative.resource = name(alternative.resource, names.resources)
            if case let .full(list, others) = alternative.reason { alternative.reason = .full(competitors: competitors(list), others: others) }
            return alternative
        }
        if case let .capacityExhausted(list, byPriority) = outcome.shortfall?.reason {
            outcome.shortfall?.reason = .capacityExhausted(competitors: competitors(list), allocationsByPriority: byPriority)
        }
        return outcome
    }
}
