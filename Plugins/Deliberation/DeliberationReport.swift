import Foundation
import Registry
import RegistryStore

/// The module's report section: cases by kind and by step, rounds per case, share settled.
struct DeliberationReport: ReportContribution {
    func section(from: CivilDate, to: CivilDate, settings: ModuleSettings, in tx: TenantTransaction) async throws -> ReportSection {
        let s = try await DeliberationStore.summary(from: from, to: to, settings: settings, tx)
        let list = { (counts: [NamedCount]) in counts.map { "\($0.name) \($0.count)" }.joined(separator: "、") }
        return ReportSection(module: DeliberationModule.moduleID, title: "\(s.localName) Deliberation", figures: [
            .init("议题 cases", String(s.cases)), .init("按类别 by kind of matter", list(s.byKind)),
            .init("在办按步骤 open cases by step", list(s.byStep)), .init("已办结 closed", String(s.closed)),
            .init("轮次（平均/最多）rounds per case (mean / max)", "\(String(format: "%.1f", s.meanRounds)) / \(s.maxRounds)"),
            .init("达成一致 settled", "\(s.settled) (\(String(format: "%.0f%%", s.settledShare * 100)))"),
            .init("已公示 published", String(s.published)), .init("转为需求 turned into demands", String(s.demands)),
        ])
    }
}
