import Dispatch
public import Matching
import Registry
import Synchronization

/// The district's matching model: which resource may serve which demand (eligibility) and
/// at what cost (the terms and their weights), turned into the engine's ``Matching/Problem``.
///
/// **Eligibility** — a resource may serve a demand when all hold:
/// - the same category (each category is its own problem) and the same unit of measure;
/// - the demand's org unit lies inside the resource's service area: the org units registered
///   for the resource, else the communities its unit contracts (包联), else the whole district;
/// - the resource's availability window meets the demand's: it does not open after the
///   demand's due date, nor close before the day the demand was filed. (The run's own date
///   plays no part, so the same lists always give the same run.)
///
/// **Cost** per unit of quantity, the sum of three named terms (weights in ``MatchingWeights``):
/// `distance` by the level of the smallest area node containing the demand, `contract` (a
/// bonus, negative) when the resource's unit contracts one of the demand's org units, and
/// `unit_cost` from the resource's own cost per unit.
///
/// Demands no resource may serve get up to ``explainedIneligible`` resources of their
/// category recorded with the reason, so an admin reads "outside its service area" rather
/// than nothing.
///
/// ```swift
/// let problem = MatchingNetwork(weights: .defaults).problem(from: snapshot)
/// let solution = try Solver.solve(problem)
/// ```
public struct MatchingNetwork: Sendable {
    /// The cost terms every arc carries, in order.
    public static let termNames = ["distance", "contract", "unit_cost"]
    /// How many ruled-out resources are recorded for a demand with no eligible one.
    public static let explainedIneligible = 3
    /// The largest `unit_cost` term: 2^36, so that with the other terms (each at most a
    /// weight, ≤ 10^6) an arc's cost stays far inside the engine's limit of 2^40.
    public static let maximumUnitCostTerm: Int64 = 1 << 36

    /// The weights of the cost terms.
    public var weights: MatchingWeights

    /// Makes the model with these weights.
    public init(weights: MatchingWeights = .defaults) {
        self.weights = weights
    }

    /// The engine's problem: one ``Matching/CategoryProblem`` per category that has a demand
    /// or a resource, in category code order; ids are the rows' ids. Then each of `rules`
    /// (plug-in modules' eligibility rules and cost terms), in order, on every category.
    public func problem(from snapshot: MatchingSnapshot, rules: [any MatchingRule]) throws -> Problem {
        var problem = problem(from: snapshot)
        for rule in rules {
            for index in problem.categories.indices { try rule.apply(to: &problem.categories[index], snapshot: snapshot) }
        }
        return problem
    }

    /// The engine's problem with the district's rules only.
    public func problem(from snapshot: MatchingSnapshot) -> Problem {
        let tree = OrgTree(snapshot.orgUnits)
        let demands = Dictionary(grouping: snapshot.demands, by: \.category)
        let resources = Dictionary(grouping: snapshot.resources, by: \.category)
        let contracts = snapshot.contracts.mapValues(Set.init)
        let codes = Set(demands.keys).union(resources.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // Categories are independent: built on every core, each into its own slot, so the
        // result is the same as one after another.
        let built = Mutex([CategoryProblem?](repeating: nil, count: codes.count))
        DispatchQueue.concurrentPerform(iterations: codes.count) { index in
            let code = codes[index]
            let problem = CategoryNetwork(
                category: code, demands: (demands[code] ?? []).sorted { $0.id < $1.id },
                resources: (resources[code] ?? []).sorted { $0.id < $1.id }, tree: tree, contracts: contracts, weights: weights
            ).problem()
            built.withLock { $0[index] = problem }
        }
        return Problem(categories: built.withLock { $0.map { $0! } })
    }
}

/// One category's eligibility and costs.
private struct CategoryNetwork {
    let category: String
    let demands: [CandidateDemand]
    let resources: [CandidateResource]
    let tree: OrgTree
    let contracts: [Int64: Set<Int64>]
    let weights: MatchingWeights

