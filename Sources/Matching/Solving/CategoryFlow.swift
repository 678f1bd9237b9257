/// The optimal flow of one category, arc by arc in canonical order, found by
/// ``NetworkSimplex`` in two phases: the lexicographic optimum (weighted quantity, then
/// cost), then, on the set of all such optima, the one serving older demands first.
struct CategoryFlow {
    /// The quantity on each canonical arc.
    var arcFlow: [Int64]
    var statistics = SolverStatistics()

    /// Solves a canonical category.
    ///
    /// - Parameters:
    ///   - category: The validated category.
    ///   - tieBreakByAge: Whether to run the age phase.
    /// - Throws: ``MatchingError`` (`costRange`) when the folded costs could overflow, or
    ///   (`internalInconsistency`) when the optimality certificate fails.
    init(_ category: CanonicalCategory, tieBreakByAge: Bool) throws {
        arcFlow = [Int64](repeating: 0, count: category.arcCount)
        guard category.arcCount > 0 else { return }

        // Only rows with an arc enter the network; the others cannot change.
        var resourceNode = [Int32](repeating: -1, count: category.resourceCount)
        var supplies = [Int64]()
        for r in category.arcResource where resourceNode[Int(r)] < 0 {
            resourceNode[Int(r)] = 0
        }
        for r in 0..<category.resourceCount where resourceNode[r] == 0 {
            resourceNode[r] = Int32(supplies.count)
            supplies.append(category.capacity[r])
        }
        var nodeDemand = [Int32](), needs = [Int64]()
        for d in 0..<category.demandCount where category.arcStart[d + 1] > category.arcStart[d] {
            nodeDemand.append(Int32(d))
            needs.append(category.quantity[d])
        }
        let nodes = supplies.count + needs.count + 1
        guard let weight = PriorityWeight(
            maximumAbsoluteCost: category.maximumAbsoluteCost, resources: supplies.count,
            demands: needs.count, nodes: nodes)
        else {
            throw MatchingError.costRange(category: category.category,
                "costs up to ±\(category.maximumAbsoluteCost) with \(nodes) nodes cannot be folded with priorities into 64-bit costs; lower the cost scale")
        }

        let simplex = NetworkSimplex(supplies: supplies, needs: needs, pairArcs: category.arcCount)
        for (index, d) in nodeDemand.enumerated() {
            let node = Int32(supplies.count + index)
            let value = weight.weight * category.priority[Int(d)]
            for k in Int(category.arcStart[Int(d)])..<Int(category.arcStart[Int(d) + 1]) {
                simplex.source[k] = resourceNode[Int(category.arcResource[k])]
                simplex.target[k] = node
                simplex.cost[k] = category.arcCost[k] - value
            }
        }
        simplex.run(initialArcs: Self.greedyStart(category, demands: nodeDemand, supplies: supplies, arcResource: simplex.source))
        if let problem = simplex.verifyOptimality(supplies: supplies, needs: needs) {
            throw MatchingError.internalInconsistency(category: category.category, "optimality certificate failed: \(problem)")
        }
        statistics = SolverStatistics(nodes: nodes, arcs: simplex.arcCount, pivots: simplex.pivots,
                                      priorityWeight: weight.weight)

        if tieBreakByAge {
            let objective = Self.objective(simplex, category)
            simplex.restrictToZeroReducedCost()
            let demandCount = Int64(category.demandCount), ageRank = category.ageRank
            let firstDemandNode = supplies.count, pairArcs = category.arcCount
            simplex.replaceCosts { e in
                guard e < pairArcs else { return 0 }
                let d = Int(nodeDemand[Int(simplex.target[e]) - firstDemandNode])
                return -(demandCount - Int64(ageRank[d]))   // a larger reward for older demands
            }
            let before = simplex.pivots
            simplex.run()
            statistics.tieBreakPivots = simplex.pivots - before
            if let problem = simplex.verifyOptimality(supplies: supplies, needs: needs) {
                throw MatchingError.internalInconsistency(category: category.category, "tie-break certificate failed: \(problem)")
            }
            guard Self.objective(simplex, category) == objective else {
                throw MatchingError.internalInconsistency(category: category.category, "the tie-break changed S or C")
            }
        }
        for k in 0..<category.arcCount { arcFlow[k] = simplex.flow[k] }
    }

    /// `(S, C)` of the simplex's current flow.
    private static func objective(_ simplex: NetworkSimplex, _ category: CanonicalCategory) -> [Int64] {
        var s: Int64 = 0, c: Int64 = 0
        for d in 0..<category.demandCount {
            for k in Int(category.arcStart[d])..<Int(category.arcStart[d + 1]) {
                s += simplex.flow[k] * category.priority[d]
                c += simplex.flow[k] * category.arcCost[k]
            }
        }
        return [s, c]
    }
}
