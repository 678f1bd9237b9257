import Foundation
import GovregTestSupport
import Points
import Postgres
import Registry
import RegistryStore
import Testing

/// Awards by hand, caps, redemptions, statements and the ledger's own guards.
@Suite struct PointsLedgerTests {
    @Test func awardsFollowTheRuleTableAndItsCapsAndStatementsAddUp() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration)
            defer { Task { await f.close() } }
            func award(_ kind: String, _ quantity: Int, on text: String, holder: String = "H001") async throws -> AwardOutcome {
                try await f.write { tx in try await PointsStore.award(holder: holder, kind: kind, quantity: quantity, on: try day(text), in: tx) }
            }
            #expect(try await award("volunteer_hours", 3, on: "2024-05-03").line?.points == 6)
            #expect(try await award("volunteer_hours", 6, on: "2024-05-10").line?.points == 12)
            #expect(try await award("micro_wish_fulfilled", 1, on: "2024-05-15").line?.points == 5)
            // 18 of the month's 20 earned: 4 hours (8 points) pay the 2 left, marked capped.
            let capped = try await award("volunteer_hours", 4, on: "2024-05-20")
            #expect(capped.line?.points == 2 && capped.line?.capped == true && capped.line?.balanceAfter == 25)
            do {
                _ = try await award("volunteer_hours", 1, on: "2024-05-25")
                Issue.record("an award past the cap was paid")
            } catch let error as RegistryError {
                #expect(error.code == .notAllowedInState && error.chineseMessage.contains("上限"))
            }
            // A new month, a new cap.
            #expect(try await award("volunteer_hours", 1, on: "2024-06-02").line?.points == 2)
            #expect(try await f.balance("H001") == 27)

            do {
                _ = try await f.write { tx in try await PointsStore.redeem(holder: "H001", points: 30, item: "大米 5kg", in: tx) }
                Issue.record("a redemption overdrew")
            } catch let error as RegistryError {
                #expect(error.code == .insufficientRemaining && error.chineseMessage.contains("余额 27") && error.englishMessage.contains("27 points"))
            }
            let spent = try await f.write { tx in try await PointsStore.redeem(holder: "H001", points: 25, item: "大米 5kg", on: try day("2024-06-05"), in: tx) }
            #expect(spent.points == -25 && spent.balanceAfter == 2 && spent.entry == .redemption)

            let may = try await f.read { tx in try await PointsStore.statement(holder: "H001", month: try day("2024-05-01"), in: tx) }
            #expect((may.opening, may.earned, may.redeemed, may.closing, may.lines.count) == (0, 25, 0, 25, 4))
            #expect(may.to == (try day("2024-05-31")))
            let june = try await f.read { tx in try await PointsStore.statement(holder: "H001", month: try day("2024-06-30"), in: tx) }
            #expect((june.opening, june.earned, june.redeemed, june.closing) == (25, 2, 25, 2))
            #expect(june.lines.map(\.points) == [2, -25])

            // The same occasion given by hand twice pays once.
            let first = try await f.write { tx in try await PointsStore.award(holder: "H002", kind: "micro_wish_fulfilled", occasion: "wish:7", in: tx) }
            let again = try await f.write { tx in try await PointsStore.award(holder: "H002", kind: "micro_wish_fulfilled", occasion: "wish:7", in: tx) }
            #expect(!first.alreadyHeard && again.alreadyHeard && again.line?.id == first.line?.id)
            #expect(try await f.balance("H002") == 5)

            // A retired rule pays nothing.
            try await f.write { tx in try await PointsStore.setRule(PointsRule(kind: "micro_wish_fulfilled", chineseName: "认领微心愿", pointsPerUnit: 5, active: false), in: tx) }
            await #expect(throws: RegistryError.self) { try await award("micro_wish_fulfilled", 1, on: "2024-06-03") }
            #expect(try await f.count("points_ledger") == 7)
        }
    }

    @Test func badInputIsRefusedAndNothingIsWritten() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration)
            defer { Task { await f.close() } }
            let lines = try await f.count("points_ledger"), holders = try await f.count("points_holder"), rules = try await f.count("points_rule")
            let refusals: [@Sendable (TenantTransaction) async throws -> Void] = [
                { tx in _ = try await PointsStore.award(holder: "H001", kind: "volunteer_hours", quantity: 0, in: tx) },
                { tx in _ = try await PointsStore.award(holder: "H001", kind: "Volunteer Hours", in: tx) },
                { tx in _ = try await PointsStore.award(holder: "H 001", kind: "volunteer_hours", in: tx) },
                { tx in _ = try await PointsStore.award(holder: "H999", kind: "volunteer_hours", in: tx) },
                { tx in _ = try await PointsStore.award(holder: "H001", kind: "no_such_kind", in: tx) },
                { tx in _ = try await PointsStore.award(holder: "H001", kind: "volunteer_hours", occasion: String(repeating: "x", count: 201), in: tx) },
                { tx in _ = try await PointsStore.redeem(holder: "H001", points: 0, item: "毛巾", in: tx) },
                { tx in _ = try await PointsStore.redeem(holder: "H001", points: 1, item: "  ", in: tx) },
                { tx in _ = try await PointsStore.redeem(holder: "H999", points: 1, item: "毛巾", in: tx) },
                { tx in _ = try await PointsStore.redeem(holder: "H001", points: 1, item: "毛巾", in: tx) },   // balance 0
                { tx in _ = try await PointsStore.register(HolderDraft(code: "H001", placeCode: "G11"), in: tx) },
                { tx in _ = try await PointsStore.register(HolderDraft(code: "H003", placeCode: "NOPE"), in: tx) },
                { tx in _ = try await PointsStore.register(HolderDraft(code: "", placeCode: "G11"), in: tx) },
                { tx in _ = try await PointsStore.register(HolderDraft(code: "H003", placeCode: "G11", displayName: String(repeating: "名", count: 51)), in: tx) },
                { tx in _ = try await PointsStore.setRule(PointsRule(kind: "x", chineseName: "太短", pointsPerUnit: 1), in: tx) },
                { tx in _ = try await PointsStore.setRule(PointsRule(kind: "litter_picking", chineseName: "捡垃圾", pointsPerUnit: 0), in: tx) },
                { tx in _ = try await PointsStore.setRule(PointsRule(kind: "litter_picking", chineseName: "捡垃圾", pointsPerUnit: 1, capPerPeriod: 0), in: tx) },
                { tx in _ = try await PointsStore.setRule(PointsRule(kind: "litter_picking", chineseName: " ", pointsPerUnit: 1), in: tx) },
                { tx in _ = try await PointsStore.statement(holder: "H999", month: try day("2024-05-01"), in: tx) },
            ]
            for (index, refusal) in refusals.enumerated() {
                do {
                    try await f.write(refusal)
                    Issue.record("refusal \(index) was accepted")
                } catch is RegistryError {
                } catch is RegistryStoreError {
                } catch {
                    Issue.record("refusal \(index) threw \(error)")
                }
            }
            let after = (try await f.count("points_ledger"), try await f.count("points_holder"), try await f.count("points_rule"))
            #expect(after == (lines, holders, rules))
            #expect(try await f.count("points_unpaid_act") == 0)
        }
    }

    @Test func theLedgerIsAppendOnlyAndBalancesMoveOnlyWithIt() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await PointsFixture.make(configuration)
            defer { Task { await f.close() } }
            try await f.write { tx in _ = try await PointsStore.award(holder: "H001", kind: "micro_wish_fulfilled", quantity: 2, in: tx) }
            // As the application: no privilege to change or delete a line.
            for statement: SQL in ["UPDATE points_ledger SET points = 1000", "DELETE FROM points_ledger", "UPDATE points_holder SET balance = 1000"] {
                do {
                    try await f.write { tx in _ = try await tx.connection.execute(statement) }
                    Issue.record("the application ran \(statement)")
                } catch let error as PostgresError {
                    #expect(["42501", "23514"].contains(error.sqlState ?? ""), "\(error)")
                }
            }
            // As the owner: the triggers refuse it too.
            for statement: SQL in ["UPDATE points_ledger SET points = 1000", "DELETE FROM points_ledger", "TRUNCATE points_ledger"] {
                await #expect(throws: PostgresError.self) {
                    try await f.database.operatorPool.transaction { connection in
                        // The owner meets the forced policy too: set the tenant, so the rows are there to refuse.
                        _ = try await connection.execute("SELECT govreg_set_local('app.tenant_id', \(f.tenant.uuidString.lowercased()))")
                        _ = try await connection.execute(statement)
                    }
                }
            }
            // A line that would overdraw is refused by the database itself, whatever the writer checked.
            let overdraw = await #expect(throws: PostgresError.self) {
                try await f.write { tx in
                    let holder = try await tx.connection.query("SELECT id FROM points_holder WHERE tenant_id = \(f.tenant) AND code = 'H001'")[0]
                        .decode(Int64.self, "id")
                    try await tx.connection.execute("""
                        INSERT INTO points_ledger (tenant_id, holder_id, entry, points, item, booked_on)
                        VALUES (\(f.tenant), \(holder), 'redemption', -11, '油', current_date)
                        """)
                }
            }
            #expect(overdraw?.sqlState == "23514")
            #expect(try await f.balance("H001") == 10)
            #expect(try await f.count("points_ledger") == 1)
            // The household's name stays out of the audit log.
            let named = try await f.read { tx in
                try await tx.connection.query("""
                    SELECT count(*) FILTER (WHERE table_name = 'points_holder') AS rows,
                           count(*) FILTER (WHERE coalesce(after::text, '') || coalesce(before::text, '') LIKE '%王秀英%') AS named
                    FROM audit_log
                    """)[0]
            }
            #expect(try named.decode(Int.self, "rows") >= 2 && named.decode(Int.self, "named") == 0)
        }
    }
}
