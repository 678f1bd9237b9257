extension CategorySolution {
    /// Assembles a category's result from its optimal flow.
    ///
    /// - Parameters:
    ///   - input: The category as given (for the arcs' cost terms).
    ///   - category: Its canonical form.
    ///   - flow: The optimal flow.
    ///   - explain: Whether to build the per-demand explanations.
    init(input: CategoryProblem, category: CanonicalCategory, flow: CategoryFlow, explain: Bool) throws {
        let c = category
        var served = [Int64](repeating: 0, count: c.demandCount)
        var used = [Int64](repeating: 0, count: c.resourceCount)
        var summary = CategorySummary()
        var assignments = [Assignment]()
        for d in 0..<c.demandCount {
            for k in Int(c.arcStart[d])..<Int(c.arcStart[d + 1]) where flow.arcFlow[k] > 0 {
                let x = flow.arcFlow[k], r = Int(c.arcResource[k])
                served[d] += x
                used[r] += x
                summary.weightedSatisfaction += x * c.priority[d]
                summary.cost += x * c.arcCost[k]
                assignments.append(Assignment(
                    resource: c.resourceIDs[r], demand: c.demandIDs[d], quantity: x, unitCost: c.arcCost[k],
                    terms: input.arcs.terms(at: Int(c.arcInput[k]))))
            }
            if served[d] == c.quantity[d] {
                summary.fullyServed += 1
            } else if served[d] > 0 {
                summary.partlyServed += 1
            } else {
                summary.unserved += 1
            }
        }
        summary.demands = c.demandCount
        summary.resources = c.resourceCount
        summary.arcs = c.arcCount
        summary.ineligiblePairs = c.ineligibleResource.count
        summary.requestedQuantity = c.totalQuantity
        summary.capacity = c.totalCapacity
        summary.satisfiedQuantity = served.reduce(0, +)
        summary.assignments = assignments.count

        var outcomes = [DemandOutcome]()
        if explain {
            let explainer = OutcomeExplainer(category: c, arcFlow: flow.arcFlow, served: served, used: used)
            outcomes.reserveCapacity(c.demandCount)
            for d in 0..<c.demandCount { outcomes.append(try explainer.outcome(of: d)) }
        }
        self.init(category: c.category, summary: summary, statistics: flow.statistics,
                  assignments: assignments, outcomes: outcomes, timings: nil)
    }
}
