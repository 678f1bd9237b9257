import BenchTalk
import Foundation
import Registry
import RegistryStore

/// The demo's plug-in modules: bench talks enabled for the district, with one meeting whose
/// topics were answered on the spot, referred up, and turned into a demand that goes on the
/// list (accepted) before the matching run, which serves it.
struct DemoBenchTalk {
    let year: Int
    let place: String

    /// Enables the module and records the meeting unless done before; returns the year's summary.
    /// (The meeting's steps run one after another: a demo stopped in the middle of them is
    /// not completed; `govreg demo` on a fresh district is.)
    func load(_ registry: RegistryDatabase, tenant: UUID, actor: String, terminal: Terminal) async throws -> BenchTalkSummary {
        // Each step is keyed on its own result, so a run that stopped half-way is completed.
        let modules = try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await ModuleStore.list(in: tx) }
        if !modules.contains(where: { $0.id == BenchTalkModule.moduleID && $0.enabled }) {
            try await registry.withTenant(tenant, actor: actor) { tx in try await ModuleStore.enable(BenchTalkModule.moduleID, settings: Data(#"{"reply_deadline_days": 7}"#.utf8), in: tx) }
        }
        let recorded = try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await BenchTalkStore.topics(limit: 1, in: tx) }
        if recorded.isEmpty {
            terminal.progress("模块 bench_talk 板凳会: recording a meeting …")
            let meeting = try await registry.withTenant(tenant, actor: actor) { tx in try await BenchTalkStore.hold(
                MeetingDraft(heldOn: try day(5, 8), placeCode: place, host: "社区党委书记", attendees: 23,
                             photos: ["https://example.org/langao/bench-talk-0508.jpg"], note: "小区凉亭，傍晚",
                             topics: ["独居老人想有人定期上门看看", "楼道灯坏了好几盏", "小区门口想加个减速带"]), in: tx) }
            let topics = meeting.topics.map(\.id)
            let turned = try await registry.withTenant(tenant, actor: actor) { tx in try await BenchTalkStore.turnIntoDemand(
                topics[0], TopicDemandRequest(category: "elderly_care", quantity: try Quantity(40, .volunteerHours), priority: try Priority(5),
                                              dueOn: try day(12, 31)), in: tx) }
            try await registry.withTenant(tenant, actor: actor) { tx in try await BenchTalkStore.answer(topics[1], answer: "物业当场登记，三天内换好", on: try day(5, 8), in: tx) }
            try await registry.withTenant(tenant, actor: actor) { tx in try await BenchTalkStore.refer(topics[2], to: "县交通运输局", on: try day(5, 9), in: tx) }
            // The community puts the demand on the list, so that the matching run can serve it.
            try await registry.withTenant(tenant, actor: actor) { tx in try await DemandStore.transition(
                turned.demandID!, to: .accepted, note: "列入需求清单 on the list", visibility: .public, in: tx) }
        }
        return try await registry.withTenant(tenant, actor: actor, readOnly: true) { tx in try await BenchTalkStore.summary(from: try day(1, 1), to: try day(12, 31), in: tx) }
    }

    private func day(_ month: Int, _ day: Int) throws -> CivilDate { try CivilDate(year: year, month: month, day: day) }
}
