import Foundation
import Matching
import Postgres

extension MatchingStore {
    /// Records a run: its row, then its allocations and one explanation per demand, streamed
    /// by COPY into temporary tables (COPY into a table under row-level security is refused)
    /// and moved over with one INSERT … SELECT each. Returns the run's id.
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
                number integer, category_code text, demand_id bigint, resource_id bigint, quantity bigint, unit_cost bigint, terms text
            ) ON COMMIT DROP
            """)
        try await tx.connection.execute("""
            CREATE TEMP TABLE matching_outcome_staging (
                demand_id bigint, category_code text, priority smallint, requested bigint, served bigint, explanation text
            ) ON COMMIT DROP
            """)
        try await tx.connection.copyIn("COPY matching_allocation_staging FROM STDIN") { writer in
            var number = 0
            for category in solution.categories {
                for assignment in category.assignments {
                    number += 1
                    try await writer.writeRow([
                        String(number), category.category, assignment.demand.description, assignment.resource.description,
                        String(assignment.quantity), String(assignment.unitCost), termsJSON(assignment.terms),
                    ])
                }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try await tx.connection.copyIn("COPY matching_outcome_staging FROM STDIN") { writer in
            for category in solution.categories {
                for outcome in category.outcomes {
                    try await writer.writeRow([
                        outcome.demand.description, category.category, String(outcome.priority), String(outcome.requested),
                        String(outcome.served), String(decoding: try encoder.encode(outcome), as: UTF8.self),
                    ])
                }
            }
        }
        try await tx.connection.execute("""
            INSERT INTO matching_allocation (tenant_id, run_id, number, category_code, demand_id, resource_id, quantity, unit_cost, terms)
            SELECT \(tenant), \(id), number, category_code, demand_id, resource_id, quantity, unit_cost, terms::jsonb
            FROM matching_allocation_staging
            """)
        try await tx.connection.execute("""
            INSERT INTO matching_outcome (tenant_id, run_id, demand_id, category_code, priority, requested, served, explanation)
            SELECT \(tenant), \(id), demand_id, category_code, priority, requested, served, explanation::jsonb
            FROM matching_outcome_staging
            """)
        return id
    }

    /// An allocation's terms as a JSON array in term order (a jsonb object would reorder
    /// them): `[{"name":"distance","amount":10},{"name":"contract","amount":-20}]`.
    static func termsJSON(_ terms: [CostTerm]) -> String {
        "[" + terms.map { "{\"name\":\(jsonString($0.name)),\"amount\":\($0.amount)}" }.joined(separator: ",") + "]"
    }

    /// A JSON string literal.
    static func jsonString(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
