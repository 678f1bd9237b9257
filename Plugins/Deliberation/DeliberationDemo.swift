import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// The demo's deliberation (协商议事), run as a neighbourhood round-table (邻里议事圆桌会): a
/// leaking roof deliberated over six rounds until the property company and the residents
/// agreed to pay half each (published, and the repair filed as a demand); a parking quarrel
/// still unsettled after two rounds; a green belt agreed, done and closed.
struct DeliberationDemo: ModuleDemo {
    let settings = #"{"local_name": "邻里议事圆桌会"}"#

    /// Records each case unless recorded before (each case whole, in
    /// one transaction, so a demo stopped half-way records it on the next run); returns the
    /// year's summary.
    func load(_ demo: DemoContext) async throws -> ModuleDemoSummary {
        let recorded = Set(try await demo.read { tx in
            try await DeliberationStore.cases(limit: 1000, in: tx)
        }.map(\.title))
        for (title, script) in [("7号楼楼顶老化漏雨", leakingRoof), ("小区停车难、车多位少", parking), ("小区绿化带补种", greenBelt)] where !recorded.contains(title) {
            demo.terminal.progress("模块 deliberation 协商议事: \(title) …")
            try await demo.write { tx in try await script(demo, title, tx) }
        }
        let summary = try await demo.read { tx in
            try await DeliberationStore.summary(from: try demo.day(1, 1), to: try demo.day(12, 31), in: tx)
        }
        return ModuleDemoSummary(text: DeliberationCommand.text(summary), figures: summary)
    }

    /// Six rounds, then half each; published, and the repair on the demand list.
    private func leakingRoof(_ demo: DemoContext, _ title: String, _ tx: TenantTransaction) async throws {
        let id = try await DeliberationStore.open(CaseDraft(placeCode: demo.community, kind: "邻里事", title: title, openedOn: try demo.day(3, 1)), in: tx).id
        try await DeliberationStore.advance(id, to: "组织协商", in: tx)
        let positions = ["物业企业": ["不在维保范围", "愿出材料费", "愿承担三成", "愿承担四成", "愿承担一半", "同意各担一半"],
                         "居民代表": ["应由物业全额承担", "顶层住户先出", "愿承担五成以下", "愿承担五成以下", "同意各担一半", "同意各担一半"]]
        for round in 0..<6 {
            try await DeliberationStore.holdRound(id, RoundDraft(heldOn: try demo.day(3 + round / 2, 5 + round % 2 * 14), attendance: [
                Attendance(role: "党组织书记", count: 1),
                Attendance(role: "社区两委", count: 2),
                Attendance(role: "物业企业", count: 1, position: positions["物业企业"]![round]),
                Attendance(role: "居民代表", count: 6, position: positions["居民代表"]![round]),
            ] + (round == 0 ? [Attendance(role: "利益相关方", count: 4, position: "7号楼顶层住户：漏雨已三年")] : []),
                note: round == 5 ? "达成一致：物业企业、居民各承担一半维修费用" : "第\(round + 1)次协商"), in: tx)
        }
        try await DeliberationStore.recordResult(id, ResultDraft(result: .settled, agreement: "楼顶防水层整体翻新，费用物业企业与居民各担一半",
                                                                  split: try CostSplit(parsing: ["物业企业=50", "居民=50"])), in: tx)
        try await DeliberationStore.advance(id, to: "公示结果", in: tx)
        try await DeliberationStore.publish(id, text: "经六轮协商，7号楼楼顶防水整体翻新，费用由物业企业与居民各承担50%。", on: try demo.day(5, 25), in: tx)
        try await DeliberationStore.advance(id, to: "监督执行", in: tx)
        try await DeliberationStore.turnIntoDemand(id, CaseDemandRequest(category: "housing_repair", quantity: try Quantity(Money.yuan(24_000)),
                                                                         priority: try Priority(4), dueOn: try demo.day(9, 30),
                                                                         filedOn: try demo.day(5, 26)), in: tx)
    }

    /// Two rounds, no agreement yet.
    private func parking(_ demo: DemoContext, _ title: String, _ tx: TenantTransaction) async throws {
        let id = try await DeliberationStore.open(CaseDraft(placeCode: demo.community, kind: "邻里事", title: title, openedOn: try demo.day(6, 3)), in: tx).id
        try await DeliberationStore.advance(id, to: "组织协商", in: tx)
        for (month, date) in [(6, 10), (7, 8)] {
            try await DeliberationStore.holdRound(id, RoundDraft(heldOn: try demo.day(month, date), attendance: [
                Attendance(role: "党组织书记", count: 1), Attendance(role: "物业企业", count: 1, position: "可划出 20 个临时车位"),
                Attendance(role: "居民代表", count: 8, position: "临时车位不够，希望错时共享周边单位车位"),
                Attendance(role: "共建单位", count: 1, position: "夜间车位可开放，需定管理办法"),
            ]), in: tx)
        }
        try await DeliberationStore.recordResult(id, ResultDraft(result: .unsettled, agreement: "错时共享车位的管理办法未定，下月再议"), in: tx)
    }

    /// One round, agreed, done by volunteers, closed after the residents' evaluation.
    private func greenBelt(_ demo: DemoContext, _ title: String, _ tx: TenantTransaction) async throws {
        let id = try await DeliberationStore.open(CaseDraft(placeCode: demo.community, kind: "村里事", title: title, openedOn: try demo.day(4, 2)), in: tx).id
        try await DeliberationStore.advance(id, to: "组织协商", in: tx)
        try await DeliberationStore.holdRound(id, RoundDraft(heldOn: try demo.day(4, 9), attendance: [
            Attendance(role: "党组织书记", count: 1), Attendance(role: "居民代表", count: 5, position: "愿出工补种"),
        ]), in: tx)
        try await DeliberationStore.recordResult(id, ResultDraft(result: .settled, agreement: "居民出工、社区出苗木，四月底前补种完毕"), in: tx)
        for step in ["公示结果", "监督执行", "反馈评议"] { try await DeliberationStore.advance(id, to: step, in: tx) }
        try await DeliberationStore.publish(id, text: "小区绿化带由居民出工、社区出苗木补种，四月底前完成。", on: try demo.day(4, 12), in: tx)
        try await DeliberationStore.close(id, on: try demo.day(5, 6), in: tx)
    }

}
