import Foundation
@testable import Matching
import Testing

@Suite struct DemandOutcomeCompactJSONTests {
    private func roundTrip(_ outcome: DemandOutcome) throws -> DemandOutcome {
        var bytes: [UInt8] = []
        outcome.appendCompactJSON(to: &bytes)
        return try DemandOutcome(compactJSON: Data(bytes))
    }

    @Test func itIsValidJSONAndSmallerThanTheKeyedForm() throws {
        let outcome = DemandOutcome(
            demand: 42, priority: 4, requested: 10, served: 6,
            alternatives: [Alternative(resource: 3, unitCost: 0, reason: .full(competitors: [Competitor(demand: 7, priority: 5, quantity: 3)], others: 2))],
            moreAlternatives: 0, shortfall: Shortfall(missing: 4, reason: .noEligibleResource))
        var bytes: [UInt8] = []
        outcome.appendCompactJSON(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"[42,4,10,6,0,[[3,0,"f",[[7,5,3]],2]],[4,"n"]]"#)
        #expect(try JSONSerialization.jsonObject(with: Data(bytes)) is [Any])
        #expect(bytes.count * 2 < (try JSONEncoder().encode(outcome)).count)
    }

    @Test func everyKindOfReasonReadsBackEqual() throws {
        let competitors = [Competitor(demand: 7, priority: 5, quantity: 3), Competitor(demand: "D\"8\\", priority: 2, quantity: 1)]
        let outcome = DemandOutcome(
            demand: 42, priority: 4, requested: 10, served: 6,
            alternatives: [
                Alternative(resource: 1, unitCost: 30, reason: .dearer(by: 20)),
                Alternative(resource: "R2", unitCost: -10, reason: .tie),
                Alternative(resource: 3, unitCost: 0, reason: .full(competitors: competitors, others: 2)),
                Alternative(resource: 4, unitCost: nil, reason: .ineligible("服务范围外 outside\n\t\"area\"")),
            ],
            moreAlternatives: 3,
            shortfall: Shortfall(missing: 4, reason: .capacityExhausted(competitors: competitors, allocationsByPriority: [0, 1, 0, 0, 2])))
        #expect(try roundTrip(outcome) == outcome)
        let unserved = DemandOutcome(demand: "D1", priority: 1, requested: 2, served: 0, alternatives: [], moreAlternatives: 0,
                                     shortfall: Shortfall(missing: 2, reason: .noEligibleResource))
        #expect(try roundTrip(unserved) == unserved)
        let filled = DemandOutcome(demand: 5, priority: 3, requested: 2, served: 2, alternatives: [], moreAlternatives: 0, shortfall: nil)
        #expect(try roundTrip(filled) == filled)
    }

    @Test func aSolvedInstancesOutcomesReadBackEqual() throws {
        var care = CategoryProblem(category: "care")
        care.demands = (1...30).map { DemandInput(id: .number(Int64($0)), quantity: Int64($0 % 4 + 1), priority: $0 % 5 + 1, filed: Int64($0)) }
        care.resources = (1...6).map { ResourceInput(id: .text("R\($0)"), capacity: Int64($0 * 2)) }
        for r in 0..<6 { for d in 0..<30 where (r + d) % 3 != 0 { care.arcs.append(resource: r, demand: d, cost: Int64((r * 7 + d) % 11)) } }
        care.ineligible = [Ineligibility(resource: 0, demand: 0, reason: "dates")]
        for outcome in try Solver.solve(Problem(categories: [care])).categories[0].outcomes {
            #expect(try roundTrip(outcome) == outcome)
        }
    }
}
