/// A demand that received capacity another demand could have used: named in explanations so
/// an admin can see who got it and at what priority.
public struct Competitor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The demand that got the capacity.
    public var demand: MatchID
    /// Its priority, 1–5.
    public var priority: Int
    /// How much it got from the resource in question (for a shortfall: from all of the
    /// demand's eligible resources together).
    public var quantity: Int64

    /// Makes a competitor entry.
    public init(demand: MatchID, priority: Int, quantity: Int64) {
        self.demand = demand
        self.priority = priority
        self.quantity = quantity
    }

    /// `D7 (p5) ×3`.
    public var description: String { description(quantity: { String($0) }) }

    /// The description with quantities written by `quantity` (e.g. yuan from fen).
    public func description(quantity: (Int64) -> String) -> String { "\(demand) (p\(priority)) ×\(quantity(self.quantity))" }
}
