/// The figures of one category's result (or, summed, of a run's).
public struct CategorySummary: Sendable, Hashable, Codable {
    /// Demands in the category.
    public var demands = 0
    /// Resources in the category.
    public var resources = 0
    /// Eligible arcs.
    public var arcs = 0
    /// Pairs recorded as ineligible.
    public var ineligiblePairs = 0
    /// Σ quantity demanded.
    public var requestedQuantity: Int64 = 0
    /// Σ capacity offered.
    public var capacity: Int64 = 0
    /// Σ quantity allocated.
    public var satisfiedQuantity: Int64 = 0
    /// S = Σ priority × quantity allocated: what the engine maximises first.
    public var weightedSatisfaction: Int64 = 0
    /// C = Σ unit cost × quantity allocated: what it then minimises.
    public var cost: Int64 = 0
    /// Allocations (resource–demand pairs used).
    public var assignments = 0
    /// Demands served in full.
    public var fullyServed = 0
    /// Demands served in part.
    public var partlyServed = 0
    /// Demands not served at all.
    public var unserved = 0

    /// An empty summary.
    public init() {}

    /// Adds another summary's figures (to total a run).
    public mutating func add(_ other: Self) {
        demands += other.demands
        resources += other.resources
        arcs += other.arcs
        ineligiblePairs += other.ineligiblePairs
        requestedQuantity += other.requestedQuantity
        capacity += other.capacity
        satisfiedQuantity += other.satisfiedQuantity
        weightedSatisfaction += other.weightedSatisfaction
        cost += other.cost
        assignments += other.assignments
        fullyServed += other.fullyServed
        partlyServed += other.partlyServed
        unserved += other.unserved
    }
}
