import Foundation
import Registry
import RegistryStore

/// The module's report section: meetings, topics, and what became of them.
struct BenchTalkReport: ReportContribution {
    func section(from: CivilDate, to: CivilDate, settings: ModuleSettings, in tx: TenantTransaction) async throws -> ReportSection {
        let s = try await BenchTalkStore.summary(from: from, to: to, settings: settings, tx)
        return ReportSection(module: BenchTalkModule.moduleID, title: "\(s.localName) Bench talks", figures: [
            .init("会议 meetings", String(s.meetings)), .init("参加 attendees", String(s.attendees)), .init("议题 topics", String(s.topics)),
            .init("当场答复 answered on the spot", "\(s.answered) (\(String(format: "%.0f%%", s.answeredShare * 100)))"),
            .init("转为需求 turned into demands", String(s.turnedIntoDemands)), .init("需求已解决 demands resolved", String(s.demandsResolved)),
            .init("上报 referred", String(s.referred)), .init("待答复 open", "\(s.open) (overdue 逾期 \(s.overdue))"),
        ])
    }
}
