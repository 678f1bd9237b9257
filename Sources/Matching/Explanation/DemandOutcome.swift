/// What one demand got, and why not more or otherwise: its explanation.
///
/// Its allocations (with their cost terms) are the ``CategorySolution/assignments`` with this
/// ``demand``; ``alternatives`` says what else was eligible, or ruled out, and why it was not
/// used; ``shortfall`` why the demand is not filled, if it is not.
///
/// ```swift
/// for outcome in solution.categories[0].outcomes where outcome.shortfall != nil {
///     print(outcome)
/// }
/// ```
public struct DemandOutcome: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The most alternatives listed per demand (the cheapest eligible ones first).
    public static let alternativeLimit = 5

    /// The demand.
    public var demand: MatchID
    /// Its priority, 1–5.
    public var priority: Int
    /// The quantity it asked for.
    public var requested: Int64
    /// The quantity allocated to it.
    public var served: Int64
    /// Up to ``alternativeLimit`` resources that gave it nothing: eligible ones by unit cost
    /// then id, then ruled-out ones by id.
    public var alternatives: [Alternative]
    /// How many more there were than listed.
    public var moreAlternatives: Int
    /// Why it is not filled, if it is not.
    public var shortfall: Shortfall?

    /// Makes an outcome.
    public init(
        demand: MatchID, priority: Int, requested: Int64, served: Int64,
        alternatives: [Alternative], moreAlternatives: Int, shortfall: Shortfall?
    ) {
        self.demand = demand
        self.priority = priority
        self.requested = requested
        self.served = served
        self.alternatives = alternatives
        self.moreAlternatives = moreAlternatives
        self.shortfall = shortfall
    }

    /// The first line: the demand and how much of it was served.
    public var headline: String {
        "\(demand) (p\(priority)): served \(served) of \(requested) 已分配 \(served)/\(requested)"
    }

    /// The lines after the headline: alternatives not used, then the shortfall. A full
    /// resource's line says whether its capacity went to higher priorities, or (also) to equal
    /// or lower ones because that was cheaper for the district as a whole.
    public var reasons: [String] { reasons(quantity: { String($0) }) }

    /// The reasons with quantities written by `quantity` (e.g. yuan from fen).
    public func reasons(quantity: (Int64) -> String) -> [String] {
        var lines = alternatives.map { alternative in
            var line = "not used 未用: \(alternative.description(quantity: quantity))"
            if case let .full(competitors, _) = alternative.reason, !competitors.isEmpty {
                line += competitors.allSatisfy { $0.priority > priority }
                    ? " [higher priority 优先级更高]"
                    : " [equal or lower priority, cheaper overall 整体更省]"
            }
            return line
        }
        if moreAlternatives > 0 { lines.append("… and \(moreAlternatives) more alternatives") }
        if let shortfall { lines.append(shortfall.description(quantity: quantity)) }
        return lines
    }

    /// Several lines: the headline, then the reasons indented.
    public var description: String {
        ([headline] + reasons.map { "  " + $0 }).joined(separator: "\n")
    }
}
