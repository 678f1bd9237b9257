import Foundation
import GovregTestSupport
import MicroWishes
import Postgres
import Registry
import RegistryStore
import Testing

@Suite struct MicroWishWorkflowTests {
    @Test func aWishIsClaimedFulfilledAndConfirmedAndItsVolunteerEarnsPointsOnce() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MicroWishFixture.make(configuration)
            defer { Task { await f.close() } }
            let posted = try await f.post(on: try day("2024-03-01"))
            #expect(posted.state == .posted && posted.placeName == "东坡一网格" && posted.estimatedValue == .yuan(120))
            #expect(posted.wisherOnRecord && posted.claimant == nil && !posted.earnsPoints)

            let claimed = try await f.write { tx in
                try await MicroWishStore.claim(posted.id, by: .volunteer(try PersonalName("李四"), holder: "H-0042"), on: try day("2024-03-02"), in: tx) }
            #expect(claimed.state == .claimed && claimed.claimant == "志愿者 李*" && claimed.earnsPoints && claimed.claimedOn?.description == "2024-03-02")
            #expect(ActRecorderModule.acts(of: f.tenant).isEmpty)   // nothing is paid before the resident confirms

            let fulfilled = try await f.write { tx in try await MicroWishStore.fulfil(posted.id, note: "书包已送到家", on: try day("2024-03-05"), in: tx) }
            #expect(fulfilled.state == .fulfilled && fulfilled.fulfilmentNote == "书包已送到家")
            #expect(ActRecorderModule.acts(of: f.tenant).isEmpty)

