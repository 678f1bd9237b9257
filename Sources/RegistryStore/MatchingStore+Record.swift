import Foundation
import Matching
import Postgres

extension MatchingStore {
    /// Demands per `matching_outcome` row.
    static let outcomeBatch = 2_000

    /// Records a run: its row, then its allocations and its explanations in batches, streamed
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
                number integer, category_code text, demand_id bigint, resource_id bigint, quantity bigint, unit_cost bigint, terms bigint[]
            ) ON COMMIT DROP
            """)
        try await tx.connection.execute("""
            CREATE TEMP TABLE matching_outcome_staging (
                category_code text, batch integer, term_names text[], demand_ids bigint[], priorities smallint[], requested bigint[],
                served bigint[], explanations text
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
        try await tx.connection.copyIn("COPY matching_outcome_staging FROM STDIN") { writer in
            for category in solution.categories {
                let names = category.assignments.first?.terms.map(\.name) ?? []
                for (batch, start) in stride(from: 0, to: category.outcomes.count, by: outcomeBatch).enumerated() {
                    let outcomes = category.outcomes[start..<min(start + outcomeBatch, category.outcomes.count)]
                    // The row in COPY's text format, built as bytes: a batch's explanations run to
                    // a megabyte, and going through String and writeRow doubled the time.
                    let fields = [category.category, String(batch), textArrayLiteral(names), arrayLiteral(outcomes.map(\.demand.description)),
                                  arrayLiteral(outcomes.map(\.priority)), arrayLiteral(outcomes.map(\.requested)),
                                  arrayLiteral(outcomes.map(\.served))]
                    var row: [UInt8] = []
                    row.reserveCapacity(outcomes.count * 720)
                    for field in fields {
                        appendCopyText(field.utf8, to: &row)
                        row.append(9)
                    }
                    var json: [UInt8] = [UInt8(ascii: "[")]
                    json.reserveCapacity(outcomes.count * 700)
                    for (index, outcome) in outcomes.enumerated() {
                        if index > 0 { json.append(UInt8(ascii: ",")) }
                        outcome.appendJSON(to: &json)
                    }
                    json.append(UInt8(ascii: "]"))
                    appendCopyText(json, to: &row)
                    row.append(10)
                    try await writer.write(row)
                }
            }
        }
        try await tx.connection.execute("""
            INSERT INTO matching_allocation (tenant_id, run_id, number, category_code, demand_id, resource_id, quantity, unit_cost, terms)
            SELECT \(tenant), \(id), number, category_code, demand_id, resource_id, quantity, unit_cost, terms
            FROM matching_allocation_staging
            """)
        try await tx.connection.execute("""
            INSERT INTO matching_outcome (tenant_id, run_id, category_code, batch, term_names, demand_ids, priorities, requested, served, explanations)
            SELECT \(tenant), \(id), category_code, batch, term_names, demand_ids, priorities, requested, served, explanations
            FROM matching_outcome_staging
            """)
        return id
    }

    /// Appends a field in COPY's text format: backslash, tab, newline and carriage return escaped.
    static func appendCopyText(_ bytes: some Sequence<UInt8>, to row: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 92: row.append(92); row.append(92)
            case 9: row.append(92); row.append(116)
            case 10: row.append(92); row.append(110)
            case 13: row.append(92); row.append(114)
            default: row.append(byte)
            }
        }
    }

    /// `{1,2,3}`: an array of numbers (or numeric ids) in PostgreSQL's text form.
    static func arrayLiteral(_ values: [some CustomStringConvertible]) -> String {
        "{" + values.map(\.description).joined(separator: ",") + "}"
    }

    /// `{"distance","contract"}`: an array of texts, each quoted.
    static func textArrayLiteral(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
