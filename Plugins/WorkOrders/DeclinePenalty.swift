import Foundation
import ListMatching
import Matching
import Postgres
import Registry
import RegistryStore

/// The module's matching term: a unit that keeps declining orders of a category (at least
/// `decline_threshold` declines in the last `decline_window_days`) is less likely to get that
/// category's demands — every arc of its resources in that category costs `decline_penalty`
/// more. It is a cost, not an exclusion: the unit still serves when nobody else can.
struct DeclinePenalty: MatchingAdjustment {
    func prepare(settings: ModuleSettings, snapshot: MatchingSnapshot, in tx: TenantTransaction) async throws -> any MatchingRule {
        let penalty = settings.integer("decline_penalty") ?? 0
        let threshold = settings.integer("decline_threshold") ?? 2
        let window = settings.integer("decline_window_days") ?? 90
        var declining: Set<UnitCategory> = []
        if penalty > 0 {
            let since = try tx.today()
            for row in try await tx.connection.query("""
                SELECT d.unit_id, o.category_code FROM work_orders_dispatch d
                JOIN work_orders_order o ON o.tenant_id = d.tenant_id AND o.id = d.order_id
                WHERE d.tenant_id = \(tx.tenantID) AND d.answer = 'declined'
                  AND d.answered_on > \(since.description)::date - \(Int(window))::integer
                GROUP BY d.unit_id, o.category_code HAVING count(*) >= \(Int(threshold))
                """) {
                declining.insert(UnitCategory(unit: try row.decode(Int64.self, "unit_id"), category: try row.decode(String.self, "category_code")))
            }
        }
        return Rule(
            penalty: penalty, declining: declining,
            resourceUnit: Dictionary(snapshot.resources.map { ($0.id, $0.unit) }, uniquingKeysWith: { first, _ in first }))
    }

    struct UnitCategory: Hashable, Sendable {
        var unit: Int64
        var category: String
    }

    struct Rule: MatchingRule {
        let penalty: Int64
        let declining: Set<UnitCategory>
        let resourceUnit: [Int64: Int64]

        func apply(to problem: inout CategoryProblem, snapshot: MatchingSnapshot) throws {
            let category = problem.category
            guard declining.contains(where: { $0.category == category }) else { return }
            problem.addCostTerm(named: "work_orders") { resource, _, _ in
                guard case let .number(id) = resource.id, let unit = resourceUnit[id],
                      declining.contains(UnitCategory(unit: unit, category: category)) else { return 0 }
                return penalty
            }
        }
    }
}
