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
        // SELECT cost a large run 1.8 s).
        for category in solution.categories {
            let names = category.assignments.first?.terms.map(\.name) ?? []
            for (batch, start) in stride(from: 0, to: category.outcomes.count, by: outcomeBatch).enumerated() {
                let outcomes = Array(category.outcomes[start..<min(start + outcomeBatch, category.outcomes.count)])
                var json: [UInt8] = [UInt8(ascii: "[")]
                json.reserveCapacity(outcomes.count * 700)
                for (index, outcome) in outcomes.enumerated() {
                    if index > 0 { json.append(UInt8(ascii: ",")) }
                    outcome.appendJSON(to: &json)
                }
                json.append(UInt8(ascii: "]"))
                let ids = outcomes.map { outcome -> Int64 in
                    if case let .number(id) = outcome.demand { return id }
                    preconditionFailure("a stored run's demand ids are row ids")
                }
                try await tx.connection.execute("""
                    INSERT INTO matching_outcome (tenant_id, run_id, category_code, batch, term_names, demand_ids, priorities, requested, served, explanations)
                    VALUES (\(tenant), \(id), \(category.category), \(batch), \(names), \(ids), \(outcomes.map { Int16($0.priority) }),
                            \(outcomes.map(\.requested)), \(outcomes.map(\.served)), \(String(decoding: json, as: UTF8.self)))
                    """)
            }
        }
        return id
    }

    /// `{1,2,3}`: an array of numbers (or numeric ids) in PostgreSQL's text form.
    static func arrayLiteral(_ values: [some CustomStringConvertible]) -> String {
        "{" + values.map(\.description).joined(separator: ",") + "}"
    }
}
