import Foundation
import GovregTestSupport
import Points
import Postgres
import Registry
import RegistryStore
import Testing

/// Many clients at once, each in its own transaction on its own connection: a balance never
/// goes below zero, a cap is never passed, an occasion is never paid twice.
@Suite struct PointsConcurrencyTests {
    @Test func twentyRedemptionsAtOnceNeverOverdraw() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration, maxConnections: 24)
            defer { Task { await f.close() } }
            try await f.write { tx in _ = try await PointsStore.award(holder: "H001", kind: "micro_wish_fulfilled", quantity: 20, in: tx) }   // 100
            // 20 redemptions of 15 against 100: six are paid, fourteen refused, 10 left.
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            try await f.write { tx in _ = try await PointsStore.redeem(holder: "H001", points: 15, item: "食用油 #\(index)", in: tx) }
                            return true
                        } catch let error as RegistryError where error.code == .insufficientRemaining {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 6)
            #expect(try await f.balance("H001") == 10)
            let balances = try await f.read { tx in
                try await tx.connection.query("SELECT min(balance_after) AS low, count(*) AS n FROM points_ledger WHERE entry = 'redemption'")[0]
            }
            #expect(try balances.decode(Int64.self, "low") == 10 && balances.decode(Int.self, "n") == 6)
        }
    }

    @Test func actsAtOnceKeepTheCapAndPayEachOccasionOnce() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration, maxConnections: 24)
            defer { Task { await f.close() } }
            // Ten different acts of 3 hours (6 points each) against a cap of 20, and the same act
            // ten times, all at once.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<10 {
                    group.addTask { try await f.emit(CivicAct(kind: "volunteer_hours", holder: "H001", quantity: 3, occasion: "hours:\(index)")) }
                    group.addTask { try await f.emit(CivicAct(kind: "micro_wish_fulfilled", holder: "H002", occasion: "wish:1")) }
                }
                try await group.waitForAll()
            }
            #expect(try await f.balance("H001") == 20)
            let h2 = try await f.balance("H002")
            let lines = try await f.read { tx in try await PointsStore.statement(holder: "H002", month: try tx.today(), in: tx) }.lines
            #expect(h2 == 5, "H002 \(h2): \(lines)")
            let unpaid = try await f.read { tx in try await PointsStore.unpaidActs(in: tx) }
            #expect(unpaid.count == 6 && unpaid.allSatisfy { $0.reason == .capReached })   // 6 + 6 + 6 + 2 paid, six refused
        }
    }
}
