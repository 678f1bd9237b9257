import Matching

/// Random small categories for property tests: few rows, small cost and quantity ranges (so
/// that ties are everywhere), ids of both kinds, rows in random order.
enum RandomInstance {
    struct Shape {
        var resources = 1...6
        var demands = 1...9
        var density = 0.5
        var costs: ClosedRange<Int64> = 0...12
        var quantities: ClosedRange<Int64> = 1...5
        var capacities: ClosedRange<Int64> = 0...7
        var terms = 1
        var ineligibleShare = 0.2
    }

    static func category(_ name: String, shape: Shape = Shape(), using random: inout SeededGenerator) -> CategoryProblem {
        let resourceCount = Int.random(in: shape.resources, using: &random)
        let demandCount = Int.random(in: shape.demands, using: &random)
        let textIDs = Bool.random(using: &random)
        func id(_ prefix: String, _ n: Int) -> MatchID {
            textIDs ? .text("\(prefix)\(n)") : .number(Int64(n) * (prefix == "D" ? 1 : 7) - 20)
        }
        var problem = CategoryProblem(category: name)
        problem.resources = (0..<resourceCount).map {
            ResourceInput(id: id("R", $0), capacity: Int64.random(in: shape.capacities, using: &random))
        }
        problem.demands = (0..<demandCount).map {
            DemandInput(id: id("D", $0), quantity: Int64.random(in: shape.quantities, using: &random),
                        priority: Int.random(in: 1...5, using: &random), filed: Int64.random(in: 0...3, using: &random))
        }
        problem.resources.shuffle(using: &random)
        problem.demands.shuffle(using: &random)
        problem.arcs = ArcTable(termNames: (0..<shape.terms).map { "term\($0)" })
        var pairs = [(Int, Int)]()
        for r in 0..<resourceCount {
            for d in 0..<demandCount { pairs.append((r, d)) }
        }
        pairs.shuffle(using: &random)
        for (r, d) in pairs {
            let draw = Double.random(in: 0..<1, using: &random)
            if draw < shape.density {
                let amounts = (0..<shape.terms).map { _ in Int64.random(in: shape.costs, using: &random) }
                problem.arcs.append(resource: r, demand: d, amounts: amounts)
            } else if draw < shape.density + shape.ineligibleShare * (1 - shape.density) {
                problem.ineligible.append(Ineligibility(resource: r, demand: d, reason: "rule \(r % 3)"))
            }
        }
        return problem
    }

    /// The same category with every list in another random order (arcs remapped).
    static func shuffled(_ problem: CategoryProblem, using random: inout SeededGenerator) -> CategoryProblem {
        let demandOrder = Array(problem.demands.indices).shuffled(using: &random)
        let resourceOrder = Array(problem.resources.indices).shuffled(using: &random)
        var demandPosition = [Int](repeating: 0, count: demandOrder.count)
        var resourcePosition = [Int](repeating: 0, count: resourceOrder.count)
        for (new, old) in demandOrder.enumerated() { demandPosition[old] = new }
        for (new, old) in resourceOrder.enumerated() { resourcePosition[old] = new }
        var copy = problem
        copy.demands = demandOrder.map { problem.demands[$0] }
        copy.resources = resourceOrder.map { problem.resources[$0] }
        copy.arcs = ArcTable(termNames: problem.arcs.termNames)
        let width = problem.arcs.termNames.count
        for arc in Array(0..<problem.arcs.count).shuffled(using: &random) {
            copy.arcs.append(
                resource: resourcePosition[Int(problem.arcs.resources[arc])],
                demand: demandPosition[Int(problem.arcs.demands[arc])],
                amounts: problem.arcs.amounts[arc * width ..< (arc + 1) * width])
        }
        copy.ineligible = problem.ineligible.shuffled(using: &random).map {
            Ineligibility(resource: resourcePosition[$0.resource], demand: demandPosition[$0.demand], reason: $0.reason)
        }
        return copy
    }
}
