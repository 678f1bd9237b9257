import Matching
import Testing

@Suite("Explanations")
struct DemandOutcomeTests {
    static func solve(_ problem: CategoryProblem) throws -> CategorySolution {
        try Solver.solve(Problem(categories: [problem])).categories[0]
    }

    @Test("an unserved demand names the higher-priority demands that took the capacity")
    func unservedNamesHigherPriorities() throws {
        var problem = CategoryProblem(category: "c", demands: [
            DemandInput(id: "D1", quantity: 1, priority: 5),
            DemandInput(id: "D2", quantity: 1, priority: 4),
            DemandInput(id: "D3", quantity: 1, priority: 1),
        ], resources: [ResourceInput(id: "R", capacity: 2)])
        for d in 0..<3 { problem.arcs.append(resource: 0, demand: d, cost: 10) }
        let result = try Self.solve(problem)
        let d3 = try #require(result.outcomes.first { $0.demand == "D3" })
        #expect(d3.served == 0)
        let competitors = [Competitor(demand: "D1", priority: 5, quantity: 1), Competitor(demand: "D2", priority: 4, quantity: 1)]
        #expect(d3.shortfall == Shortfall(missing: 1, reason: .capacityExhausted(
            competitors: competitors, allocationsByPriority: [0, 0, 0, 1, 1])))
        #expect(d3.alternatives == [Alternative(resource: "R", unitCost: 10, reason: .full(competitors: competitors, others: 0))])
        #expect(d3.description.contains("D1 (p5) ×1"))
        #expect(d3.description.contains("p5 1, p4 1"))
        #expect(d3.description.contains("[higher priority"))
    }

    @Test("an allocation's demand lists a dearer alternative, and the allocation carries its cost terms")
    func dearerAlternative() throws {
        var problem = CategoryProblem(category: "c", demands: [DemandInput(id: 1, quantity: 2, priority: 3)],
                                      resources: [ResourceInput(id: 10, capacity: 5), ResourceInput(id: 20, capacity: 5)])
        problem.arcs = ArcTable(termNames: ["distance", "contract"])
        problem.arcs.append(resource: 0, demand: 0, amounts: [250, -240])
        problem.arcs.append(resource: 1, demand: 0, amounts: [30, 0])
        let result = try Self.solve(problem)
        #expect(result.assignments == [Assignment(
            resource: 10, demand: 1, quantity: 2, unitCost: 10,
            terms: [CostTerm(name: "distance", amount: 250), CostTerm(name: "contract", amount: -240)])])
        #expect(result.outcomes[0].alternatives == [Alternative(resource: 20, unitCost: 30, reason: .dearer(by: 20))])
        #expect(result.outcomes[0].shortfall == nil)
    }

    @Test("an equally cheap alternative is reported as a tie")
    func tie() throws {
        var problem = CategoryProblem(category: "c", demands: [DemandInput(id: 1, quantity: 1, priority: 3)],
                                      resources: [ResourceInput(id: 10, capacity: 5), ResourceInput(id: 20, capacity: 5)])
        problem.arcs.append(resource: 0, demand: 0, cost: 4)
        problem.arcs.append(resource: 1, demand: 0, cost: 4)
        let outcome = try Self.solve(problem).outcomes[0]
        #expect(outcome.alternatives.map(\.reason) == [.tie])
    }

    @Test("capacity that went to an equal-priority demand with no other option: cheaper for the system")
    func cheaperForTheSystem() throws {
        // D1 may use R1 (cost 0) or R2 (cost 100); D2 only R1. Serving both needs D1 on R2.
        var problem = CategoryProblem(category: "c", demands: [
            DemandInput(id: "D1", quantity: 1, priority: 3), DemandInput(id: "D2", quantity: 1, priority: 3),
        ], resources: [ResourceInput(id: "R1", capacity: 1), ResourceInput(id: "R2", capacity: 1)])
        problem.arcs.append(resource: 0, demand: 0, cost: 0)
        problem.arcs.append(resource: 1, demand: 0, cost: 100)
        problem.arcs.append(resource: 0, demand: 1, cost: 0)
        let result = try Self.solve(problem)
        #expect(result.summary.weightedSatisfaction == 6)
        let d1 = try #require(result.outcomes.first { $0.demand == "D1" })
        #expect(d1.alternatives == [Alternative(
            resource: "R1", unitCost: 0, reason: .full(competitors: [Competitor(demand: "D2", priority: 3, quantity: 1)], others: 0))])
        #expect(d1.description.contains("cheaper overall"))
    }

    @Test("ineligible pairs are listed with their reason; a demand with none eligible says so")
    func ineligible() throws {
        var problem = CategoryProblem(category: "c", demands: [DemandInput(id: 1, quantity: 1, priority: 3)],
                                      resources: [ResourceInput(id: 10, capacity: 5)])
        problem.ineligible = [Ineligibility(resource: 0, demand: 0, reason: "outside service area 服务范围外")]
        let outcome = try Self.solve(problem).outcomes[0]
        #expect(outcome.alternatives == [Alternative(resource: 10, unitCost: nil, reason: .ineligible("outside service area 服务范围外"))])
        #expect(outcome.shortfall == Shortfall(missing: 1, reason: .noEligibleResource))
        #expect(outcome.description.contains("not eligible"))
    }

    @Test("explanations are bounded: five alternatives, three competitors each, five per shortfall")
    func bounded() throws {
        var problem = CategoryProblem(category: "c")
        problem.resources = (0..<10).map { ResourceInput(id: .number(Int64($0)), capacity: 10) }
        problem.demands = (0..<200).map { DemandInput(id: .number(Int64(1000 + $0)), quantity: 1, priority: $0 == 0 ? 1 : 5) }
        for r in 0..<10 {
            for d in 0..<200 { problem.arcs.append(resource: r, demand: d, cost: Int64(r)) }
        }
        let result = try Self.solve(problem)
        let loser = try #require(result.outcomes.first { $0.demand == 1000 })
        #expect(loser.alternatives.count == 5)
        #expect(loser.moreAlternatives == 5)
        for alternative in loser.alternatives {
            guard case let .full(competitors, others) = alternative.reason else {
                Issue.record("expected full, got \(alternative.reason)")
                continue
            }
            #expect(competitors.count == 3 && others == 7)
        }
        guard case let .capacityExhausted(competitors, byPriority)? = loser.shortfall?.reason else {
            Issue.record("expected a shortfall")
            return
        }
        #expect(competitors.count == 5)
        #expect(byPriority == [0, 0, 0, 0, 100])
    }

    @Test("explanations can be switched off")
    func off() throws {
        var problem = CategoryProblem(category: "c", demands: [DemandInput(id: 1, quantity: 1, priority: 3)],
                                      resources: [ResourceInput(id: 10, capacity: 5)])
        problem.arcs.append(resource: 0, demand: 0, cost: 4)
        let solution = try Solver.solve(Problem(categories: [problem]), options: .init(explain: false))
        #expect(solution.categories[0].outcomes.isEmpty)
        #expect(solution.categories[0].assignments.count == 1)
    }
}

