/// One independent matching problem: one tenant's demands and resources of one category, the
/// arcs where a resource may serve a demand, and the pairs that may not (with reasons).
///
/// The engine maximises the priority-weighted satisfied quantity, then minimises cost, over
/// the arcs (see ``Solver``). Demands and resources may come in any order: the engine sorts
/// them by ``MatchID`` first. Arcs and ineligible pairs refer to them by position in
/// ``demands`` and ``resources``.
///
/// ```swift
/// var problem = CategoryProblem(category: "elderly_care")
/// problem.demands = [DemandInput(id: 1, quantity: 2, priority: 5)]
/// problem.resources = [ResourceInput(id: 7, capacity: 3)]
/// problem.arcs.append(resource: 0, demand: 0, cost: 250)
/// ```
public struct CategoryProblem: Sendable, Hashable, Codable {
    /// The category's code, e.g. `elderly_care`; unique within a ``Problem``.
    public var category: String
    /// The demands, in any order; ids unique within the category.
    public var demands: [DemandInput]
    /// The resources, in any order; ids unique within the category.
    public var resources: [ResourceInput]
    /// The eligible arcs with their cost terms; at most one arc per (resource, demand).
    public var arcs: ArcTable
    /// Pairs that may not be matched, with the reason; only explanations read them.
    public var ineligible: [Ineligibility]

    /// Makes a category's problem.
    ///
    /// - Parameters:
    ///   - category: The category's code.
    ///   - demands: The demands.
    ///   - resources: The resources.
    ///   - arcs: The eligible arcs (by default an empty table with one term, `cost`).
    ///   - ineligible: The pairs that may not be matched.
    public init(
        category: String, demands: [DemandInput] = [], resources: [ResourceInput] = [],
        arcs: ArcTable = ArcTable(), ineligible: [Ineligibility] = []
    ) {
        self.category = category
        self.demands = demands
        self.resources = resources
        self.arcs = arcs
        self.ineligible = ineligible
    }

    /// Applies an extra eligibility rule (e.g. a plug-in module's): every arc for which
    /// `reason` returns a text leaves ``arcs`` and is recorded in ``ineligible`` with that text.
    ///
    /// - Parameter reason: Given the resource, the demand and the arc's position in ``arcs``,
    ///   why the pair may not be matched, or `nil` to keep the arc.
    public mutating func excludeArcs(
        reason: (_ resource: ResourceInput, _ demand: DemandInput, _ arc: Int) throws -> String?
    ) rethrows {
        var removed = [Int]()
        for arc in 0..<arcs.count {
            let resource = Int(arcs.resources[arc]), demand = Int(arcs.demands[arc])
            guard resources.indices.contains(resource), demands.indices.contains(demand) else { continue }
            if let text = try reason(resources[resource], demands[demand], arc) {
                ineligible.append(Ineligibility(resource: resource, demand: demand, reason: text))
                removed.append(arc)
            }
        }
        arcs.remove(sortedPositions: removed)
    }

    /// Adds a cost term to every arc (e.g. a plug-in module's).
    ///
    /// - Parameters:
    ///   - name: The term's name.
    ///   - amount: Given the resource, the demand and the arc's position, the term's amount.
    public mutating func addCostTerm(
        named name: String,
        amount: (_ resource: ResourceInput, _ demand: DemandInput, _ arc: Int) throws -> Int64
    ) rethrows {
        let resources = self.resources, demands = self.demands, table = arcs
        try arcs.addTerm(named: name) { arc in
            let resource = Int(table.resources[arc]), demand = Int(table.demands[arc])
            guard resources.indices.contains(resource), demands.indices.contains(demand) else { return 0 }
            return try amount(resources[resource], demands[demand], arc)
        }
    }
}
