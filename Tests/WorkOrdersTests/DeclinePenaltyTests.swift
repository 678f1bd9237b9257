import Foundation
import GovregTestSupport
import Postgres
import Registry
import RegistryStore
import Testing
import WorkOrders

/// The matching term end to end: a unit that keeps declining a category loses a demand of
/// that category it would otherwise win.
@Suite struct DeclinePenaltyTests {
    /// `unit` declines `count` orders of `category`, today.
    static func decline(_ f: WorkOrdersFixture, _ unit: String, _ count: Int, category: String = "housing_repair") async throws {
        let today = try await f.read { tx in try tx.today() }
        for n in 0..<count {
            try await f.write { tx in
                let order = try await WorkOrderStore.order(OrderDraft(placeCode: "C1", title: "拒单 \(n)", category: category, orderedOn: today), in: tx)
                try await WorkOrderStore.dispatch(order.id, to: unit, on: today, in: tx)
                try await WorkOrderStore.decline(order.id, reason: "无力承接", on: today, in: tx)
            }
        }
    }

    @Test func aUnitThatKeepsDecliningACategoryLosesItsDemand() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration, settings: #"{"decline_penalty": 500, "decline_threshold": 2, "decline_window_days": 30}"#)
            defer { Task { await f.close() } }
            // Without declines the module adds no term, and one of the two equal resources wins.
            let baseline = try await f.match()
            let winner = try #require(baseline.resource)
            #expect(baseline.terms == ["distance", "contract", "unit_cost"])
            let (winnerUnit, other) = winner == "R001" ? ("U001", "R002") : ("U002", "R001")

            // One decline is under the threshold; declines of another category do not count.
            try await Self.decline(f, winnerUnit, 1)
            try await Self.decline(f, winnerUnit, 3, category: "elderly_care")
            #expect(try await f.match().resource == winner)

            // The second decline of housing repair: the winner now costs 500 more, and loses.
            try await Self.decline(f, winnerUnit, 1)
            let penalised = try await f.match()
            #expect(penalised.resource == other)
            #expect(penalised.terms.contains("work_orders"))

            // A higher threshold lifts it again.
            try await f.write { tx in _ = try await ModuleStore.configure(WorkOrdersModule.moduleID, settings: Data(#"{"decline_threshold": 3}"#.utf8), in: tx) }
            #expect(try await f.match().resource == winner)

            // So does disabling the module: no term, the winner is back.
            try await f.write { tx in _ = try await ModuleStore.configure(WorkOrdersModule.moduleID, settings: Data(#"{"decline_threshold": 2}"#.utf8), in: tx) }
            #expect(try await f.match().resource == other)
            try await f.write { tx in _ = try await ModuleStore.disable(WorkOrdersModule.moduleID, in: tx) }
            let disabled = try await f.match()
            #expect(disabled.resource == winner && disabled.terms == ["distance", "contract", "unit_cost"])
        }
    }

    @Test func declinesOutsideTheWindowDoNotCount() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await WorkOrdersFixture.make(configuration, settings: #"{"decline_penalty": 500, "decline_threshold": 1, "decline_window_days": 30}"#)
            defer { Task { await f.close() } }
            let winner = try #require(try await f.match().resource)
            let unit = winner == "R001" ? "U001" : "U002"
            try await f.write { tx in
                let order = try await WorkOrderStore.order(OrderDraft(placeCode: "C1", title: "去年拒单", category: "housing_repair", orderedOn: try day("2020-01-01")), in: tx)
                try await WorkOrderStore.dispatch(order.id, to: unit, on: try day("2020-01-02"), in: tx)
                try await WorkOrderStore.decline(order.id, reason: "无力承接", on: try day("2020-01-03"), in: tx)
            }
            #expect(try await f.match().resource == winner)
        }
    }
}
