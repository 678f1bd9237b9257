import Registry
import Testing

@Suite struct ResourceStatusTests {
    static func resource(pledging amount: Int64 = 10) throws -> Resource {
        var ledger = ResourceLedger(measureUnit: .items)
        try ledger.pledge(Quantity(amount, .items), at: TestValues.start)
        return try Resource(
            tenant: TestValues.tenant, id: 2, unit: 5, title: "防汛物资", category: "safety", kind: .materials,
            ledger: ledger)
    }

    @Test func exhaustedAtZeroAndAvailableAgainAfterAReturn() throws {
        var resource = try Self.resource()
        #expect(resource.status == .offered)
        let unconfirmed = try TestValues.refusal { try resource.draw(Quantity(1, .items), for: 1, at: TestValues.start) }
        #expect(unconfirmed?.code == .notAllowedInState)
        try resource.confirm()
        #expect(resource.status == .available)
        try resource.draw(Quantity(4, .items), for: 1, at: TestValues.start)
        #expect(resource.status == .available)
        try resource.draw(Quantity(6, .items), for: 2, at: TestValues.start)
        #expect(resource.status == .exhausted)
        #expect(resource.remaining == 0)
        let none = try TestValues.refusal { try resource.draw(Quantity(1, .items), for: 3, at: TestValues.start) }
        #expect(none?.code == .notAllowedInState)
        try resource.recordReturn(Quantity(2, .items), from: 2, at: TestValues.start)
        #expect(resource.status == .available)
        #expect(resource.remaining == 2)
        #expect(resource.capacity == (try Quantity(10, .items)))
    }

    @Test func aNewPledgeRevivesAnExhaustedResource() throws {
        var resource = try Self.resource(pledging: 1)
        try resource.confirm()
        try resource.draw(Quantity(1, .items), for: 1, at: TestValues.start)
        #expect(resource.status == .exhausted)
        try resource.pledge(Quantity(3, .items), at: TestValues.start)
        #expect(resource.status == .available)
    }

    @Test func withdrawnStopsDrawsAndPledgesButTakesReturns() throws {
        var resource = try Self.resource()
        try resource.confirm()
        try resource.draw(Quantity(5, .items), for: 1, at: TestValues.start)
        try resource.withdraw()
        #expect(throws: RegistryError.self) { try resource.draw(Quantity(1, .items), for: 1, at: TestValues.start) }
        #expect(throws: RegistryError.self) { try resource.pledge(Quantity(1, .items), at: TestValues.start) }
        #expect(throws: RegistryError.self) { try resource.withdraw() }
        #expect(throws: RegistryError.self) { try resource.confirm() }
        try resource.recordReturn(Quantity(5, .items), from: 1, at: TestValues.start)
        #expect(resource.status == .withdrawn)
    }

    @Test func statusFollowsRemainingOnlyWhenConfirmed() {
        #expect(ResourceStatus.available.following(remaining: 0) == .exhausted)
        #expect(ResourceStatus.exhausted.following(remaining: 1) == .available)
        #expect(ResourceStatus.offered.following(remaining: 0) == .offered)
        #expect(ResourceStatus.withdrawn.following(remaining: 9) == .withdrawn)
    }
}
