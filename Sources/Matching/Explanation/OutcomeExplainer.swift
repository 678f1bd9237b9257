/// Builds each demand's ``DemandOutcome`` from an optimal flow: who else could have served
/// it and why they did not, and why it is short. Bounded: at most
/// ``DemandOutcome/alternativeLimit`` alternatives, three competitors per full resource and
/// five per shortfall, whatever the category's size.
struct OutcomeExplainer {
    private let category: CanonicalCategory
    private let arcFlow: [Int64]
    private let served: [Int64]
    private let used: [Int64]
    /// Resource `r`'s allocations are `byResource[byResourceStart[r] ..< byResourceStart[r + 1]]`
    /// (demand, quantity), ordered by priority (highest first), then age (oldest first).
    private var byResourceStart: [Int32]
    private var byResource: [(demand: Int32, quantity: Int64)]
    /// Resource `r`'s allocations by priority: `histogram[r * 5 + p - 1]`.
    private var histogram: [Int]

    init(category: CanonicalCategory, arcFlow: [Int64], served: [Int64], used: [Int64]) {
        self.category = category
        self.arcFlow = arcFlow
        self.served = served
        self.used = used
        byResourceStart = [Int32](repeating: 0, count: category.resourceCount + 1)
        histogram = [Int](repeating: 0, count: category.resourceCount * 5)
        for k in 0..<category.arcCount where arcFlow[k] > 0 {
            byResourceStart[Int(category.arcResource[k]) + 1] += 1
        }
        for r in 0..<category.resourceCount { byResourceStart[r + 1] += byResourceStart[r] }
        var next = byResourceStart
        var keyed = [(key: Int64, demand: Int32, quantity: Int64)](repeating: (0, 0, 0), count: Int(byResourceStart.last ?? 0))
        for d in 0..<category.demandCount {
            let key = (5 - category.priority[d]) << 32 | Int64(category.ageRank[d])
            for k in Int(category.arcStart[d])..<Int(category.arcStart[d + 1]) where arcFlow[k] > 0 {
                let r = Int(category.arcResource[k])
                keyed[Int(next[r])] = (key, Int32(d), arcFlow[k])
                next[r] += 1
                histogram[r * 5 + Int(category.priority[d]) - 1] += 1
            }
        }
        for r in 0..<category.resourceCount {
            keyed[Int(byResourceStart[r])..<Int(byResourceStart[r + 1])].sort { $0.key < $1.key }
        }
        byResource = keyed.map { ($0.demand, $0.quantity) }
    }

    /// The outcome of canonical demand `d`.
    ///
    /// - Throws: ``MatchingError`` (`internalInconsistency`) if the flow contradicts optimality.
    func outcome(of d: Int) throws -> DemandOutcome {
        let c = category
        let arcs = Int(c.arcStart[d])..<Int(c.arcStart[d + 1])
        let missing = c.quantity[d] - served[d]
        var dearestUsed: Int64?
        for k in arcs where arcFlow[k] > 0 { dearestUsed = max(dearestUsed ?? c.arcCost[k], c.arcCost[k]) }
        func inconsistent(_ what: String) -> MatchingError {
            .internalInconsistency(category: c.category, "demand \(c.demandIDs[d]): \(what)")
        }

        var alternatives = [Alternative]()
        let unused = arcs.filter { arcFlow[$0] == 0 }.sorted { (c.arcCost[$0], $0) < (c.arcCost[$1], $1) }
        for k in unused.prefix(DemandOutcome.alternativeLimit) {
            let r = Int(c.arcResource[k])
            let reason: Alternative.Reason
            if c.capacity[r] > used[r] {
                guard missing == 0, let dearestUsed, c.arcCost[k] >= dearestUsed else {
                    throw inconsistent("resource \(c.resourceIDs[r]) has spare capacity the optimum should have used")
                }
                reason = c.arcCost[k] > dearestUsed ? .dearer(by: c.arcCost[k] - dearestUsed) : .tie
            } else {
                let (named, others) = competitors(of: r, limit: 3)  // d gets nothing from r here
                reason = .full(competitors: named, others: others)
            }
            alternatives.append(Alternative(resource: c.resourceIDs[r], unitCost: c.arcCost[k], reason: reason))
        }
        let ruledOut = Int(c.ineligibleStart[d])..<Int(c.ineligibleStart[d + 1])
        for i in ruledOut.prefix(DemandOutcome.alternativeLimit - alternatives.count) {
            alternatives.append(Alternative(
                resource: c.resourceIDs[Int(c.ineligibleResource[i])], unitCost: nil,
                reason: .ineligible(c.ineligibleReason[i])))
        }
        let more = unused.count + ruledOut.count - alternatives.count

        var shortfall: Shortfall?
        if missing > 0 {
            if arcs.isEmpty {
                shortfall = Shortfall(missing: missing, reason: .noEligibleResource)
            } else {
                shortfall = Shortfall(missing: missing, reason: try exhausted(d, arcs: arcs, inconsistent: inconsistent))
            }
        }
        return DemandOutcome(
            demand: c.demandIDs[d], priority: Int(c.priority[d]), requested: c.quantity[d], served: served[d],
            alternatives: alternatives, moreAlternatives: more, shortfall: shortfall)
    }