extension DemandOutcomeTests {
    @Test("the Solver documentation's example prints what it says")
    func documentedExample() throws {
        var care = CategoryProblem(category: "elderly_care")
        care.demands = [DemandInput(id: 1, quantity: 2, priority: 5), DemandInput(id: 2, quantity: 1, priority: 3)]
        care.resources = [ResourceInput(id: 7, capacity: 2)]
        care.arcs.append(resource: 0, demand: 0, cost: 250)
        care.arcs.append(resource: 0, demand: 1, cost: 0)
        let solution = try Solver.solve(Problem(categories: [care]))
        #expect(solution.summary.weightedSatisfaction == 10)
        #expect(solution.categories[0].outcomes[1].description == """
            2 (p3): served 0 of 1 已分配 0/1
              not used 未用: 7 at 0: full 已满 — 1 (p5) ×2 [higher priority 优先级更高]
              1 missing 缺口: every eligible resource is full 资源已满 — 1 allocations to other demands (p5 1), e.g. 1 (p5) ×2
            """)
    }

    @Test("a demand that took all its resources had and still lacks some is told so")
    func usedUpByItself() throws {
        var problem = CategoryProblem(category: "c", demands: [DemandInput(id: 1, quantity: 5, priority: 3)],
                                      resources: [ResourceInput(id: 10, capacity: 3)])
        problem.arcs.append(resource: 0, demand: 0, cost: 0)
        let outcome = try DemandOutcomeTests.solve(problem).outcomes[0]
        let text = try #require(outcome.shortfall?.description)
        #expect(text == "2 missing 缺口: every eligible resource is used up by this demand itself 可用资源已全部分给本需求", "\(text)")
    }
}
