@testable import Matching
import Testing

/// White-box checks of the spanning-tree structure after every single pivot: the thread is a
/// preorder of exactly the core, subtree sizes and last successors are right, leaves hang
/// off the core with the right anchor and offset, and every tree arc has reduced cost 0.
@Suite("Network simplex tree invariants")
struct NetworkSimplexTests {
    static func check(_ ns: NetworkSimplex, supplies: [Int64], needs: [Int64],
                      sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        func fail(_ message: String) -> Bool {
            Issue.record("pivot \(ns.pivots): \(message)", sourceLocation: sourceLocation)
            return false
        }
        let root = ns.root, resources = supplies.count
        // Children and core membership.
        var children = [[Int]](repeating: [], count: ns.nodeCount)
        for u in 0..<root {
            let p = Int(ns.parent[u]), e = Int(ns.pred[u])
            children[p].append(u)
            let (s, t) = (Int(ns.source[e]), Int(ns.target[e]))
            guard (s == u && t == p && ns.predDir[u] == NetworkSimplex.up) || (s == p && t == u && ns.predDir[u] == NetworkSimplex.down)
            else { return fail("node \(u): pred arc \(e) does not join it to its parent \(p)") }
            guard ns.state[e] == 0 else { return fail("tree arc \(e) has state \(ns.state[e])") }
            if ns.reducedCost(e) != 0 { return fail("tree arc \(e) has reduced cost \(ns.reducedCost(e))") }
        }
        for u in 0..<root {
            let shouldBeCore = u < resources || !children[u].isEmpty
            guard (ns.inCore[u] == 1) == shouldBeCore else { return fail("node \(u): core flag \(ns.inCore[u]), children \(children[u])") }
            if u >= resources && !children[u].allSatisfy({ $0 < resources }) { return fail("demand \(u) has a demand child") }
            if ns.inCore[u] == 0 {
                guard Int(ns.anchor[u]) == Int(ns.parent[u]), ns.offset[u] == ns.cost[Int(ns.pred[u])] else {
                    return fail("leaf \(u): anchor \(ns.anchor[u]) offset \(ns.offset[u])")
                }
            } else if Int(ns.anchor[u]) != u || ns.offset[u] != 0 {
                return fail("core node \(u) has anchor \(ns.anchor[u])")
            }
        }
        // The thread is a preorder of the core: compute the expected one and compare.
        var expected = [Int](), stack = [root]
        var size = [Int](repeating: 0, count: ns.nodeCount)
        while let u = stack.popLast() {
            expected.append(u)
            stack.append(contentsOf: children[u].filter { ns.inCore[$0] == 1 })
        }
        var actual = [root], u = Int(ns.thread[root])
        while u != root && actual.count <= ns.nodeCount {
            actual.append(u)
            guard Int(ns.thread[Int(ns.revThread[u])]) == u else { return fail("revThread of \(u) is wrong") }
            u = Int(ns.thread[u])
        }
        guard Set(actual) == Set(expected), actual.count == expected.count else { return fail("the thread is not the core") }
        var position = [Int: Int]()
        for (index, node) in actual.enumerated() { position[node] = index }
        for node in actual.reversed() {
            size[node] = 1 + children[node].filter { ns.inCore[$0] == 1 }.reduce(0) { $0 + size[$1] }
            guard Int(ns.succNum[node]) == size[node] else { return fail("succNum[\(node)] = \(ns.succNum[node]), expected \(size[node])") }
            let last = position[node]! + size[node] - 1
            guard Int(ns.lastSucc[node]) == actual[last] else { return fail("lastSucc[\(node)] is wrong") }
            for child in children[node] where ns.inCore[child] == 1 {
                guard position[child]! > position[node]!, position[child]! <= last else { return fail("thread is not a preorder at \(node)") }
            }
        }
        // Flows: non-negative, only on tree arcs, balanced.
        var balance = [Int64](repeating: 0, count: ns.nodeCount)
        for e in 0..<ns.arcCount {
            guard ns.flow[e] >= 0 else { return fail("arc \(e) has negative flow") }
            balance[Int(ns.source[e])] += ns.flow[e]
            balance[Int(ns.target[e])] -= ns.flow[e]
        }
        for v in 0..<root where balance[v] != (v < resources ? supplies[v] : -needs[v - resources]) {
            return fail("node \(v) out of balance")
        }
        return true
    }

    @Test("every pivot keeps the tree consistent", arguments: 0..<60 as Range<UInt64>)
    func invariants(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let resources = Int.random(in: 1...6, using: &random), demands = Int.random(in: 1...25, using: &random)
        let supplies = (0..<resources).map { _ in Int64.random(in: 0...12, using: &random) }
        let needs = (0..<demands).map { _ in Int64.random(in: 1...5, using: &random) }
        var pairs = [(Int32, Int32, Int64)]()
        for r in 0..<resources {
            for d in 0..<demands where Bool.random(using: &random) {
                pairs.append((Int32(r), Int32(resources + d), Int64.random(in: -60 ... -1, using: &random)))
            }
        }
        guard !pairs.isEmpty else { return }
        let ns = NetworkSimplex(supplies: supplies, needs: needs, pairArcs: pairs.count)
        for (k, pair) in pairs.enumerated() {
            ns.source[k] = pair.0
            ns.target[k] = pair.1
            ns.cost[k] = pair.2
        }
        guard Self.check(ns, supplies: supplies, needs: needs) else { return }
        // Random improving arcs first (like a greedy start), then block search.
        for _ in 0..<20 {
            let e = Int.random(in: 0..<ns.arcCount, using: &random)
            if ns.state[e] == 1 && ns.reducedCost(e) < 0 {
                ns.pivot(on: e)
                guard Self.check(ns, supplies: supplies, needs: needs) else { return }
            }
        }
        while let e = ns.findEnteringArc() {
            ns.pivot(on: e)
            guard Self.check(ns, supplies: supplies, needs: needs) else { return }
        }
        #expect(ns.verifyOptimality(supplies: supplies, needs: needs) == nil)
        // The tie-break phase: new costs on the optimal face.
        ns.restrictToZeroReducedCost()
        ns.replaceCosts { $0 < pairs.count ? -Int64(pairs[$0].1) : 0 }
        guard Self.check(ns, supplies: supplies, needs: needs) else { return }
        while let e = ns.findEnteringArc() {
            ns.pivot(on: e)
            guard Self.check(ns, supplies: supplies, needs: needs) else { return }
        }
        #expect(ns.verifyOptimality(supplies: supplies, needs: needs) == nil)
    }
}
