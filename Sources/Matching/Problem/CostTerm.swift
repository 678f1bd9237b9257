/// One named part of an arc's cost, e.g. `distance` 250 or `contract` −100 (a 包联 bonus).
///
/// An arc's cost is the sum of its terms. The engine only adds them up; the names travel
/// through to every ``Assignment`` so an admin can see what made an allocation cheap or dear.
///
/// ```swift
/// let terms = [CostTerm(name: "distance", amount: 250), CostTerm(name: "contract", amount: -100)]
/// terms.reduce(0) { $0 + $1.amount }   // 150
/// ```
public struct CostTerm: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The term's name, e.g. `distance`, `contract`, `unit_cost`, or a plug-in module's own.
    public var name: String
    /// Its contribution to the arc's cost per unit; negative for a bonus.
    public var amount: Int64

    /// Makes a term.
    ///
    /// - Parameters:
    ///   - name: The term's name.
    ///   - amount: Its contribution per unit (negative for a bonus).
    public init(name: String, amount: Int64) {
        self.name = name
        self.amount = amount
    }

    /// `name amount`, e.g. `distance 250`.
    public var description: String { "\(name) \(amount)" }
}
