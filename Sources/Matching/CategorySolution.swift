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

    /// Durations of one category's phases.
    public struct Timings: Sendable, Hashable, Codable {
        /// Validating and sorting the input.
        public var canonicalize: Duration
        /// The network simplex (both phases).
        public var solve: Duration
        /// Building the allocations and explanations.
        public var explain: Duration
    }
}
