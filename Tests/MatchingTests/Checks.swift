import Matching
import Testing

/// Checks an engine result for one category against the input: every allocation is on an
/// arc, quantities and capacities are respected, and its S, C and age score are returned.
struct CheckedAllocation {
    var s: Int64 = 0
    var c: Int64 = 0
    var ageScore: Int64 = 0
    var flow: [Int: [Int: Int64]] = [:]

    init(_ solution: CategorySolution, _ problem: CategoryProblem, sourceLocation: SourceLocation = #_sourceLocation) {
        let demandPosition = Dictionary(uniqueKeysWithValues: problem.demands.enumerated().map { ($1.id, $0) })
        let resourcePosition = Dictionary(uniqueKeysWithValues: problem.resources.enumerated().map { ($1.id, $0) })
        var arcCost = [Int: [Int: Int64]]()
        for arc in 0..<problem.arcs.count {
            arcCost[Int(problem.arcs.resources[arc]), default: [:]][Int(problem.arcs.demands[arc])] = problem.arcs.cost(at: arc)
        }
        let reward = ReferenceSolver.ageRewards(problem.demands)
        var served = [Int64](repeating: 0, count: problem.demands.count)
        var used = [Int64](repeating: 0, count: problem.resources.count)
        for assignment in solution.assignments {
            guard let d = demandPosition[assignment.demand], let r = resourcePosition[assignment.resource],
                let cost = arcCost[r]?[d]
            else {
                Issue.record("allocation \(assignment) is not an arc", sourceLocation: sourceLocation)
                continue
            }
            #expect(assignment.quantity > 0, sourceLocation: sourceLocation)
            #expect(assignment.unitCost == cost, sourceLocation: sourceLocation)
            #expect(flow[r]?[d] == nil, "duplicate allocation \(assignment)", sourceLocation: sourceLocation)
            flow[r, default: [:]][d] = assignment.quantity
            served[d] += assignment.quantity
            used[r] += assignment.quantity
            s += assignment.quantity * Int64(problem.demands[d].priority)
            c += assignment.quantity * cost
            ageScore += assignment.quantity * reward[d]
        }
        for d in problem.demands.indices {
            #expect(served[d] <= problem.demands[d].quantity, "demand over-served", sourceLocation: sourceLocation)
        }
        for r in problem.resources.indices {
            #expect(used[r] <= problem.resources[r].capacity, "resource over capacity", sourceLocation: sourceLocation)
        }
        #expect(solution.summary.weightedSatisfaction == s, sourceLocation: sourceLocation)
        #expect(solution.summary.cost == c, sourceLocation: sourceLocation)
    }
}
