import Foundation
import ListMatching
import Matching
import Registry
import Testing

/// A street (1) with two communities (10, 20), grids 11 under 10 and 21 under 20.
let hierarchy = [
    OrgNode(id: 1, parent: nil, kind: .street),
    OrgNode(id: 10, parent: 1, kind: .community), OrgNode(id: 20, parent: 1, kind: .community),
    OrgNode(id: 11, parent: 10, kind: .grid), OrgNode(id: 21, parent: 20, kind: .grid),
]

private func day(_ text: String) -> CivilDate { try! CivilDate(text) }

func demand(_ id: Int64, at org: Int64, _ quantity: Int64 = 5, unit: MeasureUnit = .volunteerHours, priority: Int = 3,
                    category: String = "elderly_care", filed: String = "2024-03-01", due: String? = nil) -> CandidateDemand {
    CandidateDemand(id: id, category: category, orgUnit: org, quantity: quantity, measureUnit: unit, priority: priority,
                    filedAt: id, filedOn: day(filed), dueOn: due.map(day))
}

func resource(_ id: Int64, unit: Int64 = 100, _ remaining: Int64 = 10, measure: MeasureUnit = .volunteerHours,
                      category: String = "elderly_care", cost: Int64? = nil, from: String? = nil, until: String? = nil,
                      area: [Int64] = []) -> CandidateResource {
    CandidateResource(id: id, unit: unit, category: category, measureUnit: measure, remaining: remaining, unitCostFen: cost,
                      availableFrom: from.map(day), availableUntil: until.map(day), serviceArea: area)
}

/// (resource id, demand id) → the arc's terms, for one category.
private func arcs(_ problem: Problem, _ category: String = "elderly_care") -> [String: [Int64]] {
    guard let c = problem.categories.first(where: { $0.category == category }) else { return [:] }
    var result: [String: [Int64]] = [:]
    for k in 0..<c.arcs.count {
        let key = "\(c.resources[Int(c.arcs.resources[k])].id)→\(c.demands[Int(c.arcs.demands[k])].id)"
        result[key] = c.arcs.terms(at: k).map(\.amount)
    }
    return result
}

