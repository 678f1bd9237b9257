/// The result of a run: per category, in order of category code (byte order), plus totals.
///
/// Deterministic: the same ``Problem`` gives an equal `Solution` (and the same encoded bytes)
/// whatever the order of its rows and however many threads solved it; only
/// ``CategorySolution/timings``, present when a clock was passed, varies.
public struct Solution: Sendable, Hashable, Codable {
    /// The categories, ordered by code.
    public var categories: [CategorySolution]

    /// Makes a solution.
    public init(categories: [CategorySolution]) {
        self.categories = categories
    }

    /// The run's figures: the categories' summed.
    public var summary: CategorySummary {
        categories.reduce(into: CategorySummary()) { $0.add($1.summary) }
    }

    /// The run's solver statistics: nodes, arcs and pivots summed; the largest `W`.
    public var statistics: SolverStatistics {
        categories.reduce(into: SolverStatistics()) { total, category in
            total.nodes += category.statistics.nodes
            total.arcs += category.statistics.arcs
            total.pivots += category.statistics.pivots
            total.tieBreakPivots += category.statistics.tieBreakPivots
            total.priorityWeight = max(total.priorityWeight, category.statistics.priorityWeight)
        }
    }
}
