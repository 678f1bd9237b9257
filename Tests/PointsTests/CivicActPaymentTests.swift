import Foundation
import GovregTestSupport
import Points
import Postgres
import Registry
import RegistryStore
import Testing

/// The `CivicAct` event end to end: emitted from a transaction as any module would, paid by
/// the rule table once per occasion, recorded as unpaid when it cannot be paid, and never
/// failing the emitter.
@Suite struct CivicActPaymentTests {
    @Test func theSameActEmittedTwicePaysOnce() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration)
            defer { Task { await f.close() } }
            let act = CivicAct(kind: "micro_wish_fulfilled", holder: "H002", quantity: 1, occasion: "micro_wishes.wish:42.fulfilled")
            try await f.emit(act)
            try await f.emit(act)        // a replayed request
            try await f.emit(act, act)   // a retried batch
            #expect(try await f.balance("H002") == 5)
            let lines = try await f.read { tx in try await PointsStore.statement(holder: "H002", month: try tx.today(), in: tx) }.lines
            #expect(lines.map(\.occasion) == ["micro_wishes.wish:42.fulfilled"])
        }
    }

    @Test func anActThatCannotBePaidIsRecordedAndTheEmitterCommits() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration)
            defer { Task { await f.close() } }
            // The emitter's own write commits with the unpayable acts.
            try await f.write { tx in
                try await PointsStore.register(HolderDraft(code: "H003", placeCode: "C3"), in: tx)
                try await tx.emit([
                    CivicAct(kind: "volunteer_hours", holder: "H999", quantity: 2, occasion: "a:1"),
                    CivicAct(kind: "bench_talk_attended", holder: "H001", occasion: "a:2"),
                    CivicAct(kind: "volunteer_hours", holder: "H001", quantity: 0, occasion: "a:3"),
                    CivicAct(kind: "volunteer_hours", holder: "H001", quantity: Int.max, occasion: "a:4"),
                    CivicAct(kind: "volunteer_hours", holder: "H001\0", occasion: "a:5\0"),
                    CivicAct(kind: String(repeating: "k", count: 100), holder: "H001", occasion: "a:6"),
                    CivicAct(kind: "volunteer_hours", holder: "H001", occasion: "   "),
                    CivicAct(kind: "volunteer_hours", holder: "H001", occasion: String(repeating: "o", count: 300)),
                ] as [any GovernanceEvent])
            }
            #expect(try await f.balance("H003") == 0)
            let unpaid = try await f.read { tx in try await PointsStore.unpaidActs(in: tx) }
            let reasons = Dictionary(unpaid.map { ($0.occasion, $0.reason) }, uniquingKeysWith: { a, _ in a })
            #expect(reasons["a:1"] == .unknownHolder && reasons["a:2"] == .noRule && reasons["a:3"] == .badAct && reasons["a:4"] == .badAct)
            #expect(reasons["a:6"] == .badAct && unpaid.count == 6, "\(unpaid)")
            #expect(try await f.count("points_ledger") == 1)   // a:5, once the NUL is dropped, pays H001
            // Heard once: the act of the unknown holder stays unpaid when reported again after
            // the holder is registered (an admin awards it by hand if it should be paid).
            try await f.write { tx in try await PointsStore.register(HolderDraft(code: "H999", placeCode: "C3"), in: tx) }
            try await f.emit(CivicAct(kind: "volunteer_hours", holder: "H999", quantity: 2, occasion: "a:1"))
            #expect(try await f.balance("H999") == 0)
        }
    }

    @Test func capsHoldForEmittedActs() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration)
            defer { Task { await f.close() } }
            try await f.emit(CivicAct(kind: "volunteer_hours", holder: "H001", quantity: 8, occasion: "hours:1"))   // 16
            try await f.emit(CivicAct(kind: "volunteer_hours", holder: "H001", quantity: 8, occasion: "hours:2"))   // 4 of 16, capped
            try await f.emit(CivicAct(kind: "volunteer_hours", holder: "H001", quantity: 1, occasion: "hours:3"))   // cap reached
            #expect(try await f.balance("H001") == 20)
            let unpaid = try await f.read { tx in try await PointsStore.unpaidActs(in: tx) }
            #expect(unpaid.map(\.reason) == [.capReached])
            // Another kind is not capped by this one's cap.
            try await f.emit(CivicAct(kind: "micro_wish_fulfilled", holder: "H001", quantity: 1, occasion: "wish:1"))
            #expect(try await f.balance("H001") == 25)
        }
    }

    @Test func aDisabledModuleOrOneThatDoesNotPayActsPaysNothing() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration)
            defer { Task { await f.close() } }
            try await f.emit(CivicAct(kind: "micro_wish_fulfilled", holder: "H001", occasion: "wish:1"))
            try await f.write { tx in try await ModuleStore.disable(PointsModule.moduleID, in: tx) }
            try await f.emit(CivicAct(kind: "micro_wish_fulfilled", holder: "H001", occasion: "wish:2"))
            await #expect(throws: RegistryStoreError.self) { try await f.read { tx in try await PointsStore.rules(in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await f.write { tx in try await PointsStore.redeem(holder: "H001", points: 1, item: "毛巾", in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await f.write { tx in try await PointsStore.award(holder: "H001", kind: "micro_wish_fulfilled", in: tx) } }
            let written = (try await f.count("points_ledger"), try await f.count("points_unpaid_act"))
            #expect(written == (1, 0))
            // Its data stays; enabled again, it pays again.
            try await f.write { tx in try await ModuleStore.enable(PointsModule.moduleID, in: tx) }
            #expect(try await f.balance("H001") == 5)

            // A district that pays only by hand: acts reported by modules are not heard.
            try await f.write { tx in try await ModuleStore.configure(PointsModule.moduleID, settings: Data(#"{"pay_civic_acts": false}"#.utf8), in: tx) }
            try await f.emit(CivicAct(kind: "micro_wish_fulfilled", holder: "H001", occasion: "wish:3"))
            #expect(try await f.balance("H001") == 5)
            try await f.write { tx in _ = try await PointsStore.award(holder: "H001", kind: "micro_wish_fulfilled", in: tx) }
            #expect(try await f.balance("H001") == 10)
        }
    }

    @Test func anotherTenantSeesAndPaysNothingOfThisOnes() async throws {
        try await TestDatabase.withMigrated { configuration in
            let langao = try await PointsFixture.make(configuration)
            defer { Task { await langao.close() } }
            let pingli = try await PointsFixture.make(configuration, slug: "pingli", code: "610926")
            defer { Task { await pingli.close() } }
            // The same codes in both districts: an act in one pays only there.
            try await langao.emit(CivicAct(kind: "micro_wish_fulfilled", holder: "H001", occasion: "wish:1"))
            try await langao.emit(CivicAct(kind: "micro_wish_fulfilled", holder: "H404", occasion: "wish:2"))
            try await pingli.emit(CivicAct(kind: "micro_wish_fulfilled", holder: "H001", occasion: "wish:1"))   // its own wish 1
            let balances = (try await langao.balance("H001"), try await pingli.balance("H001"))
            #expect(balances == (5, 5))
            try await langao.write { tx in _ = try await PointsStore.redeem(holder: "H001", points: 5, item: "香皂", in: tx) }
            #expect(try await pingli.balance("H001") == 5)
            let pingliRows = (try await pingli.count("points_ledger"), try await pingli.count("points_unpaid_act"))
            #expect(pingliRows == (1, 0))
            let today = try await pingli.read { tx in try tx.today() }
            let summary = try await pingli.read { tx in try await PointsStore.summary(from: today, to: today, in: tx) }
            #expect(summary.issued == 5 && summary.redeemed == 0 && summary.unpaidActs == 0)
            // A row of the other tenant cannot be written here, whatever the SQL says.
            await #expect(throws: PostgresError.self) {
                try await pingli.write { tx in
                    try await tx.connection.execute("""
                        INSERT INTO points_rule (tenant_id, kind, chinese_name, points_per_unit) VALUES (\(langao.tenant), 'sneaky', '偷', 1)
                        """)
                }
            }
        }
    }
}