    /// Up to `limit` demands that resource `r` serves, and how many more; the demand being
    /// explained must get nothing from `r`. Reads at most `limit` entries, so a resource
    /// serving 100,000 demands costs no more to explain than one serving three.
    private func competitors(of r: Int, limit: Int) -> ([Competitor], Int) {
        let list = Int(byResourceStart[r])..<Int(byResourceStart[r + 1])
        var named = [Competitor]()
        for slot in list.prefix(limit) {
            let entry = byResource[slot]
            named.append(Competitor(demand: category.demandIDs[Int(entry.demand)],
                                    priority: Int(category.priority[Int(entry.demand)]), quantity: entry.quantity))
        }
        return (named, list.count - named.count)
    }

    /// Why an unfilled demand with eligible resources is short: all of them are full.
    private func exhausted(
        _ d: Int, arcs: Range<Int>, inconsistent: (String) -> MatchingError
    ) throws -> Shortfall.Reason {
        let c = category
        var byPriority = [Int](repeating: 0, count: 5)
        var candidates = [(key: Int64, demand: Int32)]()
        for k in arcs {
            let r = Int(c.arcResource[k])
            guard c.capacity[r] == used[r] else {
                throw inconsistent("unfilled while resource \(c.resourceIDs[r]) has spare capacity")
            }
            for p in 0..<5 { byPriority[p] += histogram[r * 5 + p] }
            if arcFlow[k] > 0 { byPriority[Int(c.priority[d]) - 1] -= 1 }
            // The five best distinct competitors are among each resource's first six entries.
            for slot in Int(byResourceStart[r])..<min(Int(byResourceStart[r]) + 6, Int(byResourceStart[r + 1])) {
                let other = Int(byResource[slot].demand)
                guard other != d else { continue }
                candidates.append(((5 - c.priority[other]) << 32 | Int64(c.ageRank[other]), Int32(other)))
            }
        }
        candidates.sort { $0.key < $1.key }
        var named = [Competitor](), seen = Set<Int32>()
        for candidate in candidates where named.count < 5 && seen.insert(candidate.demand).inserted {
            let other = Int(candidate.demand)
            // What this competitor got from the short demand's eligible resources together.
            var quantity: Int64 = 0
            let theirs = Int(c.arcStart[other])..<Int(c.arcStart[other + 1])
            for k in arcs {
                if let match = Self.position(of: c.arcResource[k], in: c.arcResource, range: theirs) {
                    quantity += arcFlow[match]
                }
            }
            named.append(Competitor(demand: c.demandIDs[other], priority: Int(c.priority[other]), quantity: quantity))
        }
        return .capacityExhausted(competitors: named, allocationsByPriority: byPriority)
    }

    /// Binary search for `value` in the sorted `array[range]`.
    private static func position(of value: Int32, in array: [Int32], range: Range<Int>) -> Int? {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if array[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < range.upperBound && array[low] == value ? low : nil
    }
}
