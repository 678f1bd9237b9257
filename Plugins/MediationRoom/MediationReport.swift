import Foundation
import Registry
import RegistryStore

/// The module's report section: cases by colour and grade, and the success rate.
struct MediationReport: ReportContribution {
    func section(from: CivilDate, to: CivilDate, settings: ModuleSettings, in tx: TenantTransaction) async throws -> ReportSection {
        let s = try await MediationStore.summary(from: from, to: to, settings: settings, tx)
        return ReportSection(module: MediationRoomModule.moduleID, title: "\(s.roomName) Mediation room", figures: [
            .init("案件 cases", String(s.cases)),
        ] + CaseColour.allCases.map { .init($0.chineseName, String(s.byColour[$0.rawValue] ?? 0)) } + [
            .init("一般 general", String(s.byGrade["general"] ?? 0)), .init("疑难 difficult", String(s.byGrade["difficult"] ?? 0)),
            .init("调解成功 agreements", "\(s.agreements) of \(s.closed) closed (\(String(format: "%.0f%%", s.successRate * 100)))"),
        ])
    }
}
