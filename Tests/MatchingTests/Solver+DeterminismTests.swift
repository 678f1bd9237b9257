import Foundation
import Matching
import Testing

@Suite("Solver: determinism")
struct SolverDeterminismTests {
    /// The bytes a run would record: the whole solution, explanations included, as sorted JSON.
    static func bytes(_ solution: Solution) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(solution)
    }

    static func problem(seed: UInt64) -> Problem {
        var random = SeededGenerator(seed: seed)
        var shape = RandomInstance.Shape()
        shape.resources = 3...20
        shape.demands = 10...60
        shape.density = 0.25
        shape.costs = 0...5          // few distinct costs: many equally good optima
        shape.terms = 2
        return Problem(categories: (0..<6).map { RandomInstance.category("cat\(5 - $0)", shape: shape, using: &random) })
    }

    @Test("shuffled rows and categories give byte-identical solutions", arguments: 0..<25 as Range<UInt64>)
    func shuffledInput(seed: UInt64) throws {
        let problem = Self.problem(seed: seed)
        var random = SeededGenerator(seed: seed ^ 0xfeed)
        var shuffled = problem
        shuffled.categories = problem.categories.map { RandomInstance.shuffled($0, using: &random) }.shuffled(using: &random)
        let expected = try Self.bytes(Solver.solve(problem, options: .init(threads: 1)))
        #expect(try Self.bytes(Solver.solve(shuffled, options: .init(threads: 1))) == expected)
        #expect(try problem.fingerprint() == shuffled.fingerprint())
    }

    @Test("1, 2, 4 threads and one per core give byte-identical solutions", arguments: 100..<110 as Range<UInt64>)
    func threadCounts(seed: UInt64) throws {
        let problem = Self.problem(seed: seed)
        let expected = try Self.bytes(Solver.solve(problem, options: .init(threads: 1)))
        for threads in [2, 4, nil] as [Int?] {
            #expect(try Self.bytes(Solver.solve(problem, options: .init(threads: threads))) == expected)
        }
    }

    @Test("categories come out in code order (bytes), whatever order they go in")
    func categoryOrder() throws {
        let names = ["文化", "b", "B", "a10", "a9"]
        let problem = Problem(categories: names.map { CategoryProblem(category: $0) })
        let solution = try Solver.solve(problem, options: .init(threads: 3))
        #expect(solution.categories.map(\.category) == ["B", "a10", "a9", "b", "文化"])
    }

    @Test("timings appear only when a clock is given")
    func timingsNeedAClock() throws {
        let problem = Self.problem(seed: 7)
        #expect(try Solver.solve(problem).categories.allSatisfy { $0.timings == nil })
        #expect(try Solver.solve(problem, options: .init(clock: ContinuousClock())).categories.allSatisfy { $0.timings != nil })
    }
}
