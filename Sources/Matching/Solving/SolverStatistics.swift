/// What the solver did for one category (or, summed, for a run). Deterministic: the same
/// input gives the same numbers, so they can be recorded with a run and compared.
public struct SolverStatistics: Sendable, Hashable, Codable {
    /// Nodes of the flow network: resources and demands with at least one arc, plus the root.
    public var nodes: Int
    /// Arcs of the flow network: resource → demand arcs plus one slack arc per node.
    public var arcs: Int
    /// Network simplex pivots to reach the optimum (weighted quantity, then cost).
    public var pivots: Int
    /// Further pivots of the tie-break phase (older demands first among equal optima).
    public var tieBreakPivots: Int
    /// `W`, the weight of one unit of priority in the folded cost `cost − W × priority`.
    public var priorityWeight: Int64

    /// Makes statistics.
    public init(nodes: Int = 0, arcs: Int = 0, pivots: Int = 0, tieBreakPivots: Int = 0, priorityWeight: Int64 = 0) {
        self.nodes = nodes
        self.arcs = arcs
        self.pivots = pivots
        self.tieBreakPivots = tieBreakPivots
        self.priorityWeight = priorityWeight
    }
}
