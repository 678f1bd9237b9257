import Registry
import Testing

@Suite struct DemandStateTests {
    @Test func resolutionAndClosureAreDifferentFacts() {
        let resolved = Set(DemandState.allCases.filter(\.isResolved))
        let closed = Set(DemandState.allCases.filter(\.isClosed))
        #expect(resolved == [.resolved, .rated])
        #expect(closed == [.resolved, .rated, .rejected, .merged, .withdrawn])
        // Every resolved item is closed, but closed items that were not resolved exist:
        // reporting one count as the other is the mistake the two properties prevent.
        #expect(resolved.isSubset(of: closed))
        #expect(closed.subtracting(resolved) == [.rejected, .merged, .withdrawn])
    }

    @Test func openMeansFiledAndNotClosed() {
        let open = Set(DemandState.allCases.filter(\.isOpen))
        #expect(open == [.submitted, .accepted, .matched, .inProject])
    }

    @Test func demandForwardsTheTwoProperties() throws {
        #expect(try TestValues.demand(.rejected).isClosed)
        #expect(try !TestValues.demand(.rejected).isResolved)
        #expect(try TestValues.demand(.rated).isResolved)
        #expect(try !TestValues.demand(.inProject).isClosed)
    }

    @Test func demandRefusesAnEmptyTitle() {
        #expect(throws: RegistryError.self) {
            try Demand(
                tenant: TestValues.tenant, id: 1, title: "  ", category: "roads", orgUnit: 1,
                sourceChannel: .online, quantity: Quantity(1, .job))
        }
    }
}
