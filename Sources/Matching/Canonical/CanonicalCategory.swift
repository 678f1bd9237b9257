/// A validated category in canonical order: demands and resources sorted by id, arcs grouped
/// by demand (in demand order) and, within a demand, sorted by resource. Everything the
/// solver and the explanations do iterates in this order, so the input's row order cannot
/// leak into the result.
struct CanonicalCategory: Sendable {
    let category: String
    let termNames: [String]

    // Demands, by id.
    let demandIDs: [MatchID]
    let quantity: [Int64]
    let priority: [Int64]
    /// When each was filed (as given).
    let filed: [Int64]
    /// 0 for the oldest demand (by `filed`, then id), up to `demandCount - 1`.
    let ageRank: [Int32]

    // Resources, by id.
    let resourceIDs: [MatchID]
    let capacity: [Int64]

    /// Demand `d`'s arcs are `arcStart[d] ..< arcStart[d + 1]`.
    let arcStart: [Int32]
    /// Each arc's resource (canonical position).
    let arcResource: [Int32]
    /// Each arc's total cost.
    let arcCost: [Int64]
    /// Each arc's position in the input's ``ArcTable`` (to read its terms).
    let arcInput: [Int32]

    /// Demand `d`'s ineligible pairs are `ineligibleStart[d] ..< ineligibleStart[d + 1]`.
    let ineligibleStart: [Int32]
    let ineligibleResource: [Int32]
    let ineligibleReason: [String]

    /// The largest absolute arc cost (0 without arcs).
    let maximumAbsoluteCost: Int64
    /// Σ quantity and Σ capacity.
    let totalQuantity: Int64
    let totalCapacity: Int64

    var demandCount: Int { demandIDs.count }
    var resourceCount: Int { resourceIDs.count }
    var arcCount: Int { arcResource.count }

    /// Validates a category and puts it in canonical order.
    ///
    /// - Throws: ``MatchingError`` (`invalidInput`) naming the first broken rule.
    init(_ input: CategoryProblem) throws {
        let name = input.category
        func invalid(_ message: String) -> MatchingError { .invalidInput(category: name, message) }
        guard input.demands.count <= Limits.maximumCount, input.resources.count <= Limits.maximumCount,
            input.arcs.count <= Limits.maximumCount
        else { throw invalid("more than \(Limits.maximumCount) demands, resources or arcs") }
        category = name
        termNames = input.arcs.termNames

        // Demands.
        let demandOrder = Self.order(input.demands.map(\.id))
        demandIDs = demandOrder.map { input.demands[$0].id }
        var total: Int64 = 0
        for demand in input.demands {
            guard (1...Limits.maximumQuantity).contains(demand.quantity) else {
                throw invalid("demand \(demand.id): quantity must be 1–\(Limits.maximumQuantity), got \(demand.quantity)")
            }
            guard (1...5).contains(demand.priority) else {
                throw invalid("demand \(demand.id): priority must be 1–5, got \(demand.priority)")
            }
            total += demand.quantity
            guard total <= Limits.maximumTotal else { throw invalid("total demanded quantity exceeds \(Limits.maximumTotal)") }
        }
        if let duplicate = Self.firstDuplicate(demandIDs) { throw invalid("demand \(duplicate) appears twice") }
        totalQuantity = total
        quantity = demandOrder.map { input.demands[$0].quantity }
        priority = demandOrder.map { Int64(input.demands[$0].priority) }
        filed = demandOrder.map { input.demands[$0].filed }
        ageRank = Self.ageRanks(filed: filed)

        // Resources.
        let resourceOrder = Self.order(input.resources.map(\.id))
        resourceIDs = resourceOrder.map { input.resources[$0].id }
        total = 0
        for resource in input.resources {
            guard (0...Limits.maximumQuantity).contains(resource.capacity) else {
                throw invalid("resource \(resource.id): capacity must be 0–\(Limits.maximumQuantity), got \(resource.capacity)")
            }
            total += resource.capacity
            guard total <= Limits.maximumTotal else { throw invalid("total capacity exceeds \(Limits.maximumTotal)") }
        }
        if let duplicate = Self.firstDuplicate(resourceIDs) { throw invalid("resource \(duplicate) appears twice") }
        totalCapacity = total
        capacity = resourceOrder.map { input.resources[$0].capacity }

        let demandRank = Self.inverse(demandOrder), resourceRank = Self.inverse(resourceOrder)
        let arcs = try CanonicalArcs(input.arcs, demandRank: demandRank, resourceRank: resourceRank,
                                     demandIDs: demandIDs, resourceIDs: resourceIDs, category: name)
        arcStart = arcs.start
        arcResource = arcs.resource
        arcCost = arcs.cost
        arcInput = arcs.input
        maximumAbsoluteCost = arcs.maximumAbsoluteCost
        // C = Σ cost × quantity is at most M × min(Σ quantity, Σ capacity) in magnitude.
        guard !arcs.maximumAbsoluteCost.multipliedReportingOverflow(by: min(totalQuantity, totalCapacity)).overflow else {
            throw MatchingError.costRange(category: name,
                "costs up to ±\(arcs.maximumAbsoluteCost) times a total quantity of \(min(totalQuantity, totalCapacity)) overflow 64 bits")
        }

        let ineligible = try CanonicalIneligibility(
            input.ineligible, demandRank: demandRank, resourceRank: resourceRank, arcStart: arcs.start,
            arcResource: arcs.resource, demandIDs: demandIDs, resourceIDs: resourceIDs, category: name)
        ineligibleStart = ineligible.start
        ineligibleResource = ineligible.resource
        ineligibleReason = ineligible.reason
    }

    /// The input positions in id order (a stable sort; a fast path for already sorted ids).
    static func order(_ ids: [MatchID]) -> [Int] {
        var order = Array(ids.indices)
        if !zip(ids, ids.dropFirst()).allSatisfy({ !($1 < $0) }) {
            order.sort { ids[$0] < ids[$1] || (!(ids[$1] < ids[$0]) && $0 < $1) }
        }
        return order
    }

    /// `rank[position] = k` where `order[k] = position`.
    static func inverse(_ order: [Int]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: order.count)
        for (k, position) in order.enumerated() { rank[position] = Int32(k) }
        return rank
    }

    static func firstDuplicate(_ sorted: [MatchID]) -> MatchID? {
        zip(sorted, sorted.dropFirst()).first { $0 == $1 }?.0
    }

    /// Age ranks of demands given in id order: by `filed`, ties by id (= position).
    static func ageRanks(filed: [Int64]) -> [Int32] {
        let byAge = filed.indices.sorted { filed[$0] < filed[$1] || (filed[$0] == filed[$1] && $0 < $1) }
        return inverse(byAge)
    }
}
