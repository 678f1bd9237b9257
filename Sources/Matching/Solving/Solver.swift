import Dispatch
import Synchronization

/// The matching engine: finds, per category, the allocation that serves the most
/// priority-weighted quantity and, among those, costs least; explains it; and does so
/// deterministically.
///
/// **Objective** (as in the benchmark kit): first maximise `S = Σ priority × quantity`
/// allocated, then minimise `C = Σ unit cost × quantity`; demands may be partly filled and
/// served by several resources. Among allocations with the same S and C, older demands are
/// served first (by ``DemandInput/filed``, then id).
///
/// **Algorithm**: an exact primal network simplex (``NetworkSimplex``, block-search pricing)
/// on each category's transportation network, with the two objectives folded into one
/// integer cost `cost − W × priority` by a provably sufficient and overflow-checked `W`
/// (``PriorityWeight``), then a second simplex phase restricted to the optimal face for the
/// age tie-break. Every result is checked against its LP optimality certificate.
///
/// **Determinism**: rows are sorted by id before solving, every loop and tie-break runs in
/// that order, and categories are independent, so the result is the same for any row order
/// and any number of threads.
///
/// The engine does no I/O: the caller loads the problem, stores the solution and, if it
/// wants timings, passes a clock. `solve` is synchronous and CPU-bound (it spreads categories
/// over Dispatch's worker threads and waits): from async code, call it from a task that may
/// block, not from a latency-sensitive executor.
///
/// ```swift
/// var care = CategoryProblem(category: "elderly_care")
/// care.demands = [DemandInput(id: 1, quantity: 2, priority: 5), DemandInput(id: 2, quantity: 1, priority: 3)]
/// care.resources = [ResourceInput(id: 7, capacity: 2)]
/// care.arcs.append(resource: 0, demand: 0, cost: 250)
/// care.arcs.append(resource: 0, demand: 1, cost: 0)
/// let solution = try Solver.solve(Problem(categories: [care]))
/// solution.summary.weightedSatisfaction   // 10: both units to the priority-5 demand
/// print(solution.categories[0].outcomes[1])
/// // 2 (p3): served 0 of 1 已分配 0/1
/// //   not used 未用: 7 at 0: full 已满 — 1 (p5) ×2 [higher priority 优先级更高]
/// //   1 missing 缺口: every eligible resource is full 资源已满 — 1 allocations to other demands (p5 1), e.g. 1 (p5) ×2
/// ```
public enum Solver {
    /// How to solve.
    public struct Options: Sendable {
        /// How many categories to solve at once: `nil` for one per core, 1 for the calling
        /// thread only. The result does not depend on it.
        public var threads: Int?
        /// Whether to build the per-demand explanations (``CategorySolution/outcomes``).
        public var explain: Bool
        /// Whether to prefer older demands among equally good allocations (a second, usually
        /// short, simplex phase).
        public var tieBreakByAge: Bool
        /// A clock to time each category's phases with (``CategorySolution/timings``), or `nil`.
        public var clock: (any Clock<Duration>)?

        /// Makes options.
        ///
        /// - Parameters:
        ///   - threads: Categories solved at once; `nil` for one per core.
        ///   - explain: Whether to build explanations.
        ///   - tieBreakByAge: Whether to prefer older demands among equal optima.
        ///   - clock: A clock for timings, or `nil`.
        public init(threads: Int? = nil, explain: Bool = true, tieBreakByAge: Bool = true,
                    clock: (any Clock<Duration>)? = nil) {
            self.threads = threads
            self.explain = explain
            self.tieBreakByAge = tieBreakByAge
            self.clock = clock
        }
    }

    /// Solves every category of a problem.
    ///
    /// - Parameters:
    ///   - problem: The run's input.
    ///   - options: Threads, explanations, tie-break, clock.
    /// - Returns: The optimal allocation per category, ordered by category code.
    /// - Throws: ``MatchingError``: invalid input (the first failing category in code order),
    ///   a cost range too wide for 64-bit arithmetic, or (a bug) a failed optimality check.
    public static func solve(_ problem: Problem, options: Options = Options()) throws -> Solution {
        let categories = problem.categories.sorted { $0.category.utf8.lexicographicallyPrecedes($1.category.utf8) }
        for (a, b) in zip(categories, categories.dropFirst()) where a.category.utf8.elementsEqual(b.category.utf8) {
            throw MatchingError.invalidInput(category: a.category, "the category appears twice")
        }
        // Largest first, so that one big category does not start last on a busy core.
        let schedule = categories.indices.sorted { (-categories[$0].arcs.count, $0) < (-categories[$1].arcs.count, $1) }
        let results = Mutex([Result<CategorySolution, MatchingError>?](repeating: nil, count: categories.count))
        let next = Atomic(0)
        let work = { @Sendable in
            while true {
                let position = next.add(1, ordering: .relaxed).oldValue
                guard position < schedule.count else { return }
                let index = schedule[position]
                let result = Result { try solve(categories[index], options: options) }
                    .mapError { $0 as? MatchingError ?? .internalInconsistency(category: categories[index].category, "\($0)") }
                results.withLock { $0[index] = result }
            }
        }
        let workers = min(options.threads ?? categories.count, categories.count)
        if workers <= 1 {
            work()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in work() }
        }
        return Solution(categories: try results.withLock { try $0.map { try $0!.get() } })
    }

    /// Solves one category.
    static func solve(_ input: CategoryProblem, options: Options) throws -> CategorySolution {
        let (canonical, canonicalize) = try timed(options.clock) { try CanonicalCategory(input) }
        let (flow, solve) = try timed(options.clock) { try CategoryFlow(canonical, tieBreakByAge: options.tieBreakByAge) }
        var (solution, explain) = try timed(options.clock) {
            try CategorySolution(input: input, category: canonical, flow: flow, explain: options.explain)
        }
        if let canonicalize, let solve, let explain {
            solution.timings = CategorySolution.Timings(canonicalize: canonicalize, solve: solve, explain: explain)
        }
        return solution
    }

    /// Runs `body`, timing it when there is a clock.
    private static func timed<T>(_ clock: (any Clock<Duration>)?, _ body: () throws -> T) throws -> (T, Duration?) {
        guard let clock else { return (try body(), nil) }
        var value: T?
        let duration = try clock.measure { value = try body() }
        return (value!, duration)
    }
}
