import Foundation
import GovregTestSupport
import MicroWishes
import Postgres
import Registry
import RegistryStore
import Testing

@Suite struct MicroWishRefusalTests {
    @Test func badInputIsRefusedAndNothingIsWritten() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MicroWishFixture.make(configuration)   // at most ¥300
            defer { Task { await f.close() } }
            let may = try day("2024-05-01")
            let drafts: [WishDraft] = [
                WishDraft(placeCode: "G11", title: "  ", category: "学习用品", postedOn: may),
                WishDraft(placeCode: "G11", title: "一台电脑", category: "电器", postedOn: may),                        // not a category of the district
                WishDraft(placeCode: "G11", title: "一台电脑", category: "学习用品", estimatedValue: Money(fen: 30_001), postedOn: may),   // ¥300.01
                WishDraft(placeCode: "G11", title: "书包", category: "学习用品", estimatedValue: Money(fen: -1), postedOn: may),
                WishDraft(placeCode: "G11", title: "书包", category: "学习用品", postedOn: try daysAgo(-2)),             // the day after tomorrow
                WishDraft(placeCode: "G11", title: String(repeating: "书", count: 101), category: "学习用品", postedOn: may),
            ]
            for draft in drafts {
                await #expect(throws: RegistryError.self, "\(draft)") { try await f.write { tx in try await MicroWishStore.post(draft, in: tx) } }
            }
            await #expect(throws: RegistryStoreError.self) {
                try await f.write { tx in try await MicroWishStore.post(WishDraft(placeCode: "NOPE", title: "书包", category: "学习用品"), in: tx) }
            }
            #expect(try await f.count() == 0)

            let wish = try await f.post(value: .yuan(300), on: may)   // the ceiling itself is allowed
            let claims: [(WishClaimant, CivilDate?)] = [
                (.volunteer(try PersonalName("李四"), holder: "13812345678"), nil),   // a phone number is no holder code
                (.volunteer(try PersonalName("李四"), holder: "张三"), nil),
                (.volunteer(try PersonalName("李四"), holder: "-H1"), nil),
                (.volunteer(try PersonalName("李四")), try day("2024-04-30")),        // before it was posted
            ]
            for (claimant, on) in claims {
                await #expect(throws: RegistryError.self) { try await f.write { tx in try await MicroWishStore.claim(wish.id, by: claimant, on: on, in: tx) } }
            }
            await #expect(throws: RegistryStoreError.self) { try await f.write { tx in try await MicroWishStore.claim(wish.id, by: .unit("U999"), in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await f.write { tx in try await MicroWishStore.claim(wish.id + 1, by: .unit("U001"), in: tx) } }
            await #expect(throws: RegistryError.self) {
                try await f.write { tx in try await MicroWishStore.withdraw(wish.id, reason: String(repeating: "因", count: 201), in: tx) }
            }
            let still = try await f.read { tx in try await MicroWishStore.show(wish.id, in: tx) }
            #expect(still.state == .posted && still.claimant == nil)

            // A fulfilment dated before the claim is refused too.
            _ = try await f.write { tx in try await MicroWishStore.claim(wish.id, by: .unit("U001"), on: try day("2024-05-03"), in: tx) }
            await #expect(throws: RegistryError.self) { try await f.write { tx in try await MicroWishStore.fulfil(wish.id, on: try day("2024-05-02"), in: tx) } }
            #expect(try await f.read { tx in try await MicroWishStore.show(wish.id, in: tx) }.state == .claimed)
        }
    }

    @Test func aDisabledModuleDoesNothingKeepsItsDataAndDistrictsAreIsolated() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MicroWishFixture.make(configuration)
            defer { Task { await f.close() } }
            let other = try await MicroWishFixture.make(configuration, slug: "pingli", code: "610926", enabled: false)
            defer { Task { await other.close() } }
            let wish = try await f.post(on: try day("2024-05-01"))
            await #expect(throws: RegistryStoreError.self) { try await other.post(on: try day("2024-05-01")) }
            await #expect(throws: RegistryStoreError.self) { try await other.read { tx in try await MicroWishStore.wishes(in: tx) } }

            try await other.write { tx in _ = try await ModuleStore.enable(MicroWishesModule.moduleID, in: tx) }
            #expect(try await other.read { tx in try await MicroWishStore.wishes(in: tx) }.isEmpty)   // not langao's wish
            await #expect(throws: RegistryStoreError.self) { try await other.read { tx in try await MicroWishStore.show(wish.id, in: tx) } }
            await #expect(throws: RegistryStoreError.self) { try await other.read { tx in try await MicroWishStore.contact(wish.id, in: tx) } }
            await #expect(throws: RegistryStoreError.self) {
                try await other.write { tx in try await MicroWishStore.claim(wish.id, by: .unit("U001"), in: tx) }
            }
            #expect(try await other.count() == 0)

            // Disabled, the module refuses every call and leaves the report; its data stays.
            try await f.write { tx in _ = try await ModuleStore.disable(MicroWishesModule.moduleID, in: tx) }
            await #expect(throws: RegistryStoreError.self) {
                try await f.write { tx in try await MicroWishStore.claim(wish.id, by: .unit("U001"), in: tx) }
            }
            await #expect(throws: RegistryStoreError.self) { try await f.read { tx in try await MicroWishStore.wishes(in: tx) } }
            let sections = try await f.read { tx in try await ModuleStore.reportSections(from: try day("2024-01-01"), to: try day("2024-12-31"), in: tx) }
            #expect(sections.isEmpty)
            #expect(try await f.count() == 1)
            try await f.write { tx in _ = try await ModuleStore.enable(MicroWishesModule.moduleID, in: tx) }
            #expect(try await f.read { tx in try await MicroWishStore.show(wish.id, in: tx) }.state == .posted)
        }
    }
}
