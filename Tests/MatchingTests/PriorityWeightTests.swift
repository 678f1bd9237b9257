@testable import Matching
import Testing

@Suite("Priority weight")
struct PriorityWeightTests {
    @Test("W = M × 2 min(R, D) + 1")
    func formula() throws {
        let weight = try #require(PriorityWeight(maximumAbsoluteCost: 1000, resources: 3595, demands: 36412, nodes: 40008))
        #expect(weight.weight == 1000 * 2 * 3595 + 1)
        #expect(weight.largestFoldedCost == 5 * weight.weight + 1000)
        #expect(PriorityWeight(maximumAbsoluteCost: 0, resources: 1, demands: 1, nodes: 3)?.weight == 1)
    }

    @Test("refuses a range where potentials could overflow")
    func overflow() {
        #expect(PriorityWeight(maximumAbsoluteCost: Limits.maximumCost, resources: 1 << 20, demands: 1 << 20, nodes: 1 << 21) == nil)
        #expect(PriorityWeight(maximumAbsoluteCost: Limits.maximumCost, resources: 1, demands: 1, nodes: 3) != nil)
    }

    @Test("the engine reports such a category as a cost-range error")
    func costRangeError() throws {
        var problem = CategoryProblem(category: "wide")
        problem.resources = (0..<500).map { ResourceInput(id: .number(Int64($0)), capacity: 1) }
        problem.demands = (0..<500).map { DemandInput(id: .number(Int64($0)), quantity: 1, priority: 1) }
        for k in 0..<500 { problem.arcs.append(resource: k, demand: k, cost: Limits.maximumCost) }
        // W ≈ 2^40 × 1000, K ≈ 5W ≈ 2^52.3, (2N + 2) ≈ 2^11 (N = 1001): (2N + 2) K > 2^63.
        #expect {
            try Solver.solve(Problem(categories: [problem]))
        } throws: { ($0 as? MatchingError)?.isCostRange == true }
    }
}
