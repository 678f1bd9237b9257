import Foundation
import Matching
import Postgres

extension MatchingStore {
    /// Demands per `matching_outcome` row.
    static let outcomeBatch = 2_000

    /// Records a run: its row; its allocations streamed by COPY into a temporary table (COPY
    /// into a table under row-level security is refused) and moved over with one INSERT …
    /// SELECT; its explanations one batch per INSERT. Returns the run's id.
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
        try await tx.connection.execute("""
            CREATE TEMP TABLE matching_allocation_staging (
                number integer, category_code text, demand_id bigint, resource_id bigint, quantity bigint, unit_cost bigint, terms bigint[]
            ) ON COMMIT DROP
            """)
        try await tx.connection.copyIn("COPY matching_allocation_staging FROM STDIN") { writer in
            var number = 0
            for category in solution.categories {
                for assignment in category.assignments {
                    number += 1
                    try await writer.writeRow([
                        String(number), category.category, assignment.demand.description, assignment.resource.description,
                        String(assignment.quantity), String(assignment.unitCost), arrayLiteral(assignment.terms.map(\.amount)),
                    ])
                }
            }
        }
        try await tx.connection.execute("""
            INSERT INTO matching_allocation (tenant_id, run_id, number, category_code, demand_id, resource_id, quantity, unit_cost, terms)
            SELECT \(tenant), \(id), number, category_code, demand_id, resource_id, quantity, unit_cost, terms
            FROM matching_allocation_staging
            """)
        // One INSERT per batch of explanations, the JSON bound as a parameter: no COPY text
        // to parse and no staging copy of tens of megabytes (COPY into staging and INSERT …
        // SELECT cost a large run 1.8 s). The next batch is encoded on another thread while
        // the server stores this one.
        let batches = solution.categories.indices.flatMap { c in
            stride(from: 0, to: solution.categories[c].outcomes.count, by: outcomeBatch).enumerated().map { (c, $0.offset, $0.element) }
        }
        var next = batches.first.map { first in Task.detached { OutcomeBatch(solution, first) } }
        for index in batches.indices {
            let batch = await next!.value
            next = index + 1 < batches.count ? Task.detached { [batches] in OutcomeBatch(solution, batches[index + 1]) } : nil
            try await tx.connection.execute("""
                INSERT INTO matching_outcome (tenant_id, run_id, category_code, batch, term_names, demand_ids, priorities, requested, served, explanations)
                VALUES (\(tenant), \(id), \(batch.category), \(batch.number), \(batch.termNames), \(batch.demandIDs), \(batch.priorities),
                        \(batch.requested), \(batch.served), \(batch.explanations))
                """)
        }
        return id
    }

    /// `{1,2,3}`: an array of numbers (or numeric ids) in PostgreSQL's text form.
    static func arrayLiteral(_ values: [some CustomStringConvertible]) -> String {
        "{" + values.map(\.description).joined(separator: ",") + "}"
    }
}

/// One `matching_outcome` row: up to ``MatchingStore/outcomeBatch`` demands of a category,
/// their figures and their explanations as one JSON array.
private struct OutcomeBatch: Sendable {
    var category: String
    var number: Int
    var termNames: [String]
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
        termNames = category.assignments.first?.terms.map(\.name) ?? []
        demandIDs = outcomes.map { outcome in
            guard case let .number(id) = outcome.demand else { preconditionFailure("a stored run's demand ids are row ids") }
            return id
        }
        priorities = outcomes.map { Int16($0.priority) }
        requested = outcomes.map(\.requested)
        served = outcomes.map(\.served)
        explanations = String(decoding: json, as: UTF8.self)
    }
}
