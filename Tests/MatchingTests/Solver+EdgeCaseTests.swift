import Matching
import Testing

@Suite("Solver: edge cases")
struct SolverEdgeCaseTests {
    static func demands(_ count: Int, quantity: Int64 = 1, priority: (Int) -> Int = { _ in 3 }) -> [DemandInput] {
        (0..<count).map { DemandInput(id: .number(Int64($0)), quantity: quantity, priority: priority($0)) }
    }

    @Test("no categories, and a category with no rows")
    func empty() throws {
        #expect(try Solver.solve(Problem(categories: [])).categories.isEmpty)
        let solution = try Solver.solve(Problem(categories: [CategoryProblem(category: "c")]))
        #expect(solution.summary == CategorySummary())
    }

    @Test("no arcs: nothing allocated, every demand explained as having no eligible resource")
    func noArcs() throws {
        let problem = CategoryProblem(category: "c", demands: Self.demands(3), resources: [ResourceInput(id: 9, capacity: 5)])
        let result = try Solver.solve(Problem(categories: [problem])).categories[0]
        #expect(result.assignments.isEmpty)
        #expect(result.summary.unserved == 3)
        #expect(result.statistics.pivots == 0)
        #expect(result.outcomes.map(\.shortfall) == Array(repeating: Shortfall(missing: 1, reason: .noEligibleResource), count: 3))
    }

