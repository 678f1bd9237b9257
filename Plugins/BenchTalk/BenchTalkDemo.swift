import Foundation
import GovregCommandLine
import Registry
import RegistryStore

/// The demo's bench talks (`govreg demo`): one meeting in the county town whose topics were
/// answered on the spot, referred up, and turned into a demand that goes on the list
/// (accepted) before the matching run, which serves it.
struct BenchTalkDemo: ModuleDemo {
    let settings = #"{"reply_deadline_days": 7}"#

    /// Records the meeting unless done before; returns the year's summary. (The meeting's
    /// steps run one after another: a demo stopped in the middle of them is not completed;
    /// `govreg demo` on a fresh district is.)
    func load(_ demo: DemoContext) async throws -> ModuleDemoSummary {
        let recorded = try await demo.read { tx in try await BenchTalkStore.topics(limit: 1, in: tx) }
        if recorded.isEmpty {
            demo.terminal.progress("模块 bench_talk 板凳会: recording a meeting …")
            let meeting = try await demo.write { tx in try await BenchTalkStore.hold(
                MeetingDraft(heldOn: try demo.day(5, 8), placeCode: demo.grid, host: "社区党委书记", attendees: 23,
                             photos: ["https://example.org/langao/bench-talk-0508.jpg"], note: "小区凉亭，傍晚",
                             topics: ["独居老人想有人定期上门看看", "楼道灯坏了好几盏", "小区门口想加个减速带"]), in: tx) }
            let topics = meeting.topics.map(\.id)
            let turned = try await demo.write { tx in try await BenchTalkStore.turnIntoDemand(
                topics[0], TopicDemandRequest(category: "elderly_care", quantity: try Quantity(40, .volunteerHours), priority: try Priority(5),
                                              dueOn: try demo.day(12, 31)), in: tx) }
            try await demo.write { tx in try await BenchTalkStore.answer(topics[1], answer: "物业当场登记，三天内换好", on: try demo.day(5, 8), in: tx) }
            try await demo.write { tx in try await BenchTalkStore.refer(topics[2], to: "县交通运输局", on: try demo.day(5, 9), in: tx) }
            // The community puts the demand on the list, so that the matching run can serve it.
            try await demo.write { tx in try await DemandStore.transition(
                turned.demandID!, to: .accepted, note: "列入需求清单 on the list", visibility: .public, in: tx) }
        }
        let summary = try await demo.read { tx in try await BenchTalkStore.summary(from: try demo.day(1, 1), to: try demo.day(12, 31), in: tx) }
        return ModuleDemoSummary(text: BenchTalkCommand.text(summary), figures: summary)
    }
}
