/// The result for one category: its allocations, figures, solver statistics and, when asked
/// for, an explanation per demand.
public struct CategorySolution: Sendable, Hashable, Codable {
    /// The category's code.
    public var category: String
    /// The figures: sizes, S, C, served counts.
    public var summary: CategorySummary
    /// What the solver did.
    public var statistics: SolverStatistics
    /// The allocations, ordered by demand id, then resource id.
    public var assignments: [Assignment]
    /// One entry per demand, by demand id: what it got and why not more (empty when
    /// explanations were not requested).
    public var outcomes: [DemandOutcome]
    /// How long the phases took, when the solver was given a clock (not deterministic, so
    /// `nil` unless asked for).
    public var timings: Timings?

    /// Makes a category's result (e.g. when reading a recorded run back).
    public init(
        category: String, summary: CategorySummary, statistics: SolverStatistics, assignments: [Assignment],
        outcomes: [DemandOutcome], timings: Timings? = nil
    ) {
        self.category = category
        self.summary = summary
        self.statistics = statistics
        self.assignments = assignments
        self.outcomes = outcomes
        self.timings = timings
    }

    /// Durations of one category's phases.
    public struct Timings: Sendable, Hashable, Codable {
        /// Validating and sorting the input.
        public var canonicalize: Duration
        /// The network simplex (both phases).
        public var solve: Duration
        /// Building the allocations and explanations.
        public var explain: Duration

        /// Makes timings.
        public init(canonicalize: Duration, solve: Duration, explain: Duration) {
            self.canonicalize = canonicalize
            self.solve = solve
            self.explain = explain
        }
    }
}
