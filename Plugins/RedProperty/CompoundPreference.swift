import Foundation
import ListMatching
import Matching
import Postgres
import Registry
import RegistryStore

/// The module's matching adjustment: a property-management demand inside a compound goes
/// first to that compound's property company — by a cost bonus (`prefer`) or by ruling the
/// other resources out (`require`).
struct CompoundPreference: MatchingAdjustment {
    func prepare(settings: ModuleSettings, snapshot: MatchingSnapshot, in tx: TenantTransaction) async throws -> any MatchingRule {
        var companyOf: [Int64: Int64] = [:]   // compound org unit → company unit
        for row in try await tx.connection.query("SELECT org_unit_id, company_id FROM red_property_compound WHERE tenant_id = \(tx.tenantID)") {
            companyOf[try row.decode(Int64.self, at: 0)] = try row.decode(Int64.self, at: 1)
        }
        let parent = Dictionary(snapshot.orgUnits.map { ($0.id, $0.parent) }, uniquingKeysWith: { first, _ in first })
        var demandCompany: [Int64: Int64] = [:]
        for demand in snapshot.demands {
            var node: Int64? = demand.orgUnit, steps = 0
            while let current = node, steps <= snapshot.orgUnits.count {
                if let company = companyOf[current] { demandCompany[demand.id] = company; break }
                node = parent[current] ?? nil
                steps += 1
            }
        }
        let categories = Set((settings.text("categories") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return Rule(
            categories: categories, require: settings.text("matching_mode") == "require",
            bonus: settings.integer("preference_bonus") ?? 0, demandCompany: demandCompany,
            resourceUnit: Dictionary(snapshot.resources.map { ($0.id, $0.unit) }, uniquingKeysWith: { first, _ in first }))
    }

    struct Rule: MatchingRule {
        let categories: Set<String>
        let require: Bool
        let bonus: Int64
        let demandCompany: [Int64: Int64]
        let resourceUnit: [Int64: Int64]

        func apply(to problem: inout CategoryProblem, snapshot: MatchingSnapshot) throws {
            guard categories.contains(problem.category) else { return }
            func company(of demand: DemandInput) -> Int64? {
                guard case let .number(id) = demand.id else { return nil }
                return demandCompany[id]
            }
            func unit(of resource: ResourceInput) -> Int64? {
                guard case let .number(id) = resource.id else { return nil }
                return resourceUnit[id]
            }
            if require {
                problem.excludeArcs { resource, demand, _ in
                    guard let company = company(of: demand), unit(of: resource) != company else { return nil }
                    return "红色物业：小区由其物业公司服务 red property: the compound's own property company serves it"
                }
            }
            problem.addCostTerm(named: "red_property") { resource, demand, _ in
                guard let company = company(of: demand), unit(of: resource) == company else { return 0 }
                return -bonus
            }
        }
    }
}
