import Matching
import Testing

@Suite("Input validation")
struct CanonicalCategoryTests {
    static func base() -> CategoryProblem {
        var problem = CategoryProblem(category: "c", demands: [DemandInput(id: 1, quantity: 1, priority: 3)],
                                      resources: [ResourceInput(id: 2, capacity: 1)])
        problem.arcs.append(resource: 0, demand: 0, cost: 1)
        return problem
    }

    static func expectInvalid(_ problem: CategoryProblem, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Solver.solve(Problem(categories: [problem]))
            Issue.record("accepted an invalid problem", sourceLocation: sourceLocation)
        } catch let error as MatchingError {
            #expect(error.isInvalidInput, sourceLocation: sourceLocation)
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("each broken rule is refused, naming the row")
    func refusals() {
        var p = Self.base()
        p.demands[0].priority = 9
        Self.expectInvalid(p, "demand 1: priority must be 1–5, got 9")
        p = Self.base()
        p.demands[0].quantity = 0
        Self.expectInvalid(p, "quantity must be")
        p = Self.base()
        p.resources[0].capacity = -1
        Self.expectInvalid(p, "resource 2: capacity")
        p = Self.base()
        p.demands.append(DemandInput(id: 1, quantity: 1, priority: 1))
        Self.expectInvalid(p, "demand 1 appears twice")
        p = Self.base()
        p.arcs.append(resource: 0, demand: 0, cost: 5)
        Self.expectInvalid(p, "two arcs join resource 2 and demand 1")
        p = Self.base()
        p.arcs.append(resource: 3, demand: 0, cost: 5)
        Self.expectInvalid(p, "outside the category's rows")
        p = Self.base()
        p.ineligible.append(Ineligibility(resource: 0, demand: 0, reason: "x"))
        Self.expectInvalid(p, "both eligible and ineligible")
        p = Self.base()
        p.arcs.append(resource: 0, demand: 0, cost: Limits.maximumCost + 1)
        Self.expectInvalid(p, "outside ±")
        do {
            _ = try Solver.solve(Problem(categories: [Self.base(), Self.base()]))
            Issue.record("accepted a repeated category")
        } catch {
            #expect("\(error)".contains("appears twice"))
        }
    }

    @Test("the first failing category in code order is reported, whatever the threads")
    func firstFailure() {
        var a = Self.base(), b = Self.base()
        a.category = "a"
        b.category = "b"
        a.demands[0].priority = 0
        b.demands[0].priority = 0
        for threads in [1, 2] {
            #expect(throws: MatchingError.self) { try Solver.solve(Problem(categories: [b, a]), options: .init(threads: threads)) }
            do { _ = try Solver.solve(Problem(categories: [b, a]), options: .init(threads: threads)) } catch let error as MatchingError {
                #expect(error.category == "a")
            } catch {}
        }
    }
}