            let confirmed = try await f.write { tx in try await MicroWishStore.confirm(posted.id, by: .resident, on: try day("2024-03-06"), in: tx) }
            #expect(confirmed.state == .confirmed && confirmed.confirmedBy == .resident && confirmed.daysWaiting == 5)
            #expect(ActRecorderModule.acts(of: f.tenant) == [
                CivicAct(kind: "micro_wish_fulfilled", holder: "H-0042", quantity: 1, occasion: "micro_wishes.wish:\(posted.id).fulfilled"),
            ])

            // Confirmed is final: a second confirmation is refused, and nothing more is paid.
            await #expect(throws: RegistryError.self) {
                try await f.write { tx in try await MicroWishStore.confirm(posted.id, by: .community, in: tx) }
            }
            #expect(ActRecorderModule.acts(of: f.tenant).count == 1)

            // The wisher's name and phone and the volunteer's name stay out of the audit log.
            let audit = try await f.read { tx in
                try await tx.connection.query("""
                    SELECT count(*) AS rows,
                           count(*) FILTER (WHERE coalesce(before::text, '') || coalesce(after::text, '') ~ '王小明|13912345678|李四') AS named
                    FROM audit_log WHERE table_name = 'micro_wishes_wish'
                    """)[0]
            }
            #expect(try audit.decode(Int.self, "rows") == 4 && audit.decode(Int.self, "named") == 0)
            // … and out of what lists give, while the community can still reach the wisher.
            let listed = String(decoding: try JSONEncoder().encode(try await f.read { tx in try await MicroWishStore.wishes(in: tx) }), as: UTF8.self)
            #expect(!listed.contains("王小明") && !listed.contains("13912345678") && !listed.contains("李四") && !listed.contains("H-0042"))
            let contact = try await f.read { tx in try await MicroWishStore.contact(posted.id, in: tx) }
            #expect(contact.name == "王小明" && contact.phone == "13912345678")
        }
    }

    @Test func aClaimIsReleasedAUnitClaimsAndAWishIsWithdrawnOnlyBeforeFulfilment() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MicroWishFixture.make(configuration)
            defer { Task { await f.close() } }
            let wish = try await f.post("修理漏水的水龙头", category: "维修", value: .yuan(80), on: try day("2024-04-01"))
            _ = try await f.write { tx in try await MicroWishStore.claim(wish.id, by: .volunteer(try PersonalName("赵六")), on: try day("2024-04-02"), in: tx) }
            let released = try await f.write { tx in try await MicroWishStore.release(wish.id, in: tx) }
            #expect(released.state == .posted && released.claimant == nil && released.claimedOn == nil && released.postedOn.description == "2024-04-01")

            let byUnit = try await f.write { tx in try await MicroWishStore.claim(wish.id, by: .unit("U001"), on: try day("2024-04-03"), in: tx) }
            #expect(byUnit.claimant == "县团委" && !byUnit.earnsPoints)
            _ = try await f.write { tx in try await MicroWishStore.fulfil(wish.id, on: try day("2024-04-04"), in: tx) }
            // A fulfilled wish is not withdrawn, not released: only the resident's word is left.
            for refused in [WishState.withdrawn, .posted, .claimed] {
                do {
                    try await f.write { tx in
                        switch refused {
                        case .withdrawn: _ = try await MicroWishStore.withdraw(wish.id, reason: "不需要了", in: tx)
                        case .posted: _ = try await MicroWishStore.release(wish.id, in: tx)
                        default: _ = try await MicroWishStore.claim(wish.id, by: .unit("U001"), in: tx)
                        }
                    }
                    Issue.record("a fulfilled wish moved to \(refused)")
                } catch let error as RegistryError {
                    #expect(error.code == .illegalTransition && error.chineseMessage.contains("已实现") && error.englishMessage.contains("confirmed"), "\(error)")
                }
            }
            let confirmed = try await f.write { tx in try await MicroWishStore.confirm(wish.id, by: .community, on: try day("2024-04-04"), in: tx) }
            #expect(confirmed.confirmedBy == .community && ActRecorderModule.acts(of: f.tenant).isEmpty)   // a unit earns no points

            // Withdrawn from posted, and from claimed (the claim goes with it); then final.
            let posted = try await f.post("陪老人聊聊天", category: "探访", value: nil, on: try day("2024-04-05"))
            let withdrawn = try await f.write { tx in try await MicroWishStore.withdraw(posted.id, reason: "子女已回家", on: try day("2024-04-06"), in: tx) }
            #expect(withdrawn.state == .withdrawn && withdrawn.withdrawalReason == "子女已回家" && withdrawn.daysWaiting == 1)
            let claimed = try await f.post("一套冬衣", category: "生活用品", on: try day("2024-04-05"))
            _ = try await f.write { tx in try await MicroWishStore.claim(claimed.id, by: .volunteer(try PersonalName("钱七"), holder: "H1"), on: try day("2024-04-05"), in: tx) }
            let dropped = try await f.write { tx in try await MicroWishStore.withdraw(claimed.id, on: try day("2024-04-07"), in: tx) }
            #expect(dropped.state == .withdrawn && dropped.claimant == nil && !dropped.earnsPoints)
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await MicroWishStore.claim(posted.id, by: .unit("U001"), in: tx) } }

            // Steps out of order are refused, naming where the wish is and where it may go.
            let fresh = try await f.post(on: try day("2024-04-08"))
            for (name, step) in [("fulfil", 0), ("confirm", 1), ("release", 2)] {
                do {
                    _ = try await f.write { tx in
                        switch step {
                        case 0: try await MicroWishStore.fulfil(fresh.id, in: tx)
                        case 1: try await MicroWishStore.confirm(fresh.id, by: .resident, in: tx)
                        default: try await MicroWishStore.release(fresh.id, in: tx)
                        }
                    }
                    Issue.record("a posted wish could \(name)")
                } catch let error as RegistryError {
                    #expect(error.code == .illegalTransition && error.chineseMessage.contains("待认领") && error.englishMessage.contains("claimed, withdrawn"), "\(error)")
                }
            }
            let untouched = try await f.read { tx in try await MicroWishStore.show(fresh.id, in: tx) }
            #expect(untouched.state == .posted)
        }
    }
}
