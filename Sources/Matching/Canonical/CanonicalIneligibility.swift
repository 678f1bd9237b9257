/// The ineligible pairs of a category, validated and grouped by demand like the arcs, each
/// group sorted by resource then reason; a pair that is also an arc is refused.
struct CanonicalIneligibility {
    var start: [Int32]
    var resource: [Int32] = []
    var reason: [String] = []

    init(
        _ pairs: [Ineligibility], demandRank: [Int32], resourceRank: [Int32], arcStart: [Int32],
        arcResource: [Int32], demandIDs: [MatchID], resourceIDs: [MatchID], category: String
    ) throws {
        func invalid(_ message: String) -> MatchingError { .invalidInput(category: category, message) }
        var ranked = [(demand: Int32, resource: Int32, reason: String)]()
        ranked.reserveCapacity(pairs.count)
        for pair in pairs {
            guard demandRank.indices.contains(pair.demand), resourceRank.indices.contains(pair.resource) else {
                throw invalid("an ineligible pair refers to resource \(pair.resource) / demand \(pair.demand), outside the category's rows")
            }
            let d = demandRank[pair.demand], r = resourceRank[pair.resource]
            let arcs = arcResource[Int(arcStart[Int(d)])..<Int(arcStart[Int(d) + 1])]
            if arcs.contains(r) {
                throw invalid("resource \(resourceIDs[Int(r)]) and demand \(demandIDs[Int(d)]) are both eligible and ineligible")
            }
            ranked.append((d, r, pair.reason))
        }
        ranked.sort {
            ($0.demand, $0.resource) < ($1.demand, $1.resource)
                || (($0.demand, $0.resource) == ($1.demand, $1.resource)
                    && $0.reason.utf8.lexicographicallyPrecedes($1.reason.utf8))
        }
        start = [Int32](repeating: 0, count: demandRank.count + 1)
        for pair in ranked {
            start[Int(pair.demand) + 1] += 1
            resource.append(pair.resource)
            reason.append(pair.reason)
        }
        for d in 0..<demandRank.count { start[d + 1] += start[d] }
    }
}
