import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// The demo's points system (积分制), as a village store runs it: a rule
/// table (volunteer hours, micro-wishes fulfilled, work orders the resident was satisfied with,
/// bench talks attended, rubbish sorted), six households of the bench-talk grid, a year of acts
/// paid by the rules (one cut down by its cap) and a few redemptions at the store.
///
struct PointsDemo: ModuleDemo {
    let settings = #"{"local_name": "积分超市", "cap_period": "month"}"#
    /// First of the demos: the households it registers are the holders the other modules'
    /// demo acts pay (a micro-wish's volunteer, a work order's server).
    let order = -1

    static let rules = [
        PointsRule(kind: "volunteer_hours", chineseName: "志愿服务（小时）", pointsPerUnit: 2, capPerPeriod: 40),
        PointsRule(kind: "micro_wish_fulfilled", chineseName: "认领微心愿", pointsPerUnit: 5),
        PointsRule(kind: "work_order_satisfied", chineseName: "服务获满意评价", pointsPerUnit: 3, capPerPeriod: 15),
        PointsRule(kind: "bench_talk_attended", chineseName: "参加板凳会", pointsPerUnit: 1, capPerPeriod: 4),
        PointsRule(kind: "rubbish_sorted", chineseName: "垃圾分类达标（周）", pointsPerUnit: 1, capPerPeriod: 5),
    ]

    /// Records the year unless done before; returns the year's summary.
    /// Rules and households are set idempotently, acts by their occasions; the redemptions
    /// run once, when the ledger holds none.
    func load(_ demo: DemoContext) async throws -> ModuleDemoSummary {
        demo.terminal.progress("模块 points 积分制: rules, households and a year of acts …")
        try await demo.write { tx in
            for rule in Self.rules { try await PointsStore.setRule(rule, in: tx) }
            let registered = Set(try await PointsStore.holders(in: tx).map(\.code))
            for number in 1...6 where !registered.contains(Self.code(number)) {
                try await PointsStore.register(HolderDraft(code: Self.code(number), kind: .household, placeCode: demo.grid), in: tx)
            }
            // (household, kind, quantity, month, day): the same occasion each run, so paid once.
            let acts: [(Int, String, Int, Int, Int)] = [
                (1, "volunteer_hours", 6, 3, 9), (1, "bench_talk_attended", 1, 5, 8), (1, "rubbish_sorted", 4, 5, 31),
                (2, "volunteer_hours", 12, 4, 13), (2, "volunteer_hours", 12, 4, 27),   // 48 due in April: the cap pays 40
                (2, "micro_wish_fulfilled", 1, 6, 18), (3, "bench_talk_attended", 1, 5, 8), (3, "rubbish_sorted", 5, 6, 30),
                (4, "volunteer_hours", 3, 9, 14), (5, "work_order_satisfied", 2, 10, 11), (6, "rubbish_sorted", 3, 11, 30),
            ]
            for (index, act) in acts.enumerated() {
                _ = try await PointsStore.award(
                    holder: Self.code(act.0), kind: act.1, quantity: act.2, occasion: "demo.points.\(demo.year).\(index + 1)",
                    on: try CivilDate(year: demo.year, month: act.3, day: act.4), in: tx)
            }
            if try await PointsStore.summary(from: try demo.day(1, 1), to: try demo.day(12, 31), in: tx).redemptions == 0 {
                try await PointsStore.redeem(holder: Self.code(2), points: 30, item: "大米 5kg", on: try demo.day(7, 2), in: tx)
                try await PointsStore.redeem(holder: Self.code(1), points: 10, item: "洗衣粉一袋", on: try demo.day(7, 2), in: tx)
                try await PointsStore.redeem(holder: Self.code(3), points: 5, item: "毛巾一条", on: try demo.day(7, 15), in: tx)
            }
        }
        let summary = try await demo.read { tx in try await PointsStore.summary(from: try demo.day(1, 1), to: try demo.day(12, 31), in: tx) }
        return ModuleDemoSummary(text: PointsCommand.text(summary), figures: summary)
    }

    static func code(_ number: Int) -> String { "LG-H" + String(format: "%04d", number) }

}
