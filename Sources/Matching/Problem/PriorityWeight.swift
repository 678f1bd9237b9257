/// The factor `W` that folds the lexicographic objective (first maximise
/// `S = Σ priority × quantity`, then minimise `C = Σ cost × quantity`) into one integer arc
/// cost `cost − W × priority` to minimise, and the check that this never overflows `Int64`.
///
/// **Why `W = M × 2 × min(R, D) + 1` is enough.** Let `M` be the largest absolute arc cost and
/// `R`, `D` the numbers of resources and demands that have at least one arc. A flow is optimal
/// for a linear cost iff its residual network has no negative cycle, and the difference of two
/// flows splits into residual *simple* cycles. On a simple cycle γ, `ΔS(γ)` is an integer and
/// `|ΔC(γ)| ≤ M × (number of resource–demand arcs on γ)`; each such arc touches one resource
/// node and one demand node, each node of a simple cycle carries exactly two of its arcs, so
/// γ has at most `2 × min(R, D)` of them and `|ΔC(γ)| ≤ M × 2 × min(R, D) < W`. Hence:
/// a cycle that raises S (`ΔS ≥ 1`) has folded cost `ΔC − W ΔS < 0`, one that lowers S has
/// folded cost `> 0`, and one that keeps S has folded cost `ΔC`. So "no negative folded
/// cycle" means exactly "no cycle raises S, and none keeps S while lowering C", which is
/// lexicographic optimality. This bound is usually far below the kit's "larger than any
/// total cost" bound (`M × Σ capacity`), which keeps potentials small.
///
/// **Why it fits in `Int64`.** Every folded arc cost has magnitude at most `K = 5W + M`. The
/// simplex's node potentials are sums of tree-arc costs along a path of at most `N − 1` arcs
/// (`N` nodes), so `|π| ≤ (N − 1) K`, and every reduced cost `c + π(u) − π(v)` and every
/// intermediate of a potential update is at most `2N K` in magnitude. ``init(maximumAbsoluteCost:resources:demands:nodes:)``
/// refuses a category where `(2N + 2) K` would exceed `Int64.max`; below that, the solver's
/// wrapping arithmetic (`&+`) can never wrap.
struct PriorityWeight: Sendable, Hashable {
    /// `W`: one unit of priority outweighs any cost difference a cycle can make.
    let weight: Int64
    /// `K = 5W + M`, the largest folded arc cost magnitude.
    let largestFoldedCost: Int64

    /// Computes `W` and checks the overflow bound.
    ///
    /// - Parameters:
    ///   - maximumAbsoluteCost: `M`.
    ///   - resources: `R`, resources with at least one arc.
    ///   - demands: `D`, demands with at least one arc.
    ///   - nodes: `N`, the network's nodes (resources, demands and the root).
    /// - Returns: `nil` when `(2N + 2) K` would not fit in `Int64`.
    init?(maximumAbsoluteCost: Int64, resources: Int, demands: Int, nodes: Int) {
        let (span, o1) = maximumAbsoluteCost.multipliedReportingOverflow(by: Int64(2 * min(resources, demands)))
        let (weight, o2) = span.addingReportingOverflow(1)
        let (fivefold, o3) = weight.multipliedReportingOverflow(by: 5)
        let (largest, o4) = fivefold.addingReportingOverflow(maximumAbsoluteCost)
        let (_, o5) = largest.multipliedReportingOverflow(by: Int64(2 * nodes + 2))
        guard !(o1 || o2 || o3 || o4 || o5) else { return nil }
        self.weight = weight
        self.largestFoldedCost = largest
    }
}
