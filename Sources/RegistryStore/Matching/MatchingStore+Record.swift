import Foundation
import Matching
import Postgres

extension MatchingStore {
    /// Demands per `matching_outcome` row.
    static let outcomeBatch = 2_000
    /// Allocations per `matching_allocation` row.
    static let allocationBatch = 5_000

    /// Records a run: its row, then its allocations and its explanations in batches of
    /// parallel arrays, one parameterised INSERT per batch. Returns the run's id.
    static func record(_ run: MatchingRunRecord, _ solution: Solution, _ tx: TenantTransaction) async throws -> Int64 {
        let tenant = tx.tenantID
        let id = try await tx.connection.query("""
            INSERT INTO matching_run (tenant_id, category_code, weights, fingerprint, demands, resources, arcs, allocations,
                                      demands_served, demands_filled, weighted_satisfaction, cost, statistics, timings)
            VALUES (\(tenant), \(run.category), \(JSONDocument(run.weights)), \(run.fingerprint), \(run.demands), \(run.resources),
                    \(run.arcs), \(run.allocations), \(run.demandsServed), \(run.demandsFilled), \(run.weightedSatisfaction),
                    \(run.cost), \(JSONDocument(run.statistics)), \(JSONDocument(run.timings)))
            RETURNING id
            """)[0].decode(Int64.self, "id")
        let batches = solution.categories.indices.flatMap { c in
            stride(from: 0, to: solution.categories[c].outcomes.count, by: outcomeBatch).enumerated().map { (c, $0.offset, $0.element) }
        }
        // The first batch of explanations is encoded on another thread while the allocations go in.
        var next = batches.first.map { first in Task.detached { OutcomeBatch(solution, first) } }
        // Allocations in batches of parallel arrays, one INSERT each (see 0011_matching.sql).
        var firstNumber = 1
        for category in solution.categories {
            let names = category.assignments.first?.terms.map(\.name) ?? []
            for (batch, start) in stride(from: 0, to: category.assignments.count, by: allocationBatch).enumerated() {
                let part = category.assignments[start..<min(start + allocationBatch, category.assignments.count)]
                try await tx.connection.execute("""
                    INSERT INTO matching_allocation (tenant_id, run_id, category_code, batch, first_number, demand_ids, resource_ids,
                                                     quantities, unit_costs, term_names, terms)
                    VALUES (\(tenant), \(id), \(category.category), \(batch), \(firstNumber), \(part.map { rowID($0.demand) }),
                            \(part.map { rowID($0.resource) }), \(part.map(\.quantity)), \(part.map(\.unitCost)), \(names),
                            \(part.flatMap { $0.terms.map(\.amount) }))
                    """)
                firstNumber += part.count
            }
        }
        // One INSERT per batch of explanations, the JSON bound as a parameter: no COPY text
        // to parse and no staging copy of tens of megabytes (COPY into staging and INSERT …
        // SELECT cost a large run 1.8 s). The next batch is encoded on another thread while
        // the server stores this one.
        for index in batches.indices {
            let batch = await next!.value
            next = index + 1 < batches.count ? Task.detached { [batches] in OutcomeBatch(solution, batches[index + 1]) } : nil
            try await tx.connection.execute("""
                INSERT INTO matching_outcome (tenant_id, run_id, category_code, batch, demand_ids, priorities, requested, served, explanations)
                VALUES (\(tenant), \(id), \(batch.category), \(batch.number), \(batch.demandIDs), \(batch.priorities),
                        \(batch.requested), \(batch.served), \(batch.explanations))
                """)
        }
        return id
    }

    /// The row id a stored run's engine id is (the store only ever gives the engine row ids).
    static func rowID(_ id: MatchID) -> Int64 {
        guard case let .number(value) = id else { preconditionFailure("a stored run's ids are row ids, got \(id)") }
        return value
    }
}

/// One `matching_outcome` row: up to ``MatchingStore/outcomeBatch`` demands of a category,
/// their figures and their explanations as one JSON array.
private struct OutcomeBatch: Sendable {
    var category: String
    var number: Int
    var demandIDs: [Int64]
    var priorities: [Int16]
    var requested: [Int64]
    var served: [Int64]
    var explanations: String

    /// The batch of `solution`'s category `place.0` numbered `place.1`, starting at outcome `place.2`.
    init(_ solution: Solution, _ place: (category: Int, number: Int, start: Int)) {
        let category = solution.categories[place.category]
        let outcomes = category.outcomes[place.start..<min(place.start + MatchingStore.outcomeBatch, category.outcomes.count)]
        var json: [UInt8] = [UInt8(ascii: "[")]
        json.reserveCapacity(outcomes.count * 700)
        for (index, outcome) in outcomes.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            outcome.appendCompactJSON(to: &json)
        }
        json.append(UInt8(ascii: "]"))
        self.category = category.category
        number = place.number
        demandIDs = outcomes.map { MatchingStore.rowID($0.demand) }
        priorities = outcomes.map { Int16($0.priority) }
        requested = outcomes.map(\.requested)
        served = outcomes.map(\.served)
        explanations = String(decoding: json, as: UTF8.self)
    }
}
