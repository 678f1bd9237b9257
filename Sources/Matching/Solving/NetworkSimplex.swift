/// A primal network simplex for one category's transportation network, the engine's exact
/// min-cost-flow solver.
///
/// **The network.** Resource nodes `0 ..< R` (supply = capacity), demand nodes `R ..< R + D`
/// (need = quantity) and a root. Arcs `0 ..< m` are the resource → demand arcs with folded
/// cost `cost − W × priority` (``PriorityWeight``); arc `m + u` is node `u`'s *slack* arc,
/// cost 0: `resource → root` carries unused capacity, `root → demand` unmet quantity. Every
/// arc is uncapacitated (node balances bound the flows), so an arc is either in the spanning
/// tree or at zero, and only arcs whose flow would *decrease* can block a pivot.
///
/// **Why network simplex.** It returns an exact optimal *basic* solution with exact node
/// potentials (the certificate ``verifyOptimality(supplies:needs:)`` checks, and what the age
/// tie-break phase starts from), it is deterministic given the arc order, and on sparse
/// bipartite networks of this size (10^4–10^5 nodes, 10^5–10^6 arcs) it is the fastest exact
/// method in published comparisons (Kovács, *Minimum-cost flow algorithms: an experimental
/// evaluation*, 2015), ahead of cost scaling, which wins only on larger networks. The slack
/// arcs form a feasible starting tree, so no big-M artificial arcs are needed.
///
/// **The tree** follows LEMON's `NetworkSimplex` (parent, predecessor arc and direction,
/// preorder *thread* with its reverse, subtree sizes and last successors), so that a pivot
/// costs time in proportion to the cycle and the moved subtree, with one change for this
/// network: a demand's tree neighbours are only resources and the root, so a demand with no
/// children (a *leaf*) needs no potential of its own: it is `π(parent) + cost(pred)`, kept as
/// an anchor and an offset. Only the root, the resources and the demands that have children
/// (the *core*) are threaded and carry potentials. Without this, a resource serving 20,000
/// demands drags all of them through every pivot that moves it, and a category with many
/// demands per resource takes quadratic time; with it, a pivot touches core nodes only.
///
/// **Pricing** is *block search* (scan √m arcs, enter the most negative, continue from there
/// next time); the first pivots come from a greedy start (``CategoryFlow``). Leaving arcs are
/// chosen to keep the tree *strongly feasible*, which rules out cycling. All arrays are flat,
/// manually allocated buffers of `Int32`/`Int64`: no bounds checks, no reference counting,
/// no copy-on-write in the inner loops. Potentials are only ever used in differences, and
/// wrapping arithmetic keeps differences exact, so shifting a whole side of the tree by a
/// constant is harmless.
final class NetworkSimplex {
    static let up: Int8 = 1      // the predecessor arc points from the node to its parent
    static let down: Int8 = -1   // … from the parent to the node

    let nodeCount: Int   // including the root, the last node
    let arcCount: Int    // resource → demand arcs plus one slack arc per non-root node
    let pairArcCount: Int
    let resourceCount: Int
    let root: Int
    let blockSize: Int

    let source: UnsafeMutablePointer<Int32>
    let target: UnsafeMutablePointer<Int32>
    let cost: UnsafeMutablePointer<Int64>
    let flow: UnsafeMutablePointer<Int64>
    /// 1: a non-tree arc that may enter; 0: a tree arc, or an arc excluded from entering.
    let state: UnsafeMutablePointer<Int8>

    // Every node.
    let parent: UnsafeMutablePointer<Int32>
    let pred: UnsafeMutablePointer<Int32>
    let predDir: UnsafeMutablePointer<Int8>
    /// 1 for core nodes (threaded, with a potential), 0 for leaf demands.
    let inCore: UnsafeMutablePointer<UInt8>
    /// A node's potential is `potential[anchor] + offset`: itself and 0 in the core; its
    /// parent and the cost of its tree arc for a leaf demand.
    let anchor: UnsafeMutablePointer<Int32>
    let offset: UnsafeMutablePointer<Int64>
    // Core nodes only.
    let potential: UnsafeMutablePointer<Int64>
    let thread: UnsafeMutablePointer<Int32>
    let revThread: UnsafeMutablePointer<Int32>
    let succNum: UnsafeMutablePointer<Int32>
    let lastSucc: UnsafeMutablePointer<Int32>
    let dirty: UnsafeMutablePointer<Int32>

    /// Pivots performed so far.
    var pivots = 0
    var nextArc = 0

    // The pivot in progress (names as in the literature: the entering arc joins u_in to v_in;
    // the leaving arc joins u_out to its parent v_out).
    var inArc = 0, join = 0, uIn = 0, vIn = 0, uOut = 0
    var delta: Int64 = 0

