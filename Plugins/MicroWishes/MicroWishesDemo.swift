import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// The demo's micro-wishes: a handful of wishes of a
/// grid's residents through the year — confirmed (one by a volunteer who earns points, one by
/// a registered unit), fulfilled and awaiting the resident's word, claimed, withdrawn, and one
/// still unclaimed since autumn (aging by the year's end).
struct MicroWishesDemo: ModuleDemo {
    let settings = #"{"aging_days": 14, "max_value_yuan": 500}"#
    /// The volunteer's points holder code (the points module pays it if its register has it;
    /// if not, the act is recorded as unpaid, never refused).
    var holder = "LG-H0001"

    /// Records the wishes unless done before; returns the year's summary.
    func load(_ demo: DemoContext) async throws -> ModuleDemoSummary {
        let recorded = try await demo.read { tx in try await MicroWishStore.wishes(limit: 1, in: tx) }
        if recorded.isEmpty {
            demo.terminal.progress("模块 micro_wishes 微心愿: recording residents' wishes …")
            // All in one transaction: a demo stopped half-way leaves no wishes and records them all next time.
            try await demo.write { tx in
                let bag = try await post("给孙子买一个新书包", "学习用品", 120, on: demo.day(3, 1), at: demo.grid, tx)
                _ = try await MicroWishStore.claim(bag.id, by: .volunteer(try PersonalName("陈志愿"), holder: holder), on: demo.day(3, 2), in: tx)
                _ = try await MicroWishStore.fulfil(bag.id, note: "书包和文具一并送到", on: demo.day(3, 6), in: tx)
                _ = try await MicroWishStore.confirm(bag.id, by: .resident, on: demo.day(3, 7), in: tx)

                let tap = try await post("厨房水龙头漏水，想请人修一修", "维修", 60, on: demo.day(4, 10), at: demo.grid, tx)
                _ = try await MicroWishStore.claim(tap.id, by: .unit("U001"), on: demo.day(4, 11), in: tx)
                _ = try await MicroWishStore.fulfil(tap.id, on: demo.day(4, 13), in: tx)
                _ = try await MicroWishStore.confirm(tap.id, by: .community, on: demo.day(4, 15), in: tx)

                let visit = try await post("独居老人希望每周有人来聊聊天", "探访", nil, on: demo.day(6, 1), at: demo.grid, tx)
                _ = try await MicroWishStore.claim(visit.id, by: .volunteer(try PersonalName("刘大姐")), on: demo.day(6, 20), in: tx)
                _ = try await MicroWishStore.fulfil(visit.id, note: "已连续探访四周", on: demo.day(7, 20), in: tx)

                let coat = try await post("一件过冬的棉衣", "生活用品", 200, on: demo.day(11, 5), at: demo.grid, tx)
                _ = try await MicroWishStore.claim(coat.id, by: .unit("U002"), on: demo.day(11, 8), in: tx)

                let fan = try await post("一台电风扇", "生活用品", 150, on: demo.day(7, 1), at: demo.grid, tx)
                _ = try await MicroWishStore.withdraw(fan.id, reason: "子女已买好", on: demo.day(7, 3), in: tx)

                _ = try await post("想学用智能手机，请人教一教", "其他", nil, on: demo.day(10, 12), at: demo.grid, tx)
            }
        }
        let summary = try await demo.read { tx in try await MicroWishStore.summary(from: try demo.day(1, 1), to: try demo.day(12, 31), in: tx) }
        return ModuleDemoSummary(text: MicroWishesCommand.text(summary), figures: summary)
    }

    private func post(_ title: String, _ category: String, _ yuan: Int64?, on posted: CivilDate, at place: String, _ tx: TenantTransaction) async throws -> MicroWish {
        try await MicroWishStore.post(WishDraft(placeCode: place, title: title, category: category, estimatedValue: yuan.map { .yuan($0) },
                                                postedOn: posted, wisherName: try PersonalName("居民甲"), wisherPhone: nil), in: tx)
    }
}
