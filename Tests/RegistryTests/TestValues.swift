import Foundation
import Registry

/// Values shared by the registry tests: a tenant, an actor, fixed instants, a demand.
enum TestValues {
    static let tenant = UUID(uuidString: "00000000-0000-0000-0000-000000610925")!
    static let actor = try! ActorID("account:17")
    static let start = Date(timeIntervalSince1970: 1_709_600_000)  // 2024-03-05, a fixed instant

    /// The instant `minutes` after ``start``.
    static func at(_ minutes: Int) -> Date {
        start.addingTimeInterval(TimeInterval(minutes * 60))
    }

    /// A demand in `state`, with id 7.
    static func demand(_ state: DemandState = .draft, level: EscalationLevel = .grid) throws -> Demand {
        try Demand(
            tenant: tenant, id: 7, title: "楼道灯不亮", category: "housing_repair", orgUnit: 12,
            sourceChannel: .gridReport, quantity: Quantity(1, .job), state: state, escalationLevel: level
        )
    }

    /// Runs `body` and returns the `RegistryError` it throws, or nil if it throws none
    /// (any other error fails the test by propagating).
    static func refusal(_ body: () throws -> Void) throws -> RegistryError? {
        do {
            try body()
            return nil
        } catch let error as RegistryError {
            return error
        }
    }
}
