// The steps of one pivot: the cycle, the blocking arc, the flow change, and the update of the
// core tree (LEMON's thread-index method: the subtree that changes parent is re-threaded in
// place, and only the core nodes on the cycle and in the moved subtree are touched).
extension NetworkSimplex {
    /// The apex of the cycle the entering arc closes: walk up from both ends, always from the
    /// end with the smaller subtree (it cannot be an ancestor of the other). A leaf target
    /// starts from its parent (a leaf is nobody's ancestor).
    @inline(__always)
    func findJoinNode() {
        var u = Int(source[inArc]), v = Int(target[inArc])
        if inCore[v] == 0 { v = Int(parent[v]) }
        while u != v {
            if succNum[u] < succNum[v] { u = Int(parent[u]) } else { v = Int(parent[v]) }
        }
        join = u
    }

    /// The blocking arc: flow goes along the entering arc (source → target), up from the
    /// target to the join and down from the join to the source; only arcs traversed against
    /// their direction lose flow. Ties go to the last blocking arc in the cycle's direction
    /// from the join (strict `<` on the first side, `<=` on the second), which keeps the tree
    /// strongly feasible, so degenerate pivots cannot cycle.
    @inline(__always)
    func findLeavingArc() {
        let first = Int(source[inArc]), second = Int(target[inArc])
        var best = Int64.max, side = 0
        var u = first
        while u != join {
            if predDir[u] == Self.up {
                let d = flow[Int(pred[u])]
                if d < best {
                    best = d
                    uOut = u
                    side = 1
                }
            }
            u = Int(parent[u])
        }
        u = second
        while u != join {
            if predDir[u] == Self.down {
                let d = flow[Int(pred[u])]
                if d <= best {
                    best = d
                    uOut = u
                    side = 2
                }
            }
            u = Int(parent[u])
        }
        // The network has no directed cycle (resources have no entering arcs, demands no
        // leaving ones), so every cycle has a blocking arc.
        precondition(side != 0, "unbounded pivot in an acyclic network")
        delta = best
        if side == 1 {
            uIn = first
            vIn = second
        } else {
            uIn = second
            vIn = first
        }
    }

    /// Sends `delta` around the cycle and swaps the arcs' states.
    @inline(__always)
    func changeFlow() {
        if delta > 0 {
            let amount = delta
            flow[inArc] &+= amount
            var u = Int(source[inArc])
            while u != join {
                flow[Int(pred[u])] &-= Int64(predDir[u]) &* amount
                u = Int(parent[u])
            }
            u = Int(target[inArc])
            while u != join {
                flow[Int(pred[u])] &+= Int64(predDir[u]) &* amount
                u = Int(parent[u])
            }
        }
        state[inArc] = 0
        state[Int(pred[uOut])] = 1
    }

    /// Shifts the potentials of the moved core subtree so that the entering arc's reduced cost
    /// is 0 (leaf demands follow their anchors) or, when that subtree is more than half the
    /// core, shifts all other core nodes the other way: only differences of potentials matter.
    @inline(__always)
    func updatePotential() {
        let sigma = potential[vIn] &- potential[uIn] &- Int64(predDir[uIn]) &* cost[inArc]
        let end = Int(thread[Int(lastSucc[uIn])])
        if Int(succNum[uIn]) * 2 <= Int(succNum[root]) {
            var u = uIn
            while u != end {
                potential[u] &+= sigma
                u = Int(thread[u])
            }
        } else {
            var u = end
            while u != uIn {
                potential[u] &-= sigma
                u = Int(thread[u])
            }
        }
    }
}