    /// Makes the network with its starting tree: every node hangs from the root by its slack
    /// arc, carrying the node's whole capacity (resources) or quantity (demands). The caller
    /// then fills `source`, `target` and `cost` of arcs `0 ..< pairArcs`.
    ///
    /// - Parameters:
    ///   - supplies: Each resource node's capacity.
    ///   - needs: Each demand node's quantity.
    ///   - pairArcs: The number of resource → demand arcs.
    init(supplies: [Int64], needs: [Int64], pairArcs: Int) {
        let nodes = supplies.count + needs.count
        precondition(nodes > 0, "an empty network has nothing to solve")
        nodeCount = nodes + 1
        pairArcCount = pairArcs
        resourceCount = supplies.count
        arcCount = pairArcs + nodes
        root = nodes
        blockSize = max(Int(Double(arcCount).squareRoot().rounded(.up)), 10)
        source = .allocate(capacity: arcCount)
        target = .allocate(capacity: arcCount)
        cost = .allocate(capacity: arcCount)
        flow = .allocate(capacity: arcCount)
        state = .allocate(capacity: arcCount)
        parent = .allocate(capacity: nodeCount)
        pred = .allocate(capacity: nodeCount)
        predDir = .allocate(capacity: nodeCount)
        inCore = .allocate(capacity: nodeCount)
        anchor = .allocate(capacity: nodeCount)
        offset = .allocate(capacity: nodeCount)
        potential = .allocate(capacity: nodeCount)
        thread = .allocate(capacity: nodeCount)
        revThread = .allocate(capacity: nodeCount)
        succNum = .allocate(capacity: nodeCount)
        lastSucc = .allocate(capacity: nodeCount)
        dirty = .allocate(capacity: nodeCount)
        flow.initialize(repeating: 0, count: pairArcs)
        state.initialize(repeating: 1, count: pairArcs)
        potential.initialize(repeating: 0, count: nodeCount)
        offset.initialize(repeating: 0, count: nodeCount)

        // The core starts as the root and the resources, threaded root → 0 → … → R−1 → root.
        let resources = supplies.count
        parent[root] = -1
        pred[root] = -1
        predDir[root] = 0
        inCore[root] = 1
        anchor[root] = Int32(root)
        thread[root] = Int32(resources > 0 ? 0 : root)
        revThread[root] = Int32(resources > 0 ? resources - 1 : root)
        succNum[root] = Int32(resources + 1)
        lastSucc[root] = Int32(resources > 0 ? resources - 1 : root)
        for u in 0..<nodes {
            let slack = pairArcs + u
            parent[u] = Int32(root)
            pred[u] = Int32(slack)
            cost[slack] = 0
            state[slack] = 0
            if u < resources {
                predDir[u] = Self.up
                inCore[u] = 1
                anchor[u] = Int32(u)
                thread[u] = Int32(u + 1 < resources ? u + 1 : root)
                revThread[u] = Int32(u > 0 ? u - 1 : root)
                succNum[u] = 1
                lastSucc[u] = Int32(u)
                source[slack] = Int32(u)
                target[slack] = Int32(root)
                flow[slack] = supplies[u]
            } else {
                predDir[u] = Self.down
                inCore[u] = 0
                anchor[u] = Int32(root)   // offset 0: the slack arc costs nothing
                source[slack] = Int32(root)
                target[slack] = Int32(u)
                flow[slack] = needs[u - resources]
            }
        }
    }

    deinit {
        for pointer in [source, target, pred, parent, anchor, thread, revThread, succNum, lastSucc, dirty] as [UnsafeMutablePointer<Int32>] {
            pointer.deallocate()
        }
        for pointer in [cost, flow, offset, potential] as [UnsafeMutablePointer<Int64>] {
            pointer.deallocate()
        }
        state.deallocate()
        predDir.deallocate()
        inCore.deallocate()
    }

    /// The potential of any node.
    @inline(__always)
    func potentialOf(_ u: Int) -> Int64 {
        potential[Int(anchor[u])] &+ offset[u]
    }

    /// The reduced cost `c(e) + π(source) − π(target)` of arc `e`. Sources are resources or
    /// the root, always in the core.
    @inline(__always)
    func reducedCost(_ e: Int) -> Int64 {
        cost[e] &+ potential[Int(source[e])] &- potentialOf(Int(target[e]))
    }

    /// Pivots on each given arc that is still improving, in order, then runs block search
    /// until no arc has a negative reduced cost.
    ///
    /// - Parameter initialArcs: Arcs to try first (a greedy start), or none.
    func run(initialArcs: [Int32] = []) {
        for arc in initialArcs where state[Int(arc)] == 1 && reducedCost(Int(arc)) < 0 {
            pivot(on: Int(arc))
        }
        nextArc = 0
        while let arc = findEnteringArc() {
            pivot(on: arc)
        }
    }

    /// Block search: scans arcs from where the last search stopped, `blockSize` at a time, and
    /// returns the most negative one of the first block that has any; `nil` at optimality.
    func findEnteringArc() -> Int? {
        var best: Int64 = 0, bestArc = -1, left = blockSize
        let start = nextArc
        if let stop = scan(start..<arcCount, best: &best, bestArc: &bestArc, left: &left) {
            nextArc = stop
            return bestArc
        }
        if let stop = scan(0..<start, best: &best, bestArc: &bestArc, left: &left) {
            nextArc = stop
            return bestArc
        }
        guard bestArc >= 0 else { return nil }
        nextArc = start
        return bestArc
    }

    /// Scans `range`, keeping the most negative reduced cost; returns the position after the
    /// first completed block that holds a candidate.
    @inline(__always)
    private func scan(_ range: Range<Int>, best: inout Int64, bestArc: inout Int, left: inout Int) -> Int? {
        let source = self.source, target = self.target, cost = self.cost, state = self.state
        let potential = self.potential, anchor = self.anchor, offset = self.offset, blockSize = self.blockSize
        var e = range.lowerBound
        let end = range.upperBound
        while e < end {
            let t = Int(target[e])
            let reduced = Int64(state[e]) &* (cost[e] &+ potential[Int(source[e])]
                &- potential[Int(anchor[t])] &- offset[t])
            if reduced < best {
                best = reduced
                bestArc = e
            }
            e &+= 1
            left &-= 1
            if left == 0 {
                if bestArc >= 0 { return e }
                left = blockSize
            }
        }
        return nil
    }

    /// One pivot: `arc` enters the tree, the blocking arc of the cycle it closes leaves.
    func pivot(on arc: Int) {
        inArc = arc
        findJoinNode()
        findLeavingArc()
        changeFlow()
        updateTree()
        pivots += 1
    }
}
