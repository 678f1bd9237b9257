/// Why a demand got less than it asked for.
public struct Shortfall: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How much is missing.
    public var missing: Int64
    /// Why.
    public var reason: Reason

    /// Why a demand was not filled.
    public enum Reason: Sendable, Hashable, Codable {
        /// No resource may serve it (any ruled-out pairs are listed among the alternatives).
        case noEligibleResource
        /// Every eligible resource is full. `competitors`: up to five other demands that got
        /// their capacity, by priority then age; `allocationsByPriority[p - 1]`: how many of
        /// those resources' allocations to other demands have priority `p`.
        case capacityExhausted(competitors: [Competitor], allocationsByPriority: [Int])
    }

    /// Makes a shortfall.
    public init(missing: Int64, reason: Reason) {
        self.missing = missing
        self.reason = reason
    }

    /// E.g. `3 missing: every eligible resource is full — 12 allocations to other demands
    /// (p5 2, p3 10), e.g. D7 (p5) ×2`.
    public var description: String { description(quantity: { String($0) }) }

    /// The description with quantities written by `quantity` (e.g. yuan from fen).
    public func description(quantity: (Int64) -> String) -> String {
        switch reason {
        case .noEligibleResource:
            return "\(quantity(missing)) missing 缺口: no eligible resource 无可用资源"
        case let .capacityExhausted(competitors, byPriority):
            let total = byPriority.reduce(0, +)
            let split = (1...5).reversed().filter { byPriority[$0 - 1] > 0 }.map { "p\($0) \(byPriority[$0 - 1])" }
            let names = competitors.map { $0.description(quantity: quantity) }.joined(separator: ", ")
            // Its eligible resources went to it alone, and were not enough.
            guard total > 0 else {
                return "\(quantity(missing)) missing 缺口: every eligible resource is used up by this demand itself 可用资源已全部分给本需求"
            }
            return "\(quantity(missing)) missing 缺口: every eligible resource is full 资源已满 — \(total) allocations to other demands (\(split.joined(separator: ", ")))\(names.isEmpty ? "" : ", e.g. \(names)")"
        }
    }
}
