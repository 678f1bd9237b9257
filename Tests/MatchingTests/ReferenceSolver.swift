import Matching

/// An independent exact solver for small categories: successive shortest paths found by
/// Bellman–Ford, with *vector* costs compared lexicographically (no folding into one number,
/// no potentials, no spanning trees: nothing shared with the engine).
///
/// Network: source → resource (capacity), resource → demand (unbounded), demand → sink
/// (quantity). Arc cost of resource → demand: `(−priority, cost, −ageReward)`. Starting from
/// the zero flow (the network is acyclic, so no negative cycle), augmenting along a cheapest
/// path keeps the residual network free of negative cycles, so each flow is the cheapest of
/// its value; the total cost is convex in the value, so stopping at the first path of cost
/// `≥ 0` gives the optimum over all values. This holds for costs in any ordered abelian
/// group, such as integer vectors in lexicographic order.
enum ReferenceSolver {
    struct Result {
        /// Flow per (resource position, demand position) of the input.
        var flow: [Int: [Int: Int64]] = [:]
        var s: Int64 = 0
        var c: Int64 = 0
        var ageScore: Int64 = 0
    }

    private struct Edge {
        var to: Int
        var capacity: Int64
        var cost: [Int64]
        var reverse: Int
        var pair: (resource: Int, demand: Int)?
    }

    static func solve(_ problem: CategoryProblem) -> Result {
        let rCount = problem.resources.count, dCount = problem.demands.count
        let source = rCount + dCount, sink = source + 1
        var graph = [[Edge]](repeating: [], count: sink + 1)
        func add(_ from: Int, _ to: Int, _ capacity: Int64, _ cost: [Int64], pair: (Int, Int)? = nil) {
            graph[from].append(Edge(to: to, capacity: capacity, cost: cost, reverse: graph[to].count, pair: pair))
            graph[to].append(Edge(to: from, capacity: 0, cost: cost.map { -$0 }, reverse: graph[from].count - 1, pair: nil))
        }
        let reward = ageRewards(problem.demands)
        let zero: [Int64] = [0, 0, 0]
        for r in 0..<rCount { add(source, r, problem.resources[r].capacity, zero) }
        for d in 0..<dCount { add(rCount + d, sink, problem.demands[d].quantity, zero) }
        for arc in 0..<problem.arcs.count {
            let r = Int(problem.arcs.resources[arc]), d = Int(problem.arcs.demands[arc])
            add(r, rCount + d, Int64.max / 4,
                [-Int64(problem.demands[d].priority), problem.arcs.cost(at: arc), -reward[d]], pair: (r, d))
        }
        while true {
            // Bellman–Ford from the source over residual edges.
            var distance = [[Int64]?](repeating: nil, count: graph.count)
            var via = [(node: Int, edge: Int)?](repeating: nil, count: graph.count)
            distance[source] = zero
            for _ in 0..<graph.count {
                var changed = false
                for u in graph.indices {
                    guard let du = distance[u] else { continue }
                    for (index, edge) in graph[u].enumerated() where edge.capacity > 0 {
                        let candidate = zip(du, edge.cost).map { $0 + $1 }
                        if distance[edge.to].map({ candidate.lexicographicallyPrecedes($0) }) ?? true {
                            distance[edge.to] = candidate
                            via[edge.to] = (u, index)
                            changed = true
                        }
                    }
                }
                if !changed { break }
            }
            guard let total = distance[sink], total.lexicographicallyPrecedes(zero) else { break }
            var bottleneck = Int64.max, node = sink
            while node != source, let step = via[node] {
                bottleneck = min(bottleneck, graph[step.node][step.edge].capacity)
                node = step.node
            }
            node = sink
            while node != source, let step = via[node] {
                graph[step.node][step.edge].capacity -= bottleneck
                let back = graph[step.node][step.edge].reverse
                graph[node][back].capacity += bottleneck
                node = step.node
            }
        }
        var result = Result()
        for u in 0..<rCount {
            for edge in graph[u] {
                guard let pair = edge.pair else { continue }
                let x = graph[edge.to][edge.reverse].capacity  // flow = residual of the reverse edge
                guard x > 0 else { continue }
                result.flow[pair.resource, default: [:]][pair.demand] = x
                result.s += x * Int64(problem.demands[pair.demand].priority)
                result.c += x * edge.cost[1]
                result.ageScore += x * reward[pair.demand]
            }
        }
        return result
    }

    /// The age reward the engine's tie-break maximises: `D − rank`, rank 0 for the oldest
    /// demand (by filing time, then id).
    static func ageRewards(_ demands: [DemandInput]) -> [Int64] {
        let order = demands.indices.sorted {
            (demands[$0].filed, demands[$0].id) < (demands[$1].filed, demands[$1].id)
        }
        var reward = [Int64](repeating: 0, count: demands.count)
        for (rank, position) in order.enumerated() { reward[position] = Int64(demands.count - rank) }
        return reward
    }
}
