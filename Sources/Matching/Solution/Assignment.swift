/// One allocation of the result (分配): a quantity of a resource assigned to a demand, with the
/// cost terms that priced it.
///
/// ```swift
/// for assignment in solution.categories[0].assignments {
///     print(assignment)   // "R000007 → D0000042 ×3 at 150 (distance 250, contract -100)"
/// }
/// ```
public struct Assignment: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The resource drawn on.
    public var resource: MatchID
    /// The demand served.
    public var demand: MatchID
    /// How much, at least 1.
    public var quantity: Int64
    /// The arc's cost per unit: the sum of ``terms``.
    public var unitCost: Int64
    /// The named terms of the unit cost.
    public var terms: [CostTerm]

    /// Makes an allocation.
    public init(resource: MatchID, demand: MatchID, quantity: Int64, unitCost: Int64, terms: [CostTerm]) {
        self.resource = resource
        self.demand = demand
        self.quantity = quantity
        self.unitCost = unitCost
        self.terms = terms
    }

    /// `quantity × unitCost`, this allocation's share of C.
    public var cost: Int64 { quantity * unitCost }

    /// `R → D ×quantity at unitCost (terms)`.
    public var description: String {
        "\(resource) → \(demand) ×\(quantity) at \(unitCost) (\(terms.map(\.description).joined(separator: ", ")))"
    }
}