    @Test("zero capacity: nothing allocated; the shortfall names no competitor")
    func zeroCapacity() throws {
        var problem = CategoryProblem(category: "c", demands: Self.demands(2), resources: [ResourceInput(id: 9, capacity: 0)])
        problem.arcs.append(resource: 0, demand: 0, cost: 1)
        problem.arcs.append(resource: 0, demand: 1, cost: 2)
        let result = try Solver.solve(Problem(categories: [problem])).categories[0]
        #expect(result.assignments.isEmpty)
        #expect(result.outcomes[0].shortfall == Shortfall(
            missing: 1, reason: .capacityExhausted(competitors: [], allocationsByPriority: [0, 0, 0, 0, 0])))
        #expect(result.outcomes[0].alternatives == [Alternative(resource: 9, unitCost: 1, reason: .full(competitors: [], others: 0))])
    }

    @Test("one resource serving everything: enough capacity fills all; too little goes by priority, cost, age")
    func oneResource() throws {
        var problem = CategoryProblem(category: "c", demands: Self.demands(6, quantity: 2) { $0 % 3 + 1 },
                                      resources: [ResourceInput(id: "R", capacity: 12)])
        for d in 0..<6 { problem.arcs.append(resource: 0, demand: d, cost: Int64(10 * d)) }
        var result = try Solver.solve(Problem(categories: [problem])).categories[0]
        #expect(result.summary.fullyServed == 6)
        #expect(result.summary.cost == 2 * (0 + 10 + 20 + 30 + 40 + 50))

        problem.resources[0].capacity = 5
        result = try Solver.solve(Problem(categories: [problem])).categories[0]
        // Priorities are 1,2,3,1,2,3 for demands 0…5: the two p3 (2 and 5) get 2 each, then
        // one unit for the cheaper p2 (demand 1).
        #expect(result.assignments.map { [$0.demand, .number($0.quantity)] } == [[1, 1], [2, 2], [5, 2]])
        let reference = ReferenceSolver.solve(problem)
        #expect(result.summary.weightedSatisfaction == reference.s && result.summary.cost == reference.c)
    }

    @Test("ties everywhere: same priority, cost and age; the lowest ids win, identically for any row order")
    func tiesEverywhere() throws {
        var problem = CategoryProblem(category: "c", demands: Self.demands(30),
                                      resources: (0..<5).map { ResourceInput(id: .number(Int64(100 + $0)), capacity: 2) })
        for r in 0..<5 {
            for d in 0..<30 { problem.arcs.append(resource: r, demand: d, cost: 7) }
        }
        let solution = try Solver.solve(Problem(categories: [problem]))
        let served = Set(solution.categories[0].assignments.map(\.demand))
        #expect(served == Set((0..<10).map { MatchID.number(Int64($0)) }))
        var random = SeededGenerator(seed: 5)
        for _ in 0..<5 {
            let shuffled = RandomInstance.shuffled(problem, using: &random)
            #expect(try Solver.solve(Problem(categories: [shuffled])) == solution)
        }
    }

    @Test("older demands win ties whatever their ids")
    func olderFirst() throws {
        var problem = CategoryProblem(category: "c", demands: [
            DemandInput(id: 1, quantity: 1, priority: 2, filed: 500),
            DemandInput(id: 2, quantity: 1, priority: 2, filed: 100),
        ], resources: [ResourceInput(id: 9, capacity: 1)])
        problem.arcs.append(resource: 0, demand: 0, cost: 3)
        problem.arcs.append(resource: 0, demand: 1, cost: 3)
        #expect(try Solver.solve(Problem(categories: [problem])).categories[0].assignments.map(\.demand) == [2])
    }

    @Test("a category with 100,000 demands and one resource is solved fast")
    func hundredThousandDemands() throws {
        var random = SeededGenerator(seed: 42)
        var problem = CategoryProblem(category: "c", resources: [ResourceInput(id: "R", capacity: 150_000)])
        problem.demands = (0..<100_000).map {
            DemandInput(id: .number(Int64($0)), quantity: Int64.random(in: 1...3, using: &random),
                        priority: Int.random(in: 1...5, using: &random), filed: Int64.random(in: 0...1000, using: &random))
        }
        problem.arcs.reserveCapacity(100_000)
        for d in 0..<100_000 { problem.arcs.append(resource: 0, demand: d, cost: Int64.random(in: 0...1000, using: &random)) }
        let clock = ContinuousClock()
        var solution: Solution?
        let elapsed = try clock.measure { solution = try Solver.solve(Problem(categories: [problem])) }
        // Generous for a debug build on a busy machine; a release build takes well under a second.
        #expect(elapsed < .seconds(30))
        let result = try #require(solution).categories[0]
        #expect(result.summary.satisfiedQuantity == 150_000)
        #expect(result.outcomes.count == 100_000)
        // Single resource: the optimum is "by priority, then cost": check S and C by sorting.
        let order = problem.demands.indices.sorted {
            (-problem.demands[$0].priority, problem.arcs.cost(at: $0)) < (-problem.demands[$1].priority, problem.arcs.cost(at: $1))
        }
        var left: Int64 = 150_000, s: Int64 = 0, c: Int64 = 0
        for d in order where left > 0 {
            let x = min(left, problem.demands[d].quantity)
            left -= x
            s += x * Int64(problem.demands[d].priority)
            c += x * problem.arcs.cost(at: d)
        }
        #expect(result.summary.weightedSatisfaction == s && result.summary.cost == c)
    }

    @Test("few resources serving many demands (each busy resource is a hub) stay fast")
    func hubs() throws {
        var random = SeededGenerator(seed: 9)
        var problem = CategoryProblem(category: "c")
        problem.resources = (0..<4).map { ResourceInput(id: .number(Int64($0)), capacity: 9_000 + Int64($0) * 1_000) }
        problem.demands = (0..<30_000).map {
            DemandInput(id: .number(Int64($0)), quantity: Int64.random(in: 1...3, using: &random),
                        priority: Int.random(in: 1...5, using: &random))
        }
        for d in 0..<30_000 {
            for r in 0..<4 where Int.random(in: 0..<4, using: &random) < 3 {
                problem.arcs.append(resource: r, demand: d, cost: Int64.random(in: 0...1000, using: &random))
            }
        }
        let clock = ContinuousClock()
        var solution: Solution?
        // Before leaf demands were kept out of the simplex's thread, this shape took
        // quadratic time (minutes in a debug build); the optimality certificate still holds.
        let elapsed = try clock.measure { solution = try Solver.solve(Problem(categories: [problem])) }
        #expect(elapsed < .seconds(30))
        #expect(try #require(solution).summary.satisfiedQuantity == 9_000 + 10_000 + 11_000 + 12_000)
    }
}
