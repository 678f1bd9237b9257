import Matching
import Testing

@Suite("Plug-in seams")
struct CategoryProblemTests {
    @Test("a rule excludes arcs with a reason, which explanations then show")
    func excludeArcs() throws {
        var problem = CategoryProblem(category: "c", demands: [DemandInput(id: 1, quantity: 1, priority: 3)],
                                      resources: [ResourceInput(id: 10, capacity: 5), ResourceInput(id: 20, capacity: 5)])
        problem.arcs.append(resource: 0, demand: 0, cost: 1)
        problem.arcs.append(resource: 1, demand: 0, cost: 2)
        problem.excludeArcs { resource, _, _ in resource.id == 10 ? "unit suspended 单位暂停" : nil }
        #expect(problem.arcs.count == 1)
        let result = try Solver.solve(Problem(categories: [problem])).categories[0]
        #expect(result.assignments.map(\.resource) == [20])
        #expect(result.outcomes[0].alternatives.map(\.reason) == [.ineligible("unit suspended 单位暂停")])
    }

    @Test("a module's cost term joins every arc and can change the optimum")
    func addCostTerm() throws {
        var problem = CategoryProblem(category: "c", demands: [DemandInput(id: 1, quantity: 1, priority: 3)],
                                      resources: [ResourceInput(id: 10, capacity: 5), ResourceInput(id: 20, capacity: 5)])
        problem.arcs.append(resource: 0, demand: 0, cost: 1)
        problem.arcs.append(resource: 1, demand: 0, cost: 2)
        problem.addCostTerm(named: "contract") { resource, _, _ in resource.id == 20 ? -5 : 0 }
        let result = try Solver.solve(Problem(categories: [problem])).categories[0]
        #expect(result.assignments == [Assignment(
            resource: 20, demand: 1, quantity: 1, unitCost: -3,
            terms: [CostTerm(name: "cost", amount: 2), CostTerm(name: "contract", amount: -5)])])
    }
}