@Suite struct MatchingNetworkTests {
    @Test func theServiceAreaDecidesEligibilityAndItsLevelTheDistance() {
        let snapshot = MatchingSnapshot(
            orgUnits: hierarchy,
            demands: [demand(1, at: 11), demand(2, at: 21), demand(3, at: 10)],
            resources: [resource(7, area: [11]), resource(8, area: [1]), resource(9, area: [10, 11])],
            contracts: [:])
        let found = arcs(MatchingNetwork().problem(from: snapshot))
        #expect(found == [
            "7→1": [0, 0, 0],            // grid 11 itself: same grid
            "8→1": [30, 0, 0], "8→2": [30, 0, 0], "8→3": [30, 0, 0],   // the street
            "9→1": [0, 0, 0],            // both 10 and 11 contain demand 1: the nearer counts
            "9→3": [10, 0, 0],
        ])
    }

    @Test func withoutAnAreaAResourceServesItsUnitsContractedCommunitiesWithTheBonus() {
        let snapshot = MatchingSnapshot(
            orgUnits: hierarchy, demands: [demand(1, at: 11), demand(2, at: 21)],
            resources: [resource(7, unit: 100), resource(8, unit: 200, area: [1])],
            contracts: [100: [10], 200: [20]])
        let found = arcs(MatchingNetwork().problem(from: snapshot))
        #expect(found["7→1"] == [10, -20, 0])
        #expect(found["7→2"] == nil)
        #expect(found["8→2"] == [30, -20, 0])   // an explicit area, and unit 200 contracts community 20
        #expect(found["8→1"] == [30, 0, 0])
    }

    @Test func aUnitContractingNothingServesTheWholeDistrict() {
        let snapshot = MatchingSnapshot(orgUnits: hierarchy, demands: [demand(1, at: 11), demand(2, at: 21)],
                                        resources: [resource(7, cost: 250)], contracts: [:])
        let found = arcs(MatchingNetwork().problem(from: snapshot))
        #expect(found == ["7→1": [60, 0, 3], "7→2": [60, 0, 3]])   // 2.50 yuan rounds to 3 points
    }

    @Test func unitsOfMeasureAndAvailabilityWindowsMustMeet() {
        let snapshot = MatchingSnapshot(
            orgUnits: hierarchy,
            demands: [demand(1, at: 11, due: "2024-04-01"), demand(2, at: 11, unit: .items), demand(3, at: 11, filed: "2024-09-01")],
            resources: [resource(7, from: "2024-05-01"), resource(8, until: "2024-06-30")], contracts: [:])
        let problem = MatchingNetwork().problem(from: snapshot)
        #expect(Set(arcs(problem).keys) == ["8→1", "7→3"])
        let category = problem.categories[0]
        let reasons = category.ineligible.map { "\(category.resources[$0.resource].id)→\(category.demands[$0.demand].id)" }
        #expect(reasons == ["7→2", "8→2"])   // demand 2 has no eligible resource: each one says why
        #expect(category.ineligible[0].reason.contains("计量单位不同"))
    }

    @Test func outsideTheAreaIsTheRecordedReason() throws {
        let snapshot = MatchingSnapshot(orgUnits: hierarchy, demands: [demand(2, at: 21)], resources: [resource(7, area: [10])], contracts: [:])
        let solution = try Solver.solve(MatchingNetwork().problem(from: snapshot))
        let outcome = solution.categories[0].outcomes[0]
        #expect(outcome.served == 0)
        #expect(outcome.alternatives.first?.reason == .ineligible("服务范围外 outside its service area"))
        #expect(outcome.shortfall?.reason == .noEligibleResource)
    }

    @Test func categoriesAreSeparateProblemsAndRowOrderChangesNothing() throws {
        var random = SystemRandomNumberGenerator()
        let places: [Int64] = [11, 21, 10, 20, 1], areas: [Int64] = [10, 20, 1]
        var demands: [CandidateDemand] = []
        for n in 1...40 {
            let category = n % 3 == 0 ? "roads" : "elderly_care"
            demands.append(demand(Int64(n), at: places[n % 5], Int64(n % 7 + 1), priority: n % 5 + 1, category: category))
        }
        var resources: [CandidateResource] = []
        for n in 1...9 {
            let category = n % 2 == 0 ? "roads" : "elderly_care"
            let area: [Int64] = n % 4 == 0 ? [] : [areas[n % 3]]
            resources.append(resource(Int64(100 + n), unit: Int64(n % 3), Int64(n * 3), category: category, cost: Int64(n * 40), area: area))
        }
        let snapshot = MatchingSnapshot(orgUnits: hierarchy, demands: demands, resources: resources, contracts: [1: [10], 2: [20, 21]])
        let shuffled = MatchingSnapshot(orgUnits: hierarchy.shuffled(using: &random), demands: demands.shuffled(using: &random),
                                        resources: resources.shuffled(using: &random), contracts: snapshot.contracts)
        let model = MatchingNetwork()
        #expect(model.problem(from: snapshot).categories.map(\.category) == ["elderly_care", "roads"])
        #expect(try model.problem(from: snapshot).fingerprint() == model.problem(from: shuffled).fingerprint())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let first = try encoder.encode(Solver.solve(model.problem(from: snapshot)))
        let second = try encoder.encode(Solver.solve(model.problem(from: shuffled), options: .init(threads: 1)))
        if first != second {
            try? first.write(to: URL(filePath: "/tmp/first.json")); try? second.write(to: URL(filePath: "/tmp/second.json"))
        }
        #expect(first == second)
    }
}

@Suite struct MatchingNetworkLimitTests {
    @Test func aHugeUnitCostIsCappedNotACrash() throws {
        var weights = MatchingWeights.defaults
        weights.unitCostPerYuan = MatchingWeights.maximum
        let snapshot = MatchingSnapshot(orgUnits: hierarchy, demands: [demand(1, at: 11)],
                                        resources: [resource(7, cost: 10_000_000_000_000)], contracts: [:])
        let problem = MatchingNetwork(weights: weights).problem(from: snapshot)
        #expect(problem.categories[0].arcs.terms(at: 0).last?.amount == MatchingNetwork.maximumUnitCostTerm)
        #expect(try Solver.solve(problem).summary.satisfiedQuantity == 5)
    }
}
