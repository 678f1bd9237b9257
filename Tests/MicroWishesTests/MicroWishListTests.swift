import Foundation
import GovregTestSupport
import MicroWishes
import Postgres
import Registry
import RegistryStore
import Testing

@Suite struct MicroWishListTests {
    @Test func unclaimedWishesAgeAndTheAgingOnesComeFirst() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MicroWishFixture.make(configuration)   // aging after 7 days
            defer { Task { await f.close() } }
            let fresh = try await f.post("一盏台灯", on: try daysAgo(3))
            let old = try await f.post("一双棉鞋", category: "生活用品", on: try daysAgo(7))
            let claimedLongAgo = try await f.post("修自行车", category: "维修", on: try daysAgo(30))
            _ = try await f.write { tx in try await MicroWishStore.claim(claimedLongAgo.id, by: .unit("U001"), on: try daysAgo(29), in: tx) }

            let wishes = try await f.read { tx in try await MicroWishStore.wishes(in: tx) }
            #expect(wishes.map(\.id) == [old.id, fresh.id, claimedLongAgo.id])
            #expect(wishes.map(\.daysWaiting) == [7, 3, 30] && wishes.map(\.aging) == [true, false, false])   // a claimed wish does not age
            #expect(try await f.read { tx in try await MicroWishStore.wishes(agingOnly: true, in: tx) }.map(\.id) == [old.id])
            #expect(try await f.read { tx in try await MicroWishStore.wishes(state: .claimed, in: tx) }.map(\.id) == [claimedLongAgo.id])

            // The console page: the open wishes with their age, aging first, and no personal data.
            let pages = try #require(MicroWishesModule().contributions.compactMap { $0 as? any ModuleConsolePages }.first).pages
            let page = try await f.read { tx in try await pages[0].read([:], tx) }
            #expect(page.sections[0].facts.map(\.value) == ["2", "1", "1", "0"])
            #expect(page.sections[1].rows.map { $0[0] } == ["#\(old.id)", "#\(fresh.id)", "#\(claimedLongAgo.id)"])
            #expect(page.sections[1].rows[0][7] == "7 久未认领 aging")
            #expect(!page.sections.flatMap(\.rows).joined().joined().contains("王小明"))
        }
    }

    @Test func theReportSectionCountsThePeriodAndTheMedianDaysToFulfil() async throws {
        try await TestDatabase.withMigrated { configuration in
            let f = try await MicroWishFixture.make(configuration)
            defer { Task { await f.close() } }
            // Three confirmed in May after 2, 4 and 10 days; one claimed, one left waiting, one withdrawn.
            for (posted, days) in [("2024-05-01", 2), ("2024-05-02", 4), ("2024-05-03", 10)] {
                let wish = try await f.post(on: try day(posted))
                let on = try day(posted).adding(days)
                _ = try await f.write { tx in try await MicroWishStore.claim(wish.id, by: .volunteer(try PersonalName("李四"), holder: "H7"), on: try day(posted), in: tx) }
                _ = try await f.write { tx in try await MicroWishStore.fulfil(wish.id, on: on, in: tx) }
                _ = try await f.write { tx in try await MicroWishStore.confirm(wish.id, by: .resident, on: on, in: tx) }
            }
            let claimed = try await f.post(on: try day("2024-05-20"))
            _ = try await f.write { tx in try await MicroWishStore.claim(claimed.id, by: .unit("U001"), on: try day("2024-05-21"), in: tx) }
            _ = try await f.post("陪读", category: "探访", value: nil, on: try day("2024-05-28"))
            let dropped = try await f.post(on: try day("2024-05-10"))
            _ = try await f.write { tx in try await MicroWishStore.withdraw(dropped.id, on: try day("2024-05-11"), in: tx) }
            _ = try await f.post(on: try day("2024-06-02"))   // after the period

            let (from, to) = (try day("2024-05-01"), try day("2024-05-31"))
            let s = try await f.read { tx in try await MicroWishStore.summary(from: from, to: to, in: tx) }
            #expect((s.posted, s.claimed, s.fulfilled, s.confirmed, s.withdrawn) == (6, 4, 3, 3, 1))
            #expect(s.medianDaysToFulfil == 4 && s.confirmedValue == .yuan(360))
            #expect((s.unclaimed, s.aging) == (1, 0))   // 陪读 waited 3 days by May 31
            let empty = try await f.read { tx in try await MicroWishStore.summary(from: try day("2023-01-01"), to: try day("2023-12-31"), in: tx) }
            #expect(empty.posted == 0 && empty.medianDaysToFulfil == nil)

            let sections = try await f.read { tx in try await ModuleStore.reportSections(from: from, to: to, in: tx) }
            #expect(sections.map(\.module) == [MicroWishesModule.moduleID])
            let figures = Dictionary(uniqueKeysWithValues: sections[0].figures.map { ($0.label, $0.value) })
            #expect(figures["发布 posted"] == "6" && figures["认领 claimed"] == "4" && figures["实现 fulfilled"] == "3")
            #expect(figures["实现天数中位数 median days to fulfil (posted → confirmed)"] == "4.0")
            let published = String(decoding: try JSONEncoder().encode(sections), as: UTF8.self)
            #expect(!published.contains("王小明") && !published.contains("13912345678") && !published.contains("李四") && !published.contains("H7"))
        }
    }
}

extension CivilDate {
    /// The day `days` later.
    func adding(_ days: Int) throws -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let later = calendar.date(byAdding: .day, value: days, to: calendar.date(from: DateComponents(year: year, month: month, day: day))!)!
        let parts = calendar.dateComponents([.year, .month, .day], from: later)
        return try CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
