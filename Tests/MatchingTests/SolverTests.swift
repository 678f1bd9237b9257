import Matching
import Testing

@Suite("Solver: optimality")
struct SolverTests {
    @Test("S, C and the age tie-break equal an independent exact solver on 500 random problems")
    func matchesReference() throws {
        for seed in 0..<500 as Range<UInt64> {
            var random = SeededGenerator(seed: seed)
            var shape = RandomInstance.Shape()
            shape.terms = Int.random(in: 1...3, using: &random)
            if seed % 5 == 0 { shape.costs = -6...6 }         // bonuses make costs negative
            if seed % 7 == 0 { shape.costs = 0...0 }          // ties everywhere
            if seed % 3 == 0 { shape.density = 0.9 }
            let categories = (0..<Int.random(in: 1...3, using: &random)).map {
                RandomInstance.category("c\($0)", shape: shape, using: &random)
            }
            let solution = try Solver.solve(Problem(categories: categories), options: .init(threads: 1))
            for (problem, result) in zip(categories, solution.categories) {
                let reference = ReferenceSolver.solve(problem)
                let engine = CheckedAllocation(result, problem)
                #expect(engine.s == reference.s, "seed \(seed) \(problem.category): S")
                #expect(engine.c == reference.c, "seed \(seed) \(problem.category): C")
                #expect(engine.ageScore == reference.ageScore, "seed \(seed) \(problem.category): age")
            }
        }
    }

    @Test("the reference solver itself equals brute force on tiny problems")
    func referenceMatchesBruteForce() {
        for seed in 1000..<1300 as Range<UInt64> {
            var random = SeededGenerator(seed: seed)
            var shape = RandomInstance.Shape()
            shape.resources = 1...2
            shape.demands = 1...3
            shape.quantities = 1...3
            shape.capacities = 0...3
            shape.costs = -3...5
            let problem = RandomInstance.category("c", shape: shape, using: &random)
            guard problem.arcs.count <= 5 else { continue }
            let reference = ReferenceSolver.solve(problem)
            let best = BruteForce.best(problem)
            #expect([reference.s, -reference.c, reference.ageScore] == best, "seed \(seed)")
        }
    }

    @Test("the engine's optimum equals brute force on tiny problems")
    func engineMatchesBruteForce() throws {
        for seed in 2000..<2300 as Range<UInt64> {
            var random = SeededGenerator(seed: seed)
            var shape = RandomInstance.Shape()
            shape.resources = 1...2
            shape.demands = 1...3
            shape.quantities = 1...3
            shape.capacities = 0...3
            let problem = RandomInstance.category("c", shape: shape, using: &random)
            guard problem.arcs.count <= 5 else { continue }
            let solution = try Solver.solve(Problem(categories: [problem]))
            let engine = CheckedAllocation(solution.categories[0], problem)
            #expect([engine.s, -engine.c, engine.ageScore] == BruteForce.best(problem), "seed \(seed)")
        }
    }

    @Test("larger random problems: S and C equal the reference")
    func largerProblems() throws {
        for seed in 3000..<3020 as Range<UInt64> {
            var random = SeededGenerator(seed: seed)
            var shape = RandomInstance.Shape()
            shape.resources = 5...15
            shape.demands = 20...40
            shape.density = 0.3
            shape.costs = 0...100
            shape.quantities = 1...9
            shape.capacities = 0...12
            let problem = RandomInstance.category("big", shape: shape, using: &random)
            let solution = try Solver.solve(Problem(categories: [problem]))
            let reference = ReferenceSolver.solve(problem)
            let engine = CheckedAllocation(solution.categories[0], problem)
            #expect([engine.s, engine.c, engine.ageScore] == [reference.s, reference.c, reference.ageScore], "seed \(seed)")
        }
    }
}

/// Every integer flow of a tiny problem, the lexicographically best `[S, −C, age score]`.
enum BruteForce {
    static func best(_ problem: CategoryProblem) -> [Int64] {
        let reward = ReferenceSolver.ageRewards(problem.demands)
        var best: [Int64] = [0, 0, 0]
        var flow = [Int64](repeating: 0, count: problem.arcs.count)
        func visit(_ arc: Int) {
            if arc == problem.arcs.count {
                var served = [Int64](repeating: 0, count: problem.demands.count)
                var used = [Int64](repeating: 0, count: problem.resources.count)
                var value: [Int64] = [0, 0, 0]
                for k in flow.indices {
                    let d = Int(problem.arcs.demands[k]), r = Int(problem.arcs.resources[k])
                    served[d] += flow[k]
                    used[r] += flow[k]
                    value[0] += flow[k] * Int64(problem.demands[d].priority)
                    value[1] -= flow[k] * problem.arcs.cost(at: k)
                    value[2] += flow[k] * reward[d]
                }
                let feasible = problem.demands.indices.allSatisfy { served[$0] <= problem.demands[$0].quantity }
                    && problem.resources.indices.allSatisfy { used[$0] <= problem.resources[$0].capacity }
                if feasible && best.lexicographicallyPrecedes(value) { best = value }
                return
            }
            let limit = min(problem.demands[Int(problem.arcs.demands[arc])].quantity,
                            problem.resources[Int(problem.arcs.resources[arc])].capacity)
            for x in 0...limit {
                flow[arc] = x
                visit(arc + 1)
            }
            flow[arc] = 0
        }
        visit(0)
        return best
    }
}
