// What happens between and after the simplex runs: the optimality certificate, and the
// switch to the tie-break objective on the optimal face.
extension NetworkSimplex {
    /// Checks that the current flow is feasible and optimal for the current costs: node
    /// balances hold, flows are non-negative, only tree arcs carry flow, tree arcs have
    /// reduced cost 0 and no arc has a negative one (LP duality: the potentials prove it).
    ///
    /// - Parameters:
    ///   - supplies: Each resource node's capacity.
    ///   - needs: Each demand node's quantity.
    /// - Returns: `nil`, or what is wrong.
    func verifyOptimality(supplies: [Int64], needs: [Int64]) -> String? {
        var inTree = [Bool](repeating: false, count: arcCount)
        for u in 0..<root { inTree[Int(pred[u])] = true }
        var balance = [Int64](repeating: 0, count: nodeCount)
        for e in 0..<arcCount {
            let x = flow[e], reduced = reducedCost(e)
            if x < 0 { return "arc \(e) has negative flow \(x)" }
            if !inTree[e] && x != 0 { return "non-tree arc \(e) carries flow \(x)" }
            if inTree[e] && reduced != 0 { return "tree arc \(e) has reduced cost \(reduced)" }
            if reduced < 0 && state[e] == 1 { return "arc \(e) still has negative reduced cost \(reduced)" }
            balance[Int(source[e])] += x
            balance[Int(target[e])] -= x
        }
        for u in 0..<root {
            let expected = u < supplies.count ? supplies[u] : -needs[u - supplies.count]
            if balance[u] != expected { return "node \(u) is out of balance: \(balance[u]) ≠ \(expected)" }
        }
        return nil
    }

    /// Keeps only arcs with reduced cost 0 eligible to enter. With the current potentials
    /// optimal, the flows that use no other arc are exactly the optimal flows
    /// (complementary slackness), so later pivots cannot leave the optimal face.
    func restrictToZeroReducedCost() {
        for e in 0..<arcCount where state[e] == 1 && reducedCost(e) != 0 {
            state[e] = 0
        }
    }

    /// Replaces every arc's cost and recomputes the potentials from the unchanged tree: the
    /// core's in thread order (a parent before its children), then the leaves' offsets.
    ///
    /// - Parameter newCost: The new cost of arc `e`.
    func replaceCosts(_ newCost: (Int) -> Int64) {
        for e in 0..<arcCount { cost[e] = newCost(e) }
        potential[root] = 0
        var u = Int(thread[root])
        while u != root {
            potential[u] = potential[Int(parent[u])] &- Int64(predDir[u]) &* cost[Int(pred[u])]
            u = Int(thread[u])
        }
        for v in resourceCount..<root where inCore[v] == 0 {
            offset[v] = cost[Int(pred[v])]
        }
    }
}
