/// The arcs of a category validated and grouped by demand (a counting sort by demand rank),
/// each group sorted by resource rank; duplicates are refused.
struct CanonicalArcs {
    var start: [Int32]
    var resource: [Int32]
    var cost: [Int64]
    var input: [Int32]
    var maximumAbsoluteCost: Int64 = 0

    init(
        _ table: ArcTable, demandRank: [Int32], resourceRank: [Int32],
        demandIDs: [MatchID], resourceIDs: [MatchID], category: String
    ) throws {
        func invalid(_ message: String) -> MatchingError { .invalidInput(category: category, message) }
        let count = table.count, width = table.termNames.count
        let demandCount = demandRank.count, resourceCount = resourceRank.count
        var rankedDemand = [Int32](repeating: 0, count: count)
        var costs = [Int64](repeating: 0, count: count)
        var groupSize = [Int32](repeating: 0, count: demandCount + 1)
        var largest: Int64 = 0
        try table.resources.withUnsafeBufferPointer { resources in
            try table.demands.withUnsafeBufferPointer { demands in
                try table.amounts.withUnsafeBufferPointer { amounts in
                    for arc in 0..<count {
                        let r = Int(resources[arc]), d = Int(demands[arc])
                        guard r >= 0 && r < resourceCount, d >= 0 && d < demandCount else {
                            throw invalid("arc \(arc) refers to resource \(r) / demand \(d), outside the category's rows")
                        }
                        var sum: Int64 = 0
                        for column in 0..<width {
                            let amount = amounts[arc * width + column]
                            guard amount.magnitude <= Limits.maximumCost.magnitude else {
                                throw invalid("arc \(arc): term \(table.termNames[column]) = \(amount) is outside ±\(Limits.maximumCost)")
                            }
                            sum += amount  // cannot overflow: width × 2^40 ≪ 2^63 for any sane width
                        }
                        guard sum.magnitude <= Limits.maximumCost.magnitude else {
                            throw invalid("arc \(arc): cost \(sum) is outside ±\(Limits.maximumCost)")
                        }
                        largest = max(largest, Int64(sum.magnitude))
                        costs[arc] = sum
                        let rank = demandRank[d]
                        rankedDemand[arc] = rank
                        groupSize[Int(rank) + 1] += 1
                    }
                }
            }
        }
        maximumAbsoluteCost = largest
        for d in 0..<demandCount { groupSize[d + 1] += groupSize[d] }
        start = groupSize
        // Place each arc as (resource rank << 32 | input position) in its demand's group, then
        // sort each small group: ordered by resource, and the input position rides along.
        var next = groupSize
        var keys = [UInt64](repeating: 0, count: count)
        for arc in 0..<count {
            let group = Int(rankedDemand[arc])
            let slot = Int(next[group])
            next[group] += 1
            keys[slot] = UInt64(UInt32(resourceRank[Int(table.resources[arc])])) << 32 | UInt64(UInt32(arc))
        }
        resource = [Int32](repeating: 0, count: count)
        input = [Int32](repeating: 0, count: count)
        cost = [Int64](repeating: 0, count: count)
        for d in 0..<demandCount {
            let lower = Int(start[d]), upper = Int(start[d + 1])
            if upper - lower > 1 { keys[lower..<upper].sort() }
            for slot in lower..<upper {
                let r = Int32(truncatingIfNeeded: keys[slot] >> 32)
                if slot > lower && r == resource[slot - 1] {
                    throw invalid("two arcs join resource \(resourceIDs[Int(r)]) and demand \(demandIDs[d])")
                }
                let position = Int(UInt32(truncatingIfNeeded: keys[slot]))
                resource[slot] = r
                input[slot] = Int32(position)
                cost[slot] = costs[position]
            }
        }
    }
}