    func problem() -> CategoryProblem {
        // Org unit → the demands at it or below it, in id order; each demand's chain once.
        var under: [Int64: [Int32]] = [:]
        let chains = demands.map { tree.chain(of: $0.orgUnit) }
        for (position, chain) in chains.enumerated() {
            for node in chain { under[node, default: []].append(Int32(position)) }
        }
        // The arc table's columns, filled directly: a large district has over a million arcs,
        // and an array of term amounts per arc would be as many allocations.
        var arcResources: [Int32] = [], arcDemands: [Int32] = [], amounts: [Int64] = []
        var served = [Bool](repeating: false, count: demands.count)
        var seen = [Int](repeating: -1, count: demands.count)
        for (r, resource) in resources.enumerated() {
            let unitCost = resource.unitCostFen.map(unitCostTerm) ?? 0
            let contracted = contracts[resource.unit] ?? []
            let reach: [(positions: [Int32], level: HierarchyDistance)] = area(of: resource).map { nodes in
                nodes.map { (under[$0] ?? [], tree.levels[$0] ?? .district) }.sorted { $0.level < $1.level }
            } ?? [(Array(0..<Int32(demands.count)), .district)]
            for (positions, level) in reach {
                let distance = weights.distance[level]
                for position in positions where seen[Int(position)] != r {
                    let d = Int(position)
                    seen[d] = r
                    let demand = demands[d]
                    guard demand.measureUnit == resource.measureUnit, windowsMeet(resource, demand) else { continue }
                    let bonus = !contracted.isEmpty && chains[d].contains(where: contracted.contains) ? -weights.contractBonus : 0
                    arcResources.append(Int32(r))
                    arcDemands.append(position)
                    amounts.append(distance)
                    amounts.append(bonus)
                    amounts.append(unitCost)
                    served[d] = true
                }
            }
        }
        var problem = CategoryProblem(
            category: category,
            demands: demands.map { DemandInput(id: .number($0.id), quantity: $0.quantity, priority: $0.priority, filed: $0.filedAt) },
            resources: resources.map { ResourceInput(id: .number($0.id), capacity: $0.remaining) },
            arcs: ArcTable(termNames: MatchingNetwork.termNames, resources: arcResources, demands: arcDemands, amounts: amounts))
        problem.ineligible = explainUnreachable(served)
        return problem
    }

    /// The `unit_cost` term of a resource: its cost per unit in yuan times the weight, rounded;
    /// at most ``MatchingNetwork/maximumUnitCostTerm`` (a cost of ¥1,000,000 per unit at the
    /// largest weight would overflow 64 bits, and the engine refuses costs past 2^40).
    private func unitCostTerm(_ fen: Int64) -> Int64 {
        let (product, overflow) = max(0, fen).multipliedReportingOverflow(by: weights.unitCostPerYuan)
        guard !overflow else { return MatchingNetwork.maximumUnitCostTerm }
        return min((product + 50) / 100, MatchingNetwork.maximumUnitCostTerm)
    }

    /// The resource's area nodes, or nil for the whole district.
    private func area(of resource: CandidateResource) -> [Int64]? {
        let nodes = resource.serviceArea.isEmpty ? Array(contracts[resource.unit] ?? []) : resource.serviceArea
        return nodes.isEmpty ? nil : Array(Set(nodes)).sorted()
    }

    private func windowsMeet(_ resource: CandidateResource, _ demand: CandidateDemand) -> Bool {
        if let from = resource.availableFrom, let due = demand.dueOn, from > due { return false }
        if let until = resource.availableUntil, until < demand.filedOn { return false }
        return true
    }

    /// For each demand no resource may serve, the first few resources of the category and why not.
    private func explainUnreachable(_ served: [Bool]) -> [Ineligibility] {
        var ineligible: [Ineligibility] = []
        for (d, demand) in demands.enumerated() where !served[d] {
            for (r, resource) in resources.enumerated().prefix(MatchingNetwork.explainedIneligible) {
                ineligible.append(Ineligibility(resource: r, demand: d, reason: reason(resource, demand)))
            }
        }
        return ineligible
    }

    private func reason(_ resource: CandidateResource, _ demand: CandidateDemand) -> String {
        if resource.measureUnit != demand.measureUnit {
            return "计量单位不同 measured in \(resource.measureUnit.chineseName) \(resource.measureUnit.rawValue), the demand in \(demand.measureUnit.chineseName) \(demand.measureUnit.rawValue)"
        }
        if let nodes = area(of: resource), !tree.chain(of: demand.orgUnit).contains(where: nodes.contains) {
            return "服务范围外 outside its service area"
        }
        let from = resource.availableFrom?.description ?? "…", until = resource.availableUntil?.description ?? "…"
        return "可用期不符 available \(from) – \(until), outside the demand's window (filed \(demand.filedOn), due \(demand.dueOn?.description ?? "—"))"
    }
}
